"""The legs a case implies, with the line each is drawn along.

Shared by :mod:`voyages.plot` (the map) and :mod:`voyages.report` (the
table of legs and what could not be drawn). A leg is one move between two
places:

- ``reported``: consecutive located, timed events of one vessel or convoy
  at different places (Murmansk departure → Conakry arrival);
- ``claimed``: a claim's origin → via → destination ("two days of driving
  from Conakry to the border via Siguiri");
- ``hypothesis``: an alternative a source raises (via Tartus; rail to
  Kankan), drawn dashed.

Sea legs follow :func:`voyages.sea.sea_route` and road/rail legs
:func:`voyages.land.land_route`. A leg that cannot be routed (a place far
from the sea lanes, no corridor) is drawn as a dotted straight line with a
note saying why, so the report says so instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from voyages.places import Place
from voyages.records import Case, Event, EventKind
from voyages.units import km_to_nm

__all__ = ["MapLeg", "case_legs", "located_events"]

STRAIGHT = "straight line"
"""``MapLeg.method`` of a leg no router could route: drawn dotted, along the geodesic."""

# Points per great-circle segment: one every ~50 km, at most 180.
_GC_STEP_M = 50_000.0
_GC_MAX_POINTS = 180


@dataclass(frozen=True)
class MapLeg:
    """One move between two places and the line it is drawn along.

    Attributes
    ----------
    subject : str
        Vessel or convoy id.
    name : str
        The subject's display name.
    kind : str
        ``reported``, ``claimed`` or ``hypothesis``.
    mode : str
        ``sea``, ``road`` or ``rail``.
    origin, destination : Place
    path : tuple of (lat, lon)
        WGS84 degrees along the route; longitudes unwrapped (continuous
        across the antimeridian).
    method : str
        How the path was drawn: ``sea route``, ``road route``,
        ``rail route``, or ``straight line`` (no route found; see ``note``).
    distance_nm : float or None
        Route length in nautical miles when the router gave one.
    note : str
        Why a leg could not be routed, or what is uncertain about its route.
    statement : str
        The claim or hypothesis in words (empty for reported legs).
    from_event, to_event : str
        For reported legs, the ids of the last event at the origin and the
        first at the destination (what timing findings name).
    """

    subject: str
    name: str
    kind: str
    mode: str
    origin: Place
    destination: Place
    path: tuple[tuple[float, float], ...]
    method: str
    distance_nm: float | None = None
    note: str = ""
    statement: str = ""
    from_event: str = ""
    to_event: str = ""

    @property
    def label(self) -> str:
        """``"Adler: Murmansk → Conakry"``."""
        return f"{self.name}: {self.origin.name} → {self.destination.name}"


def located_events(case: Case) -> list[Event]:
    """Events with a place, ordered by subject (file order) then time.

    Events without a time keep their file order after the timed ones.
    """
    order = {sid: i for i, sid in enumerate([*case.vessels, *case.convoys])}
    located = [e for e in case.events if e.place is not None]

    def key(item: tuple[int, Event]) -> tuple:
        index, event = item
        timed = event.time is not None
        when = event.time.midpoint.timestamp() if timed else 0.0  # type: ignore[union-attr]
        return (order.get(event.subject, len(order)), event.subject, not timed, when, index)

    return [e for _, e in sorted(enumerate(located), key=key)]


def _same_place(a: Place, b: Place) -> bool:
    if a.locode and b.locode:
        return a.locode == b.locode
    return (round(a.lat, 4), round(a.lon, 4)) == (round(b.lat, 4), round(b.lon, 4))


def _unwrap(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Make longitudes continuous (no jump of 360° at the antimeridian)."""
    out: list[tuple[float, float]] = []
    for lat, lon in points:
        if out:
            prev = out[-1][1]
            while lon - prev > 180:
                lon -= 360
            while lon - prev < -180:
                lon += 360
        out.append((round(lat, 5), round(lon, 5)))
    return tuple(out)


def great_circle(a: Place, b: Place) -> tuple[tuple[float, float], ...]:
    """Points along the WGS84 geodesic from ``a`` to ``b`` as (lat, lon).

    >>> pts = great_circle(Place("A", 0.0, 0.0), Place("B", 0.0, 10.0))
    >>> pts[0], pts[-1]
    ((0.0, 0.0), (0.0, 10.0))
    """
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    _, _, dist_m = geod.inv(a.lon, a.lat, b.lon, b.lat)
    n = min(_GC_MAX_POINTS, max(0, int(dist_m // _GC_STEP_M)))
    middle = geod.npts(a.lon, a.lat, b.lon, b.lat, n) if n else []
    points = [(a.lat, a.lon), *((lat, lon) for lon, lat in middle), (b.lat, b.lon)]
    return _unwrap(points)


def _route(origin: Place, destination: Place, mode: str) -> tuple[tuple, str, float | None, str]:
    """(path, method, distance_nm, note) for one leg."""
    from voyages.errors import VoyagesError

    if mode == "sea":
        from voyages.sea import sea_route

        try:
            sea = sea_route(origin, destination)
        except VoyagesError as err:
            return great_circle(origin, destination), STRAIGHT, None, f"no sea route: {err}"
        coords = [(lat, lon) for lon, lat in sea.line.coords]
        return _unwrap(coords), "sea route", float(sea.distance_nm), ""
    from voyages.land import land_route

    try:
        route = land_route(origin, destination, mode=mode)
    except VoyagesError as err:
        return great_circle(origin, destination), STRAIGHT, None, f"no {mode} route: {err}"
    coords = [(lat, lon) for lon, lat in route.line.coords]
    notes = []
    if route.confidence != "corridor":
        notes.append(f"length estimated ({format_km_band(route)}), no sourced corridor")
    if route.closed:
        notes.append("passes a line out of service")
    return (_unwrap(coords), f"{mode} route", km_to_nm(route.distance_km), "; ".join(notes))


def format_km_band(route) -> str:
    """``"610–780 km"`` for a land route's length band."""
    lo, hi = route.distance_km_min, route.distance_km_max
    return f"{lo:,.0f} km" if round(lo) == round(hi) else f"{lo:,.0f}–{hi:,.0f} km"


def _leg(case: Case, subject: str, kind: str, mode: str, a: Place, b: Place,
         statement: str = "", *, memo: dict | None = None) -> MapLeg:
    memo = {} if memo is None else memo
    key = (a, b, mode)
    if key not in memo:
        memo[key] = _route(a, b, mode)
    path, method, distance_nm, note = memo[key]
    return MapLeg(subject=subject, name=case.subject_name(subject), kind=kind, mode=mode,
                  origin=a, destination=b, path=path, method=method,
                  distance_nm=distance_nm, note=note, statement=statement)


def _mode_of(case: Case, subject: str) -> str:
    if subject in case.convoys:
        return case.convoys[subject].mode or "road"
    return "sea"


def _chain(places: list[Place]) -> list[tuple[Place, Place]]:
    """Consecutive pairs of a list of places, repeated places collapsed."""
    stops: list[Place] = []
    for place in places:
        if not stops or not _same_place(stops[-1], place):
            stops.append(place)
    return list(zip(stops, stops[1:], strict=False))


def case_legs(case: Case) -> list[MapLeg]:
    """Every leg the case implies, routed, in a stable order.

    Reported legs come first (per subject, in time order), then claimed
    legs, then hypotheses, each in file order.

    Returns
    -------
    list of MapLeg
        Legs that could not be routed have ``method == STRAIGHT`` and a ``note``.
    """
    legs: list[MapLeg] = []
    memo: dict = {}
    by_subject: dict[str, list[Event]] = {}
    for event in located_events(case):
        if event.time is not None:
            by_subject.setdefault(event.subject, []).append(event)
    for subject, events in by_subject.items():
        for prev, nxt in zip(events, events[1:], strict=False):
            if _same_place(prev.place, nxt.place):  # type: ignore[arg-type]
                continue
            leg = _leg(case, subject, "reported", _mode_of(case, subject),
                       prev.place, nxt.place, memo=memo)  # type: ignore[arg-type]
            legs.append(replace(leg, from_event=prev.id, to_event=nxt.id))
    for claim in case.claims:
        if claim.origin is None or claim.destination is None:
            continue
        mode = claim.mode or _mode_of(case, claim.subject)
        for a, b in _chain([claim.origin, *claim.via, claim.destination]):
            legs.append(_leg(case, claim.subject, "claimed", mode, a, b, claim.quote,
                             memo=memo))
    for hyp in case.hypotheses:
        legs.extend(_hypothesis_legs(case, hyp, memo))
    return legs


def _hypothesis_legs(case: Case, hyp, memo: dict) -> list[MapLeg]:
    """Legs of a hypothesis: its explicit route, or the detour via its place."""
    mode = hyp.mode or _mode_of(case, hyp.subject)
    places: list[Place] = list(hyp.route)
    if not places and hyp.place is not None:
        events = {e.id: e for e in case.events}
        if hyp.kind == "via" and hyp.between:
            first, last = (events.get(i) for i in hyp.between)
            if first is not None and last is not None and first.place and last.place:
                places = [first.place, hyp.place, last.place]
        elif hyp.kind == "origin":
            target = events.get(hyp.between[-1]) if hyp.between else None
            if target is None:
                arrivals = [e for e in located_events(case)
                            if e.subject == hyp.subject and e.kind == EventKind.ARRIVAL]
                target = arrivals[0] if arrivals else None
            if target is not None and target.place is not None:
                places = [hyp.place, target.place]
    return [_leg(case, hyp.subject, "hypothesis", mode, a, b, hyp.statement, memo=memo)
            for a, b in _chain(places)]
