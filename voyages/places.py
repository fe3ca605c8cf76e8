"""The place gazetteer: ports, towns, border crossings and points.

Two sources are merged:

- searoute's bundled ports (``searoute/data/ports.geojson``, 3,955 ports
  with UN/LOCODE, name, country name and coordinates; searoute-py 1.6.0,
  Apache-2.0, derived from the UN/LOCODE and World Port Index);
- ``ports/places.csv`` in this project: inland towns, border crossings,
  cable landings, anchorages, and aliases (other spellings and scripts) for
  searoute's ports. Every row names its source.

Look-ups are by UN/LOCODE (``GNCKY``), by name or alias (case-, accent- and
script-insensitive: ``Мурманск``, ``基隆`` and ``Conakri`` all work through
aliases or fuzzy suggestions), or by coordinates (``"9.51, -13.71"``).
Every place has an IANA time zone, derived from its coordinates offline with
``timezonefinder`` unless stored.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources

from voyages._data import data_dir
from voyages._sourced_csv import sourced_rows
from voyages.errors import UnknownPlaceError

__all__ = [
    "AmbiguousPlaceError",
    "Gazetteer",
    "Place",
    "gazetteer",
    "normalize_name",
    "offset_place",
    "resolve_place",
]

_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_LOCODE = re.compile(r"^[A-Za-z]{2}\s?[A-Za-z0-9]{3}$")
# Anything that looks like a coordinate pair, including nan/inf, so that
# "nan, nan" is refused as coordinates rather than fuzzy-matched to a name.
_NUMBERISH = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+|nan|inf(?:inity)?)(?:e[-+]?\d+)?"
_COORDLIKE = re.compile(rf"^\s*({_NUMBERISH})\s*[,;\s]\s*({_NUMBERISH})\s*$", re.IGNORECASE)

COMPASS_POINTS = {
    name: i * 22.5
    for i, name in enumerate(
        "N NNE NE ENE E ESE SE SSE S SSW SW WSW W WNW NW NNW".split()
    )
}
"""Compass points to true bearings in degrees (16-point rose, 22.5° apart)."""


class AmbiguousPlaceError(UnknownPlaceError):
    """A name matches several places; the message lists them with their codes."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        self.query = query
        self.suggestions = candidates
        LookupError.__init__(
            self,
            f"ambiguous place {query!r}: {', '.join(candidates[:6])}"
            " — give the UN/LOCODE",
        )


class BadCoordinatesError(UnknownPlaceError):
    """A ``"lat, lon"`` query whose numbers are out of range or not finite."""

    def __init__(self, query: str, problem: str) -> None:
        self.query = query
        self.suggestions = []
        LookupError.__init__(self, f"{query!r}: {problem}")


def _coordinates(query: str) -> tuple[float, float] | None:
    """``(lat, lon)`` for a coordinate-looking query, None for a name.

    Raises
    ------
    BadCoordinatesError
        A number is not finite or out of range (latitude -90..90,
        longitude -180..180).
    """
    match = _COORDLIKE.match(query)
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    for name, value, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        text = match.group(1 if name == "latitude" else 2)
        if not math.isfinite(value):
            raise BadCoordinatesError(query, f"{name} {text} is not a finite number")
        if not -limit <= value <= limit:
            raise BadCoordinatesError(
                query, f"{name} {text} is outside -{limit}..{limit}; write 'lat, lon' in degrees")
    return lat, lon


@dataclass(frozen=True)
class Place:
    """A named point on the map.

    Attributes
    ----------
    name : str
        Display name (``"Conakry"``).
    lat, lon : float
        WGS84 degrees.
    locode : str or None
        UN/LOCODE (``"GNCKY"``) when the place has one.
    country : str or None
        ISO 3166-1 alpha-2 code (``"GN"``).
    kind : str
        ``port``, ``town``, ``border_crossing``, ``cable_landing``,
        ``anchorage``, ``landmark``, ``point`` (bare coordinates) or
        ``offset`` (a distance and bearing from another place).
    aliases : tuple of str
        Other names and spellings.
    source : str
        Where the coordinates come from.
    tz : str or None
        IANA time zone; filled in by :func:`resolve_place`.
    """

    name: str
    lat: float
    lon: float
    locode: str | None = None
    country: str | None = None
    kind: str = "port"
    aliases: tuple[str, ...] = ()
    source: str = ""
    tz: str | None = None

    @property
    def label(self) -> str:
        """``"Conakry (GNCKY)"``, or the name alone when there is no code."""
        return f"{self.name} ({self.locode})" if self.locode else self.name

    @property
    def is_port(self) -> bool:
        """True for searoute ports and other places ships call at."""
        return self.kind in {"port", "anchorage", "cable_landing"}


def normalize_name(text: str) -> str:
    """Fold a name for matching: ASCII, lower case, no punctuation or spaces.

    Cyrillic, Chinese and accented Latin are transliterated with
    ``anyascii`` (``Кура`` → ``kura``, ``基隆`` → ``jilong``): a table look-up,
    where ICU transliteration (``normality``) costs 0.1 s to load.

    >>> normalize_name("Kourémalé")
    'kouremale'
    >>> normalize_name("Shunxin-39")
    'shunxin39'
    """
    if text.isascii():  # most names: skip ICU transliteration, the slow part
        return _NOT_ALNUM.sub("", text.lower())
    from anyascii import anyascii

    return _NOT_ALNUM.sub("", anyascii(text).lower())


def _iso2_from_locode(locode: str) -> str:
    return locode[:2].upper()


class Gazetteer:
    """A set of places with look-up by code, name, alias and fuzzy name.

    Use :func:`gazetteer` for the bundled one; build your own with
    ``Gazetteer(places)`` for tests or special data.
    """

    def __init__(self, places: list[Place]) -> None:
        self._places = list(places)
        self._by_code: dict[str, Place] = {}
        self._by_key: dict[str, list[Place]] = {}
        for place in self._places:
            if place.locode:
                self._by_code.setdefault(place.locode.upper(), place)
            for name in (place.name, *place.aliases):
                key = normalize_name(name)
                if key:
                    bucket = self._by_key.setdefault(key, [])
                    if place not in bucket:
                        bucket.append(place)
        self._keys = list(self._by_key)

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places)

    def by_code(self, locode: str) -> Place | None:
        """The place with this UN/LOCODE, or None."""
        return self._by_code.get(locode.replace(" ", "").upper())

    def matches(self, query: str) -> list[Place]:
        """Every place whose name or alias folds to the same key as ``query``.

        One place per UN/LOCODE (the first listed), so a port that searoute
        lists twice is one candidate.
        """
        return _one_per_locode(self._by_key.get(normalize_name(query), []))

    def suggest(self, query: str, *, limit: int = 5) -> list[Place]:
        """The places whose names are closest to ``query`` (rapidfuzz WRatio)."""
        from rapidfuzz import fuzz, process

        key = normalize_name(query)
        if not key:
            return []
        hits = process.extract(key, self._keys, scorer=fuzz.WRatio, limit=limit * 3)
        # WRatio finds candidates (it forgives a missing word); the closest
        # spelling (plain edit similarity) comes first, so "Dovr" suggests
        # Dover before Wendover, whose WRatio is high only as a substring.
        hits = sorted((h for h in hits if h[1] >= 60),
                      key=lambda h: -fuzz.ratio(key, h[0]))
        out: list[Place] = []
        for name_key, _, _ in hits:
            for place in _one_per_locode(self._by_key[name_key]):
                if place not in out and not (place.locode and any(
                        p.locode == place.locode for p in out)):
                    out.append(place)
        return out[:limit]

    def lookup(self, query: str) -> Place:
        """Resolve a query to exactly one place (no time zone filled in).

        Accepts a UN/LOCODE, a name or alias, or ``"lat, lon"``.

        Raises
        ------
        UnknownPlaceError
            No match; the message suggests the closest names.
        AmbiguousPlaceError
            Several places share the name; the message lists their codes.
        """
        text = query.strip()
        if not text:
            raise UnknownPlaceError(query)
        coords = _coordinates(text)
        if coords:
            lat, lon = coords
            return Place(name=f"{lat:.4f}, {lon:.4f}", lat=lat, lon=lon, kind="point",
                         source="coordinates given")
        if _LOCODE.match(text):
            place = self.by_code(text)
            if place is not None:
                return place
        found = self.matches(text)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            # Our own rows (ports/places.csv) are curated: prefer them.
            curated = [p for p in found if p.source and not p.source.startswith("searoute")]
            if len(curated) == 1:
                return curated[0]
            raise AmbiguousPlaceError(query, [p.label for p in found])
        raise UnknownPlaceError(query, [repr(p.name) + (f" ({p.locode})" if p.locode else "")
                                        for p in self.suggest(text)])


def _one_per_locode(places: list[Place]) -> list[Place]:
    """The first place of each UN/LOCODE (searoute lists a few codes twice).

    searoute-py 1.6.0 has two USSPG rows, "St Petersburg" (Florida) and
    "St. Petersburg" at 41.09, -79.39 (inland Pennsylvania): one port, one
    candidate, at the coordinates :meth:`Gazetteer.by_code` also gives.
    """
    out: list[Place] = []
    seen: set[str] = set()
    for place in places:
        if place.locode:
            if place.locode in seen:
                continue
            seen.add(place.locode)
        out.append(place)
    return out


def _searoute_ports_file():
    """searoute's ``data/ports.geojson``, found without importing searoute.

    Importing the ``searoute`` package loads its networkx graph code (about
    a second); the gazetteer needs only this data file.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("searoute")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            candidate = Path(folder) / "data" / "ports.geojson"
            if candidate.is_file():
                return candidate
    return resources.files("searoute.data").joinpath("ports.geojson")


def _searoute_ports() -> list[Place]:
    with _searoute_ports_file().open("rb") as fh:
        data = json.load(fh)
    places = []
    for feature in data["features"]:
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        code = props.get("port") or None
        places.append(
            Place(
                name=props.get("name") or code or "",
                lat=float(lat),
                lon=float(lon),
                locode=code,
                country=_iso2_from_locode(code) if code else None,
                kind="port",
                source="searoute-py 1.6.0 ports.geojson",
            )
        )
    return places


PLACES_COLUMNS = ("name", "locode", "lat", "lon", "country", "kind", "aliases", "tz", "source")


def _read_places_csv(path) -> list[dict[str, str]]:
    return [row for _, row in sourced_rows(path, PLACES_COLUMNS)]


def _merge(ports: list[Place], rows: list[dict[str, str]]) -> list[Place]:
    """Add the CSV rows to searoute's ports.

    A row whose ``locode`` is a searoute port and whose ``lat``/``lon`` are
    empty adds its aliases to that port; any other row is a new place.
    """
    by_code = {p.locode: i for i, p in enumerate(ports) if p.locode}
    places = list(ports)
    for row in rows:
        aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
        code = row["locode"].strip().upper() or None
        if code in by_code and not row["lat"].strip():
            i = by_code[code]
            places[i] = replace(places[i], aliases=places[i].aliases + aliases,
                                tz=row["tz"].strip() or places[i].tz)
            continue
        places.append(
            Place(
                name=row["name"].strip(),
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                locode=code,
                country=(row["country"].strip().upper() or None),
                kind=row["kind"].strip() or "town",
                aliases=aliases,
                source=row["source"].strip(),
                tz=row["tz"].strip() or None,
            )
        )
    return places


@functools.cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer: searoute's ports plus ``ports/places.csv``.

    Built once per process (about 50 ms). Sources: searoute-py's
    ``ports.geojson`` and, per row, the ``source`` column of
    ``ports/places.csv``.

    Raises
    ------
    DataFileError
        A malformed ``ports/places.csv`` (missing column, a row without its
        source).
    """
    rows = _read_places_csv(data_dir("ports") / "places.csv")
    return Gazetteer(_merge(_searoute_ports(), rows))


@functools.cache
def _timezone_finder():
    import sys

    # timezonefinder uses numba when it is installed, and its functions are
    # compiled eagerly when timezonefinder loads: about 1.3 s of CPU (with
    # numba's own import, 2 s of a cold `voyages check`) to speed up
    # lookups of which a check makes a handful. Without numba it uses its
    # compiled C extension, faster still per lookup here (20,000 random
    # points: 0.06 s vs 0.12 s) and with the same answers (all 20,000
    # identical; timezonefinder 9.0, numba 0.68). So numba is hidden while
    # timezonefinder loads, unless this process has already loaded either.
    hide = not any(name in sys.modules for name in ("numba", "timezonefinder.utils_numba"))
    if hide:
        sys.modules["numba"] = None  # type: ignore[assignment]  # import numba -> ImportError
    try:
        from timezonefinder import TimezoneFinder

        # in_memory: read the polygon files once and close them; the default
        # file-backed finder (timezonefinder < 9) kept coordinates.bin open and
        # left a ResourceWarning at interpreter exit (~40 ms, ~32 MB on 9.0).
        return TimezoneFinder(in_memory=True)
    finally:
        if hide and "numba" in sys.modules and sys.modules["numba"] is None:
            del sys.modules["numba"]


def timezone_at(lat: float, lon: float) -> str:
    """IANA time zone at a point, offline (timezonefinder's bundled data).

    Points at sea get the nautical zone ``Etc/GMT±N``.

    >>> timezone_at(9.51, -13.71)
    'Africa/Conakry'
    """
    store = _timezone_store()
    key = f"{float(lat)!r},{float(lon)!r}"
    tz = store.get(key) if store is not None else None
    if isinstance(tz, str):
        return tz
    tz = _timezone_finder().timezone_at(lng=lon, lat=lat)
    if tz is None:  # pragma: no cover - timezonefinder covers the oceans too
        hours = round(lon / 15)
        tz = "Etc/GMT" + (f"{-hours:+d}" if hours else "")
    if store is not None:
        store.put(key, tz)
    return tz


@functools.cache
def _timezone_store():
    """Answers remembered across runs in the user's cache (:mod:`voyages._cache`):
    loading timezonefinder costs about 0.15 s of CPU. Keyed by the size and
    time of every file of the installed timezonefinder (its data included)."""
    import hashlib
    import importlib.util
    import os

    from voyages._cache import JsonStore

    spec = importlib.util.find_spec("timezonefinder")
    if spec is None or not spec.submodule_search_locations:
        return None
    h = hashlib.sha256()
    for root, dirs, files in os.walk(next(iter(spec.submodule_search_locations))):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            st = os.stat(os.path.join(root, name))
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return JsonStore("timezones", h.hexdigest()[:16])


def with_timezone(place: Place) -> Place:
    """The place with its ``tz`` filled in (from coordinates when not stored)."""
    if place.tz:
        return place
    return replace(place, tz=timezone_at(place.lat, place.lon))


def offset_place(origin: Place, *, distance_nm: float, bearing: str | float) -> Place:
    """The point ``distance_nm`` from ``origin`` on a true bearing.

    ``bearing`` is degrees true or a compass point (``"N"``, ``"NNE"``, ...).
    Distances are along the WGS84 geodesic (``pyproj.Geod``).

    Raises
    ------
    ValueError
        For an unknown compass point or a negative distance.
    """
    from pyproj import Geod

    from voyages.units import NM_M

    if isinstance(bearing, str):
        key = bearing.strip().upper()
        if key not in COMPASS_POINTS:
            raise ValueError(
                f"unknown bearing {bearing!r}; expected degrees or one of "
                + " ".join(COMPASS_POINTS)
            )
        azimuth = COMPASS_POINTS[key]
        said = key
    else:
        azimuth = float(bearing)
        said = f"{azimuth:g}°"
    if distance_nm < 0:
        raise ValueError(f"distance must be >= 0 nm, got {distance_nm}")
    lon, lat, _ = Geod(ellps="WGS84").fwd(origin.lon, origin.lat, azimuth, distance_nm * NM_M)
    return Place(
        name=f"{distance_nm:g} nm {said} of {origin.name}",
        lat=lat,
        lon=lon,
        country=None,
        kind="offset",
        source=f"offset from {origin.label}",
    )


def resolve_place(query: str) -> Place:
    """Resolve a query against the bundled gazetteer, time zone filled in.

    Accepts a UN/LOCODE (``"GNCKY"``), a name or alias in any script
    (``"Conakry"``, ``"Мурманск"``), or ``"lat, lon"``.

    Raises
    ------
    UnknownPlaceError, AmbiguousPlaceError

    >>> resolve_place("GNCKY").name
    'Conakry'
    """
    return with_timezone(gazetteer().lookup(query))
