"""Screening entity records (no pandas) gives exactly what screening the table gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voyages.sanctions import Screener, entity_frame, load_designations
from voyages.sanctions.designations import designation_records
from voyages.sanctions.entities import entity_records

ROOT = Path(__file__).resolve().parent.parent

ROWS = [
    {"list": "OFAC SDN", "list_entity_id": "37065", "schema": "organization",
     "name": "M LEASING LLC", "imo": "6246853", "programs": ["RUSSIA-EO14024"],
     "listed_on": "2022-05-08"},
    {"list": "OFAC SDN", "list_entity_id": "37030", "schema": "organization",
     "name": " JOINT STOCK COMPANY NORTHERN SHIPPING COMPANY ",
     "aliases": ["OJSC NORTHERN SHIPPING COMPANY", "ojsc northern shipping company",
                 "OAO SEVERNOYE MORSKOYE PAROKHODSTVO"],
     "programs": ["RUSSIA-EO14024", "RUSSIA-EO14024"], "delisted_on": "2024-01-02"},
    {"list": "OFAC SDN", "list_entity_id": "37057", "schema": "vessel", "name": "ADLER",
     "imo": "9179854", "mmsi": "273414440", "flag": "Russia"},
    {"list": "test", "list_entity_id": None, "name": "SHUNXIN 39", "schema": "vessel"},
    {"list": "test", "name": "HADLERCO LIMITED"},  # no schema: other
    {"list": "test", "list_entity_id": "p1", "schema": "person", "name": "HANIYA, Ismail"},
]

QUERIES = [
    ("M Leasing LLC", {}), ("OOO M Leasing", {"schema": "organization"}),
    ("Северное морское пароходство", {}), ("Alder", {"schema": "vessel"}),
    ("Hadler", {}), ("anything", {"imo": "IMO 9179854"}), ("x", {"mmsi": "273414440"}),
    ("Shunxin-39", {"schema": "vessel"}), ("Shunxin 93", {"schema": "vessel"}),
    ("Ismail Haniya", {"schema": "person"}), ("Siyanie Severa", {"imo": "9250385"}),
    ("Adler", {"imo": "9250385", "schema": "vessel"}), ("Northern Shipping", {}),
]


def _sparse_twin(screener):
    """The same screener made to search with the sparse product (as for a large index)."""
    import copy

    twin = copy.copy(screener)
    twin._key_grams = None
    return twin


_SMALL = Screener(entity_records(ROWS))
_SMALL_TWIN = _sparse_twin(_SMALL)


def _all_matches(screener):
    return [[m.to_dict() | {"row": m.row, "name_score": m.name_score}
             for m in screener.screen(query, limit=None, **kw)] for query, kw in QUERIES]


@pytest.mark.parametrize("rows", [ROWS, "bundled"])
def test_records_screen_as_the_table(rows):
    records = designation_records() if rows == "bundled" else entity_records(ROWS)
    frame = load_designations() if rows == "bundled" else entity_frame(ROWS)
    by_records, by_frame = Screener(records), Screener(frame)
    assert len(by_records) == len(by_frame) == len(frame)
    found = _all_matches(by_records)
    assert found == _all_matches(by_frame)
    assert any(found)  # the queries do match something


def test_records_screener_builds_the_table_when_asked():
    screener = Screener(entity_records(ROWS))
    table = screener.entities
    assert list(table["name"]) == [r["name"].strip() for r in ROWS]
    assert table.equals(entity_frame(ROWS))


def test_bundled_records_are_the_bundled_table():
    assert entity_frame(designation_records()).equals(load_designations())


def test_entity_records_normalise_like_the_table():
    (record,) = entity_records([{"name": " ADLER ", "aliases": ["Adler", " ALDER ", "alder"],
                                 "programs": ["A", "A", "B"]}])
    assert record["name"] == "ADLER"
    assert record["aliases"] == ("ALDER",)
    assert record["programs"] == ("A", "B")
    assert record["schema"] == "other"
    assert record["imo"] is None


def _loads(module: str, code: str) -> bool:
    """Whether running ``code`` in a fresh interpreter (from the checkout) imports ``module``."""
    code += f"\nimport sys\nprint({module!r} in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip() == "True"


def test_sanctions_check_on_the_bundled_list_does_not_load_pandas():
    assert not _loads("pandas", (
        "from voyages.casefile import load_case\n"
        "from voyages.checks import CheckContext\n"
        "from voyages.checks.sanctions import check\n"
        "findings = check(load_case('reports/mali-2025/case.toml'), CheckContext())\n"
        "assert any(f.summary.startswith('LISTED') for f in findings), findings"))



@pytest.mark.parametrize("rows", [ROWS, "bundled"])
def test_small_index_finds_the_candidates_of_the_sparse_search(rows):
    screener = Screener(designation_records() if rows == "bundled" else entity_records(ROWS))
    assert screener._key_grams is not None  # small: searched without scipy
    twin = _sparse_twin(screener)
    from voyages.sanctions.names import name_key

    keys = [name_key(q) for q, _ in QUERIES] + ["zzzz", "ad", "ler", "shipping", "39"]
    for key in keys:
        sparse = {int(c) for cols in twin._candidate_lists([key]) for c in cols}
        assert screener._candidate_set([key]) == sparse, key
    assert _all_matches(screener) == _all_matches(twin)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="adelrsnhixu 39-", min_size=1, max_size=20))
def test_small_index_candidates_agree_on_any_query(query):
    screener = _SMALL
    key = query.strip()
    sparse = {int(c) for cols in _SMALL_TWIN._candidate_lists([key]) for c in cols}
    assert screener._candidate_set([key]) == sparse


def test_large_index_uses_the_sparse_search():
    rows = [{"list": "x", "schema": "vessel", "name": f"VESSEL {chr(65 + i % 26)}{i}"}
            for i in range(60)]
    screener = Screener(entity_records(rows))
    assert screener._key_grams is None
    assert screener.screen("Vessel A52", schema="vessel")[0].name == "VESSEL A52"


def test_screening_the_bundled_list_does_not_load_scipy():
    assert not _loads("scipy.sparse", (
        "from voyages.sanctions.designations import designation_records\n"
        "from voyages.sanctions.match import Screener\n"
        "found = Screener(designation_records()).screen('Alder', schema='vessel')\n"
        "assert found and found[0].possible, found"))
