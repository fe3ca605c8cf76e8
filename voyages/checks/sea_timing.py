"""Sea-leg timing and route hypotheses.

Two kinds of finding, both from :func:`check`:

``sea_timing``
    Every sea leg the case implies: for each vessel, each pair of
    consecutive timed events at different places (departure → arrival,
    port stay → next call, sighting → sighting). The leg is routed with
    :func:`voyages.sea.sea_route` and judged with
    :func:`voyages.timing.judge_leg` against the vessel's speed envelope
    (:func:`voyages.speeds.envelope_for`).

``hypothesis``
    Every hypothesis of kind ``via`` (the vessel called at ``place`` on the
    way) or ``origin`` (the voyage started at ``place`` instead), routed
    and judged against the same reported times, with one port stay
    allowed per added call. The summary says whether the times allow it.
    A hypothesis applies to the leg between its ``between`` events when
    given; otherwise to every leg of its subject vessel (of every vessel
    when the subject is not one), and an ``origin`` hypothesis only to legs
    that start with a departure.

Distances carry a relative uncertainty (:func:`distance_uncertainty`: 5 %
from 500 nm, 30 % below) from our measured route error, so a leg is not
called implausible on the strength of a route a few per cent too long.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from voyages.errors import RouteError
from voyages.findings import Finding, Verdict
from voyages.records import Case, Event, EventKind, Hypothesis, Vessel

__all__ = ["DISTANCE_UNCERTAINTY", "SeaLeg", "check", "distance_uncertainty", "sea_legs"]

DISTANCE_UNCERTAINTY = 0.05
"""Relative uncertainty of a routed sea distance of 500 nm or more: the
90th-percentile error of :func:`voyages.sea.sea_route` against published
port-to-port distances was 4.4 % (``benchmarks/sea_accuracy.py``), rounded up."""

SHORT_LEG_NM = 500.0
SHORT_LEG_UNCERTAINTY = 0.30
"""Legs under ``SHORT_LEG_NM``: 90th-percentile error 28.5 % in the same
benchmark (searoute's network is coarse near coasts), rounded up."""


def distance_uncertainty(distance_nm: float) -> float:
    """The relative uncertainty the timing model gives a routed distance.

    >>> distance_uncertainty(4400.0), distance_uncertainty(120.0)
    (0.05, 0.3)
    """
    return SHORT_LEG_UNCERTAINTY if distance_nm < SHORT_LEG_NM else DISTANCE_UNCERTAINTY


@dataclass(frozen=True)
class SeaLeg:
    """Two consecutive events of one vessel at different places."""

    vessel: Vessel
    start: Event
    end: Event


def sea_legs(case: Case) -> list[SeaLeg]:
    """Every sea leg the case implies, vessel by vessel, in time order.

    Events need a place and a time; consecutive events at the same place
    (arrival then departure) are a port stay, not a leg.
    """
    legs: list[SeaLeg] = []
    for vessel_id, vessel in case.vessels.items():
        events = [e for e in case.events_of(vessel_id) if e.place is not None]
        for a, b in zip(events[:-1], events[1:], strict=True):
            if _same_place(a, b):
                continue
            legs.append(SeaLeg(vessel, a, b))
    return legs


def _same_place(a: Event, b: Event) -> bool:
    pa, pb = a.place, b.place
    assert pa is not None and pb is not None
    if pa.locode and pb.locode:
        return pa.locode == pb.locode
    return (round(pa.lat, 4), round(pa.lon, 4)) == (round(pb.lat, 4), round(pb.lon, 4))


def _times(start: Event, end: Event) -> dict[str, str]:
    assert start.time is not None and end.time is not None
    return {
        "start_earliest": start.time.earliest.isoformat(),
        "start_latest": start.time.latest.isoformat(),
        "end_earliest": end.time.earliest.isoformat(),
        "end_latest": end.time.latest.isoformat(),
    }


def _days(hours: float | None) -> str:
    return "?" if hours is None else f"{hours / 24:.1f}"


def _judge(vessel: Vessel, start: Event, end: Event, stops: Iterable, port_calls: int):
    """Route start → stops → end and judge it; returns (route or None, timing, envelope, reason)."""
    from voyages.sea import sea_route
    from voyages.speeds import envelope_for
    from voyages.timing import judge_times

    envelope = envelope_for(vessel)
    route = None
    reason = ""
    assert start.place is not None and end.place is not None  # legs join placed events
    try:
        route = sea_route(start.place, end.place, via=tuple(stops))
    except RouteError as err:
        reason = f"no sea route: {err}"
    if not reason and not envelope.known:
        reason = f"no sourced speed: {envelope.source}"
    assert start.time is not None and end.time is not None
    timing = judge_times(start.time, end.time,
                         distance=None if route is None else route.distance_nm,
                         envelope=envelope.timing(port_calls=port_calls),
                         distance_uncertainty=(0.0 if route is None
                                               else distance_uncertainty(route.distance_nm)),
                         unverifiable_reason=reason)
    return route, timing, envelope


def _evidence(start: Event, end: Event, route, timing, envelope) -> dict:
    evidence: dict = {"from_event": start.id, "to_event": end.id, **_times(start, end)}
    evidence.update(timing.evidence())
    if route is not None:
        evidence["distance_km"] = route.distance_km
        evidence["passages"] = [p.value for p in route.passages]
        if route.inland_notes:
            evidence["inland_waterways"] = list(route.inland_notes)
    if route is not None:
        evidence["distance_uncertainty"] = distance_uncertainty(route.distance_nm)
    evidence["vessel_type"] = envelope.type or None
    evidence["speed_min_kn"] = envelope.speed_min_kn
    evidence["speed_max_kn"] = envelope.speed_max_kn
    evidence["port_stay_h"] = envelope.port_stay_h
    evidence["envelope"] = envelope.label
    evidence["envelope_basis"] = envelope.basis or None
    evidence["size_bin"] = envelope.size_bin or None
    evidence["envelope_source"] = envelope.source
    evidence["reason"] = timing.reason
    return evidence


def _leg_summary(name: str, route_text: str, route, timing, envelope) -> str:
    head = f"{name}: {route_text}"
    if route is None or timing.verdict is Verdict.UNVERIFIABLE and timing.distance is None:
        return f"{head}: {timing.reason}"
    text = _leg_text(head, route, timing)
    return f"{text} [envelope: {envelope.label}]" if envelope.known else text


def _leg_text(head: str, route, timing) -> str:
    span = f"{_days(timing.elapsed_h_min)}–{_days(timing.elapsed_h_max)} days"
    speeds = ""
    if timing.implied_speed_min is not None:
        top = "∞" if timing.implied_speed_max is None else f"{timing.implied_speed_max:.1f}"
        speeds = f" ({timing.implied_speed_min:.1f}–{top} kn)"
    text = f"{head}, {route.distance_nm:,.0f} nm in {span}{speeds}"
    if timing.verdict is Verdict.UNVERIFIABLE:
        return f"{text}; {timing.reason}"
    text += (f"; the passage needs {_days(timing.feasible_h_min)}–{_days(timing.feasible_h_max)}"
             f" days: {timing.verdict.value}")
    if timing.unexplained_h_min:
        text += f", at least {_days(timing.unexplained_h_min)} days unexplained"
    return text


def _sources(*events: Event, extra: Iterable[str] = ()) -> tuple[str, ...]:
    out: list[str] = []
    for source in (*(e.source for e in events), *extra):
        if source and source not in out:
            out.append(source)
    return tuple(out)


def _leg_finding(case: Case, leg: SeaLeg) -> Finding:
    route, timing, envelope = _judge(leg.vessel, leg.start, leg.end, (), port_calls=0)
    assert leg.start.place is not None and leg.end.place is not None
    route_text = f"{leg.start.place.name} → {leg.end.place.name}"
    return Finding(
        check="sea_timing",
        subject=f"{leg.vessel.name}: {route_text}",
        verdict=timing.verdict,
        summary=_leg_summary(leg.vessel.name, route_text, route, timing, envelope),
        evidence=_evidence(leg.start, leg.end, route, timing, envelope),
        sources=_sources(leg.start, leg.end),
    )


def _targets(case: Case, hypothesis: Hypothesis, legs: list[SeaLeg]) -> list[SeaLeg]:
    if hypothesis.between:
        first, second = hypothesis.between
        return [leg for leg in legs if leg.start.id == first and leg.end.id == second] or [
            SeaLeg(case.vessels[e1.subject], e1, e2)
            for e1 in case.events if e1.id == first and e1.subject in case.vessels
            for e2 in case.events if e2.id == second
            if e1.place is not None and e2.place is not None
            and e1.time is not None and e2.time is not None
        ]
    chosen = [leg for leg in legs
              if hypothesis.subject not in case.vessels or leg.vessel.id == hypothesis.subject]
    if hypothesis.kind == "origin":
        # "the voyage started elsewhere" bears on legs that start with a departure
        chosen = [leg for leg in chosen if leg.start.kind is EventKind.DEPARTURE]
    return chosen


def _hypothesis_findings(case: Case, hypothesis: Hypothesis, legs: list[SeaLeg]) -> list[Finding]:
    stops = tuple(hypothesis.route) or ((hypothesis.place,) if hypothesis.place else ())
    if hypothesis.kind not in ("via", "origin") or not stops:
        return []
    out: list[Finding] = []
    for leg in _targets(case, hypothesis, legs):
        assert leg.start.place is not None and leg.end.place is not None
        if hypothesis.kind == "via":
            start_place, via = leg.start.place, stops
        else:  # origin: the voyage started at the hypothesis's place instead
            start_place, via = stops[0], stops[1:]
        if any(_is(p, leg.end.place) for p in via) or _is(start_place, leg.end.place):
            continue
        via = tuple(p for p in via if not _is(p, start_place))
        start = Event(id=leg.start.id, subject=leg.start.subject, kind=leg.start.kind,
                      source=leg.start.source, quote=leg.start.quote, place=start_place,
                      time=leg.start.time)
        route, timing, envelope = _judge(leg.vessel, start, leg.end, via, port_calls=len(via))
        names = [start_place.name, *(p.name for p in via), leg.end.place.name]
        route_text = " → ".join(names)
        base, base_timing, _ = _judge(leg.vessel, leg.start, leg.end, (), port_calls=0)
        evidence = _evidence(start, leg.end, route, timing, envelope)
        evidence["hypothesis"] = hypothesis.id
        evidence["kind"] = hypothesis.kind
        evidence["statement"] = hypothesis.statement
        if route is not None and base is not None:
            evidence["extra_distance_nm"] = route.distance_nm - base.distance_nm
            evidence["reported_route_distance_nm"] = base.distance_nm
        allowed = {Verdict.CONSISTENT: "the times allow it",
                   Verdict.TIGHT: "the times allow it only at the top of the speed envelope",
                   Verdict.IMPLAUSIBLE: "the times rule it out",
                   Verdict.UNVERIFIABLE: "cannot be judged"}[timing.verdict]
        summary = _leg_summary(leg.vessel.name, route_text, route, timing, envelope)
        out.append(Finding(
            check="hypothesis",
            subject=f"{leg.vessel.name}: {hypothesis.statement or route_text}",
            verdict=timing.verdict,
            summary=f"{summary} — {allowed}",
            evidence=evidence,
            sources=_sources(leg.start, leg.end, extra=(hypothesis.source,)),
        ))
    return out


def _is(a, b) -> bool:
    if a.locode and b.locode:
        return a.locode == b.locode
    return (round(a.lat, 4), round(a.lon, 4)) == (round(b.lat, 4), round(b.lon, 4))


def check(case: Case, context=None) -> list[Finding]:
    """Judge every sea leg of the case and every via/origin hypothesis.

    Returns
    -------
    list of Finding
        ``sea_timing`` findings (one per leg, in vessel and time order),
        then ``hypothesis`` findings (one per hypothesis and leg it bears
        on). Evidence keys: ``from_event``, ``to_event``,
        ``start_earliest`` … ``end_latest`` (ISO UTC), ``elapsed_h_min/max``,
        ``feasible_h_min/max``, ``distance_nm``, ``distance_km``,
        ``implied_speed_kn_min/max``, ``unexplained_days`` (and
        ``unexplained_days_max``), ``passages``, ``speed_min_kn``,
        ``speed_max_kn``, ``envelope`` (in words), ``envelope_basis``
        (``type``, ``size bin`` or ``service speed``), ``size_bin``,
        ``envelope_source``. The summary ends with the envelope used.
    """
    legs = sea_legs(case)
    findings = [_leg_finding(case, leg) for leg in legs]
    for hypothesis in case.hypotheses:
        findings.extend(_hypothesis_findings(case, hypothesis, legs))
    return findings
