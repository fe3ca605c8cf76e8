"""Chronology check: does each subject's story run forwards in time?

Per vessel or convoy, over its dated events (UTC intervals, so a date
alone spans the whole local day and nothing is judged finer than it was
reported):

- **order at a place**: a departure from a place must be able to follow an
  arrival there; a port stay must be able to fall after the arrival and
  before the departure. Out of order for every reading of the times →
  ``implausible``.
- **departure before arrival at the destination**: a departure that names
  where it was headed must be able to precede an arrival there.
- **two places at once**: events at one place that bracket a stay (arrival
  then departure, or arrival then a later port stay) make the subject
  *certainly* there from the first event's latest bound to the last one's
  earliest bound. Two such stays at different places that overlap, or an
  event elsewhere that falls wholly inside a stay, are ``implausible``.
  (The check assumes one continuous stay between the events of one visit;
  a departure followed by a new arrival starts a new visit.)

Otherwise the subject gets one ``consistent`` finding listing its events in
order. Places within :data:`SAME_PLACE_KM` of each other (or sharing a
UN/LOCODE) count as one place. Whether the subject could *travel* between
places in the time given is the sea- and land-timing checks' job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from voyages.findings import Finding, Verdict
from voyages.places import Place
from voyages.records import Case, Event, EventKind

__all__ = ["SAME_PLACE_KM", "check", "same_place"]

SAME_PLACE_KM = 10.0
"""Places closer than this (geodesic km) are one place: a port and its town,
a quay and its anchorage. A judgement call; offsets of a few nautical miles
(the Yehliu sighting, 13 km out) stay distinct."""


def same_place(a: Place, b: Place) -> bool:
    """True when two places share a UN/LOCODE or lie within :data:`SAME_PLACE_KM`."""
    if a.locode and b.locode and a.locode == b.locode:
        return True
    from pyproj import Geod

    _, _, metres = Geod(ellps="WGS84").inv(a.lon, a.lat, b.lon, b.lat)
    return metres / 1000.0 <= SAME_PLACE_KM


@dataclass
class _Visit:
    place: Place
    events: list[Event] = field(default_factory=list)

    def certain(self) -> tuple[datetime, datetime, Event, Event] | None:
        """The interval the subject was certainly at the place, if the events bracket one."""
        if len(self.events) < 2:
            return None
        first, last = self.events[0], self.events[-1]
        if first.kind is EventKind.DEPARTURE or last.kind is EventKind.ARRIVAL:
            return None
        start, end = first.time.latest, last.time.earliest  # type: ignore[union-attr]
        return (start, end, first, last) if start < end else None


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _timing(first: Event, second: Event) -> dict:
    assert first.time is not None and second.time is not None
    return {
        "from_event": first.id, "to_event": second.id,
        "start_earliest": _iso(first.time.earliest), "start_latest": _iso(first.time.latest),
        "end_earliest": _iso(second.time.earliest), "end_latest": _iso(second.time.latest),
    }


def _describe(event: Event) -> str:
    where = event.place.name if event.place else "?"
    if event.kind is EventKind.SIGHTING:
        verb = "seen" if event.place and event.place.kind == "offset" else "seen at"
    else:
        verb = {EventKind.DEPARTURE: "left", EventKind.ARRIVAL: "reached",
                EventKind.PORT_STAY: "at", EventKind.INCIDENT: "incident at",
                EventKind.CARGO: "cargo at"}[event.kind]
    return f"{verb} {where} {event.time.text if event.time else ''}".strip()


def _visits(events: list[Event]) -> list[_Visit]:
    """Group a subject's placed events into visits (a departure closes one)."""
    visits: list[_Visit] = []
    open_visit: dict[int, _Visit] = {}
    for event in events:
        assert event.place is not None
        match = None
        for key, visit in open_visit.items():
            if same_place(visit.place, event.place):
                match = key
                break
        if match is None or event.kind is EventKind.ARRIVAL and any(
                e.kind is EventKind.DEPARTURE for e in open_visit[match].events):
            visit = _Visit(event.place)
            visits.append(visit)
            if match is not None:
                del open_visit[match]
            open_visit[id(visit)] = visit
            match = id(visit)
        open_visit[match].events.append(event)
    return visits


def _order_at_places(case: Case, subject: str, events: list[Event]) -> list[Finding]:
    """Departures and port stays that cannot follow any arrival at the same place."""
    findings = []
    name = case.subject_name(subject)
    for event in events:
        if event.kind not in (EventKind.DEPARTURE, EventKind.PORT_STAY):
            continue
        arrivals = [a for a in events if a.kind is EventKind.ARRIVAL
                    and same_place(a.place, event.place)]  # type: ignore[arg-type]
        if not arrivals:
            continue
        if any(a.time.earliest < event.time.latest for a in arrivals):  # type: ignore[union-attr]
            continue
        first = min(arrivals, key=lambda a: a.time.earliest)  # type: ignore[union-attr]
        what = "left" if event.kind is EventKind.DEPARTURE else "was seen at"
        findings.append(Finding(
            "chronology", name, Verdict.IMPLAUSIBLE,
            f"{name} {what} {event.place.name} ({event.time.text}) before it arrived there "  # type: ignore[union-attr]
            f"({first.time.text})",  # type: ignore[union-attr]
            _timing(event, first), tuple(dict.fromkeys([event.source, first.source]))))
    for event in events:
        if event.kind is not EventKind.PORT_STAY:
            continue
        departures = [d for d in events if d.kind is EventKind.DEPARTURE
                      and same_place(d.place, event.place)]  # type: ignore[arg-type]
        if not departures:
            continue
        if any(d.time.latest > event.time.earliest for d in departures):  # type: ignore[union-attr]
            continue
        last = max(departures, key=lambda d: d.time.latest)  # type: ignore[union-attr]
        findings.append(Finding(
            "chronology", name, Verdict.IMPLAUSIBLE,
            f"{name} was seen at {event.place.name} ({event.time.text}) after it left "  # type: ignore[union-attr]
            f"({last.time.text})",  # type: ignore[union-attr]
            _timing(last, event), tuple(dict.fromkeys([last.source, event.source]))))
    return findings


def _destinations(case: Case, events: list[Event]) -> list[Finding]:
    findings = []
    for event in events:
        if event.kind is not EventKind.DEPARTURE or event.destination is None:
            continue
        arrivals = [a for a in events if a.kind is EventKind.ARRIVAL
                    and same_place(a.place, event.destination)]  # type: ignore[arg-type]
        if not arrivals or any(a.time.latest > event.time.earliest  # type: ignore[union-attr]
                               for a in arrivals):
            continue
        arrival = max(arrivals, key=lambda a: a.time.latest)  # type: ignore[union-attr]
        name = case.subject_name(event.subject)
        findings.append(Finding(
            "chronology", name, Verdict.IMPLAUSIBLE,
            f"{name} reached {event.destination.name} ({arrival.time.text}) before it left "  # type: ignore[union-attr]
            f"{event.place.name} for it ({event.time.text})",  # type: ignore[union-attr]
            _timing(event, arrival), tuple(dict.fromkeys([event.source, arrival.source]))))
    return findings


def _two_places(case: Case, subject: str, events: list[Event]) -> list[Finding]:
    findings = []
    name = case.subject_name(subject)
    visits = _visits(events)
    stays = [(v, v.certain()) for v in visits]
    overlapping: set[tuple[int, int]] = set()  # visit pairs already reported as overlapping
    visit_of = {id(e): j for j, v in enumerate(visits) for e in v.events}
    for i, (visit, stay) in enumerate(stays):
        if stay is None:
            continue
        start, end, first, last = stay
        for k, (other, other_stay) in enumerate(stays[i + 1:], start=i + 1):
            if other_stay is None or same_place(visit.place, other.place):
                continue
            o_start, o_end, o_first, o_last = other_stay
            if o_start < end and start < o_end:
                overlapping.update({(i, k), (k, i)})
                evidence: dict[str, object] = {
                    "stay_a": [_iso(start), _iso(end)], "stay_b": [_iso(o_start), _iso(o_end)],
                    "events_a": [first.id, last.id], "events_b": [o_first.id, o_last.id]}
                findings.append(Finding(
                    "chronology", name, Verdict.IMPLAUSIBLE,
                    f"{name} in two places at once: at {visit.place.name} "
                    f"({first.time.text} – {last.time.text}) and at {other.place.name} "  # type: ignore[union-attr]
                    f"({o_first.time.text} – {o_last.time.text})",  # type: ignore[union-attr]
                    evidence, tuple(dict.fromkeys([first.source, last.source, o_first.source,
                                                   o_last.source]))))
        for event in events:
            if ((i, visit_of[id(event)]) in overlapping
                    or same_place(event.place, visit.place)):  # type: ignore[arg-type]
                continue
            t = event.time
            if start <= t.earliest and t.latest <= end:  # type: ignore[union-attr]
                evidence = {"stay": [_iso(start), _iso(end)], "stay_events": [first.id, last.id],
                            "event": event.id, "event_earliest": _iso(t.earliest),  # type: ignore[union-attr]
                            "event_latest": _iso(t.latest)}  # type: ignore[union-attr]
                findings.append(Finding(
                    "chronology", name, Verdict.IMPLAUSIBLE,
                    f"{name} in two places at once: {_describe(event)} while at "
                    f"{visit.place.name} from {first.time.text} to {last.time.text}",  # type: ignore[union-attr]
                    evidence, tuple(dict.fromkeys([event.source, first.source, last.source]))))
    return findings


def check(case: Case, context=None) -> list[Finding]:
    """Chronology findings for every vessel and convoy with dated, placed events."""
    findings: list[Finding] = []
    for subject in [*case.vessels, *case.convoys]:
        events = [e for e in case.events_of(subject) if e.place is not None]
        if not events:
            continue
        problems = (_order_at_places(case, subject, events) + _destinations(case, events)
                    + _two_places(case, subject, events))
        if problems:
            findings.extend(problems)
            continue
        name = case.subject_name(subject)
        undated = sum(1 for e in case.events if e.subject == subject and e.time is None)
        story = " → ".join(_describe(e) for e in events)
        evidence: dict[str, object] = {"events": [e.id for e in events],
                    "first_earliest": _iso(events[0].time.earliest),  # type: ignore[union-attr]
                    "last_latest": _iso(events[-1].time.latest)}  # type: ignore[union-attr]
        if undated:
            evidence["undated_events"] = undated
        findings.append(Finding(
            "chronology", name, Verdict.CONSISTENT,
            (f"{name}: {len(events)} dated events in a possible order: {story}"
             if len(events) > 1 else f"{name}: one dated event: {story}"),
            evidence, tuple(dict.fromkeys(e.source for e in events))))
    return findings
