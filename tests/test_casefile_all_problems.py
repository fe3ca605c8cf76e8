"""A case file with several kinds of problem reports all of them at once, one line each."""

from __future__ import annotations

import pytest

from voyages.casefile import load_case
from voyages.errors import CaseFileError

# The README's example case with four mistakes (new-user session 10, c3.toml):
# an unknown source, a misspelt place, year 9999 and a distance of inf.
C3 = '''
[case]
id = "example"
title = "A freighter seen off Yehliu"

[[sources]]
id = "taipeitimes"
publisher = "Taipei Times"
published = 2025-01-05
url = "https://www.taipeitimes.com/News/taiwan/archives/2025/01/05/2003829674"

[[vessels]]
id = "shunxin39"
name = "Shunxin-39"
flag = "CM"

[[events]]
id = "located"
subject = "shunxin39"
kind = "sighting"
place = { of = "Yehlu", distance = "7 nmi", bearing = "N" }
time = 9999-12-31T23:59:00
precision = "hour"
weekday = "Friday"
source = "taipeitime"
quote = "located the Shunxin-39 7 nautical miles (13km) north of Yehliu at about 4:40pm on Friday"

[[claims]]
id = "distance"
kind = "distance"
subject = "shunxin39"
values = [{ value = VALUE, unit = "nmi" }, { value = 13, unit = "km" }]
origin = "Yehliu"
bearing = "N"
source = "taipeitime"
quote = "7 nautical miles (13km) north of Yehliu"
'''

C3_SEMANTIC = {
    "events[0].source: unknown source 'taipeitime' — did you mean 'taipeitimes'?",
    "events[0].place.of: unknown place 'Yehlu' — did you mean 'Yehliu'?",
    "events[0].time: 9999-12-31T23:59: year 9999 is outside the range voyages accepts "
    "(years 1800–2200)",
    "claims[0].source: unknown source 'taipeitime' — did you mean 'taipeitimes'?",
}

# c12.toml: an unknown flag and a negative service speed in one vessel.
C12 = C3.replace('flag = "CM"', 'flag = "XX"\nservice_speed_kn = -3').replace(
    "Yehlu", "Yehliu").replace("9999-12-31T23:59:00", "2025-01-03T16:40:00").replace(
    '"taipeitime"', '"taipeitimes"').replace("VALUE", "7")


def _problems(tmp_path, text: str) -> set[str]:
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseFileError) as info:
        load_case(path)
    prefix = f"{path}: "
    assert all(line.startswith(prefix) for line in info.value.problems)
    lines = [line[len(prefix):] for line in info.value.problems]
    assert len(lines) == len(set(lines)), lines
    return set(lines)


def test_a_non_finite_value_does_not_hide_the_other_problems(tmp_path):
    assert _problems(tmp_path, C3.replace("VALUE", "inf")) == {
        "claims[0].values[0].value: expected a finite number", *C3_SEMANTIC}


def test_the_same_case_without_the_inf_reports_the_rest_unchanged(tmp_path):
    assert _problems(tmp_path, C3.replace("VALUE", "7")) == C3_SEMANTIC


def test_a_bad_flag_and_a_bad_speed_of_one_vessel_are_both_reported(tmp_path):
    assert _problems(tmp_path, C12) == {
        "vessels[0].service_speed_kn: input should be greater than 0",
        "vessels[0].flag: expected an ISO 3166-1 alpha-2 country code such as 'RU', got 'XX'",
    }


def test_a_union_field_gives_one_line_not_one_per_branch(tmp_path):
    text = C12.replace("service_speed_kn = -3\n", "").replace('"XX"', '"CM"').replace(
        "{ value = 7,", '{ value = "seven",')
    assert _problems(tmp_path, text) == {
        "claims[0].values[0].value: expected a number, got 'seven'"}


def test_a_missing_required_field_does_not_cause_follow_on_errors(tmp_path):
    # The vessel without an id is reported once, not again as a bad id or an
    # unknown subject; the unknown field and the bad flag of the same file too.
    text = C12.replace('id = "shunxin39"\n', "").replace("service_speed_kn = -3", "colour = 1")
    assert _problems(tmp_path, text) == {
        "vessels[0].id: required field is missing",
        "vessels[0].colour: unknown field",
        "vessels[0].flag: expected an ISO 3166-1 alpha-2 country code such as 'RU', got 'XX'",
        "events[0].subject: unknown subject 'shunxin39'",
        "claims[0].subject: unknown subject 'shunxin39'",
    }
