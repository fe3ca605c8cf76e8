"""Vectorised per-vessel track arithmetic shared by clean, gaps, calls, loitering.

Everything works on numpy arrays of a frame sorted by (mmsi, time): a
vessel's rows are contiguous, ``first`` marks each vessel's first row, and
"previous row" quantities are shifted arrays masked where ``first`` is
True. No Python loop runs per position or per vessel.

Distances: consecutive-row distances are screened on a sphere of the
IUGG mean Earth radius (R1 = 6,371,008.8 m; Moritz 1980, "Geodetic
Reference System 1980", Bulletin Géodésique 54) from unit-sphere xyz
vectors; wherever a number reaches a result or a threshold decision, it
is recomputed on the WGS84 ellipsoid with ``pyproj.Geod.inv``. The sphere
differs from the ellipsoid by under 0.6 % (flattening 1/298.26), so a
screen with a 1 % margin never misses a case.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd

from voyages.ais import columns as C
from voyages.units import EARTH_MEAN_RADIUS_M

SPHERE_MARGIN = 0.01
"""Relative margin covering sphere-vs-WGS84 differences (< 0.6 %)."""


@functools.cache
def geod():
    """The WGS84 ellipsoid (pyproj)."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


def geodesic_m(lat1, lon1, lat2, lon2) -> np.ndarray:
    """WGS84 geodesic distance in metres between paired points (arrays)."""
    lat1 = np.ascontiguousarray(lat1, dtype="float64")
    if lat1.size == 0:
        return np.zeros(0)
    if lat1.size == 1:  # pyproj takes its scalar path for size-1 arrays
        _, _, one = geod().inv(float(np.ravel(lon1)[0]), float(lat1[0]), float(np.ravel(lon2)[0]),
                               float(np.ravel(lat2)[0]))
        return np.array([one], dtype="float64")
    _, _, dist = geod().inv(np.ascontiguousarray(lon1, dtype="float64"), lat1,
                            np.ascontiguousarray(lon2, dtype="float64"),
                            np.ascontiguousarray(lat2, dtype="float64"))
    return np.asarray(dist, dtype="float64")


APPROX_MARGIN = 0.03
"""Relative margin for :func:`approx_m` on steps up to :data:`APPROX_MAX_M` below 80° latitude
(sphere vs WGS84 < 0.7 %, equirectangular vs sphere < 0.1 % at that length)."""

APPROX_MAX_M = 50_000.0
APPROX_MAX_LAT = 80.0


def approx_m(lat1, lon1, lat2, lon2, *, coslat=None) -> np.ndarray:
    """Equirectangular distance on the mean sphere, metres (a fast screen, not a result).

    Within :data:`APPROX_MARGIN` of the WGS84 geodesic for distances up to
    :data:`APPROX_MAX_M` at latitudes below :data:`APPROX_MAX_LAT`; callers
    recompute with :func:`geodesic_m` wherever a decision falls inside the
    margin or outside those bounds. ``coslat`` (cosine of the latitude at
    which to scale longitudes, e.g. a port's) saves the trigonometry.
    """
    lat1 = np.asarray(lat1, dtype="float64")
    lat2 = np.asarray(lat2, dtype="float64")
    dlon = np.subtract(lon2, lon1, dtype="float64")
    _wrap(dlon)
    if coslat is None:
        coslat = np.cos((lat1 + lat2) * (np.pi / 360.0))
    x = dlon * coslat
    x *= x
    y = lat2 - lat1
    y *= y
    x += y
    np.sqrt(x, out=x)
    x *= np.pi / 180.0 * EARTH_MEAN_RADIUS_M
    return x


def _wrap(dlon: np.ndarray) -> None:
    """Wrap longitude differences into [-180, 180] in place."""
    np.subtract(dlon, 360.0, out=dlon, where=dlon > 180.0)
    np.add(dlon, 360.0, out=dlon, where=dlon < -180.0)


def step_upper_m(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Upper bound (sphere, before the WGS84 margin) of each row's distance to the previous row.

    ``R·sqrt(Δφ² + Δλ²)`` — no trigonometry: cos φ ≤ 1 only lengthens the
    longitude term. Row 0 gets 0.
    """
    out = np.zeros(len(lat), dtype="float64")
    if len(lat) > 1:
        dlon = np.subtract(lon[1:], lon[:-1])
        _wrap(dlon)
        dlon *= dlon
        dlat = np.subtract(lat[1:], lat[:-1])
        dlat *= dlat
        dlon += dlat
        np.sqrt(dlon, out=out[1:])
        out *= np.pi / 180.0 * EARTH_MEAN_RADIUS_M
    return out


def unit_xyz(lat: np.ndarray, lon: np.ndarray, dtype: str = "float64") -> np.ndarray:
    """Unit-sphere vectors, shape (n, 3)."""
    la = np.radians(np.asarray(lat, dtype=dtype))
    lo = np.radians(np.asarray(lon, dtype=dtype))
    cos_la = np.cos(la)
    out = np.empty((la.size, 3), dtype=dtype)
    np.multiply(cos_la, np.cos(lo), out=out[:, 0])
    np.multiply(cos_la, np.sin(lo), out=out[:, 1])
    np.sin(la, out=out[:, 2])
    return out


def chord_to_m(chord: np.ndarray) -> np.ndarray:
    """Great-circle metres on the mean sphere from unit-sphere chord lengths."""
    return 2.0 * EARTH_MEAN_RADIUS_M * np.arcsin(np.minimum(chord * 0.5, 1.0))


def m_to_chord(metres: float) -> float:
    """Unit-sphere chord length for a great-circle distance in metres."""
    return float(2.0 * np.sin(min(metres / EARTH_MEAN_RADIUS_M, np.pi) / 2.0))


def step_sphere_m(xyz: np.ndarray) -> np.ndarray:
    """Sphere distance (m) from each row to the previous row; row 0 gets 0."""
    out = np.zeros(len(xyz), dtype="float64")
    if len(xyz) > 1:
        d = xyz[1:] - xyz[:-1]
        chord = np.sqrt(np.einsum("ij,ij->i", d, d, dtype="float64"))
        out[1:] = chord_to_m(chord)
    return out


def sort_order(mmsi: np.ndarray, time_ns: np.ndarray, lat: Any,
               lon: Any) -> np.ndarray | None:
    """Row order sorting by (mmsi, time, lat, lon); None when already sorted.

    The O(n) check comes first, so sorted input (what :func:`voyages.ais.write`
    produces) costs no sort. Ties on (mmsi, time) are broken by position so
    that the result does not depend on the input's row order.
    """
    n = len(mmsi)
    if n < 2:
        return None
    m0, m1 = mmsi[:-1], mmsi[1:]
    if not (m1 < m0).any():
        same = m1 == m0
        t0, t1 = time_ns[:-1], time_ns[1:]
        back = t1 < t0
        back &= same
        if not back.any():
            tie = t1 == t0
            tie &= same
            if not tie.any():
                return None
            a = np.flatnonzero(tie)
            la0, la1 = lat[a], lat[a + 1]
            if not ((la1 < la0) | ((la1 == la0) & (lon[a + 1] < lon[a]))).any():
                return None
    return np.lexsort((lon, lat, time_ns, mmsi))


def first_rows(mmsi: np.ndarray) -> np.ndarray:
    """True on each vessel's first row (input sorted by mmsi)."""
    first = np.empty(len(mmsi), dtype=bool)
    if len(mmsi):
        first[0] = True
        np.not_equal(mmsi[1:], mmsi[:-1], out=first[1:])
    return first


def time_ns(frame: pd.DataFrame) -> np.ndarray:
    """The ``time`` column as int64 nanoseconds since the epoch (UTC)."""
    values = frame[C.TIME]
    if getattr(values.dtype, "unit", "ns") != "ns":
        values = values.astype(C.TIME_DTYPE)
    return values.to_numpy(dtype="datetime64[ns]").view("int64")


def runs(mask: np.ndarray, first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (inclusive) row indexes of runs of True, split at vessel changes."""
    m = mask.astype(bool)
    if not m.any():
        empty = np.zeros(0, dtype="int64")
        return empty, empty
    prev = np.concatenate(([False], m[:-1])) & ~first
    starts = np.flatnonzero(m & ~prev)
    nxt = np.concatenate((m[1:] & ~first[1:], [False]))
    ends = np.flatnonzero(m & ~nxt)
    return starts, ends


def hysteresis(on: np.ndarray, off: np.ndarray, first: np.ndarray) -> np.ndarray:
    """State that turns True where ``on``, False where ``off``, else keeps its value.

    Each vessel starts False. ``on`` wins when both are True on a row.
    """
    n = len(on)
    event = on | off | first
    idx = np.where(event, np.arange(n), 0)
    np.maximum.accumulate(idx, out=idx)
    return on[idx]
