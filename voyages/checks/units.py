"""Units check: do the figures of one claim agree with each other?

A source that gives one distance twice ("7 nautical miles (13km)") rounds
each figure. A figure written as ``7`` stands for anything from 6.5 to 7.5;
``7.5`` for 7.45 to 7.55; ``130`` for 125 to 135 (trailing zeros of an
integer are read as rounding). Each figure becomes such an interval in a
common unit (km for lengths, hours for durations), and:

- every figure's converted value lies inside every other's interval:
  ``consistent``;
- the intervals overlap, but only at their edges: ``tight`` (the figures
  agree only if both were rounded the most they could be);
- the intervals do not overlap: ``implausible`` — the figures cannot
  describe the same quantity. The summary says when reading a nautical
  mile as a statute mile (or the reverse) would reconcile them.

A claim with one figure gives no finding here (other checks judge it).
"""

from __future__ import annotations

from decimal import Decimal

from voyages.findings import Finding, Verdict
from voyages.records import Case, Claim, Quantity
from voyages.units import KM_M, NM_M, STATUTE_MILE_M, to_hours, to_metres, unit_kind

__all__ = ["check", "rounding_interval"]


def rounding_interval(text: str) -> tuple[float, float]:
    """The interval a figure as written stands for (half its last digit either side).

    >>> rounding_interval("7")
    (6.5, 7.5)
    >>> rounding_interval("7.25")
    (7.245, 7.255)
    >>> rounding_interval("130")
    (125.0, 135.0)
    """
    number = Decimal(text.strip())
    if "." in text or "e" in text.lower():
        exponent = number.as_tuple().exponent
        assert isinstance(exponent, int)  # a finite number: Decimal() refused NaN above
        step = Decimal(1).scaleb(exponent)
    else:
        digits = text.strip().lstrip("+-")
        zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
        step = Decimal(10) ** zeros
    half = step / 2
    return float(number - half), float(number + half)


def _common(q: Quantity) -> tuple[float, float, float, str]:
    """Central value and rounding bounds in the claim's common unit (km or h)."""
    text = q.text or repr(q.value)
    low, high = rounding_interval(text)
    if unit_kind(q.unit) == "length":
        def convert(v):
            return to_metres(v, q.unit) / KM_M
        unit = "km"
    else:
        def convert(v):
            return to_hours(v, q.unit)
        unit = "h"
    return convert(q.value), convert(low), convert(high), unit


def _written(q: Quantity) -> str:
    return f"{q.text or q.value:} {q.unit}"


def check(case: Case, context=None) -> list[Finding]:
    """One finding per claim that gives its figure in more than one way."""
    findings = []
    for claim in case.claims:
        if len(claim.values) < 2:
            continue
        findings.append(_judge(case, claim))
    return findings


def _judge(case: Case, claim: Claim) -> Finding:
    converted = [_common(q) for q in claim.values]
    unit = converted[0][3]
    low = max(c[1] for c in converted)
    high = min(c[2] for c in converted)
    inside = all(c[1] <= other[0] <= c[2] for c in converted for other in converted)
    written = " vs ".join(_written(q) for q in claim.values)
    key = "distance_km" if unit == "km" else "duration_h"
    evidence = {
        "claim": claim.id,
        "values": [_written(q) for q in claim.values],
        f"{key}_each": [c[0] for c in converted],
        f"{key}_ranges": [[c[1], c[2]] for c in converted],
    }
    if low <= high:
        evidence[f"{key}_agreed"] = [low, high]
    if inside:
        verdict = Verdict.CONSISTENT
        summary = f"{claim.id}: {written} agree within the rounding the figures imply"
    elif low <= high:
        verdict = Verdict.TIGHT
        summary = (f"{claim.id}: {written} agree only at the edge of their rounding "
                   f"({low:.2f}–{high:.2f} {unit})")
    else:
        verdict = Verdict.IMPLAUSIBLE
        each = ", ".join(f"{_written(q)} = {c[0]:.2f} {unit}"
                         for q, c in zip(claim.values, converted, strict=True))
        summary = f"{claim.id}: {written} disagree ({each})"
        hint = _mile_mixup(claim)
        if hint:
            summary += f"; {hint}"
            evidence["reconciled_if"] = hint
    return Finding("units", case.subject_name(claim.subject), verdict, summary, evidence,
                   (claim.source,))


def _mile_mixup(claim: Claim) -> str:
    """Would swapping nautical and statute miles make the figures agree?"""
    swaps = {"nmi": STATUTE_MILE_M, "nm": STATUTE_MILE_M, "nautical mile": STATUTE_MILE_M,
             "nautical miles": STATUTE_MILE_M, "mi": NM_M, "statute mile": NM_M,
             "statute miles": NM_M}
    for i, q in enumerate(claim.values):
        key = " ".join(q.unit.lower().split())
        if key not in swaps:
            continue
        bounds = []
        for j, other in enumerate(claim.values):
            lo, hi = rounding_interval(other.text or repr(other.value))
            if i == j:
                bounds.append((lo * swaps[key] / KM_M, hi * swaps[key] / KM_M))
            else:
                bounds.append((to_metres(lo, other.unit) / KM_M, to_metres(hi, other.unit) / KM_M))
        if max(b[0] for b in bounds) <= min(b[1] for b in bounds):
            other_unit = "statute miles" if swaps[key] == STATUTE_MILE_M else "nautical miles"
            return f"they agree if {_written(q)} meant {other_unit}"
    return ""
