"""Encounters: two vessels close together, slow, for long, away from anchorages.

Possible ship-to-ship transfers. The definition and its defaults are
Global Fishing Watch's: two vessels "within 500 meters of one another, for
a duration of at least 2 hours, traveling at a median speed of less than 2
knots, and located at least 10 kilometers (5.4 nautical miles) from a
coastal anchorage" (Global Fishing Watch FAQ "What is a vessel
encounter?"; Miller et al. 2018, Frontiers in Marine Science 5:240,
https://www.frontiersin.org/articles/10.3389/fmars.2018.00240/full, as
cited in GlobalFishingWatch/GFW_technical_documentation). As in GFW's
encounters pipeline (GlobalFishingWatch/encounters_pipeline, pipeline
definition: ``RESAMPLE_INCREMENT_MINUTES = 10.0``, ``MAX_GAP_HOURS =
1.0``), each track is first resampled to a 10-minute grid by linear
interpolation, never across a silence of more than an hour.

The neighbour search is one ``scipy.spatial.cKDTree`` over the resampled
points in Earth-centred coordinates, each 10-minute step set apart from the
next by far more than the distance threshold (a time-bucketed tree): only
points of the same step can pair, and no loop runs over pairs of vessels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from voyages._validate import check_number
from voyages.ais._frame import (
    WGS84_A_M,
    WGS84_F,
    metres_per_degree,
    require_positions,
    seconds,
    sorted_track,
    wrap_dlon,
)
from voyages.units import NM_M

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ENCOUNTER_COLUMNS",
    "MAX_DISTANCE_M",
    "MAX_MEDIAN_SPEED_KN",
    "MIN_ANCHORAGE_DISTANCE_KM",
    "MIN_DURATION_H",
    "RESAMPLE_MIN",
    "anchorage_points",
    "encounters",
]

MAX_DISTANCE_M = 500.0
"""Vessels closer than this, in metres, are together (GFW: "within 500 meters")."""
MIN_DURATION_H = 2.0
"""Shortest encounter, in hours (GFW: "a duration of at least 2 hours")."""
MAX_MEDIAN_SPEED_KN = 2.0
"""Each vessel's median speed during the encounter is below this, in knots (GFW)."""
MIN_ANCHORAGE_DISTANCE_KM = 10.0
"""An encounter at least this far from a coastal anchorage, in km (GFW)."""
RESAMPLE_MIN = 10.0
"""Resampling step, minutes (GFW encounters pipeline, ``RESAMPLE_INCREMENT_MINUTES``)."""
MAX_GAP_H = 1.0
"""No interpolation across longer silences, hours (GFW, ``MAX_GAP_HOURS``)."""

ENCOUNTER_COLUMNS = (
    "mmsi_1", "mmsi_2", "start", "end", "duration_h", "lat", "lon",
    "median_distance_m", "min_distance_m", "median_speed_kn_1", "median_speed_kn_2",
    "anchorage", "anchorage_distance_km", "points",
)


def _ecef(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Earth-centred, Earth-fixed coordinates in metres on the WGS84 ellipsoid (height 0)."""
    e2 = WGS84_F * (2 - WGS84_F)
    phi, lam = np.radians(lat), np.radians(lon)
    n = WGS84_A_M / np.sqrt(1 - e2 * np.sin(phi) ** 2)
    return np.column_stack([n * np.cos(phi) * np.cos(lam), n * np.cos(phi) * np.sin(lam),
                            n * (1 - e2) * np.sin(phi)])


def anchorage_points() -> pd.DataFrame:
    """The gazetteer's ports and anchorages, standing in for coastal anchorages.

    Global Fishing Watch measures from its own anchorage list, which is not
    bundled here; the gazetteer's ports (searoute's 3,955 UN/LOCODE ports
    plus ``ports/places.csv`` rows of kind ``port`` or ``anchorage``) are a
    sparser stand-in, so an encounter near a small anchorage the gazetteer
    lacks may still be reported.

    Returns
    -------
    pandas.DataFrame
        Columns ``name`` (str), ``lat``, ``lon`` (float degrees).
    """
    import pandas as pd

    from voyages.places import gazetteer

    rows = [(p.label if hasattr(p, "label") else p.name, p.lat, p.lon) for p in gazetteer()
            if (p.kind or "port") in ("port", "anchorage")]
    return pd.DataFrame(rows, columns=["name", "lat", "lon"])


def _resample(positions: pd.DataFrame, step_s: float, max_gap_s: float):
    track = sorted_track(positions, ("mmsi", "time", "lat", "lon", "sog_kn"))
    t = seconds(track["time"])
    lat = track["lat"].to_numpy(float)
    lon = track["lon"].to_numpy(float)
    sog = (track["sog_kn"].to_numpy(float) if "sog_kn" in track
           else np.full(len(track), np.nan))
    mmsi = track["mmsi"].to_numpy()
    a = np.flatnonzero(mmsi[:-1] == mmsi[1:]) if len(track) > 1 else np.array([], int)
    b = a + 1
    dt = t[b] - t[a]
    ok = (dt > 0) & (dt <= max_gap_s)
    a, b, dt = a[ok], b[ok], dt[ok]
    first = np.ceil(t[a] / step_s).astype(np.int64)
    last = np.ceil(t[b] / step_s).astype(np.int64)  # exclusive: [t_a, t_b)
    # the report closing a run of segments counts too when it falls on a step
    run_end = np.ones(a.size, dtype=bool)
    run_end[:-1] = a[1:] != b[:-1]
    last += run_end & (np.ceil(t[b] / step_s) * step_s == t[b])
    count = last - first
    seg = np.repeat(np.arange(a.size), count)
    step = first[seg] + (np.arange(seg.size) - np.repeat(np.cumsum(count) - count, count))
    ia, ib = a[seg], b[seg]
    frac = np.minimum((step * step_s - t[ia]) / dt[seg], 1.0)
    g_lat = lat[ia] + frac * (lat[ib] - lat[ia])
    g_lon = wrap_dlon(lon[ia] + frac * wrap_dlon(lon[ib] - lon[ia]))
    # speed: interpolated SOG where both reports have it, else the implied speed
    m_lat, m_lon = metres_per_degree((lat[a] + lat[b]) / 2)
    seg_nm = np.hypot(wrap_dlon(lon[b] - lon[a]) * m_lon, (lat[b] - lat[a]) * m_lat) / NM_M
    implied = seg_nm / (dt / 3600.0)
    sa, sb = sog[ia], sog[ib]
    g_speed = np.where(np.isnan(sa) | np.isnan(sb), implied[seg], sa + frac * (sb - sa))
    return mmsi[ia], step, g_lat, g_lon, g_speed, len(track)


def encounters(
    positions: pd.DataFrame,
    *,
    max_distance_m: float = MAX_DISTANCE_M,
    min_duration_h: float = MIN_DURATION_H,
    max_median_speed_kn: float = MAX_MEDIAN_SPEED_KN,
    min_anchorage_distance_km: float = MIN_ANCHORAGE_DISTANCE_KM,
    anchorages: pd.DataFrame | None = None,
    resample_min: float = RESAMPLE_MIN,
    max_gap_h: float = MAX_GAP_H,
) -> pd.DataFrame:
    """Encounters between pairs of vessels (possible ship-to-ship transfers).

    Parameters
    ----------
    positions : pandas.DataFrame
        AIS positions: ``mmsi`` (int), ``time`` (tz-aware), ``lat``, ``lon``
        (degrees); ``sog_kn`` is used where present, else the speed implied
        by consecutive positions. Row order does not matter.
    max_distance_m, min_duration_h, max_median_speed_kn, min_anchorage_distance_km : float
        Global Fishing Watch's thresholds (:data:`MAX_DISTANCE_M`,
        :data:`MIN_DURATION_H`, :data:`MAX_MEDIAN_SPEED_KN`,
        :data:`MIN_ANCHORAGE_DISTANCE_KM`). Set the last to 0 to skip the
        anchorage test.
    anchorages : pandas.DataFrame, optional
        Columns ``name``, ``lat``, ``lon``; default :func:`anchorage_points`.
    resample_min, max_gap_h : float
        Resampling step in minutes and the longest silence interpolated
        across, in hours (:data:`RESAMPLE_MIN`, :data:`MAX_GAP_H`).

    Returns
    -------
    pandas.DataFrame
        One row per encounter, columns :data:`ENCOUNTER_COLUMNS`:
        ``mmsi_1`` < ``mmsi_2`` (int), ``start``/``end`` (UTC, first and
        last resampled step together), ``duration_h``, ``lat``/``lon``
        (mean position), ``median_distance_m``/``min_distance_m``,
        ``median_speed_kn_1``/``_2``, ``anchorage`` (str, nearest) and
        ``anchorage_distance_km``, ``points`` (resampled steps). Sorted by
        ``start``. ``frame.attrs`` holds the search's cost:
        ``resampled_points``, ``candidate_pairs`` (pairs of points within
        the distance at the same step, the only pairs examined) and
        ``all_pairs`` (pairs of points sharing a step: what a loop over
        pairs would examine).

    Raises
    ------
    InputError
        Missing columns, a naive ``time`` column, or a threshold that is
        not a finite number (``min_anchorage_distance_km`` >= 0, the others > 0).

    Examples
    --------
    >>> import pandas as pd
    >>> times = pd.date_range("2025-01-10 00:00", periods=19, freq="10min", tz="UTC")
    >>> a = pd.DataFrame({"mmsi": 613000001, "time": times, "lat": 20.0, "lon": 60.0,
    ...                   "sog_kn": 0.5})
    >>> b = a.assign(mmsi=273000002, lat=20.002)  # about 221 m north
    >>> e = encounters(pd.concat([a, b]), min_anchorage_distance_km=0)
    >>> int(e.mmsi_1[0]), int(e.mmsi_2[0]), float(e.duration_h[0])
    (273000002, 613000001, 3.0)
    """
    import pandas as pd
    from scipy.spatial import cKDTree

    require_positions(positions)
    for label, value in (("max_distance_m", max_distance_m), ("min_duration_h", min_duration_h),
                         ("max_median_speed_kn", max_median_speed_kn),
                         ("resample_min", resample_min), ("max_gap_h", max_gap_h)):
        check_number(label, value, above=True)
    check_number("min_anchorage_distance_km", min_anchorage_distance_km)
    # two points on the globe are never further apart than its diameter
    max_distance_m = min(max_distance_m, 2.0 * WGS84_A_M)
    step_s = resample_min * 60.0
    vessel, step, g_lat, g_lon, g_speed, n_positions = _resample(
        positions, step_s, max_gap_h * 3600.0)
    columns: dict[str, list] = {c: [] for c in ENCOUNTER_COLUMNS}
    stats = {"positions": n_positions, "resampled_points": int(step.size),
             "candidate_pairs": 0, "all_pairs": 0}
    if step.size < 2:
        out = pd.DataFrame(columns)
        out.attrs.update(stats)
        return out
    _, per_step = np.unique(step, return_counts=True)
    stats["all_pairs"] = int(np.sum(per_step * (per_step - 1) // 2))

    # time-bucketed tree: each step's points shifted along x by more than the
    # Earth's diameter plus the distance, so only points of one step can pair
    xyz = _ecef(g_lat, g_lon)
    shifted = xyz.copy()
    shifted[:, 0] += (step - step.min()).astype(float) * (2.0 * WGS84_A_M + 4.0 * max_distance_m)
    tree = cKDTree(shifted, balanced_tree=False, compact_nodes=False)
    pairs = tree.query_pairs(max_distance_m, output_type="ndarray")
    stats["candidate_pairs"] = int(len(pairs))
    if len(pairs) == 0:
        out = pd.DataFrame(columns)
        out.attrs.update(stats)
        return out
    i, j = pairs[:, 0], pairs[:, 1]
    keep = vessel[i] != vessel[j]
    i, j = i[keep], j[keep]
    swap = vessel[i] > vessel[j]
    i, j = np.where(swap, j, i), np.where(swap, i, j)
    dist = np.linalg.norm(xyz[i] - xyz[j], axis=1)  # chord = arc to < 1 mm at 500 m
    frame = pd.DataFrame({"v1": vessel[i], "v2": vessel[j], "step": step[i],
                          "dist": dist, "s1": g_speed[i], "s2": g_speed[j],
                          "lat": (g_lat[i] + g_lat[j]) / 2,
                          "lon": g_lon[i] + wrap_dlon(g_lon[j] - g_lon[i]) / 2})
    frame = frame.sort_values(["v1", "v2", "step"], kind="stable").reset_index(drop=True)
    v1, v2, st = frame["v1"].to_numpy(), frame["v2"].to_numpy(), frame["step"].to_numpy()
    new = np.ones(len(frame), dtype=bool)
    new[1:] = (v1[1:] != v1[:-1]) | (v2[1:] != v2[:-1]) | (st[1:] != st[:-1] + 1)
    frame["run"] = np.cumsum(new) - 1
    runs = frame.groupby("run", sort=True).agg(
        mmsi_1=("v1", "first"), mmsi_2=("v2", "first"), first=("step", "min"),
        last=("step", "max"), lat=("lat", "mean"), lon=("lon", "mean"),
        median_distance_m=("dist", "median"), min_distance_m=("dist", "min"),
        median_speed_kn_1=("s1", "median"), median_speed_kn_2=("s2", "median"),
        points=("step", "size"))
    runs["duration_h"] = (runs["last"] - runs["first"]) * step_s / 3600.0
    runs = runs[(runs["duration_h"] >= min_duration_h - 1e-9)
                & (runs["median_speed_kn_1"] < max_median_speed_kn)
                & (runs["median_speed_kn_2"] < max_median_speed_kn)]
    runs = runs.assign(
        start=pd.to_datetime(runs["first"] * step_s, unit="s", utc=True),
        end=pd.to_datetime(runs["last"] * step_s, unit="s", utc=True),
    )
    runs["anchorage"] = ""
    runs["anchorage_distance_km"] = np.nan
    if len(runs):
        anchor = anchorage_points() if anchorages is None else anchorages
        if len(anchor):
            from pyproj import Geod

            a_tree = cKDTree(_ecef(anchor["lat"].to_numpy(float), anchor["lon"].to_numpy(float)))
            _, nearest = a_tree.query(_ecef(runs["lat"].to_numpy(), runs["lon"].to_numpy()))
            geod = Geod(ellps="WGS84")
            n = len(runs)
            _, _, d_m = geod.inv(runs["lon"].to_numpy(), runs["lat"].to_numpy(),
                                 anchor["lon"].to_numpy(float)[nearest],
                                 anchor["lat"].to_numpy(float)[nearest]) if n > 1 else (
                None, None, [geod.inv(float(runs["lon"].iloc[0]), float(runs["lat"].iloc[0]),
                                      float(anchor["lon"].iloc[nearest[0]]),
                                      float(anchor["lat"].iloc[nearest[0]]))[2]])
            runs["anchorage"] = anchor["name"].astype(str).to_numpy()[nearest]
            runs["anchorage_distance_km"] = np.asarray(d_m, dtype=float) / 1000.0
        if min_anchorage_distance_km > 0:
            runs = runs[~(runs["anchorage_distance_km"] < min_anchorage_distance_km)]
    out = runs.loc[:, list(ENCOUNTER_COLUMNS)].sort_values(["start", "mmsi_1", "mmsi_2"])
    out = out.reset_index(drop=True)
    out.attrs.update(stats)
    return out
