import pytest

from voyages.checks.cargo import check, convoy_mass_bounds
from voyages.equipment import equipment_catalogue, equipment_frame, find_equipment
from voyages.findings import Verdict
from voyages.records import Case, Convoy, Event, EventKind, Vessel


def _case(convoy, tonnages=(1182.0, 834.0)):
    vessels = {f"v{i}": Vessel(f"v{i}", f"Ship {i}") for i in range(len(tonnages))}
    events = tuple(Event(f"e{i}", f"v{i}", EventKind.CARGO, "src", "quote", cargo_mass_t=t)
                   for i, t in enumerate(tonnages))
    return Case("c", "test", vessels=vessels, convoys={convoy.id: convoy}, events=events)


def test_catalogue_rows_all_have_sources_and_ordered_masses():
    for item in equipment_catalogue():
        assert item.source
        if item.mass_t_min is not None and item.mass_t_max is not None:
            assert item.mass_t_min <= item.mass_t_max
    assert find_equipment("bmp 3").mass_t_min == 18.7
    assert find_equipment("Tiger").type == "Tigr"
    assert find_equipment("hovercraft") is None
    assert len(equipment_frame()) == len(equipment_catalogue())


def test_fully_counted_convoy_within_tonnage_is_consistent():
    convoy = Convoy("c1", "Convoy", composition=(("BMP-3", 10), ("BTR-82A", 5)))
    [finding] = check(_case(convoy), None)
    assert finding.verdict == Verdict.CONSISTENT
    assert finding.evidence["mass_t_min"] == pytest.approx(10 * 18.7 + 5 * 16)
    assert finding.evidence["mass_t_max"] == pytest.approx(10 * 18.7 + 5 * 16)
    assert finding.evidence["declared_mass_t"] == pytest.approx(2016.0)


def test_lower_bound_above_declared_tonnage_is_implausible():
    convoy = Convoy("c1", "Convoy", composition=(("BMP-3", 120),))
    [finding] = check(_case(convoy), None)
    assert finding.verdict == Verdict.IMPLAUSIBLE
    assert finding.evidence["mass_t_min"] == pytest.approx(120 * 18.7)


def test_boundary_lower_bound_equal_to_declared_is_not_implausible():
    convoy = Convoy("c1", "Convoy", composition=(("BMP-3", 10),))
    [finding] = check(_case(convoy, tonnages=(187.0,)), None)
    assert finding.verdict == Verdict.CONSISTENT


def test_unknown_counts_give_a_lower_bound_and_unverifiable():
    convoy = Convoy("c1", "Convoy", vehicles_min=100,
                    composition=(("T-72B3M", None), ("BMP-3", None), ("truck", 50),
                                 ("D-30", 3)))
    bounds = convoy_mass_bounds(convoy)
    lightest = min(e.mass_t_min for e in equipment_catalogue()
                   if e.vehicle and e.mass_t_min is not None)
    expected = 44 + 18.7 + 50 * 6.25 + (100 - 52) * lightest
    assert bounds["mass_t_min"] == pytest.approx(expected)
    assert bounds["mass_t_max"] is None
    assert bounds["vehicles_unassigned"] == 48
    assert "D-30" in bounds["unmassed"]
    [finding] = check(_case(convoy), None)
    assert finding.verdict == Verdict.UNVERIFIABLE
    assert "exact counts unknown for T-72B3M, BMP-3" in finding.summary


def test_no_tonnage_reported_is_unverifiable():
    convoy = Convoy("c1", "Convoy", composition=(("BMP-3", 1),))
    [finding] = check(_case(convoy, tonnages=()), None)
    assert finding.verdict == Verdict.UNVERIFIABLE
    assert finding.evidence["declared_mass_t"] is None


def test_largest_tonnage_per_vessel_is_counted_once():
    convoy = Convoy("c1", "Convoy", composition=(("BMP-3", 1),))
    case = _case(convoy, tonnages=(100.0,))
    extra = Event("e9", "v0", EventKind.CARGO, "src", "q", cargo_mass_t=120.0)
    case = Case("c", "t", vessels=case.vessels, convoys=case.convoys, events=case.events + (extra,))
    [finding] = check(case, None)
    assert finding.evidence["declared_mass_t"] == 120.0


def test_mali_style_composition_in_words():
    from types import SimpleNamespace

    convoy = SimpleNamespace(
        vehicles_min=100,
        composition=(("truck (incl. armoured Kamaz and engineering vehicles)", None),
                     ("T-72B3M tank", None), ("BMP-3 infantry fighting vehicle", None),
                     ("BTR-82A 8×8 armoured personnel carrier", None),
                     ("Spartak, Linza and Tiger 4×4 armoured personnel carrier", None),
                     ("D-30 towed artillery", 3), ("anti-aircraft cannon", 2), ("boat", None)),
        composition_text=(("truck (incl. armoured Kamaz and engineering vehicles)",
                           "half the vehicles"),))
    bounds = convoy_mass_bounds(convoy)
    matched = [i["matched"] for i in bounds["items"]]
    assert matched == ["KamAZ truck", "T-72B3M", "BMP-3", "BTR-82A", "Spartak", "Linza", "Tigr",
                       "D-30", None, None]
    assert bounds["items"][0]["count"] == 50
    assert bounds["vehicles_counted"] == 56
    assert bounds["unknown"] == ["anti-aircraft cannon", "boat"]
    expected = 50 * 6.25 + 44 + 18.7 + 16 + 15 + 4.7 + 44 * 4.7
    assert bounds["mass_t_min"] == pytest.approx(expected)


def test_a_couple_is_read_as_at_least_two():
    from types import SimpleNamespace

    from voyages.equipment import EquipmentType

    catalogue = (EquipmentType("boat", (), "boat", True, 3.0, 3.0, "fixture", "test fixture"),)
    convoy = SimpleNamespace(vehicles_min=None, composition=(("boat", None),),
                             composition_text=(("boat", "a couple"),))
    bounds = convoy_mass_bounds(convoy, catalogue)
    assert bounds["items"][0]["count"] == 2
    assert not bounds["items"][0]["count_known"]
    assert bounds["mass_t_min"] == pytest.approx(6.0)
    assert bounds["mass_t_max"] is None


def test_a_couple_of_an_uncatalogued_type_counts_two():
    from types import SimpleNamespace

    convoy = SimpleNamespace(vehicles_min=None, composition=(("boat", None),),
                             composition_text=(("boat", "a couple"),))
    item = convoy_mass_bounds(convoy)["items"][0]
    assert (item["matched"], item["count"], item["count_known"]) == (None, 2, False)
