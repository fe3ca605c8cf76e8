"""`voyages ais cables|encounters|identity` and `voyages check --cables/--ais`: exit codes,
JSON, and the claims-against-the-track findings on hand-made files."""

from __future__ import annotations

import json
from datetime import timedelta

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from tests.test_ais_cables import drag_track, silent_drag
from tests.test_ais_encounters import pair
from voyages.checks import CheckContext, ais_claims, cables
from voyages.cli.main import cli
from voyages.places import offset_place, resolve_place
from voyages.records import Case, Event, EventKind, Precision, ReportedTime, Source, Vessel

NOAA_HEADER = ("MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,"
               "Status,Length,Width,Draft,Cargo,TransceiverClass")


def write_noaa(path, frame: pd.DataFrame, *, names=None, imos=None):
    """Positions as a NOAA MarineCadastre CSV (the format `voyages.ais.read` detects)."""
    names = names or {}
    imos = imos or {}
    lines = [NOAA_HEADER]
    for row in frame.itertuples():
        imo = f"IMO{imos[row.mmsi]}" if row.mmsi in imos else ""
        lines.append(f"{row.mmsi},{row.time:%Y-%m-%dT%H:%M:%S},{row.lat:.6f},{row.lon:.6f},"
                     f"{row.sog_kn:.1f},90.0,90.0,{names.get(row.mmsi, '')},{imo},,70,0,"
                     "150,25,8.0,,A")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cable_file(tmp_path, coords, name="cable.geojson"):
    doc = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Test cable", "id": "t1"},
        "geometry": {"type": "LineString", "coordinates": coords}}]}
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_ais_cables_json_reports_the_drag(tmp_path):
    track = write_noaa(tmp_path / "track.csv", drag_track(51))
    routes = cable_file(tmp_path, [[20.0, 59.0], [20.0, 60.0]])
    result = run("ais", "cables", track, "--cables", routes, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["command"] == "cable passages"
    (row,) = doc["rows"]
    assert row["crossed"] is True and row["drag_signature"] is True
    assert row["sog_at_crossing_kn"] == pytest.approx(6.0)
    assert row["slow_run_distance_nm"] == pytest.approx(51.0, abs=0.01)
    # the threshold is an option
    result = run("ais", "cables", track, "--cables", routes, "--format", "json",
                 "--drag-min-nm", "60", "--drag-only")
    assert result.exit_code == 0 and json.loads(result.output)["rows"] == []


def test_ais_cables_bridges_a_short_silence_and_both_limits_are_options(tmp_path):
    track = write_noaa(tmp_path / "gap70.csv", silent_drag(70))
    routes = cable_file(tmp_path, [[20.0, 59.0], [20.0, 60.0]])
    result = run("ais", "cables", track, "--cables", routes, "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)["rows"]
    assert row["drag_signature"] is True
    assert row["slow_run_silent_h"] == pytest.approx(70 / 60, abs=1e-6)
    # a bridging limit under the silence splits the run; a gap limit over it makes the
    # silence an ordinary segment (judged by its SOGs), not a bridged one
    for option, value, drag in (("--max-bridge-h", "1", False), ("--max-gap-h", "2", True)):
        result = run("ais", "cables", track, "--cables", routes, "--format", "json",
                     option, value)
        assert result.exit_code == 0, result.output
        (row,) = json.loads(result.output)["rows"]
        assert row["drag_signature"] is drag and row["slow_run_silent_h"] == 0.0


@pytest.mark.parametrize("option", ["--near-nm", "--drag-min-nm", "--max-gap-h",
                                    "--max-bridge-h"])
@pytest.mark.parametrize("value", ["inf", "nan", "-1"])
def test_ais_cables_refuses_a_threshold_that_is_not_finite_or_negative(tmp_path, option,
                                                                        value):
    track = write_noaa(tmp_path / "track.csv", drag_track(5))
    routes = cable_file(tmp_path, [[20.0, 59.0], [20.0, 60.0]])
    result = run("ais", "cables", track, "--cables", routes, option, value)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (f"error: {option} must be a finite number >= 0, "
                                     f"got {value}")


def test_ais_cables_needs_routes_and_names_a_bad_file(tmp_path):
    track = write_noaa(tmp_path / "track.csv", drag_track(5))
    assert run("ais", "cables", track).exit_code == 2  # --cables is required
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json", encoding="utf-8")
    result = run("ais", "cables", track, "--cables", bad)
    assert result.exit_code == 2
    assert "error:" in result.output and "bad.geojson" in result.output
    assert "Traceback" not in result.output


def test_ais_encounters_json(tmp_path):
    path = write_noaa(tmp_path / "pair.csv", pair())
    result = run("ais", "encounters", path, "--format", "json", "--min-anchorage-km", "0")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)["rows"]
    assert (row["mmsi_1"], row["mmsi_2"]) == (273000002, 613000001)
    assert row["duration_h"] == pytest.approx(3.0)
    result = run("ais", "encounters", path, "--format", "json", "--min-anchorage-km", "0",
                 "--min-hours", "4")
    assert json.loads(result.output)["rows"] == []


def test_ais_identity_flags_and_bad_flag_option(tmp_path):
    path = write_noaa(tmp_path / "pair.csv", pair(), names={613000001: "SHUNXIN39"},
                      imos={613000001: "9329761"})
    result = run("ais", "identity", path, "--flag", "613000001=PA", "--format", "json")
    assert result.exit_code == 0, result.output
    kinds = {(r["mmsi"], r["anomaly"]) for r in json.loads(result.output)["rows"]}
    assert (613000001, "mid_flag_mismatch") in kinds
    assert (613000001, "imo_check_digit") in kinds
    result = run("ais", "identity", path, "--flag", "PANAMA")
    assert result.exit_code == 2 and "expected MMSI=CC" in result.output


def test_ais_identity_flag_refused_as_case_files_refuse_it(tmp_path):
    path = write_noaa(tmp_path / "pair.csv", pair())
    result = run("ais", "identity", path, "--flag", "613000001=ZZ")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("error: --flag '613000001=ZZ': expected an ISO 3166-1 alpha-2 "
                             "country code such as 'RU', got 'ZZ'\n")
    # an MMSI the file does not hold: the error --mmsi gives, not an invented anomaly row
    expected = (f"error: {path}: no positions for MMSI 111 (the file has 2 vessel(s); "
                "`voyages ais summary FILE` lists them)\n")
    for option in ("--flag", "--mmsi"):
        result = run("ais", "identity", path, option, "111=CM" if option == "--flag" else "111")
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected)
    result = run("ais", "identity", path, "--flag", "273000002=ru", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["rows"] == []


# --- checks ----------------------------------------------------------------------------

def _time(start: str, hours: float, precision=Precision.HOUR) -> ReportedTime:
    t0 = pd.Timestamp(start, tz="UTC").to_pydatetime()
    return ReportedTime(t0, t0 + timedelta(hours=hours), precision, start)


def _case(vessels, events) -> Case:
    return Case(id="t", title="Test", sources={"s": Source(id="s", publisher="Test")},
                vessels={v.id: v for v in vessels}, events=tuple(events))


def test_cables_check_near_and_far(tmp_path):
    yehliu_n = offset_place(resolve_place("25.20, 121.69"), distance_nm=7, bearing="N")
    event = Event(id="seen", subject="v", kind=EventKind.SIGHTING, source="s", quote="q",
                  place=yehliu_n, time=_time("2025-01-03T08:40", 1))
    case = _case([Vessel(id="v", name="Test ship")], [event])
    lon = yehliu_n.lon
    near = cable_file(tmp_path, [[lon + 0.005, 25.0], [lon + 0.005, 25.6]], "near.geojson")
    far = cable_file(tmp_path, [[lon + 0.2, 25.0], [lon + 0.2, 25.6]], "far.geojson")
    (ok,) = cables.check(case, CheckContext(cable_routes=(near,)))
    assert ok.verdict == "consistent" and ok.evidence["distance_nm"] < 1.0
    (no,) = cables.check(case, CheckContext(cable_routes=(far,)))
    assert no.verdict == "unverifiable"
    assert no.evidence["distance_nm"] == pytest.approx(10.9, abs=0.2)
    assert "may have moved" in no.summary
    assert cables.check(case, CheckContext()) == []


def test_check_cli_with_cables_on_the_keelung_case(tmp_path):
    routes = cable_file(tmp_path, [[121.0, 25.2], [122.5, 25.2]], "keelung.geojson")
    result = run("check", "reports/keelung-2025/case.toml", "--cables", routes,
                 "--format", "json")
    assert result.exit_code in (0, 1), result.output
    found = [f for f in json.loads(result.output)["findings"] if f["check"] == "cables"]
    assert {f["evidence"]["event"] for f in found} >= {"cga-locates-shunxin"}
    for f in found:
        assert f["evidence"]["route_file"].endswith("keelung.geojson")


def _conakry_track(mmsi=636000001):
    """At the gazetteer's Conakry point, stopped, from 8 Jan 06:00 for 30 h, reports hourly,
    then 12 kn due west for 6 h."""
    port = resolve_place("GNCKY")
    times = pd.date_range("2025-01-08 06:00", periods=31, freq="1h", tz="UTC")
    stay = pd.DataFrame({"mmsi": mmsi, "time": times, "lat": port.lat, "lon": port.lon,
                         "sog_kn": 0.0})
    _, m_lon = (float(v[0]) for v in __import__("voyages.ais._frame", fromlist=["x"])
                .metres_per_degree(np.array([port.lat])))
    leave_t = times[-1] + pd.to_timedelta(np.arange(1, 7), unit="h")
    leave = pd.DataFrame({"mmsi": mmsi, "time": leave_t, "lat": port.lat,
                          "lon": port.lon - np.arange(1, 7) * 12 * 1852.0 / m_lon,
                          "sog_kn": 12.0})
    return pd.concat([stay, leave], ignore_index=True), port


def test_claims_against_the_track(tmp_path):
    track, port = _conakry_track()
    path = write_noaa(tmp_path / "conakry.csv", track, names={636000001: "TEST TRADER"},
                      imos={636000001: "9329760"})
    at_sea = offset_place(port, distance_nm=12, bearing="W")  # where it is at 13:00
    vessels = [Vessel(id="a", name="Test Trader", imo="9329760"),  # matched by IMO
               Vessel(id="b", name="Nowhere", mmsi="273000009")]   # absent
    events = [
        Event(id="stay", subject="a", kind=EventKind.PORT_STAY, source="s", quote="q",
              place=port, time=_time("2025-01-08T12:00", 24, Precision.DAY)),
        Event(id="arrive-late", subject="a", kind=EventKind.ARRIVAL, source="s", quote="q",
              place=port, time=_time("2025-01-11T00:00", 24, Precision.DAY)),
        Event(id="seen-at-sea", subject="a", kind=EventKind.SIGHTING, source="s", quote="q",
              place=at_sea, time=_time("2025-01-09T13:00", 1)),
        Event(id="seen-wrong", subject="a", kind=EventKind.SIGHTING, source="s", quote="q",
              place=offset_place(port, distance_nm=12, bearing="N"),
              time=_time("2025-01-09T13:00", 1)),
    ]
    findings = ais_claims.check(_case(vessels, events), CheckContext(ais_files=(path,)))
    by = {(f.check, f.evidence.get("event", f.subject)): f for f in findings}
    match = by[("ais_match", "Test Trader")]
    assert match.verdict == "consistent" and match.evidence["matched_by"] == "imo"
    assert match.evidence["mmsi"] == 636000001
    absent = by[("ais_match", "Nowhere")]
    assert absent.verdict == "unverifiable" and "not in the AIS data" in absent.summary
    assert by[("ais_events", "stay")].verdict == "consistent"
    late = by[("ais_events", "arrive-late")]
    # the call ends 9 Jan 12:00 (last report in port), the departure before 13:00 (the next
    # report, at sea); the report starts 11 Jan 00:00
    assert late.verdict == "unverifiable"  # the track is silent on 11 January
    assert late.evidence["difference_h"] == pytest.approx(35.0)
    sea = by[("ais_events", "seen-at-sea")]
    assert sea.verdict == "consistent" and sea.evidence["distance_nm"] < 0.1
    wrong = by[("ais_events", "seen-wrong")]
    assert wrong.verdict == "implausible"
    assert wrong.evidence["distance_nm"] == pytest.approx(17.0, abs=0.2)


def test_check_cli_exit_code_with_an_absent_vessel(tmp_path):
    track, _ = _conakry_track(mmsi=636000001)
    path = write_noaa(tmp_path / "other.csv", track)
    result = run("check", "reports/mali-2025/case.toml", "--ais", path, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    match = [f for f in json.loads(result.output)["findings"] if f["check"] == "ais_match"]
    assert {f["verdict"] for f in match} == {"unverifiable"}
    assert len(match) == 2
    assert run("check", "reports/mali-2025/case.toml", "--ais",
               tmp_path / "missing.csv").exit_code == 2


def _case_toml(tmp_path, cables_toml: str):
    text = f'''
[case]
id = "cable-test"
title = "A cable case"

[[sources]]
id = "s"
publisher = "Test"

[[vessels]]
id = "v"
name = "Test ship"

[[events]]
id = "seen"
subject = "v"
kind = "sighting"
place = "25.30, 121.70"
time = 2025-01-03T16:40:00
precision = "hour"
source = "s"
quote = "seen"

{cables_toml}
'''
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_case_lists_its_cables_by_points_and_by_file(tmp_path):
    from voyages.casefile import load_case

    cable_file(tmp_path, [[121.70, 25.0], [121.70, 25.6]], "route.geojson")
    path = _case_toml(tmp_path, '''
[[cables]]
id = "drawn"
name = "Drawn cable"
coordinates = [[121.80, 25.0], [121.80, 25.6]]
uncertainty_nm = 2.0
source = "s"

[[cables]]
id = "filed"
name = "Filed cable"
file = "route.geojson"
''')
    case = load_case(path)
    assert [c.id for c in case.cables] == ["drawn", "filed"]
    assert case.cables[1].file == tmp_path / "route.geojson"
    found = {f.evidence["route_file"]: f for f in cables.check(case, CheckContext())}
    drawn = found["case file [[cables]]"]
    # 0.1° of longitude at 25.3°N is 5.4 nm: beyond 1 + 2 nm
    assert drawn.verdict == "unverifiable"
    assert drawn.evidence["distance_nm"] == pytest.approx(5.42, abs=0.02)
    assert drawn.evidence["uncertainty_nm"] == 2.0
    filed = next(f for k, f in found.items() if "(case: filed)" in k)
    assert filed.verdict == "consistent" and filed.evidence["distance_nm"] < 0.01


@pytest.mark.parametrize(("table", "message"), [
    ('[[cables]]\nid = "x"\nname = "X"\n', "give either 'file'"),
    ('[[cables]]\nid = "x"\nname = "X"\nfile = "missing.geojson"\n', "no such route file"),
    ('[[cables]]\nid = "x"\nname = "X"\ncoordinates = [[500.0, 25.0], [121.0, 25.0]]\n',
     r"cables\[0\]\.coordinates\[0\]"),
    ('[[cables]]\nid = "x"\nname = "X"\ncoordinates = [[121.0, 25.0], [121.1, 25.0]]\n'
     'source = "nobody"\n', "unknown source 'nobody'"),
])
def test_bad_cables_tables_name_the_field(tmp_path, table, message):
    from voyages.casefile import load_case
    from voyages.errors import CaseFileError

    with pytest.raises(CaseFileError, match=message):
        load_case(_case_toml(tmp_path, table))


def test_a_silence_between_the_reported_events_is_an_ais_gap(tmp_path):
    track, port = _conakry_track()
    # drop 13 hours of reports in port: 8 Jan 12:00 (exclusive) to 9 Jan 01:00
    silent = (track.time > "2025-01-08 12:00") & (track.time < "2025-01-09 01:00")
    path = write_noaa(tmp_path / "gap.csv", track[~silent])
    vessel = Vessel(id="a", name="Test Trader", mmsi="636000001")
    events = [
        Event(id="in", subject="a", kind=EventKind.ARRIVAL, source="s", quote="q",
              place=port, time=_time("2025-01-08T06:00", 1)),
        Event(id="out", subject="a", kind=EventKind.DEPARTURE, source="s", quote="q",
              place=port, time=_time("2025-01-09T12:00", 1)),
    ]
    findings = ais_claims.check(_case([vessel], events), CheckContext(ais_files=(path,)))
    (gap,) = [f for f in findings if f.check == "ais_gaps"]
    assert gap.verdict == "unverifiable"
    assert gap.evidence["duration_h"] == pytest.approx(13.0)
    assert gap.evidence["start"].startswith("2025-01-08T12:00")
    assert (gap.evidence["from_event"], gap.evidence["to_event"]) == ("in", "out")
    assert gap.evidence["gap_in_leg_days"] == pytest.approx(13 / 24)
    match = next(f for f in findings if f.check == "ais_match")
    assert match.evidence["matched_by"] == "mmsi"


def test_a_matched_vessel_whose_mid_is_not_its_flag(tmp_path):
    track, port = _conakry_track(mmsi=273000001)  # a Russian MID
    path = write_noaa(tmp_path / "ru.csv", track, names={273000001: "TEST TRADER"})
    vessel = Vessel(id="a", name="Test Trader", flag="CM")  # the case says Cameroon
    event = Event(id="stay", subject="a", kind=EventKind.PORT_STAY, source="s", quote="q",
                  place=port, time=_time("2025-01-08T12:00", 24, Precision.DAY))
    findings = ais_claims.check(_case([vessel], [event]), CheckContext(ais_files=(path,)))
    match = next(f for f in findings if f.check == "ais_match")
    assert match.evidence["matched_by"] == "name"
    (identity,) = [f for f in findings if f.check == "ais_identity"]
    assert identity.verdict == "implausible"
    assert identity.evidence["anomaly"] == "mid_flag_mismatch"
    assert "Russian Federation" in identity.summary and identity.evidence["flag"] == "CM"


@pytest.mark.parametrize(("flag", "expected"), [("RU", ["consistent"]), (None, [])])
def test_a_matched_vessel_whose_mid_is_its_flag_says_so(tmp_path, flag, expected):
    track, port = _conakry_track(mmsi=273000001)  # MID 273: Russian Federation
    path = write_noaa(tmp_path / "ru.csv", track, names={273000001: "TEST TRADER"})
    vessel = Vessel(id="a", name="Test Trader", flag=flag)
    event = Event(id="stay", subject="a", kind=EventKind.PORT_STAY, source="s", quote="q",
                  place=port, time=_time("2025-01-08T12:00", 24, Precision.DAY))
    findings = ais_claims.check(_case([vessel], [event]), CheckContext(ais_files=(path,)))
    identity = [f for f in findings if f.check == "ais_identity"]
    assert [f.verdict for f in identity] == expected  # no flag in the case: nothing to compare
    if flag:
        assert identity[0].summary == ("MID 273 of MMSI 273000001 is allocated to Russian "
                                       "Federation, which matches the case's flag RU")
        assert identity[0].evidence == {"mmsi": 273000001, "mid": 273,
                                        "mid_countries": ["RU"], "flag": "RU"}


def test_a_gap_set_beside_the_sea_models_unexplained_days(tmp_path):
    dakar, conakry = resolve_place("SNDKR"), resolve_place("GNCKY")
    times = pd.to_datetime(["2025-01-02 00:00", "2025-01-02 01:00",   # leaving Dakar
                            "2025-01-05 01:00", "2025-01-05 02:00"], utc=True)  # 72 h later
    track = pd.DataFrame({"mmsi": 636000001, "time": times,
                          "lat": [dakar.lat, dakar.lat - 0.2, conakry.lat + 0.3, conakry.lat],
                          "lon": [dakar.lon, dakar.lon, conakry.lon, conakry.lon],
                          "sog_kn": 10.0})
    path = write_noaa(tmp_path / "leg.csv", track)
    vessel = Vessel(id="a", name="Test Trader", mmsi="636000001", type="general_cargo")
    events = [
        Event(id="leave", subject="a", kind=EventKind.DEPARTURE, source="s", quote="q",
              place=dakar, time=_time("2025-01-02T00:00", 24, Precision.DAY)),
        Event(id="reach", subject="a", kind=EventKind.ARRIVAL, source="s", quote="q",
              place=conakry, time=_time("2025-01-08T00:00", 24, Precision.DAY)),
    ]
    findings = ais_claims.check(_case([vessel], events), CheckContext(ais_files=(path,)))
    (gap,) = [f for f in findings if f.check == "ais_gaps"]
    assert (gap.evidence["from_event"], gap.evidence["to_event"]) == ("leave", "reach")
    assert gap.evidence["duration_h"] == pytest.approx(72.0)
    assert gap.evidence["unexplained_days"] > 0
    assert "unexplained day" in gap.summary


def test_a_reported_position_between_reports_is_interpolated(tmp_path):
    port = resolve_place("GNCKY")
    west = offset_place(port, distance_nm=10, bearing="W")
    times = pd.to_datetime(["2025-01-09 13:00", "2025-01-09 13:50"], utc=True)
    track = pd.DataFrame({"mmsi": 636000001, "time": times, "lat": [port.lat, west.lat],
                          "lon": [port.lon, west.lon], "sog_kn": 12.0})
    path = write_noaa(tmp_path / "two.csv", track)
    halfway = offset_place(port, distance_nm=5, bearing="W")  # where it is at 13:25
    vessel = Vessel(id="a", name="Test Trader", mmsi="636000001")
    events = [Event(id="seen", subject="a", kind=EventKind.SIGHTING, source="s", quote="q",
                    place=halfway, time=_time("2025-01-09T13:25", 0.01, Precision.MINUTE))]
    findings = ais_claims.check(_case([vessel], events), CheckContext(ais_files=(path,)))
    seen = next(f for f in findings if f.check == "ais_events")
    assert seen.verdict == "consistent"
    assert seen.evidence["distance_nm"] < 0.05
