"""Cable and pipeline crossings on hand-made tracks, at the thresholds' boundaries."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voyages.ais._frame import metres_per_degree
from voyages.ais.cables import (
    CROSSING_COLUMNS,
    DRAG_MIN_DISTANCE_NM,
    MAX_BRIDGE_H,
    cable_crossings,
    nearest_routes,
)
from voyages.cables import SCHEMATIC_UNCERTAINTY_NM, read_routes, routes_frame
from voyages.errors import DataFileError, InputError

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
               if (p / "data" / "cables").is_dir()), None)

LAT = 59.5
CABLE = routes_frame([("c1", "Test cable", [[(20.0, 59.0), (20.0, 60.0)]])])
_, M_LON = metres_per_degree(np.array([LAT]))
NM_DEG = 1852.0 / float(M_LON[0])  # degrees of longitude per nm at LAT


def eastbound(speeds_kn, *, mmsi=230000001, lat=LAT, cross_at=None, step_min=10):
    """A track east along ``lat``, one report every ``step_min`` minutes at the given SOGs.

    Each segment is flown at the mean of its endpoints' speeds; ``cross_at``
    (index of a report) is placed so that the cable at 20°E is crossed in the
    middle of the track.
    """
    speeds = np.asarray(speeds_kn, dtype=float)
    seg_nm = (speeds[:-1] + speeds[1:]) / 2 * step_min / 60
    x_nm = np.r_[0.0, np.cumsum(seg_nm)]
    centre = x_nm[cross_at] + 0.5 * seg_nm[cross_at] if cross_at is not None else x_nm.mean()
    lon = 20.0 + (x_nm - centre) * NM_DEG
    times = pd.date_range("2024-12-25 06:00", periods=len(speeds), freq=f"{step_min}min",
                          tz="UTC")
    return pd.DataFrame({"mmsi": mmsi, "time": times, "lat": lat, "lon": lon,
                         "sog_kn": speeds})


def drag_track(slow_segments: int):
    """12 kn for 6 h, 6 kn for ``slow_segments`` ten-minute segments (1 nm each), 12 kn after."""
    speeds = [12.0] * 37 + [6.0] * (slow_segments + 1) + [12.0] * 37
    return eastbound(speeds, cross_at=37 + slow_segments // 2)


def test_slowing_to_6_kn_across_a_line_over_51_nm_is_a_drag_signature():
    passages = cable_crossings(drag_track(51), CABLE)
    assert len(passages) == 1
    p = passages.iloc[0]
    assert p.crossed and p.route_id == "c1" and p.route_name == "Test cable"
    assert p.min_distance_nm == 0.0
    assert p.lon == pytest.approx(20.0, abs=1e-9) and p.lat == pytest.approx(LAT)
    assert p.sog_at_crossing_kn == pytest.approx(6.0)
    assert p.usual_speed_kn == pytest.approx(12.0)
    assert p.speed_ratio == pytest.approx(0.5)
    assert p.slow_run_distance_nm == pytest.approx(51.0, abs=1e-6)
    assert p.slow_run_routes == 1
    assert bool(p.drag_signature)
    # 6 h either side: 6 kn over the slow stretch, 12 kn beyond it
    assert 6.0 < p.mean_speed_window_kn < 12.0
    # the crossing falls mid-way through the middle slow segment
    t0 = pd.Timestamp("2024-12-25 06:00", tz="UTC")
    assert p.time == t0 + pd.Timedelta(minutes=10 * (37 + 51 // 2) + 5)
    assert p.slow_run_start == t0 + pd.Timedelta(minutes=10 * 37)
    assert p.slow_run_end == t0 + pd.Timedelta(minutes=10 * (37 + 51))


def test_a_slow_run_just_under_the_minimum_distance_is_not_a_drag():
    p = cable_crossings(drag_track(49), CABLE).iloc[0]
    assert p.crossed and p.slow_run_distance_nm == pytest.approx(49.0, abs=1e-6)
    assert not p.drag_signature
    assert DRAG_MIN_DISTANCE_NM == 50.0


def test_the_drag_distance_threshold_is_a_parameter():
    p = cable_crossings(drag_track(49), CABLE, drag_min_distance_nm=48.0).iloc[0]
    assert p.drag_signature


def test_slow_but_not_slow_for_the_ship_is_no_drag():
    # a 7 kn ship at 6 kn is at 0.86 of its usual speed, above the 0.75 ratio
    speeds = [7.0] * 37 + [6.0] * 60 + [7.0] * 37
    p = cable_crossings(eastbound(speeds, cross_at=60), CABLE).iloc[0]
    assert p.crossed and p.usual_speed_kn == pytest.approx(7.0)
    assert p.slow_run_distance_nm == 0.0 and not p.drag_signature


def test_a_given_service_speed_overrides_the_ships_own_median():
    speeds = [7.0] * 37 + [6.0] * 60 + [7.0] * 37
    p = cable_crossings(eastbound(speeds, cross_at=60), CABLE,
                        usual_speed_kn={230000001: 14.8}).iloc[0]
    assert p.usual_speed_kn == pytest.approx(14.8)
    assert p.drag_signature


def test_passing_within_the_near_distance_of_a_cable_end():
    # the cable ends at 60°N; a vessel on 60°N + 0.9 nm passes its end 0.9 nm off
    m_lat, _ = metres_per_degree(np.array([60.0]))
    lat = 60.0 + 0.9 * 1852.0 / float(m_lat[0])
    track = eastbound([12.0] * 13, lat=lat)
    passages = cable_crossings(track, CABLE)
    assert len(passages) == 1
    p = passages.iloc[0]
    assert not p.crossed
    assert p.min_distance_nm == pytest.approx(0.9, abs=0.005)
    assert p.lon == pytest.approx(20.0, abs=1e-3)
    lat_far = 60.0 + 1.1 * 1852.0 / float(m_lat[0])
    assert cable_crossings(eastbound([12.0] * 13, lat=lat_far), CABLE).empty
    assert len(cable_crossings(eastbound([12.0] * 13, lat=lat_far), CABLE, near_nm=1.2)) == 1


def test_schematic_uncertainty_widens_the_search_only_when_asked():
    schematic = routes_frame([("s", "Schematic", [[(20.0, 59.0), (20.0, 60.0)]])],
                             schematic=True, uncertainty_nm=SCHEMATIC_UNCERTAINTY_NM)
    m_lat, _ = metres_per_degree(np.array([60.0]))
    lat = 60.0 + 5.0 * 1852.0 / float(m_lat[0])  # 5 nm past the drawn end
    track = eastbound([12.0] * 13, lat=lat)
    assert cable_crossings(track, schematic).empty
    wide = cable_crossings(track, schematic, include_uncertainty=True)
    assert len(wide) == 1 and wide.iloc[0].schematic
    assert wide.iloc[0].uncertainty_nm == SCHEMATIC_UNCERTAINTY_NM


def test_two_vessels_and_two_cables():
    cables = routes_frame([("c1", "West", [[(20.0, 59.0), (20.0, 60.0)]]),
                           ("c2", "East", [[(20.05, 59.0), (20.05, 60.0)]])])
    one = drag_track(51)
    other = eastbound([12.0] * 40, mmsi=273000002, lat=59.7)
    passages = cable_crossings(pd.concat([other, one]), cables)
    assert sorted(set(passages.mmsi)) == [230000001, 273000002]
    mine = passages[passages.mmsi == 230000001]
    assert list(mine.route_id) == ["c1", "c2"] and mine.drag_signature.all()
    assert (mine.slow_run_routes == 2).all()
    assert not passages[passages.mmsi == 273000002].drag_signature.any()


def test_no_route_near_gives_an_empty_frame_with_the_columns():
    far = eastbound([12.0] * 10).assign(lat=10.0)
    out = cable_crossings(far, CABLE)
    assert out.empty and list(out.columns) == list(CROSSING_COLUMNS)
    assert CROSSING_COLUMNS[-2:] == ("drag_signature", "slow_run_silent_h")


def silent_drag(silence_min: int, *, jump_nm: float = 0.0, slow_segments: int = 60):
    """:func:`drag_track` with the reports of ``silence_min`` minutes dropped from the
    slow stretch (ten-minute steps; an odd minute shortens the silence by moving the
    later reports one minute earlier), starting 5 slow segments in, before the
    crossing. ``jump_nm`` moves the later reports that much further east, so the
    speed implied across the silence is higher than the 6 kn SOG either side."""
    track = drag_track(slow_segments)
    first = 37 + 5  # report that opens the silence
    skip = -(-silence_min // 10)  # ten-minute steps spanned
    later = track.iloc[first + skip:].copy()
    later["time"] -= pd.Timedelta(minutes=10 * skip - silence_min)
    later["lon"] += jump_nm * NM_DEG
    return pd.concat([track.iloc[:first + 1], later], ignore_index=True)


def test_a_silence_within_the_interpolation_limit_keeps_the_slow_run():
    p = cable_crossings(silent_drag(59), CABLE).iloc[0]
    assert p.drag_signature and p.slow_run_silent_h == 0.0
    assert p.slow_run_distance_nm == pytest.approx(60.0, abs=1e-6)


def test_a_70_minute_silence_at_drag_speed_is_bridged_and_said():
    """The new user's gap70.csv: AIS off for 70 min in a 6 kn drag is still one slow run
    over the whole 60 nm, with the silence's hours in slow_run_silent_h."""
    p = cable_crossings(silent_drag(70), CABLE).iloc[0]
    assert p.drag_signature
    assert p.slow_run_distance_nm == pytest.approx(60.0, abs=1e-6)
    assert p.slow_run_silent_h == pytest.approx(70 / 60)
    assert p.slow_run_start == pd.Timestamp("2024-12-25 06:00", tz="UTC") + pd.Timedelta(
        minutes=10 * 37)
    # without bridging the silence splits the run and the drag is lost
    q = cable_crossings(silent_drag(70), CABLE, max_bridge_h=0).iloc[0]
    assert not q.drag_signature and q.slow_run_silent_h == 0.0
    assert q.slow_run_distance_nm < 60.0 - 7.0


def test_a_silence_up_to_the_bridging_limit_is_bridged_and_beyond_it_breaks_the_run():
    assert MAX_BRIDGE_H == pytest.approx(50.0 / 8.0)
    within = cable_crossings(silent_drag(370), CABLE).iloc[0]  # 6.17 h
    assert within.drag_signature and within.slow_run_silent_h == pytest.approx(370 / 60)
    beyond = cable_crossings(silent_drag(380), CABLE).iloc[0]  # 6.33 h
    assert not beyond.drag_signature and beyond.slow_run_silent_h == 0.0
    # the limit is a parameter
    assert cable_crossings(silent_drag(380), CABLE, max_bridge_h=6.5).iloc[0].drag_signature


def test_a_fast_jump_across_a_silence_does_not_bridge():
    """SOG 6 kn either side, but 14 nm covered in the 70 min silence (12 kn): no drag
    across it, so the run stops at the silence."""
    p = cable_crossings(silent_drag(70, jump_nm=7.0), CABLE).iloc[0]
    assert p.slow_run_silent_h == 0.0 and not p.drag_signature
    assert p.slow_run_distance_nm == pytest.approx(60.0 - 7.0 - 5.0, abs=1e-6)


def test_a_silence_at_the_edge_of_a_slow_run_is_not_part_of_it():
    """From 12 kn into a silence at a drag's implied speed, then slow: the run starts
    at the first slow report, not before the silence."""
    track = drag_track(60)
    first = 37 - 8  # eight 12 kn segments before the slow stretch
    later = track.iloc[37:].copy()
    later["lon"] -= 8 * 2.0 * NM_DEG * 0.5  # the 16 nm of the silence become 8 (6 kn)
    track = pd.concat([track.iloc[:first + 1], later], ignore_index=True)
    p = cable_crossings(track, CABLE).iloc[0]
    assert p.slow_run_silent_h == 0.0
    assert p.slow_run_start == pd.Timestamp("2024-12-25 06:00", tz="UTC") + pd.Timedelta(
        minutes=10 * 37)


@pytest.mark.parametrize("option", ["near_nm", "context_h", "drag_min_distance_nm",
                                    "max_gap_h", "max_bridge_h", "drag_max_speed_kn",
                                    "drag_speed_ratio", "min_underway_kn"])
@pytest.mark.parametrize("value", [np.inf, np.nan, -1.0])
def test_a_threshold_that_is_not_a_finite_number_at_least_0_is_an_input_error(option, value):
    with pytest.raises(InputError, match=f"{option} must be a finite number >= 0"):
        cable_crossings(drag_track(5), CABLE, **{option: value})


def test_missing_columns_and_naive_times_are_input_errors():
    track = drag_track(10)
    with pytest.raises(InputError, match="missing column"):
        cable_crossings(track.drop(columns="lat"), CABLE)
    with pytest.raises(InputError, match="timezone-aware"):
        cable_crossings(track.assign(time=track.time.dt.tz_localize(None)), CABLE)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["reverse", "shuffle"]), st.integers(0, 10_000))
def test_row_order_never_changes_the_answer(kind, seed):
    track = pd.concat([drag_track(51), eastbound([12.0] * 40, mmsi=273000002, lat=59.7)],
                      ignore_index=True)
    expected = cable_crossings(track, CABLE)
    if kind == "reverse":
        shuffled = track.iloc[::-1]
    else:
        shuffled = track.sample(frac=1.0, random_state=seed)
    pd.testing.assert_frame_equal(cable_crossings(shuffled, CABLE), expected)


def test_nearest_routes_distance_and_schematic_band():
    routes = routes_frame([("c", "Cable", [[(20.0, 59.0), (20.0, 60.0)]])],
                          schematic=True, uncertainty_nm=7.5)
    near = nearest_routes(59.5, 20.1, routes)
    # 0.1° of longitude at 59.5°N on WGS84: 5,666 m = 3.06 nm
    assert near.distance_nm[0] == pytest.approx(3.06, abs=0.01)
    assert near.distance_min_nm[0] == 0.0
    assert near.distance_max_nm[0] == pytest.approx(3.06 + 7.5, abs=0.01)


def _write(tmp_path, doc, name="routes.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps(doc) if not isinstance(doc, str) else doc, encoding="utf-8")
    return path


def test_read_telegeography_merges_features_by_id_and_is_schematic(tmp_path):
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "x", "name": "X", "color": "#fff",
                                           "feature_id": "x-0", "coordinates": [0, 0]},
         "geometry": {"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]]]}},
        {"type": "Feature", "properties": {"id": "x", "name": "X", "color": "#939597",
                                           "feature_id": "x-1", "coordinates": [0, 0]},
         "geometry": {"type": "MultiLineString", "coordinates": [[[1, 1], [2, 1]]]}},
    ]}
    routes = read_routes(_write(tmp_path, doc))
    assert list(routes.route_id) == ["x"]
    assert routes.geometry[0].geom_type == "MultiLineString"
    assert bool(routes.schematic[0]) and routes.uncertainty_nm[0] == SCHEMATIC_UNCERTAINTY_NM


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "not JSON"),
    ({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point",
                                                          "coordinates": [0, 0]}}]},
     r"no routes in the file \(1 feature\(s\), 1 of them points, none with a LineString"),
    ({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {
            "type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]},
     r"features\[0\]: geometry type 'Polygon' is not a line"),
    ({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {
            "type": "LineString", "coordinates": [[500000, 6000000], [500100, 6000000]]}}]},
     "outside lon"),
    ({"type": "Topology"}, "GeoJSON type 'Topology'"),
])
def test_bad_route_files_name_the_file_and_the_problem(tmp_path, content, message):
    path = _write(tmp_path, content)
    with pytest.raises(DataFileError, match=message) as err:
        read_routes(path)
    assert str(path) in str(err.value)


def test_landing_points_among_the_lines_are_skipped_with_one_warning(tmp_path):
    from voyages.errors import VoyagesWarning

    point = {"type": "Feature", "properties": {"name": "Landing"},
             "geometry": {"type": "Point", "coordinates": [20.0, 59.0]}}
    multi = {"type": "Feature", "properties": {"name": "Landings"},
             "geometry": {"type": "MultiPoint", "coordinates": [[20.0, 60.0], [21, 60]]}}
    line = {"type": "Feature", "properties": {"name": "Test cable", "id": "c1"},
            "geometry": {"type": "LineString", "coordinates": [[20.0, 59.0], [20.0, 60.0]]}}
    path = _write(tmp_path, {"type": "FeatureCollection",
                             "features": [point, line, multi, point]})
    with pytest.warns(VoyagesWarning) as caught:
        routes = read_routes(path)
    assert len(caught) == 1
    assert "3 Point feature(s) skipped" in str(caught[0].message)
    assert "routes.geojson" in str(caught[0].message)
    assert list(routes.route_id) == ["c1"]
    assert len(cable_crossings(drag_track(51), routes)) == 1


def test_read_routes_refuses_an_uncertainty_that_is_not_finite(tmp_path):
    path = _write(tmp_path, {"type": "LineString", "coordinates": [[20, 59], [20, 60]]})
    for bad in (np.inf, np.nan, -1.0):
        with pytest.raises(DataFileError, match="finite number >= 0"):
            read_routes(path, uncertainty_nm=bad)


def test_a_route_drawn_across_the_antimeridian_is_split_and_found(tmp_path):
    """The new user's am2.geojson: a line from 179.5°E to 179.5°W is read the short way
    over 180° (split there, RFC 7946), so a track along 50°N crosses it at 180°, and
    a point on 180° is on it."""
    doc = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"id": "diag", "name": "Diagonal"},
        "geometry": {"type": "LineString", "coordinates": [[179.5, 49], [-179.5, 51]]}}]}
    routes = read_routes(_write(tmp_path, doc))
    parts = [list(g.coords) for g in routes.geometry[0].geoms]
    assert parts == [[(179.5, 49.0), (180.0, 50.0)], [(-180.0, 50.0), (-179.5, 51.0)]]
    track = pd.DataFrame({
        "mmsi": 412000001,
        "time": pd.date_range("2025-01-01", periods=3, freq="30min", tz="UTC"),
        "lat": 50.0, "lon": [179.9, 179.99, -179.9], "sog_kn": 8.0})
    # the same line in a frame built by hand (not read) is split for the search too
    import shapely

    by_hand = pd.DataFrame({"route_id": ["diag"], "name": ["Diagonal"], "uncertainty_nm": 0.0,
                            "geometry": [shapely.LineString([(179.5, 49), (-179.5, 51)])]})
    for frame in (routes, by_hand):
        (row,) = cable_crossings(track, frame).itertuples()
        assert row.crossed and abs(row.lon) == pytest.approx(180.0)
        assert row.lat == pytest.approx(50.0)
        near = nearest_routes(50.0, 180.0, frame)
        assert list(near.route_id) == ["diag"]
        assert near.distance_nm[0] == pytest.approx(0.0, abs=0.01)
        assert nearest_routes(50.0, -179.0, frame).distance_nm[0] > 10


@pytest.mark.skipif(SHARED is None, reason="shared/data/cables is absent")
def test_keelung_point_against_the_taiwan_cables():
    """7 nm north of Yehliu (25.33 N, 121.69 E) against tw-smc and TeleGeography.

    Figures from shared/data/cables/README.md ("Sanity check"): TeleGeography
    APCN-2 0.56 nm, EAC-C2C 1.54 nm; tw-smc eac1-seg-b 2.57 nm, sjc2-seg-5 4.22 nm.
    """
    cables = SHARED / "data" / "cables"
    tw = nearest_routes(25.33, 121.69, cables / "tw-smc" / "cable-segments.geojson", limit=3)
    assert tw.route_id[0] == "eac1-seg-b"
    assert tw.distance_nm[0] == pytest.approx(2.57, abs=0.02)
    assert tw.uncertainty_nm[0] == 0.0
    tg = nearest_routes(25.33, 121.69, cables / "telegeography" / "cable-geo.json", limit=3)
    assert tg.route_id[0] == "apcn-2"
    assert tg.distance_nm[0] == pytest.approx(0.56, abs=0.02)
    assert tg.uncertainty_nm[0] == SCHEMATIC_UNCERTAINTY_NM


def _dense(coords: np.ndarray, step_deg: float = 0.0003) -> np.ndarray:
    """Points every ``step_deg`` along lines drawn straight in lon/lat (as GeoJSON draws)."""
    parts = []
    for (x1, y1), (x2, y2) in zip(coords[:-1], coords[1:], strict=True):
        k = int(max(abs(x2 - x1), abs(y2 - y1)) / step_deg) + 2
        t = np.linspace(0.0, 1.0, k)
        parts.append(np.column_stack([x1 + t * (x2 - x1), y1 + t * (y2 - y1)]))
    return np.vstack(parts)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_the_index_finds_what_every_pair_finds(seed):
    """The grid index and its filters miss nothing: every (vessel, route) pair within
    the distance, measured by brute force on both lines sampled every 0.0003°
    (geodesic distances between the closest samples), is found, at that distance."""
    from pyproj import Geod
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(seed)
    lat0, lon0 = rng.uniform(-60, 60), rng.uniform(-170, 170)
    cables = routes_frame([
        (f"r{i}", f"R{i}", [[(lon0 + x, lat0 + y) for x, y in rng.uniform(-0.3, 0.3, (4, 2))]])
        for i in range(3)])
    n = 30
    track = pd.DataFrame({
        "mmsi": np.repeat([211000001, 211000002], n),
        "time": np.tile(pd.date_range("2025-01-01", periods=n, freq="10min", tz="UTC"), 2),
        "lat": lat0 + np.cumsum(rng.normal(0, 0.01, 2 * n)),
        "lon": lon0 + np.cumsum(rng.normal(0, 0.01, 2 * n)),
        "sog_kn": 5.0,
    })
    got = cable_crossings(track, cables, near_nm=0.5)
    got_min = got.groupby(["mmsi", "route_id"])["min_distance_nm"].min().to_dict()

    geod = Geod(ellps="WGS84")
    scale = np.cos(np.radians(lat0))
    expected = {}
    for mmsi, g in track.groupby("mmsi"):
        pts = _dense(g[["lon", "lat"]].to_numpy())
        for rid, geom in zip(cables["route_id"], cables["geometry"], strict=True):
            route = _dense(np.asarray(geom.coords))
            tree = cKDTree(np.column_stack([route[:, 0] * scale, route[:, 1]]))
            flat, idx = tree.query(np.column_stack([pts[:, 0] * scale, pts[:, 1]]))
            best = np.argsort(flat)[:40]
            _, _, d_m = geod.inv(pts[best, 0], pts[best, 1], route[idx[best], 0],
                                 route[idx[best], 1])
            d_nm = float(np.min(d_m)) / 1852.0
            if d_nm <= 0.5:
                expected[(mmsi, rid)] = d_nm
    # pairs clearly inside or outside agree; distances agree to the sampling (0.02 nm:
    # two lines crossing at a shallow angle have no samples closer than tens of metres)
    for key, d in expected.items():
        if d < 0.48:
            assert key in got_min, (key, d)
            assert got_min[key] == pytest.approx(d, abs=0.02)
    for key, d in got_min.items():
        assert key in expected or d > 0.48


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_cell_index_files_a_segment_under_every_cell_its_padding_meets(seed):
    """Each route segment is filed under exactly the grid cells whose rectangle, widened
    by the padding, it meets (shapely's intersects on every cell of its box), in whatever
    chunks the index is built; the keys come sorted for the compiled look-up."""
    import shapely

    from voyages.ais import cables as module

    rng = np.random.default_rng(seed)
    n = 40
    lat0, lon0 = rng.uniform(-70, 70), rng.uniform(-178, 178)
    ends = rng.uniform(-0.4, 0.4, (n, 4)) * rng.choice([0.05, 1.0], (n, 1))
    seg = np.column_stack([lon0 + ends[:, 0], lat0 + ends[:, 1],
                           lon0 + ends[:, 2], lat0 + ends[:, 3]])
    seg[:5, 3] = seg[:5, 1]  # along a parallel
    seg[5:10, 2] = seg[5:10, 0]  # along a meridian
    pad_lat, cell = 0.0168, 0.0336
    pad_lon = pad_lat / np.cos(np.radians(abs(lat0) + 0.5))
    for chunk in (module._INDEX_CHUNK, 7):
        old_chunk, module._INDEX_CHUNK = module._INDEX_CHUNK, chunk
        try:
            index = module._CellIndex(seg, pad_lat, pad_lon, cell_deg=cell)
        finally:
            module._INDEX_CHUNK = old_chunk
        assert (np.diff(index.cells) >= 0).all()
        got = set(zip(index.cells.tolist(), index.segs.tolist(), strict=True))
        lines = shapely.linestrings(seg.reshape(-1, 2, 2))
        for j, line in enumerate(lines):
            x0, y0, x1, y1 = line.bounds
            cx = np.arange(int((x0 + 180 - pad_lon) // cell) - 1,
                           int((x1 + 180 + pad_lon) // cell) + 2)
            cy = np.arange(int((y0 + 90 - pad_lat) // cell) - 1,
                           int((y1 + 90 + pad_lat) // cell) + 2)
            gx, gy = (g.ravel() for g in np.meshgrid(cx, cy))
            lo_x, lo_y = gx * cell - 180.0, gy * cell - 90.0
            boxes = shapely.box(lo_x - pad_lon, lo_y - pad_lat, lo_x + cell + pad_lon,
                                lo_y + cell + pad_lat)
            meets = shapely.intersects(boxes, line)
            near = shapely.dwithin(boxes, line, 1e-7)
            filed = np.array([(y * index.nx + x % index.nx, j) in got
                              for x, y in zip(gx, gy, strict=True)])
            assert (filed | ~meets).all(), "a cell the padded segment meets is missing"
            assert (near | ~filed).all(), "a cell beyond the padding is filed"


def test_a_long_gap_is_checked_through_the_tree_and_interpolated():
    """Two reports 6 h apart on either side of the cable (a box of many grid cells):
    the crossing is found on the straight line between them, with the gap said."""
    track = pd.DataFrame({
        "mmsi": 230000009,
        "time": pd.to_datetime(["2024-12-25 00:00", "2024-12-25 06:00"], utc=True),
        "lat": [59.2, 59.8], "lon": [19.0, 21.0], "sog_kn": [10.0, 10.0]})
    row = cable_crossings(track, CABLE).iloc[0]
    assert bool(row.crossed) and row.gap_h == pytest.approx(6.0)
    assert row.lon == pytest.approx(20.0) and row.lat == pytest.approx(59.5, abs=0.01)


def test_a_track_over_the_antimeridian_meets_a_cable_on_either_side():
    """A vessel sailing east over 180° crosses a cable at 179.99°E and one at 179.99°W."""
    cables = routes_frame([("w", "West", [[(179.99, 50.0), (179.99, 52.0)]]),
                           ("e", "East", [[(-179.99, 50.0), (-179.99, 52.0)]])])
    track = pd.DataFrame({
        "mmsi": 412000001,
        "time": pd.date_range("2025-01-01", periods=3, freq="30min", tz="UTC"),
        "lat": [51.0, 51.0, 51.0], "lon": [179.9, 179.995, -179.9], "sog_kn": 8.0})
    got = cable_crossings(track, cables).set_index("route_id")
    assert set(got.index) == {"w", "e"} and got["crossed"].all()
    assert got.loc["w", "lon"] == pytest.approx(179.99)
    assert got.loc["e", "lon"] == pytest.approx(-179.99)


def test_a_vessel_crossing_back_and_forth_makes_one_passage_per_stretch():
    """Over the cable and back within a near stretch is one passage whose event is
    the first crossing; leaving the near zone and coming back opens a second."""
    lon = 20.0 + NM_DEG * np.array([-0.5, 0.5, -0.5, -3.0, -5.0, -3.0, -0.5, 0.5])
    track = pd.DataFrame({
        "mmsi": 230000003,
        "time": pd.date_range("2025-01-01", periods=8, freq="1h", tz="UTC"),
        "lat": LAT, "lon": lon, "sog_kn": 1.0})
    got = cable_crossings(track, CABLE)
    assert len(got) == 2 and got["crossed"].all()
    assert list(got["time"].dt.strftime("%H:%M")) == ["00:30", "06:30"]
    assert list(got["start"].dt.strftime("%H:%M")) == ["00:00", "05:00"]
    assert list(got["end"].dt.strftime("%H:%M")) == ["03:00", "07:00"]


def test_the_compiled_loop_and_plain_python_agree(monkeypatch):
    """The numba-compiled pass and the same function run as Python give the same
    passages (the fallback when numba is not installed)."""
    from voyages.ais import _near_pairs

    if not _near_pairs.COMPILED:
        pytest.skip("numba is not installed: only the Python loop exists")
    rng = np.random.default_rng(7)
    cables = routes_frame([
        (f"r{i}", f"R{i}", [[(20 + x, 59.5 + y) for x, y in rng.uniform(-0.2, 0.2, (5, 2))]])
        for i in range(4)])
    n = 200
    track = pd.DataFrame({
        "mmsi": np.repeat([230000001, 230000002], n),
        "time": np.tile(pd.date_range("2025-01-01", periods=n, freq="5min", tz="UTC"), 2),
        "lat": 59.5 + np.cumsum(rng.normal(0, 0.004, 2 * n)),
        "lon": 20.0 + np.cumsum(rng.normal(0, 0.008, 2 * n)),
        "sog_kn": rng.uniform(0, 14, 2 * n)})
    compiled = cable_crossings(track, cables)
    assert len(compiled) > 5
    monkeypatch.setattr(_near_pairs, "near_passages", _near_pairs.near_passages.py_func)
    pd.testing.assert_frame_equal(cable_crossings(track, cables), compiled)


def test_without_numba_a_large_track_warns_it_will_be_slow(monkeypatch):
    from voyages.ais import _near_pairs, cables
    from voyages.errors import VoyagesWarning

    monkeypatch.setattr(_near_pairs, "COMPILED", False)
    monkeypatch.setattr(cables, "_INTERPRETED_WARN_SEGMENTS", 10)
    with pytest.warns(VoyagesWarning, match="numba is not installed"):
        cable_crossings(drag_track(5), CABLE)


@pytest.mark.parametrize("bad", [91.0, np.inf, -np.inf, np.nan])
def test_a_position_not_available_is_dropped_not_joined(bad):
    """AIS's 91° "not available" (or an infinite or missing latitude) between two
    reports either side of the cable is no position: the crossing between the
    good reports is found, at the cable."""
    track = pd.DataFrame({
        "mmsi": 230000001, "lat": [LAT, bad, LAT], "lon": [19.9, 20.0, 20.1],
        "time": pd.to_datetime(["2024-12-25 10:00", "2024-12-25 10:30", "2024-12-25 11:00"],
                               utc=True), "sog_kn": 6.0})
    row = cable_crossings(track, CABLE).iloc[0]
    assert bool(row.crossed) and row.lon == pytest.approx(20.0) and row.lat == pytest.approx(LAT)
    assert str(row.time) == "2024-12-25 10:30:00+00:00"


def test_a_segment_without_a_speed_does_not_blank_the_window_mean():
    """Two reports stamped the same minute and no SOG (a segment of no duration, so no
    speed) once made every later window mean NaN; the window now skips that segment."""
    track = eastbound([10.0] * 13, cross_at=6).drop(columns="sog_kn")
    twin = track.iloc[[2]].assign(lon=track["lon"].iloc[2] + 1e-4)
    track = pd.concat([track, twin], ignore_index=True)
    row = cable_crossings(track, CABLE).iloc[0]
    assert bool(row.crossed)
    assert row.mean_speed_window_kn == pytest.approx(10.0, rel=0.01)
