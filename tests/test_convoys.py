import pytest

from voyages.convoys import LAND_ENVELOPES, LandEnvelope, land_envelope
from voyages.transship import (
    CONAKRY_DISCHARGE_T_PER_DAY,
    CONAKRY_RORO_VEHICLES_PER_DAY,
    discharge_days,
    roro_days,
)


def test_bundled_convoy_envelope_is_fm_11_43_speeds_times_ten_hours():
    env = land_envelope("Military road convoy")
    assert (env.speed_kmh_min, env.speed_kmh_max, env.driving_h_per_day) == (24.0, 40.0, 10.0)
    assert env.km_per_day() == (240.0, 400.0)
    assert any("FM 11-43" in s for s in env.sources)


def test_km_per_day_scales_with_driving_hours():
    env = LandEnvelope("x", "road", 20.0, 40.0, 10.0)
    assert env.km_per_day(24.0) == (480.0, 960.0)
    assert env.average_speed_kmh() == pytest.approx((200 / 24, 400 / 24))


def test_driving_days_fastest_first():
    assert LandEnvelope("x", "road", 25.0, 50.0, 8.0).driving_days(800.0) == (2.0, 4.0)


@pytest.mark.parametrize(("speeds", "hours"), [((0.0, 10.0), 10.0), ((30.0, 20.0), 10.0),
                                               ((10.0, 20.0), 0.0), ((10.0, 20.0), 25.0)])
def test_bad_envelopes_are_rejected(speeds, hours):
    with pytest.raises(ValueError):
        LandEnvelope("bad", "road", *speeds, hours)


def test_negative_distance_is_rejected():
    with pytest.raises(ValueError, match="distance"):
        LAND_ENVELOPES["military_road_convoy"].driving_days(-1.0)


def test_unknown_envelope_lists_the_known_ones():
    with pytest.raises(KeyError, match="military_road_convoy"):
        land_envelope("hovercraft")


def test_timing_envelope_is_in_km_over_elapsed_hours():
    pytest.importorskip("voyages.timing")
    env = land_envelope("military_road_convoy").timing_envelope()
    assert env.unit == "km"
    assert (env.speed_min, env.speed_max) == pytest.approx((10.0, 400 / 24))


def test_discharge_days_from_conakry_rates():
    assert CONAKRY_DISCHARGE_T_PER_DAY == pytest.approx((1000.0, 40000 / 12))
    fast, slow = discharge_days(834.0)
    assert fast == pytest.approx(834 / (40000 / 12))
    assert slow == pytest.approx(0.834)
    with pytest.raises(ValueError):
        discharge_days(-1.0)
    with pytest.raises(ValueError):
        discharge_days(10.0, (5.0, 1.0))


def test_roro_days_at_record_month_pace():
    assert roro_days(242) == pytest.approx(242 / CONAKRY_RORO_VEHICLES_PER_DAY)
    assert CONAKRY_RORO_VEHICLES_PER_DAY == pytest.approx(7500 / 31)


def test_transshipment_constants_match_the_bundled_port_facilities():
    from voyages.transship import port_facilities_frame

    frame = port_facilities_frame().set_index(["place", "facility"])
    days_after = float(frame.loc[("Conakry", "conventional_discharge_40000t_days"), "value"])
    days_before = float(frame.loc[("Conakry", "conventional_discharge_40000t_days_before"),
                                  "value"])
    assert CONAKRY_DISCHARGE_T_PER_DAY == pytest.approx((40000 / days_before, 40000 / days_after))
    per_month = float(frame.loc[("Conakry", "ro_ro_vehicles_per_month"), "value"])
    assert CONAKRY_RORO_VEHICLES_PER_DAY == pytest.approx(per_month / 31)
    assert frame.loc[("Conakry", "ro_ro"), "value"] == "yes"
    assert frame.loc[("Conakry", "rail_spur"), "value"] == "yes"
