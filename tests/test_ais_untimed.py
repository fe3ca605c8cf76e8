"""AIS positions without a time (raw NMEA without tag blocks): every time-based step leaves
them out with one warning counting them; never a 1677 date, a false jump or an internal error."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.aisfix import position, static5, tag
from tests.test_ais_cables import CABLE, drag_track
from tests.test_ais_investigate_cli import cable_file
from voyages import ais
from voyages._data import data_dir
from voyages.checks import CheckContext, ais_claims
from voyages.cli.main import cli
from voyages.errors import VoyagesWarning
from voyages.findings import Verdict
from voyages.records import Case, Source, Vessel

MMSI = 412000001
IMO = 8358427  # passes the IMO check digit (the Shunxin-39's, as the Keelung case gives it)


def _nmea(tmp_path, track: pd.DataFrame, *, timed: bool = False, name: str = "notime.nmea"):
    """The track as !AIVDM sentences, without tag blocks (no time) unless ``timed``, and a
    message 5 naming the vessel."""
    lines = []
    for row in track.itertuples():
        line = position(MMSI, float(row.lat), float(row.lon), sog=float(row.sog_kn), cog=90.0)
        lines.append((tag(int(row.time.timestamp())) if timed else "") + line)
    lines += static5(MMSI, imo=IMO, callsign="ABCD", name="TEST DRAGGER", ship_type=70,
                     to_bow=50, to_stern=50, to_port=8, to_starboard=8, draught=6.0,
                     destination="KEELUNG", month=1, day=3, hour=12, minute=0)
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _untimed_warnings(record) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, VoyagesWarning)
            and "without time left out" in str(w.message)]


def test_some_positions_without_time_are_left_out_of_a_cable_passage():
    track = drag_track(51)
    timed = ais.cable_crossings(track, CABLE)
    mixed = track.copy()
    mixed.loc[[5, 40, 60], "time"] = pd.NaT
    with pytest.warns(VoyagesWarning, match=r"^positions: 3 position\(s\) without time left out"):
        passages = ais.cable_crossings(mixed, CABLE)
    assert len(passages) == len(timed) == 1  # not three passages
    assert passages["time"].iloc[0] == timed["time"].iloc[0]
    assert passages["time"].dt.year.tolist() == [2024]
    assert passages["gap_h"].iloc[0] < 1.0


@pytest.mark.parametrize("func", [
    lambda f: ais.cable_crossings(f, CABLE),
    lambda f: ais.encounters(f),
    lambda f: ais.identity_anomalies(f),
    lambda f: ais.gaps(f, min_duration_h=0.01),
    lambda f: ais.port_calls(f),
    lambda f: ais.voyages(f, sea_routes=False),
    lambda f: ais.loitering(f),
    lambda f: ais.stops(f, max_diameter_m=500, min_duration_h=0.1),
], ids=["cables", "encounters", "identity", "gaps", "calls", "voyages", "loitering", "stops"])
def test_no_time_at_all_gives_an_empty_result_and_one_warning(func):
    frame = drag_track(51)
    frame["time"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns, UTC]")
    frame.attrs["read_report"] = {"path": "capture.nmea"}
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        result = func(frame)
    assert result.empty
    assert _untimed_warnings(record) == [
        f"capture.nmea: {len(frame)} position(s) without time left out"]
    assert len(record) == 1  # nothing else (no RuntimeWarning from NaT arithmetic)


def test_identity_on_untimed_positions_accuses_no_one_of_being_in_two_places():
    frame = drag_track(51).sample(frac=1.0, random_state=1)  # timeless fixes come in any order
    frame["time"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns, UTC]")
    with pytest.warns(VoyagesWarning, match="without time left out"):
        found = ais.identity_anomalies(frame)
    assert "two_places" not in set(found["anomaly"])


def test_cli_cables_encounters_identity_on_raw_nmea_warn_and_exit_0(tmp_path):
    path = _nmea(tmp_path, drag_track(51))
    routes = cable_file(tmp_path, [[20.0, 59.0], [20.0, 60.0]])
    runner = CliRunner()
    for args in (["cables", path, "--cables", routes, "--format", "json"],
                 ["encounters", path, "--format", "json"],
                 ["identity", path, "--format", "json"]):
        result = runner.invoke(cli, ["ais", *map(str, args)])
        assert result.exit_code == 0, result.output
        assert result.stderr.strip().splitlines() == [
            f"warning: {path}: {len(drag_track(51))} position(s) without time left out"]
        rows = json.loads(result.stdout)["rows"]
        assert not [r for r in rows if r.get("anomaly") == "two_places" or "crossed" in r]
        assert "1677" not in result.stdout


def _case() -> Case:
    source = Source("s1", "Test source", url="https://example.org/s1")
    vessel = Vessel("v1", "Test Dragger", imo=str(IMO), sources=("s1",))
    return Case("untimed", "Untimed AIS", sources={"s1": source}, vessels={"v1": vessel})


def test_check_with_a_file_without_timestamps_is_unverifiable_not_an_error(tmp_path):
    path = _nmea(tmp_path, drag_track(51))
    context = CheckContext(ais_files=(path,))
    with pytest.warns(VoyagesWarning, match=f"notime.nmea: {len(drag_track(51))} position"):
        findings = ais_claims.check(_case(), context)
    (match,) = [f for f in findings if f.check == "ais_match"]
    assert match.verdict is Verdict.UNVERIFIABLE
    assert f"matched to MMSI {MMSI} by imo" in match.summary
    assert "the file has no timestamps" in match.summary
    assert match.evidence["positions_without_time"] == len(drag_track(51))
    assert str(tmp_path) not in match.summary  # the file by its name, not the analyst's folders


def test_check_with_timestamps_still_matches_the_track(tmp_path):
    path = _nmea(tmp_path, drag_track(51), timed=True, name="timed.nmea")
    with warnings.catch_warnings():
        warnings.simplefilter("error", VoyagesWarning)
        findings = ais_claims.check(_case(), CheckContext(ais_files=(path,)))
    (match,) = [f for f in findings if f.check == "ais_match"]
    assert match.verdict is Verdict.CONSISTENT


def test_cli_check_on_raw_nmea_exits_0_with_one_warning(tmp_path):
    """The tester's case: the Keelung case against a raw capture that names the ship."""
    path = _nmea(tmp_path, drag_track(51))
    case = data_dir("reports") / "keelung-2025" / "case.toml"
    result = CliRunner().invoke(cli, ["check", str(case), "--ais", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "without time left out" in result.stderr
    doc = json.loads(result.stdout)
    rows = doc["findings"] if isinstance(doc, dict) else doc
    (match,) = [f for f in rows if f["check"] == "ais_match"]
    assert match["verdict"] == "unverifiable" and "no timestamps" in match["summary"]


def test_the_untimed_count_is_per_vessel_in_a_frame():
    frame = pd.concat([drag_track(51), drag_track(51).assign(mmsi=2)], ignore_index=True)
    frame.loc[frame["mmsi"] == 2, "time"] = pd.NaT
    with pytest.warns(VoyagesWarning, match=f"positions: {len(drag_track(51))} position"):
        out = ais.gaps(frame, min_duration_h=0.01)
    assert len(out) == len(drag_track(51)) - 1 and set(out["mmsi"]) == {frame["mmsi"].iloc[0]}


def test_report_on_raw_nmea_names_the_file_without_folders_and_says_why_no_track(tmp_path):
    pytest.importorskip("mpl_toolkits.basemap")
    path = _nmea(tmp_path, drag_track(51))
    case = data_dir("reports") / "keelung-2025" / "case.toml"
    out = tmp_path / "rep"
    result = CliRunner().invoke(cli, ["report", str(case), "--ais", str(path), "--out", str(out),
                                      "--format", "md"])
    assert result.exit_code == 0, result.output
    md = (out / "report.md").read_text(encoding="utf-8")
    section = md[md.index("## AIS\n"):md.index("## Timeline")]
    assert "AIS data: `notime.nmea`." in section
    assert "- Shunxin-39: none of its" in section and "no timestamps" in section
    assert str(tmp_path) not in md
