"""Passage gates: where a closed strait or canal blocks the sea (private).

searoute tags a passage on a handful of its network's edges (the
``passage`` attribute, values from ``searoute/classes/passages.py``), but
the tagged edges do not always cut the network: round the Cape of Good
Hope the untagged edges (18° E, 35° S) → (20° E, 40° S) → (22° E, 35° S)
bypass the tagged ones, so removing the tags alone leaves a route round
Africa open.

A passage's **gate** is the convex hull of its tagged edges (longitudes
unwrapped around the first node, so Bering's ±180° nodes stay together):
a polygon, or a line for a single edge. Tagged nodes more than
:data:`GATE_LINK_DEG` apart form separate hulls (the Northwest Passage is
tagged at its Chukchi Sea and Baffin Bay ends; one hull would cover
Arctic Canada).

The Northwest Passage (:data:`TAGS_ONLY`, closed by default) keeps
searoute's own closure, its tagged edges only: the hull over its Chukchi
Sea end would also shut Red Dog (Alaska), Tuktoyaktuk and Cambridge Bay,
which ships reach by the Bering Strait without making the passage. Closing a passage blocks every
segment that passes through the gate, i.e. intersects it other than along
its boundary (``intersects and not touches``): network edges, the
straightened route's shortcuts and the legs joining a place to the
network. Edges that only meet the gate at a corner (open water beside a
canal mouth) stay open.
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = ["GATE_LINK_DEG", "TAGS_ONLY", "blocked_edges", "crosses_gate", "gate"]

TAGS_ONLY = frozenset({"northwest"})
"""Passages closed by their tagged edges alone, without a gate."""

GATE_LINK_DEG = 10.0
"""Tagged nodes within this many degrees (single linkage, lon/lat plane)
belong to one gate. A model parameter: the Cape's tagged edges lie 5° apart,
the Northwest Passage's two ends about 70°."""


@functools.cache
def gate(passage: str):
    """The gate of a passage (shapely Polygon or LineString, lon/lat degrees)."""
    from shapely.geometry import MultiPoint

    from voyages._seagraph import sea_graph

    graph = sea_graph()
    tagged = np.flatnonzero(graph.passage == passage)
    if not len(tagged):
        raise KeyError(passage)
    nodes = np.unique(np.concatenate([graph.u[tagged], graph.v[tagged]]))
    lon = graph.lon[nodes]
    lon = lon + 360.0 * np.round((lon[0] - lon) / 360.0)
    points = np.column_stack([lon, graph.lat[nodes]])
    if len(points) < 3:
        return MultiPoint(points).convex_hull
    from scipy.cluster.hierarchy import fcluster, linkage
    from shapely.geometry import GeometryCollection

    groups = fcluster(linkage(points, "single"), t=GATE_LINK_DEG, criterion="distance")
    hulls = [MultiPoint(points[groups == g]).convex_hull for g in np.unique(groups)]
    return hulls[0] if len(hulls) == 1 else GeometryCollection(hulls)


def _shifted(lon1, lat1, lon2, lat2, centre: float):
    """Segments as shapely lines, shifted by whole turns towards ``centre``."""
    import shapely

    lon1, lat1, lon2, lat2 = (np.atleast_1d(np.asarray(x, dtype=float))
                              for x in (lon1, lat1, lon2, lat2))
    lon2 = lon2 + 360.0 * np.round((lon1 - lon2) / 360.0)
    shift = 360.0 * np.round((centre - (lon1 + lon2) / 2.0) / 360.0)
    coords = np.stack([np.column_stack([lon1 + shift, lat1]),
                       np.column_stack([lon2 + shift, lat2])], axis=1)
    return shapely.linestrings(coords)


def _through(lines, passages) -> np.ndarray:
    import shapely

    out = np.zeros(len(lines), dtype=bool)
    for passage in passages:
        g = gate(passage)
        hit = shapely.intersects(lines, g) & ~shapely.touches(lines, g)
        out |= hit
    return out


def blocked_edges(lon1, lat1, lon2, lat2, closed) -> np.ndarray:
    """Boolean mask over segments (arrays of ends): True where a segment
    passes through the gate of a passage in ``closed``."""
    out = np.zeros(len(np.atleast_1d(lon1)), dtype=bool)
    for passage in closed:
        if passage in TAGS_ONLY:
            continue
        try:
            g = gate(passage)
        except KeyError:
            continue
        lines = _shifted(lon1, lat1, lon2, lat2, g.centroid.x)
        out |= _through(lines, [passage])
    return out


def crosses_gate(p, q, closed) -> bool:
    """True when the segment ``p`` → ``q`` ((lon, lat) pairs) passes through
    the gate of a passage in ``closed``."""
    if not closed or set(closed) <= TAGS_ONLY:
        return False
    return bool(blocked_edges([p[0]], [p[1]], [q[0]], [q[1]], closed)[0])
