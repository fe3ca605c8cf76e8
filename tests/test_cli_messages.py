"""What a user sees on stderr and on disk: one-line warnings, and one way to write a file.

Every warning a command shows is one ``warning: …`` line (never Python's
``file.py:123: VoyagesWarning: …`` and the source line under it), and never
changes the exit code. Every command that writes a file takes ``-o/--out
FILE`` and refuses an existing file unless ``--force``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from voyages.cli.main import EXIT_IMPLAUSIBLE, EXIT_OK, VoyagesGroup, cli
from voyages.errors import VoyagesWarning

ROOT = Path(__file__).resolve().parent.parent
MALI = ROOT / "reports" / "mali-2025" / "case.toml"
KEELUNG = ROOT / "reports" / "keelung-2025" / "case.toml"
NMEA = ROOT / "voyages" / "ais" / "samples" / "conakry.nmea"
BAD_TIME = "273414440,garbage,59.0,20.0,3\n"  # Siyanie Severa's MMSI, an unreadable time


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_clean(stderr: str) -> None:
    """No trace of Python's own warning or traceback format."""
    assert 'File "' not in stderr and ".py:" not in stderr and "Traceback" not in stderr
    assert "VoyagesWarning" not in stderr


# --- warnings -------------------------------------------------------------------------------

def test_check_with_an_ais_file_of_no_positions_warns_in_one_line(tmp_path):
    """The defect as found: a real subprocess, Python's own warning display in charge."""
    path = tmp_path / "day.csv"
    path.write_text("mmsi,time,lat,lon,sog\n" + BAD_TIME, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "voyages", "check", str(MALI), "--ais", str(path),
         "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.stderr.splitlines() == [
        f"warning: {path}: 0 positions read: 1 lines bad_time (first: line 2: "
        f"{BAD_TIME.strip()})"]
    assert_clean(result.stderr)
    # the warning changes nothing else: the Mali case exits 1 as it does without AIS
    assert result.returncode == EXIT_IMPLAUSIBLE
    assert json.loads(result.stdout)["case"] == "mali-2025"


def test_check_with_an_empty_ais_file_warns_and_keeps_exit_0(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("mmsi,time,lat,lon,sog\n", encoding="utf-8")
    result = run("check", KEELUNG, "--ais", path, "--format", "json")
    assert result.exit_code == EXIT_OK, result.output
    assert result.stderr == (f"warning: {path}: 0 positions read from 0 line(s) "
                             "(no position reports in the file)\n")
    assert_clean(result.stderr)


def test_each_ais_file_of_no_positions_gets_its_own_line(tmp_path):
    """A VoyagesWarning is always shown, not once: two bad files, two lines."""
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (first, second):
        path.write_text("mmsi,time,lat,lon,sog\n" + BAD_TIME, encoding="utf-8")
    result = run("check", KEELUNG, "--ais", first, "--ais", second, "--ais", NMEA,
                 "--format", "json")
    assert result.exit_code == EXIT_OK, result.output
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines] == ["warning", "warning"]
    assert str(first) in lines[0] and str(second) in lines[1]
    assert_clean(result.stderr)


def _warning_cli() -> click.Group:
    """A group with the voyages error handling and a command that warns the ways libraries do."""
    @click.group(cls=VoyagesGroup)
    def group() -> None:
        pass

    @group.command("warn")
    def warn() -> None:
        for _ in range(2):
            warnings.warn("day.csv: 0 positions read", VoyagesWarning, stacklevel=1)
            warnings.warn("invalid value\n    encountered in divide", RuntimeWarning,
                          stacklevel=1)
        warnings.warn("a future change", FutureWarning, stacklevel=1)
        click.echo("done")

    return group


@pytest.mark.filterwarnings("default")  # a user's filters, not the test suite's "error"
def test_ours_are_always_shown_others_once_with_their_kind():
    result = CliRunner().invoke(_warning_cli(), ["warn"])
    assert result.exit_code == 0
    assert result.stdout == "done\n"
    assert result.stderr.splitlines() == [
        "warning: day.csv: 0 positions read",
        "warning: RuntimeWarning: invalid value encountered in divide",
        "warning: day.csv: 0 positions read",
        "warning: FutureWarning: a future change",
    ]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # outer marks win in pytest
@pytest.mark.filterwarnings("default")
def test_a_users_filter_still_hides_other_warnings_but_not_ours():
    result = CliRunner().invoke(_warning_cli(), ["warn"])
    assert result.exit_code == 0
    assert "RuntimeWarning" not in result.stderr
    assert result.stderr.count("warning: day.csv: 0 positions read") == 2


def test_warning_display_is_restored_after_a_command():
    before = warnings.showwarning
    CliRunner().invoke(cli, ["place", "Conakry"])
    assert warnings.showwarning is before


# --- -o/--out and --force -------------------------------------------------------------------

ROUTE = ["route", "TWKEL", "CNSHA", "--format", "geojson"]


def test_route_out_writes_then_refuses_then_force_overwrites(tmp_path):
    out = tmp_path / "r.geojson"
    first = run(*ROUTE, "--out", out)
    assert first.exit_code == 0, first.output
    assert json.loads(out.read_text())["geometry"]["type"] == "LineString"
    assert first.stdout == "" and first.stderr == f"wrote {out}\n"

    out.write_text("an analyst's notes\n", encoding="utf-8")
    again = run(*ROUTE, "-o", out)
    assert again.exit_code == 2
    assert again.stderr == f"error: {out}: exists; pass --force to overwrite it\n"
    assert out.read_text() == "an analyst's notes\n"

    forced = run(*ROUTE, "-o", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert json.loads(out.read_text())["type"] == "Feature"


def test_route_output_still_works_with_a_one_line_warning(tmp_path):
    out = tmp_path / "r.txt"
    result = run("route", "TWKEL", "CNSHA", "--output", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["warning: --output is deprecated; use --out (-o)",
                                          f"wrote {out}"]
    assert out.read_text().startswith("route ")
    refused = run("route", "TWKEL", "CNSHA", "--output", out)
    assert refused.exit_code == 2
    assert refused.stderr.splitlines()[-1] == f"error: {out}: exists; pass --force to overwrite it"


@pytest.mark.parametrize("command", [["route"], ["calls-check"]], ids=" ".join)
def test_help_shows_out_and_force_not_the_old_name(command):
    text = run(*command, "--help").output
    assert "-o, --out FILE" in text and "--force" in text and "--output" not in text


def test_out_is_refused_before_the_work_is_done(tmp_path):
    """An existing --out is refused first, so a long run is not thrown away at its end."""
    out = tmp_path / "legs.csv"
    out.write_text("kept\n", encoding="utf-8")
    result = run("calls-check", tmp_path / "missing.csv", "--out", out)
    assert result.exit_code == 2
    assert result.stderr == f"error: {out}: exists; pass --force to overwrite it\n"


def test_giving_out_and_the_old_name_together_is_a_usage_error(tmp_path):
    result = run("route", "TWKEL", "CNSHA", "--out", tmp_path / "a", "--output", tmp_path / "b")
    assert result.exit_code == 2
    assert "--output is the old name of --out; give only --out" in result.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_calls_check_out_and_force(tmp_path):
    calls = tmp_path / "calls.csv"
    calls.write_text("vessel,port,arrival,departure,type,service_speed_kn\n"
                     "A,NLRTM,2025-01-01,2025-01-02,ro_ro,12\n"
                     "A,GBSOU,2025-01-10,2025-01-11,ro_ro,12\n", encoding="utf-8")
    out = tmp_path / "legs.csv"
    first = run("calls-check", calls, "--format", "csv", "-o", out)
    assert first.exit_code == 0, first.output
    assert out.read_text().startswith("vessel,")
    assert run("calls-check", calls, "--format", "csv", "-o", out).exit_code == 2
    old = run("calls-check", calls, "--format", "csv", "--output", out, "--force")
    assert old.exit_code == 0, old.output
    assert old.stderr.splitlines()[0] == "warning: --output is deprecated; use --out (-o)"


def test_ais_subcommands_take_the_short_form(tmp_path):
    out = tmp_path / "gaps.csv"
    assert run("ais", "gaps", NMEA, "--format", "csv", "-o", out).exit_code == 0
    assert out.read_text().startswith("mmsi,")
    refused = run("ais", "gaps", NMEA, "--format", "csv", "-o", out)
    assert refused.exit_code == 2
    assert refused.stderr == f"error: {out}: exists; pass --force to overwrite it\n"


@pytest.mark.parametrize(("name", "start"), [("gaps.csv", "mmsi,"), ("gaps.json", "{"),
                                             ("gaps.txt", "     mmsi ")])
def test_out_without_format_writes_the_format_its_suffix_names(tmp_path, name, start):
    out = tmp_path / name
    result = run("ais", "gaps", NMEA, "-o", out)
    assert (result.exit_code, result.stderr) == (0, "")
    assert out.read_text(encoding="utf-8").startswith(start)
    if name.endswith(".json"):
        assert json.loads(out.read_text(encoding="utf-8"))["command"] == "gaps"


def test_out_suffix_the_command_cannot_write_is_refused_before_writing(tmp_path):
    out = tmp_path / "gaps.geojson"
    result = run("ais", "gaps", NMEA, "-o", out)
    assert result.exit_code == 2
    assert result.stderr == (f"error: {out}: voyages ais gaps cannot write geojson; choose "
                             "--format table, json, csv or parquet\n")
    assert not out.exists()


def test_explicit_format_wins_over_the_suffix_with_a_warning(tmp_path):
    out = tmp_path / "gaps.csv"
    result = run("ais", "gaps", NMEA, "-o", out, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == f"warning: {out}: writing json (--format json) into a file named .csv\n"
    assert json.loads(out.read_text(encoding="utf-8"))["command"] == "gaps"


def test_route_out_geojson_writes_geojson(tmp_path):
    out = tmp_path / "route.geojson"
    result = run("route", "TWKEL", "CNSHA", "-o", out)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "Feature"


def test_version_prints_one_line_whether_installed_or_not():
    from click.testing import CliRunner

    from voyages.cli.main import cli

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("voyages, version ") and result.output.count("\n") == 1


def test_a_file_given_twice_is_read_once_with_a_warning(tmp_path):
    """The same --cables file twice gave every cable finding twice; now once, with a
    one-line warning."""
    import json
    import subprocess
    import sys

    routes = tmp_path / "cable.geojson"
    routes.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"id": "c", "name": "Test cable"},
        "geometry": {"type": "LineString", "coordinates": [[121.69, 25.2], [121.69, 25.5]]}}]}),
        encoding="utf-8")
    case = "reports/keelung-2025/case.toml"

    def cables_findings(*extra):
        done = subprocess.run([sys.executable, "-m", "voyages", "check", case, "--format", "json",
                               *extra], capture_output=True, text=True,
                              cwd=Path(__file__).resolve().parents[1])
        found = [f for f in json.loads(done.stdout)["findings"] if f["check"] == "cables"]
        return found, done.stderr

    once, _ = cables_findings("--cables", str(routes))
    twice, stderr = cables_findings("--cables", str(routes), "--cables", str(routes))
    assert len(twice) == len(once) > 0
    assert stderr.count("given twice with --cables; read once") == 1
