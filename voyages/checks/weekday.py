"""Weekday check: does a weekday a source states fit the event's date?

Sources often give a weekday ("at about 4:40pm on Friday") where the date
comes from elsewhere (the publication date, another source). The check
reads the event's UTC interval in the place's time zone and lists the local
weekdays it covers:

- the stated weekday is among them: ``consistent``;
- it is not: ``implausible`` — the weekday and the date cannot both be right;
- the interval covers a whole week or more (month precision): ``unverifiable``.
"""

from __future__ import annotations

from datetime import timedelta

from voyages.casefile import WEEKDAYS
from voyages.findings import Finding, Verdict
from voyages.records import Case, Event

__all__ = ["check", "local_weekdays"]


def local_weekdays(event: Event) -> list[tuple[str, str]]:
    """``(date ISO, weekday)`` for every local day the event's time covers.

    The event's time zone is its ``ReportedTime.tz`` (the place's zone);
    UTC when it has none.
    """
    from zoneinfo import ZoneInfo

    assert event.time is not None
    zone = ZoneInfo(event.time.tz) if event.time.tz else None
    start = event.time.earliest.astimezone(zone)
    end = (event.time.latest - timedelta(microseconds=1)).astimezone(zone)
    days = []
    day = start.date()
    while day <= end.date():
        days.append((day.isoformat(), WEEKDAYS[day.weekday()]))
        day += timedelta(days=1)
    return days


def check(case: Case, context=None) -> list[Finding]:
    """One finding per event that states a weekday."""
    findings = []
    for event in case.events:
        if not event.weekday:
            continue
        subject = case.subject_name(event.subject)
        zone = (event.time.tz if event.time else None) or "UTC"
        where = f"at {event.place.name} ({zone})" if event.place else f"in {zone}"
        evidence: dict[str, object] = {"event": event.id, "weekday_stated": event.weekday,
                    "time": event.time.text if event.time else None,
                    "tz": event.time.tz if event.time else None}
        if event.time is None:
            findings.append(Finding("weekday", subject, Verdict.UNVERIFIABLE,
                                    f"{event.id}: the source says {event.weekday} but the event "
                                    "has no date to check it against", evidence, (event.source,)))
            continue
        days = local_weekdays(event)
        evidence["local_dates"] = [d for d, _ in days]
        evidence["local_weekdays"] = sorted({w for _, w in days}, key=WEEKDAYS.index)
        if len(days) >= 7:
            verdict = Verdict.UNVERIFIABLE
            summary = (f"{event.id}: the source says {event.weekday}; the date "
                       f"({event.time.text}) is too coarse to check a weekday")
        elif event.weekday in {w for _, w in days}:
            verdict = Verdict.CONSISTENT
            dates = [d for d, w in days if w == event.weekday]
            summary = (f"{event.id}: {event.weekday} fits — {dates[0]} was a {event.weekday} "
                       f"{where}")
        else:
            verdict = Verdict.IMPLAUSIBLE
            said = ", ".join(f"{d} was a {w}" for d, w in days)
            summary = (f"{event.id}: the source says {event.weekday}, but {said} "
                       f"{where}")
        findings.append(Finding("weekday", subject, verdict, summary, evidence, (event.source,)))
    return findings
