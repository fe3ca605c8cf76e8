"""Country names looked up through the cached copy of rigour's name index."""

from __future__ import annotations

import pytest

from voyages import _territory_names
from voyages._cache import cache_dir

QUERIES = ["Tanzania", " tanzania ", "TANZANIA", "Cameroon", "Côte d'Ivoire", "Cote d’Ivoire",
           "São Tomé and Príncipe", "Russian Federation", "Россия", "中国", "Hong Kong",
           "Soviet Union", "CM", "cmr", "Q1009", "Atlantis", "", "  ", "United  States",
           "Korea, Democratic People's Republic of", "Bamako", "Keelung"]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VOYAGES_CACHE_DIR", str(tmp_path))
    _territory_names._names.cache_clear()
    yield tmp_path
    _territory_names._names.cache_clear()


def _code(territory):
    return None if territory is None else territory.code


def test_same_answers_as_rigour(fresh_cache):
    from rigour.territories import lookup_territory
    from rigour.territories.lookup import _get_territory_names

    names = list(_get_territory_names())
    sample = QUERIES + names[::97] + [n.upper() for n in names[::211]]
    assert [_code(_territory_names.lookup_territory(q)) for q in sample] == \
        [_code(lookup_territory(q)) for q in sample]
    assert _code(_territory_names.lookup_territory("Tanzania")) == "tz"


def test_index_is_kept_in_the_cache_and_read_back(fresh_cache, monkeypatch):
    assert _code(_territory_names.lookup_territory("Cameroon")) == "cm"
    files = list(cache_dir().glob("territory-names-*.json"))
    assert len(files) == 1
    _territory_names._names.cache_clear()

    def no_rebuild():
        raise AssertionError("rebuilt although the cache file is current")

    monkeypatch.setattr(_territory_names, "_build", no_rebuild)
    assert _code(_territory_names.lookup_territory("Tanzania")) == "tz"


def test_corrupt_cache_file_is_rebuilt(fresh_cache):
    _territory_names.lookup_territory("Tanzania")
    (path,) = cache_dir().glob("territory-names-*.json")
    path.write_text("{not json", encoding="utf-8")
    _territory_names._names.cache_clear()
    assert _code(_territory_names.lookup_territory("Tanzania")) == "tz"
    assert path.read_text(encoding="utf-8").startswith("{")
    assert '"tanzania": "tz"' in path.read_text(encoding="utf-8")


def test_unwritable_cache_folder_still_answers(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("VOYAGES_CACHE_DIR", str(blocker / "cache"))
    _territory_names._names.cache_clear()
    try:
        assert _code(_territory_names.lookup_territory("Tanzania")) == "tz"
    finally:
        _territory_names._names.cache_clear()
