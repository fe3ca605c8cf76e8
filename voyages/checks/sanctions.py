"""Check ``sanctions``: screen every vessel, owner, operator and manager of a case.

Each party (vessel, or organization named as a vessel's owner, operator or
manager, or listed in the case) is screened with its name, aliases and
IMO number (MMSI for vessels) against the lists in
``CheckContext.sanctions_lists`` — the bundled ``sanctions/designations.csv``
when none is given. Every match is one finding, placed in time against the
party's events: for a vessel its own departures, for an organization the
departures of the vessels it owns, operates or manages (the earliest
departure; the earliest event when no departure is reported).

Verdicts. The project's verdicts judge whether a claim holds up, so a
listing is not a verdict on the story: the finding states who is listed
(``voyages check`` prints these parties under "Under sanctions at the
time:" and does not exit 1 for them), and the verdict says how well the
record supports that statement:

- ``consistent``, summary starting ``LISTED:`` and evidence
  ``listed_at_event: true`` — the designation was in force at the event and
  the party is identified: by an identifier (IMO number, MMSI, company IMO
  number) or by a name scoring at least :data:`LISTED_MARGIN` points above
  the threshold (95 at the default 88) with nothing contradicting it (an
  IMO number, MMSI or flag given on both sides and different);
- ``tight`` — a possible match the analyst must confirm: in force at the
  event, but matched on the name alone with a score in the band from the
  threshold to threshold + :data:`LISTED_MARGIN` (88 to under 95 by
  default), or below the threshold as the matcher's possible match (a
  name one swap of adjacent letters from the listed one: "Alder" /
  ADLER), or with a contradiction; the summary starts ``POSSIBLE MATCH:``
  and says what to compare with the listing (IMO number, MMSI and flag for
  a vessel; company IMO number, country and address for an organization),
  evidence ``to_confirm``;
- ``unverifiable`` — whether the designation was in force then cannot be
  said (the list gives no listing date, the case no event time, or the
  event's time interval straddles the listing date); a name-only possible
  match says ``POSSIBLE MATCH:`` and what to confirm, never "is on";
- ``consistent`` with ``listed_at_event: false`` — listed only after the
  event, or delisted before it (the summary says which);
- ``consistent`` — the party matched nothing on the lists screened (one
  finding per party, with the lists, the number of entities and the
  threshold in its evidence).

When a party matches several entries of one list, each finding names its
entry (``entry 37030 'JOINT STOCK COMPANY NORTHERN SHIPPING COMPANY'``) and
the others (evidence ``other_list_entries``).

A source's statement that a party is sanctioned (an assertion on the topic
``<party id>.sanctions`` naming US, EU, UK or UN, see
:mod:`voyages.sanctions.jurisdictions`) is compared with the lists: a
listed finding on a list of a stated jurisdiction says it confirms the
source (evidence ``confirms``), and each stated jurisdiction no list
screened confirms at the event gets its own ``unverifiable`` finding
(``stated_by``, ``jurisdiction``): the lists passed may not cover it, or
the source may be wrong.

Check ``flag_risk``: each flag state the case gives a vessel (its record's
``flag`` and every ``<vessel id>.flag`` assertion) is looked up in the
Paris MoU and Tokyo MoU white/grey/black lists (``sanctions/flag_lists.csv``):
``consistent`` with the summary ``BLACK-LISTED FLAG: …`` when a list puts the
flag on its black list (ships of that flag are targeted for inspection: a
risk indicator, not a claim at the edge of feasibility, hence not
``tight``), ``consistent`` naming the grey or white list otherwise,
``unverifiable`` when no list rates the flag.

Evidence keys: ``list``, ``program``, ``list_entity_id``, ``listed_on``,
``delisted_on``, ``listed_on_from`` (the file the dates come from: the
bundled designations fill in dates a list file lacks, e.g. OFAC's legacy
CSV, for the same list and entity id), ``matched_name``, ``query_name``, ``score``,
``match_reason``, ``reason``, ``identifier``, ``role``, ``event``,
``event_earliest``, ``event_latest``, ``in_force_at_event`` and
``listed_at_event`` (the same value: true, false or null),
``listed_on_basis`` (``inferred`` when the bundled designations infer the
date, else null), ``match_strength`` (``identifier``, ``name`` or
``possible``), ``contradictions``, ``to_confirm``, ``confirms``,
``list_source``, ``lists_screened``, ``threshold``.

Sources. A listing finding's ``sources`` are the case's sources that
support it: the case source that is the list itself (its publisher, title
or URL carries every word of the list's name: ``ofac-sdn`` for ``OFAC
SDN``), the source of the event it is placed at, and the sources whose
statements it confirms; the list and its citation are in ``evidence``
(``list``, ``list_source``). A party that matches nothing cites the
party's own sources.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from voyages.findings import Finding, Verdict

if TYPE_CHECKING:
    from voyages.checks import CheckContext
    from voyages.records import Case, Event

__all__ = ["LISTED_MARGIN", "check", "flag_check", "listed_parties", "stated_flags"]

CHECK = "sanctions"
_VERBS = {"departure": "left", "arrival": "reached", "port_stay": "was at",
          "sighting": "was sighted at", "incident": "was involved in an incident at",
          "cargo": "handled cargo at"}
FLAG_CHECK = "flag_risk"

LISTED_MARGIN = 7.0
"""Points above the threshold a name-only match needs to count as identified.

A name-only match scoring from the threshold up to (not including)
threshold + LISTED_MARGIN is a possible match (``tight``). The matcher's
variant table (``tests/test_sanctions_match.py``) has true variants from
88.9 (transliterations, dropped words) up, so the band holds the variants
an analyst should confirm; names that differ by at most about one
character in twenty (95 and above at the default threshold 88) or an
identifier match identify the party.
"""

_INFERRED_MARK = "[listed_on inferred:"


def _parties(case: Case) -> list[dict[str, Any]]:
    """Vessels, then organizations with their roles and the vessels they serve."""
    parties = []
    roles: dict[str, list[tuple[str, str]]] = {}
    for vessel in case.vessels.values():
        parties.append({"kind": "vessel", "id": vessel.id, "name": vessel.name,
                        "aliases": vessel.aliases, "imo": vessel.imo, "mmsi": vessel.mmsi,
                        "flag": vessel.flag, "country": None,
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
                        "flag": None, "country": org.country,
                        "role": role_text or "organization",
                        "vessels": list(dict.fromkeys(v for _, v in served)),
                        "sources": org.sources})
    return parties


def _bundled_dates() -> dict[tuple[str, str], tuple[Any, Any, str]]:
    """Listing dates of the bundled designations by (list, list_entity_id).

    Used when a list file passed by the user carries no dates (OFAC's legacy
    CSV) but names an entity the bundled file dates (with its source).
    """
    from voyages.sanctions.designations import load_designations
    from voyages.sanctions.match import _as_date

    table = load_designations()
    return {(str(r.list), str(r.list_entity_id)): (_as_date(r.listed_on), _as_date(r.delisted_on),
                                                   str(r.source))
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


def _territory(value: str | None) -> str | None:
    """ISO code of a flag or country written as a code or a name (rigour), else None."""
    if not value:
        return None
    from voyages._territory_names import lookup_territory

    found = lookup_territory(str(value))
    return found.code if found is not None else None


def _contradictions(party: dict, match: Any) -> list[str]:
    """Facts given both by the case and by the listing that differ (name matches only)."""
    out: list[str] = []
    if match.match_reason != "name":
        return out
    for key, label in (("imo", "IMO number"), ("mmsi", "MMSI")):
        mine, listed = party[key], getattr(match, key)
        if mine and listed:
            from voyages.sanctions.entities import clean_imo, clean_mmsi

            clean = clean_imo if key == "imo" else clean_mmsi
            if (clean(mine) or mine) != (clean(listed) or listed):
                out.append(f"{label} {mine} in the case, {listed} on the list")
    if party["kind"] == "vessel" and party["flag"] and match.flag:
        mine, listed = _territory(party["flag"]), _territory(match.flag)
        if mine and listed and mine != listed:
            out.append(f"flag {party['flag']} in the case, {match.flag} on the list")
    return out


def _to_confirm(party: dict, match: Any) -> list[str]:
    """What the analyst compares with the listing before treating it as the party."""
    if party["kind"] == "vessel":
        wanted = [("IMO number", party["imo"], match.imo), ("MMSI", party["mmsi"], match.mmsi),
                  ("flag", party["flag"], match.flag)]
    else:
        wanted = [("company IMO number", party["imo"], match.imo),
                  ("country", party["country"], None), ("address", None, None)]
    out = []
    for label, mine, listed in wanted:
        known = [f"case {mine}" if mine else "", f"list {listed}" if listed else ""]
        known = [k for k in known if k]
        out.append(f"{label} ({', '.join(known)})" if known else label)
    return out


def _when(event: Event | None, case: Case) -> str:
    if event is None or event.time is None:
        return ""
    place = event.place.name if event.place else event.place_text or "an unknown place"
    verb = _VERBS.get(event.kind.value, f"{event.kind.value.replace('_', ' ')} at")
    return f"when {case.subject_name(event.subject)} {verb} {place} ({event.time.text})"


def _programs(match: Any) -> str:
    return ", ".join(match.programs) or "no program given"


def _since(match: Any, basis: str | None) -> str:
    if not match.listed_on:
        return "listing date not in the list"
    return f"since {match.listed_on.isoformat()}" + (f" ({basis})" if basis else "")


def _entry(match: Any) -> str:
    """``entry 40187 'JSC NASC'``: which list entry a finding is about."""
    ident = f"entry {match.list_entity_id} " if match.list_entity_id else "entry "
    return f"{ident}{match.matched_name!r}"


def _summary(party: dict, match: Any, event: Event | None, in_force: bool | None,
             strength: str, basis: str | None, case: Case, several: bool = False) -> str:
    """One line for one match; ``several``: the party matched more than one list entry,
    so the line names this one (id and listed name)."""
    when = _when(event, case)
    entry = f" {_entry(match)}" if several else ""
    listing = f"{match.list}{entry} ({_programs(match)}) {_since(match, basis)}"
    if match.delisted_on:
        listing += f", delisted on {match.delisted_on.isoformat()}"
    if in_force and strength != "possible":
        how = (f"matched on {match.match_reason.upper()} {getattr(match, match.match_reason)}"
               if strength == "identifier" else
               f"matched on the name {match.matched_name!r} ({match.score:.1f})")
        return f"LISTED: {party['name']} is on {listing}; in force {when}; {how}"
    if in_force:
        return (f"POSSIBLE MATCH: {party['name']} resembles {match.matched_name!r} on {listing}"
                f" (name score {match.score:.1f}, no identifier); in force {when}")
    if strength == "possible":
        # A name that only resembles a listed one: not "is on" the list.
        alias = (f" (as {match.query_name!r})"
                 if match.query_name and match.query_name != party["name"] else "")
        head = (f"POSSIBLE MATCH: {party['name']}{alias} resembles {match.list} "
                f"{_entry(match)} ({_programs(match)}; name score {match.score:.1f}, "
                f"no identifier), {_since(match, basis)}")
    else:
        head = f"{party['name']} is on {listing}"
    if event is None or event.time is None:
        return head + "; the case gives no dated event to place it in time"
    if in_force is None:
        return f"{head}; undetermined {when}"
    return f"{head}; not in force {when}"


def _statements(case: Case) -> dict[str, list[dict[str, Any]]]:
    """Sources' statements that a party is sanctioned, by party id."""
    from voyages.sanctions.jurisdictions import parse_jurisdictions, sanctions_topic_party

    out: dict[str, list[dict[str, Any]]] = {}
    for assertion in case.assertions:
        party = sanctions_topic_party(assertion.topic)
        if party is None:
            continue
        known, _ = parse_jurisdictions(assertion.value)
        out.setdefault(party, []).append({"source": assertion.source, "jurisdictions": known,
                                          "quote": assertion.quote})
    return out


def _list_sources(case: Case, list_name: str) -> list[str]:
    """The case's sources that are the list itself (every word of its name in theirs).

    ``OFAC SDN`` is the source whose publisher, title or URL has the words
    ``OFAC`` and ``SDN``; ``OpenSanctions ua_war_sanctions`` the one naming
    that dataset. A listing finding cites these, the event's source (for
    the date) and the sources whose statements it confirms — not the party's
    other sources, which say nothing of this list.
    """
    import re

    wanted = set(re.findall(r"\w+", list_name.casefold()))
    if not wanted:
        return []
    found = []
    for source_id, source in case.sources.items():
        text = " ".join(str(getattr(source, f, "") or "") for f in ("publisher", "title", "url"))
        if wanted <= set(re.findall(r"\w+", text.casefold())):
            found.append(source_id)
    return found


def _publisher(case: Case, source_id: str) -> str:
    source = case.sources.get(source_id)
    return source.publisher if source is not None else source_id


def _party_findings(party: dict, matches: list, event: Event | None, case: Case,
                    known_dates: dict, screened: list[str], threshold: float,
                    statements: list[dict[str, Any]]) -> list[Finding]:
    from voyages.sanctions.jurisdictions import list_jurisdiction

    subject = f"{party['name']} ({party['role']})"
    findings = []
    confirmed: set[str] = set()
    # Entries of one list the party matched: when there are several, each
    # finding names its entry and the others, so two findings on one list
    # (an identified listing and a look-alike name) do not read as a contradiction.
    entries = list(dict.fromkeys((m.list, m.list_entity_id, m.matched_name) for m in matches))
    for match in matches:
        same_list = [e for e in entries if e[0] == match.list]
        several = len(same_list) > 1
        dates_from = match.source_file
        source_text = match.source or ""
        key = (match.list, match.list_entity_id or "")
        if match.listed_on is None and key in known_dates:
            listed_on, delisted_on, source_text = known_dates[key]
            match = replace(match, listed_on=listed_on, delisted_on=delisted_on)
            dates_from = "sanctions/designations.csv (bundled; the list file has no date)"
        basis = "inferred" if match.listed_on and _INFERRED_MARK in source_text else None
        in_force = _in_force(match, event)
        contradictions = _contradictions(party, match)
        if match.match_reason in ("imo", "mmsi"):
            strength = "identifier"
        elif match.score >= threshold + LISTED_MARGIN - 1e-9 and not contradictions:
            strength = "name"
        else:
            strength = "possible"
        jurisdiction = list_jurisdiction(match.list)
        confirms = []
        if in_force and strength != "possible" and jurisdiction:
            confirms = [s["source"] for s in statements if jurisdiction in s["jurisdictions"]]
            confirmed.add(jurisdiction)
        evidence = {
            "list": match.list,
            "program": ", ".join(match.programs),
            "list_entity_id": match.list_entity_id,
            "listed_on": match.listed_on,
            "listed_on_basis": basis,
            "delisted_on": match.delisted_on,
            "listed_on_from": dates_from if match.listed_on else None,
            "matched_name": match.matched_name,
            "query_name": match.query_name,
            "score": match.score,
            "match_reason": match.match_reason,
            "match_strength": strength,
            "reason": match.reason,
            "identifier": {"imo": match.imo, "mmsi": match.mmsi},
            "role": party["role"],
            "event": event.id if event else None,
            "event_earliest": event.time.earliest if event and event.time else None,
            "event_latest": event.time.latest if event and event.time else None,
            "in_force_at_event": in_force,
            "listed_at_event": in_force,
            "list_source": match.source,
            "lists_screened": screened,
            "threshold": threshold,
        }
        if contradictions:
            evidence["contradictions"] = contradictions
        summary = _summary(party, match, event, in_force, strength, basis, case, several)
        if strength == "possible":
            evidence["to_confirm"] = _to_confirm(party, match)
        if in_force and strength == "possible":
            verdict = Verdict.TIGHT
            if contradictions:
                summary += "; but " + "; ".join(contradictions)
            summary += "; confirm " + ", ".join(evidence["to_confirm"]) + " against the listing"
        elif in_force is None:
            verdict = Verdict.UNVERIFIABLE
            if strength == "possible":
                summary += "; confirm " + ", ".join(evidence["to_confirm"]) + " against the listing"
        else:
            verdict = Verdict.CONSISTENT
        if several:
            others = [e for e in same_list if e != (match.list, match.list_entity_id,
                                                      match.matched_name)]
            evidence["other_list_entries"] = [
                {"list": lst, "list_entity_id": ident, "matched_name": name}
                for lst, ident, name in others]
            summary += ("; a separate entry from " + ", ".join(
                f"entry {ident} {name!r}" if ident else repr(name)
                for _, ident, name in others) + " on the same list (its own finding)")
        if confirms:
            evidence["confirms"] = confirms
            summary += "; confirms " + ", ".join(_publisher(case, s) for s in confirms) + (
                f" ({jurisdiction} sanctions)")
        if dates_from != match.source_file:
            summary += " (listing date from the bundled designations)"
        sources = tuple(dict.fromkeys([*_list_sources(case, match.list),
                                       *([event.source] if event and event.source else []),
                                       *confirms]))
        findings.append(Finding(check=CHECK, subject=subject, verdict=verdict, summary=summary,
                                evidence=evidence, sources=sources))
    for statement in statements:
        for jurisdiction in statement["jurisdictions"]:
            if jurisdiction in confirmed:
                continue
            who = _publisher(case, statement["source"])
            when = _when(event, case)
            findings.append(Finding(
                check=CHECK, subject=subject, verdict=Verdict.UNVERIFIABLE,
                summary=(f"{who} states {party['name']} is under {jurisdiction} sanctions; no "
                         f"{jurisdiction} list screened ({', '.join(screened)}) identifies it "
                         f"as listed {when or 'at a dated event'}: not confirmed"),
                evidence={"stated_by": statement["source"], "jurisdiction": jurisdiction,
                          "quote": statement["quote"], "role": party["role"],
                          "event": event.id if event else None,
                          "lists_screened": screened, "threshold": threshold,
                          "listed_at_event": None},
                sources=tuple(dict.fromkeys([statement["source"], *party["sources"]]))))
    return findings


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
    from voyages.sanctions.match import DEFAULT_THRESHOLD, Screener

    parties = _parties(case)
    if not parties:
        return []
    entities: Any
    if context.sanctions_lists:
        from voyages.sanctions.lists import load_lists

        entities = load_lists(context.sanctions_lists)
    else:  # the bundled list, as records: screening it does not need pandas
        from voyages.sanctions.designations import designation_records

        entities = designation_records()
    known_dates = _bundled_dates() if context.sanctions_lists else {}
    threshold = float(context.options.get("sanctions_threshold", DEFAULT_THRESHOLD))
    screener = Screener(entities, threshold=threshold)
    from voyages.sanctions.entities import source_label

    # named without folders, as the AIS findings name their files: findings go
    # into reports that are passed on (the CLI's --list options hold the paths)
    screened = ([source_label(p) for p in context.sanctions_lists]
                or ["sanctions/designations.csv"])
    statements = _statements(case)
    findings = []
    for party in parties:
        schema = "vessel" if party["kind"] == "vessel" else "organization"
        matches = screener.screen(party["name"], aliases=party["aliases"], imo=party["imo"],
                                  mmsi=party["mmsi"], schema=schema, limit=None)
        event = _reference_event(case, party["vessels"])
        if not matches:
            findings.append(Finding(
                check=CHECK, subject=f"{party['name']} ({party['role']})",
                verdict=Verdict.CONSISTENT,
                summary=(f"{party['name']} matches no entity on the lists screened "
                         f"({len(entities):,} entities, threshold {threshold:g})"),
                evidence={"role": party["role"], "lists_screened": screened,
                          "entities_screened": len(entities), "threshold": threshold,
                          "imo": party["imo"], "mmsi": party["mmsi"]},
                sources=tuple(party["sources"])))
        findings.extend(_party_findings(party, matches, event, case, known_dates, screened,
                                        threshold, statements.get(party["id"], [])))
    return findings


def listed_parties(findings: list[Finding]) -> list[Finding]:
    """The ``sanctions`` findings that state a party was listed at its event.

    Parameters
    ----------
    findings : list of Finding
        Any findings (other checks are skipped).

    Returns
    -------
    list of Finding
        Check ``sanctions``, evidence ``listed_at_event`` true: the
        identified listings (``consistent``, summary ``LISTED:``) and the
        possible matches to confirm (``tight``), in input order.
    """
    return [f for f in findings
            if f.check == CHECK and f.evidence.get("listed_at_event") is True]


def stated_flags(case: Case, vessel) -> dict[str, list[str]]:
    """The flag states the case gives a vessel: ISO alpha-2 code → ids of the sources.

    The vessel record's ``flag`` (its sources: the vessel's) comes first,
    then every country named in an assertion on the topic ``<vessel id>.flag``
    (its source). Parenthesised remarks are ignored: ``"Cameroon (as Shun
    Xing 39) and Tanzania (as Xing Shun 39)"`` states CM and TZ.
    """
    import re

    from voyages.casefile import country_code

    flags: dict[str, list[str]] = {}
    if vessel.flag:
        flags[vessel.flag] = []
    for assertion in case.assertions:
        if assertion.topic != f"{vessel.id}.flag":
            continue
        text = re.sub(r"\([^)]*\)", " ", assertion.value)
        for part in re.split(r",|;|/|\band\b|\bor\b", text):
            code = country_code(part) if part.strip() else None
            if code and assertion.source not in flags.setdefault(code, []):
                flags[code].append(assertion.source)
    return flags


def flag_check(case: Case, context: CheckContext) -> list[Finding]:
    """Rate each flag state a vessel is said to fly on the MoU lists (check ``flag_risk``).

    Every flag the case states for a vessel is rated (:func:`stated_flags`:
    the vessel record's and those in ``<vessel id>.flag`` assertions), so
    sources that disagree on the flag (the Shunxin-39: Cameroon, Tanzania)
    get a finding per flag, each saying the flags disagree.

    Returns
    -------
    list of Finding
        Per stated flag, one finding per MoU that rates it, ``consistent``:
        summary ``BLACK-LISTED FLAG: …`` for a black list (a risk indicator:
        ships of that flag are targeted for port-state inspection), else
        naming the grey or white list; evidence ``flag`` (ISO alpha-2),
        ``flag_name``, ``flag_list`` (the MoU), ``rating`` (black/grey/white),
        ``year``, ``rank`` (position in the whole table, best first; None
        when the source gives none), ``newest_list_year`` (the regime's newest
        bundled list: when it is later than ``year`` the summary says the
        newest list's sourced rows leave the flag out), ``source`` (the
        list's citation), ``stated_by`` (case source ids; empty for the
        vessel record's flag), ``flags_stated``. A flag no bundled list rates
        (the bundled lists are partial) gets one ``unverifiable`` finding with
        ``flag``, ``flag_name``, ``rating`` None, ``lists_checked``,
        ``stated_by``, ``flags_stated``. ``sources`` (case sources) is
        empty: the rating rests on the list, cited in ``source``.
    """
    from voyages.casefile import country_name
    from voyages.sanctions.flags import flag_risk, latest_years, load_flag_lists

    checked = sorted({f"{r.regime} {r.year}" for r in load_flag_lists()})
    newest = latest_years()
    findings = []
    for vessel in case.vessels.values():
        flags = stated_flags(case, vessel)
        others = ""
        if len(flags) > 1:
            others = (" (the case gives more than one flag: "
                      + "; ".join(f"{country_name(c) or c} ({', '.join(s) or 'vessel record'})"
                                  for c, s in flags.items()) + "; each is rated)")
        for code, stated_by in flags.items():
            name = country_name(code) or code
            base: dict[str, Any] = {"flag": code, "flag_name": name, "stated_by": list(stated_by),
                    "flags_stated": list(flags)}
            ratings = flag_risk(code)
            if not ratings:
                evidence = {**base, "rating": None, "lists_checked": checked}
                summary = (f"{vessel.name}'s flag {name} ({code}): no rating in the bundled "
                           f"flag lists ({', '.join(checked)}; they hold only the ratings "
                           f"that could be sourced, so the flag may be rated on the full "
                           f"list or not rated at all){others}")
                findings.append(Finding(check=FLAG_CHECK, subject=vessel.name,
                                        verdict=Verdict.UNVERIFIABLE, summary=summary,
                                        evidence=evidence))
                continue
            for r in ratings:
                evidence = {**base, "flag_list": r.regime, "rating": r.list, "year": r.year,
                            "rank": r.rank, "newest_list_year": newest[r.regime],
                            "source": r.source}
                older = ""
                if r.year < newest[r.regime]:
                    older = (f" (an older list: the rows that could be sourced for the "
                             f"{r.regime} {newest[r.regime]} list do not include this flag)")
                if r.list == "black":
                    summary = (f"BLACK-LISTED FLAG: {vessel.name}'s flag {name} ({code}) is on "
                               f"the {r.regime} {r.year} black list — ships of this flag are "
                               f"targeted for port-state inspection{older}{others}")
                else:
                    summary = (f"{vessel.name}'s flag {name} ({code}) is on the {r.regime} "
                               f"{r.year} {r.list} list{older}{others}")
                findings.append(Finding(check=FLAG_CHECK, subject=vessel.name,
                                        verdict=Verdict.CONSISTENT, summary=summary,
                                        evidence=evidence))
    return findings
