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


def test_keelung_case_flags_the_cameroon_freighter():
    from voyages.casefile import load_case

    case = load_case(data_dir("reports") / "keelung-2025" / "case.toml")
    (finding,) = flag_check(case, CheckContext())
    assert finding.subject == "Shunxin-39" and finding.verdict == "tight"
    assert finding.evidence["flag"] == "CM"
    assert finding.evidence["ratings"][0]["list"] == "black"
    assert "marinelink.com" in finding.evidence["ratings"][0]["source"]


def test_vessel_with_an_unrated_flag_is_unverifiable(write_case):
    from voyages.casefile import load_case

    case = load_case(write_case(base=(
        '[case]\nid = "t"\ntitle = "T"\n\n[[vessels]]\nid = "s"\nname = "S"\nflag = "MH"\n')))
    (finding,) = flag_check(case, CheckContext())
    assert finding.verdict == "unverifiable"


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
