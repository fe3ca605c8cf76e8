"""Gzip-compressed AIS CSV files read like the plain file, whatever their name; a corrupt one
and a CSV field over the csv module's limit are one error line naming the file."""

from __future__ import annotations

import gzip

import pytest
from click.testing import CliRunner

from tests.test_ais_cables import drag_track
from tests.test_ais_investigate_cli import write_noaa
from voyages import ais
from voyages.cli.main import cli
from voyages.errors import DataFileError


@pytest.fixture()
def plain(tmp_path):
    return write_noaa(tmp_path / "track.csv", drag_track(5), names={230000001: "TEST"},
                      imos={230000001: "8358427"})


@pytest.mark.parametrize("name", ["track.csv.gz", "track_gz_noext"])
def test_gzip_csv_reads_like_the_plain_file(tmp_path, plain, name):
    packed = tmp_path / name
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert ais.detect_format(packed) == "noaa"
    expected, got = ais.read(plain), ais.read(packed)
    assert got.equals(expected) and len(got) == len(drag_track(5))
    assert ais.read_static(packed).equals(ais.read_static(plain))
    result = CliRunner().invoke(cli, ["ais", "summary", str(packed)])
    assert result.exit_code == 0, result.output
    assert f"positions                {len(expected)}" in result.stdout


def test_generic_csv_gzipped(tmp_path):
    path = tmp_path / "generic.csv.gz"
    path.write_bytes(gzip.compress(b"mmsi,time,lat,lon\n"
                                   b"230000001,2025-01-01T00:00:00Z,59.5,20.0\n"
                                   b"230000001,2025-01-01T00:10:00Z,59.6,20.1\n"))
    assert ais.read(path)["lat"].tolist() == [59.5, 59.6]


def test_corrupt_gzip_csv_is_one_error_line_naming_the_file(tmp_path, plain):
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(gzip.compress(plain.read_bytes())[:200])
    with pytest.raises(DataFileError, match="broken.csv.gz: corrupt or truncated gzip file"):
        ais.read(broken)
    result = CliRunner().invoke(cli, ["ais", "summary", str(broken)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}: corrupt or truncated gzip file")
    assert result.stderr.count("\n") == 1


def test_a_field_over_the_csv_limit_is_exit_2_with_file_and_line(tmp_path):
    path = tmp_path / "longline.csv"
    path.write_text("MMSI,BaseDateTime,LAT,LON\n230000001,2025-01-01T00:00:00,59.5,20.0\n"
                    + "1" * 200_000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ais", "summary", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"error: {path}: line 3: field larger than field limit (131072)\n"
