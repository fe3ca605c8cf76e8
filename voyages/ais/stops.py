"""``voyages.ais.stops``: where a vessel stayed within a small area for a while.

The definition is MovingPandas's ``TrajectoryStopDetector``: "a stop is
detected if the movement stays within an area of specified size for at
least the specified duration" (``max_diameter``, ``min_duration``;
movingpandas ``trajectory_stop_detector.py``). MovingPandas grows a
window point by point in Python and measures it with a minimum rotated
rectangle; here every report opens a window reaching ``min_duration_h``
ahead (one ``searchsorted``), the window's extent is the diagonal of its
bounding box in a local projection (x = R·Δλ·cos φ̄ per vessel,
y = R·Δφ), taken with sparse-table range minima and maxima, and windows
within ``max_diameter_m`` that share reports are merged into stops. The bounding-box
diagonal is never shorter than the rotated rectangle's, so our windows are
slightly stricter; ``benchmarks/ais.py`` prints how well the two agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from voyages._validate import check_number
from voyages.ais import _track as T
from voyages.ais._prepare import prepare, to_utc
from voyages.ais.dask import dask_per_vessel

STOP_COLUMNS = ("mmsi", "start", "end", "duration_h", "lat", "lon", "positions")
"""Columns of the frame :func:`stops` returns."""


def _range_ext(values: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Min and max of values[lo..hi] (inclusive) for each pair, via a sparse table."""
    length = hi - lo + 1
    level = np.zeros(len(lo), dtype="int64")
    if len(lo):
        level = np.floor(np.log2(np.maximum(length, 1))).astype("int64")
    vmin = np.empty(len(lo))
    vmax = np.empty(len(lo))
    cur_min = values.copy()
    cur_max = values.copy()
    top = int(level.max()) if len(level) else 0
    for k in range(top + 1):
        sel = np.flatnonzero(level == k)
        if sel.size:
            a = lo[sel]
            b = hi[sel] - (1 << k) + 1
            vmin[sel] = np.minimum(cur_min[a], cur_min[b])
            vmax[sel] = np.maximum(cur_max[a], cur_max[b])
        step = 1 << k
        if k < top:
            nxt_min = cur_min.copy()
            nxt_max = cur_max.copy()
            np.minimum(cur_min[:-step], cur_min[step:], out=nxt_min[:-step])
            np.maximum(cur_max[:-step], cur_max[step:], out=nxt_max[:-step])
            cur_min, cur_max = nxt_min, nxt_max
    return vmin, vmax


@dask_per_vessel(STOP_COLUMNS)
def stops(positions: pd.DataFrame, *, max_diameter_m: float, min_duration_h: float) -> pd.DataFrame:
    """Stops: stretches of a vessel's track within ``max_diameter_m`` for ``min_duration_h``.

    Parameters
    ----------
    positions : pandas.DataFrame or dask.dataframe.DataFrame
        Columns ``mmsi``, ``time``, ``lat``, ``lon``. Rows flagged by
        :func:`clean` are skipped. Not modified.
    max_diameter_m : float
        Largest extent of a stop, metres (MovingPandas ``max_diameter``;
        it publishes no default).
    min_duration_h : float
        Shortest stop, hours (MovingPandas ``min_duration``).

    Returns
    -------
    pandas.DataFrame
        ``mmsi``, ``start``, ``end`` (first and last report of the stop,
        datetime64[ns, UTC]), ``duration_h``, ``lat``, ``lon`` (mean
        position, degrees), ``positions`` (reports in the stop).

    Raises
    ------
    InputError
        A required column is missing, ``time`` is not timezone-aware, or a
        threshold is not a finite number > 0.

    Examples
    --------
    >>> from voyages import ais
    >>> s = ais.stops(ais.read(ais.sample_path("nmea")), max_diameter_m=500, min_duration_h=2)
    >>> s["duration_h"].tolist(), s["positions"].tolist()
    ([4.0, 29.0], [5, 30])
    """
    check_number("max_diameter_m", max_diameter_m, above=True)
    check_number("min_duration_h", min_duration_h, above=True)
    track = prepare(positions)
    n = len(track.t)
    if n < 2:
        return _empty()
    first = track.first
    vessel = np.cumsum(first) - 1
    starts = np.flatnonzero(first)
    # local equirectangular projection per vessel
    mean_lat = np.add.reduceat(track.lat, starts) / np.diff(np.append(starts, n))
    coslat = np.cos(np.radians(mean_lat))[vessel]
    y = np.radians(track.lat) * T.EARTH_MEAN_RADIUS_M
    x = np.radians(track.lon) * T.EARTH_MEAN_RADIUS_M * coslat
    # window end: first report at least min_duration after each report, same vessel
    t = track.t - track.t[starts][vessel]
    need = int(round(min(min_duration_h * 3.6e12, 2.0**62)))  # ns; beyond any track
    if need > int(t.max()):  # no vessel was tracked that long
        return _empty()
    span = int(t.max()) + need + 1
    key = t + vessel.astype("int64") * span
    j = np.searchsorted(key, key + need, side="left")
    valid = j < n
    valid[valid] &= vessel[j[valid]] == vessel[valid]
    i_idx = np.flatnonzero(valid)
    if i_idx.size == 0:
        return _empty()
    j_idx = j[i_idx]
    xmin, xmax = _range_ext(x, i_idx, j_idx)
    ymin, ymax = _range_ext(y, i_idx, j_idx)
    diag = np.hypot(xmax - xmin, ymax - ymin)
    good = diag < max_diameter_m
    lo, hi = i_idx[good], j_idx[good]
    if lo.size == 0:
        return _empty()
    # merge windows that share reports (sorted by lo; never across vessels)
    new = np.ones(len(lo), dtype=bool)
    new[1:] = lo[1:] > np.maximum.accumulate(hi)[:-1]
    heads = np.flatnonzero(new)
    a = lo[heads]
    b = np.maximum.reduceat(hi, heads)
    count = b - a + 1
    csum_lat = np.concatenate(([0.0], np.cumsum(track.lat)))
    csum_lon = np.concatenate(([0.0], np.cumsum(track.lon)))
    return pd.DataFrame({
        "mmsi": track.mmsi[a],
        "start": to_utc(track.t[a]),
        "end": to_utc(track.t[b]),
        "duration_h": (track.t[b] - track.t[a]) / 3.6e12,
        "lat": (csum_lat[b + 1] - csum_lat[a]) / count,
        "lon": (csum_lon[b + 1] - csum_lon[a]) / count,
        "positions": count.astype("int64"),
    })


def _empty() -> pd.DataFrame:
    z = np.zeros(0)
    return pd.DataFrame({"mmsi": np.zeros(0, dtype="int64"),
                         "start": to_utc(np.zeros(0, dtype="int64")),
                         "end": to_utc(np.zeros(0, dtype="int64")),
                         "duration_h": z, "lat": z, "lon": z,
                         "positions": np.zeros(0, dtype="int64")})
