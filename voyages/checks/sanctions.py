"""Check ``sanctions``: screen every vessel, owner, operator and manager of a case.

Each party (vessel, or organization named as a vessel's owner, operator or
manager, or listed in the case) is screened with its name, aliases and
IMO number (MMSI for vessels) against the lists in
``CheckContext.sanctions_lists`` — the bundled ``sanctions/designations.csv``
when none is given. Every match is one finding, placed in time against the
party's events: for a vessel its own departures, for an organization the
departures of the vessels it owns, operates or manages (the earliest
departure; the earliest event when no departure is reported).

Verdicts (a decision of this project, the same for any party):

- ``implausible`` — the party is on a list and the designation was in force
  at the time of the event: the analyst must see it (``voyages check``
  exits 1, as for any implausible finding);
- ``unverifiable`` — the party matches a listed entity but whether the
  designation was in force then cannot be said (the list gives no listing
  date, the case no event time, or the event's time interval straddles the
  listing date);
- ``consistent`` — the party matched, but the designation came after the
  event or had been lifted before it (the summary says so); or the party
  matched nothing on the lists screened (one finding per party, with the
  lists, the number of entities and the threshold in its evidence).

Check ``flag_risk``: each vessel with a flag state is looked up in the
Paris MoU and Tokyo MoU white/grey/black lists (``sanctions/flag_lists.csv``):
``tight`` when a list puts the flag on its black list (ships of that flag are
targeted for inspection: a risk indicator, not a breach), ``consistent`` for
grey or white, ``unverifiable`` when no list rates the flag.

Evidence keys: ``list``, ``program``, ``list_entity_id``, ``listed_on``,
``delisted_on``, ``listed_on_from`` (the file the dates come from: the
bundled designations fill in dates a list file lacks, e.g. OFAC's legacy
CSV, for the same list and entity id), ``matched_name``, ``query_name``, ``score``,
``match_reason``, ``reason``, ``identifier``, ``role``, ``event``,
``event_earliest``, ``event_latest``, ``in_force_at_event``,
``list_source``, ``lists_screened``, ``threshold``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from voyages.findings import Finding, Verdict

if TYPE_CHECKING:
    from voyages.checks import CheckContext
    from voyages.records import Case, Event

__all__ = ["check", "flag_check"]

CHECK = "sanctions"
_VERBS = {"departure": "left", "arrival": "reached", "port_stay": "was at",
          "sighting": "was sighted at", "incident": "was involved in an incident at",
          "cargo": "handled cargo at"}
FLAG_CHECK = "flag_risk"


def _parties(case: Case) -> list[dict[str, Any]]:
    """Vessels, then organizations with their roles and the vessels they serve."""
    parties = []
    roles: dict[str, list[tuple[str, str]]] = {}
    for vessel in case.vessels.values():
        parties.append({"kind": "vessel", "id": vessel.id, "name": vessel.name,
                        "aliases": vessel.aliases, "imo": vessel.imo, "mmsi": vessel.mmsi,
                        "role": "vessel", "vessels": [vessel.id], "sources": vessel.sources})
        for role in ("owner", "operator", "manager"):
            org = getattr(vessel, role)
            if org:
                roles.setdefault(org, []).append((role, vessel.id))
    for org in case.organizations.values():
        served = roles.get(org.id, [])
        words: dict[str, list[str]] = {}
        for role, vessel_id in served:
            words.setdefault(role, []).append(case.subject_name(vessel_id))
        role_text = "; ".join(f"{role} of {', '.join(names)}" for role, names in words.items())
        parties.append({"kind": "organization", "id": org.id, "name": org.name,
                        "aliases": org.aliases, "imo": org.imo, "mmsi": None,
                        "role": role_text or "organization",
                        "vessels": list(dict.fromkeys(v for _, v in served)),
                        "sources": org.sources})
    return parties


def _bundled_dates() -> dict[tuple[str, str], tuple[Any, Any]]:
    """Listing dates of the bundled designations by (list, list_entity_id).

    Used when a list file passed by the user carries no dates (OFAC's legacy
    CSV) but names an entity the bundled file dates (with its source).
    """
    from voyages.sanctions.designations import load_designations
    from voyages.sanctions.match import _as_date

    table = load_designations()
    return {(str(r.list), str(r.list_entity_id)): (_as_date(r.listed_on), _as_date(r.delisted_on))
            for r in table.itertuples() if isinstance(r.list_entity_id, str)}


def _reference_event(case: Case, vessel_ids: list[str]) -> Event | None:
    """The earliest departure of the vessels (else their earliest timed event)."""
    from voyages.records import EventKind

    timed = [e for v in vessel_ids for e in case.events_of(v)]
    departures = [e for e in timed if e.kind is EventKind.DEPARTURE]
    pool = departures or timed
    return min(pool, key=lambda e: e.time.earliest) if pool else None  # type: ignore[union-attr]


def _in_force(match: Any, event: Event | None) -> bool | None:
    if event is None or event.time is None:
        return None
    first = match.listed_at(event.time.earliest)
    last = match.listed_at(event.time.latest - timedelta(microseconds=1))
    return first if first == last else None


def _verdict(in_force: bool | None) -> Verdict:
    if in_force is None:
        return Verdict.UNVERIFIABLE
    return Verdict.IMPLAUSIBLE if in_force else Verdict.CONSISTENT


def _summary(party: dict, match: Any, event: Event | None, in_force: bool | None,
             case: Case) -> str:
    programs = ", ".join(match.programs) or "no program given"
    since = (f"listed on {match.listed_on.isoformat()}" if match.listed_on
             else "listing date not in the list")
    head = f"{party['name']} is on {match.list} ({programs}), {since}"
    if match.delisted_on:
        head += f", delisted on {match.delisted_on.isoformat()}"
    if event is None or event.time is None:
        return head + "; the case gives no dated event to place it in time"
    place = event.place.name if event.place else event.place_text or "an unknown place"
    verb = _VERBS.get(event.kind.value, f"{event.kind.value.replace('_', ' ')} at")
    when = f"when {case.subject_name(event.subject)} {verb} {place} ({event.time.text})"
    state = {True: "in force", False: "not in force", None: "undetermined"}[in_force]
    return f"{head}; {state} {when}"


def check(case: Case, context: CheckContext) -> list[Finding]:
    """Screen the case's vessels and organizations; one finding per match or clean party.

    Parameters
    ----------
    case : Case
    context : CheckContext
        ``sanctions_lists`` (files; empty: the bundled designations) and
        ``options["sanctions_threshold"]`` (0–100, optional).

    Returns
    -------
    list of Finding
        Check ``sanctions``; see the module docstring for verdicts and
        evidence keys.

    Raises
    ------
    DataFileError
        A list file that cannot be read.
    """
    from voyages.sanctions.lists import load_lists
    from voyages.sanctions.match import DEFAULT_THRESHOLD, Screener

    parties = _parties(case)
    if not parties:
        return []
    entities = load_lists(context.sanctions_lists)
    known_dates = _bundled_dates() if context.sanctions_lists else {}
    threshold = float(context.options.get("sanctions_threshold", DEFAULT_THRESHOLD))
    screener = Screener(entities, threshold=threshold)
    screened = [str(p) for p in context.sanctions_lists] or ["sanctions/designations.csv"]
    findings = []
    for party in parties:
        schema = "vessel" if party["kind"] == "vessel" else "organization"
        matches = screener.screen(party["name"], aliases=party["aliases"], imo=party["imo"],
                                  mmsi=party["mmsi"], schema=schema, limit=None)
        event = _reference_event(case, party["vessels"])
        subject = f"{party['name']} ({party['role']})"
        if not matches:
            findings.append(Finding(
                check=CHECK, subject=subject, verdict=Verdict.CONSISTENT,
                summary=(f"{party['name']} matches no entity on the lists screened "
                         f"({len(entities):,} entities, threshold {threshold:g})"),
                evidence={"role": party["role"], "lists_screened": screened,
                          "entities_screened": len(entities), "threshold": threshold,
                          "imo": party["imo"], "mmsi": party["mmsi"]},
                sources=tuple(party["sources"])))
            continue
        for match in matches:
            dates_from = match.source_file
            key = (match.list, match.list_entity_id or "")
            if match.listed_on is None and key in known_dates:
                listed_on, delisted_on = known_dates[key]
                match = replace(match, listed_on=listed_on, delisted_on=delisted_on)
                dates_from = "sanctions/designations.csv (bundled; the list file has no date)"
            in_force = _in_force(match, event)
            evidence = {
                "list": match.list,
                "program": ", ".join(match.programs),
                "list_entity_id": match.list_entity_id,
                "listed_on": match.listed_on,
                "delisted_on": match.delisted_on,
                "listed_on_from": dates_from if match.listed_on else None,
                "matched_name": match.matched_name,
                "query_name": match.query_name,
                "score": match.score,
                "match_reason": match.match_reason,
                "reason": match.reason,
                "identifier": {"imo": match.imo, "mmsi": match.mmsi},
                "role": party["role"],
                "event": event.id if event else None,
                "event_earliest": event.time.earliest if event and event.time else None,
                "event_latest": event.time.latest if event and event.time else None,
                "in_force_at_event": in_force,
                "list_source": match.source,
                "lists_screened": screened,
                "threshold": threshold,
            }
            sources = tuple(dict.fromkeys([*party["sources"], *([event.source] if event else [])]))
            summary = _summary(party, match, event, in_force, case)
            if dates_from != match.source_file:
                summary += " (listing date from the bundled designations)"
            findings.append(Finding(check=CHECK, subject=subject, verdict=_verdict(in_force),
                                    summary=summary,
                                    evidence=evidence, sources=sources))
    return findings


def flag_check(case: Case, context: CheckContext) -> list[Finding]:
    """Rate each vessel's flag state on the Paris and Tokyo MoU lists (check ``flag_risk``).

    Returns
    -------
    list of Finding
        One per vessel with a flag; evidence ``flag``, ``ratings`` (regime,
        year, list, rank, source per MoU).
    """
    from voyages.sanctions.flags import flag_risk

    findings = []
    for vessel in case.vessels.values():
        if not vessel.flag:
            continue
        ratings = flag_risk(vessel.flag)
        evidence = {"flag": vessel.flag,
                    "ratings": [{"regime": r.regime, "year": r.year, "list": r.list,
                                 "rank": r.rank, "flag": r.flag, "source": r.source}
                                for r in ratings]}
        if not ratings:
            verdict = Verdict.UNVERIFIABLE
            summary = f"flag {vessel.flag}: not rated on the Paris or Tokyo MoU lists bundled"
        else:
            black = [r for r in ratings if r.list == "black"]
            verdict = Verdict.TIGHT if black else Verdict.CONSISTENT
            summary = f"{vessel.name}'s flag ({ratings[0].flag}) is on the " + "; ".join(
                f"{r.regime} {r.year} {r.list} list" for r in ratings)
            if black:
                summary += " — ships of this flag are targeted for port-state inspection"
        findings.append(Finding(check=FLAG_CHECK, subject=vessel.name, verdict=verdict,
                                summary=summary, evidence=evidence, sources=vessel.sources))
    return findings
