import csv

import pytest

from voyages._data import data_dir
from voyages.records import Vessel
from voyages.speeds import SPEED_COLUMNS, envelope_for, speed_table


def test_every_row_names_its_source_and_min_is_below_max():
    with open(data_dir("ports") / "speed_envelopes.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == SPEED_COLUMNS
    for row in rows:
        assert row["speed_source"].strip(), row["type"]
        if row["speed_min_kn"]:
            assert 0 < float(row["speed_min_kn"]) <= float(row["speed_max_kn"])
            assert row["port_stay_h"] == "" or row["port_stay_source"].strip()


@pytest.mark.parametrize(("label", "key"), [
    ("Roll-on Roll-off", "ro_ro"), ("General Cargo", "general_cargo"),
    ("Bulk Carrier", "bulk_carrier"), ("PCTC", "ro_ro"),
])
def test_register_labels_find_their_type(label, key):
    assert envelope_for(label).type == key


def test_unknown_type_says_which_types_exist():
    envelope = envelope_for(Vessel(id="x", name="X", type="hovercraft"))
    assert not envelope.known and "general_cargo" in envelope.source


def test_service_speed_alone_gives_an_envelope():
    envelope = envelope_for(Vessel(id="x", name="X", service_speed_kn=14.0))
    assert (envelope.speed_min_kn, envelope.speed_max_kn) == (pytest.approx(10.5), 14.0)
    assert envelope.timing().speed_max == 14.0


def test_port_calls_add_the_median_stay_as_allowance():
    envelope = speed_table()["bulkcarrier"]
    assert envelope.timing(port_calls=2).allowance_max_h == pytest.approx(2 * 49.2)
