"""Match positions to the nearest port within a radius, fast.

Ports are the gazetteer's places of kind port, anchorage or cable landing
(searoute's UN/LOCODE ports plus ``ports/places.csv``). Matching runs in
three vectorised steps: a 0.05° grid marks cells that may lie within the
radius of some port (one gather per position), a ``scipy.spatial.cKDTree``
on unit-sphere vectors finds the nearest port for the positions in those
cells, and ``pyproj.Geod`` measures the distance exactly for the positions
it found within the radius.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from voyages.ais import _track as T

CELL_DEG = 0.05
_ROWS = int(round(180 / CELL_DEG))
_COLS = int(round(360 / CELL_DEG))


@dataclass(frozen=True)
class PortIndex:
    """Port coordinates, codes and names, with their KD-tree and grid."""

    lat: np.ndarray
    lon: np.ndarray
    locode: np.ndarray  # object: str or None
    name: np.ndarray  # object
    kind: np.ndarray  # object
    tree: object
    grid: np.ndarray  # bool, _ROWS * _COLS
    radius_km: float


def _cells(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    row = np.clip(((lat + 90.0) * (1 / CELL_DEG)).astype("int64"), 0, _ROWS - 1)
    col = ((lon + 180.0) * (1 / CELL_DEG)).astype("int64") % _COLS
    return row * _COLS + col


def build_index(places, radius_km: float) -> PortIndex:
    """Index ``places`` (Place objects) for matching within ``radius_km``."""
    from scipy.spatial import cKDTree

    places = [p for p in places if p.is_port]
    lat = np.array([p.lat for p in places], dtype="float64")
    lon = np.array([p.lon for p in places], dtype="float64")
    grid = np.zeros(_ROWS * _COLS, dtype=bool)
    reach_deg_lat = (radius_km * 1.02) / 110.5 + CELL_DEG
    for la, lo in zip(lat, lon, strict=True):
        coslat = max(np.cos(np.radians(min(abs(la) + reach_deg_lat, 89.9))), 1e-3)
        reach_lon = (radius_km * 1.02) / (111.0 * coslat) + CELL_DEG
        r0 = int(np.clip((la - reach_deg_lat + 90.0) / CELL_DEG, 0, _ROWS - 1))
        r1 = int(np.clip((la + reach_deg_lat + 90.0) / CELL_DEG, 0, _ROWS - 1))
        c0 = int(np.floor((lo - reach_lon + 180.0) / CELL_DEG))
        c1 = int(np.floor((lo + reach_lon + 180.0) / CELL_DEG))
        cols = np.arange(c0, c1 + 1) % _COLS
        for r in range(r0, r1 + 1):
            grid[r * _COLS + cols] = True
    return PortIndex(
        lat=lat, lon=lon,
        locode=np.array([p.locode for p in places], dtype=object),
        name=np.array([p.name for p in places], dtype=object),
        kind=np.array([p.kind for p in places], dtype=object),
        tree=cKDTree(T.unit_xyz(lat, lon)) if len(places) else None,
        grid=grid, radius_km=radius_km,
    )


@functools.cache
def gazetteer_index(radius_km: float) -> PortIndex:
    """The bundled gazetteer's ports, indexed for ``radius_km`` (cached)."""
    from voyages.places import gazetteer

    return build_index(list(gazetteer()), radius_km)


def nearest(index: PortIndex, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nearest port within ``index.radius_km`` of each position.

    Returns
    -------
    port : int64 array
        Index into the PortIndex arrays, -1 where none is within the radius.
    distance_km : float64 array
        WGS84 geodesic distance to that port, inf where none.
    """
    n = len(lat)
    port = np.full(n, -1, dtype="int64")
    dist = np.full(n, np.inf)
    if n == 0 or index.tree is None:
        return port, dist
    cand = np.flatnonzero(index.grid[_cells(lat, lon)])
    if cand.size == 0:
        return port, dist
    bound = T.m_to_chord(index.radius_km * 1000.0 * (1 + T.SPHERE_MARGIN))
    chord, idx = index.tree.query(T.unit_xyz(lat[cand], lon[cand]), k=1,  # type: ignore[attr-defined]
                                  distance_upper_bound=bound)
    found = np.isfinite(chord)
    cand, idx = cand[found], idx[found]
    exact_km = T.geodesic_m(lat[cand], lon[cand], index.lat[idx], index.lon[idx]) / 1000.0
    within = exact_km <= index.radius_km
    port[cand[within]] = idx[within]
    dist[cand[within]] = exact_km[within]
    return port, dist
