"""Sea routes and distances over searoute's maritime network.

:func:`sea_route` finds the shortest sea route between two places (and
through ``via`` places in order), with straits and canals closed on
request (``avoid``). It searches searoute-py's own network (9,708 nodes,
the passages tagged on its edges) with ``scipy.sparse.csgraph``; it never
calls ``searoute.searoute`` and never touches searoute's cached graph, so a
restriction passed on one call cannot leak into the next.

What we do on top of searoute, and why (measured by
``benchmarks/sea_accuracy.py`` against published port-to-port distances):

- **Port legs are counted.** searoute's ``length`` runs between the network
  nodes nearest the two ports and leaves out the legs from each port to its
  node. We add them, measured on the WGS84 geodesic.
- **The access node is chosen, not just the nearest.** Each place may join
  the network at any of its nearest nodes (up to :data:`ACCESS_CANDIDATES`)
  lying within ``ACCESS_FACTOR`` times the nearest node's distance plus
  :data:`ACCESS_SLACK_NM`; the search picks the one that makes the whole
  route shortest. Joining at the plain nearest node makes routes double
  back when that node lies behind the port relative to the destination.
- **Distances are geodesic.** Edge and leg lengths come from
  ``pyproj.Geod(ellps="WGS84")``, not a spherical haversine.
- **Restrictions are exact.** A closed passage's edges are removed from the
  graph, so no route crosses it; when no route is left, :class:`RouteError`
  says so (searoute would warn and return an empty line, or, in older
  versions, a route through the closed passage — searoute-py issue #53).

Positions are ``(lat, lon)`` in our API; the line is a shapely
``LineString`` in ``(lon, lat)`` order, with longitudes kept continuous
across the antimeridian (they may run past ±180 so the line draws
correctly).
"""

from __future__ import annotations

import enum
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from voyages.errors import InputError, RouteError
from voyages.places import Place, resolve_place
from voyages.units import nm_to_km

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from shapely.geometry import LineString

__all__ = [
    "ACCESS_CANDIDATES",
    "ACCESS_FACTOR",
    "ACCESS_SLACK_NM",
    "MAX_ACCESS_NM",
    "SNAP_WARN_NM",
    "PORT_RADIUS_KM",
    "Passage",
    "SeaRoute",
    "parse_passages",
    "sea_matrix",
    "sea_route",
]

ACCESS_CANDIDATES = 8
"""How many of a place's nearest network nodes may serve as its access node."""

ACCESS_FACTOR = 1.5
ACCESS_SLACK_NM = 15.0
"""A candidate access node must lie within ``ACCESS_FACTOR`` × (distance to
the nearest node) + ``ACCESS_SLACK_NM``; farther ones would make the
straight port leg likely to cross land. Model parameters, tuned on
``benchmarks/port_distances.csv`` (not sourced figures)."""

PORT_RADIUS_KM = 10.0
"""Around a route's end places, straightening ignores land cells within this
radius: a port's charted position often falls in a land cell of the 4.6 km
mask (a quay, a river mouth). A model parameter, not a sourced figure."""

MAX_ACCESS_NM = 300.0
"""A place farther than this from every network node is not reachable by
sea (an inland town): :class:`RouteError`. 90 % of searoute's 3,955 ports
lie within 110 nm of a node; the ones beyond 300 nm are inland (Bamako,
Denver, Lanzhou)."""


SNAP_WARN_NM = 50.0
"""A place farther than this from the network node its route starts or ends
at gets a warning (:attr:`SeaRoute.warnings`; ``voyages route`` prints it on
stderr): the straight leg to the node may cross land, as from an inland
point (Paris, 95 nm from the node off Le Havre). A model parameter, not a
sourced figure: river ports in the gazetteer such as Sevilla (41 nm) and
Nanjing (42 nm) stay under it. Beyond :data:`MAX_ACCESS_NM` the route is
refused."""


class Passage(enum.StrEnum):
    """Straits and canals tagged on searoute's network.

    Parsed case-insensitively by :meth:`parse`, which also knows common
    spellings (``hormuz``, ``bab-el-mandeb``, ``bosphorus``, ``cape``).
    ``northwest`` (the Northwest Passage) is closed unless asked for, as in
    searoute.

    >>> Passage.parse("Suez")
    <Passage.SUEZ: 'suez'>
    >>> Passage.parse("Strait of Hormuz")
    <Passage.ORMUZ: 'ormuz'>
    """

    BABALMANDAB = "babalmandab"
    BERING = "bering"
    BOSPORUS = "bosporus"
    CHILI = "chili"
    DARDANELLES = "dardanelles"
    GIBRALTAR = "gibraltar"
    MALACCA = "malacca"
    NORTHWEST = "northwest"
    ORMUZ = "ormuz"
    PANAMA = "panama"
    SOUTH_AFRICA = "south_africa"
    SUEZ = "suez"
    SUNDA = "sunda"
    VOLGA_DON = "volga_don"  # inland: the Volga, the Volga–Don Canal and the Don

    @classmethod
    def parse(cls, text: str | Passage) -> Passage:
        """Parse a passage name case-insensitively.

        Raises
        ------
        InputError
            For an unknown name, listing the valid ones.
        """
        if isinstance(text, Passage):
            return text
        key = "".join(ch for ch in str(text).lower() if ch.isalnum())
        for prefix in ("straitof", "strait", "canal", "the"):
            if key.startswith(prefix) and key != prefix:
                key = key[len(prefix):]
        for suffix in ("canal", "strait", "straits", "passage"):
            if key.endswith(suffix) and key != suffix:
                key = key[: -len(suffix)]
        key = _PASSAGE_ALIASES.get(key, key)
        for member in cls:
            if member.value.replace("_", "") == key:
                return member
        valid = ", ".join(m.value for m in cls)
        raise InputError(f"unknown passage {text!r}; expected one of: {valid}")


_PASSAGE_ALIASES = {
    "hormuz": "ormuz",
    "babelmandeb": "babalmandab",
    "babalmandeb": "babalmandab",
    "bosphorus": "bosporus",
    "istanbul": "bosporus",
    "cape": "southafrica",
    "capeofgoodhope": "southafrica",
    "goodhope": "southafrica",
    "chile": "chili",
    "magellan": "chili",
    "northwestpassage": "northwest",
    "nw": "northwest",
    "volga": "volgadon",
    "don": "volgadon",
}

CLOSED_BY_DEFAULT = frozenset({Passage.NORTHWEST})
"""Passages closed unless ``allow`` names them (searoute's default too)."""

PASSAGE_NAMES = {
    Passage.BABALMANDAB: "Bab-el-Mandeb", Passage.BERING: "Bering Strait",
    Passage.BOSPORUS: "Bosporus", Passage.CHILI: "Strait of Magellan (Chile)",
    Passage.DARDANELLES: "Dardanelles", Passage.GIBRALTAR: "Strait of Gibraltar",
    Passage.MALACCA: "Strait of Malacca", Passage.NORTHWEST: "Northwest Passage",
    Passage.ORMUZ: "Strait of Hormuz", Passage.PANAMA: "Panama Canal",
    Passage.SOUTH_AFRICA: "Cape of Good Hope", Passage.SUEZ: "Suez Canal",
    Passage.SUNDA: "Sunda Strait", Passage.VOLGA_DON: "Volga–Don Canal (Volga and Don rivers)",
}
"""How an analyst names each passage (for tables and summaries)."""

INLAND_NOTES = {
    Passage.VOLGA_DON: (
        "the route passes the Volga–Don Canal and the Volga and Don rivers, an inland "
        "waterway: its locks take ships up to 141 m long, 16.8 m beam and 3.6 m draught "
        "(Wikipedia, \"Volga–Don Canal\"), i.e. river-sea ships, and it is closed in winter "
        "(navigation season 259 days in 2019: PortNews, 27 March 2020); --avoid volga_don "
        "for a sea-only route"),
}
"""A warning for each inland waterway searoute's network routes through
(:data:`voyages._seagraph.INLAND_WATERWAYS`), with its sourced limits."""


def parse_passages(value: str | Iterable[str | Passage] | None) -> tuple[Passage, ...]:
    """Parse ``"suez,panama"`` or a list of names into passages, in order, unique.

    >>> parse_passages("Suez, panama")
    (<Passage.SUEZ: 'suez'>, <Passage.PANAMA: 'panama'>)

    Raises
    ------
    InputError
        For an unknown name.
    """
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    out: list[Passage] = []
    for item in items:
        if isinstance(item, str) and not item.strip():
            continue
        passage = Passage.parse(item)
        if passage not in out:
            out.append(passage)
    return tuple(out)


@dataclass(frozen=True)
class SeaRoute:
    """A sea route between two places.

    Attributes
    ----------
    origin, destination : Place
    distance_nm : float
        Length along the route, port legs included (WGS84 geodesic
        segments), in nautical miles.
    passages : tuple of Passage
        Straits and canals crossed, in the order crossed.
    line : shapely.geometry.LineString
        The route in ``(lon, lat)`` order, from origin to destination;
        longitudes continuous across the antimeridian.
    waypoints : tuple of Place
        The ``via`` places, in order.
    avoided : tuple of Passage
        The passages that were closed for this route.
    access_nm : tuple of float
        Length of each leg between a place (origin, via places,
        destination) and the network node it joins, in order; these legs
        are straight lines and are part of ``distance_nm``.
    """

    origin: Place
    destination: Place
    distance_nm: float
    passages: tuple[Passage, ...]
    line: LineString
    waypoints: tuple[Place, ...] = ()
    avoided: tuple[Passage, ...] = ()
    access_nm: tuple[float, ...] = ()

    @property
    def distance_km(self) -> float:
        """``distance_nm`` in kilometres."""
        return nm_to_km(self.distance_nm)

    @property
    def snap_distance_nm(self) -> tuple[float, float]:
        """Straight legs (nm) from the origin and from the destination to the
        network nodes the route joins (the first and last of ``access_nm``)."""
        if not self.access_nm:
            return (0.0, 0.0)
        return (self.access_nm[0], self.access_nm[-1])

    @property
    def inland_notes(self) -> tuple[str, ...]:
        """One line per inland waterway the route passes (:data:`INLAND_NOTES`)."""
        return tuple(INLAND_NOTES[p] for p in self.passages if p in INLAND_NOTES)

    @property
    def warnings(self) -> tuple[str, ...]:
        """One line per place (origin, via places, destination) lying more than
        :data:`SNAP_WARN_NM` from the network node the route joins, and one per
        inland waterway passed (:attr:`inland_notes`)."""
        places = [self.origin, *self.waypoints, self.destination]
        return tuple(
            f"{place.label} is {leg:,.0f} nm from the sea lane the route joins "
            f"(warning above {SNAP_WARN_NM:.0f} nm): that leg is a straight line and may "
            f"cross land; give the port it sails from"
            for place, leg in zip(places, self.access_nm, strict=False)
            if leg > SNAP_WARN_NM) + self.inland_notes

    def to_dict(self) -> dict[str, Any]:
        """The route as a JSON-ready dict (the ``voyages route --format json`` document)."""
        return {
            "from": _place_dict(self.origin),
            "to": _place_dict(self.destination),
            "via": [_place_dict(p) for p in self.waypoints],
            "distance_nm": round(self.distance_nm, 1),
            "distance_km": round(self.distance_km, 1),
            "snap_distance_nm": {"from": round(self.snap_distance_nm[0], 1),
                                 "to": round(self.snap_distance_nm[1], 1)},
            "warnings": list(self.warnings),
            "passages": [p.value for p in self.passages],
            "avoided": [p.value for p in self.avoided],
            "avoided_by_default": [p.value for p in self.avoided if p in CLOSED_BY_DEFAULT],
            "avoided_on_request": [p.value for p in self.avoided if p not in CLOSED_BY_DEFAULT],
        }

    def to_geojson(self) -> dict[str, Any]:
        """The route as a GeoJSON Feature, properties from :meth:`to_dict`.

        ``line`` keeps longitudes continuous across the antimeridian (they may
        run past ±180° there, which keeps lengths and plots simple); the
        GeoJSON follows RFC 7946 §3.1.9 instead: longitudes in [-180, 180] and
        a route that crosses the antimeridian split there into a
        MultiLineString.
        """
        parts = _split_at_antimeridian([tuple(c) for c in self.line.coords])
        if len(parts) == 1:
            geometry: dict[str, Any] = {"type": "LineString", "coordinates": parts[0]}
        else:
            geometry = {"type": "MultiLineString", "coordinates": parts}
        return {"type": "Feature", "geometry": geometry, "properties": self.to_dict()}


def _wrap_lon(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0 if not -180.0 <= lon <= 180.0 else lon


def _split_at_antimeridian(coords: list[tuple[float, ...]]) -> list[list[list[float]]]:
    """(lon, lat) points, longitudes possibly unwrapped → RFC 7946 parts.

    Each part has longitudes in [-180, 180]; where the route crosses the
    antimeridian, both parts end at ±180° at the latitude interpolated
    linearly in (lon, lat) between the two points either side.

    >>> _split_at_antimeridian([(170.0, 0.0), (190.0, 10.0)])
    [[[170.0, 0.0], [180.0, 5.0]], [[-180.0, 5.0], [-170.0, 10.0]]]
    """
    parts: list[list[list[float]]] = [[]]
    previous: tuple[float, float] | None = None
    for x, y in ((c[0], c[1]) for c in coords):
        if previous is not None:
            px, py = previous
            lo, hi = min(px, x), max(px, x)
            # every multiple of 360 + 180 strictly between two points is a crossing
            k = math.floor((lo - 180.0) / 360.0) + 1
            while 360.0 * k + 180.0 < hi:
                edge = 360.0 * k + 180.0
                lat = py + (y - py) * (edge - px) / (x - px)
                east = x > px
                parts[-1].append([180.0 if east else -180.0, lat])
                parts.append([[-180.0 if east else 180.0, lat]])
                k += 1
        parts[-1].append([_wrap_lon(x), y])
        previous = (x, y)
    return [p for p in parts if len(p) >= 2] or parts


def _place_dict(place: Place) -> dict[str, Any]:
    return {"name": place.name, "locode": place.locode,
            "lat": round(place.lat, 6), "lon": round(place.lon, 6)}


def _as_place(value: Place | str, role: str) -> Place:
    if isinstance(value, Place):
        return value
    if isinstance(value, str):
        return resolve_place(value)
    raise InputError(
        f"{role}: expected a Place or a place query string, got {type(value).__name__}"
    )


def _closed(avoid, allow) -> frozenset[str]:
    opened = set(parse_passages(allow))
    never_shut = sorted(p.value for p in opened - CLOSED_BY_DEFAULT)
    if never_shut:
        only = ", ".join(sorted(p.value for p in CLOSED_BY_DEFAULT))
        verb = "is" if len(never_shut) == 1 else "are"
        raise InputError(f"{', '.join(never_shut)} {verb} not excluded by default; only {only} "
                         f"is (allow opens a default exclusion; every other passage is open "
                         f"unless avoided)")
    closed = set(CLOSED_BY_DEFAULT) | set(parse_passages(avoid))
    closed -= opened
    return frozenset(p.value for p in closed)


@dataclass(frozen=True)
class _Access:
    nodes: np.ndarray
    legs_nm: np.ndarray


def _access(graph, place: Place, *, nearest_only: bool = False,
            closed: frozenset[str] = frozenset()) -> _Access:
    import numpy as np

    from voyages._gates import blocked_edges

    nodes, legs = graph.nearest(place.lon, place.lat, k=1 if nearest_only else ACCESS_CANDIDATES)
    if legs[0] > MAX_ACCESS_NM:
        raise RouteError(
            f"{place.label} is {legs[0]:.0f} nm from the nearest sea lane "
            f"(limit {MAX_ACCESS_NM:.0f} nm): not reachable by sea; give a port"
        )
    keep = legs <= legs[0] * ACCESS_FACTOR + ACCESS_SLACK_NM
    # A place never joins the network across a closed passage's gate.
    keep &= ~blocked_edges(np.full(len(nodes), place.lon), np.full(len(nodes), place.lat),
                           graph.lon[nodes], graph.lat[nodes], closed)
    if not keep.any():
        shut = ", ".join(sorted(closed))
        raise RouteError(f"{place.label} reaches the sea lanes only through a closed "
                         f"passage ({shut})")
    return _Access(nodes[keep], legs[keep])


def _augmented(graph, closed: frozenset[str], origin: _Access, destination: _Access | None):
    """The network plus a virtual origin node (index n) joined to its access
    nodes and, optionally, a virtual destination node (n + 1)."""
    import numpy as np
    from scipy.sparse import coo_matrix, csr_matrix

    base = graph.csr(closed)
    n = graph.n
    size = n + 2
    coo = base.tocoo()
    rows = [coo.row, np.full(len(origin.nodes), n)]
    cols = [coo.col, origin.nodes]
    data = [coo.data, np.maximum(origin.legs_nm, 1e-9)]
    if destination is not None:
        rows.append(destination.nodes)
        cols.append(np.full(len(destination.nodes), n + 1))
        data.append(np.maximum(destination.legs_nm, 1e-9))
    matrix = coo_matrix((np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))),
                        shape=(size, size))
    return csr_matrix(matrix)


@functools.lru_cache(maxsize=4096)
def _segment_cached(a: Place, b: Place, closed: frozenset[str]):
    """:func:`_segment` on the shared graph, memoised (places are frozen) and
    remembered across runs in the user's cache (:mod:`voyages._routecache`)."""
    from voyages import _routecache

    found = _routecache.load_segment(a, b, closed)
    if found is not None:
        return found
    from voyages._seagraph import sea_graph

    coords, passages, legs = _segment(sea_graph(), a, b, closed)
    result = tuple(coords), tuple(passages), legs
    _routecache.store_segment(a, b, closed, result)
    return result


def _segment(graph, a: Place, b: Place, closed: frozenset[str]):
    """Shortest route a → b: (coords [(lon, lat)], passages, (leg_a, leg_b))."""
    import numpy as np
    from scipy.sparse.csgraph import dijkstra

    if (a.lat, a.lon) == (b.lat, b.lon):
        return [(a.lon, a.lat), (b.lon, b.lat)], [], (0.0, 0.0)
    acc_a, acc_b = _access(graph, a, closed=closed), _access(graph, b, closed=closed)
    matrix = _augmented(graph, closed, acc_a, acc_b)
    n = graph.n
    dist, pred = dijkstra(matrix, directed=True, indices=n, return_predecessors=True)
    if not np.isfinite(dist[n + 1]):
        shut = ", ".join(sorted(closed)) or "none"
        raise RouteError(f"no sea route from {a.label} to {b.label} with these passages "
                         f"closed: {shut}")
    path = []
    node = pred[n + 1]
    while node != n:
        path.append(int(node))
        node = pred[node]
    path.reverse()
    leg_a = float(acc_a.legs_nm[list(acc_a.nodes).index(path[0])])
    leg_b = float(acc_b.legs_nm[list(acc_b.nodes).index(path[-1])])
    passages = []
    for u, v in zip(path[:-1], path[1:], strict=True):
        tag = graph.edge_passage.get((u, v))
        if tag is not None:
            passages.append(tag)
    coords = [(a.lon, a.lat)] + [(graph.lon[i], graph.lat[i]) for i in path] + [(b.lon, b.lat)]
    # Straighten in one canonical direction so that a → b and b → a agree.
    if (a.lon, a.lat) > (b.lon, b.lat):
        coords = _tighten(_straighten(coords[::-1], closed), closed)[::-1]
    else:
        coords = _tighten(_straighten(coords, closed), closed)
    return coords, passages, (leg_a, leg_b)


def _straighten(coords: list[tuple[float, float]],
                closed: frozenset[str] = frozenset()) -> list[tuple[float, float]]:
    """Pull the route taut where the straight (geodesic) line stays at sea.

    Greedy line of sight over the land/sea mask (:mod:`voyages._landmask`):
    from each kept point, skip ahead to the farthest following point that
    can be reached without crossing a land cell. Samples within
    :data:`PORT_RADIUS_KM` of the two end places are not tested. The
    original edges are always allowed (canals and narrow straits lie in
    land cells at the mask's 4.6 km resolution), so the result is never
    longer than the network route. A shortcut through the gate of a passage
    in ``closed`` (:mod:`voyages._gates`) is refused.
    """
    from voyages import _landmask
    from voyages._gates import crosses_gate

    if len(coords) <= 2 or not _landmask.available():
        return list(coords)
    last = len(coords) - 1
    out = [coords[0]]
    i = 0
    while i < last:
        j = i + 1
        k = j + 1
        while k <= last and _landmask.segment_at_sea(
            coords[i][0], coords[i][1], coords[k][0], coords[k][1],
            skip_start_km=PORT_RADIUS_KM if i == 0 else 0.0,
            skip_end_km=PORT_RADIUS_KM if k == last else 0.0,
        ) and not crosses_gate(coords[i], coords[k], closed):
            j = k
            k += 1
        out.append(coords[j])
        i = j
    return out


TIGHTEN_MAX_NM = 600.0
"""Only corners between legs shorter than this are moved by :func:`_tighten`
(coastal geometry; ocean legs are already straight). A model parameter."""


def _tighten(coords: list[tuple[float, float]], closed: frozenset[str] = frozenset(), *,
             passes: int = 2, steps: int = 6) -> list[tuple[float, float]]:
    """Move each corner of a coastal route towards the line joining its
    neighbours, as far as both new legs stay at sea.

    searoute's network puts coastal nodes far offshore (Luanda → Lobito
    turns at 12° E, 1.3° out to sea). For every interior point whose two
    legs are shorter than :data:`TIGHTEN_MAX_NM`, a bisection over
    ``steps`` halvings finds how far it can slide towards the midpoint of
    its neighbours without either leg crossing a land cell. Corners whose
    legs already cross land (canals, straits at the mask's resolution)
    stay put; no corner moves so that a leg passes through the gate of a
    passage in ``closed``. Never lengthens the route.
    """
    import numpy as np

    from voyages import _landmask
    from voyages._gates import crosses_gate
    from voyages._seagraph import geodesic_nm

    if len(coords) <= 2 or not _landmask.available():
        return list(coords)
    pts = cast("list[tuple[float, float]]", [tuple(c) for c in coords])
    last = len(pts) - 1

    def clear(a: int, p, b: int, q) -> bool:
        return _landmask.segment_at_sea(
            p[0], p[1], q[0], q[1],
            skip_start_km=PORT_RADIUS_KM if a == 0 else 0.0,
            skip_end_km=PORT_RADIUS_KM if b == last else 0.0) and not crosses_gate(p, q, closed)

    for _ in range(passes):
        for i in range(1, last):
            u, v, w = pts[i - 1], pts[i], pts[i + 1]
            legs = geodesic_nm([u[0], v[0]], [u[1], v[1]], [v[0], w[0]], [v[1], w[1]])
            if float(np.max(legs)) > TIGHTEN_MAX_NM:
                continue
            if not (clear(i - 1, u, i, v) and clear(i, v, i + 1, w)):
                continue
            # Midpoint of the neighbours, longitudes unwrapped around v.
            ux = u[0] + 360.0 * round((v[0] - u[0]) / 360.0)
            wx = w[0] + 360.0 * round((v[0] - w[0]) / 360.0)
            mid = ((ux + wx) / 2.0, (u[1] + w[1]) / 2.0)
            low, high = 0.0, 1.0
            for _step in range(steps):
                t = (low + high) / 2.0 if _step else 1.0
                cand = (v[0] + t * (mid[0] - v[0]), v[1] + t * (mid[1] - v[1]))
                if clear(i - 1, u, i, cand) and clear(i, cand, i + 1, w):
                    low = t
                    if t == 1.0:
                        break
                else:
                    high = t
            if low > 0:
                pts[i] = (v[0] + low * (mid[0] - v[0]), v[1] + low * (mid[1] - v[1]))
    return pts


def _known_passages(tags: Iterable[str]) -> tuple[Passage, ...]:
    values = {p.value for p in Passage}
    out: list[Passage] = []
    for tag in tags:
        if tag in values and (not out or out[-1] != tag):
            if Passage(tag) not in out:
                out.append(Passage(tag))
    return tuple(out)


def _line(coords: Sequence[tuple[float, float]]):
    import numpy as np
    from shapely.geometry import LineString

    lon = np.unwrap(np.array([c[0] for c in coords], dtype=float), period=360.0)
    lat = np.array([c[1] for c in coords], dtype=float)
    keep = np.ones(len(lon), dtype=bool)
    keep[1:] = (np.diff(lon) != 0) | (np.diff(lat) != 0)
    if keep.sum() < 2:
        keep[:] = True
    return LineString(np.column_stack([lon[keep], lat[keep]]))


def _length_nm(coords: Sequence[tuple[float, float]]) -> float:
    import numpy as np

    from voyages._seagraph import geodesic_nm

    arr = np.asarray(coords, dtype=float)
    return float(np.sum(geodesic_nm(arr[:-1, 0], arr[:-1, 1], arr[1:, 0], arr[1:, 1])))


def sea_route(
    a: Place | str,
    b: Place | str,
    *,
    via: Sequence[Place | str] = (),
    avoid: str | Iterable[str | Passage] = (),
    allow: str | Iterable[str | Passage] = (),
) -> SeaRoute:
    """The shortest sea route from ``a`` to ``b``, through ``via`` in order.

    Parameters
    ----------
    a, b : Place or str
        Places, or queries for :func:`voyages.places.resolve_place`
        (UN/LOCODE, name or alias in any script, ``"lat, lon"``).
    via : sequence of Place or str
        Places to call at, in order.
    avoid : str or iterable of str or Passage
        Passages to close (``"suez,panama"`` or ``["suez"]``).
    allow : str or iterable of str or Passage
        Passages closed by default to open (only ``"northwest"``); naming
        another passage is an :class:`InputError` (it is open already).

    Returns
    -------
    SeaRoute
        Distance in nm (and km), passages crossed, the line.

    Raises
    ------
    UnknownPlaceError
        A query matches no place.
    InputError
        An unknown passage name, or ``allow`` naming a passage that is
        not closed by default.
    RouteError
        No route with these passages closed, or a place more than
        :data:`MAX_ACCESS_NM` from the sea lanes.

    Examples
    --------
    >>> route = sea_route("RUMMK", "GNCKY")
    >>> 4000 < route.distance_nm < 5000
    True
    >>> [p.value for p in route.passages]
    []
    >>> sea_route("SGSIN", "NLRTM").passages[:1]
    (<Passage.MALACCA: 'malacca'>,)
    """
    origin = _as_place(a, "from")
    destination = _as_place(b, "to")
    stops = [_as_place(p, f"via[{i}]") for i, p in enumerate(via)]
    closed = _closed(avoid, allow)
    coords: list[tuple[float, float]] = []
    tags: list[str] = []
    access: list[float] = []
    points = [origin, *stops, destination]
    for i, (p, q) in enumerate(zip(points[:-1], points[1:], strict=True)):
        seg_coords, seg_tags, legs = _segment_cached(p, q, closed)
        coords.extend(seg_coords if i == 0 else seg_coords[1:])
        tags.extend(seg_tags)
        access.extend(legs if i == 0 else legs[1:])
    crossed = _known_passages(tags)
    leaked = [p for p in crossed if p.value in closed]
    if leaked:  # cannot happen with edges removed; guards searoute-py issue #53's failure mode
        raise RouteError(f"route crosses closed passage(s): {', '.join(p.value for p in leaked)}")
    return SeaRoute(
        origin=origin,
        destination=destination,
        distance_nm=_length_nm(coords),
        passages=crossed,
        line=_line(coords),
        waypoints=tuple(stops),
        avoided=tuple(Passage(p) for p in sorted(closed)),
        access_nm=tuple(access),
    )


def sea_matrix(
    places: Sequence[Place | str],
    *,
    avoid: str | Iterable[str | Passage] = (),
    allow: str | Iterable[str | Passage] = (),
    snap: str = "best",
    straighten: bool = False,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Sea distances between every pair of places, in nm.

    One shortest-path search per origin over searoute's network
    (``scipy.sparse.csgraph.dijkstra``, graph built once and cached), so
    ``n`` places cost ``n`` searches, not ``n²``.

    **Network distances, not** :func:`sea_route`'s **by default.** The fast
    matrix skips :func:`sea_route`'s straightening and coastal tightening,
    so each distance is at least :func:`sea_route`'s: over 100 sampled
    pairs of 150 ports, 2.6 % more at the median, 5.7 % at the 90th
    percentile, 22 % at most (``benchmarks/sea_matrix.py``); Murmansk →
    Conakry is 4,618 nm against 4,438 nm. The frame says which
    in ``frame.attrs["distance"]``: ``"network"`` (default), ``"sea_route"``
    (``straighten=True``) or ``"searoute"`` (``snap="nearest"``).

    Parameters
    ----------
    places : sequence of Place or str
        Places or queries; labels (``Place.label``) must be unique.
    avoid, allow : as in :func:`sea_route`.
    snap : {"best", "nearest"}
        ``"best"`` (default): :func:`sea_route`'s search (port legs
        counted, access node chosen) without its straightening pass, so
        each distance is at least :func:`sea_route`'s and typically a few
        per cent longer on coastal legs. ``"nearest"`` reproduces plain
        ``searoute.searoute``: nearest node, network length only, port
        legs left out — for comparison.
    straighten : bool
        True: every pair is routed as :func:`sea_route` routes it
        (straightened and tightened), so each cell equals
        ``sea_route(a, b).distance_nm``. One search and one straightening
        per unordered pair (A → B and B → A agree): about 0.1 s a pair, so
        minutes for 100 places rather than seconds. Only with
        ``snap="best"``.
    progress : bool or None
        Show a progress bar on stderr; None shows it when stderr is a
        terminal and there are more than 50 places.

    Returns
    -------
    pandas.DataFrame
        Square frame of float64 distances in nm, index and columns the
        places' labels (origin in rows); ``inf`` where no route exists.
        ``attrs["distance"]`` names the kind of distance (see above).

    Raises
    ------
    UnknownPlaceError, InputError, RouteError
        As :func:`sea_route` (a place too far from the sea lanes).

    Examples
    --------
    >>> m = sea_matrix(["NLRTM", "GBFXT", "DEHAM"])
    >>> there = m.loc["Rotterdam (NLRTM)", "Hamburg (DEHAM)"]
    >>> back = m.loc["Hamburg (DEHAM)", "Rotterdam (NLRTM)"]
    >>> bool(abs(there - back) < 1e-6), bool(250 < there < 400)
    (True, True)
    """
    import sys

    import numpy as np
    import pandas as pd
    from scipy.sparse.csgraph import dijkstra
    from tqdm import tqdm

    from voyages._seagraph import sea_graph

    if snap not in ("best", "nearest"):
        raise InputError(f"snap: expected 'best' or 'nearest', got {snap!r}")
    if straighten and snap != "best":
        raise InputError("straighten=True needs snap='best' (sea_route's snapping)")
    resolved = [_as_place(p, f"places[{i}]") for i, p in enumerate(places)]
    labels = [p.label for p in resolved]
    if len(set(labels)) != len(labels):
        dupes = sorted({x for x in labels if labels.count(x) > 1})
        raise InputError(f"places: duplicate place(s) {', '.join(dupes)}")
    closed = _closed(avoid, allow)
    graph = sea_graph()
    if snap == "nearest":
        nodes = np.array([_planar_nearest(graph, p) for p in resolved])
        base = graph.csr(closed)
        unique, inverse = np.unique(nodes, return_inverse=True)
        dist = dijkstra(base, directed=True, indices=unique)
        out = dist[inverse][:, nodes]
        frame = pd.DataFrame(out, index=labels, columns=labels)
        frame.attrs["distance"] = "searoute"
        return frame
    accesses = [_access(graph, p, closed=closed) for p in resolved]  # refuses inland places
    if straighten:
        return _straight_matrix(resolved, labels, closed, progress)
    n = graph.n
    size = len(resolved)
    out = np.full((size, size), np.inf)
    show = progress if progress is not None else (sys.stderr.isatty() and size > 50)
    for i in tqdm(range(size), disable=not show, file=sys.stderr, desc="sea routes", unit="origin"):
        matrix = _augmented(graph, closed, accesses[i], None)
        dist = dijkstra(matrix, directed=True, indices=n)
        for j, acc in enumerate(accesses):
            if i == j or (resolved[i].lat, resolved[i].lon) == (resolved[j].lat, resolved[j].lon):
                out[i, j] = 0.0
            else:
                out[i, j] = float(np.min(dist[acc.nodes] + acc.legs_nm))
    frame = pd.DataFrame(out, index=labels, columns=labels)
    frame.attrs["distance"] = "network"
    return frame


def _straight_matrix(places: list[Place], labels: list[str], closed: frozenset[str],
                     progress: bool | None) -> pd.DataFrame:
    """:func:`sea_matrix` with ``straighten=True``: :func:`sea_route`'s distance per pair."""
    import sys

    import numpy as np
    import pandas as pd
    from tqdm import tqdm

    size = len(places)
    out = np.zeros((size, size))
    pairs = [(i, j) for i in range(size) for j in range(i + 1, size)]
    show = progress if progress is not None else (sys.stderr.isatty() and len(pairs) > 200)
    for i, j in tqdm(pairs, disable=not show, file=sys.stderr, desc="sea routes", unit="pair"):
        a, b = places[i], places[j]
        if (a.lat, a.lon) == (b.lat, b.lon):
            continue
        try:
            coords, _tags, _legs = _segment_cached(a, b, closed)
        except RouteError:
            out[i, j] = out[j, i] = np.inf
            continue
        out[i, j] = out[j, i] = _length_nm(coords)
    frame = pd.DataFrame(out, index=labels, columns=labels)
    frame.attrs["distance"] = "sea_route"
    return frame


def _planar_nearest(graph, place: Place) -> int:
    """searoute's snapping: nearest node in plain (lon, lat) degrees."""
    import numpy as np

    d2 = (graph.lon - place.lon) ** 2 + (graph.lat - place.lat) ** 2
    return int(np.argmin(d2))
