from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from voyages.checks.land_timing import check, judge_overland
from voyages.findings import Verdict
from voyages.land import land_route
from voyages.places import resolve_place
from voyages.records import (
    Case,
    Claim,
    Convoy,
    Event,
    EventKind,
    Hypothesis,
    Precision,
    Quantity,
    ReportedTime,
    Vessel,
)

UTC = UTC
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def _day(d, place):
    start = datetime(d.year, d.month, d.day, tzinfo=ZoneInfo(place.tz)).astimezone(UTC)
    return ReportedTime(start, start + timedelta(days=1), Precision.DAY, d.isoformat(), place.tz)


def _mali(claim_days=2.0, bamako_day=17):
    cky, bko = resolve_place("GNCKY"), resolve_place("Bamako")
    events = (
        Event("adler-arr", "adler", EventKind.ARRIVAL, "lemonde", "q", cky,
              time=_day(date(2025, 1, 8), cky)),
        Event("adler-cargo", "adler", EventKind.CARGO, "lemonde", "q", cky, cargo_mass_t=1182),
        Event("adler-dep", "adler", EventKind.DEPARTURE, "lemonde", "q", cky,
              time=_day(date(2025, 1, 12), cky)),
        Event("siy-arr", "siy", EventKind.ARRIVAL, "lemonde", "q", cky,
              time=_day(date(2025, 1, 11), cky)),
        Event("siy-cargo", "siy", EventKind.CARGO, "lemonde", "q", cky, cargo_mass_t=834),
        Event("siy-quay", "siy", EventKind.PORT_STAY, "lemonde", "q", cky,
              time=_day(date(2025, 1, 15), cky)),
        Event("convoy-dep", "convoy", EventKind.DEPARTURE, "lemonde", "q", cky),
        Event("convoy-arr", "convoy", EventKind.ARRIVAL, "defenceweb", "q", bko,
              time=_day(date(2025, 1, bamako_day), bko)),
    )
    claim = Claim("two-days", "duration", "convoy", "lemonde", "q",
                  (Quantity(claim_days, "day"),), origin=cky,
                  destination=resolve_place("Kourémalé"), via=(resolve_place("Siguiri"),),
                  mode="road")
    rail = Hypothesis("rail", "convoy", "mode", "rail to Kankan", "oewatch", "q", mode="rail",
                      route=(cky, resolve_place("Kankan")))
    return Case("mali", "Mali", vessels={"adler": Vessel("adler", "Adler"),
                                         "siy": Vessel("siy", "Siyanie Severa")},
                convoys={"convoy": Convoy("convoy", "Convoy", vehicles_min=100)},
                events=events, claims=(claim,), hypotheses=(rail,))


def _by(findings, text):
    return [f for f in findings if text in f.subject or text in f.summary]


def test_two_days_to_the_border_is_tight_at_the_edge_of_the_envelope():
    [finding] = _by(check(_mali(), None), "claim")
    assert finding.verdict == Verdict.TIGHT
    # "two days" read as rounded: 1.5 to 2.5 days
    assert (finding.evidence["claimed_days_min"], finding.evidence["claimed_days_max"]) == (1.5,
                                                                                          2.5)
    assert finding.evidence["required_driving_h_per_day"] == pytest.approx(
        land_route("Conakry", "Kourémalé").distance_km_min / 40 / 2.5)
    assert finding.evidence["route_confidence"] == "corridor"  # every leg sourced


def test_a_duration_in_hours_is_taken_as_exact():
    case = _mali()
    claim = case.claims[0]
    from dataclasses import replace

    case = replace(case, claims=(replace(claim, values=(Quantity(48, "h"),)),))
    [finding] = _by(check(case, None), "claim")
    assert finding.evidence["claimed_days_min"] == finding.evidence["claimed_days_max"] == 2.0
    assert finding.verdict == Verdict.TIGHT  # needs more than the normal 10 h a day


def test_half_a_day_to_the_border_is_implausible_and_five_consistent():
    assert _by(check(_mali(claim_days=0.5), None), "claim")[0].verdict == Verdict.IMPLAUSIBLE
    assert _by(check(_mali(claim_days=5.0), None), "claim")[0].verdict == Verdict.CONSISTENT


def test_one_finding_per_ship_and_reading_with_slack():
    findings = [f for f in check(_mali(), None) if "→ Convoy" in f.subject]
    readings = [(f.evidence["vessel"], f.evidence["reading"]) for f in findings]
    assert readings == [("Adler", "cargo off after the ship's arrival"),
                        ("Siyanie Severa", "cargo off after the ship's arrival"),
                        ("Siyanie Severa", "cargo still aboard at 'siy-quay'")]
    adler, siy, siy_late = findings
    assert adler.verdict == Verdict.CONSISTENT and adler.evidence["slack_days"] > 5
    assert adler.evidence["distance_km"] == pytest.approx(land_route("GNCKY", "Bamako").distance_km)
    assert siy_late.evidence["slack_days"] < siy.evidence["slack_days"]
    assert adler.evidence["start_latest"].startswith("2025-01-13")  # off before it left


def test_an_earlier_bamako_arrival_leaves_a_shortfall():
    findings = [f for f in check(_mali(bamako_day=15), None) if "still aboard" in f.summary]
    [late] = findings
    assert late.verdict == Verdict.IMPLAUSIBLE
    assert late.evidence["shortfall_days"] > 0


def test_rail_to_kankan_is_implausible_because_the_line_is_closed():
    [finding] = _by(check(_mali(), None), "hypothesis")
    assert finding.verdict == Verdict.IMPLAUSIBLE
    assert finding.evidence["closed"] is True
    assert finding.evidence["distance_km"] == pytest.approx(661.5)
    assert "1993" in finding.summary


@pytest.mark.parametrize(
    ("hours_at_40", "verdict"),
    [(lambda h: h - 0.5, Verdict.IMPLAUSIBLE),   # faster than 40 km/h round the clock
     (lambda h: h + 0.5, Verdict.TIGHT),         # needs ~24 h of driving a day
     (lambda h: h * 2.4 * 1.2, Verdict.CONSISTENT)],  # 10 h a day at 40 km/h, with room
)
def test_boundaries_of_the_two_envelopes(hours_at_40, verdict):
    route = land_route("Conakry", "Kankan")  # every leg sourced: no distance band
    assert route.confidence == "corridor"
    end = T0 + timedelta(hours=hours_at_40(route.distance_km / 40.0))
    got, evidence, _ = judge_overland(T0, T0, end, end, route)
    assert got == verdict
    assert evidence["distance_km"] == pytest.approx(route.distance_km)


def _hours(place, day, hour):
    local = datetime(2025, 1, day, hour, tzinfo=ZoneInfo(place.tz)).astimezone(UTC)
    return ReportedTime(local, local + timedelta(hours=1), Precision.HOUR,
                        f"2025-01-{day:02d} {hour:02d}:00", place.tz)


def _convoy_trip(*stops):
    events = tuple(Event(f"e{i}", "convoy", kind, "src", "q", resolve_place(name),
                         time=_hours(resolve_place(name), day, hour))
                   for i, (kind, name, day, hour) in enumerate(stops))
    return Case("trip", "Trip", convoys={"convoy": Convoy("convoy", "Convoy", mode="road")},
                events=events)


def _legs(case):
    return [f for f in check(case) if "from_event" in f.evidence
            and f.evidence["from_event"].startswith("e")]


def test_a_convoys_own_trip_is_timed():
    # 999 km Conakry → Bamako between 06:00 and 20:00 the same day.
    case = _convoy_trip((EventKind.DEPARTURE, "Conakry", 10, 6),
                        (EventKind.ARRIVAL, "Bamako", 10, 20))
    legs = _legs(case)
    assert len(legs) == 1
    leg = legs[0]
    assert leg.verdict is Verdict.IMPLAUSIBLE
    ev = leg.evidence
    assert (ev["from_event"], ev["to_event"]) == ("e0", "e1")
    assert ev["elapsed_h_max"] == pytest.approx(15.0)
    assert ev["distance_km"] >= 990
    for key in ("start_earliest", "start_latest", "end_earliest", "end_latest",
                "elapsed_h_min", "feasible_h_min", "feasible_h_max",
                "implied_speed_kmh_min", "implied_speed_kmh_max", "unexplained_days"):
        assert key in ev


def test_every_consecutive_pair_of_convoy_events_is_a_leg():
    case = _convoy_trip((EventKind.DEPARTURE, "Conakry", 10, 6),
                        (EventKind.SIGHTING, "Kankan", 14, 12),
                        (EventKind.ARRIVAL, "Bamako", 20, 18))
    legs = _legs(case)
    assert [(f.evidence["from_event"], f.evidence["to_event"]) for f in legs] == [
        ("e0", "e1"), ("e1", "e2")]
    assert all(f.verdict is Verdict.CONSISTENT for f in legs)
