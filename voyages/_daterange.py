"""The range of dates voyages accepts: years 1800 to 2200.

Outside it a date is almost always a typo (``0001-01-01``, ``9999-12-31``),
and near the ends of Python's and pandas' ranges the arithmetic the checks
do (time zones, a day either side, nanosecond timestamps, which end in
2262) overflows. Case files and port-call tables are checked against this
range when they are read, so every later step can rely on it.
"""

from __future__ import annotations

from datetime import date

EARLIEST_YEAR = 1800
"""First year accepted in a case file or a port-call table."""

LATEST_YEAR = 2200
"""Last year accepted in a case file or a port-call table."""

RANGE_TEXT = f"years {EARLIEST_YEAR}–{LATEST_YEAR}"


def year_problem(year: int) -> str | None:
    """A one-line problem when ``year`` is outside the accepted range, else None.

    >>> year_problem(2025) is None
    True
    >>> year_problem(9999)
    'year 9999 is outside the range voyages accepts (years 1800–2200)'
    """
    if EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    return f"year {year} is outside the range voyages accepts ({RANGE_TEXT})"


def date_problem(value: date) -> str | None:
    """As :func:`year_problem` for a date or datetime."""
    return year_problem(value.year)
