"""What a report shows, as plain values the templates lay out.

Everything here is deterministic: orders come from the case file and the
checks, numbers are formatted with fixed rules, and nothing reads a clock.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from voyages._maplegs import STRAIGHT, MapLeg
from voyages.findings import Finding, Verdict
from voyages.records import Case, Event
from voyages.report._aismodel import AisSection, ais_section
from voyages.units import nm_to_km

if TYPE_CHECKING:
    from voyages._aislayers import AisLayers

# Worst first: what a reader must see before what holds.
VERDICT_ORDER = (Verdict.IMPLAUSIBLE, Verdict.TIGHT, Verdict.UNVERIFIABLE, Verdict.CONSISTENT)

_UNITS = {"nm": "nm", "km": "km", "kn": "kn", "kmh": "km/h", "h": "h", "t": "t",
          "days": "days", "d": "days", "pct": "%", "deg": "°", "m": "m"}
_SKIP_SUFFIXES = ("_event", "_earliest", "_latest", "_id", "_url",
                  "_uncertainty")  # the distance band is in the summary
_SKIP_KEYS = ("year", "rank", "newest_list_year",  # list years and ranks: labels, not quantities
              # identifiers and coordinates (the summary and the AIS section give them)
              "mmsi", "lat", "lon", "closest_lat", "closest_lon")


@dataclass(frozen=True)
class SourceRow:
    number: int
    id: str
    publisher: str
    title: str
    published: str
    url: str
    language: str


@dataclass(frozen=True)
class FindingRow:
    number: int
    check: str
    subject: str
    verdict: str
    summary: str
    numbers: tuple[str, ...]
    cites: tuple[tuple[int | None, str], ...]  # (source number or None, source id)


@dataclass(frozen=True)
class Side:
    value: str
    cites: tuple[tuple[int | None, str], ...]
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class Contradiction:
    topic: str
    sides: tuple[Side, ...]
    verdict: str = ""
    summary: str = ""
    finding_number: int | None = None


@dataclass(frozen=True)
class EventRow:
    when: str
    subject: str
    kind: str
    place: str
    quote: str
    cites: tuple[tuple[int | None, str], ...]


@dataclass(frozen=True)
class LegRow:
    label: str
    kind: str
    mode: str
    drawn: str
    distance: str
    note: str
    statement: str


@dataclass(frozen=True)
class SubjectRow:
    name: str
    kind: str
    facts: tuple[tuple[str, str], ...]
    cites: tuple[tuple[int | None, str], ...]


@dataclass(frozen=True)
class ReportModel:
    """Everything the templates need, already ordered and formatted."""

    case_id: str
    title: str
    summary: str
    counts: tuple[tuple[str, int], ...]
    findings: tuple[FindingRow, ...]
    contradictions: tuple[Contradiction, ...]
    sources: tuple[SourceRow, ...]
    events: tuple[EventRow, ...]
    legs: tuple[LegRow, ...]
    subjects: tuple[SubjectRow, ...]
    map_note: str
    ais: AisSection | None = None


def format_number(value: float) -> str:
    """A number as a reader wants it: thousands separated, sensible decimals.

    >>> format_number(4650.0), format_number(24.25), format_number(2.5), format_number(0.125)
    ('4,650', '24.2', '2.5', '0.12')
    """
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    magnitude = abs(value)
    if magnitude >= 100:
        return f"{value:,.0f}"
    if magnitude >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _split_unit(key: str) -> tuple[str, str]:
    """``distance_nm`` → (``distance``, ``nm``); no unit → (key, "")."""
    head, _, tail = key.rpartition("_")
    if head and tail in _UNITS:
        return head, _UNITS[tail]
    return key, ""


# Evidence keys a reader looks for first, in this order (base names, without
# the _min/_max bound); any other numbers follow in the finding's own order.
_PRIORITY = ("distance_nm", "distance_km", "elapsed_h", "feasible_h", "implied_speed_kn",
             "implied_speed_kmh", "unexplained_days", "slack_days", "shortfall_days", "mass_t",
             "declared_mass_t", "cargo_mass_t")
MAX_KEY_NUMBERS = 6
"""At most this many numbers per finding in the table (the JSON has them all)."""


def _is_number(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _numeric_groups(evidence: Mapping[str, Any]) -> dict[str, list[float]]:
    """Numeric evidence grouped by base key: ``x``, ``x_min``, ``x_max`` → ``x``."""
    groups: dict[str, list[float]] = {}
    for key, value in evidence.items():
        if not _is_number(value) or key.endswith(_SKIP_SUFFIXES) or key in _SKIP_KEYS:
            continue
        base = key
        if key.endswith(("_min", "_max")):
            stem = key[:-4]
            other = stem + ("_max" if key.endswith("_min") else "_min")
            if _is_number(evidence.get(other)) or _is_number(evidence.get(stem)):
                base = stem
        groups.setdefault(base, []).append(float(value))
    return groups


def key_numbers(evidence: Mapping[str, Any]) -> tuple[str, ...]:
    """The numbers of a finding's evidence in words, ranges joined, most telling first.

    ``elapsed_h_min``/``elapsed_h_max`` become ``elapsed 579–627 h``;
    ``distance_nm`` becomes ``distance 4,650 nm`` (``distance_km`` is left
    out beside it); ``*_days`` figures that are all zero are left out. Event
    ids, timestamps and text are left out (the timeline and the JSON carry
    them), except the ``passages`` crossed. At most :data:`MAX_KEY_NUMBERS`.

    >>> key_numbers({"distance_nm": 4650.0, "feasible_h_min": 340, "feasible_h_max": 520.5})
    ('distance 4,650 nm', 'feasible 340–520 h')
    """
    groups = _numeric_groups(evidence)
    if "distance_nm" in groups:
        groups.pop("distance_km", None)
    order = [b for b in _PRIORITY if b in groups] + [b for b in groups if b not in _PRIORITY]
    out: list[str] = []
    for base in order:
        values = groups[base]
        if base.endswith("_days") and not any(values):
            continue
        bound = ""
        if base.endswith(("_min", "_max")):  # one bound alone: "at least" / "at most"
            base, bound = base[:-4], ("≥ " if base.endswith("_min") else "≤ ")
        name, unit = _split_unit(base)
        lo, hi = min(values), max(values)
        text = format_number(lo) if lo == hi else f"{format_number(lo)}–{format_number(hi)}"
        out.append(f"{name.replace('_', ' ')} {bound}{text} {unit}".strip())
    out = out[:MAX_KEY_NUMBERS]
    passages = evidence.get("passages")
    if isinstance(passages, list | tuple) and passages and all(
            isinstance(p, str) for p in passages):
        out.append("via " + ", ".join(passages))
    return tuple(out)


def _list_citation(evidence: Mapping[str, Any]) -> tuple[tuple[int | None, str], ...]:
    """A finding that rests on a bundled list, not the case's sources (``flag_risk``),
    cites the list's own source, given as text in ``evidence["source"]``."""
    source = evidence.get("source")
    return ((None, source),) if isinstance(source, str) and source.strip() else ()


def _cites(ids: Sequence[str], numbers: Mapping[str, int]) -> tuple[tuple[int | None, str], ...]:
    seen: list[str] = []
    for sid in ids:
        if sid and sid not in seen:
            seen.append(sid)
    return tuple(sorted(((numbers.get(s), s) for s in seen),
                        key=lambda c: (c[0] is None, c[0] or 0, c[1])))


def _when(event: Event) -> str:
    if event.time is None:
        return "no time reported"
    zone = f" ({event.time.tz})" if event.time.tz else ""
    return f"{event.time.text}{zone}"


def _same_value(a: str, b: str) -> bool:
    """Values agree when they fold alike (as the conflicts check compares them)."""
    from voyages.places import normalize_name

    return (normalize_name(a) or a) == (normalize_name(b) or b)


def contradictions(case: Case, findings: Sequence[FindingRow],
                   raw: Sequence[Finding], numbers: Mapping[str, int]) -> tuple[Contradiction, ...]:
    """Statements on one topic that disagree, side by side, with the check's verdict.

    Sides come from the case's assertions (one per distinct value); a
    ``conflict`` finding whose evidence names the ``topic`` lends its
    verdict and summary. A conflict finding without matching assertions
    gets one side per source it cites.
    """
    by_topic: dict[str, list] = {}
    for assertion in case.assertions:
        by_topic.setdefault(assertion.topic, []).append(assertion)
    conflict_rows = [(row, f) for row, f in zip(findings, raw, strict=True)
                     if f.check == "conflict"]
    out: list[Contradiction] = []
    used: set[int] = set()
    for topic, statements in by_topic.items():
        values: list[str] = []
        for s in statements:
            if not any(_same_value(s.value, v) for v in values):
                values.append(s.value)
        if len(values) < 2:
            continue
        sides = []
        for value in values:
            same = [s for s in statements if _same_value(s.value, value)]
            sides.append(Side(value, _cites([s.source for s in same], numbers),
                              tuple(s.quote for s in same if s.quote)))
        match = next(((row, f) for row, f in conflict_rows
                      if str((f.evidence or {}).get("topic", "")) == topic), None)
        if match is not None:
            used.add(match[0].number)
            row = match[0]
            out.append(Contradiction(topic, tuple(sides), row.verdict, row.summary, row.number))
        else:
            out.append(Contradiction(topic, tuple(sides)))
    for row, f in conflict_rows:
        if row.number in used or row.verdict == Verdict.CONSISTENT.value:
            continue  # sources that agree are no contradiction
        out.append(_sides_from_evidence(row, f, numbers))
    return tuple(out)


def _sides_from_evidence(row: FindingRow, finding: Finding,
                         numbers: Mapping[str, int]) -> Contradiction:
    """Sides of a conflict finding from its evidence (``values``: value → source ids,
    ``quotes``: source id → quote), or one side per cited source."""
    evidence = finding.evidence or {}
    values = evidence.get("values")
    raw_quotes = evidence.get("quotes")
    quotes: Mapping[str, Any] = raw_quotes if isinstance(raw_quotes, Mapping) else {}
    sides: list[Side] = []
    if isinstance(values, Mapping) and values:
        for value, ids in values.items():
            ids = [ids] if isinstance(ids, str) else list(ids or ())
            sides.append(Side(str(value), _cites(ids, numbers),
                              tuple(str(quotes[i]) for i in ids if quotes.get(i))))
    else:
        sides = [Side("", _cites([s], numbers), (str(quotes[s]),) if quotes.get(s) else ())
                 for s in finding.sources]
    topic = str(evidence.get("topic", row.subject))
    return Contradiction(topic, tuple(sides), row.verdict, row.summary, row.number)


def order_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Worst verdict first (see :data:`VERDICT_ORDER`), the checks' order kept within."""
    rank = {v.value: i for i, v in enumerate(VERDICT_ORDER)}
    ordered = sorted(enumerate(findings),
                     key=lambda item: (rank.get(Verdict(item[1].verdict).value, 9), item[0]))
    return [f for _, f in ordered]


def build_model(case: Case, findings: Sequence[Finding], legs: Sequence[MapLeg], *,
                ais: AisLayers | None = None) -> ReportModel:
    """Order and format everything a report shows (with the AIS section when ``ais``
    holds AIS files)."""
    numbers = {sid: i for i, sid in enumerate(case.sources, start=1)}
    sources = tuple(
        SourceRow(numbers[s.id], s.id, s.publisher, s.title,
                  s.published.isoformat() if s.published else "", s.url, s.language)
        for s in case.sources.values()
    )
    raw = order_findings(findings)
    rows = tuple(
        FindingRow(n, f.check, f.subject, Verdict(f.verdict).value, f.summary,
                   key_numbers(f.evidence or {}),
                   _cites(f.sources, numbers) or _list_citation(f.evidence or {}))
        for n, f in enumerate(raw, start=1)
    )
    counts = tuple((v.value, sum(1 for r in rows if r.verdict == v.value)) for v in VERDICT_ORDER)
    events = tuple(
        EventRow(_when(e), case.subject_name(e.subject), e.kind.value.replace("_", " "),
                 e.place.label if e.place is not None else (e.place_text or "—"),
                 e.quote, _cites([e.source], numbers))
        for e in sorted(case.events, key=lambda e: (
            e.time is None, e.time.midpoint.timestamp() if e.time else 0.0))
    )
    leg_rows = tuple(
        LegRow(leg.label, leg.kind, leg.mode, leg.method, _distance(leg), leg.note,
               leg.statement)
        for leg in legs
    )
    if not legs:
        map_note = ("No leg to draw: no vessel or convoy has located, timed events at two "
                    "different places, and no claim or hypothesis names a route.")
    elif all(leg.method == STRAIGHT for leg in legs):
        map_note = ("No leg could be routed; the map draws them as dotted straight lines "
                    "(see the notes below).")
    else:
        map_note = ""
    return ReportModel(
        case_id=case.id, title=case.title, summary=case.summary, counts=counts,
        findings=rows, contradictions=contradictions(case, rows, raw, numbers),
        sources=sources, events=events, legs=leg_rows,
        subjects=_subjects(case, numbers), map_note=map_note, ais=ais_section(ais),
    )


def _distance(leg: MapLeg) -> str:
    if leg.distance_nm is None:
        return ""
    if leg.mode == "sea":
        return f"{format_number(leg.distance_nm)} nm"
    return f"{format_number(nm_to_km(leg.distance_nm))} km"


def _subjects(case: Case, numbers: Mapping[str, int]) -> tuple[SubjectRow, ...]:
    out = []
    for v in case.vessels.values():
        facts = [("also written", ", ".join(v.aliases)), ("IMO", v.imo or ""),
                 ("MMSI", v.mmsi or ""), ("call sign", v.call_sign or ""), ("flag", v.flag or ""),
                 ("type", (v.type or "").replace("_", " ")),
                 ("dwt", f"{format_number(v.dwt_t)} t" if v.dwt_t else ""),
                 ("gross tonnage", format_number(v.gross_tonnage) if v.gross_tonnage else ""),
                 ("service speed", f"{format_number(v.service_speed_kn)} kn"
                  if v.service_speed_kn else ""),
                 ("operator", case.subject_name(v.operator) if v.operator else ""),
                 ("owner", case.subject_name(v.owner) if v.owner else ""),
                 ("manager", case.subject_name(v.manager) if v.manager else "")]
        out.append(SubjectRow(v.name, "vessel", tuple((k, x) for k, x in facts if x),
                              _cites(v.sources, numbers)))
    for c in case.convoys.values():
        facts = [("mode", c.mode),
                 ("vehicles", f"at least {c.vehicles_min}" if c.vehicles_min else ""),
                 ("composition", ", ".join(f"{kind} × {n}" if n else kind
                                           for kind, n in c.composition))]
        out.append(SubjectRow(c.name, "convoy", tuple((k, x) for k, x in facts if x),
                              _cites(c.sources, numbers)))
    for o in case.organizations.values():
        facts = [("also written", ", ".join(o.aliases)), ("country", o.country or ""),
                 ("IMO company number", o.imo or "")]
        out.append(SubjectRow(o.name, "organization", tuple((k, x) for k, x in facts if x),
                              _cites(o.sources, numbers)))
    return tuple(out)
