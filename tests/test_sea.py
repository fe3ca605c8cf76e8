import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from voyages.cli.main import cli
from voyages.errors import InputError, RouteError
from voyages.places import Place
from voyages.sea import Passage, parse_passages, sea_matrix, sea_route


def test_murmansk_conakry_stays_in_the_atlantic():
    route = sea_route("Мурманск", "Conakry")
    assert route.origin.locode == "RUMMK" and route.destination.locode == "GNCKY"
    assert 4300 < route.distance_nm < 4900
    assert route.passages == ()
    assert route.distance_km == pytest.approx(route.distance_nm * 1.852)
    # High latitude: the line starts at Murmansk (69° N) and ends at Conakry.
    first, last = route.line.coords[0], route.line.coords[-1]
    assert first == pytest.approx((route.origin.lon, route.origin.lat))
    assert last == pytest.approx((route.destination.lon, route.destination.lat))
    assert max(lat for _, lat in route.line.coords) > 70


@pytest.mark.parametrize(("a", "b"), [("RUMMK", "GNCKY"), ("SGSIN", "NLRTM"), ("TWKEL", "CNSHA"),
                                      ("JPYOK", "USLAX")])
def test_route_is_symmetric(a, b):
    there, back = sea_route(a, b), sea_route(b, a)
    assert there.distance_nm == pytest.approx(back.distance_nm, rel=1e-6)
    assert set(there.passages) == set(back.passages)


PORTS = ["RUMMK", "GNCKY", "SYTTS", "TWKEL", "CNSHA", "JPYOK", "USLAX", "SGSIN", "NLRTM",
         "BRSSZ", "ZACPT", "AUSYD", "LRMLW", "GRPIR"]


@settings(max_examples=8, deadline=None)
@given(pair=st.lists(st.sampled_from(PORTS), min_size=2, max_size=2, unique=True))
def test_any_route_is_symmetric_and_at_least_the_geodesic(pair):
    from voyages._seagraph import geodesic_nm

    a, b = pair
    there, back = sea_route(a, b), sea_route(b, a)
    assert there.distance_nm == pytest.approx(back.distance_nm, rel=1e-6)
    straight = float(geodesic_nm(there.origin.lon, there.origin.lat,
                                 there.destination.lon, there.destination.lat)[0])
    assert there.distance_nm >= straight - 1e-6


def test_antimeridian_route_is_one_continuous_line_across_the_pacific():
    route = sea_route("JPYOK", "USLAX")
    # Published Yokohama–Los Angeles is about 4,800–4,900 nm; a route the wrong
    # way round the world would be over 15,000 nm.
    assert 4700 < route.distance_nm < 5100
    lons = [lon for lon, _ in route.line.coords]
    steps = [abs(b - a) for a, b in zip(lons[:-1], lons[1:], strict=True)]
    assert max(steps) < 180  # no jump from +180 to -180
    assert route.line.length < 150  # degrees: it crosses the Pacific, not Eurasia


def test_geojson_of_a_route_across_the_antimeridian_follows_rfc_7946():
    geometry = sea_route("JPYOK", "USLAX").to_geojson()["geometry"]
    # RFC 7946 3.1.9: longitudes in [-180, 180], split at the antimeridian
    assert geometry["type"] == "MultiLineString"
    west, east = geometry["coordinates"]
    points = west + east
    assert all(-180.0 <= lon <= 180.0 for lon, _ in points)
    assert west[-1][0] == 180.0 and east[0][0] == -180.0
    assert west[-1][1] == east[0][1]  # the two parts meet at the same latitude


def test_geojson_of_a_route_that_stays_in_one_hemisphere_is_one_line():
    geometry = sea_route("RUMMK", "GNCKY").to_geojson()["geometry"]
    assert geometry["type"] == "LineString"
    assert all(-180.0 <= lon <= 180.0 for lon, _ in geometry["coordinates"])


def test_singapore_rotterdam_goes_by_suez_and_avoiding_it_goes_round_the_cape():
    direct = sea_route("SGSIN", "NLRTM")
    assert Passage.SUEZ in direct.passages and Passage.GIBRALTAR in direct.passages
    around = sea_route("SGSIN", "NLRTM", avoid="suez")
    assert Passage.SUEZ not in around.passages
    assert Passage.SOUTH_AFRICA in around.passages
    assert around.distance_nm > direct.distance_nm + 2000
    assert [p.value for p in around.avoided] == ["northwest", "suez"]


def test_via_adds_the_call_and_its_distance():
    direct = sea_route("RUMMK", "GNCKY")
    via = sea_route("RUMMK", "GNCKY", via=["Tartus"])
    assert [p.locode for p in via.waypoints] == ["SYTTS"]
    assert Passage.GIBRALTAR in via.passages
    leg1, leg2 = sea_route("RUMMK", "SYTTS"), sea_route("SYTTS", "GNCKY")
    assert via.distance_nm == pytest.approx(leg1.distance_nm + leg2.distance_nm, rel=1e-9)
    assert via.distance_nm > direct.distance_nm + 3000


def test_port_legs_are_counted():
    route = sea_route("GNCKY", "RUMMK")
    assert len(route.access_nm) == 2 and all(leg > 0 for leg in route.access_nm)


def test_place_objects_and_coordinates_work():
    point = Place(name="off Conakry", lat=9.3, lon=-13.9, kind="point")
    route = sea_route(point, "9.51, -13.71")
    assert route.distance_nm < 30


def test_same_place_is_zero():
    assert sea_route("GNCKY", "GNCKY").distance_nm == 0


def test_closing_every_way_out_is_a_route_error():
    with pytest.raises(RouteError, match="no sea route"):
        sea_route("SYTTS", "SGSIN", avoid="suez,gibraltar,bosporus")


def test_inland_place_is_a_route_error():
    with pytest.raises(RouteError, match="not reachable by sea"):
        sea_route(Place(name="Bamako", lat=12.65, lon=-8.0, kind="town"), "GNCKY")


@pytest.mark.parametrize(("text", "expected"), [
    ("SUEZ", Passage.SUEZ), ("Strait of Hormuz", Passage.ORMUZ),
    ("bab-el-mandeb", Passage.BABALMANDAB), ("Bosphorus", Passage.BOSPORUS),
    ("Panama Canal", Passage.PANAMA), ("cape of good hope", Passage.SOUTH_AFRICA),
])
def test_passage_names_parse_case_insensitively(text, expected):
    assert Passage.parse(text) is expected


def test_unknown_passage_lists_the_valid_ones():
    with pytest.raises(InputError, match="expected one of: babalmandab"):
        parse_passages("suez,atlantis")


def test_matrix_bounds_sea_route_and_is_symmetric():
    places = ["RUMMK", "GNCKY", "SYTTS", "TWKEL"]
    m = sea_matrix(places)
    for i, a in enumerate(places):
        for j, b in enumerate(places):
            if i != j:
                routed = sea_route(a, b).distance_nm
                # the matrix skips sea_route's straightening pass: never shorter
                assert routed - 1e-6 <= m.iloc[i, j] <= routed * 1.15
    assert (abs(m.values - m.values.T) < 1e-6).all()
    assert list(m.index)[0] == "Murmansk (RUMMK)"


def test_nearest_snapping_reproduces_plain_searoute():
    import warnings

    import searoute

    from voyages.places import resolve_place

    m = sea_matrix(["RUMMK", "GNCKY"], snap="nearest")
    a, b = resolve_place("RUMMK"), resolve_place("GNCKY")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = searoute.searoute([a.lon, a.lat], [b.lon, b.lat], units="naut",
                                  restrictions=["northwest"])
    assert m.iloc[0, 1] == pytest.approx(plain["properties"]["length"], rel=0.005)


def test_straightening_never_lengthens_and_keeps_the_ends():
    from voyages.sea import _straighten, _tighten

    coords = [(-13.71, 9.51), (-14.5, 8.5), (-11.5, 5.5), (-10.8, 6.35)]
    from voyages.sea import _length_nm

    out = _tighten(_straighten(list(coords)))
    assert out[0] == coords[0] and out[-1] == coords[-1]
    assert _length_nm(out) <= _length_nm(coords)


def test_matrix_rejects_duplicates():
    with pytest.raises(InputError, match="duplicate"):
        sea_matrix(["GNCKY", "Conakry"])


def test_cli_route_json_keys():
    result = CliRunner().invoke(cli, ["route", "RUMMK", "GNCKY", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert {"distance_nm", "distance_km", "passages", "from", "to"} <= set(doc)
    assert doc["from"]["locode"] == "RUMMK" and doc["passages"] == []


def test_cli_route_table_and_avoid():
    result = CliRunner().invoke(cli, ["route", "SGSIN", "NLRTM", "--avoid", "suez"])
    assert result.exit_code == 0
    assert "south_africa" in result.output and "nm" in result.output


def test_cli_geojson_writes_the_line_and_will_not_overwrite(tmp_path):
    out = tmp_path / "r.geojson"
    args = ["route", "TWKEL", "CNSHA", "--format", "geojson", "-o", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    feature = json.loads(out.read_text())
    assert feature["geometry"]["type"] == "LineString"
    assert len(feature["geometry"]["coordinates"]) >= 2
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 2
    assert again.stderr == f"error: {out}: exists; pass --force to overwrite it\n"


@pytest.mark.parametrize(("args", "message"), [
    (["route", "RUMMK", "GNCKY", "--avoid", "atlantis"], "unknown passage 'atlantis'"),
    (["route", "Conakri", "RUMMK"], "did you mean 'Conakry'"),
    (["route", "SYTTS", "SGSIN", "--avoid", "suez,gibraltar,bosporus"], "no sea route"),
])
def test_cli_errors_are_one_line_exit_2(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


# --- inland waterways: searoute joins the Caspian to the Sea of Azov by the Volga–Don ----------

def test_a_caspian_route_out_names_the_volga_don_and_warns():
    route = sea_route("AZBAK", "NLRTM")
    assert route.passages[0] is Passage.VOLGA_DON
    assert any("Volga–Don Canal" in w and "river-sea ships" in w for w in route.warnings)
    assert route.to_dict()["passages"][0] == "volga_don"


def test_avoiding_the_volga_don_leaves_the_caspian_without_a_sea_route():
    with pytest.raises(RouteError, match="volga_don"):
        sea_route("AZBAK", "NLRTM", avoid="Volga-Don canal")


@pytest.mark.parametrize(("a", "b"), [("NLRTM", "RUNVS"), ("RUASF", "AZBAK")])
def test_sea_routes_and_astrakhan_on_the_caspian_are_not_inland(a, b):
    route = sea_route(a, b)  # Rotterdam–Novorossiysk by the Bosporus; Astrakhan is a Caspian port
    assert Passage.VOLGA_DON not in route.passages
    assert not route.inland_notes


def test_cli_route_prints_the_inland_warning_on_stderr():
    result = CliRunner().invoke(cli, ["route", "Baku", "Rotterdam"])
    assert result.exit_code == 0
    assert "volga_don" in result.stdout
    assert result.stderr.startswith("warning: the route passes the Volga–Don Canal")
