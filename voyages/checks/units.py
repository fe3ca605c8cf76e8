"""Units check: do the figures of one claim agree with each other?

A source that gives one distance twice ("7 nautical miles (13km)") rounds
each figure. A figure written as ``7`` stands for anything from 6.5 to 7.5;
``7.5`` for 7.45 to 7.55; ``130`` for 125 to 135. Trailing zeros of a whole
number are read as rounding, but never coarser than two significant digits:
``100`` is 95–105 (not 50–150), ``1000`` is 950–1050, ``30`` is 29.5–30.5.
Why: a trailing zero is either a digit or rounding and the text cannot say
which; two significant digits is the coarsest rounding a figure printed
beside a conversion plausibly has, and it keeps every band within ±5 % of
the figure (±5 % exactly at 10, 100, 1000; narrower otherwise). That is
well inside the 15 % between a nautical and a statute mile (1852 m vs
1609.344 m) and the factor 1.852 between a nautical mile and a kilometre,
so those mix-ups show, while "about 130 km" beside "70 nmi" still agrees.
Each figure becomes such an interval in a common unit (km for lengths,
hours for durations), and:

- every figure's converted value lies inside every other's interval:
  ``consistent``;
- the intervals overlap, but only at their edges: ``tight`` (the figures
  agree only if both were rounded the most they could be);
- the intervals do not overlap: ``implausible`` — the figures cannot
  describe the same quantity. The summary says when reading one figure's
  unit as another length unit (nautical mile, statute mile, kilometre)
  would reconcile them.

The same number given in two length units ("100 nmi" and "100 mi") is
named as a probable mix-up whenever the figures do not plainly agree.

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

    Trailing zeros of a whole number count as rounding down to two
    significant digits at most (see the module docstring for why).

    >>> rounding_interval("7")
    (6.5, 7.5)
    >>> rounding_interval("7.25")
    (7.245, 7.255)
    >>> rounding_interval("130")
    (125.0, 135.0)
    >>> rounding_interval("100")
    (95.0, 105.0)
    >>> rounding_interval("30")
    (29.5, 30.5)
    >>> rounding_interval("5000")
    (4950.0, 5050.0)
    """
    number = Decimal(text.strip())
    if "." in text or "e" in text.lower():
        exponent = number.as_tuple().exponent
        assert isinstance(exponent, int)  # a finite number: Decimal() refused NaN above
        step = Decimal(1).scaleb(exponent)
    else:
        digits = text.strip().lstrip("+-")
        zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
        significant = len(digits.lstrip("0"))
        step = Decimal(10) ** max(0, min(zeros, significant - 2))
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
        same = _same_figure(claim)
        if same:
            summary += f"; {same}"
            evidence["probable_mix_up"] = same
    else:
        verdict = Verdict.IMPLAUSIBLE
        each = ", ".join(f"{_written(q)} = {c[0]:.2f} {unit}"
                         for q, c in zip(claim.values, converted, strict=True))
        summary = f"{claim.id}: {written} disagree ({each})"
        hint = _mile_mixup(claim)
        if hint:
            summary += f"; {hint}"
            evidence["reconciled_if"] = hint
        same = _same_figure(claim)
        if same:
            evidence["probable_mix_up"] = same
    return Finding("units", case.subject_name(claim.subject), verdict, summary, evidence,
                   (claim.source,))


_LENGTH_UNITS = {"nmi": NM_M, "nm": NM_M, "nautical mile": NM_M, "nautical miles": NM_M,
                 "mi": STATUTE_MILE_M, "statute mile": STATUTE_MILE_M,
                 "statute miles": STATUTE_MILE_M, "km": KM_M, "kilometre": KM_M,
                 "kilometres": KM_M, "kilometer": KM_M, "kilometers": KM_M}
_UNIT_NAMES = {NM_M: "nautical miles", STATUTE_MILE_M: "statute miles", KM_M: "kilometres"}


def _unit_key(unit: str) -> str:
    return " ".join(unit.lower().split())


def _same_figure(claim: Claim) -> str:
    """The same number written in two different length units: a likely mislabel."""
    for i, q in enumerate(claim.values):
        for other in claim.values[i + 1:]:
            a, b = _LENGTH_UNITS.get(_unit_key(q.unit)), _LENGTH_UNITS.get(_unit_key(other.unit))
            if a and b and a != b and q.value == other.value:
                return (f"the same figure {q.text or q.value} is given in {q.unit} and "
                        f"{other.unit}: probably one unit mislabelled")
    return ""


def _mile_mixup(claim: Claim) -> str:
    """Would reading one figure in another length unit make the figures agree?

    Tries nautical mile, statute mile and kilometre for every figure written
    in one of them (the nautical/statute mile mix-up, ×1.1508, and the
    nautical mile/kilometre one, ×1.852).
    """
    for i, q in enumerate(claim.values):
        own = _LENGTH_UNITS.get(_unit_key(q.unit))
        if own is None:
            continue
        for metres in _UNIT_NAMES:
            if metres == own:
                continue
            bounds = []
            for j, other in enumerate(claim.values):
                lo, hi = rounding_interval(other.text or repr(other.value))
                if i == j:
                    bounds.append((lo * metres / KM_M, hi * metres / KM_M))
                else:
                    bounds.append((to_metres(lo, other.unit) / KM_M,
                                   to_metres(hi, other.unit) / KM_M))
            if max(b[0] for b in bounds) <= min(b[1] for b in bounds):
                return f"they agree if {_written(q)} meant {_UNIT_NAMES[metres]}"
    return ""
