"""Claims against the track: a case's vessels and events checked against AIS files.

Runs when the user passes AIS files (``voyages check CASE --ais FILE``).

1. **Matching** (check ``ais_match``): each case vessel is matched to the
   AIS data by MMSI; failing that by IMO number, then by name (or alias)
   through the static messages. The finding says which way it matched and
   lists every MMSI when more than one fits (ambiguous: ``unverifiable``).
   A vessel the files do not contain is ``unverifiable``, with the reason.
2. **Events** (check ``ais_events``), for a matched vessel:

   - a port stay, arrival or departure at a port: against the port calls
     rebuilt from the track (:func:`voyages.ais.port_calls`, Global Fishing
     Watch's rules). Both are closed intervals: the reported time from its
     precision, the call from its first report inside back to the report
     before it (outside), and from its last report inside on to the next
     (:func:`call_bounds`). ``consistent`` when they overlap (a reported
     arrival may be the berthing, after an anchorage wait: any time within
     the call counts); ``tight`` when they miss by at most
     :data:`CALL_TOLERANCE_H`; otherwise the difference in hours to the
     nearest call there, ``implausible`` when the track has positions
     during the reported time, ``unverifiable`` when it is silent then;
   - a sighting or incident with a place: the track's closest approach to
     that place during the reported time, in nm; ``consistent`` within
     :data:`POSITION_TOLERANCE_NM`, else ``implausible`` (or
     ``unverifiable`` when the track is silent then).
3. **Gaps** (check ``ais_gaps``): AIS silences of 12 h or more (Global
   Fishing Watch, :func:`voyages.ais.gaps`) between the vessel's first and
   last reported events: ``unverifiable`` stretches, with their hours, the
   reported leg each falls in and, when the sea model judged that leg, its
   unexplained days beside the days the silence covers.
4. **Identity** (check ``ais_identity``): the anomalies of
   :func:`voyages.ais.identity_anomalies` for the matched MMSI, its MID
   checked against the flag the case gives. ``implausible`` when the MMSI
   or IMO number cannot be right (MID of another country than the case's
   flag, one MMSI in two places, a failing IMO check digit, a malformed
   MMSI); ``unverifiable`` for names, IMO numbers or call signs that change
   within the data (the match may mix two ships); ``consistent`` when the
   MID belongs to the case's flag (MID 273, Russian Federation, for flag
   RU), so the reader sees the check ran.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from voyages.findings import Finding, Verdict
from voyages.records import Case, Event, EventKind, Vessel
from voyages.units import NM_M

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CALL_TOLERANCE_H", "POSITION_TOLERANCE_NM", "PORT_MATCH_KM", "call_bounds", "check",
           "interval_gap_h", "match_vessels", "read_ais", "reported_gaps"]

POSITION_TOLERANCE_NM = 1.5
"""How far the track may pass from a reported position and still fit it, in nm.

Basis: a position reported as "7 nautical miles north of Yehliu" is rounded
to the whole mile (±0.5 nm) on a 16-point compass bearing (±11.25°, which at
7 nm moves the point up to 1.4 nm sideways); 1.5 nm covers both.
"""

PORT_MATCH_KM = 10.0
"""A rebuilt port call matches a reported port when its port point lies this close, km.

Global Fishing Watch's "coastal anchorage" distance for encounters (10 km);
a call can be matched to a neighbouring terminal of the same port.
"""

CALL_TOLERANCE_H = 1.0
"""How far, in hours, a reported port time may lie from a rebuilt call and be ``tight``.

The reported time and the call are compared as closed intervals: the
reported one from its precision (``02:00`` to the hour is 01:30–02:30),
the call's from the track's own reporting interval (:func:`call_bounds`).
When they do not meet but lie no more than this apart, the verdict is
``tight``; beyond it, ``implausible``. Basis: Global Fishing Watch
interpolates between AIS positions up to 1 h apart (``MAX_GAP_HOURS``, as
:data:`INTERPOLATE_MAX_GAP_H`), the granularity at which it still trusts
a track between reports; and a time given to the hour may have been
truncated (02:59 written as 02:00) rather than rounded, moving it up to
half an hour past the rounded window.
"""

_STAY_KINDS = (EventKind.PORT_STAY, EventKind.ARRIVAL, EventKind.DEPARTURE)
_PLACE_KINDS = (EventKind.SIGHTING, EventKind.INCIDENT)


def _fold(text: Any) -> str:
    return re.sub(r"[^0-9A-Z]", "", str(text).upper()) if text is not None else ""


def _digits(text: Any) -> str:
    return re.sub(r"\D", "", str(text)) if text is not None else ""


def match_vessels(case: Case, positions: pd.DataFrame,
                  static: pd.DataFrame | None) -> dict[str, tuple[list[int], str]]:
    """Each case vessel's MMSIs in the AIS data and how they were found.

    Returns
    -------
    dict
        Vessel id → (sorted MMSIs, how): ``how`` is ``"mmsi"``, ``"imo"``,
        ``"name"`` or ``""`` (not found).
    """
    have = set(int(m) for m in positions["mmsi"].unique()) if len(positions) else set()
    out: dict[str, tuple[list[int], str]] = {}
    for vessel in case.vessels.values():
        mmsi = _digits(vessel.mmsi)
        if mmsi and int(mmsi) in have:
            out[vessel.id] = ([int(mmsi)], "mmsi")
            continue
        found: list[int] = []
        how = ""
        if static is not None and len(static):
            imo = _digits(vessel.imo)
            if imo and "imo" in static:
                hits = static[static["imo"].map(_digits) == imo]["mmsi"]
                found, how = sorted(set(int(m) for m in hits)), "imo"
            if not found and "name" in static:
                names = {_fold(n) for n in (vessel.name, *vessel.aliases) if n}
                hits = static[static["name"].map(_fold).isin(names)]["mmsi"]
                found, how = sorted(set(int(m) for m in hits)), "name"
        out[vessel.id] = (found, how if found else "")
    return out


def _read(paths, time_format: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    import pandas as pd

    from voyages import ais
    from voyages.ais._frame import warn_untimed
    from voyages.ais.tables import UNREADABLE_MMSI
    from voyages.errors import DataFileError

    positions, statics = [], []
    untimed: dict[int, int] = {}
    untimed_files: dict[str, int] = {}
    unreadable: list[pd.DataFrame] = []
    for path in paths:
        frame = ais.clean(ais.read(path, time_format=time_format))
        no_time = frame["flag"].astype(str) == "no_time"
        if no_time.any():
            untimed_files[str(path)] = int(no_time.sum())
            for mmsi, count in frame.loc[no_time, "mmsi"].value_counts().items():
                untimed[int(mmsi)] = untimed.get(int(mmsi), 0) + int(count)
            warn_untimed(frame, int(no_time.sum()))
        positions.append(frame)
        try:
            one = ais.read_static(path, time_format=time_format)
        except DataFileError:
            continue  # a Parquet of positions holds no static messages
        statics.append(one)
        if UNREADABLE_MMSI in one.attrs:
            unreadable.append(one.attrs[UNREADABLE_MMSI].assign(file=Path(path).name))
    pos = pd.concat(positions, ignore_index=True) if positions else pd.DataFrame()
    if "flag" in pos:
        pos = pos[pos["flag"].astype(str) == "ok"]
    pos.attrs = {UNTIMED: untimed, UNTIMED_FILES: untimed_files,
                 UNREADABLE_MMSI: pd.concat(unreadable, ignore_index=True) if unreadable
                 else None}
    static = pd.concat(statics, ignore_index=True) if statics else None
    return pos, static


UNTIMED = "positions_without_time"
"""``positions.attrs`` key of :func:`read_ais`: MMSI → positions without a time left out."""
UNTIMED_FILES = "files_without_time"
"""``positions.attrs`` key of :func:`read_ais`: file → positions without a time left out."""


def unreadable_mmsi_note(positions: pd.DataFrame, vessel: Vessel) -> str | None:
    """Rows dropped for an unreadable MMSI that carry the vessel's IMO number or a name of it.

    ``positions`` is the frame of :func:`read_ais`; None when no such row.
    """
    table = positions.attrs.get("unreadable_mmsi")
    if table is None or not len(table):
        return None
    imo = _digits(vessel.imo)
    names = {_fold(n) for n in (vessel.name, *vessel.aliases) if n}
    hit = table[(table["imo"].astype(str) == imo) if imo else False]
    how = f"IMO {imo}"
    if hit.empty:
        hit = table[table["name"].map(_fold).isin(names)]
        how = "its name"
    if hit.empty:
        return None
    texts = ", ".join(repr(t) for t in dict.fromkeys(hit["mmsi_text"].astype(str)))
    return (f"{int(hit['rows'].sum())} row(s) of {', '.join(dict.fromkeys(hit['file']))} "
            f"carry {how} and were dropped because their MMSI cannot be read ({texts}; an MMSI "
            "is 9 digits, ITU-R M.585)")


def untimed_reason(positions: pd.DataFrame, mmsi: int | None) -> str | None:
    """Why a vessel has no track although the files hold its positions: none has a time.

    ``positions`` is the frame of :func:`read_ais`; None when ``mmsi`` is None
    or the files gave it no position without a time.
    """
    if mmsi is None:
        return None
    count = positions.attrs.get(UNTIMED, {}).get(int(mmsi), 0)
    if not count:
        return None
    files = positions.attrs.get(UNTIMED_FILES, {})
    if len(positions):
        every = "its positions carry no timestamps"
    else:
        every = ("the file has no timestamps" if len(files) == 1
                 else "the files have no timestamps")
    return (f"none of its {count:,} position(s) has a time: {every} (raw NMEA without tag "
            "blocks gives none), so no track can be rebuilt")


def read_ais(context) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The positions and static messages of the context's AIS files, read once.

    Parameters
    ----------
    context : CheckContext
        Its ``ais_files`` are read (:func:`voyages.ais.read` with its
        ``ais_time_format``, cleaned, rows
        flagged other than ``ok`` dropped) the first time and remembered in
        ``context.memo``, so the report's map uses the very positions the
        checks judged.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame or None)
        Positions (columns of :mod:`voyages.ais.columns`: ``mmsi``,
        ``time`` datetime64[ns, UTC], ``lat``, ``lon``, ``sog_kn``, …) and
        static messages (``mmsi``, ``imo``, ``name``, …; None when no file
        holds any). Empty positions when the context names no file.

    Raises
    ------
    DataFileError
        A file that is missing or not AIS data.
    """
    paths = tuple(getattr(context, "ais_files", ()) or ())
    time_format = getattr(context, "ais_time_format", None)
    remember = getattr(context, "remember", None)
    if remember is None:
        return _read(paths, time_format)
    return remember(("ais", paths, time_format), lambda: _read(paths, time_format))


def check(case: Case, context=None) -> list[Finding]:
    """Findings ``ais_match``, ``ais_events`` and ``ais_gaps`` when AIS files are given."""
    paths = tuple(getattr(context, "ais_files", ()) or ())
    if not paths:
        return []
    from voyages import ais

    positions, static = read_ais(context)
    # named without folders: findings go into reports that are passed on
    files = ", ".join(Path(p).name for p in paths)
    matches = match_vessels(case, positions, static)
    findings: list[Finding] = []
    for vessel in case.vessels.values():
        mmsis, how = matches[vessel.id]
        sources = tuple(vessel.sources)
        untimed = _untimed_finding(vessel, mmsis, how, positions, files)
        if untimed is not None:
            findings.append(untimed)
            continue
        if not mmsis:
            given = ", ".join(f"{k} {v}" for k, v in (("MMSI", vessel.mmsi), ("IMO", vessel.imo))
                              if v) or "no MMSI or IMO number"
            dropped = unreadable_mmsi_note(positions, vessel)
            findings.append(Finding(
                "ais_match", vessel.name, Verdict.UNVERIFIABLE,
                f"{vessel.name} is not in the AIS data ({files}): the case gives {given}, and "
                f"no static message names it ({', '.join((vessel.name, *vessel.aliases))})"
                + (f"; {dropped}" if dropped else "")
                + "; its events cannot be checked against a track",
                {"files": files, "mmsi": vessel.mmsi, "imo": vessel.imo,
                 "names": [vessel.name, *vessel.aliases]}, sources))
            continue
        if len(mmsis) > 1:
            findings.append(Finding(
                "ais_match", vessel.name, Verdict.UNVERIFIABLE,
                f"{vessel.name} matches {len(mmsis)} MMSIs by {how} "
                f"({', '.join(map(str, mmsis))}): ambiguous, events not checked",
                {"files": files, "matched_by": how, "mmsis": mmsis}, sources))
            continue
        mmsi = mmsis[0]
        track = positions[positions["mmsi"] == mmsi]
        findings.append(Finding(
            "ais_match", vessel.name, Verdict.CONSISTENT,
            f"{vessel.name} matched to MMSI {mmsi} by {how}; {len(track)} positions from "
            f"{track['time'].min():%Y-%m-%d %H:%M} to {track['time'].max():%Y-%m-%d %H:%M} UTC",
            {"files": files, "matched_by": how, "mmsi": mmsi, "positions": len(track)},
            sources))
        calls = ais.port_calls(track) if len(track) else None
        for event in case.events_of(vessel.id):
            finding = _event_finding(case, vessel, event, track, calls, mmsi)
            if finding is not None:
                findings.append(finding)
        findings.extend(_gap_findings(case, vessel, track, mmsi, context))
        findings.extend(_identity_findings(vessel, track, static, mmsi))
    return findings


def _untimed_finding(vessel: Vessel, mmsis: list[int], how: str, positions: pd.DataFrame,
                     files: str) -> Finding | None:
    """``ais_match`` ``unverifiable`` when the vessel's positions are all without a time."""
    given = _digits(vessel.mmsi)
    if len(mmsis) == 1:
        mmsi, matched = mmsis[0], f"matched to MMSI {mmsis[0]} by {how}"
    elif not mmsis and given:
        mmsi, how, matched = int(given), "mmsi", f"in the AIS data as MMSI {given}"
    else:
        return None
    reason = untimed_reason(positions, mmsi)
    if reason is None or (len(positions) and (positions["mmsi"] == mmsi).any()):
        return None
    return Finding(
        "ais_match", vessel.name, Verdict.UNVERIFIABLE,
        f"{vessel.name} is {matched} ({files}), but {reason}; its events cannot be checked "
        "against a track",
        {"files": files, "matched_by": how, "mmsi": mmsi, "positions": 0,
         "positions_without_time": int(positions.attrs[UNTIMED][mmsi])},
        tuple(vessel.sources))


_IDENTITY_VERDICT = {
    # the MMSI or IMO number cannot be what the case or the data says it is
    "mid_flag_mismatch": Verdict.IMPLAUSIBLE,
    "two_places": Verdict.IMPLAUSIBLE,
    "imo_check_digit": Verdict.IMPLAUSIBLE,
    "mmsi_format": Verdict.IMPLAUSIBLE,
    # facts that make the match less certain without contradicting the case
    "mid_unknown": Verdict.UNVERIFIABLE,
    "name_change": Verdict.UNVERIFIABLE,
    "imo_change": Verdict.UNVERIFIABLE,
    "call_sign_change": Verdict.UNVERIFIABLE,
}


def _identity_findings(vessel: Vessel, track: pd.DataFrame, static: pd.DataFrame | None,
                       mmsi: int) -> list[Finding]:
    """Identity anomalies of the matched MMSI, its MID checked against the case's flag."""
    from voyages.ais.identity import identity_anomalies

    own_static = None
    if static is not None and len(static):
        own_static = static[static["mmsi"] == mmsi]
        if own_static.empty:
            own_static = None
    flags = {mmsi: vessel.flag} if vessel.flag else None
    anomalies = identity_anomalies(track.loc[:, ["mmsi", "time", "lat", "lon"]], own_static,
                                   flags=flags)
    out = []
    for row in anomalies.itertuples():
        evidence: dict[str, Any] = {"mmsi": mmsi, "anomaly": row.anomaly,
                                    "values": list(row.values), "count": int(row.count)}
        if row.anomaly == "two_places":
            evidence.update(distance_nm=float(row.distance_nm),
                            implied_speed_kn=float(row.implied_speed_kn))
        if vessel.flag:
            evidence["flag"] = vessel.flag
        out.append(Finding("ais_identity", f"{vessel.name}: MMSI {mmsi}",
                           _IDENTITY_VERDICT.get(row.anomaly, Verdict.UNVERIFIABLE),
                           row.detail, evidence, tuple(vessel.sources)))
    mid_anomalies = {"mid_flag_mismatch", "mid_unknown", "mmsi_format"}
    if vessel.flag and not mid_anomalies & set(anomalies["anomaly"]):
        out.append(_mid_matches_flag(vessel, mmsi))
    return out


def _mid_matches_flag(vessel: Vessel, mmsi: int) -> Finding:
    """``consistent``: the MMSI's MID is allocated to the case's flag (the check ran)."""
    from voyages.ais.identity import mid_country

    countries = mid_country(mmsi)
    mid = str(mmsi)[:3]
    names = "; ".join(c["name"] for c in countries)
    codes = sorted({c["iso2"] for c in countries} | {c["sovereign_iso2"] for c in countries})
    return Finding("ais_identity", f"{vessel.name}: MMSI {mmsi}", Verdict.CONSISTENT,
                   f"MID {mid} of MMSI {mmsi} is allocated to {names}, which matches the "
                   f"case's flag {vessel.flag}",
                   {"mmsi": mmsi, "mid": int(mid), "mid_countries": codes,
                    "flag": vessel.flag},
                   tuple(vessel.sources))


def _hours(delta) -> float:
    return float(delta.total_seconds() / 3600.0)


INTERPOLATE_MAX_GAP_H = 1.0
"""Positions are interpolated at the reported time's bounds only between reports
this close, hours (Global Fishing Watch's encounters pipeline, ``MAX_GAP_HOURS``)."""


def _positions_during(track: pd.DataFrame, event: Event) -> pd.DataFrame:
    """Reports within the event's time, plus positions interpolated at its bounds.

    A bound is interpolated (linearly in lat/lon, a few nm at most) when the
    reports either side of it are at most :data:`INTERPOLATE_MAX_GAP_H` apart.
    """
    import pandas as pd

    t = event.time
    assert t is not None
    track = track.sort_values("time", kind="stable")
    inside = track[(track["time"] >= t.earliest) & (track["time"] < t.latest)]
    extra = []
    times = track["time"].to_numpy(dtype="datetime64[ns]")
    for bound in (t.earliest, t.latest):
        when = np.datetime64(pd.Timestamp(bound).tz_convert("UTC").tz_localize(None), "ns")
        i = int(np.searchsorted(times, when))
        if 0 < i < len(track):
            before, after = track.iloc[i - 1], track.iloc[i]
            span = (after["time"] - before["time"]).total_seconds()
            if 0 < span <= INTERPOLATE_MAX_GAP_H * 3600:
                f = (pd.Timestamp(bound) - before["time"]).total_seconds() / span
                extra.append({"time": pd.Timestamp(bound),
                              "lat": before["lat"] + f * (after["lat"] - before["lat"]),
                              "lon": before["lon"] + f * (after["lon"] - before["lon"])})
    if not extra:
        return inside
    return pd.concat([inside.loc[:, ["time", "lat", "lon"]], pd.DataFrame(extra)],
                     ignore_index=True)


def _event_finding(case: Case, vessel: Vessel, event: Event, track: pd.DataFrame,
                   calls: pd.DataFrame | None, mmsi: int) -> Finding | None:
    import pandas as pd
    from pyproj import Geod

    if event.time is None or event.place is None:
        return None
    if event.kind not in _STAY_KINDS + _PLACE_KINDS:
        return None
    place, t = event.place, event.time
    subject = f"{vessel.name}: {event.kind.value} at {place.name}"
    base = {"event": event.id, "mmsi": mmsi, "place": place.name,
            "reported_earliest": t.earliest.isoformat(), "reported_latest": t.latest.isoformat()}
    during = _positions_during(track, event)
    silent = during.empty
    geod = Geod(ellps="WGS84")
    if event.kind in _STAY_KINDS:
        here = pd.DataFrame()
        if calls is not None and len(calls):
            _, _, d_m = geod.inv(calls["port_lon"].to_numpy(float),
                                 calls["port_lat"].to_numpy(float),
                                 np.full(len(calls), place.lon), np.full(len(calls), place.lat))
            same = calls["port"].astype(str) == str(place.locode) if place.locode else False
            here = calls[same | (np.asarray(d_m) <= PORT_MATCH_KM * 1000.0)]
        if not here.empty:
            finding = _call_finding(event, subject, place.name, here, track, base, silent)
            if finding.verdict is not Verdict.IMPLAUSIBLE:
                return finding
            # a call at another time; a position in the port now still counts
            return _in_port_finding(event, subject, place, during, base, geod) or finding
        if silent:
            return Finding("ais_events", subject, Verdict.UNVERIFIABLE,
                           f"{event.id}: no call at {place.name} in the track, which is silent "
                           "during the reported time", base, (event.source,))
        in_port = _in_port_finding(event, subject, place, during, base, geod)
        if in_port is not None:
            return in_port
        _, _, d_m = geod.inv(during["lon"].to_numpy(float), during["lat"].to_numpy(float),
                             np.full(len(during), place.lon), np.full(len(during), place.lat))
        closest_nm = float(np.min(d_m)) / NM_M
        if closest_nm * NM_M <= PORT_MATCH_KM * 1000.0:
            from voyages.ais.calls import ENTRY_KM

            return Finding("ais_events", subject, Verdict.UNVERIFIABLE,
                           f"{event.id}: no call at {place.name} in the track; during the "
                           f"reported time the vessel came within {closest_nm:.1f} nm of it, "
                           f"near the port but outside its {ENTRY_KM:g} km entry radius",
                           {**base, "distance_nm": closest_nm}, (event.source,))
        return Finding("ais_events", subject, Verdict.IMPLAUSIBLE,
                       f"{event.id}: no call at {place.name} in the track; during the reported "
                       f"time the vessel was at least {closest_nm:.1f} nm from it",
                       {**base, "distance_nm": closest_nm}, (event.source,))
    # a reported position: the track's closest approach during the reported time
    if silent:
        return Finding("ais_events", subject, Verdict.UNVERIFIABLE,
                       f"{event.id}: the track has no position during the reported time",
                       base, (event.source,))
    _, _, d_m = geod.inv(during["lon"].to_numpy(float), during["lat"].to_numpy(float),
                         np.full(len(during), place.lon), np.full(len(during), place.lat))
    i = int(np.argmin(d_m))
    closest_nm = float(np.asarray(d_m)[i]) / NM_M
    when = during["time"].iloc[i]
    verdict = Verdict.CONSISTENT if closest_nm <= POSITION_TOLERANCE_NM else Verdict.IMPLAUSIBLE
    return Finding("ais_events", subject, verdict,
                   f"{event.id}: the track passes {closest_nm:.1f} nm from {place.name} during "
                   f"the reported time (closest at {when:%Y-%m-%d %H:%M} UTC; tolerance "
                   f"{POSITION_TOLERANCE_NM:g} nm)",
                   {**base, "distance_nm": closest_nm, "closest_time": when.isoformat(),
                    "closest_lat": float(during["lat"].iloc[i]),
                    "closest_lon": float(during["lon"].iloc[i]),
                    "tolerance_nm": POSITION_TOLERANCE_NM}, (event.source,))


def _in_port_finding(event: Event, subject: str, place, during: pd.DataFrame,
                     base: dict[str, Any], geod) -> Finding | None:
    """``consistent`` when a position during the reported time lies inside the port's radius.

    A port call needs a stop or a silence inside the port
    (:func:`voyages.ais.port_calls`), which one or two sparse (satellite)
    fixes cannot show; but a fix within the entry radius
    (:data:`voyages.ais.calls.ENTRY_KM`, Global Fishing Watch's 3 km) during
    the reported time places the vessel in the port then, which is what an
    arrival, departure or stay there needs. None when no position is inside.
    """
    from voyages.ais.calls import ENTRY_KM

    if during.empty:
        return None
    _, _, d_m = geod.inv(during["lon"].to_numpy(float), during["lat"].to_numpy(float),
                         np.full(len(during), place.lon), np.full(len(during), place.lat))
    d_m = np.asarray(d_m)
    inside = d_m <= ENTRY_KM * 1000.0
    if not inside.any():
        return None
    i = int(np.argmin(d_m))
    closest_nm = float(d_m[i]) / NM_M
    when = during["time"].iloc[i]
    return Finding("ais_events", subject, Verdict.CONSISTENT,
                   f"{event.id}: no port call at {place.name} can be rebuilt from the track "
                   f"(too few positions to show a stop), but {int(inside.sum())} position(s) "
                   f"during the reported time lie inside its {ENTRY_KM:g} km port radius "
                   f"(closest {closest_nm:.1f} nm, at {when:%Y-%m-%d %H:%M} UTC)",
                   {**base, "distance_nm": closest_nm, "closest_time": when.isoformat(),
                    "positions_in_port": int(inside.sum()), "entry_km": ENTRY_KM},
                   (event.source,))


def call_bounds(calls: pd.DataFrame, track: pd.DataFrame) -> pd.DataFrame:
    """How well the track pins each port call's arrival and departure, as UTC intervals.

    A call's arrival (its first position inside the port) is only known to
    lie after the vessel's previous report, which was still outside; its
    departure (last position inside) only before the next report. The
    intervals are closed; an end the track does not bound (the file starts
    or ends during the call) is NaT, read as open.

    Parameters
    ----------
    calls : pandas.DataFrame
        :func:`voyages.ais.port_calls` of ``track`` (columns ``arrival``,
        ``departure``, datetime64[ns, UTC]).
    track : pandas.DataFrame
        The vessel's positions (column ``time``, datetime64[ns, UTC]).

    Returns
    -------
    pandas.DataFrame
        ``calls`` with ``arrival_earliest`` (the report before the arrival)
        and ``departure_latest`` (the report after the departure) added,
        datetime64[ns, UTC].

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.to_datetime(["2025-01-08 02:00", "2025-01-08 02:30", "2025-01-08 05:00",
    ...                     "2025-01-08 05:10"], utc=True)
    >>> calls = pd.DataFrame({"arrival": [t[1]], "departure": [t[2]]})
    >>> b = call_bounds(calls, pd.DataFrame({"time": t}))
    >>> str(b.arrival_earliest[0]), str(b.departure_latest[0])
    ('2025-01-08 02:00:00+00:00', '2025-01-08 05:10:00+00:00')
    """
    import pandas as pd

    times = track["time"].dropna().sort_values().to_numpy(dtype="datetime64[ns]")
    arrival = calls["arrival"].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[ns]")
    departure = (calls["departure"].dt.tz_convert("UTC").dt.tz_localize(None)
                 .to_numpy("datetime64[ns]"))
    before = np.searchsorted(times, arrival, side="left") - 1
    after = np.searchsorted(times, departure, side="right")
    nat = np.datetime64("NaT", "ns")
    earliest = np.where(before >= 0, times[np.clip(before, 0, None)] if len(times) else nat, nat)
    latest = np.where(after < len(times),
                      times[np.clip(after, None, len(times) - 1)] if len(times) else nat, nat)
    out = calls.copy()
    out["arrival_earliest"] = pd.to_datetime(earliest).tz_localize("UTC")
    out["departure_latest"] = pd.to_datetime(latest).tz_localize("UTC")
    return out


def interval_gap_h(a_lo, a_hi, b_lo, b_hi) -> float:
    """Hours between two closed time intervals; 0 when they touch or overlap.

    An end that is None or NaT is open (the interval runs on without bound).

    >>> import pandas as pd
    >>> t = lambda s: pd.Timestamp(s, tz="UTC")
    >>> interval_gap_h(t("2025-01-08 01:30"), t("2025-01-08 02:30"),
    ...                t("2025-01-08 02:30"), t("2025-01-08 05:00"))
    0.0
    >>> interval_gap_h(t("2025-01-08 00:30"), t("2025-01-08 01:30"),
    ...                t("2025-01-08 02:00"), None)
    0.5
    """
    import pandas as pd

    gaps = [0.0]
    if not pd.isna(a_hi) and not pd.isna(b_lo):
        gaps.append(_hours(b_lo - a_hi))
    if not pd.isna(b_hi) and not pd.isna(a_lo):
        gaps.append(_hours(a_lo - b_hi))
    return max(gaps)


def _call_finding(event: Event, subject: str, place_name: str, here: pd.DataFrame,
                  track: pd.DataFrame, base: dict[str, Any], silent: bool) -> Finding:
    """A reported stay, arrival or departure against the track's calls at that port."""
    t = event.time
    assert t is not None
    bounded = call_bounds(here, track)
    gaps_h = [interval_gap_h(t.earliest, t.latest, call.arrival_earliest,
                             call.departure_latest) for call in bounded.itertuples()]
    i = int(np.argmin(gaps_h))
    diff, call = gaps_h[i], bounded.iloc[i]
    evidence = {**base, "call_arrival": call["arrival"].isoformat(),
                "call_departure": call["departure"].isoformat(),
                "call_arrival_earliest": _iso(call["arrival_earliest"]),
                "call_departure_latest": _iso(call["departure_latest"]),
                "difference_h": diff, "tolerance_h": CALL_TOLERANCE_H}
    span = (f"a call at {call['port_name']} from {call['arrival']:%Y-%m-%d %H:%M} to "
            f"{call['departure']:%Y-%m-%d %H:%M} UTC ({_bounds_text(call)})")
    if diff == 0.0:
        return Finding("ais_events", subject, Verdict.CONSISTENT,
                       f"{event.id}: the track shows {span}, overlapping the reported time",
                       evidence, (event.source,))
    if diff <= CALL_TOLERANCE_H:
        return Finding("ais_events", subject, Verdict.TIGHT,
                       f"{event.id}: the track shows {span}, {diff:.1f} h from the reported "
                       f"time: within the {CALL_TOLERANCE_H:g} h tolerance",
                       evidence, (event.source,))
    verdict = Verdict.UNVERIFIABLE if silent else Verdict.IMPLAUSIBLE
    return Finding("ais_events", subject, verdict,
                   f"{event.id}: the nearest call at {place_name} in the track is {span}, "
                   f"{diff:.1f} h from the reported time (tolerance {CALL_TOLERANCE_H:g} h)"
                   + ("; the track is silent then" if silent else ""),
                   evidence, (event.source,))


def _iso(value) -> str | None:
    import pandas as pd

    return None if pd.isna(value) else pd.Timestamp(value).isoformat()


def _bounds_text(call) -> str:
    """How the reports around a call bound its arrival and departure, in words."""
    import pandas as pd

    parts = []
    if pd.isna(call["arrival_earliest"]):
        parts.append("arrival at or before the file's first report")
    else:
        parts.append(f"arrival after {pd.Timestamp(call['arrival_earliest']):%m-%d %H:%M}")
    if pd.isna(call["departure_latest"]):
        parts.append("departure not seen: the call runs on past the file's last report")
    else:
        parts.append(f"departure before {pd.Timestamp(call['departure_latest']):%m-%d %H:%M}")
    known = not (pd.isna(call["arrival_earliest"]) and pd.isna(call["departure_latest"]))
    return ", ".join(parts) + (", between reports" if known else "")


def _sea_legs(case: Case, context) -> dict[tuple[str, str], float]:
    """The sea model's unexplained days by (from_event, to_event), from the sea timing check."""
    try:
        from voyages.checks import sea_timing
    except ImportError:  # pragma: no cover - the sea model is part of the package
        return {}
    legs = {}
    for finding in sea_timing.check(case, context):
        ev = finding.evidence
        days = ev.get("unexplained_days")
        if ev.get("from_event") and ev.get("to_event") and isinstance(days, int | float):
            legs[(str(ev["from_event"]), str(ev["to_event"]))] = float(days)
    return legs


def reported_gaps(case: Case, vessel: Vessel, track: pd.DataFrame) -> pd.DataFrame:
    """The AIS silences the ``ais_gaps`` check reports for one matched vessel.

    Gaps of :func:`voyages.ais.gaps` (12 h or more) that overlap the time
    between the vessel's first and last reported events; none when the case
    reports fewer than two events for it or the track has fewer than two
    positions.

    Returns
    -------
    pandas.DataFrame
        Rows of :func:`voyages.ais.gaps` (``mmsi``, ``start``, ``end``,
        ``duration_h``, ``lat_start``, ``lon_start``, ``lat_end``,
        ``lon_end``, ``distance_nm``, ``implied_speed_kn``, …).
    """
    from voyages import ais

    events = case.events_of(vessel.id)
    if len(events) < 2 or len(track) < 2:
        return ais.gaps(track.iloc[:0])
    first = events[0].time
    last = events[-1].time
    assert first is not None and last is not None
    gaps = ais.gaps(track)
    return gaps[(gaps["end"] > first.earliest) & (gaps["start"] < last.latest)]


def _gap_findings(case: Case, vessel: Vessel, track: pd.DataFrame, mmsi: int,
                  context=None) -> list[Finding]:
    events = case.events_of(vessel.id)
    gaps = reported_gaps(case, vessel, track)
    if gaps.empty:
        return []
    unexplained = _sea_legs(case, context)
    out = []
    for gap in gaps.itertuples():
        evidence: dict[str, Any] = {
            "mmsi": mmsi, "start": gap.start.isoformat(), "end": gap.end.isoformat(),
            "duration_h": float(gap.duration_h), "distance_nm": float(gap.distance_nm),
            "implied_speed_kn": float(gap.implied_speed_kn)}
        summary = (f"the track is silent for {gap.duration_h:.1f} h from "
                   f"{gap.start:%Y-%m-%d %H:%M} to {gap.end:%Y-%m-%d %H:%M} UTC "
                   f"({gap.distance_nm:.0f} nm across, {gap.implied_speed_kn:.1f} kn implied): "
                   "what the vessel did then cannot be checked")
        # the reported leg the gap falls in, and the sea model's unexplained days on it
        for a, b in zip(events[:-1], events[1:], strict=True):
            assert a.time is not None and b.time is not None
            lo, hi = max(gap.start, a.time.earliest), min(gap.end, b.time.latest)
            if hi <= lo:
                continue
            overlap_days = _hours(hi - lo) / 24.0
            evidence.update(from_event=a.id, to_event=b.id, gap_in_leg_days=overlap_days)
            days = unexplained.get((a.id, b.id))
            if days is not None:
                evidence["unexplained_days"] = days
                summary += (f"; on the leg {a.id} → {b.id} the sea model leaves {days:.1f} "
                            f"unexplained day(s), and the silence covers {overlap_days:.1f}")
            break
        out.append(Finding("ais_gaps", f"{vessel.name}: AIS gap", Verdict.UNVERIFIABLE,
                           summary, evidence, tuple(vessel.sources)))
    return out
