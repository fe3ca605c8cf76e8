"""`voyages ais … --format csv/-o`: numbers in full, an input file never overwritten (even with
--force), write errors naming the file; and a CSV mixing naive and offset times refused."""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.test_ais_cables import drag_track
from tests.test_ais_investigate_cli import cable_file, write_noaa
from voyages import ais
from voyages.cables import read_routes
from voyages.cli.main import cli
from voyages.errors import DataFileError

CABLE_LON = 20.123456789  # more digits than %.6g keeps (20.1235: some 60 m off at 59.5 N)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture()
def files(tmp_path):
    track = write_noaa(tmp_path / "track.csv", drag_track(51))
    routes = cable_file(tmp_path, [[CABLE_LON, 59.0], [CABLE_LON, 60.0]])
    return track, routes


def test_csv_output_keeps_every_digit_of_a_crossing(files):
    track, routes = files
    result = run("ais", "cables", track, "--cables", routes, "--format", "csv")
    assert result.exit_code == 0, result.output
    row = pd.read_csv(StringIO(result.stdout)).iloc[0]
    expected = ais.cable_crossings(ais.clean(ais.read(track)), read_routes(routes)).iloc[0]
    assert row["lon"] == expected["lon"] == pytest.approx(CABLE_LON, abs=1e-9)
    assert row["lat"] == expected["lat"]


@pytest.mark.parametrize("which", ["FILE", "--cables"])
def test_out_naming_an_input_is_refused_even_with_force(files, which):
    track, routes = files
    target = track if which == "FILE" else routes
    before = target.read_bytes()
    result = run("ais", "cables", track, "--cables", routes, "-o", target, "--force")
    assert result.exit_code == 2
    assert result.stderr == (f"error: {target}: is this command's input ({which}); not "
                             "overwriting it, even with --force: write the result to another "
                             "file\n")
    assert target.read_bytes() == before


def test_out_naming_an_input_by_another_path_is_refused(files, monkeypatch):
    track, _ = files
    monkeypatch.chdir(track.parent)
    result = run("ais", "gaps", track, "-o", Path(".") / track.name, "--force")
    assert result.exit_code == 2 and "is this command's input (FILE)" in result.stderr


def test_out_another_file_with_force_is_written(files, tmp_path):
    track, routes = files
    out = tmp_path / "out.csv"
    out.write_text("old\n", encoding="utf-8")
    result = run("ais", "cables", track, "--cables", routes, "--format", "csv", "-o", out,
                 "--force")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("mmsi,route_id,")


@pytest.mark.skipif(not os.path.exists("/proc/version"), reason="needs Linux /proc")
def test_a_write_error_names_the_file(files):
    track, _ = files
    result = run("ais", "gaps", track, "-o", "/proc/version", "--force")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: /proc/version: ")
    assert result.stderr.count("\n") == 1


def test_naive_times_beside_offset_times_are_refused(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("MMSI,timestamp,latitude,longitude\n"
                    "412345678,2025-01-03T00:00:00+08:00,25.5,120.8\n"
                    "412345678,2025-01-03T08:30:00,25.5,120.9\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"mixed.csv: column 'timestamp': mixes times with "
                                            r"a UTC offset \('2025-01-03T00:00:00\+08:00'\) and "
                                            r"without one \('2025-01-03T08:30:00', 1 such\)"):
        ais.read(path)
    assert run("ais", "summary", path).exit_code == 2


def test_naive_times_are_utc(tmp_path):
    path = tmp_path / "naive.csv"
    path.write_text("MMSI,timestamp,latitude,longitude\n"
                    "412345678,2025-01-03T08:30:00,25.5,120.9\n"
                    "412345678,2025-01-03T00:00:00,25.5,120.8\n", encoding="utf-8")
    assert ais.read(path)["time"].tolist() == [pd.Timestamp("2025-01-03T08:30Z"),
                                               pd.Timestamp("2025-01-03T00:00Z")]
