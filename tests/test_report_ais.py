"""`voyages report --ais/--cables`: the AIS findings in the table, the AIS section, and the
map's layers (track, gaps, routes, cable passages with the drag signature, encounters)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from tests.test_ais_investigate_cli import cable_file, write_noaa
from voyages._data import data_dir
from voyages.cli.main import cli

pytest.importorskip("mpl_toolkits.basemap")

KEELUNG = data_dir("reports") / "keelung-2025" / "case.toml"
MMSI, PARTNER = 412000001, 412000002
IMO = "8358427"  # the Shunxin-39's, as the case file gives it: matched through the static data


def _sighting():
    from voyages.casefile import load_case

    case = load_case(KEELUNG)
    event = next(e for e in case.events if e.id == "cga-locates-shunxin")
    return case, event.place, pd.Timestamp(event.time.midpoint).tz_convert("UTC")


def _keelung_track() -> pd.DataFrame:
    """Eastbound along the sighting's latitude, every 10 minutes: 12 kn for 6 h, 6 kn for
    60 nm (a drag, centred on the sighting point at the sighting time), 12 kn for 6 h; then
    silent 14 h while moving 28 nm east (2 kn); then 3.5 h drifting at 0.5 kn beside a second
    vessel 200 m to the north."""
    from voyages.ais._frame import metres_per_degree

    _, place, when = _sighting()
    _, m_lon = (float(v[0]) for v in metres_per_degree(np.array([place.lat])))
    speeds = [12.0] * 36 + [6.0] * 60 + [12.0] * 36  # knots, one per 10-minute segment
    east_nm = np.concatenate([[0.0], np.cumsum(np.array(speeds) / 6.0)])
    centre = 36 + 30  # the sighting point, mid-way through the slow run
    lon = place.lon + (east_nm - east_nm[centre]) * 1852.0 / m_lon
    times = when + pd.to_timedelta((np.arange(len(lon)) - centre) * 10, unit="min")
    sog = [speeds[0], *speeds]
    moving = pd.DataFrame({"mmsi": MMSI, "time": times, "lat": place.lat, "lon": lon,
                           "sog_kn": sog})
    drift_t = times[-1] + pd.Timedelta(hours=14) + pd.to_timedelta(np.arange(22) * 10,
                                                                   unit="min")
    drift = pd.DataFrame({"mmsi": MMSI, "time": drift_t, "lat": place.lat,
                          "lon": lon[-1] + 28 * 1852.0 / m_lon, "sog_kn": 0.5})
    partner = drift.assign(mmsi=PARTNER, lat=place.lat + 200.0 / 110_800.0)
    return pd.concat([moving, drift, partner], ignore_index=True)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("keelung-ais")
    _, place, _ = _sighting()
    track = write_noaa(folder / "track.csv", _keelung_track(),
                       names={MMSI: "XING SHUN 39", PARTNER: "TEST PARTNER"},
                       imos={MMSI: IMO})
    routes = cable_file(folder, [[place.lon, 25.25], [place.lon, 25.6]], "cable.geojson")
    return track, routes


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_report_with_ais_and_cables_has_the_findings_the_section_and_the_layers(
        files, tmp_path, monkeypatch):
    from voyages import ais

    track, routes = files
    reads = []
    real_read = ais.read
    monkeypatch.setattr(ais, "read", lambda *a, **k: reads.append(a[0]) or real_read(*a, **k))
    out = tmp_path / "out"
    result = run("report", KEELUNG, "--out", out, "--ais", track, "--cables", routes)
    assert result.exit_code == 1, result.output  # as `voyages check`: the track contradicts
    assert reads == [track]  # read once: the checks' positions are the map's
    md = (out / "report.md").read_text(encoding="utf-8")
    html = (out / "report.html").read_text(encoding="utf-8")

    # the findings table holds every finding `voyages check` gives with the same options
    checked = run("check", KEELUNG, "--ais", track, "--cables", routes, "--format", "json")
    findings = json.loads(checked.output)["findings"]
    assert {f["check"] for f in findings} >= {"ais_match", "ais_events", "ais_gaps", "cables"}
    from voyages.report import md_cell

    for f in findings:
        assert f"| {md_cell(f['summary'])} |" in md, f["summary"]
    assert f"**{len(findings)} findings:**" in md

    section = md[md.index("## AIS\n"):md.index("## Timeline")]
    # 133 positions under way, 22 drifting
    assert f"| Shunxin-39 | {MMSI} | IMO number | 155 | 2025-01-02 21:40 | 2025-01-04 13:10 |" \
        in section
    assert "| Test cable (t1) | crossed |" in section
    passage = next(line for line in section.splitlines() if "Test cable (t1)" in line)
    cells = [c.strip() for c in passage.strip("|").split("|")]
    assert cells[3:7] == ["2025-01-03 08:40", "0", "6", "12"]  # at the sighting; nm, kn, kn
    assert 50 <= float(cells[7]) <= 60 and cells[8] == "DRAG SIGNATURE"  # slow run, nm
    assert "| Min. distance (nm) | SOG (kn) |" in section
    assert "| Shunxin-39 | 2025-01-03 19:40 | 2025-01-04 09:40 | 14 | 28 | 2 |" in section
    assert (f"| Shunxin-39 | MMSI {PARTNER} (TEST PARTNER) | 2025-01-04 09:40 | 2025-01-04 13:10 "
            "| 3.5 | 200 |") in section
    assert '<section id="ais">' in html and "DRAG SIGNATURE" in html


def test_the_map_draws_each_layer_with_a_legend_entry(files):
    from voyages._aislayers import ais_layers
    from voyages.checks import CheckContext, run_checks
    from voyages.plot import route_map

    track, routes = files
    case, place, _ = _sighting()
    context = CheckContext(ais_files=(track,), cable_routes=(routes,))
    layers = ais_layers(case, context)
    fig = route_map(case, run_checks(case, context), ais=layers)
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-6:] == [
        "cable/pipeline route: Test cable",
        f"Shunxin-39 AIS track (MMSI {MMSI})",
        "AIS gap (silent 12 h or more)",
        "cable passage (crossing or closest approach)",
        "drag signature (slow run over a route)",
        "encounter: possible ship-to-ship transfer",
    ]
    by_gid: dict[str, list] = {}
    for line in ax.lines:
        by_gid.setdefault(line.get_gid(), []).append(line)
    assert len(by_gid["ais-track"]) == 1 and len(by_gid["ais-gap"]) == 1
    assert len(by_gid["ais-route"]) == 1 and len(by_gid["ais-encounter"]) == 1
    assert len(by_gid["ais-passage"]) == 1 and len(by_gid["ais-drag"]) == 2  # run + ring
    # the track is broken where the gap is drawn dashed instead
    assert np.isnan(by_gid["ais-track"][0].get_xdata()).sum() == 1
    # the map takes in the whole track
    x0, x1 = ax.get_xlim()
    xs = by_gid["ais-track"][0].get_xdata()
    assert x0 <= np.nanmin(xs) and np.nanmax(xs) <= x1


def test_a_bad_ais_file_is_one_line_exit_2_and_nothing_written(tmp_path):
    bad = tmp_path / "notais.csv"
    bad.write_text("hello,world\n1,2\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("report", KEELUNG, "--out", out, "--ais", bad)
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and result.output.count("\n") == 1
    assert "notais.csv: not an AIS file" in result.output
    assert not out.exists()


def test_without_ais_or_routes_there_are_no_layers():
    from voyages._aislayers import ais_layers
    from voyages.checks import CheckContext

    case, _, _ = _sighting()
    assert ais_layers(case, CheckContext()) is None
    assert ais_layers(case, None) is None


def test_a_vessel_absent_from_the_file_is_named_and_gets_no_track(tmp_path):
    other = write_noaa(tmp_path / "other.csv",
                       _keelung_track().query("mmsi == @PARTNER"), names={PARTNER: "OTHER"})
    out = tmp_path / "out"
    result = run("report", KEELUNG, "--out", out, "--ais", other, "--format", "md")
    assert result.exit_code == 0, result.output
    md = (out / "report.md").read_text(encoding="utf-8")
    section = md[md.index("## AIS\n"):md.index("## Timeline")]
    assert "- Shunxin-39: not in the AIS data." in section
    assert "| Vessel | MMSI |" not in section
    assert "Cable and pipeline routes: none given" in section
    assert "No routes to check the tracks against." in section
    assert "No encounter (within 500 m for 2 h or more" in section
    assert "| ais_match | Shunxin-39 |" in md  # the unverifiable match, as check gives it


def test_routes_without_ais_are_drawn_but_add_no_ais_section(files):
    from voyages._aislayers import ais_layers
    from voyages.checks import CheckContext
    from voyages.plot import route_map
    from voyages.report._aismodel import ais_section

    _, routes = files
    case, _, _ = _sighting()
    layers = ais_layers(case, CheckContext(cable_routes=(routes,)))
    assert layers is not None and layers.tracks == () and len(layers.routes) == 1
    assert ais_section(layers) is None
    ax = route_map(case, [], ais=layers).axes[0]
    assert [line.get_gid() for line in ax.lines].count("ais-route") == 1
    assert "cable/pipeline route: Test cable" in [t.get_text() for t in
                                                  ax.get_legend().get_texts()]


def test_key_numbers_leave_out_identifiers_and_coordinates():
    from voyages.report._model import key_numbers

    assert key_numbers({"mmsi": 412000001, "distance_nm": 0.04, "closest_lat": 25.3,
                        "closest_lon": 121.7, "positions": 155}) == (
        "distance 0.04 nm", "positions 155")
