"""Port-call tables as spreadsheets save them: capitalised or padded headers, Latin-1 /
Windows-1252 or UTF-16 text, ';' separators — read like the plain UTF-8 CSV."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from voyages.cli.main import cli
from voyages.errors import DataFileError, InputError, VoyagesWarning
from voyages.portcalls import check_port_calls

ROWS = ["CAFÉ NOËL,NLRTM,2025-01-01,2025-01-02,container",
        "CAFÉ NOËL,SGSIN,2025-01-22,,container"]


def _legs(path):
    return check_port_calls(path, progress=False)[["vessel", "from_port", "to_port", "verdict"]]


@pytest.fixture()
def plain(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("\n".join(["vessel,port,arrival,departure,type", *ROWS]) + "\n",
                    encoding="utf-8")
    return path


def test_headers_match_without_case_or_spaces(tmp_path, plain):
    path = tmp_path / "caps.csv"
    path.write_text("\n".join(["Vessel, Port ,ARRIVAL,Departure,Type", *ROWS]) + "\n",
                    encoding="utf-8")
    got = _legs(path)
    assert got.equals(_legs(plain)) and len(got) == 1
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert check_port_calls(frame, progress=False)["verdict"].tolist() == got["verdict"].tolist()


def test_two_headers_that_fold_to_one_are_refused(tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("vessel,Port,port,arrival,departure,type\nA,NLRTM,NLRTM,2025-01-01,,x\n",
                    encoding="utf-8")
    with pytest.raises(DataFileError, match=r"twice.csv: columns 'Port', 'port' all read as "
                                            r"'port'"):
        check_port_calls(path, progress=False)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_table_reads_with_a_warning(tmp_path, plain, encoding):
    path = tmp_path / "l1.csv"
    path.write_bytes(plain.read_text(encoding="utf-8").replace("\n", "\r\n").encode(encoding))
    with pytest.warns(VoyagesWarning, match=r"l1.csv: not UTF-8 \(line 2, byte 0xc9\); read as "
                                            r"Windows-1252"):
        got = _legs(path)
    assert got.equals(_legs(plain))
    assert got["vessel"].tolist() == ["CAFÉ NOËL"]


def test_utf16_and_semicolons(tmp_path, plain):
    path = tmp_path / "wide.csv"
    path.write_bytes(plain.read_text(encoding="utf-8").replace(",", ";").encode("utf-16"))
    assert _legs(path).equals(_legs(plain))


def test_cli_latin1_row_error_names_the_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes("vessel,port,arrival,departure,type\nCAFÉ,NLRTM,soon,,x\n".encode("latin-1"))
    with pytest.warns(VoyagesWarning), pytest.raises(InputError, match=r"bad.csv: row 2: arrival"):
        check_port_calls(path, progress=False)
    result = CliRunner().invoke(cli, ["calls-check", str(path)])
    assert result.exit_code == 2
    assert "internal error" not in result.stderr
    assert f"error: {path}: row 2: arrival" in result.stderr
