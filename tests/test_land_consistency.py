"""Data tests: the bundled corridor graph agrees with itself and with geometry."""

import itertools

import pytest

from voyages.land import _graph, geodesic_km, land_route

_TOL = 1e-6


def _nodes(mode):
    return sorted(data["place"].name for _, data in _graph(mode).nodes(data=True))


ROAD = _nodes("road")
PAIRS = list(itertools.combinations(ROAD, 2))


@pytest.fixture(scope="module")
def routes():
    return {(a, b): land_route(a, b) for a, b in itertools.permutations(ROAD, 2)}


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_no_route_is_shorter_than_the_straight_line(routes, a, b):
    route = routes[(a, b)]
    assert route.distance_km_min >= geodesic_km(route.origin, route.destination) - _TOL


def test_rail_routes_are_not_shorter_than_the_straight_line():
    for a, b in itertools.combinations(_nodes("rail"), 2):
        route = land_route(a, b, mode="rail")
        assert route.distance_km_min >= geodesic_km(route.origin, route.destination)


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_a_route_splits_at_every_place_it_passes(routes, a, b):
    """Conakry–Bamako minus Conakry–Kourémalé is Kourémalé–Bamako, never less
    than the straight line Kourémalé–Bamako (the user's check)."""
    whole = routes[(a, b)]
    for town in whole.places_passed[1:-1]:
        if town not in ROAD:
            continue
        first, rest = routes[(a, town)], routes[(town, b)]
        assert first.distance_km_min + rest.distance_km_min == pytest.approx(
            whole.distance_km_min)
        assert first.distance_km_max + rest.distance_km_max == pytest.approx(
            whole.distance_km_max)
        straight = geodesic_km(rest.origin, rest.destination)
        assert whole.distance_km_min - first.distance_km_min >= straight - _TOL
        assert whole.distance_km_max - first.distance_km_max >= straight - _TOL


def test_triangle_inequality_over_every_triple(routes):
    for a, b, c in itertools.permutations(ROAD, 3):
        assert routes[(a, b)].distance_km <= (routes[(a, c)].distance_km
                                              + routes[(c, b)].distance_km) + _TOL


def test_the_two_kankan_bamako_readings_agree():
    # Kankan–Bamako directly and via Siguiri and Kourémalé are the same road.
    direct = land_route("Kankan", "Bamako")
    legs = [land_route("Kankan", "Siguiri"), land_route("Siguiri", "Kourémalé"),
            land_route("Kourémalé", "Bamako")]
    assert direct.distance_km_min == pytest.approx(sum(r.distance_km_min for r in legs))
    assert direct.distance_km_max == pytest.approx(sum(r.distance_km_max for r in legs))
