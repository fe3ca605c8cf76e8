"""Load a case file (TOML) into a validated :class:`voyages.records.Case`.

The format is documented in the README ("Case files"). Loading checks
everything and reports every problem at once, one line each::

    case.toml: events[4].place: unknown place 'Conakri' — did you mean 'Conakry' (GNCKY)?
    case.toml: events[2].source: unknown source 'lemond' — did you mean 'lemonde'?

Paths count from 0 (``events[0]`` is the first ``[[events]]`` table).
Structure and scalar types are checked by pydantic models at the file
boundary (:mod:`voyages._casemodel`); places, times and cross-references by
this module, which then builds the frozen records.

Times
-----
A time is read in the IANA zone of the event's place (or the event's
``tz``) and stored as a UTC interval (:class:`~voyages.records.ReportedTime`):

- a TOML date ``2025-01-08``: precision ``day``, the whole local day;
- a TOML local date-time ``2025-01-03T16:40``: precision ``minute``;
- a TOML offset date-time ``2025-01-03T08:40:00Z``: precision ``minute``;
- a string ``"2025-01"``: precision ``month``, the whole local month.

``precision`` widens a time as written: ``hour`` means within half an hour
either side of the stated time (a source's "at about 4:40pm"); ``day`` and
``month`` mean the whole local day or month containing it.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from voyages._daterange import date_problem, year_problem
from voyages.errors import CaseFileError, UnknownPlaceError
from voyages.identifiers import country_name, flag_problem, imo_digits, vessel_imo_problem
from voyages.places import COMPASS_POINTS, Place, offset_place, resolve_place, with_timezone
from voyages.records import (
    Assertion,
    CableRoute,
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
from voyages.speeds import service_speed_problem
from voyages.units import NM_M, to_metres, unit_kind

__all__ = ["SAFE_ID", "WEEKDAYS", "case_path", "country_code", "country_name", "id_problem",
           "load_case", "parse_case", "reported_time"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""English weekday names, Monday first (``datetime.weekday()`` order)."""

CLAIM_KINDS = ("distance", "duration")
LENGTH_UNITS_TEXT = "nmi, nm, km, m or mi, or spelled out ('nautical miles', 'kilometres')"
DURATION_UNITS_TEXT = "min, h, d or week, or spelled out ('hours', 'days')"
HYPOTHESIS_KINDS = ("via", "origin", "mode")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUANTITY = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*([A-Za-z][A-Za-z .]*?)\s*$")


def _path(*parts: str | int) -> str:
    """``("events", 4, "place")`` → ``events[4].place``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" — did you mean {close[0]!r}?" if close else ""


def parse_weekday(text: str) -> str:
    """The English weekday name for ``text`` (full name or 3-letter abbreviation).

    Raises
    ------
    ValueError
        Listing the valid names.

    >>> parse_weekday("fri")
    'Friday'
    """
    key = text.strip().lower()
    for name in WEEKDAYS:
        if key in (name.lower(), name[:3].lower()):
            return name
    raise ValueError(f"unknown weekday {text!r}; expected one of: {', '.join(WEEKDAYS)}")


def _zone(tz: str | None):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if tz is None:
        return None
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {tz!r}; expected an IANA name such as "
                         "'Africa/Conakry'") from None


def _local_midnight(day: date, zone) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _local_readings(value: datetime, zone, text: str) -> tuple[datetime, datetime]:
    """The UTC readings of a local date-time: two when the clocks went back.

    A local time that occurs twice (the hour repeated when daylight saving
    ends) gives its first and second reading; one that does not exist (the
    hour skipped when clocks go forward) raises ``ValueError``.
    """
    first = value.replace(tzinfo=zone, fold=0).astimezone(UTC)
    second = value.replace(tzinfo=zone, fold=1).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) != value.replace(tzinfo=None):
        raise ValueError(f"{text} does not exist in {zone.key} (clocks go forward); "
                         "check the source, or write an offset date-time")
    return min(first, second), max(first, second)


def reported_time(value: Any, *, tz: str | None, precision: str | None = None) -> ReportedTime:
    """Turn a case file's time value into a UTC :class:`ReportedTime`.

    Parameters
    ----------
    value : datetime.date, datetime.datetime or str
        As TOML gives it: a date, a local or offset date-time, or a string
        ``"YYYY-MM"`` (month), ``"YYYY-MM-DD"`` or an ISO date-time.
    tz : str or None
        IANA zone the local time is read in (the place's zone). Required
        for everything but an offset date-time.
    precision : str, optional
        ``minute``, ``hour``, ``day`` or ``month``; widens the time as
        written (see the module docstring). Cannot be finer than written.

    Raises
    ------
    ValueError
        With a one-line message saying what was expected; also for a local
        time that does not exist in ``tz`` (skipped when clocks go forward).
        A local time that occurs twice (clocks go back) covers both readings.

    >>> t = reported_time(date(2025, 1, 8), tz="Africa/Conakry")
    >>> t.earliest.isoformat(), t.latest.isoformat(), t.precision.value
    ('2025-01-08T00:00:00+00:00', '2025-01-09T00:00:00+00:00', 'day')
    >>> t = reported_time(datetime(2025, 1, 3, 16, 40), tz="Asia/Taipei", precision="hour")
    >>> t.earliest.isoformat(), t.latest.isoformat()
    ('2025-01-03T08:10:00+00:00', '2025-01-03T09:10:00+00:00')
    """
    if isinstance(value, datetime) and value.second == 0 and value.microsecond == 0:
        text = value.isoformat(timespec="minutes")
    elif isinstance(value, date | datetime):
        text = value.isoformat()
    else:
        text = str(value)
    if isinstance(value, str):
        value = _parse_time_string(value)
    if isinstance(value, time):
        raise ValueError(f"a time of day alone ({text}) needs a date: write 2025-01-03T{text}")
    if isinstance(value, datetime):
        written = Precision.MINUTE
    elif isinstance(value, date):
        written = Precision.DAY
    elif isinstance(value, tuple):  # (year, month)
        written = Precision.MONTH
    else:
        raise ValueError(f"cannot read time {text!r}; expected a TOML date (2025-01-08), "
                         "a local date-time (2025-01-03T16:40:00), an offset date-time "
                         "(2025-01-03T08:40:00Z) or a month as a string ('2025-01')")
    problem = year_problem(value[0] if isinstance(value, tuple) else value.year)
    if problem:
        raise ValueError(f"{text}: {problem}")
    order = [Precision.MINUTE, Precision.HOUR, Precision.DAY, Precision.MONTH]
    wanted = written
    if precision is not None:
        wanted = Precision.parse(precision)
        if order.index(wanted) < order.index(written):
            raise ValueError(f"precision {wanted.value!r} is finer than the time as written "
                             f"({text}, precision {written.value!r})")
    aware = isinstance(value, datetime) and value.tzinfo is not None
    if tz is None and not aware:
        raise ValueError(f"time {text!r} is local and there is no place to give its time "
                         "zone: add a place, a tz, or write an offset date-time")
    zone = _zone(tz)

    if isinstance(value, datetime):
        if aware:
            moment = later = value.astimezone(UTC)
        else:
            moment, later = _local_readings(value, zone, text)
        moment = moment.replace(second=0, microsecond=0)
        later = later.replace(second=0, microsecond=0)
        if wanted is Precision.MINUTE:
            return ReportedTime(moment, later + timedelta(minutes=1), wanted, text, tz)
        if wanted is Precision.HOUR:
            return ReportedTime(moment - timedelta(minutes=30), later + timedelta(minutes=30),
                                wanted, text, tz)
        local = moment.astimezone(zone) if zone else moment
        value = local.date() if wanted is Precision.DAY else (local.year, local.month)
    if isinstance(value, date):
        if wanted is Precision.DAY:
            return ReportedTime(_local_midnight(value, zone),
                                _local_midnight(value + timedelta(days=1), zone), wanted, text, tz)
        value = (value.year, value.month)
    year, month = value
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return ReportedTime(_local_midnight(first, zone), _local_midnight(following, zone),
                        Precision.MONTH, text, tz)


def _parse_time_string(text: str):
    match = _MONTH.match(text.strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} out of range in {text!r}")
        return (year, month)
    try:
        if "T" in text or " " in text.strip():
            return datetime.fromisoformat(text.strip())
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"cannot read time {text!r}; expected a TOML date (2025-01-08), "
                         "a local date-time (2025-01-03T16:40:00), an offset date-time "
                         "(2025-01-03T08:40:00Z) or a month as a string ('2025-01')") from None


def _pydantic_message(err: Any) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field"
    message = err.get("msg", "invalid value")
    return message[0].lower() + message[1:] if message else "invalid value"


class _Loader:
    """Collects problems while converting the validated model to records."""

    def __init__(self, label: str, problems: list[str] | None = None,
                 bad_paths: list[str] | None = None) -> None:
        self.label = label
        self.problems: list[str] = list(problems or [])
        # Fields pydantic refused (already in problems) and patched over:
        # what the semantic checks say at, under or about them is left out.
        self.bad_paths = list(bad_paths or [])
        self.hidden = 0

    def problem(self, path: str, message: str) -> None:
        from voyages._caseerrors import keep_semantic

        self.problems.append(f"{self.label}: {path}: {message}")
        if self.bad_paths and not keep_semantic(path, message, self.bad_paths):
            self.problems.pop()
            self.hidden += 1

    @property
    def seen(self) -> int:
        """Problems found so far, shown or not."""
        return len(self.problems) + self.hidden

    # -- places ------------------------------------------------------------
    def place(self, value: Any, path: str) -> Place | None:
        if value is None:
            return None
        if isinstance(value, dict):
            return self._offset(value, path)
        if not isinstance(value, str):
            self.problem(path, f"expected a place name, UN/LOCODE, 'lat, lon' or an offset "
                         f"table {{of=..., distance=..., bearing=...}}, got {value!r}")
            return None
        try:
            return resolve_place(value)
        except UnknownPlaceError as err:
            self.problem(path, str(err))
            return None

    def _offset(self, value: dict, path: str) -> Place | None:
        from pydantic import ValidationError

        from voyages._casemodel import OffsetModel

        try:
            model = OffsetModel.model_validate(value)
        except ValidationError as err:
            for e in err.errors():
                self.problem(_path(path, *e["loc"]), _pydantic_message(e))
            return None
        origin = self.place(model.of, _path(path, "of"))
        if (model.distance is None) == (model.distance_nm is None):
            self.problem(path, "give the offset's distance once: distance = \"7 nmi\" "
                         "or distance_nm = 7")
            return None
        if model.distance_nm is not None:
            distance_nm = model.distance_nm
        else:
            match = _QUANTITY.match(model.distance or "")
            if not match or unit_kind(match.group(2)) != "length":
                self.problem(_path(path, "distance"),
                             f"cannot read distance {model.distance!r}; expected a number and a "
                             f"length unit ({LENGTH_UNITS_TEXT}), e.g. \"7 nmi\" or \"13 km\"")
                return None
            distance_nm = to_metres(float(match.group(1)), match.group(2)) / NM_M
            if distance_nm < 0:
                self.problem(_path(path, "distance"), f"distance must be >= 0, got "
                             f"{model.distance!r}; give the bearing the other way instead")
                return None
        bearing = model.bearing
        if not self.bearing_ok(bearing, _path(path, "bearing")):
            return None
        if origin is None:
            return None
        return with_timezone(offset_place(origin, distance_nm=distance_nm, bearing=bearing))

    def bearing_ok(self, bearing: str | float, path: str) -> bool:
        """Degrees true in [0, 360] or a compass point; a problem is recorded otherwise."""
        if isinstance(bearing, str):
            if bearing.strip().upper() in COMPASS_POINTS:
                return True
            self.problem(path, f"unknown bearing {bearing!r}; expected degrees true or a "
                         "compass point (" + " ".join(COMPASS_POINTS) + ")")
            return False
        if not 0 <= bearing <= 360:
            self.problem(path, f"bearing must be degrees true from 0 to 360, got {bearing:g}")
            return False
        return True

    # -- references --------------------------------------------------------
    def ref(self, value: str | None, known: Iterable[str], path: str, what: str) -> None:
        if value is None or value == "":
            return
        known = list(known)
        if value not in known:
            self.problem(path, f"unknown {what} {value!r}{_suggest(value, known)}")

    def unique(self, ids: list[str], table: str, seen: dict[str, str]) -> None:
        for i, ident in enumerate(ids):
            where = _path(table, i)
            problem = id_problem(ident)
            if problem:
                self.problem(_path(where, "id"), problem)
            if ident in seen:
                self.problem(_path(where, "id"), f"duplicate id {ident!r} (also {seen[ident]})")
            else:
                seen[ident] = where


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code (upper case) of a country named or coded ``name``.

    >>> country_code("Tanzania"), country_code("CM"), country_code("Atlantis")
    ('TZ', 'CM', None)
    """
    from voyages._territory_names import lookup_territory

    if country_name(name):
        return name.strip().upper()
    territory = lookup_territory(name.strip())
    if territory is None or territory.alpha3 is None or len(territory.code) != 2:
        return None
    return territory.code.upper()


SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
"""Ids (the case's, every source's, vessel's, event's, ...): a slug that is safe
as a file or folder name: letters, digits, ``-``, ``_`` and ``.``, starting
with a letter or digit, no ``..``, at most 128 characters."""


def id_problem(ident: str) -> str | None:
    """Why ``ident`` is not a safe id (:data:`SAFE_ID`), or None.

    >>> id_problem("keelung-2025") is None
    True
    >>> id_problem("../../../escape").split(":")[0]
    "'../../../escape' is not a safe id"
    """
    if SAFE_ID.fullmatch(ident) and ".." not in ident:
        return None
    return (f"{ident!r} is not a safe id: use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit (e.g. 'keelung-2025')")


def case_path(path: str | Path) -> Path:
    """The case file a CASE argument names: the path itself, or ``case.toml`` in a folder.

    Every command that takes a CASE (``voyages check``, ``voyages report``)
    resolves it here, so a folder works wherever a case file does.

    Raises
    ------
    CaseFileError
        ``path`` is a folder without ``case.toml``. A missing file is left
        to the reader (:func:`load_case` names it).

    Examples
    --------
    >>> from voyages._data import data_dir
    >>> case_path(data_dir("reports") / "mali-2025").name
    'case.toml'
    """
    path = Path(path)
    if path.is_dir():
        if not (path / "case.toml").is_file():
            raise CaseFileError(f"{path}: is a folder without a case.toml")
        return path / "case.toml"
    return path


def load_case(path: str | Path) -> Case:
    """Read, validate and resolve a TOML case file.

    Parameters
    ----------
    path : str or Path
        The case file, or a folder holding ``case.toml``.

    Returns
    -------
    Case
        Places resolved against the gazetteer (time zones filled in), times
        as UTC intervals, every reference checked.

    Raises
    ------
    CaseFileError
        Listing every problem, one line each: ``FILE: field.path: message``.
        Also for a missing file, a folder without ``case.toml`` or text that
        is not TOML.

    Examples
    --------
    >>> from voyages._data import data_dir
    >>> case = load_case(data_dir("reports") / "mali-2025" / "case.toml")
    >>> case.vessels["adler"].imo
    '9179854'
    """
    path = case_path(path)
    label = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CaseFileError(f"{label}: no such file") from None
    except OSError as err:
        raise CaseFileError(f"{label}: cannot read: {err.strerror or err}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))  # a BOM (Windows editors) is dropped
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        wide = " (it is UTF-16)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise CaseFileError(f"{label}: line {line}: not UTF-8 text (byte 0x{raw[err.start]:02x})"
                            f"{wide}; save the case file as UTF-8") from None
    except tomllib.TOMLDecodeError as err:
        raise CaseFileError(f"{label}: not valid TOML: {err}") from None
    return parse_case(data, label=label, path=path)


def parse_case(data: dict, *, label: str = "case", path: Path | None = None) -> Case:
    """Validate a case given as the dict TOML parsing yields.

    Raises
    ------
    CaseFileError
        As :func:`load_case`; lines start with ``label``.
    """
    from pydantic import ValidationError

    from voyages._caseerrors import field_problems, patched
    from voyages._casemodel import CaseFileModel

    problems: list[str] = []
    bad_paths: list[str] = []
    try:
        model = CaseFileModel.model_validate(data)
    except ValidationError as err:
        # Report pydantic's problems one line per field, then patch the bad
        # fields over and run the semantic checks on the rest: every problem
        # at once.
        found = field_problems(CaseFileModel, err.errors())
        for loc, message in found:
            if message == "unknown field" and loc:
                field_names = _field_names(loc)
                message += _suggest(str(loc[-1]), field_names) if field_names else ""
            bad_paths.append(_path(*loc))
            problems.append(f"{label}: {_path(*loc)}: {message}")
        try:
            model = CaseFileModel.model_validate(
                patched(CaseFileModel, data, [loc for loc, _ in found]))
        except ValidationError:
            raise CaseFileError(problems) from None
    return _Converter(label, problems, bad_paths).convert(model, path)


def _field_names(loc: tuple) -> list[str]:
    """Field names allowed where an unknown field was found."""
    from voyages import _casemodel as m

    tables: dict[str, type[m.BaseModel]] = {
        "case": m.CaseHeaderModel, "sources": m.SourceModel,
        "organizations": m.OrganizationModel, "vessels": m.VesselModel,
        "convoys": m.ConvoyModel, "events": m.EventModel, "claims": m.ClaimModel,
        "hypotheses": m.HypothesisModel, "assertions": m.AssertionModel,
        "cables": m.CableModel,
    }
    if len(loc) == 1:
        return list(m.CaseFileModel.model_fields)
    model: type[m.BaseModel] | None = tables.get(str(loc[0]))
    if len(loc) == 4 and loc[0] == "claims" and loc[2] == "values":
        model = m.QuantityModel
    return list(model.model_fields) if model is not None else []


class _Converter(_Loader):
    def convert(self, model, path: Path | None) -> Case:
        ids: dict[str, str] = {}
        problem = id_problem(model.case.id)
        if problem:
            self.problem("case.id", problem)
        self.unique([c.id for c in model.cables], "cables", {})
        source_ids = [s.id for s in model.sources]
        self.unique(source_ids, "sources", {})
        self.unique([o.id for o in model.organizations], "organizations", ids)
        self.unique([v.id for v in model.vessels], "vessels", ids)
        self.unique([c.id for c in model.convoys], "convoys", ids)
        self.unique([e.id for e in model.events], "events", {})
        self.unique([c.id for c in model.claims], "claims", {})
        self.unique([h.id for h in model.hypotheses], "hypotheses", {})
        org_ids = [o.id for o in model.organizations]
        subject_ids = [v.id for v in model.vessels] + [c.id for c in model.convoys]

        sources: dict[str, Source] = {}
        for i, s in enumerate(model.sources):
            self.ref(s.via or None, source_ids, _path("sources", i, "via"), "source")
            problem = date_problem(s.published) if s.published else None
            if problem:
                self.problem(_path("sources", i, "published"), f"{s.published}: {problem}")
            sources.setdefault(s.id, Source(id=s.id, publisher=s.publisher, title=s.title,
                                            published=s.published, url=s.url,
                                            language=s.language, author=s.author, via=s.via))

        def cite(refs: list[str], where: str) -> tuple[str, ...]:
            for j, ref in enumerate(refs):
                self.ref(ref, source_ids, _path(where, j), "source")
            return tuple(refs)

        organizations: dict[str, Organization] = {}
        for i, o in enumerate(model.organizations):
            imo = imo_digits(o.imo)
            if imo is not None and not re.fullmatch(r"\d{7}", imo):
                self.problem(_path("organizations", i, "imo"),
                             f"company IMO number must be 7 digits, got {o.imo!r}")
            country = self._country(o.country, _path("organizations", i, "country"))
            organizations.setdefault(o.id, Organization(
                id=o.id, name=o.name, aliases=tuple(o.aliases), country=country, imo=imo,
                sources=cite(o.sources, _path("organizations", i, "sources"))))

        vessels: dict[str, Vessel] = {}
        for i, v in enumerate(model.vessels):
            where = _path("vessels", i)
            imo = self._vessel_imo(v.imo, _path(where, "imo"))
            mmsi = None if v.mmsi is None else str(v.mmsi).strip()
            if mmsi is not None and not re.fullmatch(r"\d{9}", mmsi):
                self.problem(_path(where, "mmsi"), f"MMSI must be 9 digits, got {v.mmsi!r}")
            speed_problem = service_speed_problem(v.service_speed_kn)
            if speed_problem:
                self.problem(_path(where, "service_speed_kn"), speed_problem)
            for role in ("operator", "owner", "manager"):
                self.ref(getattr(v, role), org_ids, _path(where, role), "organization")
            vessels.setdefault(v.id, Vessel(
                id=v.id, name=v.name, aliases=tuple(v.aliases), imo=imo, mmsi=mmsi,
                call_sign=v.call_sign, flag=self._country(v.flag, _path(where, "flag")),
                type=self._vessel_type(v.type, _path(where, "type")),
                dwt_t=v.dwt_t, gross_tonnage=v.gross_tonnage,
                service_speed_kn=v.service_speed_kn, operator=v.operator, owner=v.owner,
                manager=v.manager, sources=cite(v.sources, _path(where, "sources"))))

        convoys: dict[str, Convoy] = {}
        for i, c in enumerate(model.convoys):
            where = _path("convoys", i)
            counts: list[tuple[str, int | None]] = []
            texts: list[tuple[str, str]] = []
            for name, count in c.composition.items():
                if isinstance(count, int) and count < 0:
                    self.problem(_path(where, "composition", name),
                                 f"count must be >= 0, got {count}")
                counts.append((name, count if isinstance(count, int) else None))
                texts.append((name, str(count)))
            convoys.setdefault(c.id, Convoy(
                id=c.id, name=c.name, mode=c.mode, composition=tuple(counts),
                vehicles_min=c.vehicles_min, sources=cite(c.sources, _path(where, "sources")),
                composition_text=tuple(texts)))

        events = [self._event(e, i, subject_ids, source_ids) for i, e in enumerate(model.events)]
        event_ids = {e.id: e.subject for e in model.events}
        claims = [self._claim(c, i, subject_ids, source_ids) for i, c in enumerate(model.claims)]
        hypotheses = [self._hypothesis(h, i, subject_ids, source_ids, event_ids)
                      for i, h in enumerate(model.hypotheses)]
        assertions = []
        for i, a in enumerate(model.assertions):
            self.ref(a.source, source_ids, _path("assertions", i, "source"), "source")
            self._sanctions_assertion(a, _path("assertions", i),
                                      [*organizations, *vessels])
            assertions.append(Assertion(topic=a.topic, value=a.value, source=a.source,
                                        quote=a.quote, note=a.note))
        cables = [self._cable(c, i, source_ids, path) for i, c in enumerate(model.cables)]
        if self.problems:
            raise CaseFileError(self.problems)
        return Case(
            id=model.case.id, title=model.case.title, path=path, summary=model.case.summary,
            sources=sources, organizations=organizations, vessels=vessels, convoys=convoys,
            events=tuple(e for e in events if e is not None),
            claims=tuple(c for c in claims if c is not None),
            hypotheses=tuple(h for h in hypotheses if h is not None),
            assertions=tuple(assertions),
            cables=tuple(c for c in cables if c is not None),
        )

    def _cable(self, c, i: int, source_ids: list[str], path: Path | None) -> CableRoute | None:
        where = _path("cables", i)
        self.ref(c.source, source_ids, _path(where, "source"), "source")
        if (c.file is None) == (not c.coordinates):
            self.problem(where, "give either 'file' (a route file) or 'coordinates' "
                                "([[lon, lat], ...]), not both or neither")
            return None
        file = None
        if c.file is not None:
            file = Path(c.file)
            if not file.is_absolute() and path is not None:
                file = path.parent / file
            if not file.is_file():
                self.problem(_path(where, "file"), f"no such route file {c.file!r}")
                return None
        coords = tuple((float(lon), float(lat)) for lon, lat in c.coordinates)
        if coords and len(coords) < 2:
            self.problem(_path(where, "coordinates"), "a route needs at least two points")
            return None
        for j, (lon, lat) in enumerate(coords):
            if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
                self.problem(_path(where, "coordinates", j),
                             f"expected [lon, lat] in degrees, got [{lon}, {lat}]")
                return None
        return CableRoute(id=c.id, name=c.name, file=file, coordinates=coords,
                          uncertainty_nm=c.uncertainty_nm, source=c.source, note=c.note)

    def _sanctions_assertion(self, assertion: Any, path: str, parties: list[str]) -> None:
        """A ``<party>.sanctions`` topic names a vessel or organization and US/EU/UK/UN."""
        if not assertion.topic.endswith(".sanctions"):
            return
        from voyages.sanctions.jurisdictions import (
            JURISDICTIONS,
            parse_jurisdictions,
            sanctions_topic_party,
        )

        party = sanctions_topic_party(assertion.topic)
        if party not in parties:
            self.problem(f"{path}.topic", f"{assertion.topic!r}: {party!r} is not a vessel or "
                         f"organization of the case{_suggest(str(party), parties)}")
        known, unknown = parse_jurisdictions(assertion.value)
        if unknown or not known:
            self.problem(f"{path}.value", f"{assertion.value!r}: a sanctions statement names "
                         f"jurisdictions separated by ';' among {', '.join(JURISDICTIONS)}")

    def _country(self, value: str | None, path: str) -> str | None:
        if value is None:
            return None
        problem = flag_problem(value)
        if problem:
            self.problem(path, problem)
            return None
        return value.strip().upper()

    def _vessel_type(self, value: str | None, path: str) -> str | None:
        """The speed table's type for ``value`` (aliases such as "Roll-on Roll-off" accepted)."""
        from voyages.speeds import speed_table

        if value is None:
            return None
        table = speed_table()
        envelope = table.get("".join(ch for ch in value.lower() if ch.isalnum()))
        if envelope is None:
            types = sorted({e.type for e in table.values()})
            self.problem(path, f"unknown vessel type {value!r}; expected one of: "
                         f"{', '.join(types)}, or an alias listed in ports/speed_envelopes.csv"
                         + _suggest(value, types))
            return None
        return envelope.type

    def _vessel_imo(self, value: str | int | None, path: str) -> str | None:
        if value is None:
            return None
        problem = vessel_imo_problem(value)
        if problem:
            self.problem(path, problem + ("; copy it again from the source"
                                          if "check digit" in problem else ""))
            return None
        return imo_digits(value)

    def _event(self, e, i: int, subject_ids, source_ids) -> Event | None:
        where = _path("events", i)
        before = self.seen
        self.ref(e.subject, subject_ids, _path(where, "subject"), "subject")
        self.ref(e.source, source_ids, _path(where, "source"), "source")
        try:
            kind = EventKind.parse(e.kind)
        except ValueError as err:
            self.problem(_path(where, "kind"), str(err))
            kind = None
        place = self.place(e.place, _path(where, "place"))
        destination = self.place(e.destination, _path(where, "destination"))
        weekday = None
        if e.weekday is not None:
            try:
                weekday = parse_weekday(e.weekday)
            except ValueError as err:
                self.problem(_path(where, "weekday"), str(err))
        reported = None
        if e.tz is not None:
            try:
                _zone(e.tz)
            except ValueError as err:
                self.problem(_path(where, "tz"), str(err))
                return None
        if e.time is not None:
            tz = e.tz or (place.tz if place else None)
            if e.place is not None and place is None and e.tz is None:
                # The place's own problem is reported already; what does not
                # depend on its zone (year, format, precision) is checked in UTC.
                try:
                    reported_time(e.time, tz="UTC", precision=e.precision)
                except ValueError as err:
                    self.problem(_path(where, "time"), str(err))
            else:
                try:
                    reported = reported_time(e.time, tz=tz, precision=e.precision)
                except ValueError as err:
                    self.problem(_path(where, "time"), str(err))
        elif e.precision is not None:
            self.problem(_path(where, "precision"), "precision given without a time")
        if self.seen > before or kind is None:
            return None
        return Event(id=e.id, subject=e.subject, kind=kind, source=e.source, quote=e.quote,
                     place=place, place_text=_place_text(e.place), time=reported,
                     weekday=weekday, cargo_mass_t=e.cargo_mass_t, note=e.note,
                     destination=destination)

    def _claim(self, c, i: int, subject_ids, source_ids) -> Claim | None:
        where = _path("claims", i)
        before = self.seen
        self.ref(c.subject, subject_ids, _path(where, "subject"), "subject")
        self.ref(c.source, source_ids, _path(where, "source"), "source")
        if c.kind not in CLAIM_KINDS:
            self.problem(_path(where, "kind"),
                         f"unknown value {c.kind!r}; expected one of: {', '.join(CLAIM_KINDS)}")
        wanted = "length" if c.kind == "distance" else "duration"
        units = LENGTH_UNITS_TEXT if wanted == "length" else DURATION_UNITS_TEXT
        values = []
        for j, q in enumerate(c.values):
            if c.kind in CLAIM_KINDS and unit_kind(q.unit) != wanted:
                hint = (" (a bare 'mile' is ambiguous: write 'nmi' or 'mi')"
                        if q.unit.strip().lower() in {"mile", "miles"} else "")
                self.problem(_path(where, "values", j, "unit"),
                             f"unknown {wanted} unit {q.unit!r}{hint}; expected {units}")
            if q.value < 0:
                self.problem(_path(where, "values", j, "value"), f"must be >= 0, got {q.value}")
            values.append(Quantity(value=float(q.value), unit=q.unit, text=repr(q.value)))
        origin = self.place(c.origin, _path(where, "origin"))
        destination = self.place(c.destination, _path(where, "destination"))
        via = tuple(self.place(v, _path(where, "via", j)) for j, v in enumerate(c.via))
        bearing = None
        if c.bearing is not None:
            self.bearing_ok(c.bearing, _path(where, "bearing"))
            if isinstance(c.bearing, str):
                bearing = c.bearing.strip().upper()
            else:
                bearing = f"{c.bearing:g}"
        if self.seen > before:
            return None
        return Claim(id=c.id, kind=c.kind, subject=c.subject, source=c.source, quote=c.quote,
                     values=tuple(values), origin=origin, destination=destination,
                     via=tuple(p for p in via if p is not None), mode=c.mode, bearing=bearing,
                     note=c.note)

    def _hypothesis(self, h, i: int, subject_ids, source_ids, event_ids) -> Hypothesis | None:
        where = _path("hypotheses", i)
        before = self.seen
        self.ref(h.subject, subject_ids, _path(where, "subject"), "subject")
        self.ref(h.source, source_ids, _path(where, "source"), "source")
        if h.kind not in HYPOTHESIS_KINDS:
            self.problem(_path(where, "kind"), f"unknown value {h.kind!r}; expected one of: "
                         + ", ".join(HYPOTHESIS_KINDS))
        if h.kind in {"via", "origin"} and h.place is None:
            self.problem(_path(where, "place"), f"a {h.kind!r} hypothesis needs a place")
        if h.kind == "mode" and not h.mode:
            self.problem(_path(where, "mode"), "a 'mode' hypothesis needs a mode (road, rail, sea)")
        for j, ref in enumerate(h.between or []):
            self.ref(ref, event_ids, _path(where, "between", j), "event")
            if ref in event_ids and event_ids[ref] != h.subject:
                self.problem(_path(where, "between", j),
                             f"event {ref!r} is about {event_ids[ref]!r}, not the hypothesis's "
                             f"subject {h.subject!r}")
        place = self.place(h.place, _path(where, "place"))
        route = tuple(self.place(p, _path(where, "route", j)) for j, p in enumerate(h.route))
        if self.seen > before:
            return None
        return Hypothesis(id=h.id, subject=h.subject, kind=h.kind, statement=h.statement,
                          source=h.source, quote=h.quote, place=place, mode=h.mode,
                          between=tuple(h.between) if h.between else None,  # type: ignore[arg-type]
                          route=tuple(p for p in route if p is not None), note=h.note)


def _place_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        distance = value.get("distance") or f"{value.get('distance_nm')} nmi"
        return f"{distance} {value.get('bearing')} of {value.get('of')}"
    return str(value)
