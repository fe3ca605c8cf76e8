"""The ``sanctions`` check's verdicts: listed (consistent, LISTED:), possible match (tight),
later / delisted (consistent), unknown date (unverifiable); sources' statements; exit codes.

Each test writes a one-entity list in the designations layout (an analyst's
own list) naming an invented ship. IMO 1234567 is the textbook example of a
valid check digit, not a real ship.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import event

from voyages._data import data_dir
from voyages.casefile import load_case
from voyages.checks import CheckContext
from voyages.checks import sanctions as sanctions_check
from voyages.cli.main import cli
from voyages.sanctions.entities import entity_frame
from voyages.sanctions.match import DEFAULT_THRESHOLD, Screener

HEADER = ("list,program,list_entity_id,schema,name,aliases,imo,mmsi,flag,listed_on,"
          "listed_on_basis,delisted_on,source,note\n")
BASE = """\
[case]
id = "t"
title = "T"

[[sources]]
id = "paper"
publisher = "The Paper"

[[vessels]]
id = "ship"
name = "{name}"
{vessel}
"""


def write_list(tmp_path, *, name="EXAMPLE SHIP", imo="", flag="", listed_on="2022-05-08",
               delisted_on="", basis="stated"):
    path = tmp_path / "list.csv"
    path.write_text(HEADER + f"OFAC SDN,TEST-PROGRAM,T1,vessel,{name},,{imo},,{flag},"
                    f"{listed_on},{basis},{delisted_on},test fixture,\n", encoding="utf-8")
    return path


def run(tmp_path, *, case_name="Example Ship", vessel="", time="2024-12-14", extra="",
        threshold=None, **listing):
    case_path = tmp_path / "case.toml"
    case_path.write_text(BASE.format(name=case_name, vessel=vessel)
                         + event("left", "departure", '"Murmansk"', time) + extra,
                         encoding="utf-8")
    options = {} if threshold is None else {"sanctions_threshold": threshold}
    context = CheckContext(sanctions_lists=(write_list(tmp_path, **listing),), options=options)
    return sanctions_check.check(load_case(case_path), context)


# name in the case, what the case says of the ship, the listing, expected verdict and
# listed_at_event, the start of the summary
TABLE = [
    pytest.param("Example Ship", 'imo = "1234567"', {"imo": "1234567"},
                 "consistent", True, "LISTED: Example Ship is on OFAC SDN (TEST-PROGRAM) since "
                 "2022-05-08; in force when Example Ship left Murmansk", id="in-force-imo"),
    pytest.param("Example Ship", "", {}, "consistent", True, "LISTED:", id="in-force-same-name"),
    pytest.param("Example Ship", "", {"listed_on": "2025-01-01"}, "consistent", False,
                 "Example Ship is on OFAC SDN (TEST-PROGRAM) since 2025-01-01; not in force",
                 id="listed-later"),
    pytest.param("Example Ship", "", {"listed_on": "2020-01-01", "delisted_on": "2023-01-01"},
                 "consistent", False, "Example Ship is on OFAC SDN (TEST-PROGRAM) since "
                 "2020-01-01, delisted on 2023-01-01; not in force", id="delisted-before"),
    pytest.param("Example Ship", "", {"listed_on": ""}, "unverifiable", None,
                 "Example Ship is on OFAC SDN (TEST-PROGRAM) listing date not in the list",
                 id="unknown-date"),
    pytest.param("Exampel Ship", "", {}, "tight", True,
                 "POSSIBLE MATCH: Exampel Ship resembles 'EXAMPLE SHIP'",
                 id="name-only-near-threshold"),
    pytest.param("Example Ship", 'flag = "RU"', {"flag": "Panama"}, "tight", True,
                 "POSSIBLE MATCH:", id="same-name-other-flag"),
]


@pytest.mark.parametrize(("case_name", "vessel", "listing", "verdict", "listed", "summary"),
                         TABLE)
def test_verdict_table(tmp_path, case_name, vessel, listing, verdict, listed, summary):
    (finding,) = run(tmp_path, case_name=case_name, vessel=vessel, **listing)
    assert finding.verdict == verdict
    assert finding.evidence["listed_at_event"] is listed
    assert finding.evidence["in_force_at_event"] is listed
    assert finding.summary.startswith(summary), finding.summary
    assert finding.verdict != "implausible"  # a listing is stated, not judged as a story


def test_possible_match_says_what_to_confirm(tmp_path):
    (finding,) = run(tmp_path, case_name="Exampel Ship", vessel='imo = "1234567"\nflag = "RU"',
                     flag="Russia")
    confirm = finding.evidence["to_confirm"]
    assert [c.split(" (")[0] for c in confirm] == ["IMO number", "MMSI", "flag"]
    assert "case 1234567" in confirm[0] and "list Russia" in confirm[2]
    assert "confirm IMO number (case 1234567)" in finding.summary
    assert finding.evidence["match_strength"] == "possible"


def test_a_contradiction_is_named(tmp_path):
    (finding,) = run(tmp_path, vessel='flag = "RU"', flag="Panama")
    assert finding.evidence["contradictions"] == ["flag RU in the case, Panama on the list"]
    assert "but flag RU in the case, Panama on the list" in finding.summary


def test_straddling_listing_date_is_unverifiable(tmp_path):
    (finding,) = run(tmp_path, time='"2024-12"', listed_on="2024-12-10")
    assert finding.verdict == "unverifiable" and finding.evidence["listed_at_event"] is None
    assert "undetermined when Example Ship left Murmansk" in finding.summary


def test_inferred_listing_date_is_said(tmp_path):
    (finding,) = run(tmp_path, basis="inferred")
    assert finding.evidence["listed_on_basis"] == "inferred"
    assert "since 2022-05-08 (inferred)" in finding.summary


def name_score(case_name: str, listed: str) -> float:
    screener = Screener(entity_frame([{"list": "X", "schema": "vessel", "name": listed}]),
                        threshold=0)
    (match,) = screener.screen(case_name, schema="vessel")
    return match.score


@pytest.mark.parametrize(("offset", "verdict", "matches"), [
    (-sanctions_check.LISTED_MARGIN, "consistent", True),         # exactly margin above
    (-sanctions_check.LISTED_MARGIN + 0.05, "tight", True),       # just inside the band
    (0.0, "tight", True),                                         # at the threshold
    (0.05, "consistent", False),                                  # below it: no match
])
def test_name_band_boundaries(tmp_path, offset, verdict, matches):
    # two letters dropped, no swap of adjacent letters (that would be a possible match anyway)
    score = name_score("Exmple Shp", "EXAMPLE SHIP")
    assert DEFAULT_THRESHOLD <= score < DEFAULT_THRESHOLD + sanctions_check.LISTED_MARGIN
    (finding,) = run(tmp_path, case_name="Exmple Shp", threshold=score + offset)
    assert finding.verdict == verdict
    assert ("list" in finding.evidence) is matches
    if matches:
        strength = "name" if verdict == "consistent" else "possible"
        assert finding.evidence["match_strength"] == strength


def test_a_swap_of_adjacent_letters_in_a_short_name_is_a_possible_match(tmp_path):
    # OE Watch's "Alder" for the listed ADLER: below the threshold, reported to confirm
    (finding,) = run(tmp_path, case_name="Alder", name="ADLER")
    assert finding.verdict == "tight" and finding.evidence["match_strength"] == "possible"
    assert finding.summary.startswith("POSSIBLE MATCH: Alder resembles 'ADLER'")
    assert finding.evidence["score"] < DEFAULT_THRESHOLD
    assert "swap of adjacent letters" in finding.evidence["reason"]


STATEMENT = """
[[assertions]]
topic = "ship.sanctions"
value = "{value}"
source = "paper"
quote = "the ship, under sanctions"
"""


def test_source_statement_confirmed_or_not(tmp_path):
    findings = run(tmp_path, vessel='imo = "1234567"', imo="1234567",
                   extra=STATEMENT.format(value="US; UK"))
    listed = next(f for f in findings if "list" in f.evidence)
    assert listed.evidence["confirms"] == ["paper"]
    assert "confirms The Paper (US sanctions)" in listed.summary
    (unconfirmed,) = [f for f in findings if "stated_by" in f.evidence]
    assert unconfirmed.verdict == "unverifiable" and unconfirmed.evidence["jurisdiction"] == "UK"
    assert unconfirmed.summary.startswith("The Paper states Example Ship is under UK sanctions")
    assert "not confirmed" in unconfirmed.summary


def test_lists_are_named_without_their_folders(tmp_path):
    # Findings go into reports that are passed on: no folder of the analyst's machine.
    findings = run(tmp_path, vessel='imo = "1234567"', imo="1234567",
                   extra=STATEMENT.format(value="US; UK"))
    (unconfirmed,) = [f for f in findings if "stated_by" in f.evidence]
    assert "no UK list screened (list.csv) identifies it" in unconfirmed.summary
    assert unconfirmed.evidence["lists_screened"] == ["list.csv"]
    assert str(tmp_path) not in json.dumps([(f.summary, f.evidence) for f in findings],
                                           default=str)


def test_bad_sanctions_statement_is_a_case_file_error(tmp_path):
    path = tmp_path / "case.toml"
    path.write_text(BASE.format(name="Example Ship", vessel="")
                    + STATEMENT.format(value="US; Western").replace("ship.", "shp."),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "assertions[0].topic: 'shp.sanctions': 'shp' is not a vessel" in result.output
    assert "assertions[0].value: 'US; Western'" in result.output


MALI = data_dir("reports") / "mali-2025" / "case.toml"
KEELUNG = data_dir("reports") / "keelung-2025" / "case.toml"


def test_mali_statements_are_confirmed_by_the_lists():
    findings = sanctions_check.check(load_case(MALI), CheckContext())
    confirmed = {(f.subject.split(" (")[0], f.evidence["list"])
                 for f in findings if f.evidence.get("confirms") == ["lemonde"]}
    assert confirmed == {("M Leasing LLC", "OFAC SDN"), ("M Leasing LLC", "EU FSF"),
                         ("JSC Northern Shipping Company", "OFAC SDN")}
    assert not [f for f in findings if "stated_by" in f.evidence]


def test_check_table_lists_sanctioned_parties_and_sanctions_do_not_set_the_exit_code(tmp_path):
    runner = CliRunner()
    case_path = tmp_path / "case.toml"
    case_path.write_text(BASE.format(name="Example Ship", vessel='imo = "1234567"')
                         + event("left", "departure", '"Murmansk"', "2024-12-14"),
                         encoding="utf-8")
    listing = write_list(tmp_path, imo="1234567")
    table = runner.invoke(cli, ["check", str(case_path), "--list", str(listing)])
    assert table.exit_code == 0, table.output  # listed, but nothing implausible
    block = table.output[table.output.index("Under sanctions at the time:"):]
    assert "Example Ship (vessel)" in block
    assert "OFAC SDN, TEST-PROGRAM, listed 2022-05-08" in block
    as_json = runner.invoke(cli, ["check", str(case_path), "--list", str(listing),
                                  "--format", "json"])
    document = json.loads(as_json.output)
    assert set(document) == {"case", "findings"} and as_json.exit_code == 0
    keelung = runner.invoke(cli, ["check", str(KEELUNG)])
    assert "Under sanctions at the time: no party listed" in keelung.output


def test_two_entries_of_one_list_name_each_other_and_do_not_read_as_a_contradiction(tmp_path):
    # The party is identified on entry T1 (IMO) and resembles entry T2 (a
    # look-alike name, no listing date): two findings, each naming its own
    # entry and the other, the look-alike one a POSSIBLE MATCH, not "is on".
    lst = tmp_path / "two.csv"
    lst.write_text(HEADER
                   + "OFAC SDN,TEST-PROGRAM,T1,vessel,EXAMPLE SHIP,,1234567,,,2022-05-08,stated,,"
                     "test fixture,\n"
                   + "OFAC SDN,TEST-PROGRAM,T2,vessel,EXAMPEL SHIP,,,,,,,,test fixture,\n",
                   encoding="utf-8")
    case_path = tmp_path / "case.toml"
    case_path.write_text(BASE.format(name="Example Ship", vessel='imo = "1234567"')
                         + event("left", "departure", '"Murmansk"', "2024-12-14"),
                         encoding="utf-8")
    findings = sanctions_check.check(load_case(case_path),
                                     CheckContext(sanctions_lists=(lst,)))
    by_id = {f.evidence["list_entity_id"]: f for f in findings}
    assert set(by_id) == {"T1", "T2"}
    listed, lookalike = by_id["T1"], by_id["T2"]
    assert listed.verdict == "consistent" and listed.summary.startswith(
        "LISTED: Example Ship is on OFAC SDN entry T1 'EXAMPLE SHIP' (TEST-PROGRAM)")
    assert "a separate entry from entry T2 'EXAMPEL SHIP' on the same list" in listed.summary
    assert lookalike.verdict == "unverifiable"
    assert lookalike.summary.startswith(
        "POSSIBLE MATCH: Example Ship resembles OFAC SDN entry T2 'EXAMPEL SHIP'")
    assert " is on " not in lookalike.summary
    assert "a separate entry from entry T1 'EXAMPLE SHIP' on the same list" in lookalike.summary
    assert "confirm IMO number (case 1234567)" in lookalike.summary
    assert lookalike.evidence["other_list_entries"] == [
        {"list": "OFAC SDN", "list_entity_id": "T1", "matched_name": "EXAMPLE SHIP"}]


def test_one_entry_per_list_keeps_the_short_summary(tmp_path):
    (finding,) = run(tmp_path, vessel='imo = "1234567"', imo="1234567")
    assert "entry T1" not in finding.summary and "other_list_entries" not in finding.evidence
