"""A generic AIS CSV's slashed dates are read day-first only when the file proves it."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from voyages import ais
from voyages.cli.main import cli
from voyages.errors import DataFileError

HEADER = "mmsi,timestamp,lat,lon\n"


def _csv(tmp_path, times):
    path = tmp_path / "track.csv"
    path.write_text(HEADER + "".join(f"219000001,{t},55.{i},10.5\n" for i, t in enumerate(times)),
                    encoding="utf-8")
    return path


AMBIGUOUS = ["01/02/2025 10:00:00", "01/02/2025 11:00:00", "03/02/2025 09:30:00"]


def test_ambiguous_slashed_dates_are_refused_naming_file_and_column(tmp_path):
    path = _csv(tmp_path, AMBIGUOUS)
    with pytest.raises(DataFileError) as err:
        ais.read(path)
    assert str(err.value) == (
        f"{path}: column 'timestamp': '01/02/2025 10:00:00' may be day-first or month-first "
        "(no time in the file has a day above 12); pass time_format='%d/%m/%Y %H:%M:%S' "
        "(day-first) or '%m/%d/%Y %H:%M:%S' (month-first) (--time-format with `voyages ais`, "
        "--ais-time-format with `voyages check` and `voyages report`)")


def test_check_reads_an_ambiguous_ais_file_with_ais_time_format(tmp_path):
    """`voyages check --ais` refuses the ambiguous file in one line (exit 2) and reads it
    with --ais-time-format: the Keelung case's vessel is not in it either way, so the
    match finding says so."""
    path = _csv(tmp_path, AMBIGUOUS)
    case = "reports/keelung-2025/case.toml"
    refused = CliRunner().invoke(cli, ["check", case, "--ais", str(path)])
    assert refused.exit_code == 2
    assert "may be day-first or month-first" in refused.output
    assert "--ais-time-format" in refused.output
    read = CliRunner().invoke(cli, ["check", case, "--ais", str(path), "--ais-time-format",
                                    "%d/%m/%Y %H:%M:%S", "--format", "json"])
    assert read.exit_code in (0, 1), read.output
    match = [f for f in json.loads(read.output)["findings"] if f["check"] == "ais_match"]
    assert match and all(f["verdict"] == "unverifiable" for f in match)


def test_month_first_dates_are_refused_not_half_misread(tmp_path):
    # 1 to 13 January, month-first: day-first would read the first twelve as the 1st of
    # January to December and drop the 13th as a bad time.
    path = _csv(tmp_path, [f"01/{day:02d}/2025 10:00" for day in range(1, 14)])
    with pytest.raises(DataFileError, match=r"column 'timestamp': times are month-first "
                                            r"\('01/13/2025 10:00'\); pass "
                                            r"time_format='%m/%d/%Y %H:%M'"):
        ais.read(path)


def test_a_day_above_12_proves_day_first(tmp_path):
    frame = ais.read(_csv(tmp_path, [*AMBIGUOUS, "13/02/2025 08:00:00"]))
    assert frame["time"].tolist()[:3] == [pd.Timestamp("2025-02-01T10:00Z"),
                                          pd.Timestamp("2025-02-01T11:00Z"),
                                          pd.Timestamp("2025-02-03T09:30Z")]


@pytest.mark.parametrize(("fmt", "first"), [("%d/%m/%Y %H:%M:%S", "2025-02-01T10:00Z"),
                                            ("%m/%d/%Y %H:%M:%S", "2025-01-02T10:00Z")])
def test_time_format_settles_it_in_the_library_and_on_the_cli(tmp_path, fmt, first):
    path = _csv(tmp_path, AMBIGUOUS)
    assert ais.read(path, time_format=fmt)["time"].iloc[0] == pd.Timestamp(first)
    result = CliRunner().invoke(cli, ["ais", "summary", str(path), "--format", "json",
                                      "--time-format", fmt])
    assert result.exit_code == 0, result.output
    assert pd.Timestamp(json.loads(result.output)["first"]) == pd.Timestamp(first)


def test_cli_ambiguous_file_is_one_line_exit_2(tmp_path):
    path = _csv(tmp_path, AMBIGUOUS)
    for args in (["summary", str(path)], ["gaps", str(path)]):
        result = CliRunner().invoke(cli, ["ais", *args])
        assert result.exit_code == 2
        assert result.output.startswith(f"error: {path}: column 'timestamp': '01/02/2025")
        assert result.output.count("\n") == 1


def test_iso_times_are_untouched(tmp_path):
    frame = ais.read(_csv(tmp_path, ["2025-02-01T10:00:00Z", "2025-02-01 11:00:00"]))
    assert frame["time"].tolist() == [pd.Timestamp("2025-02-01T10:00Z"),
                                      pd.Timestamp("2025-02-01T11:00Z")]
