"""What a new user ran into with `voyages ais …` and `voyages check --ais/--cables`.

Each test reproduces one reported problem: binary or empty route files,
NOAA CSVs without the optional columns, results that came out empty
without a word, and the options the README and `--help` disagreed on.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from voyages import ais
from voyages.ais.columns import POSITION_COLUMNS
from voyages.cables import read_routes
from voyages.cli.main import cli
from voyages.errors import DataFileError, VoyagesWarning

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def invoke(*args: str):
    return CliRunner().invoke(cli, [*args])


@pytest.fixture()
def noaa_short(tmp_path):
    """A NOAA MarineCadastre extract with only MMSI,BaseDateTime,LAT,LON,SOG,COG."""
    path = tmp_path / "noaa_short.csv"
    path.write_text("MMSI,BaseDateTime,LAT,LON,SOG,COG\n"
                    "123456789,2025-01-01T00:00:00,59.0,20.0,10.0,90\n"
                    "123456789,2025-01-01T14:00:00,59.0,21.0,10.0,90\n", encoding="utf-8")
    return path


# --- route files that are not GeoJSON -------------------------------------------------------

@pytest.mark.parametrize(("content", "words"), [
    (PNG, "not a text file"),
    (b"", "empty file"),
    (b"   \n", "empty file"),
    (b"[1, 2]", "not a GeoJSON object"),
    (b'{"type": "FeatureCollection", "features": []}', "no routes in the file"),
    (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": "x"}]}',
     "geometry is not a GeoJSON object"),
    (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": [1], '
     b'"geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}}]}',
     "'properties' is not a JSON object"),
    (b'{"type": "MultiLineString", "coordinates": 5}', "not a list of lines"),
    (b'{"type": "GeometryCollection", "geometries": 5}', "'geometries' is not a list"),
])
def test_bad_route_file_is_a_data_file_error(tmp_path, content, words):
    path = tmp_path / "routes.png"
    path.write_bytes(content)
    with pytest.raises(DataFileError, match=words) as err:
        read_routes(path)
    assert str(path) in str(err.value)


def test_png_as_cables_exits_2_with_one_line(tmp_path, noaa_short):
    png = tmp_path / "img.png"
    png.write_bytes(PNG)
    result = invoke("ais", "cables", str(noaa_short), "--cables", str(png))
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        f"error: {png}: not a text file (byte 0 is not UTF-8); expected a GeoJSON file of "
        "cable routes"]


def test_png_as_cables_in_check_exits_2(tmp_path):
    pytest.importorskip("voyages.casefile")
    from voyages._data import data_dir

    case = data_dir("reports") / "keelung-2025" / "case.toml"
    if not case.exists():
        pytest.skip("bundled Keelung case not present")
    png = tmp_path / "img.png"
    png.write_bytes(PNG)
    result = invoke("check", str(case), "--cables", str(png))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"error: {png}: not a text file" in result.output


def test_empty_feature_collection_says_no_routes(tmp_path, noaa_short):
    path = tmp_path / "empty.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    result = invoke("ais", "cables", str(noaa_short), "--cables", str(path))
    assert result.exit_code == 2
    assert f"error: {path}: no routes in the file" in result.output


def test_truncated_gzip_is_a_data_file_error(tmp_path):
    path = tmp_path / "track.nmea.gz"
    path.write_bytes(b"\x1f\x8bxx")
    result = invoke("ais", "summary", str(path))
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {path}: corrupt or truncated gzip file")


# --- CSV columns ----------------------------------------------------------------------------

def test_noaa_csv_without_heading_and_status_reads(noaa_short):
    frame = ais.read(noaa_short)
    assert list(frame.columns) == list(POSITION_COLUMNS)
    assert len(frame) == 2
    assert frame["heading_deg"].isna().all()
    assert (frame["nav_status"] == 15).all()  # ITU-R M.1371 "undefined"
    assert frame["sog_kn"].tolist() == [10.0, 10.0]


def test_noaa_csv_without_heading_and_status_on_the_cli(noaa_short):
    result = invoke("ais", "gaps", str(noaa_short), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert [r["duration_h"] for r in rows] == [14.0]


def test_csv_missing_a_required_column_names_it_on_the_cli(tmp_path):
    path = tmp_path / "nolon.csv"
    path.write_text("MMSI,BaseDateTime,LAT,SOG\n123456789,2025-01-01T00:00:00,59.0,10\n",
                    encoding="utf-8")
    result = invoke("ais", "gaps", str(path))
    assert result.exit_code == 2
    line, = result.output.strip().splitlines()
    assert line.startswith(f"error: {path}: AIS CSV without the required column(s) lon")


def test_mapping_to_a_column_the_file_lacks_names_it(noaa_short):
    with pytest.raises(DataFileError, match=r"missing required column\(s\) Longitude"):
        ais.read(noaa_short, format="csv", columns={"lon": "Longitude"})


# --- results that were empty without a word -------------------------------------------------

def test_mmsi_not_in_file_is_an_error(noaa_short):
    result = invoke("ais", "gaps", str(noaa_short), "--mmsi", "999999999")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {noaa_short}: no positions for MMSI 999999999 (the file has 1 vessel(s); "
        "`voyages ais summary FILE` lists them)")


def test_all_times_bad_warns_in_the_library_and_on_stderr(tmp_path):
    path = tmp_path / "badtime.csv"
    path.write_text("MMSI,BaseDateTime,LAT,LON,SOG,COG\n"
                    "123456789,garbage,59.0,20.0,10,90\n"
                    "123456789,rubbish,59.0,20.0,10,90\n", encoding="utf-8")
    with pytest.warns(VoyagesWarning, match="0 positions read: 2 lines bad_time"):
        assert ais.read(path).empty
    result = CliRunner().invoke(cli, ["ais", "gaps", str(path)])
    assert result.exit_code == 0
    assert (f"warning: {path}: 0 positions read: 2 lines bad_time (first: line 2: "
            "123456789,garbage,59.0,20.0,10,90)") in result.stderr
    assert "warning" not in result.stdout


def test_a_read_with_positions_does_not_warn(noaa_short):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(ais.read(noaa_short)) == 2


# --- a reported arrival against the track's port call ---------------------------------------

def _arrival_track(tmp_path):
    """Approaching Conakry from the west at 12 kn, reports every 30 min from 7 Jan 22:00, the
    first report inside the port at 2025-01-08 02:30 UTC; then stopped there, hourly, a day."""
    import pandas as pd

    from tests.test_ais_investigate_cli import write_noaa
    from voyages.places import offset_place, resolve_place

    port = resolve_place("GNCKY")
    approach = pd.date_range("2025-01-07 22:00", "2025-01-08 02:00", freq="30min", tz="UTC")
    rows = []
    for i, t in enumerate(approach):
        p = offset_place(port, distance_nm=6.0 * (len(approach) - i), bearing="W")
        rows.append({"mmsi": 636000001, "time": t, "lat": p.lat, "lon": p.lon, "sog_kn": 12.0})
    for t in pd.date_range("2025-01-08 02:30", periods=25, freq="1h", tz="UTC"):
        rows.append({"mmsi": 636000001, "time": t, "lat": port.lat, "lon": port.lon,
                     "sog_kn": 0.0})
    return write_noaa(tmp_path / "arrival.csv", pd.DataFrame(rows)), port


@pytest.mark.parametrize(("reported", "verdict", "difference_h"), [
    ("2025-01-08T01:30", "consistent", 0.0),   # 02:00 to the hour: ends at the first report in
    ("2025-01-08T02:30", "consistent", 0.0),   # berthing after entry: inside the call
    ("2025-01-08T00:30", "tight", 0.5),        # 01:00 to the hour; the report before is 02:00
    ("2025-01-07T22:30", "implausible", 2.5),  # 23:00 to the hour, the track at sea then
])
def test_reported_arrival_against_the_call(tmp_path, reported, verdict, difference_h):
    from tests.test_ais_investigate_cli import _case, _time
    from voyages.checks import CheckContext, ais_claims
    from voyages.records import Event, EventKind, Vessel

    path, port = _arrival_track(tmp_path)
    event = Event(id="arrive", subject="a", kind=EventKind.ARRIVAL, source="s", quote="q",
                  place=port, time=_time(reported, 1.0))
    findings = ais_claims.check(_case([Vessel(id="a", name="T", mmsi="636000001")], [event]),
                                CheckContext(ais_files=(path,)))
    (found,) = [f for f in findings if f.check == "ais_events"]
    assert found.verdict == verdict, found.summary
    assert found.evidence["difference_h"] == pytest.approx(difference_h)
    assert found.evidence["call_arrival"] == "2025-01-08T02:30:00+00:00"
    assert found.evidence["call_arrival_earliest"] == "2025-01-08T02:00:00+00:00"
    assert found.evidence["tolerance_h"] == 1.0


@pytest.mark.parametrize(("distance_nm", "kind", "verdict"), [
    (1.1, "arrival", "consistent"),      # inside the 3 km (1.6 nm) port radius
    (1.1, "departure", "consistent"),
    (1.1, "port_stay", "consistent"),
    (4.0, "arrival", "unverifiable"),    # near the port (7.4 km), outside its radius
    (20.0, "arrival", "implausible"),    # at sea, far from it
])
def test_a_single_fix_in_the_port_is_not_a_missed_call(tmp_path, distance_nm, kind, verdict):
    """Sparse (satellite) AIS: one fix cannot make a port call, but it places the ship."""
    import pandas as pd

    from tests.test_ais_investigate_cli import _case, _time, write_noaa
    from voyages.checks import CheckContext, ais_claims
    from voyages.places import offset_place, resolve_place
    from voyages.records import Event, EventKind, Precision, Vessel

    port = resolve_place("GNCKY")
    fix = offset_place(port, distance_nm=distance_nm, bearing="S")
    path = write_noaa(tmp_path / "one.csv", pd.DataFrame([{
        "mmsi": 636000001, "time": pd.Timestamp("2025-01-08 00:00", tz="UTC"),
        "lat": fix.lat, "lon": fix.lon, "sog_kn": 8.0}]))  # under way: no stop, no call
    event = Event(id="e", subject="a", kind=EventKind(kind), source="s", quote="q", place=port,
                  time=_time("2025-01-07T12:00", 24.0, Precision.DAY))
    findings = ais_claims.check(_case([Vessel(id="a", name="T", mmsi="636000001")], [event]),
                                CheckContext(ais_files=(path,)))
    (found,) = [f for f in findings if f.check == "ais_events"]
    assert found.verdict == verdict, found.summary
    assert found.evidence["distance_nm"] == pytest.approx(distance_nm, abs=0.05)
    if verdict == "consistent":
        assert "inside its 3 km port radius" in found.summary


def test_a_call_open_at_the_file_end_says_so(tmp_path):
    from tests.test_ais_investigate_cli import _case, _time
    from voyages.checks import CheckContext, ais_claims
    from voyages.records import Event, EventKind, Vessel

    path, port = _arrival_track(tmp_path)
    event = Event(id="leave", subject="a", kind=EventKind.DEPARTURE, source="s", quote="q",
                  place=port, time=_time("2025-01-09T02:00", 1.0))
    findings = ais_claims.check(_case([Vessel(id="a", name="T", mmsi="636000001")], [event]),
                                CheckContext(ais_files=(path,)))
    (found,) = [f for f in findings if f.check == "ais_events"]
    assert "runs on past the file's last report" in found.summary
    assert "start or end" not in found.summary


# --- Parquet columns checked like a CSV's -----------------------------------------------------

def _parquet(tmp_path, name, **columns):
    import pandas as pd

    base = {"mmsi": [412345678, 412345678, 412345678],
            "time": pd.to_datetime(["2025-01-01 00:00", "2025-01-01 01:00", "2025-01-01 02:00"],
                                   utc=True),
            "lat": [1.0, 1.1, 1.2], "lon": [2.0, 2.1, 2.2]}
    base.update(columns)
    path = tmp_path / f"{name}.parquet"
    pd.DataFrame(base).to_parquet(path)
    return path


@pytest.mark.parametrize(("column", "values", "message"), [
    ("time", ["x", "y", "z"], "column 'time' is not a timestamp (got"),
    ("mmsi", ["abc", "abd", "abe"], "column 'mmsi' is not an MMSI (got"),
    ("lat", ["a", "b", "c"], "column 'lat' is not a latitude (got"),
])
def test_parquet_with_an_unreadable_text_column_is_one_error(tmp_path, column, values, message):
    path = _parquet(tmp_path, "bad", **{column: values})
    with pytest.raises(DataFileError, match=re.escape(message)):
        ais.read(path)
    result = invoke("ais", "gaps", str(path))
    assert result.exit_code == 2
    assert message in result.output and str(path) in result.output
    assert "internal error" not in result.output


def test_parquet_text_columns_are_read_as_a_csv_is(tmp_path):
    path = _parquet(tmp_path, "text", time=["2025-01-01T00:00Z", "2025-01-01T01:00Z", "bad"],
                    mmsi=["412345678", "412345678", "412345678"], lat=["1.0", "1.1", "1.2"])
    with pytest.warns(VoyagesWarning, match="1 bad_time"):
        positions = ais.read(path)
    assert positions.columns.tolist() == list(POSITION_COLUMNS)
    assert len(positions) == 2 and str(positions["time"].dtype) == "datetime64[ns, UTC]"
    assert positions["lat"].tolist() == [1.0, 1.1]
    assert ais.read_report(positions)["bad_lines"]["bad_time"]["count"] == 1


def test_parquet_with_noaa_column_names_reads(tmp_path):
    import pandas as pd

    path = tmp_path / "noaa.parquet"
    pd.DataFrame({"MMSI": [412345678, 412345678], "BaseDateTime": ["2025-01-01T00:00:00",
                                                                  "2025-01-01T01:00:00"],
                  "LAT": [25.0, 25.1], "LON": [121.0, 121.1], "SOG": [10.0, 102.3]}
                 ).to_parquet(path)
    positions = ais.read(path)
    assert positions["time"].tolist() == list(pd.to_datetime(
        ["2025-01-01 00:00", "2025-01-01 01:00"], utc=True))
    assert positions["sog_kn"].iloc[0] == 10.0 and pd.isna(positions["sog_kn"].iloc[1])
    assert invoke("ais", "summary", str(path)).exit_code == 0


# --- the drag signature when most of the file is the slow run -------------------------------

def test_a_drag_that_fills_most_of_the_file_is_still_flagged():
    """69 of 102 reports at 6 kn between 12 kn stretches, across three cables: the usual
    speed is the 12 kn outside the slow run, not the file's median (6 kn)."""
    from tests.test_ais_cables import NM_DEG, eastbound
    from voyages.ais.cables import cable_crossings
    from voyages.cables import routes_frame

    speeds = [12.0] * 17 + [6.0] * 69 + [12.0] * 16
    track = eastbound(speeds, cross_at=17 + 34)
    routes = routes_frame([(f"c{i}", f"Cable {i}", [[(20.0 + k * NM_DEG, 59.0),
                                                    (20.0 + k * NM_DEG, 60.0)]])
                           for i, k in enumerate((-20, 0, 20))])
    passages = cable_crossings(track, routes)
    assert len(passages) == 3
    assert passages["drag_signature"].all()
    assert (passages["usual_speed_kn"] == 12.0).all()
    assert passages["speed_ratio"].tolist() == pytest.approx([0.5, 0.5, 0.5])
    assert (passages["slow_run_routes"] == 3).all()
    assert passages["slow_run_distance_nm"].iloc[0] == pytest.approx(68.0, abs=1e-6)


def test_a_ship_that_is_always_slow_is_not_dragging():
    """A 6 kn coaster over 80 nm: its own usual speed is 6 kn, so nothing is slow for it."""
    from tests.test_ais_cables import CABLE, eastbound
    from voyages.ais.cables import cable_crossings

    p = cable_crossings(eastbound([6.0] * 81, cross_at=40), CABLE).iloc[0]
    assert p.usual_speed_kn == 6.0 and not p.drag_signature


# --- receiver times to the source's resolution ----------------------------------------------

def test_gatehouse_milliseconds_are_exact(tmp_path):
    import pandas as pd

    from tests.aisfix import checksum, position

    body = "PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09"
    path = tmp_path / "gh.nmea"
    path.write_text(f"${body}*{checksum(body)}\n{position(244000001, 52.0, 4.0, sog=10.0)}\n",
                    encoding="ascii")
    (when,) = ais.read(path)["time"].tolist()
    assert when == pd.Timestamp("2008-05-09T00:00:00.010", tz="UTC")
    assert when.nanosecond == 0 and when.microsecond == 10_000


# --- small CLI things -----------------------------------------------------------------------

def test_scheduler_with_engine_pandas_is_an_error(noaa_short):
    result = invoke("ais", "gaps", str(noaa_short), "--engine", "pandas",
                    "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert "--scheduler tcp://127.0.0.1:8786 needs --engine dask" in result.output


def test_scheduler_alone_implies_dask(noaa_short, monkeypatch):
    import voyages.ais.dask as ais_dask

    seen = {}

    def fake_run_on_cluster(func, positions, *, scheduler=None, **kwargs):
        seen["scheduler"] = scheduler
        return func(positions, **kwargs)

    monkeypatch.setattr(ais_dask, "run_on_cluster", fake_run_on_cluster)
    result = invoke("ais", "gaps", str(noaa_short), "--scheduler", "tcp://10.0.0.1:8786")
    assert result.exit_code == 0, result.output
    assert seen == {"scheduler": "tcp://10.0.0.1:8786"}


def test_csv_on_stdout_ends_with_one_newline(noaa_short):
    result = invoke("ais", "gaps", str(noaa_short), "--format", "csv")
    assert result.exit_code == 0
    assert result.output.endswith("\n") and not result.output.endswith("\n\n")
    assert len(result.output.splitlines()) == 2  # header and the one gap


# --- the README's examples are the real output ----------------------------------------------

from tests.test_ais_cables import SHARED  # noqa: E402  the shared data folder, or None

CABLES_DATA = SHARED / "data" / "cables" if SHARED is not None else Path("/nonexistent")


@pytest.mark.slow
@pytest.mark.skipif(not (CABLES_DATA / "tw-smc").exists(), reason="needs ../shared/data/cables")
def test_readme_check_cables_example_is_the_real_output():
    from voyages.casefile import load_case
    from voyages.checks import CheckContext, cables

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    command = "$ voyages check reports/keelung-2025/case.toml --cables tw-smc/"
    block = readme[readme.index(command):]
    shown = block[block.index("\n") + 1:block.index("```")].splitlines()
    case = load_case(Path(__file__).resolve().parents[1] / "reports/keelung-2025/case.toml")
    routes = (CABLES_DATA / "tw-smc/cable-segments.geojson",
              CABLES_DATA / "telegeography/cable-geo.json")
    found = cables.check(case, CheckContext(cable_routes=routes))
    assert shown == [f"{f.verdict}\t{f.subject}\t{f.summary}" for f in found]


def test_readme_says_what_summary_takes():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    result = invoke("ais", "summary", "--help")
    options = sorted(set(re.findall(r"--[a-z][a-z-]+", result.output)) - {"--help"})
    assert options == ["--format", "--time-format"]
    assert "`voyages ais summary FILE [--format\ntable|json]` describes the whole file (no other " \
           "options but\n`--time-format`" in readme
    assert "[table|json]" in result.output


@pytest.mark.parametrize(("command", "says"), [
    ("loiter", "Global Fishing Watch's encounter duration"),
    ("cables", "NEAR_NM"),
    ("cables", "Eagle S 2024"),
    ("identity", "HSC Francisco's 58.1 kn"),
    ("stops", "MovingPandas sets none"),
])
def test_help_says_where_each_default_comes_from(command, says):
    result = invoke("ais", command, "--help")
    assert result.exit_code == 0
    assert says in " ".join(result.output.split())


def test_stops_has_no_default_thresholds(noaa_short):
    result = invoke("ais", "stops", str(noaa_short))
    assert result.exit_code == 2 and "Missing option '--max-diameter-m'" in result.output
