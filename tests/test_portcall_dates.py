"""Port-call times are strict ISO 8601: bad spellings are one-line errors, never guesses."""

from datetime import date, datetime

import pandas as pd
import pytest
from click.testing import CliRunner

from voyages.cli.main import cli
from voyages.errors import InputError
from voyages.portcalls import check_port_calls

HEADER = "vessel,port,arrival,departure,type\n"
FIRST = "Quick,NLRTM,,2025-01-01T00:00Z,container\n"


def _run(tmp_path, body, *args):
    path = tmp_path / "calls.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    result = CliRunner().invoke(cli, ["calls-check", str(path), *args])
    return path, result


@pytest.mark.parametrize(("cell", "reason"), [
    ("01/02/2025", "ambiguous day and month order; write YYYY-MM-DD (ISO 8601)"),
    ("2/1/25", "ambiguous day and month order; write YYYY-MM-DD (ISO 8601)"),
    ("31.01.2025", "ambiguous day and month order; write YYYY-MM-DD (ISO 8601)"),
    ("1 Feb 2025", "month names are not read; write the date as YYYY-MM-DD (ISO 8601)"),
    ("2025-01-08T25:00", "hour must be in 0..23 (or 24:00 for the end of the day), got 25"),
    ("2025-01-08T24:30", "hour must be in 0..23 (or 24:00 for the end of the day), got 24"),
    ("2025-01-08T12:60Z", "minute must be in 0..59, got 60"),
    ("2025-02-30", "2025-02 has no day 30"),
    ("2025-13-01", "month must be in 1..12, got 13"),
    ("20250108", "the basic format without hyphens is not read; write YYYY-MM-DD (2025-01-08)"),
    ("2025-01", "a month alone is not a date; write YYYY-MM-DD"),
    ("2025-01-08T12:00+25:00", "offset +25:00 is not a UTC offset (±hh:mm, hours 0..23)"),
    ("next week", "expected an ISO 8601 calendar date or date-time such as 2025-01-08, "
                  "2025-01-08T14:30Z or 2025-01-08 14:30+03:00"),
])
def test_bad_time_is_one_line_naming_file_row_column_exit_2_nothing_written(
        tmp_path, cell, reason):
    out = tmp_path / "legs.csv"
    path, result = _run(tmp_path, FIRST + f'Quick,SGSIN,"{cell}",,container\n',
                        "--format", "csv", "--out", str(out))
    assert result.exit_code == 2
    assert result.output == f"error: {path}: row 3: arrival: {cell!r}: {reason}\n"
    assert not out.exists()


def test_tester_file_with_slashed_dates_is_refused_not_judged(tmp_path):
    # Read month-first, 01/02/2025 was 2 January: a leg ending before it began, "implausible".
    path, result = _run(tmp_path, "Adler,GNCKY,2025-01-28,2025-02-01T10:00Z,ro_ro\n"
                                  "Adler,SNDKR,01/02/2025,,ro_ro\n")
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {path}: row 3: arrival: '01/02/2025': ambiguous")


def test_both_times_empty_names_both_columns(tmp_path):
    path, result = _run(tmp_path, FIRST + "Quick,SGSIN, ,,container\n")
    assert result.exit_code == 2
    assert result.output == (f"error: {path}: row 3: arrival, departure: both empty; "
                             "give at least one\n")


@pytest.mark.parametrize("column", ["vessel", "port"])
def test_empty_vessel_or_port_is_an_error(tmp_path, column):
    row = {"vessel": "Quick", "port": "SGSIN"} | {column: ""}
    path, result = _run(tmp_path, FIRST + f"{row['vessel']},{row['port']},2025-01-05,,container\n")
    assert result.exit_code == 2
    assert result.output == (f"error: {path}: row 3: {column}: empty; "
                             f"every call needs its {column}\n")


def test_departure_before_arrival_names_row_and_columns(tmp_path):
    path, result = _run(tmp_path, FIRST + "Quick,SGSIN,2025-01-05T10:00Z,2025-01-05T08:00Z,"
                                          "container\n")
    assert result.exit_code == 2
    assert result.output == (f"error: {path}: row 3: arrival, departure: the departure "
                             "'2025-01-05T08:00Z' is before the arrival '2025-01-05T10:00Z'\n")


def test_same_day_date_only_departure_is_not_before_a_timed_arrival(tmp_path):
    _, result = _run(tmp_path, FIRST + "Quick,SGSIN,2025-01-05T10:00+08:00,2025-01-05,"
                                       "container\n")
    assert result.exit_code == 1, result.output  # judged (implausibly fast), not refused


def test_overlapping_calls_of_one_vessel_are_an_error_not_a_negative_leg(tmp_path):
    path, result = _run(tmp_path, "Quick,NLRTM,2025-02-01T10:00Z,2025-02-03T10:00Z,container\n"
                                  "Quick,SGSIN,2025-02-02T08:00Z,,container\n")
    assert result.exit_code == 2
    assert result.output == (
        f"error: {path}: row 2 and row 3: 'Quick' is at 'SGSIN' (row 3 arrival "
        "'2025-02-02T08:00Z') before leaving 'NLRTM' (row 2 departure '2025-02-03T10:00Z'); "
        "calls of one vessel must not overlap\n")


def test_rows_are_counted_as_a_spreadsheet_counts_them_blank_lines_included(tmp_path):
    path, result = _run(tmp_path, FIRST + "\n" + "Quick,SGSIN,01/02/2025,,container\n")
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {path}: row 4: arrival: '01/02/2025'")


# One voyage, each time spelled several ISO ways: the legs must not change.
SPELLINGS = [
    ("2025-01-01T00:00Z", "2025-01-05T00:00Z", "2025-01-12T06:00Z", "2025-01-08"),
    ("2025-01-01T03:00+03:00", "2025-01-05 08:00:00+08:00", "2025-01-12T10:00+04:00",
     "2025-01-08"),
    ("2025-01-01 00:00", "2025-01-04T24:00", "2025-01-12T06:00:00.000Z", "2025-01-08"),
    ("2024-12-31T19:00-0500", "2025-01-05t00:00z", "2025-01-12T06:00:00+00", "2025-01-08"),
]


@pytest.mark.parametrize("times", SPELLINGS)
def test_iso_spellings_of_the_same_instants_give_the_same_legs(tmp_path, times):
    dep_rtm, arr_sin, arr_jea, arr_gncky = times
    body = (f"Quick,NLRTM,,{dep_rtm},container\n"
            f"Quick,SGSIN,{arr_sin},,container\n"
            f"Quick,AEJEA,{arr_jea},,container\n"
            f"Slow,RUMMK,,2024-12-14,ro_ro\n"
            f"Slow,GNCKY,{arr_gncky},,ro_ro\n")
    path = tmp_path / "calls.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    legs = check_port_calls(path, progress=False)
    reference = tmp_path / "ref.csv"
    reference.write_text(HEADER + "".join(
        f"{v},{p},{a},{d},{t}\n" for v, p, a, d, t in [
            ("Quick", "NLRTM", "", "2025-01-01T00:00Z", "container"),
            ("Quick", "SGSIN", "2025-01-05T00:00Z", "", "container"),
            ("Quick", "AEJEA", "2025-01-12T06:00Z", "", "container"),
            ("Slow", "RUMMK", "", "2024-12-14", "ro_ro"),
            ("Slow", "GNCKY", "2025-01-08", "", "ro_ro")]), encoding="utf-8")
    pd.testing.assert_frame_equal(legs, check_port_calls(reference, progress=False))
    # Rotterdam to Singapore in 4 days is out of reach of any container ship; the rest fits.
    assert legs["verdict"].tolist() == ["implausible", "consistent", "consistent"]
    # A date alone is the port's local day: Conakry is UTC+0, Murmansk UTC+3.
    assert legs.loc[2, "end_earliest"] == pd.Timestamp("2025-01-08T00:00Z")
    assert legs.loc[2, "start_earliest"] == pd.Timestamp("2024-12-13T21:00Z")


def test_frame_accepts_timestamps_and_dates_names_index_label_for_bad_cells():
    frame = pd.DataFrame({
        "vessel": ["Quick", "Quick"], "port": ["NLRTM", "SGSIN"],
        "arrival": pd.Series([None, pd.Timestamp("2025-01-21T00:00Z")], index=["a", "b"],
                             dtype=object),
        "departure": [datetime(2025, 1, 1), date(2025, 1, 22)],
        "type": ["container", "container"]}, index=["a", "b"])
    legs = check_port_calls(frame, progress=False)
    assert legs.loc[0, "start_earliest"] == pd.Timestamp("2025-01-01T00:00Z")  # naive = UTC
    assert legs.loc[0, "verdict"] == "consistent"
    frame.loc["b", "arrival"] = 20250121  # a number is never read as a date or an epoch
    with pytest.raises(InputError, match=r"^port calls: index 'b': arrival: expected an ISO 8601"):
        check_port_calls(frame, progress=False)
    frame.loc["b", "arrival"] = "21/01/2025"
    with pytest.raises(InputError, match=r"^port calls: index 'b': arrival: '21/01/2025': "
                                         "ambiguous day and month order"):
        check_port_calls(frame, progress=False)
