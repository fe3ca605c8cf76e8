"""``voyages screen`` and the ``sanctions`` check on cases."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from sanctionsfix import write_all

from voyages._data import data_dir
from voyages.checks import CheckContext
from voyages.checks import sanctions as sanctions_check
from voyages.cli.main import cli

MALI = data_dir("reports") / "mali-2025" / "case.toml"


def screen(*args):
    return CliRunner().invoke(cli, ["screen", *map(str, args)])


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    return write_all(tmp_path_factory.mktemp("cli-lists"))


def test_screen_bundled_list_json_and_exit_1_on_a_match():
    result = screen("OOO M Leasing", "--format", "json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.output)
    assert document["query"]["name"] == "OOO M Leasing"
    lists = {m["list"] for m in document["matches"]}
    assert {"OFAC SDN", "UK Sanctions List"} <= lists
    ofac = next(m for m in document["matches"] if m["list"] == "OFAC SDN")
    assert ofac["programs"] == ["RUSSIA-EO14024"] and ofac["listed_on"] == "2022-05-08"
    assert ofac["match_reason"] == "name" and ofac["score"] >= document["threshold"]


def test_screen_no_match_exits_0_and_says_so():
    result = screen("Shunxin-39")
    assert result.exit_code == 0
    assert "no match for 'Shunxin-39'" in result.output


def test_screen_imo_outranks_and_as_of(fixtures):
    result = screen("Alder", "--imo", "9179854", "--list", fixtures["ofac_csv"],
                    "--as-of", "2024-12-14", "--format", "json")
    assert result.exit_code == 1
    first = json.loads(result.output)["matches"][0]
    assert first["match_reason"] == "imo" and first["name"] == "ADLER"
    assert first["listed_at_as_of"] is None  # the OFAC CSV gives no listing date
    table = screen("M Leasing", "--as-of", "2023-01-01")
    assert "UK Sanctions List" in table.output and "not in force" in table.output


def test_screen_several_lists_and_threshold(fixtures):
    args = ["OOO M Leasings", "--list", fixtures["eu_xml"], "--list", fixtures["uk"],
            "--format", "json"]
    matches = json.loads(screen(*args).output)["matches"]
    assert {m["list"] for m in matches} == {"EU FSF", "UK Sanctions List"}
    assert all(90 < m["score"] < 100 for m in matches)
    strict = screen(*args, "--threshold", "99")
    assert strict.exit_code == 0 and json.loads(strict.output)["matches"] == []


@pytest.mark.parametrize(("args", "message"), [
    (["X", "--list", "{missing}"], "no such list file"),
    (["X", "--list", "{bad}"], "unrecognised list format"),
    (["X", "--threshold", "120"], "120"),
    (["X", "--as-of", "14/12/2024"], "not a date"),
])
def test_screen_bad_input_exits_2_one_line(tmp_path, args, message):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    args = [a.format(missing=tmp_path / "none.csv", bad=bad) for a in args]
    result = screen(*args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    if result.output.startswith("error: "):
        assert len(result.output.strip().splitlines()) == 1


def test_mali_case_flags_m_leasing_and_northern_shipping_with_dates():
    from voyages.casefile import load_case

    case = load_case(MALI)
    findings = sanctions_check.check(case, CheckContext())
    by_subject: dict[str, list] = {}
    for finding in findings:
        by_subject.setdefault(finding.subject.split(" (")[0], []).append(finding)
    m_leasing = by_subject["M Leasing LLC"]
    assert {f.evidence["list"] for f in m_leasing} == {"OFAC SDN", "UK Sanctions List", "EU FSF"}
    for finding in m_leasing + by_subject["JSC Northern Shipping Company"]:
        assert finding.evidence["program"] and finding.evidence["listed_on"]
        assert finding.evidence["event"] in {"adler-leaves-murmansk", "siyanie-leaves-murmansk"}
        # listed (2022-05-08, 2023-05-18, 2024-02-23) before the ships left in December 2024
        assert finding.evidence["in_force_at_event"] is True
        assert finding.evidence["listed_at_event"] is True
        assert finding.verdict == "consistent" and finding.summary.startswith("LISTED: ")
        assert "in force when" in finding.summary
    uk = next(f for f in m_leasing if f.evidence["list"] == "UK Sanctions List")
    assert uk.evidence["listed_on"] == date(2023, 5, 18)
    adler = by_subject["Adler"]
    assert adler[0].evidence["match_reason"] == "imo"


def test_mali_listing_findings_cite_their_own_list_not_the_partys_other_sources():
    from voyages.casefile import load_case

    case = load_case(MALI)  # M Leasing's sources: ofac-sdn, opensanctions-ua, lemonde
    findings = [f for f in sanctions_check.check(case, CheckContext())
                if f.subject.startswith("M Leasing LLC") and "list" in f.evidence]
    by_list = {f.evidence["list"]: f for f in findings}
    assert set(by_list) == {"OFAC SDN", "UK Sanctions List", "EU FSF"}
    for name, finding in by_list.items():
        assert finding.evidence["list_source"].startswith(name.split()[0])  # its own citation
        assert "opensanctions-ua" not in finding.sources  # another list, not this one
        assert "lemonde" in finding.sources  # the departure's source (and, US/EU, confirmed)
        assert set(finding.sources) <= set(case.sources)
    assert "ofac-sdn" in by_list["OFAC SDN"].sources
    assert "ofac-sdn" not in by_list["UK Sanctions List"].sources
    assert "ofac-sdn" not in by_list["EU FSF"].sources


def test_screen_json_names_each_matchs_own_list(fixtures):
    result = screen("M Leasing", "--list", fixtures["uk"], "--list", fixtures["ofac_csv"],
                    "--format", "json")
    matches = json.loads(result.output)["matches"]
    assert {m["list"] for m in matches} >= {"UK Sanctions List", "OFAC SDN"}
    for match in matches:
        assert match["list_source"] and match["source_file"] in match["list_source"]


def test_check_cli_json_has_sanctions_findings_with_the_evidence_keys():
    result = CliRunner().invoke(cli, ["check", str(MALI), "--format", "json"])
    findings = [f for f in json.loads(result.output)["findings"] if f["check"] == "sanctions"]
    assert findings
    for key in ("list", "program", "listed_on", "matched_name", "score", "match_reason"):
        assert key in findings[0]["evidence"]


def test_unlisted_party_is_one_consistent_finding(write_case):
    from voyages.casefile import load_case

    case = load_case(write_case())
    findings = sanctions_check.check(case, CheckContext())
    assert [(f.subject, f.verdict) for f in findings] == [("Test Ship (vessel)", "consistent")]
    assert findings[0].evidence["entities_screened"] > 0


def test_listing_after_the_event_is_not_in_force(write_case, fixtures):
    from conftest import event

    from voyages.casefile import load_case

    text = event("left", "departure", '"GNCKY"', "2023-01-10", subject="ship")
    path = write_case(text, base=(
        '[case]\nid = "t"\ntitle = "T"\n\n[[sources]]\nid = "paper"\npublisher = "P"\n\n'
        '[[vessels]]\nid = "ship"\nname = "Example Ship"\n'))
    case = load_case(path)
    context = CheckContext(sanctions_lists=(fixtures["uk"],))
    (finding,) = sanctions_check.check(case, context)
    assert finding.evidence["list"] == "UK Sanctions List"
    assert finding.evidence["in_force_at_event"] is False and finding.verdict == "consistent"
    assert "not in force when Example Ship left" in finding.summary


def test_check_list_option_replaces_the_bundled_designations(fixtures):
    result = CliRunner().invoke(cli, ["check", str(MALI), "--list", str(fixtures["uk"]),
                                      "--format", "json"])
    findings = [f for f in json.loads(result.output)["findings"] if f["check"] == "sanctions"]
    flagged = {f["subject"].split(" (")[0] for f in findings
               if f["evidence"].get("listed_at_event") is True}
    assert flagged == {"M Leasing LLC"}  # the UK fixture lists only M Leasing
    bad = CliRunner().invoke(cli, ["check", str(MALI), "--list", str(MALI)])
    assert bad.exit_code == 2 and "unrecognised list format" in bad.output


def test_dates_missing_from_a_list_file_come_from_the_bundled_designations(fixtures):
    from voyages.casefile import load_case

    case = load_case(MALI)
    context = CheckContext(sanctions_lists=(fixtures["ofac_csv"],))  # legacy CSV: no dates
    findings = {f.subject.split(" (")[0]: f for f in sanctions_check.check(case, context)}
    adler = findings["Adler"]
    assert adler.evidence["list_entity_id"] == "37057"
    assert adler.evidence["listed_on"] == date(2022, 5, 8)
    assert "designations.csv" in adler.evidence["listed_on_from"]
    assert adler.verdict == "consistent" and adler.summary.startswith("LISTED: Adler")
    assert "bundled designations" in adler.summary


@pytest.mark.parametrize("args, option", [
    (["Alder", "--imo", "9179855"], "--imo"),             # check digit fails (9179854 is ADLER)
    (["Alder", "--imo", "99999999999999999999"], "--imo"),
    (["Alder", "--imo", "IMO"], "--imo"),
    (["Alder", "--mmsi", "abc"], "--mmsi"),
    (["Alder", "--mmsi", "27341444"], "--mmsi"),          # eight digits
    ([""], "NAME"),
    (["   "], "NAME"),
    (["Alder", "--alias", ""], "--alias"),
])
def test_screen_bad_identifier_or_empty_name_is_one_error_line_exit_2(args, option):
    result = CliRunner().invoke(cli, ["screen", *args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and option in lines[0]
    assert "no match" not in result.output


def test_screen_valid_identifiers_in_any_spelling_still_match():
    assert screen("Alder", "--imo", "IMO 9179854").exit_code == 1
    assert screen("Nothing Alike", "--mmsi", " 273414440 ").exit_code == 0


def test_screen_alder_shows_adler_as_a_possible_match_below_the_threshold():
    result = screen("Alder")  # OE Watch's spelling of the ADLER (OFAC SDN 37057)
    assert result.exit_code == 1, result.output
    first = result.output.splitlines()[0]
    assert "POSSIBLE" in first and "ADLER" in first and first.lstrip().startswith("80.0")
    assert "swap of adjacent letters" in result.output
    document = json.loads(screen("Alder", "--format", "json").output)
    assert document["threshold"] == 88.0  # the default is not lowered
    (match,) = document["matches"]
    assert match["possible"] is True and match["list_entity_id"] == "37057"
    assert screen("Hadlerco Limited", "--schema", "vessel").exit_code == 0


def _readme_console_examples():
    """(command, shown output lines) of each ``$ voyages …`` in the README's sanctions section."""
    import re
    import shlex
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Sanctions screening")
    section = readme[start:readme.index("\n## ", start + 5)]
    examples = []
    for block in re.findall(r"```console\n(.*?)```", section, flags=re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *shown = chunk.rstrip("\n").split("\n")
            examples.append((shlex.split(command.split("  #")[0])[1:], shown))
    return examples


@pytest.mark.parametrize(("args", "shown"), _readme_console_examples(),
                         ids=lambda v: " ".join(v)[:50] if isinstance(v, list) else None)
def test_readme_sanctions_examples_show_the_real_output(args, shown):
    assert shown, f"README example {args} shows no output"
    result = CliRunner().invoke(cli, args)
    real = result.output.splitlines()
    # runs of shown lines between "…" appear, in order, as runs of real lines
    runs, run = [], []
    for line in shown:
        if line.strip() == "…":
            runs.append(run)
            run = []
        else:
            run.append(line)
    runs.append(run)
    at = 0
    for run in (r for r in runs if r):
        found = next((i for i in range(at, len(real) - len(run) + 1)
                      if real[i:i + len(run)] == run), None)
        assert found is not None, f"{args}: README shows {run!r}, real output {real!r}"
        at = found + len(run)
    if shown[-1].strip() != "…":
        assert at == len(real), f"{args}: real output goes on: {real[at:]!r}"
