"""The timing plausibility model for one leg, sea or land.

Given when a leg started and ended as reported (two
:class:`~voyages.records.ReportedTime` intervals), how far it is, and the
speed envelope of what moved, :func:`judge_leg` says whether the times fit.
The model does not know about ships or roads: distance and speeds come in
any one unit (nm with knots, km with km/h), and the result carries the
unit it was given.

The rule
--------
Times. A start reported as the interval ``[s0, s1)`` and an end as
``[e0, e1)`` allow an elapsed time between::

    elapsed_min = max(0, e0 - s1)      elapsed_max = e1 - s0

Feasible window. With distance ``d`` (widened to ``d·(1-u)`` and
``d·(1+u)`` by the relative distance uncertainty ``u``), the envelope's
slow normal speed ``v_min`` and maximum sustained speed ``v_max``, and
non-moving allowances ``[a_min, a_max]`` hours (port or anchorage time on
the leg)::

    feasible_min = d·(1-u) / v_max + a_min     (fastest credible passage)
    feasible_max = d·(1+u) / v_min + a_max     (slowest normal passage)

Verdict.

- ``implausible`` when ``elapsed_max < feasible_min``: no start and end
  inside the reported precision leave enough time even at the maximum
  sustained speed.
- ``tight`` when feasible, but only at ``TIGHT_FRACTION`` (90 %) of the
  maximum sustained speed or faster: ``elapsed_max < d·(1-u) /
  (TIGHT_FRACTION·v_max) + a_min``.
- ``consistent`` otherwise.
- ``unverifiable`` when the distance or the envelope is missing (the
  caller says why).

Implied speeds. ``d / elapsed_max`` to ``d / elapsed_min`` (the upper end
is unbounded, reported as None, when ``elapsed_min`` is 0).

Unexplained time. Time beyond the slowest normal passage plus allowances:
``max(0, elapsed_min - feasible_max)`` is idle time the vessel certainly
had (``unexplained_days``), ``max(0, elapsed_max - feasible_max)`` the most
it may have had (``unexplained_days_max``). A consistent leg with
unexplained days is an analyst's lead (a hidden call, loitering), not a
contradiction.

Properties (tested with hypothesis): widening a reported time never turns
a feasible leg implausible; a longer distance never improves the verdict
and never adds unexplained time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from voyages.findings import Verdict

if TYPE_CHECKING:
    from voyages.records import ReportedTime

__all__ = [
    "TIGHT_FRACTION",
    "Envelope",
    "LegTiming",
    "elapsed_hours",
    "judge_leg",
    "judge_times",
]

TIGHT_FRACTION = 0.9
"""A leg feasible only at ≥ 90 % of the maximum sustained speed is ``tight``.
A convention of this model (the edge of the envelope), not a sourced figure."""

_VERDICT_ORDER = {Verdict.CONSISTENT: 0, Verdict.TIGHT: 1, Verdict.IMPLAUSIBLE: 2}


@dataclass(frozen=True)
class Envelope:
    """Speeds and non-moving allowances for one leg, in the distance's unit.

    Attributes
    ----------
    speed_min, speed_max : float
        Slow normal speed and maximum sustained speed, distance units per
        hour (knots for nm, km/h for km); ``0 < speed_min <= speed_max``.
    allowance_min_h, allowance_max_h : float
        Hours not moving that the leg includes at least / at most normally
        (port stay on a via call, border crossing, anchorage wait).
    unit : str
        ``"nm"`` or ``"km"``; names the evidence keys.
    source : str
        Where the figures come from.

    Raises
    ------
    ValueError
        For speeds or allowances out of order or not positive.
    """

    speed_min: float
    speed_max: float
    allowance_min_h: float = 0.0
    allowance_max_h: float = 0.0
    unit: str = "nm"
    source: str = ""

    def __post_init__(self) -> None:
        if not (0 < self.speed_min <= self.speed_max) or not math.isfinite(self.speed_max):
            raise ValueError(f"envelope speeds must satisfy 0 < min <= max, got "
                             f"{self.speed_min} .. {self.speed_max}")
        if not (0 <= self.allowance_min_h <= self.allowance_max_h):
            raise ValueError(f"allowances must satisfy 0 <= min <= max hours, got "
                             f"{self.allowance_min_h} .. {self.allowance_max_h}")
        if self.unit not in ("nm", "km"):
            raise ValueError(f"unit must be 'nm' or 'km', got {self.unit!r}")

    @property
    def speed_unit(self) -> str:
        """``"kn"`` for nm, ``"kmh"`` for km (the evidence key suffix)."""
        return "kn" if self.unit == "nm" else "kmh"


def elapsed_hours(start_earliest: datetime, start_latest: datetime,
                  end_earliest: datetime, end_latest: datetime) -> tuple[float, float]:
    """The elapsed-time interval in hours allowed by two reported intervals.

    >>> from datetime import datetime, timezone
    >>> d = lambda day: datetime(2025, 1, day, tzinfo=timezone.utc)
    >>> elapsed_hours(d(1), d(2), d(3), d(4))
    (24.0, 72.0)
    """
    low = max(0.0, (end_earliest - start_latest).total_seconds() / 3600.0)
    high = (end_latest - start_earliest).total_seconds() / 3600.0
    return low, high


@dataclass(frozen=True)
class LegTiming:
    """The judgement of one leg's timing (see the module docstring for the rule).

    Hours are floats; speeds are in the envelope's unit per hour; ``None``
    where a figure cannot be computed (no distance, no envelope, zero
    elapsed time).

    Attributes
    ----------
    verdict : Verdict
    reason : str
        One line saying why.
    unit : str
        ``"nm"`` (sea) or ``"km"`` (land): the unit of ``distance``.
    distance : float or None
    elapsed_h_min, elapsed_h_max : float
        Hours the reported times allow, shortest and longest.
    feasible_h_min, feasible_h_max : float or None
        Hours needed at the envelope's fastest and slowest speed, plus
        allowances.
    implied_speed_min, implied_speed_max : float or None
        ``distance`` over the longest and shortest elapsed time.
    unexplained_h_min, unexplained_h_max : float or None
        Hours beyond the slowest normal passage plus allowances that the
        reported times certainly leave (min) and may leave (max).
    """

    verdict: Verdict
    reason: str
    unit: str
    distance: float | None
    elapsed_h_min: float
    elapsed_h_max: float
    feasible_h_min: float | None = None
    feasible_h_max: float | None = None
    implied_speed_min: float | None = None
    implied_speed_max: float | None = None
    unexplained_h_min: float | None = None
    unexplained_h_max: float | None = None

    @property
    def unexplained_days(self) -> float | None:
        """Idle days the reported times certainly leave (``unexplained_h_min / 24``)."""
        return None if self.unexplained_h_min is None else self.unexplained_h_min / 24.0

    def evidence(self) -> dict[str, float | None]:
        """The evidence keys of a timing finding (units in the names)."""
        speed = "kn" if self.unit == "nm" else "kmh"
        out: dict[str, float | None] = {
            f"distance_{self.unit}": self.distance,
            "elapsed_h_min": self.elapsed_h_min,
            "elapsed_h_max": self.elapsed_h_max,
            "feasible_h_min": self.feasible_h_min,
            "feasible_h_max": self.feasible_h_max,
            f"implied_speed_{speed}_min": self.implied_speed_min,
            f"implied_speed_{speed}_max": self.implied_speed_max,
            "unexplained_days": self.unexplained_days,
            "unexplained_days_max": (None if self.unexplained_h_max is None
                                     else self.unexplained_h_max / 24.0),
        }
        return out


def judge_leg(
    start_earliest: datetime,
    start_latest: datetime,
    end_earliest: datetime,
    end_latest: datetime,
    *,
    distance: float | None,
    envelope: Envelope | None,
    distance_uncertainty: float = 0.0,
    unverifiable_reason: str = "",
) -> LegTiming:
    """Judge whether a leg of ``distance`` fits between two reported times.

    Parameters
    ----------
    start_earliest, start_latest, end_earliest, end_latest : datetime
        Timezone-aware bounds of the reported start and end (a
        ``ReportedTime``'s ``earliest`` / ``latest``).
    distance : float or None
        Leg length in ``envelope.unit`` (nm or km); None when unknown.
    envelope : Envelope or None
        None when no sourced speed exists for what moved.
    distance_uncertainty : float
        Relative uncertainty of ``distance`` (0.05 = ±5 %), in [0, 1).
    unverifiable_reason : str
        Why the envelope or distance is missing (goes into ``reason``).

    Returns
    -------
    LegTiming

    Raises
    ------
    ValueError
        For a negative distance or an uncertainty outside [0, 1).

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> day = lambda d: datetime(2025, 1, d, tzinfo=timezone.utc)
    >>> env = Envelope(speed_min=8.0, speed_max=12.0)
    >>> judge_leg(day(1), day(2), day(5), day(6), distance=600.0, envelope=env).verdict
    <Verdict.CONSISTENT: 'consistent'>
    >>> judge_leg(day(1), day(2), day(2), day(3), distance=600.0, envelope=env).verdict
    <Verdict.IMPLAUSIBLE: 'implausible'>
    """
    if not 0.0 <= distance_uncertainty < 1.0:
        raise ValueError(f"distance_uncertainty must be in [0, 1), got {distance_uncertainty}")
    low, high = elapsed_hours(start_earliest, start_latest, end_earliest, end_latest)
    unit = envelope.unit if envelope is not None else "nm"
    if distance is None or envelope is None:
        missing = "distance" if distance is None else "speed envelope"
        implied: tuple[float | None, float | None] = (None, None)
        if distance is not None:
            implied = (distance / high if high > 0 else None, distance / low if low > 0 else None)
        return LegTiming(Verdict.UNVERIFIABLE, unverifiable_reason or f"no {missing}",
                         unit, distance, low, high, implied_speed_min=implied[0],
                         implied_speed_max=implied[1])
    if distance < 0 or not math.isfinite(distance):
        raise ValueError(f"distance must be finite and >= 0, got {distance}")
    d_low = distance * (1.0 - distance_uncertainty)
    d_high = distance * (1.0 + distance_uncertainty)
    feasible_min = d_low / envelope.speed_max + envelope.allowance_min_h
    feasible_max = d_high / envelope.speed_min + envelope.allowance_max_h
    tight_below = d_low / (TIGHT_FRACTION * envelope.speed_max) + envelope.allowance_min_h
    implied_min = distance / high if high > 0 else None
    implied_max = distance / low if low > 0 else None
    unexplained_min = max(0.0, low - feasible_max)
    unexplained_max = max(0.0, high - feasible_max)
    if high < feasible_min:
        verdict = Verdict.IMPLAUSIBLE
        reason = (f"at most {high:.0f} h between the reports, the fastest passage needs "
                  f"{feasible_min:.0f} h")
    elif high < tight_below:
        verdict = Verdict.TIGHT
        reason = (f"feasible only at {TIGHT_FRACTION:.0%} of the maximum sustained speed "
                  f"or faster: at most {high:.0f} h, fastest passage {feasible_min:.0f} h")
    else:
        verdict = Verdict.CONSISTENT
        reason = f"{low:.0f}–{high:.0f} h between the reports; needs {feasible_min:.0f}–" \
                 f"{feasible_max:.0f} h"
        if unexplained_min > 0:
            reason += f"; at least {unexplained_min / 24:.1f} days unexplained"
    return LegTiming(verdict, reason, unit, distance, low, high, feasible_min, feasible_max,
                     implied_min, implied_max, unexplained_min, unexplained_max)


def judge_times(start: ReportedTime, end: ReportedTime, *, distance: float | None,
                envelope: Envelope | None, distance_uncertainty: float = 0.0,
                unverifiable_reason: str = "") -> LegTiming:
    """:func:`judge_leg` on two :class:`~voyages.records.ReportedTime` intervals.

    ``distance`` is in the envelope's unit (nm at sea, km overland).

    Returns
    -------
    LegTiming
        As :func:`judge_leg`.

    Raises
    ------
    ValueError
        For a negative distance or an uncertainty outside [0, 1).
    """
    return judge_leg(start.earliest, start.latest, end.earliest, end.latest,
                     distance=distance, envelope=envelope,
                     distance_uncertainty=distance_uncertainty,
                     unverifiable_reason=unverifiable_reason)


def worse(a: Verdict, b: Verdict) -> bool:
    """True when verdict ``a`` is worse than ``b`` (consistent < tight < implausible)."""
    return _VERDICT_ORDER.get(a, -1) > _VERDICT_ORDER.get(b, -1)
