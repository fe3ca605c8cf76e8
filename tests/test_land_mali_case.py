"""The overland checks on the bundled Mali case (reports/mali-2025/case.toml)."""

import pytest

from voyages._data import data_dir
from voyages.casefile import load_case
from voyages.checks import cargo, land_timing
from voyages.findings import Verdict


@pytest.fixture(scope="module")
def mali():
    return load_case(data_dir("reports") / "mali-2025" / "case.toml")


@pytest.fixture(scope="module")
def land(mali):
    return land_timing.check(mali, None)


def test_two_days_of_driving_to_the_border(land):
    [claim] = [f for f in land if f.evidence.get("claim") == "convoy-two-days-to-border"]
    assert claim.verdict == Verdict.TIGHT
    assert claim.evidence["places_passed"][-2:] == ["Siguiri", "Kourémalé"]
    assert 8 < claim.evidence["required_driving_h_per_day"] < 24
    assert claim.evidence["claimed_days_max"] == 2.5


def test_one_finding_per_ship_reading_for_the_bamako_arrival(land):
    legs = [f for f in land if f.evidence.get("to_event") == "convoy-reaches-bamako"]
    assert [(f.evidence["vessel"], f.verdict) for f in legs] == [
        ("Adler", Verdict.CONSISTENT),
        ("Siyanie Severa", Verdict.CONSISTENT),
        ("Siyanie Severa", Verdict.TIGHT)]
    from voyages.land import land_route

    road = land_route("GNCKY", "Bamako")
    assert {f.evidence["distance_km"] for f in legs} == {road.distance_km}
    assert {f.evidence["distance_km_min"] for f in legs} == {road.distance_km_min}
    adler, siyanie, siyanie_late = legs
    assert adler.evidence["slack_days"] > siyanie.evidence["slack_days"] > \
        siyanie_late.evidence["slack_days"] > 0


def test_rail_to_kankan_hypothesis(land):
    [rail] = [f for f in land if f.evidence.get("hypothesis") == "convoy-rail-to-kankan"]
    assert rail.verdict == Verdict.IMPLAUSIBLE and rail.evidence["closed"]


def test_cargo_mass_gives_the_implied_lower_bound(mali):
    [finding] = cargo.check(mali, None)
    assert finding.verdict == Verdict.UNVERIFIABLE
    assert finding.evidence["declared_mass_t"] == pytest.approx(1182 + 834)
    assert 0 < finding.evidence["mass_t_min"] < finding.evidence["declared_mass_t"]
    assert finding.evidence["vehicles_unassigned"] + finding.evidence["vehicles_counted"] == 100


def test_an_undated_convoy_departure_gives_no_leg_of_its_own(land):
    # The convoy's only timed event is its Bamako arrival: no leg to time.
    assert not [f for f in land if f.evidence.get("from_event") == "convoy-leaves-conakry"]


def test_a_couple_of_boats_count_two(mali):
    [finding] = cargo.check(mali, None)
    [boat] = [i for i in finding.evidence["items"] if i["type"] == "boat"]
    assert boat["count"] == 2
