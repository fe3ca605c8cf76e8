import math

import pytest

from voyages.errors import DataFileError, InputError, RouteError, UnknownPlaceError
from voyages.land import (
    CIRCUITY_LITERATURE,
    _read_corridors,
    circuity_band,
    corridors_frame,
    geodesic_km,
    land_route,
)
from voyages.places import resolve_place


def test_road_distance_is_the_sum_of_its_legs():
    route = land_route("Conakry", "Bamako")
    assert route.distance_km_min == pytest.approx(sum(leg.distance_km_min for leg in route.legs))
    frame = corridors_frame().query("mode == 'road'").set_index(["from", "to"])
    for leg in route.legs:
        if not leg.estimated:
            assert leg.distance_km == frame.loc[(leg.origin.name, leg.destination.name),
                                                "distance_km"]
    assert [leg.origin.name for leg in route.legs] == ["Conakry", "Coyah", "Dabola",
                                                       "Kouroussa", "Kankan", "Siguiri",
                                                       "Kourémalé"]
    assert [(leg.origin.name, leg.destination.name) for leg in route.legs if leg.estimated] == [
        ("Kourémalé", "Bamako")]


def test_places_passed_follow_the_corridor_in_order():
    assert land_route("Conakry", "Bamako").places_passed == (
        "Conakry", "Coyah", "Kindia", "Mamou", "Dabola", "Kouroussa", "Kankan", "Siguiri",
        "Kourémalé", "Bamako")


def test_route_is_symmetric():
    there, back = land_route("Conakry", "Bamako"), land_route("Bamako", "Conakry")
    assert there.distance_km == pytest.approx(back.distance_km)
    assert back.places_passed == tuple(reversed(there.places_passed))


def test_unknown_leg_length_makes_the_route_an_estimate_with_a_band():
    route = land_route("Conakry", "Bamako")
    assert route.confidence == "estimated"
    assert route.distance_km_min < route.distance_km_max
    estimated = [leg for leg in route.legs if leg.estimated]
    assert [(leg.origin.name, leg.destination.name) for leg in estimated] == [("Kourémalé",
                                                                                "Bamako")]
    assert "circuity" in estimated[0].source
    assert route.border_crossings == 1
    border = land_route("Conakry", "Kourémalé")  # every leg sourced
    assert border.confidence == "corridor"
    assert border.distance_km == pytest.approx(50 + 354.719 + 161 + 83 + 133 + 119)


def test_fallback_is_geodesic_times_the_circuity_band():
    low, high = circuity_band()
    route = land_route("Conakry", "Freetown")
    straight = geodesic_km(resolve_place("Conakry"), resolve_place("Freetown"))
    assert route.confidence == "estimated"
    assert route.distance_km_min == pytest.approx(straight * low)
    assert route.distance_km_max == pytest.approx(straight * high)


@pytest.mark.parametrize(("mode", "origin", "destination", "message"), [
    ("rail", "Murmansk", "Conakry", "no rail corridor known between Murmansk and Conakry"),
    ("rail", "Conakry", "Freetown", "measured on roads only"),
    ("road", "Murmansk", "Conakry", "beyond the 603 km the circuity fallback is calibrated on"),
    ("road", "Conakry", "Dakar", "beyond the 603 km"),
    ("road", "Keelung", "Fuzhou", "no land joins them"),
])
def test_fallback_is_refused_where_it_has_no_basis(mode, origin, destination, message):
    with pytest.raises(RouteError, match=message):
        land_route(origin, destination, mode=mode)


def test_fallback_limit_is_the_longest_fully_sourced_straight_line():
    from voyages.land import fallback_limit_km

    sourced = land_route("Conakry", "Kourémalé")
    assert sourced.confidence == "corridor"
    assert fallback_limit_km() == pytest.approx(
        geodesic_km(resolve_place("Conakry"), resolve_place("Kourémalé")))


def test_cli_route_refuses_a_land_route_across_the_sea():
    result = _cli("route", "--mode", "rail", "Murmansk", "Conakry")
    assert result.exit_code == 2
    assert "error: no rail corridor known" in result.output
    assert "estimated" not in result.output


def test_circuity_band_contains_the_literature_range():
    low, high = circuity_band()
    assert low <= CIRCUITY_LITERATURE[0] and high >= CIRCUITY_LITERATURE[1]


def test_rail_route_reports_the_closed_line():
    route = land_route("Conakry", "Kankan", mode="rail")
    assert route.closed
    assert route.distance_km == pytest.approx(148.5 + 439 + 74)
    assert route.confidence == "corridor"
    assert not land_route("Conakry", "Kankan").closed


def test_via_a_town_inside_a_corridor_keeps_the_corridor():
    direct = land_route("Conakry", "Bamako")
    assert land_route("Conakry", "Bamako", via=["Siguiri"]).distance_km == direct.distance_km


def test_via_off_the_corridor_adds_legs():
    route = land_route("Kankan", "Bamako", via=["Kouroussa"])
    direct = land_route("Kankan", "Bamako")
    assert route.distance_km == pytest.approx(83 + 83 + direct.distance_km)


def test_unknown_place_error_suggests_names():
    with pytest.raises(UnknownPlaceError, match="did you mean 'Siguiri'"):
        land_route("Conakry", "Siguirri")


def test_bad_mode_and_same_place_are_errors():
    with pytest.raises(InputError, match="expected one of: road, rail"):
        land_route("Conakry", "Bamako", mode="air")
    with pytest.raises(RouteError):
        land_route("Bamako", "Bamako")


def test_line_runs_through_the_leg_ends_lon_lat():
    route = land_route("Siguiri", "Kourémalé")
    (x0, y0), (x1, y1) = route.line.coords
    assert (y0, x0) == (pytest.approx(11.42282), pytest.approx(-9.16852))
    assert math.isclose(y1, 11.95)


def test_line_follows_the_towns_a_corridor_passes():
    route = land_route("Conakry", "Bamako")
    mamou = resolve_place("Mamou")
    assert (mamou.lon, mamou.lat) in list(route.line.coords)
    assert len(route.line.coords) == len(route.places_passed)


def test_legs_frame_columns():
    frame = land_route("Conakry", "Bamako").legs_frame()
    assert list(frame.columns)[:5] == ["from", "to", "mode", "distance_km_min", "distance_km_max"]
    assert frame["border_crossing"].sum() == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [("Conakry,Coyah,road,50,,,,open,no,,", "source: every corridor needs its source"),
     ("Conakry,Coyah,boat,50,,,,open,no,src,", "mode: expected road or rail"),
     ("Conakry,Coyah,road,-5,,,,open,no,src,", "distance_km: must be > 0"),
     ("Conakry,Coyah,road,fifty,,,,open,no,src,", "distance_km: not a number"),
     ("Conakry,Coyah,road,50,,,,shut,no,src,", "status: expected open or closed"),
     ("Conakry,Nowhereville,road,50,,,,open,no,src,", "unknown place"),
     ("Kankan,Bamako,road,200,,,,open,no,src,", "shorter than the straight line")],
)
def test_bad_corridor_rows_name_file_line_and_field(tmp_path, row, message):
    path = tmp_path / "corridors.csv"
    path.write_text("from,to,mode,distance_km,via,road_class,surface,status,border_crossing,"
                    "source,note\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=f"corridors.csv: line 2: .*{message}"):
        _read_corridors(path)


def _cli(*args):
    from click.testing import CliRunner

    from voyages.cli.main import cli

    return CliRunner().invoke(cli, list(args))


def test_cli_route_road_prints_distance_and_towns():
    result = _cli("route", "--mode", "road", "Conakry", "Bamako")
    assert result.exit_code == 0, result.output
    assert "1,032–1,090 km (estimated)" in result.output
    assert "Kouroussa → Kankan → Siguiri → Kourémalé → Bamako" in result.output


def test_cli_route_rail_flags_the_closed_line_and_json_has_the_band():
    import json

    result = _cli("route", "--mode", "rail", "Conakry", "Kankan")
    assert result.exit_code == 0 and "out of service" in result.output
    doc = json.loads(_cli("route", "--mode", "road", "Conakry", "Bamako",
                          "--format", "json").output)
    assert doc["confidence"] == "estimated"
    assert doc["distance_km_min"] < doc["distance_km_max"]


def test_cli_route_land_errors_are_one_line_exit_2():
    result = _cli("route", "--mode", "road", "Conakry", "Bamakko")
    assert result.exit_code == 2
    assert "did you mean 'Bamako'" in result.output
    assert _cli("route", "--mode", "road", "Conakry", "Bamako", "--avoid", "suez").exit_code == 2


def test_bundled_corridors_all_have_sources_and_known_statuses():
    frame = corridors_frame()
    assert (frame["source"].str.len() > 0).all()
    assert set(frame["status"]) <= {"open", "closed"}
    assert set(frame["mode"]) == {"road", "rail"}
    # every rail link of the Conakry–Niger line is out of service
    assert (frame.query("mode == 'rail'")["status"] == "closed").all()


def test_kouremale_is_in_mali():
    assert resolve_place("Kourémalé").country == "ML"
