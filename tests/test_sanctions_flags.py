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


def test_bundled_ranks_order_white_before_grey_before_black():
    # A rank is the position in the whole table, best first: within one
    # list (regime and year) no two flags share one, and every white flag
    # ranks above every grey one, every grey one above every black one.
    by_list: dict[tuple[str, int], list] = {}
    for rating in load_flag_lists():
        by_list.setdefault((rating.regime, rating.year), []).append(rating)
    order = {"white": 0, "grey": 1, "black": 2}
    for ratings in by_list.values():
        ranked = sorted((r for r in ratings if r.rank is not None), key=lambda r: r.rank)
        assert len({r.rank for r in ranked}) == len(ranked)
        assert [order[r.list] for r in ranked] == sorted(order[r.list] for r in ranked)


def test_a_flag_rated_by_both_mous_gets_paris_then_tokyo():
    # Sierra Leone: Paris MoU 2020 black list (SAFETY4SEA), Tokyo MoU 2021 black list.
    paris, tokyo = flag_risk("Sierra Leone")
    assert (paris.regime, paris.year, paris.list) == ("Paris MoU", 2020, "black")
    assert (tokyo.regime, tokyo.year, tokyo.list) == ("Tokyo MoU", 2021, "black")
    assert paris.iso2 == tokyo.iso2 == "SL"


@pytest.mark.parametrize(("flag", "year", "colour"), [
    ("PA", 2022, "grey"),   # Panama: white in 2020, grey in 2022; the latest wins
    ("MH", 2022, "white"),  # Marshall Islands: 2020, 2021 and 2022 rows
])
def test_latest_paris_year_wins(flag, year, colour):
    (paris,) = [r for r in flag_risk(flag) if r.regime == "Paris MoU"]
    assert (paris.year, paris.list) == (year, colour)


def test_mali_case_russian_flag_is_rated_on_the_tokyo_list():
    from voyages.casefile import load_case

    case = load_case(data_dir("reports") / "mali-2025" / "case.toml")
    findings = flag_check(case, CheckContext())
    assert {f.subject for f in findings} == {"Adler", "Siyanie Severa"}
    for finding in findings:
        assert finding.verdict == "consistent"
        assert (finding.evidence["flag"], finding.evidence["flag_list"],
                finding.evidence["rating"], finding.evidence["year"]) == (
                    "RU", "Tokyo MoU", "white", 2021)
        assert "hyqfocus.com" in finding.evidence["source"]


def test_rating_older_than_the_newest_list_says_so(write_case):
    from voyages.casefile import load_case

    case = load_case(write_case(base=(
        '[case]\nid = "t"\ntitle = "T"\n\n[[sources]]\nid = "p"\npublisher = "P"\n\n'
        '[[vessels]]\nid = "s"\nname = "S"\nflag = "SL"\nsources = ["p"]\n')))
    paris, tokyo = flag_check(case, CheckContext())
    assert paris.summary.startswith("BLACK-LISTED FLAG: S's flag Sierra Leone (SL) is on the "
                                    "Paris MoU 2020 black list")
    assert "the Paris MoU 2023 list do not include this flag" in paris.summary
    assert (paris.evidence["year"], paris.evidence["newest_list_year"]) == (2020, 2023)
    assert "older list" not in tokyo.summary  # 2021 is the newest Tokyo MoU list bundled


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
        '[[vessels]]\nid = "s"\nname = "S"\nflag = "KM"\nsources = ["p"]\n')))
    (finding,) = flag_check(case, CheckContext())
    assert finding.verdict == "unverifiable"
    assert finding.summary.startswith("S's flag Comoros (KM): no rating")
    assert finding.evidence["rating"] is None
    assert finding.evidence["lists_checked"] == [
        "Paris MoU 2020", "Paris MoU 2021", "Paris MoU 2022", "Paris MoU 2023", "Tokyo MoU 2021"]
    assert finding.sources == ()


@pytest.mark.parametrize(("text", "message"), [
    ("regime,year,list,flag,iso2,rank,source\nParis MoU,2023,purple,X,CM,,s\n", "purple"),
    ("regime,year,list,flag,iso2,rank,source\nParis MoU,20x3,black,X,CM,,s\n", "20x3"),
    ("regime,year,list,flag,iso2,rank,source\nParis MoU,2023,black,X,CM,,\n", "source is empty"),
    ("regime,year,list\n", "missing columns"),
    ("regime,year,list,flag,iso2,rank,source\nRiyadh MoU,2023,black,X,CM,,s\n", "Riyadh MoU"),
    ("regime,year,list,flag,iso2,rank,source\nTokyo MoU,2023,black,X,XX,,s\n", "iso2 'XX'"),
    ("regime,year,list,flag,iso2,rank,source\nTokyo MoU,2023,black,X,CM,7th,s\n", "rank '7th'"),
    ("regime,year,list,flag,iso2,rank,source\nParis MoU,2023,black,Cameroon,CM,,s\n"
     "Paris MoU,2023,grey,Cameroun,cm,,t\n", "second Paris MoU 2023 row for CM"),
])
def test_bad_flag_list_file(tmp_path, text, message):
    path = tmp_path / "flags.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_flag_lists(path)
