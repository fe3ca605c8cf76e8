"""Size-aware speed envelopes: which envelope a vessel gets, and what it changes."""

import csv
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from voyages._data import data_dir
from voyages.checks import sea_timing
from voyages.findings import Verdict
from voyages.places import resolve_place
from voyages.records import (
    Case,
    Event,
    EventKind,
    Hypothesis,
    Precision,
    ReportedTime,
    Source,
    Vessel,
)
from voyages.speeds import SIZE_BIN_COLUMNS, envelope_for, size_bins, speed_table


def test_bins_file_has_a_source_per_row_and_bins_tile_each_type():
    with open(data_dir("ports") / "speed_size_bins.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == SIZE_BIN_COLUMNS
    assert all(row["source"].strip() for row in rows)
    types = {e.type for e in speed_table().values()}
    for kind, bins in size_bins().items():
        assert kind in types
        assert bins[0].size_min == 0 and bins[-1].size_max is None
        for lower, upper in zip(bins[:-1], bins[1:], strict=True):
            assert lower.size_max == upper.size_min  # contiguous, no overlap
            assert lower.measure == upper.measure


@pytest.mark.parametrize(("dwt", "top", "label"), [
    (4999, 12.0, "0–4,999 dwt"),
    (5000, 15.1, "5,000–9,999 dwt"),
    (9999.5, 15.1, "5,000–9,999 dwt"),
    (10000, 18.5, "10,000 dwt and above"),
])
def test_general_cargo_bin_edges(dwt, top, label):
    envelope = envelope_for(Vessel(id="x", name="X", type="general_cargo", dwt_t=dwt))
    assert envelope.basis == "size bin" and envelope.size_bin == label
    assert envelope.speed_max_kn == top
    # the slow end stays the type's
    assert envelope.speed_min_kn == speed_table()["generalcargo"].speed_min_kn
    assert "EPA-420-B-22-011" in envelope.source and "size bin" in envelope.label


def test_gross_tonnage_does_not_pick_a_dwt_bin_and_the_source_says_why():
    envelope = envelope_for(Vessel(id="x", name="X", type="general_cargo", gross_tonnage=6577))
    assert envelope.basis == "type" and envelope.speed_max_kn == 18.5
    assert "no size bin applies" in envelope.source and "6,577 GT" in envelope.source


@pytest.mark.parametrize(("dwt", "gt", "basis", "top"), [
    (None, 8811, "type", 21.5),      # unit unstated: one measure is not enough
    (4000, 4500, "size bin", 13.9),  # both below 5,000 t
    (4000, 8811, "type", 21.5),      # the measures straddle the edge
    (6000, 8811, "size bin", 21.5),
])
def test_ro_ro_bins_need_dwt_and_gt_to_agree(dwt, gt, basis, top):
    envelope = envelope_for(Vessel(id="x", name="X", type="ro_ro", dwt_t=dwt, gross_tonnage=gt))
    assert (envelope.basis, envelope.speed_max_kn) == (basis, top)


def test_service_speed_wins_over_the_size_bin():
    envelope = envelope_for(Vessel(id="x", name="X", type="general_cargo", dwt_t=8000,
                                   service_speed_kn=13.5))
    assert (envelope.basis, envelope.speed_max_kn) == ("service speed", 13.5)


def test_type_without_bins_is_unchanged_by_size():
    plain = envelope_for("container")
    sized = envelope_for(Vessel(id="x", name="X", type="container", dwt_t=30000))
    assert sized == plain


def _day(d: date, place) -> ReportedTime:
    start = datetime(d.year, d.month, d.day, tzinfo=ZoneInfo(place.tz))
    utc = ZoneInfo("UTC")
    return ReportedTime(start.astimezone(utc), (start + timedelta(days=1)).astimezone(utc),
                        Precision.DAY, d.isoformat(), place.tz)


def _siyanie_case(dwt: float | None) -> Case:
    """Siyanie Severa's reported voyage (Le Monde dates) with a chosen dwt."""
    murmansk, conakry = resolve_place("RUMMK"), resolve_place("GNCKY")
    events = (
        Event(id="dep", subject="s", kind=EventKind.DEPARTURE, source="s1", quote="…",
              place=murmansk, time=_day(date(2024, 12, 21), murmansk)),
        Event(id="arr", subject="s", kind=EventKind.ARRIVAL, source="s1", quote="…",
              place=conakry, time=_day(date(2025, 1, 11), conakry)),
    )
    via = Hypothesis(id="via-tartus", subject="s", kind="via", statement="called at Tartus",
                     source="s1", quote="…", place=resolve_place("SYTTS"), between=("dep", "arr"))
    vessel = Vessel(id="s", name="Siyanie Severa", type="general_cargo", dwt_t=dwt)
    return Case(id="t", title="t", sources={"s1": Source("s1", "A")}, vessels={"s": vessel},
                events=events, hypotheses=(via,))


def _tartus(dwt):
    (found,) = [f for f in sea_timing.check(_siyanie_case(dwt)) if f.check == "hypothesis"]
    return found


@pytest.mark.slow
def test_the_size_bin_decides_the_tartus_detour_at_the_10000_dwt_edge():
    # The detour needs about 16.6-18.3 kn in three weeks: within the largest
    # general-cargo ships' 18.5 kn, beyond the 5,000-9,999 dwt bin's 15.1 kn.
    big, small, unknown = _tartus(10000), _tartus(9999), _tartus(None)
    assert big.verdict is not Verdict.IMPLAUSIBLE
    assert small.verdict is Verdict.IMPLAUSIBLE and "rule it out" in small.summary
    assert unknown.verdict is big.verdict
    assert small.evidence["envelope_basis"] == "size bin"
    assert small.evidence["size_bin"] == "5,000–9,999 dwt"
    assert small.evidence["speed_max_kn"] == 15.1
    assert "size bin 5,000–9,999 dwt" in small.summary
    assert unknown.evidence["envelope_basis"] == "type"
    assert "type-wide" in unknown.summary
    assert small.evidence["implied_speed_kn_min"] > 15.1
