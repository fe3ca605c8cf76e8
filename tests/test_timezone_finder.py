"""timezonefinder is loaded without numba (slow to compile, same answers)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
needs_numba = pytest.mark.skipif(importlib.util.find_spec("numba") is None,
                                 reason="numba is not installed")

POINTS = "[(25.321158, 121.68831), (9.51, -13.71), (68.97, 33.08), (12.65, -8.0), " \
         "(0.0, -160.0), (-33.9, 18.4), (51.5, -0.1), (40.7, -74.0)]"


def _run(code: str, tmp_path: Path) -> dict:
    env = {**os.environ, "VOYAGES_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout)


@needs_numba
def test_time_zones_without_loading_numba_which_stays_importable(tmp_path):
    out = _run(
        "import json, sys\n"
        "from voyages.places import timezone_at\n"
        f"zones = [timezone_at(lat, lon) for lat, lon in {POINTS}]\n"
        "loaded = 'numba' in sys.modules\n"
        "import numba\n"
        "print(json.dumps({'zones': zones, 'loaded': loaded, 'numba': numba.__name__}))",
        tmp_path)
    assert out["loaded"] is False
    assert out["numba"] == "numba"
    assert out["zones"][:4] == ["Asia/Taipei", "Africa/Conakry", "Europe/Moscow",
                                "Africa/Bamako"]


@needs_numba
@pytest.mark.slow
def test_same_zones_as_timezonefinder_with_numba(tmp_path):
    points = ("import random\nrandom.seed(7)\n"
              "pts = [(random.uniform(-89, 89), random.uniform(-180, 180)) for _ in range(3000)]\n")
    ours = _run(points + "import json\nfrom voyages.places import _timezone_finder\n"
                "tf = _timezone_finder()\n"
                "print(json.dumps([tf.using_numba()] + [tf.timezone_at(lng=lo, lat=la) "
                "for la, lo in pts]))", tmp_path)
    theirs = _run(points + "import json\nfrom timezonefinder import TimezoneFinder\n"
                  "tf = TimezoneFinder(in_memory=True)\n"
                  "print(json.dumps([tf.using_numba()] + [tf.timezone_at(lng=lo, lat=la) "
                  "for la, lo in pts]))", tmp_path)
    assert ours[0] is False and theirs[0] is True
    assert ours[1:] == theirs[1:]
