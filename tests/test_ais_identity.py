"""Identity anomalies: MID against flag, one MMSI in two places, changing names and IMOs."""

from __future__ import annotations

import pandas as pd
import pytest

from voyages.ais.identity import identity_anomalies, mid_country, mid_table
from voyages.errors import InputError

T = pd.to_datetime(["2025-01-03 08:00", "2025-01-03 09:00", "2025-01-03 10:00"], utc=True)


def test_mid_table_is_the_itu_list_with_iso_codes():
    table = mid_table()
    assert len(table) == 294
    assert set(table.columns) == {"mid", "iso2", "sovereign_iso2", "name"}
    assert table[table.mid == 613].iso2.tolist() == ["CM"]  # Cameroon
    assert table[table.mid == 518].sovereign_iso2.tolist() == ["NZ"]  # Cook Islands
    assert sorted(table[table.mid == 306].iso2) == ["CW", "NL", "SX"]
    assert (table.iso2.str.len() == 2).all()


@pytest.mark.parametrize(("mmsi", "flag", "kind"), [
    (613000001, "CM", None),           # Cameroon MID, Cameroon flag
    (613000001, "PA", "mid_flag_mismatch"),
    (518000001, "NZ", None),           # Cook Islands: New Zealand's area
    (518000001, "CK", None),
    (217000001, None, "mid_unknown"),  # 217 is not in the table
    (12345678, None, "mmsi_format"),   # eight digits
    (111234567, None, "mmsi_format"),  # SAR aircraft, not a ship station
])
def test_mid_against_flag(mmsi, flag, kind):
    positions = pd.DataFrame({"mmsi": [mmsi], "time": T[:1], "lat": [25.3], "lon": [121.7]})
    out = identity_anomalies(positions, flags={mmsi: flag} if flag else None)
    assert out.anomaly.tolist() == ([kind] if kind else [])


def test_flags_are_country_codes_and_only_apply_to_vessels_in_the_data():
    positions = pd.DataFrame({"mmsi": [273000002], "time": T[:1], "lat": [25.3], "lon": [121.7]})
    # a register's flags for other vessels are not anomalies of this data
    assert identity_anomalies(positions, flags={111: "CM", 613000001: "CM"}).empty
    with pytest.raises(InputError, match="flags\\[273000002\\]: expected an ISO 3166-1 alpha-2 "
                                         "country code such as 'RU', got 'ZZ'"):
        identity_anomalies(positions, flags={273000002: "ZZ"})


def test_mid_country_names():
    assert mid_country(273123456)[0]["name"] == "Russian Federation"


def test_one_mmsi_in_two_places_at_once():
    positions = pd.DataFrame({"mmsi": 273000002, "time": T,
                              "lat": [59.5, 59.5, 59.5], "lon": [24.0, 27.5, 24.01]})
    out = identity_anomalies(positions)
    row = out[out.anomaly == "two_places"].iloc[0]
    assert row["count"] == 2
    # 3.5° of longitude at 59.5°N: about 106 nm in an hour
    assert row.distance_nm == pytest.approx(106.7, abs=0.5)
    assert row.implied_speed_kn == pytest.approx(row.distance_nm, rel=1e-9)
    assert row.start == T[1] and row.end == T[2]


def test_a_fast_ferry_is_not_in_two_places():
    # 58 nm in an hour: the fastest ferry's speed, under the 60 kn limit
    lon = 24.0 + 58 * 1852 / 56_666.0  # metres per degree of longitude near 59.5°N
    positions = pd.DataFrame({"mmsi": 230000001, "time": T[:2], "lat": [59.5, 59.5],
                              "lon": [24.0, lon]})
    assert identity_anomalies(positions).empty


def test_names_imo_and_call_signs_changing_and_a_bad_check_digit():
    static = pd.DataFrame({
        "mmsi": 613000001, "time": T,
        "imo": ["9329760", "9329760", "9329761"],
        "name": ["SHUNXIN39", "SHUNXIN39", "XIN SHUN 39"],
        "call_sign": ["TJABC", "tjabc ", "TJXYZ"],
    })
    out = identity_anomalies(static=static).set_index("anomaly")
    assert out.loc["name_change", "values"] == ["SHUNXIN39", "XIN SHUN 39"]
    assert out.loc["name_change", "start"] == T[2]
    assert out.loc["imo_change", "values"] == ["9329760", "9329761"]
    assert out.loc["call_sign_change", "values"] == ["TJABC", "TJXYZ"]  # case and spaces fold
    assert out.loc["imo_check_digit", "values"] == ["9329761"]
    assert "9329760" not in out.loc["imo_check_digit", "detail"]


def test_a_ship_imo_is_checked_with_the_ship_check_digit_as_in_case_files(write_case):
    # 8358428 passes the company-number check digit (rigour's IMO.is_valid accepts it),
    # but a ship's check digit of 835842x is 7: the case loader refuses it, so must this.
    from rigour.ids import IMO

    from voyages.casefile import load_case
    from voyages.errors import CaseFileError

    assert IMO.is_valid("8358428")
    static = pd.DataFrame({"mmsi": [273000002, 273000003, 273000004], "time": T,
                           "imo": ["IMO8358428", "8358428", "IMO8358427"]})
    out = identity_anomalies(static=static)
    assert out[["mmsi", "anomaly"]].values.tolist() == [[273000002, "imo_check_digit"],
                                                        [273000003, "imo_check_digit"]]
    assert out["values"].tolist() == [["8358428"], ["8358428"]]
    assert set(out["detail"]) == {"IMO number 8358428 fails its check digit"}
    case = write_case('[[vessels]]\nid = "v2"\nname = "V2"\nimo = "8358428"\n')
    with pytest.raises(CaseFileError, match="IMO number 8358428 fails its check digit"):
        load_case(case)


def test_ais_zero_imo_means_not_available():
    static = pd.DataFrame({"mmsi": 613000001, "time": T[:2], "imo": [0, 9329760]})
    assert identity_anomalies(static=static).empty


def test_nothing_given_is_an_input_error():
    with pytest.raises(InputError, match="need positions"):
        identity_anomalies()
