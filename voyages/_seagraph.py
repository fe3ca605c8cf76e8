"""searoute's maritime network as a scipy sparse graph (private).

searoute-py 1.6.0 ships its network (``searoute/data/marnet_dict.py``:
9,708 nodes keyed ``(lon, lat)``, undirected edges with a ``passage`` tag
on straits and canals). We read those dicts once and never modify them or
searoute's cached ``Marnet`` (whose ``restrictions`` attribute
``searoute.searoute`` overwrites on every call). Edge weights are WGS84
geodesic lengths in nautical miles (``pyproj.Geod``), not searoute's
rounded haversine kilometres.

A graph without some passages is built once per set of closed passages
and cached; searches run with ``scipy.sparse.csgraph.dijkstra``.

The arrays derived from ``marnet_dict`` (nodes, edges, tags, geodesic
lengths) are kept in the user's cache folder (:mod:`voyages._cache`, keyed
by a digest of searoute's ``marnet_dict.py``), so later processes read a
small ``.npz`` file instead of importing searoute and networkx (about
0.5 s of CPU each run).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from voyages.units import NM_M

__all__ = ["SeaGraph", "sea_graph"]

def _unit_vectors(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


@functools.cache
def geod():
    """The WGS84 ellipsoid (``pyproj.Geod``), built once."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


def geodesic_nm(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Geodesic distances in nm between arrays of points (WGS84)."""
    arrays = [np.atleast_1d(np.asarray(x, dtype=float)) for x in (lon1, lat1, lon2, lat2)]
    if arrays[0].size == 1:  # pyproj treats 1-element arrays as scalars (NumPy deprecation)
        _, _, metres = geod().inv(*(float(a[0]) for a in arrays))
        return np.array([metres]) / NM_M
    _, _, metres = geod().inv(*arrays)
    return np.asarray(metres) / NM_M


@dataclass(frozen=True, eq=False)
class SeaGraph:
    """searoute's network as arrays.

    Attributes
    ----------
    lon, lat : ndarray of float, shape (n,)
        Node coordinates (searoute's; longitudes may exceed 180 east of
        the antimeridian).
    u, v : ndarray of int, shape (m,)
        Edge ends, each undirected edge once.
    length_nm : ndarray of float, shape (m,)
        Geodesic edge lengths.
    passage : ndarray of object, shape (m,)
        searoute's passage tag per edge (``"suez"``, ...), an inland
        waterway's (:data:`INLAND_WATERWAYS`, ``"volga_don"``), or None.
    """

    lon: np.ndarray
    lat: np.ndarray
    u: np.ndarray
    v: np.ndarray
    length_nm: np.ndarray
    passage: np.ndarray

    @property
    def n(self) -> int:
        return len(self.lon)

    @functools.cached_property
    def _xyz(self) -> np.ndarray:
        return _unit_vectors(self.lon, self.lat)

    def nearest(self, lon: float, lat: float, k: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` nearest nodes to a point: (node indices, geodesic nm), nearest first.

        Candidates are ranked by chord length between unit vectors (a
        brute-force scan of the nodes: cheaper than importing
        ``scipy.spatial`` for a handful of queries), then by geodesic.
        """
        k = min(k, self.n)
        chord2 = np.sum((self._xyz - _unit_vectors(np.array([lon]), np.array([lat]))[0]) ** 2,
                        axis=1)
        idx = np.argsort(chord2, kind="stable")[:k]
        dist = geodesic_nm(np.full(len(idx), lon), np.full(len(idx), lat),
                           self.lon[idx], self.lat[idx])
        order = np.argsort(dist, kind="stable")
        return idx[order], dist[order]

    @functools.lru_cache(maxsize=16)  # noqa: B019 - one graph per process, cache is bounded
    def csr(self, closed: frozenset[str]):
        """The network without the edges whose passage is in ``closed``, nor
        the edges through those passages' gates (:mod:`voyages._gates`).

        Returns a symmetric ``scipy.sparse.csr_matrix`` of shape (n, n) with
        edge lengths in nm. Zero-length edges (searoute's antimeridian
        joins) are kept by storing a tiny positive length.
        """
        from scipy.sparse import csr_matrix

        from voyages._gates import blocked_edges

        keep = np.array([p not in closed for p in self.passage], dtype=bool)
        # Untagged edges through a closed passage's gate too (searoute's tags
        # leave a way round the Cape: voyages/_gates.py).
        keep &= ~blocked_edges(self.lon[self.u], self.lat[self.u],
                               self.lon[self.v], self.lat[self.v], closed)
        u, v, w = self.u[keep], self.v[keep], self.length_nm[keep]
        w = np.maximum(w, 1e-9)
        rows = np.concatenate([u, v])
        cols = np.concatenate([v, u])
        data = np.concatenate([w, w])
        return csr_matrix((data, (rows, cols)), shape=(self.n, self.n))

    @functools.cached_property
    def edge_passage(self) -> dict[tuple[int, int], str]:
        """Passage tag by (node, node) in both directions, tagged edges only."""
        out: dict[tuple[int, int], str] = {}
        for a, b, p in zip(self.u, self.v, self.passage, strict=True):
            if p:
                out[(int(a), int(b))] = p
                out[(int(b), int(a))] = p
        return out


_CACHE_FORMAT = "2"  # 2: inland waterways tagged (INLAND_WATERWAYS)
"""Bump when the cached arrays change meaning (a new array, a new length rule)."""


def _marnet_file():
    """searoute's ``data/marnet_dict.py``, found without importing searoute."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("searoute")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "marnet_dict.py"
    return path if path.is_file() else None


def _build_arrays() -> dict[str, np.ndarray]:
    from searoute.data.marnet_dict import edge_list, node_list

    keys = list(node_list)
    index = {key: i for i, key in enumerate(keys)}
    lon = np.array([k[0] for k in keys], dtype=float)
    lat = np.array([k[1] for k in keys], dtype=float)
    us, vs, tags = [], [], []
    for a, neighbours in edge_list.items():
        ia = index[a]
        for b, data in neighbours.items():
            ib = index[b]
            if ia < ib:
                us.append(ia)
                vs.append(ib)
                tags.append(data.get("passage") or "")
    u = np.array(us, dtype=np.int64)
    v = np.array(vs, dtype=np.int64)
    length = geodesic_nm(lon[u], lat[u], lon[v], lat[v])
    passage = _tag_inland(lon, lat, u, v, np.array([t or None for t in tags], dtype=object))
    return {"lon": lon, "lat": lat, "u": u, "v": v, "length_nm": length,
            "passage": np.array([t or "" for t in passage], dtype=str)}


INLAND_WATERWAYS = {"volga_don": (39.5, 46.6, 48.2, 49.0)}
"""Inland waterways in searoute's network, tagged here as passages.

searoute tags no river or inland canal, but its network joins the Caspian
Sea to the Sea of Azov up the Volga from above its delta, through the
Volga–Don Canal (Volgograd to Kalach-na-Donu) and down the Don to Rostov.
Every untagged edge with both ends inside the box ``(lon_min, lat_min,
lon_max, lat_max)`` (degrees) is tagged with the waterway's name: in
searoute 1.6.0 that is the 37-edge chain from the Volga at 47.89° E,
46.65° N to the Don at Rostov, 39.70° E, 47.20° N, and nothing else (the
Caspian and Azov coasts lie outside it; Astrakhan's approach, south of
46.6° N, stays untagged, Astrakhan being a Caspian seaport)."""


def _tag_inland(lon: np.ndarray, lat: np.ndarray, u: np.ndarray, v: np.ndarray,
                passage: np.ndarray) -> np.ndarray:
    out = passage.copy()
    for name, (lon0, lat0, lon1, lat1) in INLAND_WATERWAYS.items():
        inside = (lon >= lon0) & (lon <= lon1) & (lat >= lat0) & (lat <= lat1)
        both = inside[u] & inside[v] & np.array([p is None for p in out], dtype=bool)
        out[both] = name
    return out


@functools.cache
def sea_graph() -> SeaGraph:
    """searoute's network, loaded once per process.

    Read from the user's cache when it holds arrays built from the same
    ``marnet_dict.py`` (a few ms), else built from searoute (about 0.6 s
    of CPU) and cached.
    """
    import hashlib

    from voyages._cache import cached_arrays

    source = _marnet_file()
    if source is None:
        arrays = _build_arrays()
    else:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
        arrays = cached_arrays("seagraph.npz", f"{_CACHE_FORMAT}:{digest}", _build_arrays)
    passage = np.array([t or None for t in arrays["passage"].tolist()], dtype=object)
    return SeaGraph(lon=arrays["lon"], lat=arrays["lat"], u=arrays["u"], v=arrays["v"],
                    length_nm=arrays["length_nm"], passage=passage)
