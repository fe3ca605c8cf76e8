"""Match positions to the nearest port within a radius, fast.

Ports are the gazetteer's places of kind port, anchorage or cable landing
(searoute's UN/LOCODE ports plus ``ports/places.csv``). Matching runs in
vectorised steps: a 0.05° grid gives, for each cell, the one port whose
radius may reach it (or "none", or "several"), with one gather per
position; positions in a one-port cell are screened with an
equirectangular distance to that port, positions in a several-port cell
go through a ``scipy.spatial.cKDTree`` on unit-sphere vectors; and
``pyproj.Geod`` measures the WGS84 distance exactly wherever it decides
something (within the screen's margin of a threshold).
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
    coslat: np.ndarray
    tree: object
    grid: np.ndarray  # int16 per cell: port index, -1 none, -2 several
    radius_km: float


def _cells(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    row = ((lat + 90.0) * (1 / CELL_DEG)).astype("int32")
    np.clip(row, 0, _ROWS - 1, out=row)
    col = ((lon + 180.0) * (1 / CELL_DEG)).astype("int32")
    np.clip(col, 0, _COLS - 1, out=col)
    row *= _COLS
    row += col
    return row


_HALF_EQUATOR_KM = np.pi * 6378.137
"""Half the WGS84 equator, km: no two points on Earth are further apart."""

_GRID_MAX_KM = 100.0
"""Above this radius the cell grid would take long to fill; every position
is then matched with the k-d tree alone (same result, slower per position)."""


def build_index(places, radius_km: float) -> PortIndex:
    """Index ``places`` (Place objects) for matching within ``radius_km``."""
    from scipy.spatial import cKDTree

    radius_km = min(radius_km, _HALF_EQUATOR_KM)  # a larger radius covers the globe too
    places = [p for p in places if p.is_port]
    lat = np.array([p.lat for p in places], dtype="float64")
    lon = np.array([p.lon for p in places], dtype="float64")
    grid = np.full(_ROWS * _COLS, -1, dtype="int16")
    reach_deg_lat = (radius_km * 1.05) / 110.5 + CELL_DEG
    if radius_km > _GRID_MAX_KM and places:  # every cell: ask the tree
        grid[:] = -2
    for i, (la, lo) in enumerate(zip(lat, lon, strict=True)):
        if radius_km > _GRID_MAX_KM:
            break
        coslat = max(np.cos(np.radians(min(abs(la) + reach_deg_lat, 89.9))), 1e-3)
        reach_lon = (radius_km * 1.05) / (111.0 * coslat) + CELL_DEG
        r0 = int(np.clip((la - reach_deg_lat + 90.0) / CELL_DEG, 0, _ROWS - 1))
        r1 = int(np.clip((la + reach_deg_lat + 90.0) / CELL_DEG, 0, _ROWS - 1))
        c0 = int(np.floor((lo - reach_lon + 180.0) / CELL_DEG))
        c1 = int(np.floor((lo + reach_lon + 180.0) / CELL_DEG))
        cols = np.arange(c0, min(c1, c0 + _COLS - 1) + 1) % _COLS  # at most once round
        for r in range(r0, r1 + 1):
            cells = r * _COLS + cols
            current = grid[cells]
            grid[cells] = np.where(current == -1, i, np.where(current == i, i, -2))
    return PortIndex(
        lat=lat, lon=lon,
        locode=np.array([p.locode for p in places], dtype=object),
        name=np.array([p.name for p in places], dtype=object),
        kind=np.array([p.kind for p in places], dtype=object),
        coslat=np.cos(np.radians(lat)),
        tree=cKDTree(T.unit_xyz(lat, lon)) if len(places) else None,
        grid=grid, radius_km=radius_km,
    )


@functools.cache
def gazetteer_index(radius_km: float) -> PortIndex:
    """The bundled gazetteer's ports, indexed for ``radius_km`` (cached)."""
    from voyages.places import gazetteer

    return build_index(list(gazetteer()), radius_km)


def nearest(index: PortIndex, lat: np.ndarray, lon: np.ndarray, *,
            exact_near: tuple[float, ...] = ()) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions within ``index.radius_km`` of a port, with the nearest port.

    Parameters
    ----------
    exact_near : tuple of float
        Distances (km) besides the radius at which decisions are taken:
        distances within the screen's margin of any of them are measured
        exactly on WGS84.

    Returns
    -------
    rows : int64 array
        The positions (indexes into ``lat``/``lon``, ascending) near a port.
    port : int64 array
        For each, the index into the PortIndex arrays.
    distance_km : float64 array
        For each, the distance to that port (WGS84 within the margin of the
        radius and of ``exact_near``; the screen's value, within 3 %, elsewhere).
    """
    n = len(lat)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    if index.tree is not None:
        for start in range(0, n, CHUNK):  # bounded temporaries, whatever n is
            stop = min(start + CHUNK, n)
            rows, port, dist = _nearest(index, lat[start:stop], lon[start:stop], exact_near)
            parts.append((rows + start, port, dist))
    if not parts:
        return np.zeros(0, dtype="int64"), np.zeros(0, dtype="int64"), np.zeros(0)
    return tuple(np.concatenate(p) for p in zip(*parts, strict=True))  # type: ignore[return-value]


CHUNK = 1 << 20
"""Positions matched at a time (keeps temporaries to a few tens of MB)."""


def _nearest(index: PortIndex, lat: np.ndarray, lon: np.ndarray,
             exact_near: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    cell_port = index.grid[_cells(lat, lon)]
    cand = np.flatnonzero(cell_port != -1)
    cp = cell_port[cand].astype("int64")
    several = cp == -2
    if several.any():
        s_idx = cand[several]
        bound = T.m_to_chord(index.radius_km * 1000.0 * (1 + T.APPROX_MARGIN))
        chord, near = index.tree.query(T.unit_xyz(lat[s_idx], lon[s_idx]), k=1,  # type: ignore[attr-defined]
                                       distance_upper_bound=bound)
        cp[several] = np.where(np.isfinite(chord), near, -1)
        ok = cp >= 0
        cand, cp = cand[ok], cp[ok]
    # equirectangular screen in squared degrees (no square root, no trigonometry)
    radius = index.radius_km
    deg_per_km = 180.0 / (np.pi * T.EARTH_MEAN_RADIUS_M / 1000.0)
    dlon = lon[cand]
    dlon -= index.lon[cp]
    if len(dlon) and np.abs(dlon).max() > 180.0:
        T._wrap(dlon)
    dlon *= index.coslat[cp]
    dlon *= dlon
    dlat = lat[cand]
    dlat -= index.lat[cp]
    dlat *= dlat
    dlon += dlat
    maybe = dlon <= (radius * (1 + T.APPROX_MARGIN) * deg_per_km) ** 2
    cand, cp = cand[maybe], cp[maybe]
    d_km = np.sqrt(dlon[maybe]) / deg_per_km
    unsure = np.zeros(len(cand), dtype=bool)
    for level in (radius, *exact_near):
        unsure |= np.abs(d_km - level) <= level * T.APPROX_MARGIN
    unsure |= np.abs(lat[cand]) > T.APPROX_MAX_LAT
    u = np.flatnonzero(unsure)
    if u.size:
        d_km[u] = T.geodesic_m(lat[cand[u]], lon[cand[u]], index.lat[cp[u]],
                               index.lon[cp[u]]) / 1000.0
    within = d_km <= radius
    return cand[within], cp[within], d_km[within]
