"""The records a case is made of: sources, vessels, organizations, convoys,
events, claims, hypotheses and statements.

These frozen dataclasses are what the checks read. They are built from a
TOML case file by :func:`voyages.casefile.load_case`, which validates the
file and resolves places and times; the file format is documented in the
README ("Case files").

Times are :class:`ReportedTime` intervals in UTC: a date alone means the
whole local day at the event's place, a local time means that minute in the
place's time zone, and so on (see :class:`Precision`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from voyages._words import WordEnum
from voyages.places import Place

__all__ = [
    "Assertion",
    "CableRoute",
    "Case",
    "Claim",
    "Convoy",
    "Event",
    "EventKind",
    "Hypothesis",
    "Organization",
    "Precision",
    "Quantity",
    "ReportedTime",
    "Source",
    "Vessel",
]


class Precision(WordEnum):
    """How precisely a time was reported: the width of its UTC interval.

    ``minute``: the stated minute; ``hour``: within half an hour either side
    ("at about 4:40pm"); ``day`` and ``month``: the whole local day or month
    at the event's place.
    """

    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"


class EventKind(WordEnum):
    """What happened at an event (the case file's ``kind``, any case)."""

    DEPARTURE = "departure"
    ARRIVAL = "arrival"
    PORT_STAY = "port_stay"  # seen in port (at berth, at the quay) at that time
    SIGHTING = "sighting"  # a position reported at sea or on land
    INCIDENT = "incident"  # e.g. a cable cut
    CARGO = "cargo"  # a statement about cargo (mass, kind)


@dataclass(frozen=True)
class ReportedTime:
    """A reported time as the UTC interval it allows.

    Attributes
    ----------
    earliest, latest : datetime
        Timezone-aware UTC bounds; ``latest`` is exclusive for day and
        month precision (the next local midnight).
    precision : Precision
    text : str
        The time as written in the case file.
    tz : str or None
        The IANA zone the local time was read in.
    """

    earliest: datetime
    latest: datetime
    precision: Precision
    text: str
    tz: str | None = None

    @property
    def midpoint(self) -> datetime:
        """The middle of the interval (for ordering and display)."""
        return self.earliest + (self.latest - self.earliest) / 2

    @property
    def width(self) -> timedelta:
        """``latest - earliest``."""
        return self.latest - self.earliest

    def local_date(self) -> date | None:
        """The local calendar date when the interval lies within one local day."""
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(self.tz) if self.tz else None
        start = self.earliest.astimezone(zone) if zone else self.earliest
        end = (self.latest - timedelta(microseconds=1)).astimezone(zone) if zone else self.latest
        return start.date() if start.date() == end.date() else None


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as reported (``7 nmi``, ``13 km``, ``2 day``).

    ``text`` is the number as written in the case file (``"7"``, ``"7.0"``);
    the units check reads the rounding a figure implies from it.
    """

    value: float
    unit: str
    text: str = ""


@dataclass(frozen=True)
class Source:
    """A published source the case cites.

    ``published`` is its publication date; ``via`` is the id of the source
    that excerpted or translated it; the other fields are as printed.
    """

    id: str
    publisher: str
    title: str = ""
    published: date | None = None
    url: str = ""
    language: str = ""
    author: str = ""
    via: str = ""  # id of the source that excerpted or translated it


@dataclass(frozen=True)
class Organization:
    """A company or body: owner, operator, manager, buyer.

    ``country`` is an ISO 3166-1 alpha-2 code; ``imo`` the IMO company
    identification number (7 digits); ``sources`` the ids of the sources
    naming it.
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    imo: str | None = None  # IMO company identification number
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vessel:
    """A ship named in the case. Everything but ``id`` and ``name`` is optional.

    ``operator``, ``owner`` and ``manager`` are organization ids.
    ``service_speed_kn`` narrows the speed envelope when a source gives it.
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    imo: str | None = None
    mmsi: str | None = None
    call_sign: str | None = None
    flag: str | None = None  # ISO 3166-1 alpha-2
    type: str | None = None  # speed-envelope vessel type (general_cargo, ro_ro, ...)
    dwt_t: float | None = None
    gross_tonnage: float | None = None
    service_speed_kn: float | None = None
    operator: str | None = None
    owner: str | None = None
    manager: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Convoy:
    """Something that moved overland: a road convoy, a train.

    ``composition`` maps an equipment type to a reported count; ``vehicles_min``
    is a reported lower bound on the total ("over 100 vehicles"). A count
    the source gives only in words ("a couple of boats") is ``None`` in
    ``composition`` and kept as written in ``composition_text``.
    """

    id: str
    name: str
    mode: str = "road"
    composition: tuple[tuple[str, int | None], ...] = ()
    vehicles_min: int | None = None
    sources: tuple[str, ...] = ()
    composition_text: tuple[tuple[str, str], ...] = ()  # each count as the source words it


@dataclass(frozen=True)
class Event:
    """Something a source says happened to a vessel or convoy.

    ``subject`` is a vessel or convoy id. ``place`` is resolved;
    ``place_text`` keeps what the file said. ``weekday`` is a weekday the
    source states ("Friday"), checked against ``time``. ``destination`` is
    where a departing subject was headed, when the source says so ("left
    Murmansk ... and headed for Conakry").
    """

    id: str
    subject: str
    kind: EventKind
    source: str
    quote: str
    place: Place | None = None
    place_text: str = ""
    time: ReportedTime | None = None
    weekday: str | None = None
    cargo_mass_t: float | None = None
    note: str = ""
    destination: Place | None = None


@dataclass(frozen=True)
class Claim:
    """A reported duration or distance between places.

    ``kind`` is ``"duration"`` ("two days of driving") or ``"distance"``
    ("7 nautical miles (13 km) north of Yehliu"). ``values`` keeps every
    figure as written, so units can be checked against each other.
    ``bearing`` is a compass point or degrees when the claim places a point
    off ``origin``.
    """

    id: str
    kind: str
    subject: str
    source: str
    quote: str
    values: tuple[Quantity, ...]
    origin: Place | None = None
    destination: Place | None = None
    via: tuple[Place, ...] = ()
    mode: str = "sea"
    bearing: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Hypothesis:
    """An alternative the sources raise, to be tested against the times.

    ``kind``: ``"via"`` (the vessel called at ``place`` between two events,
    e.g. Tartus between Murmansk and Conakry), ``"origin"`` (the voyage
    started at ``place`` instead), or ``"mode"`` (the overland leg went by
    ``mode``, e.g. rail Conakry–Kankan).
    """

    id: str
    subject: str
    kind: str
    statement: str
    source: str
    quote: str
    place: Place | None = None
    mode: str | None = None
    between: tuple[str, str] | None = None  # event ids the hypothesis fits between
    route: tuple[Place, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Assertion:
    """One source's statement on a topic, compared across sources.

    Statements sharing a ``topic`` (``"adler.name"``, ``"cargo.origin"``,
    ``"convoy.route"``) with different ``value`` are contradictions.
    """

    topic: str
    value: str
    source: str
    quote: str
    note: str = ""  # how the value was read from the quote, when not verbatim


@dataclass(frozen=True)
class CableRoute:
    """A cable or pipeline route a case names (its ``[[cables]]`` table).

    Either ``file`` (a route file: TeleGeography ``cable-geo.json`` or
    GeoJSON lines, resolved against the case file's folder) or
    ``coordinates`` (``(lon, lat)`` points in WGS84 degrees, in order).
    ``uncertainty_nm`` is how far the drawn route may lie from the real one
    (None: the reader's default, see :func:`voyages.cables.read_routes`).
    """

    id: str
    name: str
    file: Path | None = None
    coordinates: tuple[tuple[float, float], ...] = ()
    uncertainty_nm: float | None = None
    source: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Case:
    """A whole case: everything the checks read.

    Built by :func:`voyages.casefile.load_case` from a TOML case file (or by
    hand in a notebook or test).

    Attributes
    ----------
    id, title, summary : str
    path : Path or None
        The case file, when loaded from one.
    sources, organizations, vessels, convoys : dict
        Records by id.
    events, claims, hypotheses, assertions, cables : tuple
        In case-file order.
    """

    id: str
    title: str
    path: Path | None = None
    summary: str = ""
    sources: dict[str, Source] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    vessels: dict[str, Vessel] = field(default_factory=dict)
    convoys: dict[str, Convoy] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    hypotheses: tuple[Hypothesis, ...] = ()
    assertions: tuple[Assertion, ...] = ()
    cables: tuple[CableRoute, ...] = ()

    def subject_name(self, subject_id: str) -> str:
        """Display name of a vessel, convoy or organization id."""
        for table in (self.vessels, self.convoys, self.organizations):
            if subject_id in table:
                return table[subject_id].name
        return subject_id

    def events_of(self, subject_id: str) -> list[Event]:
        """The subject's events with a time, in time order (by midpoint)."""
        timed = [e for e in self.events if e.subject == subject_id and e.time is not None]
        return sorted(timed, key=lambda e: e.time.midpoint)  # type: ignore[union-attr]
