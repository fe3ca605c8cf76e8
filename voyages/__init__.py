"""voyages: check reported voyages, convoys and sanctions against physics and the lists.

The public API is imported here by name and listed in ``__all__``; heavy
libraries (searoute's graph, matplotlib, pyais) load only when used.
"""

from voyages.errors import (
    CaseFileError,
    DataFileError,
    InputError,
    RouteError,
    UnknownPlaceError,
    VoyagesError,
    VoyagesWarning,
)
from voyages.findings import Finding, Verdict, findings_frame
from voyages.land import LandLeg, LandRoute, corridors_frame, land_route
from voyages.places import AmbiguousPlaceError, Gazetteer, Place, gazetteer, resolve_place
from voyages.sea import Passage, SeaRoute, sea_matrix, sea_route
from voyages.speeds import SpeedEnvelope, envelope_for
from voyages.timing import Envelope, LegTiming, judge_leg, judge_times

__all__ = [
    "AmbiguousPlaceError",
    "CaseFileError",
    "DataFileError",
    "Envelope",
    "Finding",
    "Gazetteer",
    "InputError",
    "LandLeg",
    "LandRoute",
    "LegTiming",
    "Passage",
    "Place",
    "RouteError",
    "SeaRoute",
    "SpeedEnvelope",
    "UnknownPlaceError",
    "Verdict",
    "VoyagesError",
    "VoyagesWarning",
    "corridors_frame",
    "envelope_for",
    "findings_frame",
    "gazetteer",
    "judge_leg",
    "judge_times",
    "land_route",
    "resolve_place",
    "sea_matrix",
    "sea_route",
]
