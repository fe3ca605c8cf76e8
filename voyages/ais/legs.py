"""``voyages.ais.voyages``: legs between consecutive port calls of each vessel."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from voyages.ais import _ports
from voyages.ais import _track as T
from voyages.ais._prepare import prepare
from voyages.ais.calls import (
    ENTRY_KM,
    EXIT_KM,
    PORT_GAP_H,
    STOP_BEGIN_KN,
    STOP_END_KN,
    _calls,
    check_call_thresholds,
)
from voyages.ais.dask import is_dask
from voyages.units import NM_M

LEG_COLUMNS = ("mmsi", "from_port", "from_name", "to_port", "to_name", "departure", "arrival",
               "duration_h", "track_distance_nm", "sea_route_nm", "mean_speed_kn", "positions",
               "max_silence_h")
"""Columns of the frame :func:`voyages` returns."""


def voyages(positions: pd.DataFrame, *, sea_routes: bool = True, entry_km: float = ENTRY_KM,
            exit_km: float = EXIT_KM, stop_begin_kn: float = STOP_BEGIN_KN,
            stop_end_kn: float = STOP_END_KN, port_gap_h: float = PORT_GAP_H,
            min_duration_h: float = 0.0, places: Iterable | None = None) -> pd.DataFrame:
    """Legs between consecutive port calls, with track and sea-route distances.

    Port calls are found as :func:`port_calls` does (same keyword
    parameters and defaults, from Global Fishing Watch). A leg runs from
    one call's departure to the vessel's next call's arrival.

    Parameters
    ----------
    positions : pandas.DataFrame or dask.dataframe.DataFrame
        Columns ``mmsi``, ``time``, ``lat``, ``lon`` (``sog_kn``,
        ``nav_status`` when present). Not modified.
    sea_routes : bool, default True
        Also give the sea-route distance between the two ports
        (:func:`voyages.sea.sea_route`, searoute's network); False leaves it NaN.
    entry_km, exit_km, stop_begin_kn, stop_end_kn, port_gap_h, min_duration_h, places
        As for :func:`port_calls`.

    Returns
    -------
    pandas.DataFrame
        ``mmsi``; ``from_port``, ``to_port`` (UN/LOCODE or None),
        ``from_name``, ``to_name``; ``departure``, ``arrival``
        (datetime64[ns, UTC]); ``duration_h``; ``track_distance_nm`` (sum of
        WGS84 geodesics between consecutive reports); ``sea_route_nm``
        (NaN when no route); ``mean_speed_kn`` (track / duration);
        ``positions``; ``max_silence_h`` (longest interval between reports).

    Raises
    ------
    InputError
        As for :func:`port_calls`: a missing column, a naive ``time``, or a
        threshold that is not a finite number in range.

    Examples
    --------
    >>> import pandas as pd
    >>> from voyages.ais import voyages
    >>> from voyages.places import resolve_place
    >>> a, b = resolve_place("GNCKY"), resolve_place("SNDKR")
    >>> t = pd.Timestamp("2025-01-01T00:00Z")
    >>> rows = [(t, a.lat, a.lon), (t + pd.Timedelta(hours=6), a.lat, a.lon),
    ...         (t + pd.Timedelta(hours=60), b.lat, b.lon),
    ...         (t + pd.Timedelta(hours=70), b.lat, b.lon)]
    >>> track = pd.DataFrame(rows, columns=["time", "lat", "lon"]).assign(mmsi=1)
    >>> leg = voyages(track).iloc[0]
    >>> leg["from_port"], leg["to_port"], float(leg["duration_h"])
    ('GNCKY', 'SNDKR', 54.0)
    >>> bool(leg["sea_route_nm"] > leg["track_distance_nm"] * 0.9)
    True
    """
    kwargs = dict(entry_km=entry_km, exit_km=exit_km, stop_begin_kn=stop_begin_kn,
                  stop_end_kn=stop_end_kn, port_gap_h=port_gap_h, min_duration_h=min_duration_h)
    check_call_thresholds(**kwargs)
    if is_dask(positions):
        from voyages.ais.dask import per_vessel

        return per_vessel(positions, voyages, LEG_COLUMNS, sea_routes=sea_routes, places=places,
                          **kwargs)
    track = prepare(positions)
    index = (_ports.gazetteer_index(float(exit_km)) if places is None
             else _ports.build_index(list(places), float(exit_km)))
    calls = _calls(track, index, **kwargs)
    if len(calls) < 2:
        return _empty()
    mmsi = calls["mmsi"].to_numpy()
    nxt = np.flatnonzero(mmsi[1:] == mmsi[:-1])
    dep_t = calls["departure"].to_numpy(dtype="datetime64[ns]").view("int64")[nxt]
    arr_t = calls["arrival"].to_numpy(dtype="datetime64[ns]").view("int64")[nxt + 1]
    vessel = mmsi[nxt]
    # row of the departure and arrival reports in the sorted track
    vessel_start = np.searchsorted(track.mmsi, vessel, side="left")
    vessel_end = np.searchsorted(track.mmsi, vessel, side="right")
    lo = np.array([s + np.searchsorted(track.t[s:e], d) for s, e, d in
                   zip(vessel_start, vessel_end, dep_t, strict=True)], dtype="int64")
    hi = np.array([s + np.searchsorted(track.t[s:e], a) for s, e, a in
                   zip(vessel_start, vessel_end, arr_t, strict=True)], dtype="int64")
    lengths = hi - lo + 1
    rows = np.repeat(lo, lengths) + (np.arange(lengths.sum())
                                     - np.repeat(np.cumsum(lengths) - lengths, lengths))
    owner = np.repeat(np.arange(len(lo)), lengths)
    inner = np.flatnonzero(rows != np.repeat(lo, lengths))
    step_nm = np.zeros(len(rows))
    step_nm[inner] = T.geodesic_m(track.lat[rows[inner] - 1], track.lon[rows[inner] - 1],
                                  track.lat[rows[inner]], track.lon[rows[inner]]) / NM_M
    silence = np.zeros(len(rows))
    silence[inner] = (track.t[rows[inner]] - track.t[rows[inner] - 1]) / 3.6e12
    track_nm = np.bincount(owner, weights=step_nm, minlength=len(lo))
    max_silence = np.zeros(len(lo))
    np.maximum.at(max_silence, owner, silence)
    duration_h = (arr_t - dep_t) / 3.6e12
    frame = pd.DataFrame({
        "mmsi": vessel,
        "from_port": calls["port"].to_numpy()[nxt],
        "from_name": calls["port_name"].to_numpy()[nxt],
        "to_port": calls["port"].to_numpy()[nxt + 1],
        "to_name": calls["port_name"].to_numpy()[nxt + 1],
        "departure": calls["departure"].iloc[nxt].reset_index(drop=True),
        "arrival": calls["arrival"].iloc[nxt + 1].reset_index(drop=True),
        "duration_h": duration_h,
        "track_distance_nm": track_nm,
        "sea_route_nm": np.nan,
        "mean_speed_kn": np.where(duration_h > 0, track_nm / np.where(duration_h > 0,
                                                                      duration_h, 1), np.nan),
        "positions": lengths.astype("int64"),
        "max_silence_h": max_silence,
    })
    if sea_routes:
        ends = list(calls[["port_name", "port_lat", "port_lon", "port"]].itertuples(
            index=False, name=None))
        pairs = [(ends[i], ends[i + 1]) for i in nxt]
        frame["sea_route_nm"] = [_sea_nm(a, b) for a, b in pairs]
    return frame


def _sea_nm(a: tuple, b: tuple) -> float:
    return _sea_nm_cached(tuple(a), tuple(b))


def _place(end: tuple):
    from voyages.places import Place

    name, lat, lon, locode = end
    return Place(name=str(name), lat=float(lat), lon=float(lon), locode=locode, kind="port",
                 source="AIS port call")


_CACHE: dict[tuple, float] = {}


def _sea_nm_cached(a: tuple, b: tuple) -> float:
    key = (a, b)
    if key not in _CACHE:
        from voyages.errors import VoyagesError
        from voyages.sea import sea_route

        try:
            _CACHE[key] = float(sea_route(_place(a), _place(b)).distance_nm)
        except VoyagesError:
            _CACHE[key] = float("nan")
    return _CACHE[key]


def _empty() -> pd.DataFrame:
    from voyages.ais._prepare import to_utc

    z = np.zeros(0)
    return pd.DataFrame({
        "mmsi": np.zeros(0, dtype="int64"),
        "from_port": pd.Series([], dtype=object), "from_name": pd.Series([], dtype=object),
        "to_port": pd.Series([], dtype=object), "to_name": pd.Series([], dtype=object),
        "departure": to_utc(np.zeros(0, dtype="int64")),
        "arrival": to_utc(np.zeros(0, dtype="int64")),
        "duration_h": z, "track_distance_nm": z, "sea_route_nm": z, "mean_speed_kn": z,
        "positions": np.zeros(0, dtype="int64"), "max_silence_h": z,
    })
