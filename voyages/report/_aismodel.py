"""The report's "AIS" section as plain rows: matched vessels, gaps, cable passages, encounters.

Built from :class:`voyages._aislayers.AisLayers`; times in UTC
(``YYYY-MM-DD HH:MM``), numbers through :func:`format_number`, units in the
templates' column headers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from voyages._aislayers import MATCHED_BY

if TYPE_CHECKING:
    from voyages._aislayers import AisLayers


@dataclass(frozen=True)
class AisVesselRow:
    name: str
    mmsi: str
    matched_by: str
    positions: str
    first: str
    last: str


@dataclass(frozen=True)
class AisGapRow:
    vessel: str
    start: str
    end: str
    duration_h: str
    distance_nm: str
    implied_speed_kn: str


@dataclass(frozen=True)
class AisPassageRow:
    vessel: str
    route: str
    passage: str
    time: str
    min_distance_nm: str
    sog_kn: str
    usual_kn: str
    slow_run_nm: str
    drag: str


@dataclass(frozen=True)
class AisEncounterRow:
    vessel: str
    other: str
    start: str
    end: str
    duration_h: str
    min_distance_m: str
    position: str


@dataclass(frozen=True)
class AisSection:
    files: tuple[str, ...]
    vessels: tuple[AisVesselRow, ...]
    unmatched: tuple[tuple[str, str], ...]
    gaps: tuple[AisGapRow, ...]
    passages: tuple[AisPassageRow, ...]
    encounters: tuple[AisEncounterRow, ...]
    route_files: tuple[str, ...]
    routes: int
    near_nm: str
    encounter_rule: str
    gap_h: str


def _utc(value) -> str:
    import pandas as pd

    return "" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d %H:%M}"


def _num(value) -> str:
    import math

    from voyages.report._model import format_number

    value = float(value)
    return "" if not math.isfinite(value) else format_number(value)


def _position(lat: float, lon: float) -> str:
    """``25.301 N, 121.702 E``.

    >>> _position(25.30123, -0.5)
    '25.301 N, 0.500 W'
    """
    return (f"{abs(lat):.3f} {'N' if lat >= 0 else 'S'}, "
            f"{abs(lon):.3f} {'E' if lon >= 0 else 'W'}")


def shown_name(label: str) -> str:
    """A file as the report names it: its name without the folders.

    A report is meant to be passed on; the folders of the analyst's machine
    (``/home/me/leak/…``) stay out of it. Route-set labels keep their
    ``(case: id)`` suffix.

    >>> shown_name("/tmp/work/track.csv")
    'track.csv'
    >>> shown_name("../cables/x.geojson (case: tw-smc)")
    'x.geojson (case: tw-smc)'
    >>> shown_name("case file [[cables]]")
    'case file [[cables]]'
    """
    from pathlib import PurePath

    path, sep, rest = label.partition(" (case: ")
    return PurePath(path).name + sep + rest if path else label


def ais_section(layers: AisLayers | None) -> AisSection | None:
    """The section's rows; None when no AIS file was given.

    Files are named without their folders (:func:`shown_name`)."""
    if layers is None or not layers.files:
        return None
    vessels = tuple(
        AisVesselRow(t.name, str(t.mmsi), MATCHED_BY.get(t.matched_by, t.matched_by),
                     _num(len(t.positions)), _utc(t.positions["time"].min()),
                     _utc(t.positions["time"].max()))
        for t in layers.tracks)
    gaps = tuple(
        AisGapRow(t.name, _utc(g.start), _utc(g.end), _num(g.duration_h), _num(g.distance_nm),
                  _num(g.implied_speed_kn))
        for t in layers.tracks for g in t.gaps.itertuples())
    passages = tuple(
        AisPassageRow(layers.vessel_name(p.mmsi), f"{p.route_name} ({p.route_id})",
                      "crossed" if bool(p.crossed) else "passed near", _utc(p.time),
                      _num(p.min_distance_nm), _num(p.sog_at_crossing_kn),
                      _num(p.usual_speed_kn), _num(p.slow_run_distance_nm),
                      "DRAG SIGNATURE" if bool(p.drag_signature) else "no")
        for p in layers.crossings.sort_values(["mmsi", "time"], kind="stable").itertuples())
    encounters = tuple(
        AisEncounterRow(e.vessel, f"MMSI {int(e.other_mmsi)}"
                        + (f" ({e.other_name})" if e.other_name else ""),
                        _utc(e.start), _utc(e.end), _num(e.duration_h), _num(e.min_distance_m),
                        _position(float(e.lat), float(e.lon)))
        for e in layers.encounters.itertuples())
    from voyages.ais.cables import NEAR_NM
    from voyages.ais.encounters import (
        MAX_DISTANCE_M,
        MAX_MEDIAN_SPEED_KN,
        MIN_ANCHORAGE_DISTANCE_KM,
        MIN_DURATION_H,
    )
    from voyages.ais.gaps import GAP_MIN_H

    rule = (f"within {_num(MAX_DISTANCE_M)} m for {_num(MIN_DURATION_H)} h or more, "
            f"both at a median speed under {_num(MAX_MEDIAN_SPEED_KN)} kn, at least "
            f"{_num(MIN_ANCHORAGE_DISTANCE_KM)} km from an anchorage")
    return AisSection(tuple(map(shown_name, layers.files)), vessels, layers.unmatched, gaps,
                      passages, encounters, tuple(map(shown_name, layers.route_files)),
                      len(layers.routes), _num(NEAR_NM), rule, _num(GAP_MIN_H))
