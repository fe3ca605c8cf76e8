from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from voyages.checks import sea_timing
from voyages.findings import Verdict
from voyages.places import resolve_place
from voyages.records import (
    Case,
    Event,
    EventKind,
    Hypothesis,
    Precision,
    ReportedTime,
    Source,
    Vessel,
)


def day(d: date, place) -> ReportedTime:
    """A date reported without a time: the whole local day at the place."""
    zone = ZoneInfo(place.tz)
    start = datetime(d.year, d.month, d.day, tzinfo=zone)
    end = start + timedelta(days=1)
    utc = ZoneInfo("UTC")
    return ReportedTime(start.astimezone(utc), end.astimezone(utc), Precision.DAY, d.isoformat(),
                        place.tz)


def event(eid, subject, kind, place_query, d):
    place = resolve_place(place_query)
    return Event(id=eid, subject=subject, kind=kind, source="s1", quote="…", place=place,
                 place_text=place_query, time=day(d, place))


def mali_case(**vessel_kw) -> Case:
    vessels = {
        "adler": Vessel(id="adler", name="Adler", type="general_cargo", **vessel_kw),
        "siyanie": Vessel(id="siyanie", name="Siyanie Severa", type="general_cargo", **vessel_kw),
    }
    events = (
        event("e1", "adler", EventKind.DEPARTURE, "Murmansk", date(2024, 12, 14)),
        event("e2", "adler", EventKind.ARRIVAL, "Conakry", date(2025, 1, 8)),
        event("e3", "adler", EventKind.DEPARTURE, "Conakry", date(2025, 1, 12)),
        event("e4", "siyanie", EventKind.DEPARTURE, "Murmansk", date(2024, 12, 21)),
        event("e5", "siyanie", EventKind.ARRIVAL, "Conakry", date(2025, 1, 11)),
        event("e6", "siyanie", EventKind.PORT_STAY, "Conakry", date(2025, 1, 15)),
    )
    syria = Hypothesis(id="h-syria", subject="cargo", kind="via",
                       statement="the arms were loaded at Tartus on the way", source="s2",
                       quote="may have come from Syria", place=resolve_place("Tartus"))
    return Case(id="mali-test", title="Mali (test)", sources={"s1": Source("s1", "A"),
                                                             "s2": Source("s2", "B")},
                vessels=vessels, events=events, hypotheses=(syria,))


def test_one_leg_per_ship_and_port_stays_are_not_legs():
    legs = sea_timing.sea_legs(mali_case())
    assert [(leg.vessel.id, leg.start.id, leg.end.id) for leg in legs] == [
        ("adler", "e1", "e2"), ("siyanie", "e4", "e5")]


def test_murmansk_conakry_findings_carry_the_contract_keys():
    findings = [f for f in sea_timing.check(mali_case()) if f.check == "sea_timing"]
    assert [f.subject for f in findings] == ["Adler: Murmansk → Conakry",
                                             "Siyanie Severa: Murmansk → Conakry"]
    adler = findings[0].evidence
    for key in ("from_event", "to_event", "start_earliest", "start_latest", "end_earliest",
                "end_latest", "elapsed_h_min", "elapsed_h_max", "feasible_h_min", "feasible_h_max",
                "distance_nm", "distance_km", "implied_speed_kn_min", "implied_speed_kn_max",
                "unexplained_days"):
        assert key in adler, key
    # Departed Murmansk on 14 Dec (Moscow time), arrived Conakry 8 Jan (UTC):
    # between 24 days + 3 h and 26 days + 3 h.
    assert adler["elapsed_h_min"] == pytest.approx(24 * 24 + 3)
    assert adler["elapsed_h_max"] == pytest.approx(26 * 24 + 3)
    assert adler["start_earliest"] == "2024-12-13T21:00:00+00:00"
    assert findings[0].sources == ("s1",)


def test_adler_had_more_time_than_siyanie_severa():
    adler, siyanie = [f for f in sea_timing.check(mali_case()) if f.check == "sea_timing"]
    assert adler.verdict is Verdict.CONSISTENT
    assert adler.evidence["unexplained_days"] > siyanie.evidence["unexplained_days"]
    assert "days unexplained" in adler.summary


def test_tartus_hypothesis_is_judged_for_each_ship():
    found = [f for f in sea_timing.check(mali_case()) if f.check == "hypothesis"]
    assert [f.evidence["hypothesis"] for f in found] == ["h-syria", "h-syria"]
    assert all("Tartus" in f.summary or "Tartous" in f.summary for f in found)
    for f in found:
        assert f.evidence["extra_distance_nm"] > 3000
        assert f.evidence["port_stay_h"] == pytest.approx(23.5)
        assert f.sources == ("s1", "s2")
    # The detour needs more than 16 kn in Siyanie Severa's three weeks: within
    # the general-cargo envelope's top speed, but only just.
    siyanie = found[1].evidence
    assert 16 < siyanie["implied_speed_kn_min"] < siyanie["speed_max_kn"]


def test_a_service_speed_below_the_needed_speed_rules_the_detour_out():
    found = [f for f in sea_timing.check(mali_case(service_speed_kn=12.0))
             if f.check == "hypothesis"]
    assert {f.verdict for f in found} == {Verdict.IMPLAUSIBLE}
    assert all("rule it out" in f.summary for f in found)


def test_origin_hypothesis_routes_from_the_alternative_port():
    case = mali_case()
    origin = Hypothesis(id="h-origin", subject="siyanie", kind="origin",
                        statement="the voyage started at Tartus", source="s2", quote="…",
                        place=resolve_place("Tartus"))
    findings = sea_timing.check(Case(id="x", title="x", vessels=case.vessels, events=case.events,
                                     hypotheses=(origin,)))
    (found,) = [f for f in findings if f.check == "hypothesis"]
    assert found.summary.startswith("Siyanie Severa: Tartous → Conakry")
    assert 3500 < found.evidence["distance_nm"] < 4500


def test_unknown_type_is_unverifiable_with_the_reason_but_keeps_the_numbers():
    case = mali_case()
    vessels = {k: Vessel(id=v.id, name=v.name, type="naval_auxiliary")
               for k, v in case.vessels.items()}
    findings = sea_timing.check(Case(id=case.id, title=case.title, vessels=vessels,
                                     events=case.events))
    assert {f.verdict for f in findings} == {Verdict.UNVERIFIABLE}
    assert "no sourced speed" in findings[0].summary
    assert findings[0].evidence["distance_nm"] > 4000
    assert findings[0].evidence["implied_speed_kn_min"] > 5


def test_service_speed_narrows_the_envelope():
    fast = sea_timing.check(mali_case(service_speed_kn=16.0))
    assert fast[0].evidence["speed_max_kn"] == 16.0
    assert "service speed 16 kn" in fast[0].evidence["envelope_source"]


def test_implausibly_fast_passage():
    case = mali_case()
    quick = event("e2", "adler", EventKind.ARRIVAL, "Conakry", date(2024, 12, 20))
    events = (case.events[0], quick)
    result = sea_timing.check(Case(id="x", title="x", vessels=case.vessels, events=events))
    assert result[0].verdict is Verdict.IMPLAUSIBLE
    assert result[0].evidence["implied_speed_kn_min"] > 12


def test_a_leg_out_of_the_caspian_carries_the_inland_waterway_note():
    case = Case(id="caspian", title="Caspian (test)", sources={"s1": Source("s1", "A")},
                vessels={"v": Vessel(id="v", name="V", type="general_cargo")},
                events=(event("e1", "v", EventKind.DEPARTURE, "Baku", date(2025, 5, 1)),
                        event("e2", "v", EventKind.ARRIVAL, "Rotterdam", date(2025, 5, 25))))
    (finding,) = [f for f in sea_timing.check(case) if f.check == "sea_timing"]
    assert finding.evidence["passages"][0] == "volga_don"
    (note,) = finding.evidence["inland_waterways"]
    assert "Volga–Don Canal" in note and "3.6 m draught" in note
    # a leg that stays at sea has no such key
    plain = [f for f in sea_timing.check(mali_case()) if f.check == "sea_timing"]
    assert all("inland_waterways" not in f.evidence for f in plain)
