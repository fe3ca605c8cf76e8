"""port_calls, loitering, stops, voyages on hand-made tracks at their thresholds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pyproj import Geod

from voyages import ais
from voyages.errors import InputError
from voyages.places import Place

GEOD = Geod(ellps="WGS84")
T0 = pd.Timestamp("2025-01-08T00:00Z")
PORT = Place(name="Testport", lat=10.0, lon=-20.0, locode="XXTST", kind="port", source="test")


def at(km: float, bearing: float = 270.0, origin: Place = PORT) -> tuple[float, float]:
    lon, lat, _ = GEOD.fwd(origin.lon, origin.lat, bearing, km * 1000.0)
    return lat, lon


def frame(rows: list[tuple], mmsi: int = 1) -> pd.DataFrame:
    """rows: (hours, km from PORT, sog_kn[, nav_status])."""
    out = []
    for row in rows:
        hours, km, sog = row[:3]
        lat, lon = at(km)
        out.append({"mmsi": mmsi, "time": T0 + pd.Timedelta(hours=hours), "lat": lat, "lon": lon,
                    "sog_kn": sog, "nav_status": row[3] if len(row) > 3 else 15})
    df = pd.DataFrame(out)
    df["time"] = df["time"].astype("datetime64[ns, UTC]")
    df["nav_status"] = df["nav_status"].astype("int8")
    return df


def calls(df: pd.DataFrame, **kwargs) -> pd.DataFrame:
    return ais.port_calls(df, places=[PORT], **kwargs)


def test_call_enters_at_3_km_and_exits_beyond_4_km():
    df = frame([(0, 10, 10), (1, 3.5, 5), (2, 2.9, 0.1), (3, 1, 0.0), (4, 3.9, 3), (5, 4.1, 8)])
    out = calls(df)
    assert out[["port", "port_name"]].values.tolist() == [["XXTST", "Testport"]]
    assert out["arrival"].iloc[0] == T0 + pd.Timedelta(hours=2)   # first row within 3 km
    assert out["departure"].iloc[0] == T0 + pd.Timedelta(hours=4)  # last row within 4 km
    assert out["duration_h"].tolist() == [2.0] and out["positions"].tolist() == [3]
    assert out["min_distance_km"].round(3).tolist() == [1.0]


@pytest.mark.parametrize(("sog", "found"), [(0.19, True), (0.2, False), (1.0, False)])
def test_call_needs_a_stop_below_0_2_kn(sog, found):
    df = frame([(0, 10, 10), (1, 2, sog), (2, 1, sog), (3, 10, 10)])
    assert len(calls(df)) == int(found)


@pytest.mark.parametrize(("silence_h", "found"), [(4.0, True), (3.9, False)])
def test_silence_of_4_hours_inside_counts_as_a_port_gap(silence_h, found):
    df = frame([(0, 10, 10), (1, 2, 3), (1 + silence_h, 1, 3), (2 + silence_h, 10, 10)])
    out = calls(df)
    assert len(out) == int(found)
    if found:
        assert bool(out["port_gap"].iloc[0]) and not bool(out["stopped"].iloc[0])


def test_anchorage_and_berth_hours_from_navigational_status():
    df = frame([(0, 10, 10, 0), (1, 2.5, 0.0, 1), (4, 2.5, 0.0, 1), (5, 0.2, 0.0, 5),
                (15, 0.2, 0.0, 5), (16, 10, 10, 0)])
    out = calls(df)
    assert out[["anchorage_h", "berth_h", "duration_h"]].values.tolist() == [[4.0, 10.0, 14.0]]
    bare = calls(df.drop(columns="nav_status"))
    assert np.isnan(bare["anchorage_h"].iloc[0]) and np.isnan(bare["berth_h"].iloc[0])


def test_missing_sog_falls_back_to_implied_speed():
    df = frame([(0, 10, np.nan), (1, 2, np.nan), (2, 2, np.nan), (3, 10, np.nan)])
    assert len(calls(df)) == 1


def test_bad_thresholds_and_gazetteer_ports():
    with pytest.raises(InputError, match="entry_km"):
        ais.port_calls(frame([(0, 1, 0)]), entry_km=5, exit_km=4)
    sample = ais.clean(ais.read(ais.sample_path("nmea")))
    assert ais.port_calls(sample)["port"].tolist() == ["GNCKY"]


def test_calls_do_not_mutate_and_ignore_row_order():
    df = frame([(0, 10, 10), (1, 2.9, 0.1), (2, 1, 0.0), (3, 10, 8)])
    before = df.copy()
    out = calls(df.iloc[::-1])
    pd.testing.assert_frame_equal(df, before)
    pd.testing.assert_frame_equal(out, calls(df))


def offshore_track(speed_kn: float, hours: float, mmsi: int = 7) -> pd.DataFrame:
    """Mid-Atlantic drift, one report every 30 min."""
    rows, lon, lat = [], -30.0, 0.0
    for k in range(int(round(hours * 2)) + 1):
        rows.append({"mmsi": mmsi, "time": T0 + pd.Timedelta(minutes=30 * k), "lat": lat,
                     "lon": lon, "sog_kn": speed_kn})
        lon, lat, _ = GEOD.fwd(lon, lat, 90.0, speed_kn * 1852.0 / 2)
    df = pd.DataFrame(rows)
    df["time"] = df["time"].astype("datetime64[ns, UTC]")
    return df


@pytest.mark.parametrize(("speed", "hours", "found"),
                         [(1.9, 2.0, True), (2.0, 3.0, False), (1.0, 1.5, False)])
def test_loitering_below_2_kn_for_2_hours(speed, hours, found):
    out = ais.loitering(offshore_track(speed, hours))
    assert len(out) == int(found)
    if found:
        assert out["duration_h"].tolist() == [hours]
        assert out["mean_speed_kn"].round(6).tolist() == [speed]
        assert out["shore_distance_nm"].iloc[0] > 20


def test_loitering_near_shore_or_in_port_is_not_loitering():
    near = frame([(h, 0.5, 0.5) for h in range(6)])  # in "Testport"? not a gazetteer port
    assert ais.loitering(near, min_shore_nm=0, port_exit_km=0)["duration_h"].tolist() == [5.0]
    sample = ais.clean(ais.read(ais.sample_path("nmea")))
    moored = sample[sample["mmsi"] == 123456789]
    assert ais.loitering(moored, min_shore_nm=0).empty  # at Conakry: in port


def cluster(spread_m: float, hours: int) -> pd.DataFrame:
    rows = []
    for h in range(hours + 1):
        lon, lat, _ = GEOD.fwd(-20.0, 10.0, 90.0, spread_m if h % 2 else 0.0)
        rows.append({"mmsi": 3, "time": T0 + pd.Timedelta(hours=h), "lat": lat, "lon": lon})
    df = pd.DataFrame(rows)
    df["time"] = df["time"].astype("datetime64[ns, UTC]")
    return df


@pytest.mark.parametrize(("spread", "hours", "found"),
                         [(490, 3, True), (510, 3, False), (100, 1, False), (100, 2, True)])
def test_stops_within_max_diameter_for_min_duration(spread, hours, found):
    out = ais.stops(cluster(spread, hours), max_diameter_m=500, min_duration_h=2)
    assert len(out) == int(found)
    if found:
        assert out["duration_h"].tolist() == [float(hours)]


def test_voyages_between_calls_with_track_and_sea_route_distance():
    from voyages.places import resolve_place

    a, b = resolve_place("GNCKY"), resolve_place("SNDKR")
    rows = [(0, a), (6, a), (30, None), (60, b), (70, b)]
    mid = GEOD.fwd(a.lon, a.lat, 315.0, 200 * 1852.0)
    data = [{"mmsi": 9, "time": T0 + pd.Timedelta(hours=h),
             "lat": p.lat if p else mid[1], "lon": p.lon if p else mid[0]} for h, p in rows]
    df = pd.DataFrame(data)
    df["time"] = df["time"].astype("datetime64[ns, UTC]")
    legs = ais.voyages(df)
    assert legs[["from_port", "to_port", "duration_h", "positions"]].values.tolist() == \
        [["GNCKY", "SNDKR", 54.0, 3]]
    via = GEOD.inv(a.lon, a.lat, mid[0], mid[1])[2] + GEOD.inv(mid[0], mid[1], b.lon, b.lat)[2]
    assert legs["track_distance_nm"].iloc[0] == pytest.approx(via / 1852.0)
    assert legs["sea_route_nm"].iloc[0] > 300
    assert legs["max_silence_h"].tolist() == [30.0]
    assert np.isnan(ais.voyages(df, sea_routes=False)["sea_route_nm"].iloc[0])
