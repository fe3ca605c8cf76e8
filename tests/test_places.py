import pytest

from voyages.errors import UnknownPlaceError
from voyages.places import AmbiguousPlaceError, offset_place, resolve_place


@pytest.mark.parametrize(
    ("query", "locode"),
    [("GNCKY", "GNCKY"), ("gn cky", "GNCKY"), ("Conakry", "GNCKY"), ("Мурманск", "RUMMK"),
     ("基隆", "TWKEL"), ("Tartus", "SYTTS"), ("KEELUNG HARBOR", "TWKEL")],
)
def test_lookup_by_code_name_alias_and_script(query, locode):
    assert resolve_place(query).locode == locode


def test_unknown_place_suggests_the_closest_name():
    with pytest.raises(UnknownPlaceError, match=r"did you mean 'Conakry' \(GNCKY\)"):
        resolve_place("Conakri")


def test_ambiguous_name_lists_codes():
    with pytest.raises(AmbiguousPlaceError, match="GBPTL"):
        resolve_place("Portland")


def test_coordinates_and_time_zone():
    place = resolve_place("9.51, -13.71")
    assert (place.lat, place.lon, place.tz) == (9.51, -13.71, "Africa/Conakry")


def test_coordinates_out_of_range_are_rejected():
    with pytest.raises(UnknownPlaceError):
        resolve_place("91, 0")


def test_offset_by_compass_point_moves_north():
    keelung = resolve_place("TWKEL")
    point = offset_place(keelung, distance_nm=60.0, bearing="N")
    assert point.lat == pytest.approx(keelung.lat + 1.0, abs=0.01)
    assert point.lon == pytest.approx(keelung.lon, abs=1e-6)


def test_stored_time_zones_agree_with_timezonefinder():
    # places.csv stores tz for the places the bundled cases use, so loading a
    # case need not start timezonefinder; the stored value must be the one
    # timezonefinder gives at the coordinates (a cache, not a second source).
    from voyages.places import gazetteer, timezone_at

    stored = [p for p in gazetteer() if p.tz]
    assert len(stored) >= 9
    for place in stored:
        assert place.tz == timezone_at(place.lat, place.lon), place.label
