import json

import pandas as pd
import pytest
from click.testing import CliRunner

from voyages.cli.main import cli
from voyages.errors import DataFileError, InputError
from voyages.portcalls import LEG_COLUMNS, check_port_calls

CALLS = """vessel,port,arrival,departure,type
Adler,Murmansk,,2024-12-14,ro_ro
Adler,Conakry,2025-01-08,2025-01-12,ro_ro
Quick,NLRTM,,2025-01-01T00:00Z,container
Quick,SGSIN,2025-01-05T00:00Z,,container
Nobody,Atlantisport,2025-01-01,,tanker
Nobody,NLRTM,2025-01-10,,tanker
"""


@pytest.fixture
def calls_csv(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text(CALLS, encoding="utf-8")
    return path


def test_legs_frame_columns_dtypes_and_verdicts(calls_csv):
    legs = check_port_calls(calls_csv, progress=False)
    assert tuple(legs.columns) == LEG_COLUMNS
    assert str(legs["start_earliest"].dtype) == "datetime64[ns, UTC]"
    assert legs["distance_nm"].dtype == "float64"
    assert legs["verdict"].tolist() == ["consistent", "implausible", "unverifiable"]
    adler = legs.iloc[0]
    # A date alone is the whole local day: Murmansk is UTC+3.
    assert adler["start_earliest"] == pd.Timestamp("2024-12-13T21:00Z")
    assert adler["unexplained_days"] > 0
    assert "Atlantisport" in legs.iloc[2]["reason"]


def test_frame_input_is_not_modified():
    frame = pd.read_csv(pd.io.common.StringIO(CALLS), dtype=str, keep_default_na=False)
    before = frame.copy()
    check_port_calls(frame, progress=False)
    pd.testing.assert_frame_equal(frame, before)


def test_missing_column_names_the_file(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("vessel,port\nx,y\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bad.csv: missing column"):
        check_port_calls(path)


def test_bad_time_names_row_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("vessel,port,arrival,departure,type\nx,GNCKY,soon,,tanker\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2: arrival"):
        check_port_calls(path)


def test_cli_calls_check_exit_code_and_json(calls_csv):
    result = CliRunner().invoke(cli, ["calls-check", str(calls_csv), "--format", "json"])
    assert result.exit_code == 1  # one implausible leg
    doc = json.loads(result.output)
    assert [leg["verdict"] for leg in doc["legs"]] == ["consistent", "implausible", "unverifiable"]


def test_cli_calls_check_bad_file_is_one_line_exit_2(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("vessel,port\nx,y\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["calls-check", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "Traceback" not in result.output
