"""voyages: check reported voyages, convoys and sanctions against physics and the lists.

The public API is imported here by name and listed in ``__all__``; heavy
libraries (searoute's graph, matplotlib, pyais) load only when used.
"""

from voyages.cables import read_routes
from voyages.casefile import load_case
from voyages.checks import CheckContext, check
from voyages.errors import (
    CaseFileError,
    DataFileError,
    InputError,
    RouteError,
    UnknownPlaceError,
    VoyagesError,
    VoyagesWarning,
)
from voyages.findings import Finding, Verdict, findings_frame, findings_json
from voyages.land import LandLeg, LandRoute, corridors_frame, land_route
from voyages.places import AmbiguousPlaceError, Gazetteer, Place, gazetteer, resolve_place
from voyages.portcalls import check_port_calls
from voyages.records import (
    Assertion,
    Case,
    Claim,
    Convoy,
    Event,
    EventKind,
    Hypothesis,
    Organization,
    Precision,
    Quantity,
    ReportedTime,
    Source,
    Vessel,
)
from voyages.report import ReportEditedError, render_report
from voyages.sanctions import Match, Screener, listed_at, load_list, load_lists
from voyages.sea import Passage, SeaRoute, sea_matrix, sea_route
from voyages.speeds import SpeedEnvelope, envelope_for
from voyages.timing import Envelope, LegTiming, judge_leg, judge_times

__all__ = [
    "AmbiguousPlaceError",
    "Assertion",
    "Case",
    "CaseFileError",
    "CheckContext",
    "Claim",
    "Convoy",
    "DataFileError",
    "Envelope",
    "Event",
    "EventKind",
    "Finding",
    "Gazetteer",
    "Hypothesis",
    "InputError",
    "LandLeg",
    "LandRoute",
    "LegTiming",
    "Match",
    "Organization",
    "Passage",
    "Place",
    "Precision",
    "Quantity",
    "ReportEditedError",
    "ReportedTime",
    "RouteError",
    "Screener",
    "SeaRoute",
    "Source",
    "SpeedEnvelope",
    "UnknownPlaceError",
    "Verdict",
    "Vessel",
    "VoyagesError",
    "VoyagesWarning",
    "check",
    "check_port_calls",
    "corridors_frame",
    "envelope_for",
    "findings_frame",
    "findings_json",
    "gazetteer",
    "judge_leg",
    "judge_times",
    "land_route",
    "listed_at",
    "load_case",
    "load_list",
    "load_lists",
    "read_routes",
    "render_report",
    "resolve_place",
    "sea_matrix",
    "sea_route",
]
