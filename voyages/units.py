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
