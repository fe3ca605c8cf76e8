"""Bad input from a new user: one exact ``error:`` line and exit 2, never a traceback.

Also the CLI's last resorts: an unexpected exception is one ``internal
error`` line with exit 3, and a closed stdout (``voyages check … | head``)
ends quietly with exit 141.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import event

from voyages.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
HEADER = "vessel,port,arrival,departure,type,service_speed_kn\n"
GOOD = {"port": "NLRTM", "arrival": "2025-01-01", "departure": "2025-01-02", "speed": "12"}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def calls_csv(tmp_path, **cells) -> Path:
    row = {**GOOD, **cells}
    path = tmp_path / "c.csv"
    path.write_text(HEADER + f"A,{row['port']},{row['arrival']},{row['departure']},ro_ro,"
                    f"{row['speed']}\nA,GBSOU,2025-01-10,2025-01-11,ro_ro,12\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("cells", "message"), [
    ({"arrival": "2025-13-45"},
     "row 2: arrival: '2025-13-45': month must be in 1..12, got 13"),
    ({"speed": "fast"},
     "row 2: service_speed_kn: expected a speed in knots such as 12.5, got 'fast'"),
    ({"speed": "-5"},
     "row 2: service_speed_kn: a speed must be a finite number of knots > 0, got -5"),
    ({"speed": "nan"},
     "row 2: service_speed_kn: a speed must be a finite number of knots > 0, got nan"),
    ({"speed": "1e9"},
     "row 2: service_speed_kn: a service speed of 1e+09 kn is faster than any ship (at most "
     "60 kn: the Skjold-class corvettes, Guinness World Records); check the unit"),
    ({"arrival": "3000-12-30"},  # pandas: OutOfBoundsDatetime
     "row 2: arrival: '3000-12-30': year 3000 is outside the range voyages accepts "
     "(years 1800–2200)"),
    ({"departure": "9999-12-30"},  # Python: OverflowError
     "row 2: departure: '9999-12-30': year 9999 is outside the range voyages accepts "
     "(years 1800–2200)"),
    ({"departure": "3000-12-30T10:00"},
     "row 2: departure: '3000-12-30T10:00': year 3000 is outside the range voyages accepts "
     "(years 1800–2200)"),
    ({"arrival": "2025-01-05"},
     "row 2: arrival, departure: the departure '2025-01-02' is before the arrival "
     "'2025-01-05'"),
])
def test_calls_check_bad_cell_is_one_line_naming_file_row_and_column(tmp_path, cells, message):
    path = calls_csv(tmp_path, **cells)
    result = run("calls-check", path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}: {message}\n"
    assert "Traceback" not in result.output


def test_calls_check_unknown_port_is_an_unverifiable_leg_naming_the_row(tmp_path):
    result = run("calls-check", calls_csv(tmp_path, port="Atlantis"), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert ("unverifiable,row 2: port: unknown place 'Atlantis' — did you mean "
            "'Atlanta' (USATL)?") in result.stdout


EVENT = event("seen", "sighting", '"Keelung"', "2025-01-03T16:40:00", weekday='"Friday"')


@pytest.mark.parametrize(("old", "new", "message"), [
    ("time = 2025-01-03T16:40:00", "time = 9999-12-31T23:59:00",
     "events[0].time: 9999-12-31T23:59: year 9999 is outside the range voyages accepts "
     "(years 1800–2200)"),
    ("time = 2025-01-03T16:40:00", "time = 0001-01-01T00:00:00",
     "events[0].time: 0001-01-01T00:00: year 1 is outside the range voyages accepts "
     "(years 1800–2200)"),
    ("time = 2025-01-03T16:40:00", 'time = "2201-01"',
     "events[0].time: 2201-01: year 2201 is outside the range voyages accepts "
     "(years 1800–2200)"),
    ('place = "Keelung"', 'place = { of = "Yehliu", distance = "-7 nmi", bearing = "N" }',
     "events[0].place.distance: distance must be >= 0, got '-7 nmi'; give the bearing the "
     "other way instead"),
    ('place = "Keelung"', 'place = { of = "Yehliu", distance = "7 nmi", bearing = 400 }',
     "events[0].place.bearing: bearing must be degrees true from 0 to 360, got 400"),
    ('place = "Keelung"', 'place = { of = "Yehliu", distance_nm = inf, bearing = 0 }',
     "events[0].place.distance_nm: input should be a finite number"),
    ('name = "Test Ship"', 'name = "Test Ship"\nflag = "ZZ"',
     "vessels[0].flag: expected an ISO 3166-1 alpha-2 country code such as 'RU', got 'ZZ'"),
    ('id = "t"', 'id = "../../../escape"',
     "case.id: '../../../escape' is not a safe id: use letters, digits, '-', '_' and '.', "
     "starting with a letter or digit (e.g. 'keelung-2025')"),
    ('id = "ship"', 'id = "a/b"',
     "vessels[0].id: 'a/b' is not a safe id: use letters, digits, '-', '_' and '.', "
     "starting with a letter or digit (e.g. 'keelung-2025')"),
    ("published = 2025-01-05", "published = 0001-01-05",
     "sources[0].published: 0001-01-05: year 1 is outside the range voyages accepts "
     "(years 1800–2200)"),
])
def test_check_bad_case_field_is_one_line_naming_the_field(write_case, old, new, message):
    path = write_case(EVENT)
    text = path.read_text(encoding="utf-8")
    assert old in text
    if new.startswith('id = "a/b"'):
        text = text.replace('subject = "ship"', 'subject = "a/b"')
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"error: {path}: {message}\n"


def test_year_range_ends_are_accepted(write_case):
    path = write_case(event("a", "sighting", '"Keelung"', "1800-01-01T00:00:00")
                      + event("b", "sighting", '"Keelung"', "2200-12-31T23:59:00",
                              weekday='"Wednesday"'))
    result = run("check", path)
    assert result.exit_code == 0, result.output


def test_unexpected_exception_is_one_internal_error_line_exit_3(monkeypatch, write_case):
    import voyages.casefile

    def broken(path):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(voyages.casefile, "load_case", broken)
    result = run("check", write_case())
    assert result.exit_code == 3
    assert result.stderr == ("error: internal error: RuntimeError: boom second line "
                             "(please report)\n")


@pytest.mark.parametrize("args", [
    pytest.param(["check", "reports/keelung-2025"], marks=pytest.mark.slow),
    pytest.param(["check", "reports/keelung-2025", "--format", "json"], marks=pytest.mark.slow),
    ["screen", "Adler"],
])
def test_closed_stdout_exits_141_quietly(args):
    read, write = os.pipe()
    os.close(read)  # like `| head -1` once head has exited
    try:
        done = subprocess.run([sys.executable, "-m", "voyages", *args], stdout=write,
                              stderr=subprocess.PIPE, cwd=ROOT, timeout=120, check=False)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, b"")


def _cut_off_after_first_line(argv: list[str]) -> subprocess.CompletedProcess:
    """Run ``argv`` like ``argv | head -1``: read one line of stdout, then close it while
    the command is still writing (so its pending write is cut off half-way)."""
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          cwd=ROOT) as proc:
        first = proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read()
        returncode = proc.wait(timeout=120)
    return subprocess.CompletedProcess(argv, returncode, first, stderr)


def test_output_cut_off_half_way_exits_141_quietly():
    # One 2 MB write: the pipe takes 64 KB, the reader leaves, the write returns short.
    script = ("import sys, click\n"
              "from voyages.cli.main import cli, main\n"
              "cli.add_command(click.Command('big', callback=lambda: click.echo('x\\n' * 10**6)))\n"
              "sys.argv = ['voyages', 'big']\n"
              "main()\n")
    done = _cut_off_after_first_line([sys.executable, "-c", script])
    assert (done.returncode, done.stdout, done.stderr) == (141, b"x\n", b"")


def test_ais_listing_cut_off_exits_141_quietly(tmp_path):
    # `voyages ais gaps FILE --format json | head -1`: about 1 MB of JSON in one write
    rows = ["MMSI,BaseDateTime,LAT,LON"]
    for i in range(3000):
        rows += [f"{211000000 + i},2025-01-01T00:00:00,54.0,{3 + i / 1e4:.4f}",
                 f"{211000000 + i},2025-01-02T00:00:00,54.5,{4 + i / 1e4:.4f}"]
    track = tmp_path / "gaps.csv"
    track.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = _cut_off_after_first_line([sys.executable, "-m", "voyages", "ais", "gaps",
                                      str(track), "--format", "json"])
    assert (done.returncode, done.stdout, done.stderr) == (141, b"{\n", b"")


@pytest.mark.parametrize(("args", "line"), [
    (["check"], "error: Missing argument 'CASE' (see 'voyages check --help')"),
    (["--bogus"], "error: No such option '--bogus' (see 'voyages --help')"),
    (["frob"], "error: No such command 'frob' (see 'voyages --help')"),
    (["ais", "frob"], "error: No such command 'frob' (see 'voyages ais --help')"),
    (["ais", "identity", "x.csv", "--bogus"],
     "error: No such option '--bogus'. Did you mean '--out'? (see 'voyages ais identity --help')"),
    (["ais", "gaps", "x.csv", "--format", "xml"],
     "error: Invalid value for '--format': 'xml' is not one of 'table', 'json', 'csv', "
     "'parquet' (see 'voyages ais gaps --help')"),
    (["screen", "x", "--as-of", "2020-13-01"],
     "error: Invalid value for '--as-of': '2020-13-01' is not a date (YYYY-MM-DD) "
     "(see 'voyages screen --help')"),
])
def test_usage_errors_are_one_error_line_exit_2(args, line):
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line + "\n")


def test_usage_error_names_voyages_however_it_was_started_and_help_is_unchanged():
    done = subprocess.run([sys.executable, "-m", "voyages", "check", "--bogus"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", "error: No such option '--bogus' (see 'voyages check --help')\n")
    result = run("check", "--help")
    assert result.exit_code == 0 and result.stdout.startswith("Usage: ")
    assert "Run every check on CASE" in result.stdout


def test_truncated_route_file_says_where_in_plain_words(tmp_path):
    from voyages.cables import read_routes
    from voyages.errors import DataFileError

    path = tmp_path / "routes.geojson"
    path.write_text('{"type": "FeatureCollection",\n "name": "cut', encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        read_routes(path)
    assert str(err.value) == (f"{path}: not JSON (Unterminated string starting at: line 2 "
                              "column 10); expected a GeoJSON file of cable routes")


def test_screen_list_that_is_a_folder(tmp_path):
    result = run("screen", "x", "--list", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path}: is a folder, not a list file\n"
