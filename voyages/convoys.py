"""Speed envelopes for overland movement (convoys, trains).

An overland envelope is a range of *moving* speeds (km/h) and the hours a
convoy normally drives in a day; their product is a distance per driving
day. Every figure carries its source; where none could be read the figure
is absent and the checks that need it say ``unverifiable``.

Sources
-------
- Convoy speeds: US Army FM 11-43 *The Signal Leader's Guide* (1995),
  chapter 5, section II, para 5-2 "Convoy Planning Factors": "Convoy speed
  depends on road conditions, traffic conditions, and the speed of the
  slowest vehicle. Cities/built up areas 24 Km/h (15 MPH). Two lane roads
  40 Km/h (25 MPH). Limited access expressways 66 Km/h (40 MPH). Blackout
  Drive 8 Km/h (5 MPH)." (globalsecurity.org/military/library/policy/army/
  fm/11-43/c5s2.htm).
- Daily driving: "military drivers are typically limited to around 10 hours
  of driving time within a 24-hour period, followed by a mandatory 8-hour
  off-duty rest period" (thegunzone.com, "How Long Can You Drive in the
  Military Per Day?"). A secondary source: the doctrinal text (FM 55-30,
  AR 385-55) was not read.

Not sourced, so not modelled: march rates of tracked armour on its own
tracks, heavy-equipment-transporter speeds, rail freight speeds in the
region. Ship discharge times are in :mod:`voyages.transship`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from voyages.units import DAY_H

__all__ = ["LAND_ENVELOPES", "LandEnvelope", "land_envelope"]

FM_11_43 = ("US Army FM 11-43 (1995) ch. 5 sec. II para 5-2, convoy speed: built-up areas "
            "24 km/h, two-lane roads 40 km/h")
DRIVING_HOURS = ("thegunzone.com, 'How Long Can You Drive in the Military Per Day?': about "
                 "10 h of driving in 24 h (secondary source)")


@dataclass(frozen=True)
class LandEnvelope:
    """Moving speeds and daily driving hours of something that moves overland.

    Attributes
    ----------
    name : str
    mode : str
        ``"road"`` or ``"rail"``.
    speed_kmh_min, speed_kmh_max : float
        Slow normal and fast normal moving speed, km/h.
    driving_h_per_day : float
        Hours of driving in a normal day (the rest is halts and sleep).
    sources : tuple of str

    Raises
    ------
    ValueError
        For speeds not ``0 < min <= max`` or hours outside ``(0, 24]``.

    Examples
    --------
    >>> env = LandEnvelope("x", "road", 24.0, 40.0, 10.0)
    >>> env.km_per_day()
    (240.0, 400.0)
    """

    name: str
    mode: str
    speed_kmh_min: float
    speed_kmh_max: float
    driving_h_per_day: float
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not (0 < self.speed_kmh_min <= self.speed_kmh_max < math.inf):
            raise ValueError(f"{self.name}: speeds must satisfy 0 < min <= max km/h, got "
                             f"{self.speed_kmh_min} .. {self.speed_kmh_max}")
        if not (0 < self.driving_h_per_day <= DAY_H):
            raise ValueError(f"{self.name}: driving hours per day must be in (0, 24], got "
                             f"{self.driving_h_per_day}")

    def km_per_day(self, driving_h_per_day: float | None = None) -> tuple[float, float]:
        """Distance covered in one driving day, km: (slow, fast).

        ``driving_h_per_day`` overrides the normal hours (e.g. 24 for
        continuous driving with relief drivers).
        """
        hours = self.driving_h_per_day if driving_h_per_day is None else driving_h_per_day
        if not 0 < hours <= DAY_H:
            raise ValueError(f"driving hours per day must be in (0, 24], got {hours}")
        return self.speed_kmh_min * hours, self.speed_kmh_max * hours

    def driving_days(self, distance_km: float, driving_h_per_day: float | None = None
                     ) -> tuple[float, float]:
        """Driving days needed for ``distance_km``: (fastest, slowest).

        Raises
        ------
        ValueError
            For a negative distance.

        >>> LandEnvelope("x", "road", 20.0, 40.0, 10.0).driving_days(800.0)
        (2.0, 4.0)
        """
        if distance_km < 0 or not math.isfinite(distance_km):
            raise ValueError(f"distance must be finite and >= 0 km, got {distance_km}")
        slow, fast = self.km_per_day(driving_h_per_day)
        return distance_km / fast, distance_km / slow

    def average_speed_kmh(self, driving_h_per_day: float | None = None) -> tuple[float, float]:
        """Speed over whole days (moving speed × driving share of 24 h), km/h."""
        slow, fast = self.km_per_day(driving_h_per_day)
        return slow / DAY_H, fast / DAY_H

    def timing_envelope(self, driving_h_per_day: float | None = None, *,
                        allowance_min_h: float = 0.0, allowance_max_h: float = 0.0):
        """This envelope as a :class:`voyages.timing.Envelope` in km over elapsed hours."""
        from voyages.timing import Envelope

        slow, fast = self.average_speed_kmh(driving_h_per_day)
        hours = self.driving_h_per_day if driving_h_per_day is None else driving_h_per_day
        return Envelope(speed_min=slow, speed_max=fast, allowance_min_h=allowance_min_h,
                        allowance_max_h=allowance_max_h, unit="km",
                        source="; ".join(self.sources) + f" ({hours:g} h driving a day)")


LAND_ENVELOPES: dict[str, LandEnvelope] = {
    "military_road_convoy": LandEnvelope(
        "military_road_convoy", "road", 24.0, 40.0, 10.0, (FM_11_43, DRIVING_HOURS)),
}
"""The bundled overland envelopes, by name."""


def land_envelope(name: str) -> LandEnvelope:
    """An envelope of :data:`LAND_ENVELOPES` by name (case-insensitive).

    Raises
    ------
    KeyError
        Naming the known envelopes.
    """
    key = str(name).strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return LAND_ENVELOPES[key]
    except KeyError:
        raise KeyError(f"unknown land envelope {name!r}; known: "
                       f"{', '.join(sorted(LAND_ENVELOPES))}") from None
