"""Hand-built cases and findings for the report and plot tests.

Events follow Le Monde (24 Jan 2025) and DefenceWeb (17 Jan 2025) as quoted
in the OE Watch article; Bamako's coordinates are from its Wikipedia
infobox (12°39′N 8°00′W). The findings are test inputs for the renderer,
not verdicts on the case: their numbers only need the right shape.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from voyages.findings import Finding, Verdict
from voyages.places import Place, resolve_place
from voyages.records import (
    Assertion,
    Case,
    Convoy,
    Event,
    EventKind,
    Hypothesis,
    Precision,
    ReportedTime,
    Source,
    Vessel,
)


def day(text: str, tz: str) -> ReportedTime:
    """A date as the whole local day at ``tz``, in UTC."""
    local = datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(tz))
    return ReportedTime(local.astimezone(UTC), (local + timedelta(days=1)).astimezone(UTC),
                        Precision.DAY, text, tz)


SOURCES = {
    "lemonde": Source("lemonde", "Le Monde", "La Russie livre des dizaines de chars et de "
                      "blindés au Mali", date(2025, 1, 24),
                      "https://www.lemonde.fr/international/article/2025/01/24/au-mali-la-russie-"
                      "procede-a-une-importante-livraison-de-blindes-et-reorganise-son-dispositif"
                      "-militaire_6514120_3210.html", "fr"),
    "defenceweb": Source("defenceweb", "DefenceWeb", "Russia Delivers Military Hardware to Mali",
                         date(2025, 1, 17),
                         "https://www.defenceweb.co.za/african-news/russia-delivers-military-"
                         "hardware-to-mali/", "en"),
    "oewatch": Source("oewatch", "OE Watch", "Russia Suspected of Distributing Former Syrian "
                      "Military Assets To Mali", None, "", "en"),
}


def mali_case(**changes) -> Case:
    """The Mali delivery as far as the tests need it."""
    murmansk = resolve_place("RUMMK")
    conakry = resolve_place("GNCKY")
    tartus = resolve_place("SYTTS")
    bamako = Place("Bamako", 12.65, -8.0, country="ML", kind="town",
                   source="Wikipedia infobox", tz="Africa/Bamako")
    events = (
        Event("adler-dep", "adler", EventKind.DEPARTURE, "lemonde",
              "On December 14, 2024, the Adler left the port of Murmansk", murmansk,
              "Murmansk", day("2024-12-14", "Europe/Moscow")),
        Event("adler-arr", "adler", EventKind.ARRIVAL, "lemonde", "reached Conakry on 8 January",
              conakry, "Conakry", day("2025-01-08", "Africa/Conakry"), cargo_mass_t=1182),
        Event("adler-dep2", "adler", EventKind.DEPARTURE, "lemonde", "left on the 12th",
              conakry, "Conakry", day("2025-01-12", "Africa/Conakry")),
        Event("siyanie-dep", "siyanie", EventKind.DEPARTURE, "lemonde",
              "On December 21, a second Russian-flagged cargo ship, the Siyanie Severa, also "
              "left Murmansk", murmansk, "Murmansk", day("2024-12-21", "Europe/Moscow")),
        Event("siyanie-arr", "siyanie", EventKind.ARRIVAL, "lemonde", "arrived on 11 January",
              conakry, "Conakry", day("2025-01-11", "Africa/Conakry"), cargo_mass_t=834),
        Event("siyanie-quay", "siyanie", EventKind.PORT_STAY, "lemonde",
              "still at the quay on 15 January", conakry, "Conakry",
              day("2025-01-15", "Africa/Conakry")),
        Event("convoy-bamako", "convoy", EventKind.ARRIVAL, "defenceweb",
              "on 17 January, a convoy of over 100 vehicles arrived in Mali's capital Bamako",
              bamako, "Bamako", day("2025-01-17", "Africa/Bamako")),
    )
    case = Case(
        id="mali-test",
        title="Russian armour to Mali, January 2025",
        summary="Two ships from Murmansk to Conakry; a convoy by road to Bamako.",
        sources=SOURCES,
        vessels={"adler": Vessel("adler", "Adler", aliases=("Alder",), flag="RU",
                                 sources=("lemonde",)),
                 "siyanie": Vessel("siyanie", "Siyanie Severa", flag="RU",
                                   sources=("lemonde",))},
        convoys={"convoy": Convoy("convoy", "Convoy to Bamako", vehicles_min=100,
                                  sources=("defenceweb",))},
        events=events,
        hypotheses=(Hypothesis("adler-syria", "adler", "via", "The arms came from Syria "
                               "(loaded at Tartus on the way)", "defenceweb",
                               "may have come from Syria", tartus,
                               between=("adler-dep", "adler-arr")),),
        assertions=(Assertion("adler.name", "Adler", "lemonde", "the Adler"),
                    Assertion("adler.name", "Alder", "oewatch", "the Alder and the Siyanie "
                              "Severa")),
    )
    return _replace(case, changes)


def _replace(case: Case, changes: dict) -> Case:
    from dataclasses import replace

    return replace(case, **changes) if changes else case


def mali_findings() -> list[Finding]:
    """Findings of the shapes the checks return (numbers are test inputs)."""
    start = day("2024-12-14", "Europe/Moscow")
    end = day("2025-01-08", "Africa/Conakry")
    return [
        Finding("sea_timing", "Adler: Murmansk → Conakry", Verdict.CONSISTENT,
                "Murmansk → Conakry in 24–26 days; needs 14–22 days at sea.",
                {"from_event": "adler-dep", "to_event": "adler-arr",
                 "start_earliest": start.earliest.isoformat(),
                 "start_latest": start.latest.isoformat(),
                 "end_earliest": end.earliest.isoformat(), "end_latest": end.latest.isoformat(),
                 "elapsed_h_min": 579.0, "elapsed_h_max": 627.0,
                 "feasible_h_min": 340.0, "feasible_h_max": 520.0, "distance_nm": 4650.0,
                 "unexplained_days": 2.5},
                ("lemonde",)),
        Finding("conflict", "Adler: name", Verdict.UNVERIFIABLE,
                "Le Monde says 'Adler', OE Watch says 'Alder'.",
                {"topic": "adler.name"}, ("lemonde", "oewatch")),
        Finding("sanctions", "Adler: operator", Verdict.IMPLAUSIBLE,
                "A <b>test</b> summary with markup & ampersands.", {"mass_t": 1182.0},
                ("lemonde",)),
    ]


def empty_case() -> Case:
    """A case with sources and a vessel but no located or timed event."""
    return Case(
        id="empty-test",
        title="Nothing located",
        sources={"lemonde": SOURCES["lemonde"]},
        vessels={"ghost": Vessel("ghost", "Ghost")},
        events=(Event("ghost-1", "ghost", EventKind.SIGHTING, "lemonde", "was seen somewhere",
                      None, "somewhere", None),),
    )
