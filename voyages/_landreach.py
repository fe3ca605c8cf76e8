"""Can two places be joined over land within a given detour? (private)

Used by :mod:`voyages.land` before it offers a geodesic × circuity
estimate: an estimate assumes a land path no longer than ``circuity ×
geodesic`` exists. Every such path lies inside the ellipse with the two
places as foci and that length as its major axis, whose half-width is
``geodesic / 2 · sqrt(circuity² − 1)``. :func:`land_connected` labels the
land cells of the GSHHS land/sea mask (:mod:`voyages._landmask`, 2.5′
cells, lakes counted as land) inside the bounding box of that ellipse and
says whether both places fall in one connected piece of land (8-connected
cells). A place on the coast whose own cell is sea is moved to the nearest
land cell within :data:`SNAP_CELLS` cells.
"""

from __future__ import annotations

import math

__all__ = ["SNAP_CELLS", "land_connected"]

SNAP_CELLS = 3
"""How far (in 2.5′ cells, about 14 km) a coastal place may be moved onto land."""

_KM_PER_DEG_LAT = 111.0


def _snap(land, row: int, col: int) -> tuple[int, int] | None:
    rows, cols = land.shape
    best = None
    for dr in range(-SNAP_CELLS, SNAP_CELLS + 1):
        for dc in range(-SNAP_CELLS, SNAP_CELLS + 1):
            r, c = row + dr, col + dc
            if 0 <= r < rows and 0 <= c < cols and land[r, c]:
                d = dr * dr + dc * dc
                if best is None or d < best[0]:
                    best = (d, r, c)
    return None if best is None else (best[1], best[2])


def land_connected(lon1: float, lat1: float, lon2: float, lat2: float, *,
                   geodesic_km: float, circuity: float) -> bool | None:
    """Whether one piece of land joins the two points inside the detour ellipse.

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float
        Degrees (WGS84).
    geodesic_km : float
        Straight-line distance between them, km.
    circuity : float
        The largest road length / straight line considered (≥ 1).

    Returns
    -------
    bool or None
        None when the land/sea mask is not installed or the window crosses
        the antimeridian or a pole (nothing is claimed then).
    """
    import numpy as np
    from scipy import ndimage

    from voyages import _landmask

    mask = _landmask._mask()
    if mask is None:
        return None
    half_width = geodesic_km / 2.0 * math.sqrt(max(circuity, 1.0) ** 2 - 1.0)
    pad_lat = half_width / _KM_PER_DEG_LAT
    lat_lo, lat_hi = min(lat1, lat2) - pad_lat, max(lat1, lat2) + pad_lat
    if lat_lo < -89.0 or lat_hi > 89.0:
        return None
    widest = max(abs(lat_lo), abs(lat_hi))
    pad_lon = half_width / (_KM_PER_DEG_LAT * math.cos(math.radians(widest)))
    lon_lo, lon_hi = min(lon1, lon2) - pad_lon, max(lon1, lon2) + pad_lon
    if lon_lo < -180.0 or lon_hi > 180.0 or abs(lon1 - lon2) > 180.0:
        return None
    cell = _landmask._CELL_DEG
    r0, r1 = int((lat_lo + 90.0) / cell), int((lat_hi + 90.0) / cell) + 1
    c0, c1 = int((lon_lo + 180.0) / cell), int((lon_hi + 180.0) / cell) + 1
    land = ~mask[r0:r1, c0:c1]
    labels, _ = ndimage.label(land, structure=np.ones((3, 3), dtype=bool))
    ends = []
    for lon, lat in ((lon1, lat1), (lon2, lat2)):
        at = _snap(land, int((lat + 90.0) / cell) - r0, int((lon + 180.0) / cell) - c0)
        if at is None:
            return False
        ends.append(labels[at])
    return bool(ends[0] == ends[1])
