"""Invariants of times and units, over many generated inputs (hypothesis)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from voyages.casefile import reported_time
from voyages.checks import units
from voyages.checks.units import rounding_interval
from voyages.records import Case, Claim, Quantity

ZONES = ["Africa/Conakry", "Asia/Taipei", "Europe/Moscow", "America/New_York",
         "Pacific/Chatham", "Asia/Kathmandu"]
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


@settings(max_examples=200, deadline=None)
@given(day=dates, zone=st.sampled_from(ZONES))
def test_a_date_covers_its_whole_local_day(day, zone):
    t = reported_time(day, tz=zone)
    # 23–25 hours (daylight-saving days), and local noon inside.
    assert timedelta(hours=23) <= t.width <= timedelta(hours=25)
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(zone))
    assert t.earliest <= noon < t.latest
    assert t.local_date() == day


@settings(max_examples=200, deadline=None)
@given(moment=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1)),
       zone=st.sampled_from(ZONES), precision=st.sampled_from(["hour", "day", "month"]))
def test_widening_keeps_the_stated_minute_inside(moment, zone, precision):
    moment = moment.replace(second=0, microsecond=0)
    exact = reported_time(moment, tz=zone)
    wide = reported_time(moment, tz=zone, precision=precision)
    assert wide.earliest <= exact.earliest and exact.latest <= wide.latest


@given(st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False))
def test_a_figure_lies_inside_its_rounding(number):
    text = str(number)
    low, high = rounding_interval(text)
    assert low <= float(number) <= high and low < high


def _claim(values):
    return Case(id="c", title="c", claims=(Claim(
        id="c", kind="distance", subject="s", source="x", quote="q",
        values=tuple(Quantity(value=float(v), unit=u, text=str(v)) for v, u in values)),))


@given(st.integers(1, 500), st.integers(1, 900),
       st.sampled_from(["nmi", "km", "mi"]), st.sampled_from(["nmi", "km", "mi"]))
def test_units_verdict_does_not_depend_on_the_order_of_figures(a, b, unit_a, unit_b):
    forward = units.check(_claim([(a, unit_a), (b, unit_b)]))[0].verdict
    backward = units.check(_claim([(b, unit_b), (a, unit_a)]))[0].verdict
    assert forward == backward


@given(st.integers(1, 500), st.sampled_from(["nmi", "km", "mi", "m"]))
def test_a_figure_agrees_with_itself(a, unit):
    assert units.check(_claim([(a, unit), (a, unit)]))[0].verdict == "consistent"
