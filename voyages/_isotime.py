"""Strict ISO 8601 dates and times for user tables (port calls).

Only the extended calendar forms are read, because only they cannot be
misread: ``01/02/2025`` is 1 February in Europe and 2 January in the United
States, and a lax parser (``pandas.Timestamp``, ``dateutil``) silently picks
one. Accepted, per ISO 8601-1 / RFC 3339:

- ``YYYY-MM-DD`` — a date;
- ``YYYY-MM-DDThh:mm``, ``…Thh:mm:ss``, ``…Thh:mm:ss.ffffff`` (``T`` or a
  space between date and time; a decimal comma is allowed), each optionally
  followed by ``Z`` or an offset ``±hh:mm`` / ``±hhmm`` / ``±hh``;
- ``24:00`` (``24:00:00``) — the end of that day, i.e. 00:00 the next day.

Everything else (day/month with slashes or dots, month names, two-digit
years, week or ordinal dates, the basic format ``20250108``, a month alone)
is refused with the reason.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

__all__ = ["EXAMPLES", "parse_iso"]

EXAMPLES = "2025-01-08, 2025-01-08T14:30Z or 2025-01-08 14:30+03:00"
"""Spellings quoted in error messages."""

_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[Tt ](?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?"
    r"(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)
_SLASHED = re.compile(r"\d{1,4}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{1,4}\b")
_BASIC = re.compile(r"\d{8}(?:[Tt]\d{2,6}(?:[.,]\d+)?(?:[Zz]|[+-]\d{2,4})?)?")
_MONTH_ONLY = re.compile(r"\d{4}-\d{2}")
_MONTH_NAME = re.compile(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")


def parse_iso(text: str) -> date | datetime:
    """Read one ISO 8601 date or date-time, strictly.

    Parameters
    ----------
    text : str
        The cell, surrounding blanks ignored.

    Returns
    -------
    datetime.date or datetime.datetime
        A ``date`` for a date alone; a ``datetime`` otherwise, timezone-aware
        when the text has ``Z`` or an offset, naive when it has none (the
        caller says what a naive time means).

    Raises
    ------
    ValueError
        With a one-line reason (not ISO 8601, or no such date or time).

    Examples
    --------
    >>> parse_iso("2025-01-08")
    datetime.date(2025, 1, 8)
    >>> parse_iso("2025-01-08T14:30+03:00").isoformat()
    '2025-01-08T14:30:00+03:00'
    >>> parse_iso("2025-01-08 24:00Z").isoformat()
    '2025-01-09T00:00:00+00:00'
    >>> parse_iso("01/02/2025")
    Traceback (most recent call last):
    ...
    ValueError: ambiguous day and month order; write YYYY-MM-DD (ISO 8601)
    """
    text = text.strip()
    match = _ISO.fullmatch(text)
    if match is None:
        raise ValueError(_why_not(text))
    year, month, day = (int(match[k]) for k in ("year", "month", "day"))
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, got {month}")
    try:
        the_day = date(year, month, day)
    except ValueError:
        raise ValueError(f"{year:04d}-{month:02d} has no day {day}") from None
    if match["hour"] is None:
        return the_day
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    fraction = match["fraction"] or ""
    micro = int((fraction + "000000")[:6])
    if hour == 24 and minute == 0 and second == 0 and not fraction.strip("0"):
        hour, extra = 0, timedelta(days=1)  # 24:00 ends the day
    else:
        extra = timedelta(0)
        if hour > 23:
            raise ValueError(f"hour must be in 0..23 (or 24:00 for the end of the day), got {hour}")
        if minute > 59:
            raise ValueError(f"minute must be in 0..59, got {minute}")
        if second > 59:
            raise ValueError(f"second must be in 0..59, got {second}")
    tzinfo = _zone(match["zone"]) if match["zone"] else None
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=tzinfo) + extra


def _zone(text: str) -> timezone:
    if text in "Zz":
        return UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"offset {text} is not a UTC offset (±hh:mm, hours 0..23)")
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if text[0] == "-" else offset)


def _why_not(text: str) -> str:
    if not text:
        return "empty"
    if _SLASHED.match(text):
        return "ambiguous day and month order; write YYYY-MM-DD (ISO 8601)"
    if _MONTH_ONLY.fullmatch(text):
        return "a month alone is not a date; write YYYY-MM-DD"
    if _MONTH_NAME.search(text):
        return "month names are not read; write the date as YYYY-MM-DD (ISO 8601)"
    if _BASIC.fullmatch(text):
        return "the basic format without hyphens is not read; write YYYY-MM-DD (2025-01-08)"
    return f"expected an ISO 8601 calendar date or date-time such as {EXAMPLES}"
