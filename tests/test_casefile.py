"""The case-file loader: what it accepts, and every problem it reports."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import BASE_CASE, event

from voyages.casefile import load_case, reported_time
from voyages.errors import CaseFileError
from voyages.records import EventKind, Precision


def test_minimal_case_loads(write_case):
    case = load_case(write_case(event("e1", "arrival", '"GNCKY"', "2025-01-08")))
    (e,) = case.events
    assert e.kind is EventKind.ARRIVAL and e.place.locode == "GNCKY"
    assert e.time.precision is Precision.DAY
    # Conakry is on UTC all year: the local day is the UTC day.
    assert e.time.earliest == datetime(2025, 1, 8, tzinfo=UTC)
    assert e.time.latest == datetime(2025, 1, 9, tzinfo=UTC)


def test_a_date_is_the_whole_local_day_in_the_places_zone(write_case):
    case = load_case(write_case(event("e1", "arrival", '"Keelung"', "2025-01-03")))
    t = case.events[0].time
    assert t.tz == "Asia/Taipei"
    assert (t.earliest, t.latest) == (datetime(2025, 1, 2, 16, tzinfo=UTC),
                                      datetime(2025, 1, 3, 16, tzinfo=UTC))


@pytest.mark.parametrize(
    ("value", "precision", "earliest", "latest"),
    [
        ("2025-01-03T16:40:00", None, (2025, 1, 3, 8, 40), (2025, 1, 3, 8, 41)),
        ("2025-01-03T16:40:00", '"hour"', (2025, 1, 3, 8, 10), (2025, 1, 3, 9, 10)),
        ("2025-01-03T16:40:00", '"day"', (2025, 1, 2, 16, 0), (2025, 1, 3, 16, 0)),
        ("2025-01-03T08:40:00Z", None, (2025, 1, 3, 8, 40), (2025, 1, 3, 8, 41)),
        ('"2025-01"', None, (2024, 12, 31, 16, 0), (2025, 1, 31, 16, 0)),
        ("2025-01-03", '"month"', (2024, 12, 31, 16, 0), (2025, 1, 31, 16, 0)),
    ],
)
def test_times_become_utc_intervals(write_case, value, precision, earliest, latest):
    extra = {"precision": precision} if precision else {}
    case = load_case(write_case(event("e1", "sighting", '"Keelung"', value, **extra)))
    t = case.events[0].time
    assert t.earliest == datetime(*earliest, tzinfo=UTC)
    assert t.latest == datetime(*latest, tzinfo=UTC)


def test_offset_place_and_vessel_facts(write_case):
    path = write_case(
        event("e1", "sighting", '{ of = "Yehliu", distance = "7 nmi", bearing = "N" }',
              "2025-01-03T16:40:00")
        + '[[organizations]]\nid = "owner"\nname = "Owner LLC"\nimo = "6246853"\n',
        base=BASE_CASE.replace('name = "Test Ship"', 'name = "Test Ship"\nimo = "IMO 9179854"\n'
                               'mmsi = 273414440\nflag = "ru"\nowner = "owner"\n'
                               'type = "Roll-on Roll-off"'),
    )
    case = load_case(path)
    place = case.events[0].place
    assert place.kind == "offset" and place.lat > 25.3 and place.tz == "Asia/Taipei"
    vessel = case.vessels["ship"]
    assert (vessel.imo, vessel.mmsi, vessel.flag, vessel.owner, vessel.type) == (
        "9179854", "273414440", "RU", "owner", "ro_ro")


def test_folder_with_case_toml_loads(write_case):
    path = write_case()
    assert load_case(path.parent).id == "t"


BAD_INPUTS = [
    # (extra TOML, expected problem after "case.toml: ")
    (event("e1", "arrival", '"Conakri"', "2025-01-08"),
     "events[0].place: unknown place 'Conakri' — did you mean 'Conakry' (GNCKY)?"),
    (event("e1", "arrival", '"GNCKY"', "2025-01-08", subject="shp"),
     "events[0].subject: unknown subject 'shp' — did you mean 'ship'?"),
    (event("e1", "arrival", '"GNCKY"', "2025-01-08", source="papr"),
     "events[0].source: unknown source 'papr' — did you mean 'paper'?"),
    (event("e1", "arival", '"GNCKY"', "2025-01-08"),
     "events[0].kind: unknown value 'arival'; expected one of: departure, arrival, port_stay, "
     "sighting, incident, cargo"),
    (event("e1", "arrival", None, "2025-01-08"),
     "events[0].time: time '2025-01-08' is local and there is no place to give its time zone: "
     "add a place, a tz, or write an offset date-time"),
    (event("e1", "arrival", '"GNCKY"', '"January"'),
     "events[0].time: cannot read time 'January'; expected a TOML date (2025-01-08), a local "
     "date-time (2025-01-03T16:40:00), an offset date-time (2025-01-03T08:40:00Z) or a month "
     "as a string ('2025-01')"),
    (event("e1", "arrival", '"GNCKY"', "2025-01-08", precision='"minute"'),
     "events[0].time: precision 'minute' is finer than the time as written (2025-01-08, "
     "precision 'day')"),
    (event("e1", "arrival", '"GNCKY"', "2025-01-08", precision='"week"'),
     "events[0].time: unknown value 'week'; expected one of: minute, hour, day, month"),
    (event("e1", "arrival", '"GNCKY"', "2025-01-08", weekday='"Fryday"'),
     "events[0].weekday: unknown weekday 'Fryday'; expected one of: Monday, Tuesday, "
     "Wednesday, Thursday, Friday, Saturday, Sunday"),
    (event("e1", "arrival", '"GNCKY"', "2025-01-08", tz='"Mars/Olympus"'),
     "events[0].tz: unknown time zone 'Mars/Olympus'; expected an IANA name such as "
     "'Africa/Conakry'"),
    (event("e1", "arrival", '"GNCKY"', "2025-01-08", cargo_mass_t="-5"),
     "events[0].cargo_mass_t: input should be greater than or equal to 0"),
    (event("e1", "arrival", '"GNCKY"', "2025-01-08", colour='"red"'),
     "events[0].colour: unknown field"),
    (event("e1", "arrival", '"GNCKY"', "2025-01-08", plase='"GNCKY"'),
     "events[0].plase: unknown field — did you mean 'place'?"),
    ('[[events]]\nid = "e1"\nsubject = "ship"\nkind = "arrival"\nsource = "paper"\n',
     "events[0].quote: required field is missing"),
    (event("e1", "sighting", '{ of = "Yehliu", distance = "7 leagues", bearing = "N" }', None),
     "events[0].place.distance: cannot read distance '7 leagues'; expected a number and a "
     "length unit (nmi, nm, km, m or mi, or spelled out ('nautical miles', 'kilometres')), "
     "e.g. \"7 nmi\" or \"13 km\""),
    (event("e1", "sighting", '{ of = "Yehliu", distance = "7 nmi", bearing = "NxE" }', None),
     "events[0].place.bearing: unknown bearing 'NxE'; expected degrees true or a compass point "
     "(N NNE NE ENE E ESE SE SSE S SSW SW WSW W WNW NW NNW)"),
    (event("e1", "sighting", '{ of = "Yehliu", bearing = "N" }', None),
     "events[0].place: give the offset's distance once: distance = \"7 nmi\" or distance_nm = 7"),
    ('[[vessels]]\nid = "ship"\nname = "Again"\n',
     "vessels[1].id: duplicate id 'ship' (also vessels[0])"),
    ('[[vessels]]\nid = "v2"\nname = "V2"\nimo = "9179855"\n',
     "vessels[1].imo: IMO number 9179855 fails its check digit; copy it again from the source"),
    ('[[vessels]]\nid = "v2"\nname = "V2"\nmmsi = "27341444"\n',
     "vessels[1].mmsi: MMSI must be 9 digits, got '27341444'"),
    ('[[vessels]]\nid = "v2"\nname = "V2"\nflag = "Russia"\n',
     "vessels[1].flag: expected an ISO 3166-1 alpha-2 country code such as 'RU', got 'Russia'"),
    ('[[vessels]]\nid = "v2"\nname = "V2"\ntype = "general_cargp"\n',
     "vessels[1].type: unknown vessel type 'general_cargp'; expected one of: bulk_carrier, "
     "container, fishing, general_cargo, naval_auxiliary, passenger, ro_ro, small_coaster, "
     "tanker, or an alias listed in ports/speed_envelopes.csv — did you mean 'general_cargo'?"),
    ('[[vessels]]\nid = "v2"\nname = "V2"\noperator = "m-leasing"\n',
     "vessels[1].operator: unknown organization 'm-leasing'"),
    ('[[claims]]\nid = "c"\nkind = "distance"\nsubject = "ship"\nsource = "paper"\nquote = "q"\n'
     'values = [{ value = 7, unit = "miles" }]\n',
     "claims[0].values[0].unit: unknown length unit 'miles' (a bare 'mile' is ambiguous: write "
     "'nmi' or 'mi'); expected nmi, nm, km, m or mi, or spelled out ('nautical miles', "
     "'kilometres')"),
    ('[[hypotheses]]\nid = "h"\nsubject = "ship"\nkind = "via"\nstatement = "s"\n'
     'source = "paper"\nquote = "q"\n',
     "hypotheses[0].place: a 'via' hypothesis needs a place"),
    ('[[hypotheses]]\nid = "h"\nsubject = "ship"\nkind = "via"\nstatement = "s"\n'
     'source = "paper"\nquote = "q"\nplace = "SYTTS"\nbetween = ["e9", "e1"]\n'
     + event("e1", "arrival", '"GNCKY"', "2025-01-08"),
     "hypotheses[0].between[0]: unknown event 'e9'"),
    ('[[convoys]]\nid = "convoy"\nname = "C"\n[[hypotheses]]\nid = "h"\nsubject = "convoy"\n'
     'kind = "via"\nstatement = "s"\nsource = "paper"\nquote = "q"\nplace = "SYTTS"\n'
     'between = ["e1", "e2"]\n' + event("e1", "arrival", '"GNCKY"', "2025-01-08")
     + event("e2", "arrival", '"Bamako"', "2025-01-17", subject="convoy"),
     "hypotheses[0].between[0]: event 'e1' is about 'ship', not the hypothesis's subject "
     "'convoy'"),
    ('[[assertions]]\ntopic = "ship.name"\nvalue = "X"\nsource = "nobody"\nquote = "q"\n',
     "assertions[0].source: unknown source 'nobody'"),
    ('[[sources]]\nid = "p2"\npublisher = "P2"\npublished = "last week"\n',
     "sources[1].published: input should be a valid date or datetime, input is too short"),
]


@pytest.mark.parametrize(("extra", "expected"), BAD_INPUTS,
                         ids=[e.split(":")[0] + "-" + str(i) for i, (_, e) in
                              enumerate(BAD_INPUTS)])
def test_bad_input_is_reported_with_file_and_field(write_case, extra, expected):
    path = write_case(extra)
    with pytest.raises(CaseFileError) as info:
        load_case(path)
    assert info.value.problems == [f"{path}: {expected}"]


def test_every_problem_is_reported_at_once(write_case):
    path = write_case(event("e1", "arrival", '"Conakri"', "2025-01-08", source="x")
                      + event("e2", "arrivl", '"GNCKY"', "2025-01-08"))
    with pytest.raises(CaseFileError) as info:
        load_case(path)
    assert len(info.value.problems) == 3
    assert all(p.startswith(f"{path}: events[") for p in info.value.problems)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        ("[case\nid = 1", "not valid TOML: Expected ']' at the end of a table declaration "
                          "(at line 1, column 6)"),
        (b"\xff\xfe[case]", "line 1: not UTF-8 text (byte 0xff) (it is UTF-16); save the case "
                          "file as UTF-8"),
        (b"# Caf\xe9\n[case]\nid = 'x'\n# No\xebl\n", "line 1: not UTF-8 text (byte 0xe9); save "
                                                    "the case file as UTF-8"),
        (b"[case]\nid = 'x'\ntitle = 'Caf\xe9'\n", "line 3: not UTF-8 text (byte 0xe9); save "
                                                 "the case file as UTF-8"),
        ("", "case: required field is missing"),
    ],
)
def test_unreadable_files(tmp_path, content, expected):
    path = tmp_path / "case.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    with pytest.raises(CaseFileError) as info:
        load_case(path)
    assert str(info.value) == f"{path}: {expected}"


def test_a_utf8_bom_is_accepted(tmp_path):
    """Notepad and many Windows editors save "UTF-8 with BOM"; the case loads the same."""
    from voyages._data import data_dir

    plain = data_dir("reports") / "keelung-2025" / "case.toml"
    path = tmp_path / "case.toml"
    path.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes().replace(b"\n", b"\r\n"))
    assert load_case(path).vessels == load_case(plain).vessels


def test_folder_without_case_toml(tmp_path):
    with pytest.raises(CaseFileError, match="is a folder without a case.toml"):
        load_case(tmp_path)


def test_reported_time_rejects_time_of_day_alone():
    from datetime import time

    with pytest.raises(ValueError, match="needs a date"):
        reported_time(time(16, 40), tz="Asia/Taipei")


@pytest.mark.parametrize(
    ("precision", "earliest", "latest"),
    [
        # 02:30 in Hamburg on 2025-10-26 is read twice: CEST (00:30 UTC), then CET (01:30 UTC).
        (None, (2025, 10, 26, 0, 30), (2025, 10, 26, 1, 31)),
        ('"hour"', (2025, 10, 26, 0, 0), (2025, 10, 26, 2, 0)),
        ('"day"', (2025, 10, 25, 22, 0), (2025, 10, 26, 23, 0)),
    ],
)
def test_a_local_time_that_occurs_twice_covers_both_readings(write_case, precision,
                                                             earliest, latest):
    extra = {"precision": precision} if precision else {}
    case = load_case(write_case(event("e1", "sighting", '"DEHAM"', "2025-10-26T02:30:00",
                                      **extra)))
    t = case.events[0].time
    assert t.tz == "Europe/Berlin"
    assert (t.earliest, t.latest) == (datetime(*earliest, tzinfo=UTC),
                                      datetime(*latest, tzinfo=UTC))


def test_a_local_time_that_does_not_exist_is_a_case_file_error(write_case):
    path = write_case(event("e1", "sighting", '"DEHAM"', "2025-03-30T02:30:00")
                      + event("e2", "sighting", '"DEHAM"', "2025-03-30T03:30:00"))
    with pytest.raises(CaseFileError) as err:
        load_case(path)
    message = str(err.value)
    assert ("events[0].time: 2025-03-30T02:30 does not exist in Europe/Berlin "
            "(clocks go forward)") in message
    assert "events[1]" not in message  # 03:30 CEST exists (01:30 UTC)
    t = load_case(write_case(event("e1", "sighting", '"DEHAM"', "2025-03-30T03:30:00"))
                  ).events[0].time
    assert (t.earliest, t.latest) == (datetime(2025, 3, 30, 1, 30, tzinfo=UTC),
                                      datetime(2025, 3, 30, 1, 31, tzinfo=UTC))
