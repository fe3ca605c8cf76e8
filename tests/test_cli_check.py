"""``voyages check``: exit codes, output formats and the JSON contract."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from conftest import event

from voyages._data import data_dir
from voyages.cli.main import cli

MALI = data_dir("reports") / "mali-2025" / "case.toml"


def run(*args):
    return CliRunner().invoke(cli, ["check", *map(str, args)])


def test_bundled_mali_case_prints_a_table_and_exits_by_its_verdicts():
    result = run(MALI)
    verdicts = {f["verdict"] for f in json.loads(run(MALI, "--format", "json").output)["findings"]}
    assert result.exit_code == (1 if "implausible" in verdicts else 0), result.output
    assert "chronology" in result.output and "Adler" in result.output


def test_json_follows_the_contract():
    result = run(MALI, "--format", "json")
    document = json.loads(result.output)
    assert set(document) == {"case", "findings"} and document["case"] == "mali-2025"
    for finding in document["findings"]:
        assert set(finding) == {"check", "subject", "verdict", "summary", "evidence", "sources"}
        assert finding["verdict"] in {"consistent", "tight", "implausible", "unverifiable"}
        assert isinstance(finding["evidence"], dict) and isinstance(finding["sources"], list)
    checks = {f["check"] for f in document["findings"]}
    assert {"chronology", "conflict"} <= checks


def test_csv_has_one_row_per_finding():
    as_json = json.loads(run(MALI, "--format", "json").output)["findings"]
    rows = list(csv.DictReader(io.StringIO(run(MALI, "--format", "csv").output)))
    assert len(rows) == len(as_json)
    assert rows[0]["verdict"] == as_json[0]["verdict"]
    assert json.loads(rows[0]["evidence"]) == as_json[0]["evidence"]


def test_an_implausible_finding_exits_1(write_case):
    path = write_case(event("arr", "arrival", '"GNCKY"', "2025-01-08")
                      + event("left", "departure", '"GNCKY"', "2025-01-07"))
    result = run(path, "--format", "json")
    assert result.exit_code == 1
    assert "implausible" in {f["verdict"] for f in json.loads(result.output)["findings"]}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.toml", "no such file"),
        (lambda tmp: tmp, "is a folder without a case.toml"),
        (lambda tmp: (tmp / "x.toml").write_text("not = [toml") and tmp / "x.toml",
         "not valid TOML"),
    ],
)
def test_bad_input_exits_2_with_one_line_errors(tmp_path, make, message):
    result = run(make(tmp_path))
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and message in result.output
    assert "Traceback" not in result.output


def test_case_file_problems_exit_2_one_line_each(write_case):
    path = write_case(event("e1", "arrival", '"Conakri"', "2025-01-08", source="x"))
    result = run(path)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith(f"error: {path}: events[0].") for line in lines)
