"""``voyages ais …``: exit codes, JSON, no overwriting."""

from __future__ import annotations

import json

from click.testing import CliRunner

from voyages import ais
from voyages.cli.main import cli

SAMPLE = str(ais.sample_path("nmea"))


def invoke(*args: str):
    return CliRunner().invoke(cli, ["ais", *args])


def test_summary_json_counts_bad_lines_by_reason():
    result = invoke("summary", SAMPLE, "--format", "json")
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert (info["format"], info["vessels"], info["positions"]) == ("nmea", 2, 69)
    assert {k: v["count"] for k, v in info["bad_lines"].items()} == \
        {"checksum": 1, "orphan_part": 1, "truncated": 1}
    assert info["first"] == "2025-01-08T00:00:00+00:00"


def test_gaps_json_and_mmsi_filter():
    result = invoke("gaps", SAMPLE, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert [(r["mmsi"], r["duration_h"]) for r in rows] == [(123456789, 14.0)]
    assert rows[0]["start"] == "2025-01-09T18:30:00+00:00"
    none = invoke("gaps", SAMPLE, "--mmsi", "987654321", "--format", "json")
    assert json.loads(none.output)["rows"] == []


def test_not_ais_exits_2_with_one_line(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not ais\n")
    result = invoke("summary", str(path))
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == \
        [f"error: {path}: not an AIS file (expected NMEA !AIVDM sentences, a CSV with MMSI, "
         "time, latitude and longitude columns, or Parquet)"]


def test_missing_file_exits_2():
    assert invoke("gaps", "/nonexistent/file.nmea").exit_code == 2


def test_out_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "gaps.csv"
    out.write_text("mine\n")
    result = invoke("gaps", SAMPLE, "--format", "csv", "--out", str(out))
    assert result.exit_code == 2 and "exists" in result.output
    assert out.read_text() == "mine\n"
    assert invoke("gaps", SAMPLE, "--format", "csv", "--out", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("mmsi,start,end,duration_h")


def test_parquet_output_needs_out_and_reads_back(tmp_path):
    assert invoke("gaps", SAMPLE, "--format", "parquet").exit_code == 2
    out = tmp_path / "g.parquet"
    assert invoke("gaps", SAMPLE, "--format", "parquet", "--out", str(out)).exit_code == 0
    import pandas as pd

    assert pd.read_parquet(out)["mmsi"].tolist() == [123456789]


def test_every_ais_subcommand_has_help():
    from voyages.cli.ais import group

    for name in group.commands:
        result = invoke(name, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_calls_loiter_stops_voyages_json():
    calls = json.loads(invoke("calls", SAMPLE, "--format", "json").output)["rows"]
    assert [(r["port"], r["anchorage_h"], r["berth_h"]) for r in calls] == [("GNCKY", 5.0, 29.0)]
    loiter = json.loads(invoke("loiter", SAMPLE, "--format", "json").output)["rows"]
    assert [(r["mmsi"], r["duration_h"]) for r in loiter] == [(987654321, 8.0)]
    stops = json.loads(invoke("stops", SAMPLE, "--format", "json", "--max-diameter-m", "500",
                              "--min-hours", "2").output)["rows"]
    assert [r["duration_h"] for r in stops] == [4.0, 29.0]
    legs = invoke("voyages", SAMPLE, "--format", "json")
    assert legs.exit_code == 0 and json.loads(legs.output)["rows"] == []


def test_ais_group_is_extensible():
    import click

    from voyages.cli.ais import ais_file_options, group

    @group.command("echo-count")
    @ais_file_options
    def _count(file, mmsi, fmt, out, force, engine, scheduler):
        from voyages.cli.ais import load_positions

        click.echo(str(len(load_positions(file, mmsi))))

    try:
        assert invoke("echo-count", SAMPLE).output.strip() == "69"
    finally:
        del group.commands["echo-count"]
