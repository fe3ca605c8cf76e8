"""Check ``land_timing``: overland legs the case quotes or implies.

Four kinds of finding:

1. **Duration claims by road or rail** (``claims`` of kind ``duration`` with
   mode ``road``/``rail``, e.g. "two days of driving from Conakry to the
   border via Siguiri"): the route is measured with
   :func:`voyages.land.land_route` and the stated days are judged as
   elapsed time; a whole number of days is read as rounded (±½ day).
2. **Ship → convoy arrival**: for every vessel that arrived where a convoy
   started (the convoy's departure place, or its first event's place), the
   leg from the ship's arrival plus the discharge of its cargo
   (:func:`voyages.transship.discharge_days`) to the convoy's arrival. A
   ship also seen later in that port (a ``port_stay`` event) gets a second
   finding for the reading that its cargo was still aboard then.
   Evidence gives the slack (or shortfall) in days at the convoy's fastest
   normal pace.
3. **The convoy's own legs**: every pair of consecutive timed events of a
   convoy that have a place (departure → sighting → … → arrival, in time
   order) is a leg, routed with :func:`voyages.land.land_route` in the
   convoy's mode and judged like a sea leg (evidence ``from_event``,
   ``to_event``, ``start_*``/``end_*``, ``elapsed_h_*``, ``feasible_h_*``,
   ``distance_km``, ``implied_speed_kmh_*``, ``unexplained_days``). Two
   events at the same place are not a leg; a leg no route can be found
   for is ``unverifiable``.
4. **Mode hypotheses** (``hypotheses`` of kind ``mode``, e.g. rail
   Conakry–Kankan): ``implausible`` when the corridor is out of service;
   ``unverifiable`` when no sourced speed exists for that mode.

Judging. Every timed leg is judged with :func:`voyages.timing.judge_leg`
twice, with the road convoy envelope (:mod:`voyages.convoys`) at its normal
driving day (10 h) and driving round the clock (24 h). The verdict is
``implausible`` when even round-the-clock driving at the fastest normal
convoy speed cannot make it, ``tight`` when it needs more than the normal
driving day (or the timing model calls it tight), else the normal-day
verdict. The distance band of an estimated route is passed as the
distance uncertainty. Border formalities and convoy form-up time have no
sourced figure and count as zero.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from voyages.errors import UnknownPlaceError, VoyagesError
from voyages.findings import Finding, Verdict
from voyages.records import Case, Claim, Convoy, Event, EventKind

__all__ = ["CHECK", "check", "judge_overland"]

CHECK = "land_timing"
ENVELOPE = "military_road_convoy"
ROUND_THE_CLOCK_H = 24.0
"""Hours in a day: the ceiling on daily driving (relief drivers, no halts)."""

_DAY_UNITS = {"d": 1.0, "day": 1.0, "days": 1.0, "h": 1 / 24, "hour": 1 / 24, "hours": 1 / 24,
              "hr": 1 / 24, "week": 7.0, "weeks": 7.0}


def judge_overland(start_earliest: datetime, start_latest: datetime, end_earliest: datetime,
                   end_latest: datetime, route, *, envelope_name: str = ENVELOPE
                   ) -> tuple[Verdict, dict[str, Any], str]:
    """Judge an overland leg between two time intervals.

    Parameters
    ----------
    start_earliest, start_latest, end_earliest, end_latest : datetime
        Timezone-aware bounds (UTC).
    route : voyages.land.LandRoute
    envelope_name : str
        A :data:`voyages.convoys.LAND_ENVELOPES` name.

    Returns
    -------
    (Verdict, dict, str)
        The verdict, the evidence (timing keys of the normal driving day,
        ``distance_km``, ``distance_km_min``/``_max``, ``feasible_h_min_24h``,
        ``required_driving_h_per_day``, ``slack_days``, ``shortfall_days``,
        envelope figures) and a short reason.
    """
    from voyages.convoys import land_envelope
    from voyages.timing import judge_leg

    env = land_envelope(envelope_name)
    args = (start_earliest, start_latest, end_earliest, end_latest)
    kwargs = {"distance": route.distance_km, "distance_uncertainty": route.distance_uncertainty}
    normal = judge_leg(*args, envelope=env.timing_envelope(), **kwargs)
    nonstop = judge_leg(*args, envelope=env.timing_envelope(ROUND_THE_CLOCK_H), **kwargs)
    evidence: dict[str, Any] = {**normal.evidence(),
                                "distance_km_min": route.distance_km_min,
                                "distance_km_max": route.distance_km_max,
                                "route_confidence": route.confidence,
                                "places_passed": list(route.places_passed),
                                "feasible_h_min_24h": nonstop.feasible_h_min,
                                "speed_min_kmh": env.speed_kmh_min,
                                "speed_max_kmh": env.speed_kmh_max,
                                "driving_h_per_day": env.driving_h_per_day,
                                "envelope_source": "; ".join(env.sources)}
    days = normal.elapsed_h_max / 24.0
    moving_h = route.distance_km_min / env.speed_kmh_max
    evidence["required_driving_h_per_day"] = moving_h / days if days > 0 else None
    slack_h = normal.elapsed_h_max - (normal.feasible_h_min or 0.0)
    evidence["slack_days"] = max(0.0, slack_h) / 24.0
    evidence["shortfall_days"] = max(0.0, -slack_h) / 24.0
    if nonstop.verdict is Verdict.IMPLAUSIBLE:
        verdict = Verdict.IMPLAUSIBLE
        reason = (f"needs {(nonstop.feasible_h_min or 0.0) / 24:.1f} days even driving round the "
                  f"clock at "
                  f"{env.speed_kmh_max:g} km/h; at most {days:.1f} days reported")
    elif normal.verdict is Verdict.IMPLAUSIBLE:
        verdict = Verdict.TIGHT
        need = evidence["required_driving_h_per_day"]
        reason = (f"feasible only with about {need:.0f} h of driving a day at "
                  f"{env.speed_kmh_max:g} km/h (normal: {env.driving_h_per_day:g} h)")
    else:
        verdict = normal.verdict
        reason = normal.reason
    return verdict, evidence, reason


_HEADLINE = ("distance_km", "slack_days", "shortfall_days", "required_driving_h_per_day",
             "claimed_days")


def _headline_first(evidence: dict[str, Any]) -> dict[str, Any]:
    """The same evidence with the figures a table shows first (``voyages check``)."""
    head = {k: evidence[k] for k in _HEADLINE if k in evidence}
    return {**head, **{k: v for k, v in evidence.items() if k not in head}}


def _days_of(claim: Claim) -> tuple[float, float, float] | None:
    """(stated, lowest, highest) days of a duration claim.

    A whole number of days ("two days") is read as rounded to the day, so
    ±½ day, as a date alone is read as its whole day; other figures are
    taken as exact.
    """
    for quantity in claim.values:
        unit = quantity.unit.strip().lower()
        factor = _DAY_UNITS.get(unit)
        if factor is None:
            continue
        days = quantity.value * factor
        if factor == 1.0 and float(quantity.value).is_integer() and days > 0:
            return days, days - 0.5, days + 0.5
        return days, days, days
    return None


def _route(origin, destination, *, mode: str, via=()):
    from voyages.land import land_route

    return land_route(origin, destination, mode=mode, via=tuple(via))


def _claim_findings(case: Case) -> list[Finding]:
    findings = []
    for claim in case.claims:
        if claim.kind != "duration" or claim.mode not in ("road", "rail"):
            continue
        subject = f"{case.subject_name(claim.subject)}: claim '{claim.id}'"
        stated = _days_of(claim)
        if claim.origin is None or claim.destination is None or stated is None:
            findings.append(Finding(CHECK, subject, Verdict.UNVERIFIABLE,
                                    "the claim has no origin, destination or duration in days",
                                    {"claim": claim.id}, (claim.source,)))
            continue
        try:
            route = _route(claim.origin, claim.destination, mode=claim.mode, via=claim.via)
        except VoyagesError as err:
            findings.append(Finding(CHECK, subject, Verdict.UNVERIFIABLE, f"no route: {err}",
                                    {"claim": claim.id}, (claim.source,)))
            continue
        days, low, high = stated
        t0 = datetime(2000, 1, 1, tzinfo=UTC)
        verdict, evidence, reason = judge_overland(t0, t0, t0 + timedelta(days=low),
                                                   t0 + timedelta(days=high), route)
        evidence = {"claim": claim.id, "claimed_days": days, "claimed_days_min": low,
                    "claimed_days_max": high, **evidence}
        band = _band(route)
        rounded = f" (read as {low:g}–{high:g})" if low != high else ""
        summary = (f"{route.origin.name} → {route.destination.name} via "
                   f"{', '.join(route.places_passed[1:-1]) or 'direct'}: {band} by {claim.mode} "
                   f"in {days:g} days{rounded}, {route.distance_km / days:,.0f} km a day; "
                   f"{reason}")
        findings.append(Finding(CHECK, subject, verdict, summary, _headline_first(evidence),
                                (claim.source,)))
    return findings


def _band(route) -> str:
    if route.distance_km_min == route.distance_km_max:
        return f"{route.distance_km:,.0f} km"
    return f"{route.distance_km_min:,.0f}–{route.distance_km_max:,.0f} km (estimated)"


def _same_place(a, b) -> bool:
    if a is None or b is None:
        return False
    if a.locode and b.locode:
        return a.locode == b.locode
    return (round(a.lat, 3), round(a.lon, 3)) == (round(b.lat, 3), round(b.lon, 3))


def _convoy_ends(case: Case, convoy: Convoy) -> tuple[Event | None, Event | None]:
    events = [e for e in case.events if e.subject == convoy.id]
    start = next((e for e in events if e.kind is EventKind.DEPARTURE and e.place), None)
    arrivals = [e for e in events if e.kind is EventKind.ARRIVAL and e.place and e.time]
    end = max(arrivals, key=lambda e: e.time.midpoint) if arrivals else None  # type: ignore[union-attr]
    return start, end


def _cargo_t(case: Case, vessel_id: str) -> float | None:
    masses = [e.cargo_mass_t for e in case.events
              if e.subject == vessel_id and e.cargo_mass_t is not None]
    return max(masses) if masses else None


def _ship_findings(case: Case) -> list[Finding]:
    from voyages.transship import DISCHARGE_SOURCE, discharge_days

    findings = []
    for convoy in case.convoys.values():
        start, end = _convoy_ends(case, convoy)
        if end is None or end.time is None:
            continue
        port = start.place if start is not None else None
        goal = end.place
        assert goal is not None  # _convoy_ends keeps arrivals with a place
        for vessel_id, vessel in case.vessels.items():
            arrivals = [e for e in case.events_of(vessel_id) if e.kind is EventKind.ARRIVAL
                        and (port is None or _same_place(e.place, port))]
            if not arrivals:
                continue
            arrival = arrivals[-1]
            if arrival.time is None or arrival.place is None or arrival.time.earliest > \
                    end.time.latest:
                continue
            try:
                route = _route(arrival.place, goal, mode=convoy.mode
                               if convoy.mode in ("road", "rail") else "road")
            except VoyagesError:
                continue
            cargo = _cargo_t(case, vessel_id)
            fast_days, slow_days = discharge_days(cargo) if cargo is not None else (0.0, 0.0)
            later = [e for e in case.events_of(vessel_id) if e.kind is EventKind.PORT_STAY
                     and _same_place(e.place, arrival.place) and e.time is not None
                     and e.time.earliest > arrival.time.earliest]
            departures = [e for e in case.events_of(vessel_id) if e.kind is EventKind.DEPARTURE
                          and _same_place(e.place, arrival.place) and e.time is not None
                          and e.time.earliest >= arrival.time.earliest]
            off_by = departures[0].time.latest if departures else end.time.latest  # type: ignore[union-attr]
            readings = [(arrival, "cargo off after the ship's arrival")]
            readings += [(stay, f"cargo still aboard at '{stay.id}'") for stay in later]
            for begin, reading in readings:
                assert begin.time is not None
                s0 = begin.time.earliest + timedelta(days=fast_days)
                s1 = max(s0, min(off_by, end.time.latest))
                verdict, evidence, reason = judge_overland(s0, s1, end.time.earliest,
                                                           end.time.latest, route)
                evidence = {"from_event": begin.id, "to_event": end.id, "vessel": vessel.name,
                            "reading": reading,
                            "start_earliest": s0.isoformat(),
                            "start_latest": s1.isoformat(),
                            "end_earliest": end.time.earliest.isoformat(),
                            "end_latest": end.time.latest.isoformat(),
                            "cargo_mass_t": cargo, "discharge_days_min": fast_days,
                            "discharge_days_max": slow_days, "discharge_source": DISCHARGE_SOURCE,
                            **evidence}
                slack = evidence["slack_days"]
                margin = (f"{slack:.1f} days to spare" if slack > 0 else
                          f"{evidence['shortfall_days']:.1f} days short")
                summary = (f"{vessel.name} ({reading}) → {convoy.name} at {goal.name} "
                           f"{end.time.text or end.time.earliest.date()}: {_band(route)} by "
                           f"{route.mode}; {margin} at the fastest normal pace; {reason}")
                subject = f"{vessel.name} → {convoy.name}: {arrival.place.name} → {goal.name}"
                findings.append(Finding(CHECK, subject, verdict, summary,
                                        _headline_first(evidence),
                                        tuple(dict.fromkeys([begin.source, end.source]))))
    return findings


def _timed_stops(case: Case, convoy: Convoy) -> list[Event]:
    """The convoy's events with a place and a time, in time order."""
    events = [e for e in case.events if e.subject == convoy.id and e.place is not None
              and e.time is not None and e.kind is not EventKind.CARGO]
    return sorted(events, key=lambda e: (e.time.earliest, e.time.latest))  # type: ignore[union-attr]


def _convoy_leg_findings(case: Case) -> list[Finding]:
    findings = []
    for convoy in case.convoys.values():
        mode = convoy.mode if convoy.mode in ("road", "rail") else "road"
        stops = _timed_stops(case, convoy)
        for begin, end in zip(stops, stops[1:], strict=False):
            assert begin.place is not None and end.place is not None
            assert begin.time is not None and end.time is not None
            if _same_place(begin.place, end.place):
                continue
            subject = f"{convoy.name}: {begin.place.name} → {end.place.name}"
            times = {"from_event": begin.id, "to_event": end.id,
                     "start_earliest": begin.time.earliest.isoformat(),
                     "start_latest": begin.time.latest.isoformat(),
                     "end_earliest": end.time.earliest.isoformat(),
                     "end_latest": end.time.latest.isoformat()}
            sources = tuple(dict.fromkeys([begin.source, end.source]))
            try:
                route = _route(begin.place, end.place, mode=mode)
            except VoyagesError as err:
                findings.append(Finding(CHECK, subject, Verdict.UNVERIFIABLE,
                                        f"no {mode} route: {err}", times, sources))
                continue
            verdict, evidence, reason = judge_overland(begin.time.earliest, begin.time.latest,
                                                       end.time.earliest, end.time.latest, route)
            evidence = {**times, **evidence}
            summary = (f"{convoy.name} '{begin.id}' → '{end.id}': {_band(route)} by {mode} "
                       f"via {', '.join(route.places_passed[1:-1]) or 'direct'}; {reason}")
            findings.append(Finding(CHECK, subject, verdict, summary,
                                    _headline_first(evidence), sources))
    return findings


def _hypothesis_findings(case: Case) -> list[Finding]:
    findings = []
    for hyp in case.hypotheses:
        if hyp.kind != "mode" or hyp.mode not in ("road", "rail") or len(hyp.route) < 2:
            continue
        subject = f"{case.subject_name(hyp.subject)}: hypothesis '{hyp.id}'"
        try:
            route = _route(hyp.route[0], hyp.route[-1], mode=hyp.mode, via=hyp.route[1:-1])
        except (VoyagesError, UnknownPlaceError) as err:
            findings.append(Finding(CHECK, subject, Verdict.UNVERIFIABLE, f"no route: {err}",
                                    {"hypothesis": hyp.id}, (hyp.source,)))
            continue
        evidence = {"hypothesis": hyp.id, "statement": hyp.statement, "mode": hyp.mode,
                    "distance_km": route.distance_km, "distance_km_min": route.distance_km_min,
                    "distance_km_max": route.distance_km_max,
                    "route_confidence": route.confidence, "closed": route.closed,
                    "places_passed": list(route.places_passed),
                    "legs": [{"from": leg.origin.name, "to": leg.destination.name,
                              "status": leg.status, "source": leg.source} for leg in route.legs]}
        where = f"{route.origin.name} → {route.destination.name}"
        if route.confidence == "estimated" and hyp.mode == "rail":
            verdict = Verdict.UNVERIFIABLE
            summary = f"no {hyp.mode} line {where} is known to the corridors"
        elif route.closed:
            verdict = Verdict.IMPLAUSIBLE
            closed = [leg for leg in route.legs if leg.status == "closed"]
            names = ", ".join(f"{leg.origin.name}–{leg.destination.name}" for leg in closed)
            summary = (f"{hyp.mode} {where} ({_band(route)}) runs over a line out of service "
                       f"({names}): {closed[0].source}")
        else:
            verdict = Verdict.UNVERIFIABLE
            summary = (f"{hyp.mode} {where} is {_band(route)}; no sourced {hyp.mode} speed to "
                       "judge the times")
        findings.append(Finding(CHECK, subject, verdict, summary, evidence, (hyp.source,)))
    return findings


def check(case: Case, context=None) -> list[Finding]:
    """Overland findings: duration claims, ship → convoy, convoy legs, mode hypotheses."""
    return (_claim_findings(case) + _ship_findings(case) + _convoy_leg_findings(case)
            + _hypothesis_findings(case))

