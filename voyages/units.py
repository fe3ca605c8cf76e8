"""Exact unit constants, in one place.

Sources: the international nautical mile is exactly 1,852 m (International
Hydrographic Conference 1929; BIPM SI Brochure, 9th ed., table 8); the knot
is one nautical mile per hour (same table).
"""

from __future__ import annotations

NM_M = 1852.0
"""Metres in one international nautical mile (exact)."""

KM_M = 1000.0
"""Metres in one kilometre."""

KN_MS = NM_M / 3600.0
"""Metres per second in one knot (exact: 1852/3600)."""

EARTH_MEAN_RADIUS_M = 6_371_008.8
"""Mean Earth radius R1 (IUGG; Moritz, Geodetic Reference System 1980), for
fast spherical screens only; reported distances use ``pyproj.Geod`` (WGS84)."""

HOUR_S = 3600.0
DAY_H = 24.0


def nm_to_km(distance_nm: float) -> float:
    """Convert nautical miles to kilometres.

    >>> nm_to_km(1.0)
    1.852
    """
    return distance_nm * NM_M / KM_M


def km_to_nm(distance_km: float) -> float:
    """Convert kilometres to nautical miles.

    >>> round(km_to_nm(1.852), 9)
    1.0
    """
    return distance_km * KM_M / NM_M


STATUTE_MILE_M = 1609.344
"""Metres in one international (statute) mile (exact; international yard and
pound agreement, 1959)."""

LENGTH_UNITS_M = {
    "nmi": NM_M,
    "nm": NM_M,
    "nautical mile": NM_M,
    "nautical miles": NM_M,
    "km": KM_M,
    "kilometre": KM_M,
    "kilometres": KM_M,
    "kilometer": KM_M,
    "kilometers": KM_M,
    "m": 1.0,
    "metre": 1.0,
    "metres": 1.0,
    "meter": 1.0,
    "meters": 1.0,
    "mi": STATUTE_MILE_M,
    "statute mile": STATUTE_MILE_M,
    "statute miles": STATUTE_MILE_M,
}
"""Length units a case file may use, in metres. A bare "mile" is refused:
at sea it usually means the nautical mile, on land the statute mile."""

DURATION_UNITS_H = {
    "min": 1 / 60,
    "minute": 1 / 60,
    "minutes": 1 / 60,
    "h": 1.0,
    "hour": 1.0,
    "hours": 1.0,
    "d": DAY_H,
    "day": DAY_H,
    "days": DAY_H,
    "week": 7 * DAY_H,
    "weeks": 7 * DAY_H,
}
"""Duration units a case file may use, in hours."""


def unit_kind(unit: str) -> str | None:
    """``"length"``, ``"duration"`` or None for a unit as written.

    >>> unit_kind("Nautical Miles"), unit_kind("days"), unit_kind("furlong")
    ('length', 'duration', None)
    """
    key = " ".join(unit.lower().split())
    if key in LENGTH_UNITS_M:
        return "length"
    if key in DURATION_UNITS_H:
        return "duration"
    return None


def to_metres(value: float, unit: str) -> float:
    """A length in metres.

    Raises
    ------
    ValueError
        For a unit not in :data:`LENGTH_UNITS_M`.

    >>> to_metres(7, "nmi")
    12964.0
    """
    key = " ".join(unit.lower().split())
    if key not in LENGTH_UNITS_M:
        raise ValueError(f"unknown length unit {unit!r}; expected one of: "
                         + ", ".join(sorted(LENGTH_UNITS_M)))
    return value * LENGTH_UNITS_M[key]


def to_hours(value: float, unit: str) -> float:
    """A duration in hours.

    Raises
    ------
    ValueError
        For a unit not in :data:`DURATION_UNITS_H`.

    >>> to_hours(2, "days")
    48.0
    """
    key = " ".join(unit.lower().split())
    if key not in DURATION_UNITS_H:
        raise ValueError(f"unknown duration unit {unit!r}; expected one of: "
                         + ", ".join(sorted(DURATION_UNITS_H)))
    return value * DURATION_UNITS_H[key]
