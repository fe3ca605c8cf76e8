from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voyages.findings import Verdict
from voyages.timing import TIGHT_FRACTION, Envelope, elapsed_hours, judge_leg

T0 = datetime(2025, 1, 1, tzinfo=UTC)
ENV = Envelope(speed_min=8.0, speed_max=12.0, allowance_min_h=0.0, allowance_max_h=24.0)


def hours(h):
    return T0 + timedelta(hours=h)


def judge(s0, s1, e0, e1, distance, env=ENV, **kw):
    return judge_leg(hours(s0), hours(s1), hours(e0), hours(e1), distance=distance, envelope=env,
                     **kw)


def test_elapsed_interval_from_day_precision():
    # Departed on day 1 (whole day), arrived on day 5 (whole day): 3..5 days.
    assert elapsed_hours(hours(0), hours(24), hours(96), hours(120)) == (72.0, 120.0)


def test_overlapping_reports_give_zero_minimum():
    assert elapsed_hours(hours(0), hours(48), hours(24), hours(72))[0] == 0.0


def test_boundary_exactly_at_max_speed_is_feasible_and_tight():
    # 1200 nm at 12 kn takes exactly 100 h; the reports allow at most 100 h.
    result = judge(0, 0, 100, 100, 1200.0)
    assert result.verdict is Verdict.TIGHT
    assert result.feasible_h_min == pytest.approx(100.0)
    assert result.implied_speed_min == pytest.approx(12.0)


def test_one_hour_short_of_max_speed_is_implausible():
    result = judge(0, 0, 99, 99, 1200.0)
    assert result.verdict is Verdict.IMPLAUSIBLE
    assert "fastest passage needs 100 h" in result.reason


def test_tight_boundary_is_ninety_percent_of_max_speed():
    threshold = 1200.0 / (TIGHT_FRACTION * 12.0)
    assert judge(0, 0, threshold - 0.01, threshold - 0.01, 1200.0).verdict is Verdict.TIGHT
    assert judge(0, 0, threshold, threshold, 1200.0).verdict is Verdict.CONSISTENT


def test_unexplained_days_beyond_slowest_passage_and_allowance():
    # 1200 nm at 8 kn = 150 h, plus 24 h allowance = 174 h; reports allow 10..12 days.
    result = judge(0, 24, 264, 288, 1200.0)
    assert result.verdict is Verdict.CONSISTENT
    assert result.feasible_h_max == pytest.approx(174.0)
    assert result.unexplained_days == pytest.approx((240 - 174) / 24)
    assert result.evidence()["unexplained_days_max"] == pytest.approx((288 - 174) / 24)
    assert result.evidence()["implied_speed_kn_min"] == pytest.approx(1200 / 288)


def test_no_unexplained_time_when_the_slow_passage_fills_it():
    assert judge(0, 0, 150, 150, 1200.0).unexplained_days == 0.0


def test_missing_envelope_is_unverifiable_with_reason():
    result = judge_leg(hours(0), hours(1), hours(50), hours(51), distance=500.0, envelope=None,
                       unverifiable_reason="no sourced speed for fishing vessels")
    assert result.verdict is Verdict.UNVERIFIABLE
    assert result.reason == "no sourced speed for fishing vessels"
    assert result.elapsed_h_max == 51.0


def test_distance_uncertainty_widens_the_window():
    strict = judge(0, 0, 99, 99, 1200.0)
    loose = judge(0, 0, 99, 99, 1200.0, distance_uncertainty=0.05)
    assert strict.verdict is Verdict.IMPLAUSIBLE
    assert loose.verdict is Verdict.TIGHT


def test_km_envelope_names_kmh_keys():
    env = Envelope(speed_min=20.0, speed_max=60.0, unit="km")
    evidence = judge(0, 0, 10, 10, 300.0, env=env).evidence()
    assert evidence["distance_km"] == 300.0 and evidence["implied_speed_kmh_min"] == 30.0


@pytest.mark.parametrize("kwargs", [dict(speed_min=0.0, speed_max=10.0),
                                    dict(speed_min=12.0, speed_max=10.0),
                                    dict(speed_min=5.0, speed_max=10.0, allowance_min_h=5,
                                         allowance_max_h=1),
                                    dict(speed_min=5.0, speed_max=10.0, unit="mi")])
def test_bad_envelopes_are_rejected(kwargs):
    with pytest.raises(ValueError):
        Envelope(**kwargs)


_ORDER = {Verdict.CONSISTENT: 0, Verdict.TIGHT: 1, Verdict.IMPLAUSIBLE: 2}
times = st.floats(min_value=0, max_value=2000, allow_nan=False)
widths = st.floats(min_value=0, max_value=500, allow_nan=False)
distances = st.floats(min_value=0, max_value=15000, allow_nan=False)


@given(s=times, sw=widths, gap=times, ew=widths, d=distances, extra_a=widths, extra_b=widths)
def test_widening_precision_never_makes_a_feasible_leg_implausible(s, sw, gap, ew, d, extra_a,
                                                                   extra_b):
    e = s + sw + gap
    narrow = judge(s, s + sw, e, e + ew, d)
    wide = judge(s - extra_a, s + sw, e, e + ew + extra_b, d)
    assert _ORDER[wide.verdict] <= _ORDER[narrow.verdict]
    assert wide.elapsed_h_min <= narrow.elapsed_h_min
    assert wide.elapsed_h_max >= narrow.elapsed_h_max


@given(s=times, sw=widths, gap=times, ew=widths, d=distances, more=distances)
def test_longer_distance_never_improves_the_verdict(s, sw, gap, ew, d, more):
    e = s + sw + gap
    near = judge(s, s + sw, e, e + ew, d)
    far = judge(s, s + sw, e, e + ew, d + more)
    assert _ORDER[far.verdict] >= _ORDER[near.verdict]
    assert far.unexplained_h_min <= near.unexplained_h_min
