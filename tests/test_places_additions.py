"""Gazetteer rows for the Channel and Baltic ports, St Petersburg's ambiguity,
suggestions and coordinate errors (new-user session 10, B5)."""

from __future__ import annotations

import pytest

from voyages.errors import UnknownPlaceError
from voyages.places import AmbiguousPlaceError, gazetteer, resolve_place


@pytest.mark.parametrize(
    ("query", "name", "locode", "country"),
    [
        ("Dover", "Dover", "GBDVR", "GB"),
        ("GBDVR", "Dover", "GBDVR", "GB"),
        ("Calais", "Calais", "FRCQF", "FR"),
        ("FRCQF", "Calais", "FRCQF", "FR"),
        ("Baltiysk", "Baltiysk", None, "RU"),
        ("Балтийск", "Baltiysk", None, "RU"),
        ("Odesa", "Odessa", "UAODS", "UA"),
        ("Одеса", "Odessa", "UAODS", "UA"),
        ("Санкт-Петербург", "Saint Petersburg", "RULED", "RU"),
        ("Sankt-Peterburg", "Saint Petersburg", "RULED", "RU"),
    ],
)
def test_added_ports_resolve(query, name, locode, country):
    place = resolve_place(query)
    assert (place.name, place.locode, place.country, place.kind) == (name, locode, country, "port")


def test_added_ports_are_where_geonames_puts_them():
    # Dover and Calais face each other across the Strait of Dover; Baltiysk is
    # in the Kaliningrad exclave, west of Kaliningrad.
    dover, calais = resolve_place("Dover"), resolve_place("Calais")
    assert dover.lon < calais.lon and dover.lat > calais.lat
    assert resolve_place("Baltiysk").tz == "Europe/Kaliningrad"
    assert resolve_place("Baltiysk").lon < resolve_place("RUKGD").lon


@pytest.mark.parametrize("query", ["St Petersburg", "St. Petersburg", "st petersburg"])
def test_st_petersburg_is_ambiguous_between_russia_and_florida_not_silently_florida(query):
    with pytest.raises(AmbiguousPlaceError) as info:
        resolve_place(query)
    message = str(info.value)
    assert "RULED" in message and "USSPG" in message
    assert message.count("USSPG") == 1  # searoute's two USSPG rows are one candidate


def test_matches_give_one_candidate_per_locode():
    codes = [p.locode for p in gazetteer().matches("St Petersburg")]
    assert sorted(codes) == ["RULED", "USSPG"]


@pytest.mark.parametrize(
    ("query", "suggested"),
    [("Dovr", "'Dover' (GBDVR)"), ("Doverr", "'Dover' (GBDVR)"), ("Calai", "'Calais' (FRCQF)"),
     ("Baltisk", "'Baltiysk'")],
)
def test_a_misspelt_port_suggests_the_closest_spelling(query, suggested):
    with pytest.raises(UnknownPlaceError) as info:
        resolve_place(query)
    assert str(info.value) == f"unknown place {query!r} — did you mean {suggested}?"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("91, 0", "'91, 0': latitude 91 is outside -90..90; write 'lat, lon' in degrees"),
        ("0, -181", "'0, -181': longitude -181 is outside -180..180; write 'lat, lon' in degrees"),
        ("nan, nan", "'nan, nan': latitude nan is not a finite number"),
        ("10, inf", "'10, inf': longitude inf is not a finite number"),
    ],
)
def test_bad_coordinates_are_one_clear_error_not_a_name_suggestion(query, message):
    with pytest.raises(UnknownPlaceError) as info:
        resolve_place(query)
    assert str(info.value) == message


def test_good_coordinates_still_resolve():
    place = resolve_place("12.5, -8")
    assert (place.lat, place.lon, place.kind) == (12.5, -8.0, "point")
