"""``voyages.ais.port_calls``: port visits per vessel, after Global Fishing Watch.

Global Fishing Watch's port-visit rules (anchorages pipeline,
``anchorage_cfg.yaml``; GFW map terminology "Port visit events"): a vessel
*enters* a port within 3 km of an anchorage point and *exits* beyond 4 km;
in between it is *stopped* once its speed drops below 0.2 kn until it rises
above 0.5 kn, and an AIS silence of 4 h or more inside counts like a stop
(a "port gap"). A visit is an entry, a stop or gap, and an exit.

Here the anchorage points are the gazetteer's ports (one point per
UN/LOCODE, plus any ``kind=anchorage`` rows in ``ports/places.csv``), so
large ports whose anchorages lie farther than 3 km from the port's point
need a larger ``entry_km``/``exit_km``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from voyages.ais import _ports
from voyages.ais import _track as T
from voyages.ais import columns as C
from voyages.ais._prepare import Track, prepare, to_utc
from voyages.ais.dask import is_dask
from voyages.units import NM_M

ENTRY_KM = 3.0
"""GFW ``anchorage_entry_distance_km: 3.0`` (anchorages_pipeline ``anchorage_cfg.yaml``)."""
EXIT_KM = 4.0
"""GFW ``anchorage_exit_distance_km: 4.0`` (same file)."""
STOP_BEGIN_KN = 0.2
"""GFW ``stopped_begin_speed_knots: 0.2`` (same file)."""
STOP_END_KN = 0.5
"""GFW ``stopped_end_speed_knots: 0.5`` (same file)."""
PORT_GAP_H = 4.0
"""GFW map terminology, port visit events: "within an anchorage but has a gap
in AIS transmission for at least 4 hours (Port Gap)"."""

CALL_COLUMNS = ("mmsi", "arrival", "departure", "port", "port_name", "duration_h", "anchorage_h",
                "berth_h", "stopped", "port_gap", "positions", "port_lat", "port_lon",
                "min_distance_km")
"""Columns of the frame :func:`port_calls` returns."""


def speed_kn(track: Track, rows: np.ndarray | None = None, *,
             exact_near: tuple[float, ...] = ()) -> np.ndarray:
    """Reported SOG where available, else the implied speed from the previous report.

    ``rows`` restricts the computation to those row indexes (returns their
    speeds). Implied speeds are screened with :func:`_track.approx_m` and
    measured on WGS84 where they fall within its margin of ``exact_near``
    (the speed thresholds the caller decides on).
    """
    idx = np.arange(len(track.t)) if rows is None else rows
    sog = track.column(C.SOG, rows)
    out = np.array(sog, dtype="float64") if sog is not None else np.full(len(idx), np.nan)
    need = np.flatnonzero(np.isnan(out))
    if need.size:
        i = idx[need]
        prev = np.where(track.first[i], np.minimum(i + 1, len(track.t) - 1), i - 1)
        a, b = np.minimum(i, prev), np.maximum(i, prev)
        same = (track.mmsi[a] == track.mmsi[b]) & (a != b)
        dist = T.approx_m(track.lat[a], track.lon[a], track.lat[b], track.lon[b])
        dt_h = (track.t[b] - track.t[a]) / 3.6e12
        with np.errstate(divide="ignore", invalid="ignore"):
            implied = np.where(dt_h > 0, dist / NM_M / dt_h, np.where(dist > 0, np.inf, 0.0))
        unsure = np.zeros(len(i), dtype=bool)
        for level in exact_near:
            unsure |= np.abs(implied - level) <= level * T.APPROX_MARGIN
        unsure |= (dist > T.APPROX_MAX_M) | (np.abs(track.lat[a]) > T.APPROX_MAX_LAT)
        u = np.flatnonzero(unsure & same & (dt_h > 0))
        if u.size:
            exact = T.geodesic_m(track.lat[a[u]], track.lon[a[u]], track.lat[b[u]],
                                 track.lon[b[u]])
            implied[u] = exact / NM_M / dt_h[u]
        out[need] = np.where(same, implied, np.nan)
    return out


def port_calls(positions: pd.DataFrame, *, entry_km: float = ENTRY_KM, exit_km: float = EXIT_KM,
               stop_begin_kn: float = STOP_BEGIN_KN, stop_end_kn: float = STOP_END_KN,
               port_gap_h: float = PORT_GAP_H, min_duration_h: float = 0.0,
               places: Iterable | None = None) -> pd.DataFrame:
    """Port calls: a vessel inside a port's radius that stops (or falls silent) there.

    A call starts at the first report within ``entry_km`` of a port and ends
    at the last report before the vessel is beyond ``exit_km`` (or leaves
    for another port's radius); it counts when the vessel was stopped
    (speed below ``stop_begin_kn`` until above ``stop_end_kn``) or silent
    for ``port_gap_h`` inside, and lasted ``min_duration_h``. Speed is the
    reported SOG, or the speed implied by consecutive positions where SOG
    is missing.

    Anchorage waits are reported apart from berth time where the data
    allows: time after reports with navigational status 1 (at anchor) is
    ``anchorage_h``, after status 5 (moored) ``berth_h`` (ITU-R M.1371
    table 48); a call at a gazetteer place of kind ``anchorage`` is all
    anchorage time. Without those statuses both are NaN.

    Parameters
    ----------
    positions : pandas.DataFrame or dask.dataframe.DataFrame
        Columns ``mmsi``, ``time``, ``lat``, ``lon``; ``sog_kn`` and
        ``nav_status`` used when present. Rows flagged by :func:`clean` are
        skipped. Not modified.
    entry_km, exit_km : float, default 3.0, 4.0
        Global Fishing Watch anchorage entry and exit distances.
    stop_begin_kn, stop_end_kn : float, default 0.2, 0.5
        Global Fishing Watch stopped / moving-again speeds.
    port_gap_h : float, default 4.0
        Silence inside a port that counts as a stop (GFW "port gap").
    min_duration_h : float, default 0.0
        Shortest call kept (GFW sets none).
    places : iterable of voyages.places.Place, optional
        Ports to match (default: the bundled gazetteer's ports).

    Returns
    -------
    pandas.DataFrame
        One row per call, sorted by mmsi and arrival: ``mmsi`` int64,
        ``arrival``, ``departure`` datetime64[ns, UTC], ``port`` (UN/LOCODE
        or None), ``port_name``, ``duration_h``, ``anchorage_h``,
        ``berth_h`` float64 (hours), ``stopped``, ``port_gap`` bool,
        ``positions`` int64, ``port_lat``, ``port_lon`` (degrees),
        ``min_distance_km`` (closest report to the port point).

    Raises
    ------
    InputError
        A required column is missing, ``time`` is not timezone-aware,
        ``entry_km > exit_km``, or a threshold is not a finite number (the
        radii, ``stop_end_kn`` and ``port_gap_h`` > 0, the others >= 0).

    Examples
    --------
    >>> from voyages import ais
    >>> calls = ais.port_calls(ais.clean(ais.read(ais.sample_path("nmea"))))
    >>> calls[["port", "duration_h", "anchorage_h", "berth_h"]].values.tolist()
    [['GNCKY', 34.0, 5.0, 29.0]]
    """
    check_call_thresholds(entry_km=entry_km, exit_km=exit_km, stop_begin_kn=stop_begin_kn,
                          stop_end_kn=stop_end_kn, port_gap_h=port_gap_h,
                          min_duration_h=min_duration_h)
    kwargs = dict(entry_km=entry_km, exit_km=exit_km, stop_begin_kn=stop_begin_kn,
                  stop_end_kn=stop_end_kn, port_gap_h=port_gap_h, min_duration_h=min_duration_h,
                  places=places)
    if is_dask(positions):
        from voyages.ais.dask import per_vessel

        return per_vessel(positions, port_calls, CALL_COLUMNS, **kwargs)
    track = prepare(positions)
    index = (_ports.gazetteer_index(float(exit_km)) if places is None
             else _ports.build_index(list(places), float(exit_km)))
    rest: dict[str, Any] = {k: v for k, v in kwargs.items() if k != "places"}
    return _calls(track, index, **rest)


def check_call_thresholds(*, entry_km: float, exit_km: float, stop_begin_kn: float,
                          stop_end_kn: float, port_gap_h: float, min_duration_h: float) -> None:
    """Raise InputError unless the port-call thresholds are finite and in range.

    The radii, ``stop_end_kn`` and ``port_gap_h`` must be > 0, the others
    >= 0, and ``entry_km`` must not exceed ``exit_km``.
    """
    from voyages._validate import check_number
    from voyages.errors import InputError

    for label, value in (("entry_km", entry_km), ("exit_km", exit_km),
                         ("stop_end_kn", stop_end_kn), ("port_gap_h", port_gap_h)):
        check_number(label, value, above=True)
    check_number("stop_begin_kn", stop_begin_kn)
    check_number("min_duration_h", min_duration_h)
    if entry_km > exit_km:
        raise InputError(f"entry_km ({entry_km}) must not exceed exit_km ({exit_km})")


def _calls(track: Track, index: _ports.PortIndex, *, entry_km: float, exit_km: float,
           stop_begin_kn: float, stop_end_kn: float, port_gap_h: float,
           min_duration_h: float) -> pd.DataFrame:
    rows, r_port, r_dist_all = _ports.nearest(index, track.lat, track.lon, exact_near=(entry_km,))
    if rows.size == 0:
        return empty_calls()
    # runs inside one port's exit radius, split at vessel and port changes
    brk = np.ones(len(rows), dtype=bool)
    brk[1:] = (rows[1:] != rows[:-1] + 1) | (r_port[1:] != r_port[:-1]) \
        | track.first[rows[1:]]
    run_id = np.cumsum(brk) - 1
    starts = np.flatnonzero(brk)
    # the visit starts at the first row within entry_km
    entry = r_dist_all <= entry_km
    big = len(rows)
    first_entry = np.minimum.reduceat(np.where(entry, np.arange(len(rows)), big), starts)
    ends = np.append(starts[1:], len(rows)) - 1
    ok = first_entry <= ends
    # stopped: hysteresis on speed over the in-port rows
    spd = speed_kn(track, rows, exact_near=(stop_begin_kn, stop_end_kn))
    stop_on = spd < stop_begin_kn
    stop_off = ~(spd <= stop_end_kn)  # NaN speed counts as moving
    stopped = T.hysteresis(stop_on, stop_off & ~stop_on, brk)
    in_visit = np.arange(len(rows)) >= first_entry[run_id]
    any_stop = np.logical_or.reduceat(stopped & in_visit, starts)
    # port gap: a silence of port_gap_h between consecutive in-visit rows
    t = track.t[rows]
    dt = np.zeros(len(rows), dtype="int64")
    dt[1:] = t[1:] - t[:-1]
    gap_row = (dt >= int(round(port_gap_h * 3.6e12))) & ~brk & in_visit \
        & np.concatenate(([False], in_visit[:-1]))
    any_gap = np.logical_or.reduceat(gap_row, starts)
    # time after each row until the next row in the visit, by nav status
    nxt = np.zeros(len(rows), dtype="int64")
    nxt[:-1] = np.where(brk[1:], 0, dt[1:])
    r_status = track.column(C.NAV_STATUS, rows)
    if r_status is None:
        r_status = np.full(len(rows), float(C.NAV_STATUS_UNDEFINED))
    anchored = np.add.reduceat(np.where(in_visit & (r_status == C.NAV_STATUS_AT_ANCHOR), nxt, 0),
                               starts) / 3.6e12
    moored = np.add.reduceat(np.where(in_visit & (r_status == C.NAV_STATUS_MOORED), nxt, 0),
                             starts) / 3.6e12
    known = np.logical_or.reduceat(in_visit & ((r_status == C.NAV_STATUS_AT_ANCHOR)
                                               | (r_status == C.NAV_STATUS_MOORED)), starts)
    r_dist = np.where(in_visit, r_dist_all, np.inf)
    min_d = np.minimum.reduceat(r_dist, starts)
    count = np.add.reduceat(in_visit.astype("int64"), starts)
    a_row = rows[np.minimum(first_entry, ends)]
    b_row = rows[ends]
    duration_h = (track.t[b_row] - track.t[a_row]) / 3.6e12
    keep = ok & (any_stop | any_gap) & (duration_h >= min_duration_h)
    p = r_port[starts]
    is_anchorage = index.kind[p] == "anchorage"
    anchorage_h = np.where(is_anchorage, duration_h, np.where(known, anchored, np.nan))
    berth_h = np.where(is_anchorage, 0.0, np.where(known, moored, np.nan))
    k = np.flatnonzero(keep)
    # the closest report of each kept call, measured exactly
    at_min = np.flatnonzero(r_dist == min_d[run_id])
    first_at_min = at_min[np.unique(run_id[at_min], return_index=True)[1]]
    closest = first_at_min[k]
    min_d[k] = T.geodesic_m(track.lat[rows[closest]], track.lon[rows[closest]],
                            index.lat[p[k]], index.lon[p[k]]) / 1000.0
    return pd.DataFrame({
        "mmsi": track.mmsi[a_row[k]],
        "arrival": to_utc(track.t[a_row[k]]),
        "departure": to_utc(track.t[b_row[k]]),
        "port": pd.Series(index.locode[p[k]], dtype=object),
        "port_name": pd.Series(index.name[p[k]], dtype=object),
        "duration_h": duration_h[k],
        "anchorage_h": anchorage_h[k],
        "berth_h": berth_h[k],
        "stopped": any_stop[k],
        "port_gap": any_gap[k],
        "positions": count[k].astype("int64"),
        "port_lat": index.lat[p[k]],
        "port_lon": index.lon[p[k]],
        "min_distance_km": min_d[k],
    })


def empty_calls() -> pd.DataFrame:
    """A port-calls frame with no rows and the right dtypes."""
    z = np.zeros(0)
    return pd.DataFrame({
        "mmsi": np.zeros(0, dtype="int64"),
        "arrival": to_utc(np.zeros(0, dtype="int64")),
        "departure": to_utc(np.zeros(0, dtype="int64")),
        "port": pd.Series([], dtype=object), "port_name": pd.Series([], dtype=object),
        "duration_h": z, "anchorage_h": z, "berth_h": z,
        "stopped": np.zeros(0, dtype=bool), "port_gap": np.zeros(0, dtype=bool),
        "positions": np.zeros(0, dtype="int64"), "port_lat": z, "port_lon": z,
        "min_distance_km": z,
    })
