"""Encounters on hand-made tracks at Global Fishing Watch's thresholds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voyages.ais._frame import metres_per_degree
from voyages.ais.encounters import encounters
from voyages.errors import InputError

LAT, LON = 20.0, 60.0
M_LAT, M_LON = (float(v[0]) for v in metres_per_degree(np.array([LAT])))
START = pd.Timestamp("2025-01-10 00:00", tz="UTC")


def drifting(mmsi, *, hours=3.0, north_m=0.0, speed_kn=0.5, step_min=10, start=START):
    """A vessel drifting east at ``speed_kn``, ``north_m`` north of the reference line."""
    n = int(round(hours * 60 / step_min)) + 1
    times = start + pd.to_timedelta(np.arange(n) * step_min, unit="min")
    east_m = np.arange(n) * speed_kn * 1852.0 * step_min / 60
    return pd.DataFrame({"mmsi": mmsi, "time": times, "lat": LAT + north_m / M_LAT,
                         "lon": LON + east_m / M_LON, "sog_kn": speed_kn})


def pair(**kwargs):
    north_m = kwargs.pop("north_m", 300.0)
    return pd.concat([drifting(613000001, **kwargs),
                      drifting(273000002, north_m=north_m, **kwargs)], ignore_index=True)


NO_ANCHORAGES = pd.DataFrame({"name": [], "lat": [], "lon": []})


def test_two_vessels_drifting_side_by_side_for_three_hours():
    out = encounters(pair(), anchorages=NO_ANCHORAGES)
    assert len(out) == 1
    e = out.iloc[0]
    assert (e.mmsi_1, e.mmsi_2) == (273000002, 613000001)
    assert e.start == START and e.end == START + pd.Timedelta(hours=3)
    assert e.duration_h == pytest.approx(3.0)
    assert e.points == 19
    assert e.median_distance_m == pytest.approx(300.0, abs=1.0)
    assert e.median_speed_kn_1 == pytest.approx(0.5) and e.median_speed_kn_2 == pytest.approx(0.5)
    assert e.lat == pytest.approx(LAT + 150.0 / M_LAT, abs=1e-6)
    assert out.attrs["candidate_pairs"] == 19
    assert out.attrs["all_pairs"] == 19


@pytest.mark.parametrize(("hours", "found"), [(2.0, True), (11 / 6, False)])
def test_two_hours_is_the_shortest_encounter(hours, found):
    assert (len(encounters(pair(hours=hours), anchorages=NO_ANCHORAGES)) == 1) is found


@pytest.mark.parametrize(("north_m", "found"), [(490.0, True), (510.0, False)])
def test_500_metres_is_the_widest_encounter(north_m, found):
    out = encounters(pair(north_m=north_m), anchorages=NO_ANCHORAGES)
    assert (len(out) == 1) is found


@pytest.mark.parametrize(("speed_kn", "found"), [(1.9, True), (2.1, False)])
def test_median_speed_below_2_kn(speed_kn, found):
    # at 2.1 kn both drift together but too fast for an encounter
    out = encounters(pair(speed_kn=speed_kn), anchorages=NO_ANCHORAGES)
    assert (len(out) == 1) is found


@pytest.mark.parametrize(("km", "found"), [(9.9, False), (10.1, True)])
def test_ten_km_from_an_anchorage(km, found):
    anchorage = pd.DataFrame({"name": ["Test anchorage"], "lat": [LAT + 150.0 / M_LAT],
                              "lon": [LON - km * 1000.0 / M_LON]})
    out = encounters(pair(hours=0.0 + 2.0, speed_kn=0.0), anchorages=anchorage)
    assert (len(out) == 1) is found
    if found:
        assert out.anchorage[0] == "Test anchorage"
        assert out.anchorage_distance_km[0] == pytest.approx(km, abs=0.05)


def test_a_silence_over_an_hour_is_not_interpolated():
    both = pair(hours=3.0)
    gap = (both.time > START + pd.Timedelta(minutes=50)) & (both.time < START + pd.Timedelta(
        minutes=120))
    out = encounters(both[~gap], anchorages=NO_ANCHORAGES)
    # 70 minutes of silence: the tracks resume at 02:00, leaving 02:00–03:00 only
    assert out.empty


def test_vessels_apart_in_time_never_meet():
    one = drifting(613000001)
    other = drifting(273000002, north_m=100.0, start=START + pd.Timedelta(hours=5))
    assert encounters(pd.concat([one, other]), anchorages=NO_ANCHORAGES).empty


def test_bad_input_is_an_input_error():
    with pytest.raises(InputError, match="missing column"):
        encounters(pair().drop(columns="lon"))
    with pytest.raises(InputError, match="max_distance_m must be a finite number > 0, got 0"):
        encounters(pair(), max_distance_m=0)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000))
def test_row_order_never_changes_the_answer(seed):
    both = pd.concat([pair(), drifting(215000003, north_m=5000.0)], ignore_index=True)
    expected = encounters(both, anchorages=NO_ANCHORAGES)
    for shuffled in (both.iloc[::-1], both.sample(frac=1.0, random_state=seed)):
        pd.testing.assert_frame_equal(encounters(shuffled, anchorages=NO_ANCHORAGES), expected)
