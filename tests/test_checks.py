"""The four core checks on small hand-made cases, at their boundaries."""

from __future__ import annotations

import pytest
from conftest import event

from voyages.casefile import load_case
from voyages.checks import chronology, conflicts, units, weekday
from voyages.findings import Verdict


def verdicts(findings):
    return [f.verdict for f in findings]


# -- chronology ---------------------------------------------------------------

def test_a_voyage_in_order_is_consistent(write_case):
    case = load_case(write_case(
        event("dep", "departure", '"RUMMK"', "2024-12-14", destination='"GNCKY"')
        + event("arr", "arrival", '"GNCKY"', "2025-01-08")
        + event("left", "departure", '"GNCKY"', "2025-01-12")))
    (finding,) = chronology.check(case)
    assert finding.verdict is Verdict.CONSISTENT
    assert finding.evidence["events"] == ["dep", "arr", "left"]


def test_leaving_before_arriving_is_implausible(write_case):
    case = load_case(write_case(event("arr", "arrival", '"GNCKY"', "2025-01-08")
                                + event("left", "departure", '"GNCKY"', "2025-01-07")))
    (finding,) = chronology.check(case)
    assert finding.verdict is Verdict.IMPLAUSIBLE
    assert "left Conakry (2025-01-07) before it arrived there (2025-01-08)" in finding.summary


def test_arriving_and_leaving_the_same_day_is_possible(write_case):
    # Day precision: both events may fall anywhere in the day, so no order is forced.
    case = load_case(write_case(event("arr", "arrival", '"GNCKY"', "2025-01-08")
                                + event("left", "departure", '"GNCKY"', "2025-01-08")))
    assert verdicts(chronology.check(case)) == [Verdict.CONSISTENT]


def test_minute_precision_orders_events_within_a_day(write_case):
    case = load_case(write_case(event("arr", "arrival", '"GNCKY"', "2025-01-08T15:00:00")
                                + event("left", "departure", '"GNCKY"', "2025-01-08T09:00:00")))
    assert verdicts(chronology.check(case)) == [Verdict.IMPLAUSIBLE]


def test_seen_elsewhere_during_a_certain_stay_is_two_places_at_once(write_case):
    case = load_case(write_case(event("arr", "arrival", '"GNCKY"', "2025-01-08")
                                + event("left", "departure", '"GNCKY"', "2025-01-12")
                                + event("tartus", "port_stay", '"SYTTS"', "2025-01-10")))
    findings = chronology.check(case)
    assert verdicts(findings) == [Verdict.IMPLAUSIBLE]
    assert "two places at once" in findings[0].summary
    assert findings[0].evidence["event"] == "tartus"


def test_seen_elsewhere_on_the_departure_day_is_not_judged_here(write_case):
    # The ship may have left Conakry early on the 12th; whether it could reach
    # Tartus that day is the sea-timing check's question, not chronology's.
    case = load_case(write_case(event("arr", "arrival", '"GNCKY"', "2025-01-08")
                                + event("left", "departure", '"GNCKY"', "2025-01-12")
                                + event("tartus", "port_stay", '"SYTTS"', "2025-01-12")))
    assert verdicts(chronology.check(case)) == [Verdict.CONSISTENT]


def test_overlapping_stays_at_two_ports(write_case):
    case = load_case(write_case(event("a1", "arrival", '"GNCKY"', "2025-01-08")
                                + event("d1", "departure", '"GNCKY"', "2025-01-12")
                                + event("a2", "arrival", '"SYTTS"', "2025-01-09")
                                + event("d2", "departure", '"SYTTS"', "2025-01-11")))
    (finding,) = chronology.check(case)  # one finding for one overlap, not one per event
    assert finding.verdict is Verdict.IMPLAUSIBLE
    assert "at Conakry" in finding.summary and "at Tartous" in finding.summary
    assert finding.evidence["events_a"] == ["a1", "d1"]
    assert finding.evidence["events_b"] == ["a2", "d2"]


def test_arriving_at_the_destination_before_leaving_for_it(write_case):
    case = load_case(write_case(
        event("dep", "departure", '"RUMMK"', "2025-01-14", destination='"GNCKY"')
        + event("arr", "arrival", '"GNCKY"', "2025-01-08")))
    (finding,) = chronology.check(case)
    assert finding.verdict is Verdict.IMPLAUSIBLE
    assert finding.evidence["from_event"] == "dep" and finding.evidence["to_event"] == "arr"


# -- weekday ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("time", "stated", "expected"),
    [
        ("2025-01-03", '"Friday"', Verdict.CONSISTENT),
        ("2025-01-03", '"Saturday"', Verdict.IMPLAUSIBLE),
        # 07:00 on Friday in Taipei is still Thursday in UTC: the place's zone decides.
        ("2025-01-03T07:00:00", '"Fri"', Verdict.CONSISTENT),
        ("2025-01-03T07:00:00", '"Thursday"', Verdict.IMPLAUSIBLE),
        ('"2025-01"', '"Friday"', Verdict.UNVERIFIABLE),
    ],
)
def test_weekday_against_the_local_date(write_case, time, stated, expected):
    case = load_case(write_case(event("e", "sighting", '"Keelung"', time, weekday=stated)))
    (finding,) = weekday.check(case)
    assert finding.verdict is expected


def test_weekday_without_a_date_is_unverifiable(write_case):
    case = load_case(write_case(event("e", "sighting", '"Keelung"', None, weekday='"Friday"')))
    assert verdicts(weekday.check(case)) == [Verdict.UNVERIFIABLE]


# -- units --------------------------------------------------------------------

def claim(*values: str) -> str:
    inner = ", ".join(values)
    return ('[[claims]]\nid = "c"\nkind = "distance"\nsubject = "ship"\nsource = "paper"\n'
            f'quote = "q"\norigin = "Yehliu"\nbearing = "N"\nvalues = [{inner}]\n')


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (('{value=7, unit="nmi"}', '{value=13, unit="km"}'), Verdict.CONSISTENT),
        # 7 nmi = 12.96 km is outside 12 km's rounding, but 6.5–7.5 nmi reaches 12.04 km.
        (('{value=7, unit="nmi"}', '{value=12, unit="km"}'), Verdict.TIGHT),
        (('{value=7, unit="nmi"}', '{value=11, unit="km"}'), Verdict.IMPLAUSIBLE),
        (('{value=7.0, unit="nmi"}', '{value=13.0, unit="km"}'), Verdict.CONSISTENT),
        (('{value=7.0, unit="nmi"}', '{value=13.1, unit="km"}'), Verdict.TIGHT),
        (('{value=7, unit="nautical miles"}', '{value=12964, unit="m"}'), Verdict.CONSISTENT),
    ],
)
def test_figures_of_one_claim_agree_within_their_rounding(write_case, values, expected):
    case = load_case(write_case(claim(*values)))
    (finding,) = units.check(case)
    assert finding.verdict is expected


def test_a_nautical_statute_mix_up_is_named(write_case):
    case = load_case(write_case(claim('{value=7, unit="nmi"}', '{value=11, unit="km"}')))
    (finding,) = units.check(case)
    assert "they agree if 7 nmi meant statute miles" in finding.summary


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # "100" is read as 95–105 (two significant digits at the coarsest), not 50–150.
        (('{value=100, unit="km"}', '{value=105, unit="km"}'), Verdict.TIGHT),
        (('{value=100, unit="km"}', '{value=106, unit="km"}'), Verdict.IMPLAUSIBLE),
        (('{value=100, unit="nmi"}', '{value=185, unit="km"}'), Verdict.CONSISTENT),
        (('{value=70, unit="nmi"}', '{value=130, unit="km"}'), Verdict.CONSISTENT),
        # The classic mix-ups, at round figures a press report gives.
        (('{value=30, unit="nmi"}', '{value=30, unit="mi"}'), Verdict.IMPLAUSIBLE),
        (('{value=100, unit="nmi"}', '{value=100, unit="mi"}'), Verdict.IMPLAUSIBLE),
        (('{value=1000, unit="nmi"}', '{value=1000, unit="mi"}'), Verdict.IMPLAUSIBLE),
        (('{value=100, unit="nmi"}', '{value=100, unit="km"}'), Verdict.IMPLAUSIBLE),
    ],
)
def test_round_figures_are_not_read_as_one_significant_digit(write_case, values, expected):
    (finding,) = units.check(load_case(write_case(claim(*values))))
    assert finding.verdict is expected


def test_a_round_mile_mix_up_is_named(write_case):
    case = load_case(write_case(claim('{value=100, unit="nmi"}', '{value=100, unit="mi"}')))
    (finding,) = units.check(case)
    assert "they agree if 100 nmi meant statute miles" in finding.summary
    case = load_case(write_case(claim('{value=100, unit="nmi"}', '{value=100, unit="km"}')))
    (finding,) = units.check(case)
    assert "they agree if 100 nmi meant kilometres" in finding.summary


def test_the_same_figure_in_two_units_is_named_even_when_only_tight(write_case):
    # 7 nmi (12.04–13.89 km) and 7 mi (10.46–12.07 km) touch at their edges.
    case = load_case(write_case(claim('{value=7, unit="nmi"}', '{value=7, unit="mi"}')))
    (finding,) = units.check(case)
    assert finding.verdict is Verdict.TIGHT
    assert "same figure 7 is given in nmi and mi" in finding.summary


def test_a_single_figure_gives_no_units_finding(write_case):
    case = load_case(write_case(claim('{value=7, unit="nmi"}')))
    assert units.check(case) == []


# -- conflicts ----------------------------------------------------------------

SOURCES = '[[sources]]\nid = "other"\npublisher = "Other"\n\n'


def assertion(topic: str, value: str, source: str) -> str:
    return (f'[[assertions]]\ntopic = "{topic}"\nvalue = "{value}"\nsource = "{source}"\n'
            f'quote = "{source} says {value}"\n\n')


def test_sources_that_disagree_are_named_with_their_quotes(write_case):
    case = load_case(write_case(SOURCES + assertion("ship.name", "Adler", "paper")
                                + assertion("ship.name", "Alder", "other")))
    (finding,) = conflicts.check(case)
    assert finding.verdict is Verdict.UNVERIFIABLE
    assert finding.subject == "Test Ship"
    assert finding.sources == ("paper", "other")
    assert finding.evidence["values"] == {"Adler": ["paper"], "Alder": ["other"]}
    assert finding.evidence["quotes"]["other"] == "other says Alder"


def test_same_value_in_another_case_agrees(write_case):
    case = load_case(write_case(SOURCES + assertion("ship.name", "ADLER", "paper")
                                + assertion("ship.name", "Adler", "other")))
    assert verdicts(conflicts.check(case)) == [Verdict.CONSISTENT]


def test_one_source_alone_gives_no_finding(write_case):
    case = load_case(write_case(assertion("ship.name", "Adler", "paper")
                                + assertion("ship.name", "Alder", "paper")))
    assert conflicts.check(case) == []
