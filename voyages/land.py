"""Overland legs: road and rail corridors, and an estimate where none is known.

The corridors are the rows of ``ports/corridors.csv`` (one link between two
places, by road or by rail, with its length in km, road class and surface,
operating status, whether it crosses a border, and the source of each
figure). They form one undirected :mod:`networkx` graph per mode;
:func:`land_route` finds the shortest path over it (each path found is
remembered in the user's cache folder, :mod:`voyages._cache`, so a later
run need not import networkx).

Two kinds of uncertainty are kept apart:

- a link whose length a source gives is exact for our purposes
  (``distance_km_min == distance_km_max``);
- a link known to exist but whose length no source read gives, and any
  pair of places with no corridor path at all, is estimated as the WGS84
  geodesic (``pyproj.Geod``) times a circuity factor band
  :func:`circuity_band`, and the route is flagged ``confidence="estimated"``.

Circuity (road distance over straight-line distance): Kim, Shin, Lee & Suh
(2015), "Calculation of Regional Circuity Factors using Road Network
Distance in South Korea", J. Korean Soc. Agric. Eng. 57(4):39–49, give
regional factors of 1.218 (Gyeonggi) to 1.435 (Gangwon) and a national
1.26. The band used is the union of that range with the factors observed
on the bundled road corridors that have a sourced length (Guinea–Mali:
1.15 to 1.66), so an estimate is never narrower than what the data show.

Where the estimate is refused (:class:`~voyages.errors.RouteError`):

- **rail**: the circuity factors are measured on roads; no rail factor was
  read, so a rail route exists only over the rail corridors;
- **beyond the calibrated range**: the straight line is longer than
  :func:`fallback_limit_km`, the longest straight line over which the band
  was observed (two places joined by a fully sourced road path in
  ``ports/corridors.csv``: Conakry–Kourémalé, 603 km; the Korean factors are
  regional, within one province, so shorter);
- **no land between**: no one piece of land joins the two places inside
  the ellipse any road of at most the band's highest circuity must stay in
  (:mod:`voyages._landreach`, GSHHS land/sea mask) — e.g. Taiwan and the
  mainland.

Every row's ``distance_km`` must be at least the geodesic between its ends
(checked on reading), so no route is shorter than the straight line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from voyages._data import data_dir
from voyages._sourced_csv import sourced_rows
from voyages.errors import DataFileError, InputError, RouteError
from voyages.places import Place, resolve_place

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    from shapely.geometry import LineString

__all__ = [
    "CIRCUITY_LITERATURE",
    "CORRIDOR_COLUMNS",
    "LandLeg",
    "LandRoute",
    "circuity_band",
    "corridors_frame",
    "fallback_limit_km",
    "geodesic_km",
    "land_route",
]

CIRCUITY_LITERATURE = (1.218, 1.435)
"""Regional road circuity factors, lowest and highest (Kim et al. 2015, South Korea)."""

CIRCUITY_SOURCE = (
    "Kim, Shin, Lee & Suh (2015), J. Korean Soc. Agric. Eng. 57(4):39-49 "
    "(regional circuity 1.218-1.435), widened to the factors observed on the "
    "bundled corridors of ports/corridors.csv"
)

CORRIDOR_COLUMNS = ("from", "to", "mode", "distance_km", "via", "road_class", "surface",
                    "status", "border_crossing", "source", "note")
MODES = ("road", "rail")
STATUSES = ("open", "closed")


@dataclass(frozen=True)
class _Link:
    origin: Place
    destination: Place
    mode: str
    distance_km: float | None
    via: tuple[str, ...]
    road_class: str
    surface: str
    status: str
    border_crossing: bool
    source: str
    note: str


@dataclass(frozen=True)
class LandLeg:
    """One link of a land route, in travel order.

    Attributes
    ----------
    origin, destination : Place
    mode : str
        ``"road"`` or ``"rail"``.
    distance_km_min, distance_km_max : float
        The leg's length; equal when a source gives it, a band when estimated.
    via : tuple of str
        Towns the link passes between its ends (as the source names them).
    road_class, surface : str
        As the source describes the link (empty when unknown).
    status : str
        ``"open"`` or ``"closed"`` (a rail line out of service).
    border_crossing : bool
    estimated : bool
        True when the length is a geodesic × circuity estimate.
    source : str
        Citation for the link and its length (or for the estimate's factors).
    """

    origin: Place
    destination: Place
    mode: str
    distance_km_min: float
    distance_km_max: float
    via: tuple[str, ...] = ()
    road_class: str = ""
    surface: str = ""
    status: str = "open"
    border_crossing: bool = False
    estimated: bool = False
    source: str = ""

    @property
    def distance_km(self) -> float:
        """The middle of the length band, km."""
        return (self.distance_km_min + self.distance_km_max) / 2.0


@dataclass(frozen=True)
class LandRoute:
    """A road or rail route between two places.

    Attributes
    ----------
    origin, destination : Place
    mode : str
    legs : tuple of LandLeg
    confidence : str
        ``"corridor"`` when every leg's length comes from a source,
        ``"estimated"`` when at least one leg is a geodesic × circuity estimate.
    """

    origin: Place
    destination: Place
    mode: str
    legs: tuple[LandLeg, ...] = field(default_factory=tuple)
    confidence: str = "corridor"

    @property
    def distance_km_min(self) -> float:
        """Shortest length the legs allow, km."""
        return sum(leg.distance_km_min for leg in self.legs)

    @property
    def distance_km_max(self) -> float:
        """Longest length the legs allow, km."""
        return sum(leg.distance_km_max for leg in self.legs)

    @property
    def distance_km(self) -> float:
        """Middle of the band, km (the sourced length when nothing is estimated)."""
        return (self.distance_km_min + self.distance_km_max) / 2.0

    @property
    def distance_uncertainty(self) -> float:
        """Half-width of the band over its middle (0 for a fully sourced route)."""
        mid = self.distance_km
        return 0.0 if mid == 0 else (self.distance_km_max - self.distance_km_min) / (2 * mid)

    @property
    def places_passed(self) -> tuple[str, ...]:
        """Every place name in travel order, ends included."""
        names = [self.origin.name]
        for leg in self.legs:
            names.extend(leg.via)
            names.append(leg.destination.name)
        return tuple(names)

    @property
    def closed(self) -> bool:
        """True when any leg is out of service."""
        return any(leg.status == "closed" for leg in self.legs)

    @property
    def border_crossings(self) -> int:
        """How many legs cross a border."""
        return sum(leg.border_crossing for leg in self.legs)

    @property
    def sources(self) -> tuple[str, ...]:
        """The legs' citations, without repeats, in travel order."""
        return tuple(dict.fromkeys(leg.source for leg in self.legs if leg.source))

    @property
    def line(self) -> LineString:
        """The route as a shapely LineString, ``(lon, lat)``.

        It runs through each leg's ends and the towns the leg passes
        (``via``) that the gazetteer knows, so a map follows the corridor
        rather than cutting between its ends.
        """
        from shapely.geometry import LineString

        points = [(self.origin.lon, self.origin.lat)]
        for leg in self.legs:
            for name in leg.via:
                town = _known_place(name)
                if town is not None:
                    points.append((town.lon, town.lat))
            points.append((leg.destination.lon, leg.destination.lat))
        if len(points) == 1:
            points.append(points[0])
        return LineString(points)

    def to_dict(self) -> dict[str, Any]:
        """The route as a JSON-ready dict (``voyages route --mode road --format json``).

        Keys: ``mode``, ``from``, ``to`` (place dicts), ``via`` (empty: stops
        are legs), ``distance_km``, ``distance_km_min``, ``distance_km_max``,
        ``distance_nm``, ``confidence``, ``closed``, ``border_crossings``,
        ``places_passed``, ``legs`` (list of dicts), ``sources``.
        """
        from voyages.units import km_to_nm

        def place(p: Place) -> dict[str, Any]:
            return {"name": p.name, "locode": p.locode, "lat": round(p.lat, 6),
                    "lon": round(p.lon, 6)}

        return {
            "mode": self.mode, "from": place(self.origin), "to": place(self.destination),
            "via": [],
            "distance_km": round(self.distance_km, 1),
            "distance_km_min": round(self.distance_km_min, 1),
            "distance_km_max": round(self.distance_km_max, 1),
            "distance_nm": round(km_to_nm(self.distance_km), 1),
            "confidence": self.confidence, "closed": self.closed,
            "border_crossings": self.border_crossings,
            "places_passed": list(self.places_passed),
            "legs": [{"from": leg.origin.name, "to": leg.destination.name,
                      "distance_km_min": round(leg.distance_km_min, 1),
                      "distance_km_max": round(leg.distance_km_max, 1),
                      "via": list(leg.via), "road_class": leg.road_class,
                      "surface": leg.surface, "status": leg.status,
                      "border_crossing": leg.border_crossing, "estimated": leg.estimated,
                      "source": leg.source} for leg in self.legs],
            "sources": list(self.sources),
        }

    def to_geojson(self) -> dict[str, Any]:
        """The route as a GeoJSON Feature (LineString, properties from :meth:`to_dict`)."""
        return {"type": "Feature",
                "geometry": {"type": "LineString",
                             "coordinates": [list(c) for c in self.line.coords]},
                "properties": self.to_dict()}

    def legs_frame(self) -> pd.DataFrame:
        """The legs as a DataFrame.

        Returns
        -------
        pandas.DataFrame
            One row per leg: ``from``, ``to`` (str), ``mode`` (str),
            ``distance_km_min``, ``distance_km_max`` (float), ``via`` (str,
            ``;``-joined), ``road_class``, ``surface``, ``status`` (str),
            ``border_crossing``, ``estimated`` (bool), ``source`` (str).
        """
        import pandas as pd

        rows = [{"from": leg.origin.name, "to": leg.destination.name, "mode": leg.mode,
                 "distance_km_min": leg.distance_km_min, "distance_km_max": leg.distance_km_max,
                 "via": ";".join(leg.via), "road_class": leg.road_class, "surface": leg.surface,
                 "status": leg.status, "border_crossing": leg.border_crossing,
                 "estimated": leg.estimated, "source": leg.source} for leg in self.legs]
        return pd.DataFrame(rows, columns=["from", "to", "mode", "distance_km_min",
                                           "distance_km_max", "via", "road_class", "surface",
                                           "status", "border_crossing", "estimated", "source"])


@functools.lru_cache(maxsize=256)
def _known_place(name: str) -> Place | None:
    """The gazetteer's place for a town named in a corridor, or None."""
    try:
        return resolve_place(name)
    except LookupError:
        return None


def geodesic_km(a: Place, b: Place) -> float:
    """WGS84 geodesic distance between two places, km (``pyproj.Geod``).

    >>> from voyages.places import Place
    >>> round(geodesic_km(Place("a", 0.0, 0.0), Place("b", 1.0, 0.0)), 1)
    110.6
    """
    from pyproj import Geod

    _, _, metres = Geod(ellps="WGS84").inv(a.lon, a.lat, b.lon, b.lat)
    return metres / 1000.0


def _parse_bool(value: str, path, line: int) -> bool:
    key = value.strip().lower()
    if key in ("yes", "true", "1"):
        return True
    if key in ("no", "false", "0", ""):
        return False
    raise DataFileError(f"{path}: line {line}: border_crossing: expected yes or no, got {value!r}")


def _read_corridors(path) -> list[_Link]:
    try:
        rows = sourced_rows(path, CORRIDOR_COLUMNS, noun="corridor")
    except OSError as err:
        raise DataFileError(f"{path}: cannot read corridors: {err.strerror or err}") from err
    links = []
    for line, row in rows:
        where = f"{path}: line {line}"
        mode = row["mode"].strip().lower()
        if mode not in MODES:
            raise DataFileError(f"{where}: mode: expected road or rail, got {row['mode']!r}")
        status = row["status"].strip().lower() or "open"
        if status not in STATUSES:
            raise DataFileError(f"{where}: status: expected open or closed, got {row['status']!r}")
        text = row["distance_km"].strip()
        try:
            distance = float(text) if text else None
        except ValueError:
            raise DataFileError(f"{where}: distance_km: not a number: {text!r}") from None
        if distance is not None and distance <= 0:
            raise DataFileError(f"{where}: distance_km: must be > 0, got {distance}")
        try:
            origin, destination = resolve_place(row["from"]), resolve_place(row["to"])
        except LookupError as err:  # UnknownPlaceError, AmbiguousPlaceError
            raise DataFileError(f"{where}: {err}") from err
        if distance is not None and distance < geodesic_km(origin, destination):
            raise DataFileError(
                f"{where}: distance_km: {distance:g} km is shorter than the straight line "
                f"{origin.name}–{destination.name} ({geodesic_km(origin, destination):.1f} km); "
                "the source must measure something else")
        links.append(_Link(origin, destination, mode, distance,
                           tuple(v.strip() for v in row["via"].split(";") if v.strip()),
                           row["road_class"].strip(), row["surface"].strip(), status,
                           _parse_bool(row["border_crossing"], path, line),
                           row["source"].strip(), row["note"].strip()))
    return links


@functools.cache
def _bundled_links() -> tuple[_Link, ...]:
    return tuple(_read_corridors(data_dir("ports") / "corridors.csv"))


def corridors_frame() -> pd.DataFrame:
    """The bundled corridors as a DataFrame.

    Returns
    -------
    pandas.DataFrame
        One row per link: ``from``, ``to``, ``mode`` (str), ``distance_km``
        (float, NaN when no source gives it), ``geodesic_km`` (float),
        ``circuity`` (float, NaN without a length), ``via``, ``road_class``,
        ``surface``, ``status`` (str), ``border_crossing`` (bool), ``source``,
        ``note`` (str).
    """
    import pandas as pd

    rows = []
    for link in _bundled_links():
        straight = geodesic_km(link.origin, link.destination)
        rows.append({"from": link.origin.name, "to": link.destination.name, "mode": link.mode,
                     "distance_km": link.distance_km if link.distance_km is not None
                     else float("nan"),
                     "geodesic_km": straight,
                     "circuity": (link.distance_km / straight if link.distance_km and straight
                                  else float("nan")),
                     "via": ";".join(link.via), "road_class": link.road_class,
                     "surface": link.surface, "status": link.status,
                     "border_crossing": link.border_crossing, "source": link.source,
                     "note": link.note})
    return pd.DataFrame(rows)


@functools.cache
def circuity_band() -> tuple[float, float]:
    """The circuity factor band for estimates: (lowest, highest).

    The union of :data:`CIRCUITY_LITERATURE` and the factors observed on the
    bundled road corridors with a sourced length (see the module docstring).
    """
    low, high = CIRCUITY_LITERATURE
    for link in _bundled_links():
        if link.mode == "road" and link.distance_km:
            straight = geodesic_km(link.origin, link.destination)
            if straight > 0:
                ratio = link.distance_km / straight
                low, high = min(low, ratio), max(high, ratio)
    return low, high


@functools.cache
def fallback_limit_km() -> float:
    """The longest straight line the circuity fallback is offered for, km.

    The longest geodesic between two places joined by a road path whose
    every link has a sourced length in ``ports/corridors.csv`` (the widest
    distance over which :func:`circuity_band` was observed); see the module
    docstring.
    """
    import networkx as nx

    graph = nx.Graph()
    for link in _bundled_links():
        if link.mode == "road" and link.distance_km is not None:
            graph.add_edge(_key(link.origin), _key(link.destination),
                           ends=(link.origin, link.destination))
    places = {}
    for u, v, data in graph.edges(data=True):
        places[u], places[v] = data["ends"]
    longest = 0.0
    for component in nx.connected_components(graph):
        members = [places[k] for k in component]
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                longest = max(longest, geodesic_km(a, b))
    return longest


def _refuse_fallback(a: Place, b: Place, mode: str, straight: float) -> None:
    """Raise RouteError when a geodesic × circuity estimate has no basis."""
    from voyages import _landreach

    where = f"between {a.name} and {b.name}"
    if mode != "road":
        raise RouteError(f"no {mode} corridor known {where}; the circuity fallback is "
                         "measured on roads only")
    limit = fallback_limit_km()
    if straight > limit:
        raise RouteError(f"no road corridor known {where} and the straight line "
                         f"({straight:,.0f} km) is beyond the {limit:,.0f} km the circuity "
                         "fallback is calibrated on")
    joined = _landreach.land_connected(a.lon, a.lat, b.lon, b.lat, geodesic_km=straight,
                                       circuity=circuity_band()[1])
    if joined is False:
        raise RouteError(f"no road corridor known {where} and no land joins them within "
                         "the circuity band (land/sea mask)")


def _estimated_leg(a: Place, b: Place, mode: str, link: _Link | None = None) -> LandLeg:
    low, high = circuity_band()
    straight = geodesic_km(a, b)
    if link is None:
        _refuse_fallback(a, b, mode, straight)
    if link is not None:
        return LandLeg(a, b, mode, straight * low, straight * high, link.via, link.road_class,
                       link.surface, link.status, link.border_crossing, True,
                       f"{link.source}; length estimated: geodesic {straight:.0f} km × "
                       f"circuity {low:.2f}–{high:.2f} ({CIRCUITY_SOURCE})")
    return LandLeg(a, b, mode, straight * low, straight * high, estimated=True,
                   source=f"no corridor known: geodesic {straight:.0f} km × circuity "
                          f"{low:.2f}–{high:.2f} ({CIRCUITY_SOURCE})")


def _key(place: Place) -> str:
    return place.locode or place.name


@functools.cache
def _corridor_map(mode: str) -> tuple[dict[str, Place], dict[tuple[str, str], tuple[float, _Link]]]:
    """The corridor graph of a mode as plain dicts: node key → place, (a, b) → (weight, link).

    Built as :func:`_graph` adds nodes and edges (an edge is stored under
    the orientation first seen; of two links joining the same places the
    shorter is kept, the first on a tie), in the same order.
    """
    places: dict[str, Place] = {}
    edges: dict[tuple[str, str], tuple[float, _Link]] = {}
    low, high = circuity_band()
    for link in _bundled_links():
        if link.mode != mode:
            continue
        weight = (link.distance_km if link.distance_km is not None
                  else geodesic_km(link.origin, link.destination) * (low + high) / 2)
        a, b = _key(link.origin), _key(link.destination)
        places[a] = link.origin
        places[b] = link.destination
        pair = (b, a) if (b, a) in edges else (a, b)
        if pair in edges and edges[pair][0] <= weight:
            continue
        edges[pair] = (weight, link)
    return places, edges


@functools.cache
def _graph(mode: str) -> nx.Graph:
    import networkx as nx

    graph = nx.Graph()
    places, edges = _corridor_map(mode)
    for key, place in places.items():
        graph.add_node(key, place=place)
    for (a, b), (weight, link) in edges.items():
        graph.add_edge(a, b, weight=weight, link=link)
    return graph


def _leg_from_edge(mode: str, a: str, b: str) -> LandLeg:
    places, edges = _corridor_map(mode)
    _, link = edges[(a, b)] if (a, b) in edges else edges[(b, a)]
    start, end = places[a], places[b]
    forward = _key(link.origin) == a
    via = link.via if forward else tuple(reversed(link.via))
    if link.distance_km is None:
        leg = _estimated_leg(start, end, link.mode, link)
        return LandLeg(start, end, link.mode, leg.distance_km_min, leg.distance_km_max, via,
                       leg.road_class, leg.surface, leg.status, leg.border_crossing, True,
                       leg.source)
    return LandLeg(start, end, link.mode, link.distance_km, link.distance_km, via,
                   link.road_class, link.surface, link.status, link.border_crossing, False,
                   link.source)


@functools.cache
def _path_store(mode: str):
    """Shortest paths remembered across runs (:mod:`voyages._cache`), or None.

    Importing networkx costs about 0.15 s, more than the rest of the land
    check; a path depends only on the graph (its nodes, edges, weights and
    their order) and networkx's algorithm, so the file's name carries a
    digest of both (networkx's by the size and time of its files).
    """
    import hashlib
    import importlib.util
    import os

    from voyages._cache import JsonStore

    spec = importlib.util.find_spec("networkx")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        return None
    root = next(iter(spec.submodule_search_locations))
    places, edges = _corridor_map(mode)
    h = hashlib.sha256(repr(("land-paths-1", mode, list(places),
                             [(a, b, weight) for (a, b), (weight, _) in edges.items()]
                             )).encode())
    for name in ("__init__.py", os.path.join("algorithms", "shortest_paths", "weighted.py"),
                 os.path.join("algorithms", "shortest_paths", "generic.py")):
        try:
            st = os.stat(os.path.join(root, name))
        except OSError:  # pragma: no cover
            return None
        h.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return JsonStore(f"land-paths-{mode}", h.hexdigest()[:16])


def _shortest_nodes(mode: str, ka: str, kb: str) -> list[str] | None:
    """``networkx.shortest_path`` over the corridors by weight (None: no path), remembered."""
    places, edges = _corridor_map(mode)
    if ka not in places or kb not in places:
        return None
    store = _path_store(mode)
    key = f"{ka}\n{kb}"
    found = store.get(key) if store is not None else None
    if isinstance(found, dict) and "nodes" in found:
        nodes = found["nodes"]
        if nodes is None:
            return None
        if (isinstance(nodes, list) and nodes and nodes[0] == ka and nodes[-1] == kb
                and all((u, v) in edges or (v, u) in edges
                        for u, v in zip(nodes, nodes[1:], strict=False))):
            return nodes
    import networkx as nx

    try:
        nodes = nx.shortest_path(_graph(mode), ka, kb, weight="weight")
    except nx.NetworkXNoPath:
        nodes = None
    if store is not None:
        store.put(key, {"nodes": nodes})
    return nodes


def _path_legs(a: Place, b: Place, mode: str) -> list[LandLeg]:
    ka, kb = _key(a), _key(b)
    if ka == kb:
        return []
    nodes = _shortest_nodes(mode, ka, kb)
    if nodes:
        return [_leg_from_edge(mode, u, v) for u, v in zip(nodes, nodes[1:], strict=False)]
    return [_estimated_leg(a, b, mode)]


def _passes(legs: Iterable[LandLeg], name: str) -> bool:
    from voyages.places import normalize_name

    key = normalize_name(name)
    for leg in legs:
        names = [leg.origin.name, leg.destination.name, *leg.via]
        if any(normalize_name(n) == key for n in names):
            return True
    return False


def _as_place(value: str | Place, what: str) -> Place:
    if isinstance(value, Place):
        return value
    if not isinstance(value, str):
        raise InputError(f"{what}: expected a place name, code or 'lat, lon', got {value!r}")
    return resolve_place(value)


def land_route(origin: str | Place, destination: str | Place, *, mode: str = "road",
               via: Sequence[str | Place] = ()) -> LandRoute:
    """The road or rail route between two places.

    Parameters
    ----------
    origin, destination : str or Place
        Anything :func:`voyages.places.resolve_place` accepts (name, alias,
        UN/LOCODE, ``"lat, lon"``) or a :class:`Place`.
    mode : {"road", "rail"}
        Which corridors to use. Rail lines keep their status; a route over a
        closed line is returned with ``closed=True``.
    via : sequence of str or Place
        Places the route must pass, in order. A place a corridor passes
        between its ends (``via`` in ``ports/corridors.csv``) counts.

    Returns
    -------
    LandRoute
        Distance band in km, legs with their sources, places passed, line.
        Where no corridor path exists the route is one estimated leg:
        geodesic × :func:`circuity_band`, ``confidence="estimated"``.

    Raises
    ------
    UnknownPlaceError
        A place the gazetteer does not know (the message suggests names).
    InputError
        An unknown mode.
    RouteError
        Origin and destination are the same place, or no corridor joins
        them and the fallback estimate is refused: rail; a straight line
        beyond :func:`fallback_limit_km`; no land between them (see the
        module docstring).

    Examples
    --------
    >>> route = land_route("Siguiri", "Kourémalé")
    >>> route.distance_km, route.confidence
    (119.0, 'corridor')
    """
    mode_key = str(mode).strip().lower()
    if mode_key not in MODES:
        raise InputError(f"unknown mode {mode!r}; expected one of: {', '.join(MODES)}")
    start = _as_place(origin, "origin")
    end = _as_place(destination, "destination")
    stops = [_as_place(v, "via") for v in via]
    if _key(start) == _key(end) and not stops:
        raise RouteError(f"origin and destination are the same place ({start.label})")
    direct = _path_legs(start, end, mode_key)
    if all(_passes(direct, stop.name) for stop in stops):
        legs = direct
    else:
        legs = []
        points = [start, *stops, end]
        for a, b in zip(points, points[1:], strict=False):
            legs.extend(_path_legs(a, b, mode_key))
    confidence = "estimated" if any(leg.estimated for leg in legs) else "corridor"
    return LandRoute(start, end, mode_key, tuple(legs), confidence)
