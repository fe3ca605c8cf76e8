"""Check ``cargo_mass``: does a convoy's reported composition fit the tonnage shipped?

For each convoy, the mass implied by what the sources report (counts of
each type, a lower bound on the total number of vehicles) is compared with
the cargo tonnage the case reports for its vessels (the largest
``cargo_mass_t`` of each vessel's events, summed).

Bounds
------
- Lower: each reported type times its count (at least one when the count is
  unknown) times its lightest catalogued mass, plus the vehicles the total
  requires beyond those counted, each at the lightest catalogued vehicle
  mass. Types without a catalogued mass add nothing (and are listed).
- Upper: only when every count is known, the counted vehicles reach the
  reported total, and every type has an upper mass.

Verdicts: ``implausible`` when the lower bound exceeds the declared
tonnage; ``consistent`` when an upper bound exists and the declared tonnage
is at least the lower bound; ``unverifiable`` otherwise (counts or masses
unknown), with the implied lower bound in the evidence. Masses come from
:mod:`voyages.equipment`.
"""

from __future__ import annotations

from typing import Any

from voyages.equipment import EquipmentType, equipment_catalogue, match_equipment
from voyages.findings import Finding, Verdict
from voyages.records import Case, Convoy

__all__ = ["CHECK", "check", "convoy_mass_bounds"]

CHECK = "cargo_mass"


def _declared(case: Case) -> tuple[float | None, dict[str, float], list[str]]:
    per_vessel: dict[str, float] = {}
    sources: list[str] = []
    for event in case.events:
        if event.cargo_mass_t is None or event.subject not in case.vessels:
            continue
        if event.cargo_mass_t > per_vessel.get(event.subject, -1.0):
            per_vessel[event.subject] = event.cargo_mass_t
        sources.append(event.source)
    total = sum(per_vessel.values()) if per_vessel else None
    return total, per_vessel, list(dict.fromkeys(sources))


COUPLE_SOURCE = ("Merriam-Webster, 'couple' (adjective): 'two; also: few'; Oxford Learner's "
                 "Dictionary, 'couple (of sth)': 'two people or things' and 'a small number … "
                 "a few'")
"""Why "a couple" is read as at least two (and how many more is left open)."""


def _count_words(text: str, vehicles_min: int | None) -> int | None:
    """A lower bound from a count given in words.

    Two readings: "half the vehicles" is at least half of ``vehicles_min``
    (rounded up); "a couple" (of …) is at least 2 — dictionaries give "two"
    and, as well, "a few" (:data:`COUPLE_SOURCE`), so the count has no upper
    bound. Other words give None (at least one of the type is counted).

    >>> _count_words("a couple", None), _count_words("half the vehicles", 101)
    (2, 51)
    """
    import math
    import re

    words = text.lower()
    if vehicles_min and "half" in words:
        return math.ceil(vehicles_min / 2)
    if re.search(r"\ba couple\b", words):
        return 2
    return None


def convoy_mass_bounds(convoy: Convoy, catalogue: tuple[EquipmentType, ...] | None = None
                       ) -> dict[str, Any]:
    """The mass band a convoy's reported composition implies, tonnes.

    Parameters
    ----------
    convoy : Convoy
        ``composition`` pairs of (description, count or None) and
        ``vehicles_min``. A description may name several types ("Spartak,
        Linza and Tiger …", see :func:`voyages.equipment.match_equipment`);
        each is then present at least once, count unknown. A count given only
        in words (``composition_text``) is read when it is "half the
        vehicles" (at least half of ``vehicles_min``) or "a couple" (at
        least 2, no upper bound; :data:`COUPLE_SOURCE`).
    catalogue : tuple of EquipmentType, optional
        Defaults to the bundled catalogue.

    Returns
    -------
    dict
        ``mass_t_min`` (float), ``mass_t_max`` (float or None), ``items``
        (list of dicts: ``type`` as written, ``matched``, ``count`` (lower
        bound), ``count_known`` (exact), ``mass_t_min``, ``mass_t_max``,
        ``source``), ``unmassed`` (types without a catalogued mass),
        ``unknown`` (descriptions the catalogue does not know),
        ``vehicles_counted`` (int), ``vehicles_unassigned`` (int),
        ``filler_type`` / ``filler_mass_t`` (the lightest vehicle used for the
        unassigned ones).
    """
    catalogue = catalogue if catalogue is not None else equipment_catalogue()
    words = dict(getattr(convoy, "composition_text", ()) or ())
    items: list[dict[str, Any]] = []
    low = 0.0
    high: float | None = 0.0
    unmassed: list[str] = []
    unknown: list[str] = []
    counted_vehicles = 0
    for name, count in convoy.composition:
        matched = match_equipment(name, catalogue)
        from_words = _count_words(words.get(name, ""), convoy.vehicles_min)
        if not matched:
            unknown.append(name)
            high = None
            items.append({"type": name, "matched": None,
                          "count": count if count is not None else (from_words or 1),
                          "count_known": count is not None, "mass_t_min": None,
                          "mass_t_max": None, "source": ""})
            continue
        for entry in matched:
            known = count is not None and len(matched) == 1
            if known:
                n = int(count)  # type: ignore[arg-type]
            elif len(matched) == 1 and from_words is not None:
                n = from_words
            else:
                n = 1
            if entry.vehicle:
                counted_vehicles += n
            if entry.mass_t_min is None:
                unmassed.append(entry.type)
            else:
                low += n * entry.mass_t_min
            if not known or entry.mass_t_max is None or high is None:
                high = None
            else:
                high += n * entry.mass_t_max
            items.append({"type": name, "matched": entry.type, "count": n,
                          "count_known": known, "mass_t_min": entry.mass_t_min,
                          "mass_t_max": entry.mass_t_max, "source": entry.source})
    unassigned = max(0, (convoy.vehicles_min or 0) - counted_vehicles)
    massed = [e for e in catalogue if e.vehicle and e.mass_t_min is not None]
    filler = min(massed, key=lambda e: e.mass_t_min) if massed else None  # type: ignore[arg-type,return-value]
    if unassigned:
        high = None
        if filler is not None:
            low += unassigned * filler.mass_t_min  # type: ignore[operator]
    return {"mass_t_min": low, "mass_t_max": high, "items": items, "unmassed": unmassed,
            "unknown": unknown, "vehicles_counted": counted_vehicles,
            "vehicles_unassigned": unassigned,
            "filler_type": filler.type if (filler and unassigned) else None,
            "filler_mass_t": filler.mass_t_min if (filler and unassigned) else None}


def check(case: Case, context=None) -> list[Finding]:
    """Compare each convoy's implied mass with the vessels' reported tonnage."""
    declared, per_vessel, cargo_sources = _declared(case)
    findings = []
    for convoy in case.convoys.values():
        if not convoy.composition and not convoy.vehicles_min:
            continue
        bounds = convoy_mass_bounds(convoy)
        low, high = bounds["mass_t_min"], bounds["mass_t_max"]
        evidence: dict[str, Any] = {
            "mass_t_min": low, "mass_t_max": high, "declared_mass_t": declared,
            "declared_mass_t_by_vessel": {case.subject_name(v): t for v, t in per_vessel.items()},
            "vehicles_min": convoy.vehicles_min, **{k: v for k, v in bounds.items()
                                                    if k not in ("mass_t_min", "mass_t_max")}}
        sources = tuple(dict.fromkeys([*convoy.sources, *cargo_sources]))
        subject = f"{convoy.name}: composition vs cargo tonnage"
        shown = f"{low:,.0f} t" + (f" to {high:,.0f} t" if high is not None else " or more")
        if declared is None:
            verdict = Verdict.UNVERIFIABLE
            summary = f"composition implies {shown}; no cargo tonnage is reported for the vessels"
        elif low > declared:
            verdict = Verdict.IMPLAUSIBLE
            summary = (f"what is reported implies at least {low:,.0f} t, more than the "
                       f"{declared:,.0f} t declared for the vessels")
        elif high is not None:
            verdict = Verdict.CONSISTENT
            summary = f"composition implies {shown}, within the {declared:,.0f} t declared"
        else:
            verdict = Verdict.UNVERIFIABLE
            gaps = []
            if any(not i["count_known"] for i in bounds["items"]):
                gaps.append("exact counts unknown for " + ", ".join(dict.fromkeys(
                    i["matched"] or i["type"] for i in bounds["items"] if not i["count_known"])))
            if bounds["unmassed"] or bounds["unknown"]:
                gaps.append("no mass for " + ", ".join(dict.fromkeys(bounds["unmassed"]
                                                                     + bounds["unknown"])))
            summary = (f"what is reported implies at least {low:,.0f} t "
                       f"({low / declared:.0%} of the {declared:,.0f} t declared); "
                       + "; ".join(gaps or ["the total number of vehicles is open"]))
        findings.append(Finding(CHECK, subject, verdict, summary, evidence, sources))
    return findings
