"""Flag-state risk: the bundled MoU lists, the flag_risk check, bad files."""

from __future__ import annotations

import pytest

from voyages._data import data_dir
from voyages.checks import CheckContext
from voyages.checks.sanctions import flag_check
from voyages.errors import DataFileError
from voyages.sanctions import flag_risk, load_flag_lists


def test_every_bundled_rating_has_a_year_and_a_source():
    ratings = load_flag_lists()
    assert ratings and all(r.source and r.year >= 2000 for r in ratings)


@pytest.mark.parametrize("flag", ["CM", "cm", "Cameroon"])
def test_cameroon_is_on_the_latest_paris_black_list(flag):
    (paris,) = [r for r in flag_risk(flag) if r.regime == "Paris MoU"]
    assert (paris.list, paris.year) == ("black", 2023)  # latest year wins over 2022


def test_unrated_flag_gives_no_rating():
    assert flag_risk("XX") == []


def test_keelung_case_rates_each_stated_flag_as_black_listed():
    from voyages.casefile import load_case

    case = load_case(data_dir("reports") / "keelung-2025" / "case.toml")
    findings = flag_check(case, CheckContext())
    # The vessel record says Cameroon; Taiwan News and Lloyd's List add Tanzania.
    assert [f.evidence["flag"] for f in findings] == ["CM", "TZ"]
    for finding in findings:
        assert finding.subject == "Shunxin-39" and finding.verdict == "consistent"
        assert finding.summary.startswith("BLACK-LISTED FLAG: Shunxin-39's flag ")
        assert "more than one flag" in finding.summary
        assert (finding.evidence["flag_list"], finding.evidence["rating"],
                finding.evidence["year"]) == ("Paris MoU", "black", 2023)
        assert "marinelink.com" in finding.evidence["source"]
        assert finding.sources == ()  # the rating rests on the list, not the case's sources
    assert findings[1].evidence["stated_by"] == ["taiwannews", "lloydslist"]


def test_vessel_with_an_unrated_flag_is_unverifiable(write_case):
    from voyages.casefile import load_case

    case = load_case(write_case(base=(
        '[case]\nid = "t"\ntitle = "T"\n\n[[sources]]\nid = "p"\npublisher = "P"\n\n'
        '[[vessels]]\nid = "s"\nname = "S"\nflag = "MH"\nsources = ["p"]\n')))
    (finding,) = flag_check(case, CheckContext())
    assert finding.verdict == "unverifiable"
    assert finding.summary.startswith("S's flag Marshall Islands (MH): no rating")
    assert finding.evidence["rating"] is None
    assert finding.evidence["lists_checked"] == ["Paris MoU 2022", "Paris MoU 2023"]
    assert finding.sources == ()


@pytest.mark.parametrize(("text", "message"), [
    ("regime,year,list,flag,iso2,rank,source\nParis MoU,2023,purple,X,XX,,s\n", "purple"),
    ("regime,year,list,flag,iso2,rank,source\nParis MoU,20x3,black,X,XX,,s\n", "20x3"),
    ("regime,year,list,flag,iso2,rank,source\nParis MoU,2023,black,X,XX,,\n", "source is empty"),
    ("regime,year,list\n", "missing columns"),
])
def test_bad_flag_list_file(tmp_path, text, message):
    path = tmp_path / "flags.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_flag_lists(path)
