"""clean() and gaps() on hand-made tracks at their thresholds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from voyages import ais
from voyages.errors import InputError

GEOD = Geod(ellps="WGS84")
T0 = pd.Timestamp("2025-01-08T00:00Z")


def track(mmsi: int, steps: list[tuple[float, float, float]], *, lat: float = 0.0,
          lon: float = -30.0) -> pd.DataFrame:
    """Rows from (hours after T0, distance_nm moved since the previous row, bearing)."""
    rows = []
    for hours, nm, bearing in steps:
        lon, lat, _ = GEOD.fwd(lon, lat, bearing, nm * 1852.0)
        rows.append({"mmsi": mmsi, "time": T0 + pd.Timedelta(hours=hours), "lat": lat, "lon": lon})
    frame = pd.DataFrame(rows)
    frame["time"] = frame["time"].astype("datetime64[ns, UTC]")
    return frame


def test_clean_sorts_flags_exact_duplicates_and_never_mutates():
    frame = track(1, [(0, 0, 0), (1, 10, 90), (2, 10, 90)])
    messy = pd.concat([frame.iloc[[2, 0]], frame.iloc[[1, 1]]], ignore_index=True)
    before = messy.copy()
    out = ais.clean(messy)
    pd.testing.assert_frame_equal(messy, before)
    assert out["time"].tolist() == frame["time"].iloc[[0, 1, 1, 2]].tolist()
    assert out["flag"].tolist() == ["ok", "ok", "duplicate", "ok"]
    assert out.attrs["clean_report"]["flags"]["duplicate"] == 1
    assert out.attrs["clean_report"]["reordered"] is True
    assert ais.gaps(out, min_duration_h=0.5)["duration_h"].tolist() == [1.0, 1.0]


def test_clean_of_sorted_input_shares_columns_copy_on_write():
    frame = track(1, [(0, 0, 0), (1, 10, 90)])
    out = ais.clean(frame)
    out.loc[0, "lat"] = 45.0
    assert frame.loc[0, "lat"] != 45.0


def test_speed_limit_boundary_is_25_kn_over_the_interval_plus_10_minutes():
    # 1 h apart: the limit is 25 kn * (1 h + 1/6 h) = 29.1667 nm
    ok = track(1, [(0, 0, 0), (1, 1, 90), (2, 29.16, 90), (3, 1, 90)])
    jump = track(1, [(0, 0, 0), (1, 1, 90), (2, 29.18, 90), (3, 1, 90)])
    assert ais.clean(ok)["flag"].tolist() == ["ok", "ok", "ok", "ok"]
    assert ais.clean(jump)["flag"].tolist() == ["ok", "ok", "speed_jump", "ok"]


def test_lone_outlier_is_flagged_not_its_neighbours():
    frame = track(1, [(0, 0, 0), (1, 10, 90), (2, 300, 0), (3, 300, 180), (4, 10, 90)])
    assert ais.clean(frame)["flag"].tolist() == ["ok", "ok", "speed_jump", "ok", "ok"]
    first = track(1, [(0, 0, 0), (1, 300, 0), (2, 10, 180), (3, 10, 180)])
    assert ais.clean(first)["flag"].tolist() == ["speed_jump", "ok", "ok", "ok"]


def test_bad_positions_and_missing_times_are_flagged_not_dropped():
    frame = track(1, [(0, 0, 0), (1, 10, 90), (2, 10, 90)])
    frame.loc[1, "lat"] = 95.0
    frame.loc[2, "time"] = pd.NaT
    out = ais.clean(frame)
    assert sorted(out["flag"].tolist()) == ["bad_position", "no_time", "ok"]


def test_required_columns_are_checked():
    with pytest.raises(InputError, match="missing column 'lat'"):
        ais.clean(pd.DataFrame({"mmsi": [1], "time": [T0], "lon": [0.0]}))
    with pytest.raises(InputError, match="missing column 'time'"):
        ais.gaps(pd.DataFrame({"mmsi": [1], "lat": [0.0], "lon": [0.0]}))


def test_gap_boundary_12_hours_inclusive_with_distance_and_speed():
    frame = track(5, [(0, 0, 0), (12, 120, 90), (23.99, 100, 90), (24.5, 5, 90)])
    out = ais.gaps(frame)
    assert out["duration_h"].tolist() == [12.0]
    assert out["distance_nm"].round(6).tolist() == [120.0]
    assert out["implied_speed_kn"].round(6).tolist() == [10.0]
    assert out["start"].iloc[0] == T0 and out["end"].iloc[0] == T0 + pd.Timedelta(hours=12)
    assert out["shore_distance_nm"].iloc[0] > 200  # mid-Atlantic (Fernando de Noronha ~270 nm)
    assert bool(out["offshore"].iloc[0])
    assert len(ais.gaps(frame, min_duration_h=12.01)) == 0
    assert len(ais.gaps(frame, min_duration_h=6)) == 1 + 1  # 11.99 h gap counts from 6 h


def test_gaps_do_not_span_two_vessels_and_skip_flagged_rows():
    a = track(1, [(0, 0, 0), (1, 10, 90)])
    b = track(2, [(20, 0, 0), (21, 10, 90)])
    assert ais.gaps(pd.concat([a, b])).empty
    spike = track(1, [(0, 0, 0), (13, 10, 90), (14, 900, 0), (15, 900, 180), (16, 10, 90)])
    cleaned = ais.clean(spike)
    assert ais.gaps(cleaned)["duration_h"].tolist() == [13.0]


def test_shore_distance_near_the_coast():
    from voyages.ais.shore import shore_distance_nm

    # 30 nm west of Conakry's port point lies within the Guinea shelf islands' reach
    near = shore_distance_nm([9.510572], [-13.715293])[0]
    assert near < 5


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0.1, 30.0), min_size=2, max_size=25), st.randoms())
def test_shuffling_rows_does_not_change_clean_or_gaps(hours, rnd):
    times = np.cumsum(hours)
    frame = track(3, [(t, 5.0 * (i % 3), 90.0) for i, t in enumerate(times)])
    other = track(4, [(t, 2.0, 45.0) for t in times[::2]])
    both = pd.concat([frame, other], ignore_index=True)
    shuffled = both.sample(frac=1.0, random_state=rnd.randint(0, 10**6))
    pd.testing.assert_frame_equal(ais.gaps(both, min_duration_h=6),
                                  ais.gaps(shuffled, min_duration_h=6))
    a, b = ais.clean(both), ais.clean(shuffled)
    pd.testing.assert_frame_equal(a.drop(columns="flag"), b.drop(columns="flag"))
    assert a["flag"].tolist() == b["flag"].tolist()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0.1, 30.0), min_size=2, max_size=25), st.integers(0, 24))
def test_splitting_a_track_and_concatenating_does_not_change_gaps(hours, cut):
    frame = track(3, [(t, 3.0, 90.0) for t in np.cumsum(hours)])
    cut = min(cut, len(frame))
    pieces = pd.concat([frame.iloc[cut:], frame.iloc[:cut]], ignore_index=True)
    pd.testing.assert_frame_equal(ais.gaps(frame, min_duration_h=6),
                                  ais.gaps(pieces, min_duration_h=6))
