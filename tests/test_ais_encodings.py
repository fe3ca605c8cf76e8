"""AIS CSVs in the encodings and dialects spreadsheets write: Latin-1/Windows-1252, UTF-16
with a BOM, UTF-8 with a BOM, CRLF, ';'/tab/'|' separators (with decimal commas), read like
the UTF-8 file; names such as CAFÉ NOËL come through; a file that cannot be decoded is one
error line naming the file and line (exit 2), never an internal error."""

from __future__ import annotations

import gzip
import warnings

import numpy as np
import pytest
from click.testing import CliRunner

from tests.test_ais_cables import drag_track
from tests.test_ais_investigate_cli import write_noaa
from voyages import ais
from voyages.cli.main import cli
from voyages.errors import DataFileError, VoyagesWarning

NAME = "CAFÉ NOËL"


@pytest.fixture()
def utf8(tmp_path):
    return write_noaa(tmp_path / "track.csv", drag_track(5), names={230000001: NAME},
                      imos={230000001: "8358427"})


def _reencode(utf8, path, encoding, *, crlf=False, bom=b""):
    text = utf8.read_text(encoding="utf-8")
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes(bom + text.encode(encoding))
    return path


def _same_as_utf8(utf8, other):
    expected = ais.read(utf8)
    got = ais.read(other)
    assert got.equals(expected) and len(got) == len(drag_track(5))
    static = ais.read_static(other)
    assert static.equals(ais.read_static(utf8))  # draught 8,0 too with ';'
    assert set(static["name"]) == {NAME} and set(static["draught_m"]) == {8.0}


@pytest.mark.parametrize("encoding, label", [("latin-1", "Windows-1252"),
                                             ("cp1252", "Windows-1252")])
def test_latin1_and_cp1252_read_with_one_warning_naming_file_and_encoding(tmp_path, utf8,
                                                                          encoding, label):
    path = _reencode(utf8, tmp_path / f"{encoding}.csv", encoding, crlf=True)
    with pytest.warns(VoyagesWarning, match=rf"{path}: not UTF-8 \(line 2, byte 0xc9\); "
                                            rf"read as {label}") as record:
        _same_as_utf8(utf8, path)
    assert len(record) == 1  # the second read (read_static) reuses the decision


def test_a_byte_cp1252_leaves_undefined_falls_back_to_latin1(tmp_path):
    path = tmp_path / "c1.csv"
    path.write_bytes(b"mmsi,time,lat,lon,name\n"
                     b"230000001,2025-01-01T00:00:00Z,59.5,20.0,CAF\xc9 \x81\n")
    with pytest.warns(VoyagesWarning, match="read as ISO-8859-1"):
        assert ais.read(path)["lat"].tolist() == [59.5]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, utf8, encoding):
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path = _reencode(utf8, tmp_path / "wide.csv", encoding, bom=bom, crlf=True)
    assert ais.detect_format(path) == "noaa"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _same_as_utf8(utf8, path)


def test_utf16_without_bom_is_recognised_by_its_nul_bytes(tmp_path, utf8):
    path = _reencode(utf8, tmp_path / "le.csv", "utf-16-le")
    _same_as_utf8(utf8, path)


@pytest.mark.parametrize("crlf", [False, True])
def test_utf8_bom_and_crlf_read_without_warning(tmp_path, utf8, crlf):
    path = _reencode(utf8, tmp_path / "bom.csv", "utf-8", bom=b"\xef\xbb\xbf", crlf=crlf)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _same_as_utf8(utf8, path)


def test_latin1_gzip_reads(tmp_path, utf8):
    path = tmp_path / "track.csv.gz"
    path.write_bytes(gzip.compress(utf8.read_text(encoding="utf-8").encode("latin-1")))
    with pytest.warns(VoyagesWarning, match="read as Windows-1252"):
        _same_as_utf8(utf8, path)


def test_utf8_with_one_stray_byte_keeps_utf8_and_names_the_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("mmsi,time,lat,lon,name\n"
                     "230000001,2025-01-01T00:00:00Z,59.5,20.0,ŞÜNXİN-39 顺心39\n"
                     "230000001,2025-01-01T00:10:00Z,59.6,20.1,ŞÜNXİN-39 顺心39\n".encode()
                     + b"230000001,2025-01-01T00:20:00Z,59.7,20.2,BAD\xff\n")
    with pytest.warns(VoyagesWarning, match=r"mixed.csv: line 4: byte 0xff is not UTF-8"):
        assert ais.read(path)["lat"].tolist() == [59.5, 59.6, 59.7]


def test_broken_utf16_is_one_error_line_with_file_and_line(tmp_path):
    path = tmp_path / "broken16.csv"
    text = "mmsi,time,lat,lon\n230000001,2025-01-01T00:00:00Z,59.5,20.0\n"
    path.write_bytes(text.encode("utf-16") + b"\x00\xd8\n\x00")  # a lone high surrogate
    with pytest.raises(DataFileError, match=r"broken16.csv: line 3: not UTF-16 text"):
        ais.read(path)
    result = CliRunner().invoke(cli, ["ais", "summary", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {path}: line 3: not UTF-16 text")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("command", [["ais", "summary"], ["ais", "gaps"]])
def test_cli_reads_a_latin1_csv(tmp_path, utf8, command):
    path = _reencode(utf8, tmp_path / "lat1.csv", "latin-1")
    result = CliRunner().invoke(cli, [*command, str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("not UTF-8") == 1
    assert "internal error" not in result.output


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_semicolon_tab_and_pipe_separated_exports(tmp_path, utf8, sep):
    text = utf8.read_text(encoding="utf-8").replace(",", sep)
    if sep == ";":  # European Excel: decimal commas too
        text = text.replace(".", ",")
    path = tmp_path / "sep.csv"
    path.write_text(text, encoding="utf-8")
    assert ais.detect_format(path) == "noaa"
    _same_as_utf8(utf8, path)


def test_negative_and_not_available_sog_are_nan(tmp_path):
    path = tmp_path / "sog.csv"
    path.write_text("mmsi,time,lat,lon,sog\n"
                    "230000001,2025-01-01T00:00:00Z,59.5,20.0,-12.0\n"
                    "230000001,2025-01-01T00:10:00Z,59.6,20.1,102.3\n"
                    "230000001,2025-01-01T00:20:00Z,59.7,20.2,6.5\n", encoding="utf-8")
    sog = ais.read(path)["sog_kn"].to_numpy()
    assert np.isnan(sog[:2]).all() and sog[2] == 6.5
