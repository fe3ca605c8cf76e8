"""The user cache (voyages/_cache.py) and what is kept in it: a cache file
that is missing, stale, corrupt or unwritable never changes a result and
never raises."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from voyages import _cache

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("VOYAGES_CACHE_DIR", str(folder))
    return folder


def test_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("VOYAGES_CACHE_DIR", str(tmp_path / "x"))
    assert _cache.cache_dir() == tmp_path / "x"
    monkeypatch.delenv("VOYAGES_CACHE_DIR")
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert _cache.cache_dir() == tmp_path / "xdg" / "voyages"
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
        assert _cache.cache_dir() == Path.home() / ".cache" / "voyages"


def test_arrays_are_built_once_then_read_back(cache):
    calls = []

    def build():
        calls.append(1)
        return {"a": np.arange(5.0), "tag": np.array(["x", ""])}

    first = _cache.cached_arrays("t.npz", "k1", build)
    second = _cache.cached_arrays("t.npz", "k1", build)
    assert len(calls) == 1
    assert np.array_equal(first["a"], second["a"]) and second["tag"].tolist() == ["x", ""]
    _cache.cached_arrays("t.npz", "k2", build)  # another key: stale, rebuilt
    assert len(calls) == 2


@pytest.mark.parametrize("garbage", [b"", b"not a zip file", b"PK\x03\x04truncated"])
def test_a_corrupt_arrays_file_is_rebuilt(cache, garbage):
    cache.mkdir()
    (cache / "t.npz").write_bytes(garbage)
    out = _cache.cached_arrays("t.npz", "k", lambda: {"a": np.ones(3)})
    assert out["a"].tolist() == [1.0, 1.0, 1.0]
    assert _cache.cached_arrays("t.npz", "k", lambda: {"a": np.zeros(1)})["a"].tolist() == [1.0] * 3


def test_a_large_array_is_memory_mapped_and_a_bad_one_rebuilt(cache):
    built = []

    def build():
        built.append(1)
        return np.eye(4, dtype=bool)

    _cache.cached_array("m", "k", build, shape=(4, 4), dtype=bool)
    again = _cache.cached_array("m", "k", build, shape=(4, 4), dtype=bool)
    assert isinstance(again, np.memmap) and not again.flags.writeable and len(built) == 1
    del again
    (cache / "m-k.npy").write_bytes(b"\x93NUMPY garbage")
    assert np.array_equal(_cache.cached_array("m", "k", build, shape=(4, 4), dtype=bool),
                          np.eye(4, dtype=bool))
    assert len(built) == 2
    # A file of the wrong shape is rebuilt, and a new key removes the old file.
    np.save(cache / "m-k.npy", np.zeros((2, 2), dtype=bool))
    assert _cache.cached_array("m", "k", build, shape=(4, 4), dtype=bool).shape == (4, 4)
    _cache.cached_array("m", "k2", build, shape=(4, 4), dtype=bool)
    assert sorted(p.name for p in cache.glob("m-*.npy")) == ["m-k2.npy"]


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("VOYAGES_CACHE_DIR", str(blocker / "cache"))
    assert _cache.cached_arrays("t.npz", "k", lambda: {"a": np.ones(2)})["a"].sum() == 2
    store = _cache.JsonStore("s", "d")
    store.put("x", 1)
    assert store.get("x") == 1


def test_json_stores_merge_what_other_processes_wrote(cache):
    one, two = _cache.JsonStore("s", "d"), _cache.JsonStore("s", "d")
    assert one.get("a") is None and two.get("b") is None  # both read the empty file
    one.put("a", 1)
    two.put("b", 2)
    assert json.loads((cache / "s-d.json").read_text()) == {"a": 1, "b": 2}
    (cache / "s-d.json").write_text("{truncated")
    assert _cache.JsonStore("s", "d").get("a") is None
    _cache.JsonStore("s", "e").put("c", 3)  # a new digest replaces the stale file
    assert [p.name for p in cache.glob("s-*.json")] == ["s-e.json"]


def test_the_cached_sea_graph_is_the_one_built_from_searoute(cache):
    from voyages import _seagraph

    _seagraph.sea_graph.cache_clear()
    try:
        graph = _seagraph.sea_graph()
        assert list(cache.glob("seagraph.npz"))
        _seagraph.sea_graph.cache_clear()
        cached = _seagraph.sea_graph()
        built = _seagraph._build_arrays()
    finally:
        _seagraph.sea_graph.cache_clear()
    for name in ("lon", "lat", "u", "v", "length_nm"):
        assert np.array_equal(getattr(cached, name), built[name])
        assert np.array_equal(getattr(graph, name), built[name])
    assert cached.passage.tolist() == [t or None for t in built["passage"].tolist()]
    assert "suez" in set(cached.passage.tolist()) and None in set(cached.passage.tolist())


def _check_json(env: dict[str, str], case: str = "mali-2025") -> str:
    result = subprocess.run([sys.executable, "-m", "voyages", "check",
                             f"reports/{case}/case.toml", "--format", "json"],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(("case", "cached"), [
    ("mali-2025", ("sea-segments-", "land-paths-road-", "timezones-")),
    ("keelung-2025", ("sea-segments-", "territory-strong-names-", "timezones-")),
])
def test_check_gives_the_same_findings_cold_warm_and_with_a_corrupt_cache(tmp_path, case,
                                                                           cached):
    env = {**os.environ, "VOYAGES_CACHE_DIR": str(tmp_path / "c")}
    cold = _check_json(env, case)
    files = sorted(p.name for p in (tmp_path / "c").iterdir())
    for prefix in cached:
        assert any(n.startswith(prefix) for n in files), (prefix, files)
    warm = _check_json(env, case)
    for path in (tmp_path / "c").iterdir():
        path.write_bytes(b"garbage")
    corrupt = _check_json(env, case)
    assert cold == warm == corrupt
    assert json.loads(cold)["findings"]
