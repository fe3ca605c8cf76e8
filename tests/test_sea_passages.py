"""Closed passages stay closed: no route, straightened line or port leg crosses one."""

import json

import pytest
import shapely
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiLineString

from voyages.cli.main import cli
from voyages.errors import InputError, RouteError
from voyages.sea import sea_route


def _tagged_edges(passage: str) -> MultiLineString:
    """The passage as searoute defines it: its network's edges tagged ``passage``."""
    from searoute.data.marnet_dict import edge_list

    lines = []
    for a, neighbours in edge_list.items():
        for b, data in neighbours.items():
            if data.get("passage") == passage and a < b:
                lines.append(LineString([a, b]))
    assert lines, passage
    return MultiLineString(lines)


def _shifted(line: LineString, geometry) -> LineString:
    """The route moved by whole turns of longitude next to ``geometry``."""
    cx = geometry.centroid.x
    mid = (line.bounds[0] + line.bounds[2]) / 2
    return shapely.transform(line, lambda c: c + [360.0 * round((cx - mid) / 360.0), 0.0])


def _assert_avoids(route, closed):
    from voyages._gates import gate

    for passage in closed:
        edges = _tagged_edges(passage)
        for turn in (-360.0, 0.0, 360.0):
            line = shapely.transform(route.line, lambda c, t=turn: c + [t, 0.0])
            # Not along, across or through an end of searoute's own tagged edges...
            assert not line.intersects(edges), (passage, turn)
        # ...nor through the gate those edges span (straightening, port legs).
        g = gate(passage)
        line = _shifted(route.line, g)
        assert not (line.intersects(g) and not line.touches(g)), passage


CASES = [
    ("SGSIN", "NLRTM", "suez,south_africa"),
    ("CNSHA", "NLRTM", "suez,gibraltar,south_africa,panama"),
    ("GRPIR", "SGSIN", "suez"),
    ("NLRTM", "USLAX", "panama"),
    ("GNCKY", "GRPIR", "gibraltar"),
    ("SGSIN", "INBOM", "malacca"),
    ("SGSIN", "INBOM", "malacca,sunda"),
    ("JPYOK", "NLRTM", "suez,south_africa"),
]


@pytest.mark.parametrize(("a", "b", "avoid"), CASES)
def test_closed_passages_are_never_crossed(a, b, avoid):
    route = sea_route(a, b, avoid=avoid)
    closed = avoid.split(",")
    assert not {p.value for p in route.passages} & set(closed)
    _assert_avoids(route, closed)


def test_closing_the_cape_forces_a_real_detour():
    """searoute's untagged edges via (20° E, 40° S) used to round the Cape
    with it 'closed', 175 nm longer than the open route."""
    cape = sea_route("SGSIN", "NLRTM", avoid="suez")
    around = sea_route("SGSIN", "NLRTM", avoid="suez,south_africa")
    assert around.distance_nm > cape.distance_nm + 2000
    # With the Cape and Suez shut the way west is Panama or Cape Horn.
    assert {p.value for p in around.passages} & {"panama", "chili"}


PORTS = ["SGSIN", "NLRTM", "CNSHA", "GRPIR", "USLAX", "GNCKY", "INBOM", "AUSYD", "BRSSZ",
         "JPYOK", "RUMMK", "ZACPT"]
PASSAGES = ["suez", "south_africa", "panama", "gibraltar", "malacca", "sunda", "chili",
            "babalmandab"]


@settings(max_examples=12, deadline=None)
@given(pair=st.lists(st.sampled_from(PORTS), min_size=2, max_size=2, unique=True),
       closed=st.lists(st.sampled_from(PASSAGES), min_size=1, max_size=4, unique=True))
def test_any_closed_set_is_respected_or_refused(pair, closed):
    a, b = pair
    try:
        route = sea_route(a, b, avoid=closed)
    except RouteError as err:
        message = str(err)
        assert "\n" not in message and all(p in message for p in closed)
        return
    assert not {p.value for p in route.passages} & set(closed)
    _assert_avoids(route, closed)


def test_no_route_left_is_a_one_line_error_naming_the_passages():
    with pytest.raises(RouteError) as err:
        sea_route("NLRTM", "CNSHA", avoid="suez,south_africa,panama,chili")
    message = str(err.value)
    assert "\n" not in message
    for name in ("suez", "south_africa", "panama", "chili"):
        assert name in message


def test_allow_of_a_passage_open_by_default_is_an_error():
    with pytest.raises(InputError, match="suez is not excluded by default; only northwest is"):
        sea_route("SGSIN", "NLRTM", allow="suez")
    result = CliRunner().invoke(cli, ["route", "SGSIN", "NLRTM", "--allow", "suez"])
    assert result.exit_code == 2
    assert "suez is not excluded by default" in result.output


def test_geojson_of_an_avoided_route_matches_its_distance():
    result = CliRunner().invoke(cli, ["route", "SGSIN", "NLRTM", "--avoid", "suez,south_africa",
                                      "--format", "geojson"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    coords = doc["geometry"]["coordinates"]
    assert [20.0, -40.0] not in coords
    assert "south_africa" not in doc["properties"]["passages"]


def test_an_inland_endpoint_is_warned_about_with_its_snap_distance():
    from voyages.sea import SNAP_WARN_NM

    route = sea_route("48.85, 2.35", "GNCKY")  # Paris
    assert route.snap_distance_nm[0] > SNAP_WARN_NM
    assert len(route.warnings) == 1 and "48.85" in route.warnings[0]
    result = CliRunner().invoke(cli, ["route", "48.85, 2.35", "GNCKY", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr and "nm from the sea lane" in result.stderr
    doc = json.loads(result.stdout)
    assert doc["snap_distance_nm"]["from"] > SNAP_WARN_NM
    assert doc["snap_distance_nm"]["to"] < SNAP_WARN_NM
    assert doc["warnings"] == list(route.warnings)


def test_a_port_on_the_coast_gets_no_warning():
    result = CliRunner().invoke(cli, ["route", "RUMMK", "GNCKY", "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""
    doc = json.loads(result.stdout)
    assert doc["warnings"] == [] and 0 < doc["snap_distance_nm"]["from"] < 50


def test_a_place_beyond_the_limit_is_refused():
    with pytest.raises(RouteError, match="not reachable by sea"):
        sea_route("Bamako", "GNCKY")


def test_matrix_says_which_distance_it_gives_and_can_match_sea_route():
    from voyages.sea import sea_matrix

    places = ["RUMMK", "GNCKY", "SYTTS"]
    fast = sea_matrix(places)
    exact = sea_matrix(places, straighten=True)
    assert fast.attrs["distance"] == "network" and exact.attrs["distance"] == "sea_route"
    for a in places:
        for b in places:
            if a == b:
                continue
            route = sea_route(a, b)
            row, col = route.origin.label, route.destination.label
            assert exact.loc[row, col] == pytest.approx(route.distance_nm, rel=1e-9)
            assert fast.loc[row, col] >= route.distance_nm - 1e-6
    # The user's case: Murmansk → Conakry differs by straightening (4,618 vs 4,438 nm).
    mc = ("Murmansk (RUMMK)", "Conakry (GNCKY)")
    assert fast.loc[mc] > exact.loc[mc] + 100
    with pytest.raises(InputError):
        sea_matrix(places, snap="nearest", straighten=True)


@pytest.mark.parametrize("port", ["USRDB", "CATUK"])
def test_arctic_ports_by_the_bering_strait_stay_reachable_by_default(port):
    """The Northwest Passage keeps searoute's tag-only closure: Red Dog and
    Tuktoyaktuk are reached through the Bering Strait, as searoute reaches them."""
    route = sea_route(port, "JPYOK")
    assert "northwest" not in {p.value for p in route.passages}
    assert route.distance_nm < 6000


def test_straightening_never_cuts_through_a_closed_gate():
    from voyages import _landmask
    from voyages.sea import _straighten

    if not _landmask.available():
        pytest.skip("no land/sea mask")
    # West and east of Cape Agulhas, at sea, with a detour far to the south:
    # the straight line between the ends stays at sea but rounds the Cape.
    coords = [(15.0, -37.0), (20.0, -55.0), (25.0, -36.5)]
    assert _straighten(coords) == [coords[0], coords[-1]]
    assert _straighten(coords, frozenset({"south_africa"})) == coords
