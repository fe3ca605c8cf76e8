"""Cables check, without AIS: how far is each reported place from the cable routes?

Runs when the user passes route files (``voyages check CASE --cables
ROUTES``) or the case lists cables (its ``[[cables]]`` table: a route
``file`` or the route's ``coordinates``). For every incident and sighting
with a place, and every route set (each file judged on its own, so a
surveyed file and a schematic one are not mixed), it gives the nearest
routes and their geodesic distances in nautical miles:

- the nearest route lies within :data:`voyages.ais.cables.NEAR_NM` (1 nm)
  plus the route's own uncertainty (:data:`voyages.cables.SCHEMATIC_UNCERTAINTY_NM`,
  7.5 nm, for TeleGeography's schematic routes): ``consistent`` — the place
  is over or beside a cable as drawn, within the drawing's accuracy;
- it lies further: ``unverifiable`` — the route files may not hold the
  cable involved, or (for a sighting) the vessel may have moved since; the
  summary says which route is nearest and how far.

Schematic routes keep their uncertainty in the evidence
(``uncertainty_nm``, ``distance_min_nm``, ``distance_max_nm``), so a reader
sees "0.6 nm from APCN-2 as TeleGeography draws it, which may be 7.5 nm
off", never "on the cable".
"""

from __future__ import annotations

from voyages.findings import Finding, Verdict
from voyages.records import Case, EventKind

__all__ = ["check", "route_sets"]

_KINDS = (EventKind.INCIDENT, EventKind.SIGHTING)
_NEAREST = 3


def check(case: Case, context=None) -> list[Finding]:
    """One finding per incident or sighting with a place and per route set.

    Route sets: each file passed on the command line, each ``file`` a case's
    ``[[cables]]`` table names, and the table's ``coordinates`` routes together.
    """
    sets = route_sets(case, context)
    if not sets:
        return []
    from voyages.ais.cables import NEAR_NM, nearest_routes

    findings = []
    for event in case.events:
        if event.kind not in _KINDS or event.place is None:
            continue
        for label, routes in sets:
            finding = _judge(case, event, routes, label, nearest_routes, NEAR_NM)
            if finding is not None:
                findings.append(finding)
    return findings


def route_sets(case: Case, context=None) -> list:
    """``(label, routes frame)`` for the command line's files and the case's cables.

    Parameters
    ----------
    case : Case
        Its ``[[cables]]``: route files, and routes given as coordinates
        (gathered into one set labelled ``case file [[cables]]``).
    context : CheckContext, optional
        Its ``cable_routes`` files, each a set labelled with its path. Files
        are read once per context (``context.memo``), so the report's map
        draws the routes the check measured.

    Returns
    -------
    list of (str, pandas.DataFrame)
        Each frame has the columns of :data:`voyages.cables.ROUTE_COLUMNS`.

    Raises
    ------
    DataFileError
        A route file that is missing or holds no line.
    """
    from voyages.cables import read_routes, routes_frame

    def read(path, uncertainty_nm=None):
        key = ("routes", str(path), uncertainty_nm)
        make = lambda: read_routes(path, uncertainty_nm=uncertainty_nm)  # noqa: E731
        remember = getattr(context, "remember", None)
        return make() if remember is None else remember(key, make)

    sets = [(str(p), read(p)) for p in tuple(getattr(context, "cable_routes", ()) or ())]
    cables = tuple(getattr(case, "cables", ()))
    for cable in cables:
        if cable.file is not None:
            routes = read(cable.file, cable.uncertainty_nm)
            sets.append((f"{cable.file} (case: {cable.id})", routes))
    listed = [c for c in cables if c.coordinates]
    if listed:
        import pandas as pd

        frames = [routes_frame([(c.id, c.name, [list(c.coordinates)])],
                               uncertainty_nm=c.uncertainty_nm or 0.0,
                               source=f"case: {c.id}") for c in listed]
        sets.append(("case file [[cables]]", pd.concat(frames, ignore_index=True)))
    return sets


def _judge(case, event, routes, path, nearest_routes, near_nm):
    """One event against one route file."""
    place = event.place
    subject = f"{case.subject_name(event.subject)}: {place.name}"
    nearest = nearest_routes(place.lat, place.lon, routes, limit=_NEAREST)
    if nearest.empty:
        return None
    best = nearest.iloc[0]
    tolerance = near_nm + float(best["uncertainty_nm"])
    within = float(best["distance_nm"]) <= tolerance
    drawn = (f" as drawn (schematic, ±{best['uncertainty_nm']:g} nm)"
             if best["uncertainty_nm"] > 0 else "")
    what = "incident place" if event.kind is EventKind.INCIDENT else "reported position"
    if within:
        verdict = Verdict.CONSISTENT
        summary = (f"{event.id}: the {what} is {best['distance_nm']:.1f} nm from "
                   f"{best['name']} ({best['route_id']}){drawn}, within {tolerance:g} nm")
    else:
        verdict = Verdict.UNVERIFIABLE
        reason = ("the vessel may have moved since it was over a cable"
                  if event.kind is EventKind.SIGHTING
                  else "the route files may not hold the cable involved")
        summary = (f"{event.id}: the nearest route to the {what} is {best['name']} "
                   f"({best['route_id']}), {best['distance_nm']:.1f} nm away{drawn}, "
                   f"beyond {tolerance:g} nm; {reason}")
    evidence = {
        "event": event.id,
        "lat": round(place.lat, 6), "lon": round(place.lon, 6),
        "route_id": str(best["route_id"]), "route_name": str(best["name"]),
        "route_source": str(best["source"]),
        "distance_nm": float(best["distance_nm"]),
        "uncertainty_nm": float(best["uncertainty_nm"]),
        "distance_min_nm": float(best["distance_min_nm"]),
        "distance_max_nm": float(best["distance_max_nm"]),
        "tolerance_nm": tolerance,
        "nearest": [{"route_id": str(r.route_id), "name": str(r.name),
                     "distance_nm": round(float(r.distance_nm), 3),
                     "uncertainty_nm": float(r.uncertainty_nm)}
                    for r in nearest.itertuples()],
        "route_file": path,
    }
    return Finding("cables", subject, verdict, summary, evidence, (event.source,))
