"""Vessels crossing, or lingering near, submarine cables and pipelines.

:func:`cable_crossings` finds, for each vessel, every passage over or near
a route (a cable or pipeline line from :func:`voyages.cables.read_routes`),
with the speeds around it and the **drag signature** investigators
described in the Baltic incidents of 2023–2024: a ship under way but slow
for a long distance on a course over one or more cables, its anchor down.

- *Newnew Polar Bear*, Balticconnector gas pipeline and two telecom cables,
  7–8 October 2023: an anchor groove about 180 km long on the seabed (ERR
  "Impulss" with six EU broadcasters, reported by Lao Dong,
  https://news.laodong.vn/the-gioi/chi-tiet-moi-vu-dut-duong-ong-dan-khi-balticconnector-1405967.ldo;
  High North News via https://pledgetimes.com/gas-pipe-damage-newnew-polar-bear-dropped-the-anchor-on-purpose-a-french-expert-told-a-norwegian-website/).
- *Yi Peng 3*, BCS East-West Interlink and C-Lion1, 17–18 November 2024:
  anchor dragged over 100 miles (160 km) (investigators quoted by The Wall
  Street Journal), at about 7 knots per AIS (Tom Sharpe, The Daily
  Telegraph); both as summarised at https://wikisum.wiki/wiki/Yi_Peng_3 and
  in Wikipedia's "Yi Peng 3" (service speed 14.8 kn in the same article);
  "In each case, the ship lost speed and made conspicuous course changes"
  (https://vesseltracker.com/en/news/category/casualty.html?page=4).
- *Eagle S*, Estlink 2 and four telecom cables, 25 December 2024: AIS shows
  8.5 kn at 11:00, 6.3 kn 35 minutes later, then three miles in an hour and
  a half (https://eadaily.com/en/ampnews/2024/12/26/a-tanker-with-russian-oil-got-stuck-in-finnish-waters-due-to-a-power-cable-rupture);
  a drag line of about 50 nautical miles on sonar
  (https://maritime-executive.com/article/dark-fleet-tanker-might-have-damaged-more-subsea-lines-if-not-stopped),
  about 100 km per Finland's NBI
  (https://gcaptain.com/baltic-sea-cable-probe-finnish-investigators-suspect-shadow-tanker-eagle-s-dragged-anchor-for-60-miles).

The work is vectorised: route segments are filed under the grid cells
within the search distance of them (a sorted numpy index, looked up with
``searchsorted``); each track segment (a straight line between a vessel's
consecutive reports) meets the route segments filed under the cells its box
touches — segments spanning many cells (long gaps) go through a shapely
``STRtree`` instead; a distance-to-line test drops most pairs, and exact
segment-to-segment distances are computed with numpy in a local metric
frame (:mod:`voyages.ais._frame`). No loop runs over positions or pairs.
The spatial test runs once per distinct segment geometry (identical end
points: a moored ship repeating its position, or copies of one track) and
its results are copied to every segment sharing it, in the same order, so
the output is the same as testing every segment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from voyages.ais._frame import (
    metres_per_degree,
    require_positions,
    seconds,
    sorted_track,
    wrap_dlon,
)
from voyages.errors import InputError
from voyages.units import NM_M

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CROSSING_COLUMNS",
    "DRAG_MAX_SPEED_KN",
    "DRAG_MIN_DISTANCE_NM",
    "DRAG_SPEED_RATIO",
    "MAX_GAP_H",
    "MIN_UNDERWAY_KN",
    "NEAR_NM",
    "cable_crossings",
    "nearest_routes",
    "usual_underway_speed",
]

NEAR_NM = 1.0
"""Default distance from a route that counts as "near", in nm.

An anchor trails the ship by its chain, "several hundred meters long" on the
Newnew Polar Bear (Lao Dong, above); one nautical mile (1,852 m) covers that
chain plus the AIS antenna's offset and GNSS error. A route's own
``uncertainty_nm`` is added to it.
"""

DRAG_MAX_SPEED_KN = 8.0
"""Fastest speed over ground, in knots, counted as "slow" for a drag.

The Eagle S was at 6.3 kn over Estlink 2, down from 8.5 kn (EADaily's AIS
reading); the Yi Peng 3 at about 7 kn (The Telegraph). 8 kn is above both
dragging speeds and below the Eagle S's speed before it slowed.
"""

DRAG_SPEED_RATIO = 0.75
"""A drag is also slow for the ship: at most this share of its usual underway speed.

Eagle S 6.3 / 8.5 kn = 0.74; Yi Peng 3 about 7 / 14.8 kn (service speed) = 0.47.
"""

DRAG_MIN_DISTANCE_NM = 50.0
"""Shortest slow run, in nm, that makes a drag signature.

The shortest of the three reported drag trails: Eagle S about 50 nm on
sonar (Maritime Executive; about 100 km per the NBI); Yi Peng 3 over 100
miles; Newnew Polar Bear about 180 km.
"""

CONTEXT_H = 6.0
"""Hours either side of a crossing over which the mean speed is taken.

A drag of :data:`DRAG_MIN_DISTANCE_NM` at :data:`DRAG_MAX_SPEED_KN` lasts
50 / 8 = 6.25 h, so the window sees most of the shortest drag.
"""

MIN_UNDERWAY_KN = 2.0
"""Below this speed a vessel is loitering or at anchor, not under way, in knots.

Global Fishing Watch's loitering rule: average speed under 2 kn
(``shared/data/README.md``; https://globalfishingwatch.org/faqs/ "What is a
loitering event?").
"""

MAX_GAP_H = 1.0
"""Consecutive reports further apart than this, in hours, break a slow run.

Global Fishing Watch's encounters pipeline does not interpolate across gaps
over one hour (``MAX_GAP_HOURS = 1.0``, GlobalFishingWatch/encounters_pipeline,
pipeline definition). A crossing found across a longer gap is still
reported, with ``gap_h`` saying it was interpolated.
"""

CROSSING_COLUMNS = (
    "mmsi", "route_id", "route_name", "route_source", "schematic", "uncertainty_nm",
    "start", "end", "crossed", "time", "lat", "lon", "min_distance_nm", "gap_h",
    "sog_at_crossing_kn", "mean_speed_window_kn", "usual_speed_kn", "speed_ratio",
    "slow_run_start", "slow_run_end", "slow_run_distance_nm", "slow_run_routes",
    "drag_signature",
)

_GRID_DEG = 0.02  # smallest grid cell, degrees (about 1.2 nm of latitude)


def _as_routes(routes) -> pd.DataFrame:
    import pandas as pd

    from voyages.cables import read_routes

    if isinstance(routes, pd.DataFrame):
        missing = {"route_id", "name", "geometry", "uncertainty_nm"} - set(routes.columns)
        if missing:
            raise InputError(f"routes: missing column(s) {', '.join(sorted(missing))}; "
                             "build the frame with voyages.cables.read_routes")
        return routes.reset_index(drop=True)
    if isinstance(routes, str | Path):
        routes = [routes]
    frames = [read_routes(p) for p in routes]
    if not frames:
        raise InputError("routes: no route file given")
    return pd.concat(frames, ignore_index=True)


def _route_segments(routes: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Route segments as an (n, 4) array lon1, lat1, lon2, lat2 and their route index."""
    import shapely

    parts, owner = shapely.get_parts(routes["geometry"].to_numpy(), return_index=True)
    coords, ring = shapely.get_coordinates(parts, return_index=True)
    same = ring[:-1] == ring[1:]
    seg = np.column_stack([coords[:-1][same], coords[1:][same]])
    seg_route = owner[ring[:-1][same]]
    # No route crosses the antimeridian inside a segment in the files we read
    # (TeleGeography splits Pacific cables at ±180); drop any that would.
    keep = np.abs(seg[:, 2] - seg[:, 0]) <= 180.0
    return seg[keep], seg_route[keep]


class _CellIndex:
    """Route segments filed under the grid cells within a padding of them.

    Each route segment is densified to points at most half a cell apart;
    every point files its segment under its cell and the cells around it
    within the padding (plus half a cell). A track point within the padding
    of a route segment therefore shares a cell with it. Look-ups are numpy
    ``searchsorted`` over the sorted cell keys: no geometry objects.
    """

    def __init__(self, seg: np.ndarray, pad_lat: float, pad_lon: float,
                 cell_deg: float = _GRID_DEG) -> None:
        self.cell = cell_deg
        self.nx = int(np.ceil(360.0 / cell_deg))
        lengths = np.maximum(np.abs(seg[:, 2] - seg[:, 0]), np.abs(seg[:, 3] - seg[:, 1]))
        steps = np.ceil(lengths / (cell_deg / 2)).astype(np.int64) + 1
        owner = np.repeat(np.arange(len(seg)), steps)
        start = np.repeat(np.cumsum(steps) - steps, steps)
        frac = (np.arange(owner.size) - start) / np.maximum(steps[owner] - 1, 1)
        lon = seg[owner, 0] + frac * (seg[owner, 2] - seg[owner, 0])
        lat = seg[owner, 1] + frac * (seg[owner, 3] - seg[owner, 1])
        kx = int(np.ceil((pad_lon + cell_deg / 2) / cell_deg))
        ky = int(np.ceil((pad_lat + cell_deg / 2) / cell_deg))
        ix, iy = self.ix(lon), self.iy(lat)
        keys = []
        for ox in range(-kx, kx + 1):
            for oy in range(-ky, ky + 1):
                keys.append(((iy + oy) * self.nx + (ix + ox) % self.nx) * len(seg) + owner)
        unique = np.unique(np.concatenate(keys))
        self.cells = unique // len(seg)
        self.segs = unique % len(seg)

    def ix(self, lon: np.ndarray) -> np.ndarray:
        return np.floor((lon + 180.0) / self.cell).astype(np.int64) % self.nx

    def iy(self, lat: np.ndarray) -> np.ndarray:
        return np.floor((lat + 90.0) / self.cell).astype(np.int64)

    def pairs(self, lon0, lat0, lon1, lat1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Candidate (box, route segment) pairs for boxes lon0..lon1, lat0..lat1.

        Returns the pairs (a pair may repeat when a box spans several cells)
        and the indices of boxes too large for the grid (more than 16
        cells), which the caller checks another way.
        """
        x0, x1 = self.ix(lon0), self.ix(lon1)
        y0, y1 = self.iy(lat0), self.iy(lat1)
        wx = (x1 - x0) % self.nx + 1
        wy = y1 - y0 + 1
        n_cells = wx * wy
        big = n_cells > 16
        small = np.flatnonzero(~big)
        reps = n_cells[small]
        box = np.repeat(small, reps)
        offset = np.arange(box.size) - np.repeat(np.cumsum(reps) - reps, reps)
        cx = (x0[box] + offset % wx[box]) % self.nx
        cy = y0[box] + offset // wx[box]
        cell = cy * self.nx + cx
        lo = np.searchsorted(self.cells, cell, side="left")
        hi = np.searchsorted(self.cells, cell, side="right")
        count = hi - lo
        pair_box = np.repeat(box, count)
        pos = np.arange(pair_box.size) - np.repeat(np.cumsum(count) - count, count)
        pair_seg = self.segs[np.repeat(lo, count) + pos]
        # a box spanning several cells may list a route segment more than once;
        # the caller's aggregation (minimum, any) is unaffected by repeats
        return pair_box, pair_seg, np.flatnonzero(big)


def _segment_distance(px, py, qx0, qy0, qx1, qy1):
    """Distance from segment (0,0)-(px,py) to (qx0,qy0)-(qx1,qy1), the fraction along P
    of the closest point, and whether the two intersect. All arrays, metres."""
    ex, ey = qx1 - qx0, qy1 - qy0
    denom = px * ey - py * ex
    with np.errstate(divide="ignore", invalid="ignore"):
        s = (qx0 * ey - qy0 * ex) / denom
        u = (qx0 * py - qy0 * px) / denom
    crosses = (denom != 0) & (s >= 0) & (s <= 1) & (u >= 0) & (u <= 1)

    def point_seg(ax, ay, bx, by, cx, cy):
        # distance from point (cx, cy) to segment a-b and the fraction along a-b
        dx, dy = bx - ax, by - ay
        len2 = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(len2 > 0, ((cx - ax) * dx + (cy - ay) * dy) / len2, 0.0)
        t = np.clip(t, 0.0, 1.0)
        return np.hypot(ax + t * dx - cx, ay + t * dy - cy), t

    zero = np.zeros_like(px)
    d_p0, _ = point_seg(qx0, qy0, qx1, qy1, zero, zero)
    d_p1, _ = point_seg(qx0, qy0, qx1, qy1, px, py)
    d_q0, t_q0 = point_seg(zero, zero, px, py, qx0, qy0)
    d_q1, t_q1 = point_seg(zero, zero, px, py, qx1, qy1)
    dists = np.stack([d_p0, d_p1, d_q0, d_q1])
    fracs = np.stack([zero, np.ones_like(px), t_q0, t_q1])
    best = dists.argmin(axis=0)
    cols = np.arange(px.size)
    dist = np.where(crosses, 0.0, dists[best, cols])
    frac = np.where(crosses, np.nan_to_num(s), fracs[best, cols])
    return dist, frac, crosses


def _distinct_segments(lat, lon, a, b):
    """Track segments grouped by identical end points (exact float equality).

    Returns each segment's geometry number, the first segment of each
    geometry, the segments sorted by geometry (stable), and where each
    geometry's run starts in that order and how long it is.
    """
    import pandas as pd

    ends = (lat[a], lon[a], lat[b], lon[b])
    # a 64-bit mix of the four coordinates' bits (integer arithmetic wraps) ...
    mix = np.zeros(a.size, dtype=np.int64)
    factors = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                        0x27D4EB2F165667C5], dtype=np.uint64).view(np.int64)
    for value, factor in zip(ends, factors, strict=True):
        mix = (mix ^ np.ascontiguousarray(value, dtype=np.float64).view(np.int64)) * factor
    geom, _ = pd.factorize(mix, use_na_sentinel=False)
    n_geom = int(geom.max()) + 1 if geom.size else 0
    members = np.argsort(geom, kind="stable")
    count = np.bincount(geom, minlength=n_geom)
    start = np.cumsum(count) - count
    first = members[start]
    # ... checked exactly: should two geometries ever share a mix, group by the
    # coordinates themselves
    if not all(np.array_equal(v, v[first][geom]) for v in ends):
        point, _ = pd.factorize(lat + 1j * lon, use_na_sentinel=False)
        geom, _ = pd.factorize(point[a].astype(np.int64) * (int(point.max()) + 1) + point[b],
                               use_na_sentinel=False)
        n_geom = int(geom.max()) + 1 if geom.size else 0
        members = np.argsort(geom, kind="stable")
        count = np.bincount(geom, minlength=n_geom)
        start = np.cumsum(count) - count
        first = members[start]
    return geom, first, members, start, count


def _track(positions: pd.DataFrame):
    """Sorted arrays of a positions frame and its segments (consecutive reports of a vessel)."""
    cols = ("mmsi", "time", "lat", "lon", "sog_kn")
    track = sorted_track(positions, cols)
    t = seconds(track["time"])
    lat = track["lat"].to_numpy(float)
    lon = track["lon"].to_numpy(float)
    sog = (track["sog_kn"].to_numpy(float) if "sog_kn" in track
           else np.full(len(track), np.nan))
    mmsi = track["mmsi"].to_numpy()
    a = np.flatnonzero(mmsi[:-1] == mmsi[1:]) if len(track) > 1 else np.array([], int)
    b = a + 1
    distinct = _distinct_segments(lat, lon, a, b)
    geom, first = distinct[0], distinct[1]
    # the metric frame is a function of the geometry: computed once per geometry
    g_lat, g_lon = metres_per_degree((lat[a[first]] + lat[b[first]]) / 2)
    m_lat, m_lon = g_lat[geom], g_lon[geom]
    dx = wrap_dlon(lon[b] - lon[a]) * m_lon
    dy = (lat[b] - lat[a]) * m_lat
    length_nm = np.hypot(dx, dy) / NM_M
    dt_h = (t[b] - t[a]) / 3600.0
    with np.errstate(divide="ignore", invalid="ignore"):
        implied = np.where(dt_h > 0, length_nm / dt_h, np.nan)
    sa, sb = sog[a], sog[b]
    sog_mean = np.where(np.isnan(sa), sb, np.where(np.isnan(sb), sa, (sa + sb) / 2))
    speed = np.where(np.isnan(sog_mean), implied, sog_mean)
    return track, t, lat, lon, sog, mmsi, a, b, dx, dy, length_nm, dt_h, speed, distinct


def usual_underway_speed(speed: np.ndarray, vessel: np.ndarray, underway: np.ndarray,
                         slow_kn: float = DRAG_MAX_SPEED_KN) -> pd.Series:
    """Each vessel's usual underway speed, kn: the median outside its slow stretches.

    The reference a drag is measured against is the ship's speed when it is
    *not* dragging: investigators compared the Eagle S's 6.3 kn over Estlink
    2 with the 8.5 kn it made before slowing (EADaily's AIS reading), and the
    Yi Peng 3's 7 kn with its 14.8 kn service speed (see the module
    docstring). A median over the whole file fails when most of the file is
    the slow run itself (a long drag, or a file cut around an incident): the
    median is then the dragging speed and nothing looks slow. So the usual
    speed is the median of the underway segments faster than ``slow_kn``
    (:data:`DRAG_MAX_SPEED_KN`), however few; a vessel never faster than
    that (a slow ship) keeps the median of all its underway segments, so its
    normal speed is not taken for a drag. A vessel seen fast only briefly
    gets that brief speed; pass ``usual_speed_kn=`` to
    :func:`cable_crossings` (a service speed from a source) to override.

    Parameters
    ----------
    speed : numpy.ndarray
        Speed of each track segment, knots (float64, shape (n,)).
    vessel : numpy.ndarray
        The segment's MMSI (int64, shape (n,)).
    underway : numpy.ndarray
        Which segments are under way (bool, shape (n,)).
    slow_kn : float
        Segments at or below this speed are candidates for a slow run, kn.

    Returns
    -------
    pandas.Series
        float64 knots indexed by MMSI (vessels with an underway segment).

    Examples
    --------
    >>> import numpy as np
    >>> speed = np.array([12.0] * 33 + [6.0] * 69)
    >>> usual_underway_speed(speed, np.zeros(102, dtype="int64"), np.ones(102, bool)).tolist()
    [12.0]
    >>> usual_underway_speed(np.array([6.0, 7.0, 6.5]), np.zeros(3, dtype="int64"),
    ...                      np.ones(3, bool)).tolist()
    [6.5]
    """
    import pandas as pd

    fast = underway & (speed > slow_kn)
    usual_fast = pd.Series(speed[fast]).groupby(vessel[fast]).median()
    usual_all = pd.Series(speed[underway]).groupby(vessel[underway]).median()
    return usual_fast.combine_first(usual_all).astype("float64")


def cable_crossings(
    positions: pd.DataFrame,
    routes: pd.DataFrame | str | Path | Iterable[str | Path],
    *,
    near_nm: float = NEAR_NM,
    context_h: float = CONTEXT_H,
    min_underway_kn: float = MIN_UNDERWAY_KN,
    drag_max_speed_kn: float = DRAG_MAX_SPEED_KN,
    drag_speed_ratio: float = DRAG_SPEED_RATIO,
    drag_min_distance_nm: float = DRAG_MIN_DISTANCE_NM,
    max_gap_h: float = MAX_GAP_H,
    usual_speed_kn: Mapping[int, float] | None = None,
    include_uncertainty: bool = False,
) -> pd.DataFrame:
    """Passages of vessels over or near cable and pipeline routes, with the drag signature.

    A *passage* is a run of consecutive track segments (straight lines
    between a vessel's consecutive reports) of one vessel that cross a
    route's drawn line or come within ``near_nm`` of it. For a schematic
    route (``uncertainty_nm`` > 0) a crossing of the drawn line says the
    track passed within that uncertainty of the real cable; pass
    ``include_uncertainty=True`` to widen the search by each route's
    uncertainty (many more passages where cables are dense).

    Parameters
    ----------
    positions : pandas.DataFrame
        AIS positions: ``mmsi`` (int), ``time`` (tz-aware), ``lat``, ``lon``
        (degrees); ``sog_kn`` is used where present (else the speed implied
        by consecutive positions). Row order does not matter.
    routes : DataFrame or path(s)
        A frame from :func:`voyages.cables.read_routes`, or route files.
    near_nm : float
        Distance from a route that counts as near, nm (:data:`NEAR_NM`).
    context_h : float
        Hours either side of the crossing for ``mean_speed_window_kn``
        (:data:`CONTEXT_H`).
    min_underway_kn : float
        Slower than this is not under way (:data:`MIN_UNDERWAY_KN`).
    drag_max_speed_kn, drag_speed_ratio : float
        A segment is *slow* when its speed is at least ``min_underway_kn``,
        at most ``drag_max_speed_kn`` and at most ``drag_speed_ratio`` times
        the vessel's usual underway speed (:data:`DRAG_MAX_SPEED_KN`,
        :data:`DRAG_SPEED_RATIO`).
    drag_min_distance_nm : float
        A passage has the drag signature when it lies in a run of slow
        segments at least this long (:data:`DRAG_MIN_DISTANCE_NM`).
    max_gap_h : float
        Reports further apart break a slow run (:data:`MAX_GAP_H`).
    usual_speed_kn : mapping, optional
        A vessel's usual underway speed by MMSI (for instance a service
        speed from a source), overriding the one the file gives
        (:func:`usual_underway_speed`).
    include_uncertainty : bool
        Add each route's ``uncertainty_nm`` to ``near_nm``.

    Returns
    -------
    pandas.DataFrame
        One row per passage, sorted by ``mmsi`` and ``start``; columns
        :data:`CROSSING_COLUMNS`: ``mmsi`` (int), ``route_id``,
        ``route_name``, ``route_source`` (str), ``schematic`` (bool),
        ``uncertainty_nm`` (float), ``start``/``end`` (UTC, the reports that
        bound the passage), ``crossed`` (bool), ``time``/``lat``/``lon``
        (the crossing point, or the closest approach when not crossed),
        ``min_distance_nm``, ``gap_h`` (hours between the reports around the
        crossing), ``sog_at_crossing_kn``, ``mean_speed_window_kn`` (time-
        weighted over ``context_h`` either side), ``usual_speed_kn`` (the
        vessel's usual underway speed, :func:`usual_underway_speed`), ``speed_ratio``
        (crossing / usual), ``slow_run_start``/``slow_run_end`` (UTC, NaT
        when not in a slow run), ``slow_run_distance_nm``,
        ``slow_run_routes`` (distinct routes passed during that slow run),
        ``drag_signature`` (bool).

        Distances come from a local metric frame at each segment (WGS84
        radii of curvature), good to about 0.1 % for segments of tens of
        kilometres; a crossing interpolated across a long gap is only as
        good as the straight line it assumes (see ``gap_h``).

    Raises
    ------
    InputError
        Missing columns, a naive ``time`` column, or bad routes.

    Examples
    --------
    >>> import pandas as pd
    >>> from voyages.cables import routes_frame
    >>> cable = routes_frame([("c", "Cable", [[(20.0, 59.0), (20.0, 60.0)]])])
    >>> track = pd.DataFrame({"mmsi": [1, 1], "lat": [59.5, 59.5], "lon": [19.9, 20.1],
    ...     "time": pd.to_datetime(["2024-12-25 10:00", "2024-12-25 11:00"], utc=True),
    ...     "sog_kn": [6.0, 6.0]})
    >>> row = cable_crossings(track, cable).iloc[0]
    >>> bool(row.crossed), str(row.time), round(float(row.lon), 3), float(row.min_distance_nm)
    (True, '2024-12-25 10:30:00+00:00', 20.0, 0.0)
    """
    import pandas as pd
    import shapely

    require_positions(positions)
    for label, value in (("near_nm", near_nm), ("context_h", context_h),
                         ("drag_min_distance_nm", drag_min_distance_nm),
                         ("max_gap_h", max_gap_h)):
        if not value >= 0:
            raise InputError(f"{label} must be >= 0, got {value}")
    routes = _as_routes(routes)
    out_empty = pd.DataFrame({c: [] for c in CROSSING_COLUMNS})
    if routes.empty or len(positions) < 2:
        return out_empty

    (track, t, lat, lon, sog, mmsi, a, b, dx, dy, length_nm, dt_h,
     speed, distinct) = _track(positions)
    if a.size == 0:
        return out_empty

    rseg, rowner = _route_segments(routes)
    uncertainty = routes["uncertainty_nm"].to_numpy(float)
    tol_m = (near_nm + (uncertainty if include_uncertainty else 0.0 * uncertainty)) * NM_M
    max_tol_m = float(tol_m.max())

    # 0. the spatial test depends only on a segment's end points: it runs once per
    #    distinct geometry (a moored or anchored vessel repeats its position, and
    #    so its segment, many times) and its pairs are copied to every segment
    #    sharing that geometry, in the same order, so results are unchanged
    _, g_first, g_members, g_start, g_count = distinct
    g_lat_a, g_lat_b = lat[a[g_first]], lat[b[g_first]]
    g_lon_a, g_lon_b = lon[a[g_first]], lon[b[g_first]]
    g_dx, g_dy = dx[g_first], dy[g_first]

    # 1. candidates: route segments filed under the grid cells a track segment's box
    #    touches (numpy only); route segments outside the track's extent are dropped
    pad_lat = max_tol_m / 110_000.0 + 1e-6  # 1° of latitude ≥ 110.57 km (WGS84)
    lat_lo = np.minimum(g_lat_a, g_lat_b)
    lat_hi = np.maximum(g_lat_a, g_lat_b)
    lon_lo = np.minimum(g_lon_a, g_lon_b)
    lon_hi = np.maximum(g_lon_a, g_lon_b)
    wraps = np.abs(g_lon_b - g_lon_a) > 180.0
    extent_lat = max(abs(lat_lo.min()), abs(lat_hi.max())) + pad_lat
    pad_lon = pad_lat / np.cos(np.radians(min(extent_lat, 89.0)))
    keep = ((rseg[:, [1, 3]].max(1) >= lat_lo.min() - pad_lat)
            & (rseg[:, [1, 3]].min(1) <= lat_hi.max() + pad_lat))
    if not wraps.any():
        keep &= ((rseg[:, [0, 2]].max(1) >= lon_lo.min() - pad_lon)
                 & (rseg[:, [0, 2]].min(1) <= lon_hi.max() + pad_lon))
    kept = np.flatnonzero(keep)
    if kept.size == 0:
        return out_empty
    rseg, rowner = rseg[kept], rowner[kept]
    index = _CellIndex(rseg, pad_lat, pad_lon, cell_deg=max(3 * pad_lat, _GRID_DEG))
    seg_i, rj, big = index.pairs(np.where(wraps, -180.0, lon_lo), lat_lo,
                                 np.where(wraps, 180.0, lon_hi), lat_hi)
    if big.size:
        # long segments (gaps): an STRtree of route segments, queried with padded boxes
        tree = shapely.STRtree(shapely.linestrings(
            rseg.reshape(-1, 2), indices=np.repeat(np.arange(len(rseg)), 2)))
        boxes = shapely.box(np.where(wraps[big], -180.0, lon_lo[big] - pad_lon),
                            lat_lo[big] - pad_lat,
                            np.where(wraps[big], 180.0, lon_hi[big] + pad_lon),
                            lat_hi[big] + pad_lat)
        qi, qj = tree.query(boxes)
        seg_i = np.concatenate([seg_i, big[qi]])
        rj = np.concatenate([rj, qj])
    if seg_i.size == 0:
        return out_empty
    # cheap box test before the exact distance
    r_lon_lo = np.minimum(rseg[rj, 0], rseg[rj, 2])
    r_lon_hi = np.maximum(rseg[rj, 0], rseg[rj, 2])
    r_lat_lo = np.minimum(rseg[rj, 1], rseg[rj, 3])
    r_lat_hi = np.maximum(rseg[rj, 1], rseg[rj, 3])
    close = ((r_lat_lo <= lat_hi[seg_i] + pad_lat) & (r_lat_hi >= lat_lo[seg_i] - pad_lat)
             & (wraps[seg_i] | ((r_lon_lo <= lon_hi[seg_i] + pad_lon)
                                & (r_lon_hi >= lon_lo[seg_i] - pad_lon))))
    seg_i, rj = seg_i[close], rj[close]

    # 3. exact distances in the local frame of each track segment's start
    m_lat, m_lon = metres_per_degree((g_lat_a[seg_i] + g_lat_b[seg_i]) / 2)
    olon, olat = g_lon_a[seg_i], g_lat_a[seg_i]
    qx0 = wrap_dlon(rseg[rj, 0] - olon) * m_lon
    qy0 = (rseg[rj, 1] - olat) * m_lat
    qx1 = wrap_dlon(rseg[rj, 2] - olon) * m_lon
    qy1 = (rseg[rj, 3] - olat) * m_lat
    px, py = g_dx[seg_i], g_dy[seg_i]
    # the track segment's midpoint is within half its length of all its points,
    # so a midpoint further than that plus the tolerance from the route
    # segment's line rules the pair out (a few operations a pair)
    ex, ey = qx1 - qx0, qy1 - qy0
    with np.errstate(invalid="ignore", divide="ignore"):
        line_m = np.abs(ex * (py / 2 - qy0) - ey * (px / 2 - qx0)) / np.hypot(ex, ey)
    route_i = rowner[rj]
    keep = ~(line_m > np.hypot(px, py) / 2 + tol_m[route_i])
    if not keep.all():
        seg_i, rj, route_i = seg_i[keep], rj[keep], route_i[keep]
        px, py, qx0, qy0, qx1, qy1 = (v[keep] for v in (px, py, qx0, qy0, qx1, qy1))
    dist_m, frac, crosses = _segment_distance(px, py, qx0, qy0, qx1, qy1)
    near = dist_m <= tol_m[route_i]
    if not near.any():
        return out_empty
    g_pair, p_route = seg_i[near], route_i[near]
    p_dist, p_frac, p_cross = dist_m[near], frac[near], crosses[near]
    # only pairs that can be a passage's event matter: all crossings, and, for a
    # (geometry, route) without one, its first pair at the smallest distance
    # (minimum, any and the event pick over the passage are unchanged)
    _, grp = np.unique(g_pair.astype(np.int64) * len(uncertainty) + p_route,
                       return_inverse=True)
    grp = grp.ravel()
    grp_cross = np.bincount(grp, weights=p_cross) > 0
    grp_min = np.full(grp_cross.size, np.inf)
    np.minimum.at(grp_min, grp, p_dist)
    cand = np.flatnonzero(~grp_cross[grp] & (p_dist == grp_min[grp]))
    _, first = np.unique(grp[cand], return_index=True)
    useful = p_cross.copy()
    useful[cand[first]] = True
    g_pair, p_route, p_dist, p_frac, p_cross = (
        v[useful] for v in (g_pair, p_route, p_dist, p_frac, p_cross))
    # every segment of a geometry gets that geometry's pairs, in their order
    reps = g_count[g_pair]
    pair = np.repeat(np.arange(g_pair.size), reps)
    offset = np.arange(pair.size) - np.repeat(np.cumsum(reps) - reps, reps)
    p_seg = g_members[g_start[g_pair[pair]] + offset]
    p_route, p_dist, p_frac, p_cross = (v[pair] for v in (p_route, p_dist, p_frac, p_cross))

    # 4. vessel speeds: usual underway speed and slow runs
    seg_vessel = mmsi[a]
    underway = (speed >= min_underway_kn) & (dt_h <= max_gap_h)
    usual = usual_underway_speed(speed, seg_vessel, underway, drag_max_speed_kn)
    if usual_speed_kn:
        usual = pd.Series(dict(usual_speed_kn), dtype=float).combine_first(usual)
    usual_seg = usual.reindex(seg_vessel).to_numpy(float)
    with np.errstate(invalid="ignore"):
        slow = (underway & (speed <= drag_max_speed_kn)
                & (speed <= drag_speed_ratio * usual_seg))
    prev_cont = np.zeros(a.size, dtype=bool)
    prev_cont[1:] = (a[1:] == a[:-1] + 1) & slow[:-1]
    run_start = slow & ~prev_cont
    run_id = np.where(slow, np.cumsum(run_start) - 1, -1)
    n_runs = int(run_start.sum())
    run_dist = np.bincount(run_id[slow], weights=length_nm[slow], minlength=n_runs)
    run_first = np.full(n_runs, np.iinfo(np.int64).max)
    run_last = np.full(n_runs, -1)
    idx = np.flatnonzero(slow)
    np.minimum.at(run_first, run_id[idx], idx)
    np.maximum.at(run_last, run_id[idx], idx)

    # 5. passages: consecutive segments of one vessel near one route
    # by route, then segment; stable, so a segment's pairs keep their order
    order = np.argsort(p_route.astype(np.int64) * max(a.size, 1) + p_seg, kind="stable")
    p_seg, p_route = p_seg[order], p_route[order]
    p_dist, p_frac, p_cross = p_dist[order], p_frac[order], p_cross[order]
    new = np.ones(p_seg.size, dtype=bool)
    new[1:] = ((p_route[1:] != p_route[:-1]) | (a[p_seg[1:]] - a[p_seg[:-1]] > 1)
               | (seg_vessel[p_seg[1:]] != seg_vessel[p_seg[:-1]]))
    starts = np.flatnonzero(new)
    passage = np.cumsum(new) - 1
    first_seg = p_seg[starts]
    last_seg = np.maximum.reduceat(p_seg, starts)
    crossed = np.logical_or.reduceat(p_cross, starts)
    min_dist_m = np.minimum.reduceat(p_dist, starts)
    # the event of a passage: its first crossing, else its closest approach
    # (the first pair, in order, with the smallest segment + fraction among
    # crossings, or with the smallest distance; a linear pass, no sort)
    k2 = np.where(p_cross, p_seg + p_frac, p_dist)
    best = np.minimum.reduceat(np.where(p_cross == crossed[passage], k2, np.inf), starts)
    hit = np.flatnonzero((p_cross == crossed[passage]) & (k2 == best[passage]))
    pick = hit[np.r_[True, passage[hit][1:] != passage[hit][:-1]]]
    k = p_seg[pick]
    f = p_frac[pick]
    route = p_route[pick]
    times = track["time"].dt.tz_convert(None).to_numpy()
    ia, ib = a[k], b[k]
    t_event = t[ia] + f * (t[ib] - t[ia])
    ev_lat = lat[ia] + f * (lat[ib] - lat[ia])
    ev_lon = wrap_dlon(lon[ia] + f * wrap_dlon(lon[ib] - lon[ia]))
    sog_event = np.where(np.isnan(sog[ia]) | np.isnan(sog[ib]), speed[k],
                         sog[ia] + f * (sog[ib] - sog[ia]))
    # time-weighted mean speed of the segments starting within ±context_h
    vessel_rank = np.cumsum(np.r_[True, seg_vessel[1:] != seg_vessel[:-1]]) - 1
    key = vessel_rank.astype(np.int64) * 10**11 + np.floor(t[a]).astype(np.int64)
    valid = dt_h <= max_gap_h
    cum_sd = np.r_[0.0, np.cumsum(np.where(valid, speed * dt_h, 0.0))]
    cum_d = np.r_[0.0, np.cumsum(np.where(valid, dt_h, 0.0))]
    base = vessel_rank[k].astype(np.int64) * 10**11
    lo = np.searchsorted(key, base + np.floor(t_event - context_h * 3600).astype(np.int64))
    hi = np.searchsorted(key, base + np.floor(t_event + context_h * 3600).astype(np.int64),
                         side="right")
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_window = (cum_sd[hi] - cum_sd[lo]) / (cum_d[hi] - cum_d[lo])
        usual_v = usual.reindex(seg_vessel[k]).to_numpy(float)
        ratio = np.where(usual_v > 0, sog_event / usual_v, np.nan)
    runs = run_id[k]
    in_run = runs >= 0
    safe = np.where(in_run, runs, 0)
    run_start_t = np.full(k.size, np.datetime64("NaT"), dtype="datetime64[ns]")
    run_end_t = run_start_t.copy()
    if in_run.any():
        run_start_t[in_run] = times[a[run_first[runs[in_run]]]]
        run_end_t[in_run] = times[b[run_last[runs[in_run]]]]
    run_distance = np.where(in_run, run_dist[safe], 0.0) if n_runs else np.zeros(k.size)
    run_route_count = (pd.DataFrame({"run": runs[in_run], "route": route[in_run]})
                       .drop_duplicates().groupby("run").size())
    out = pd.DataFrame({
        "mmsi": seg_vessel[k],
        "route_id": routes["route_id"].to_numpy()[route],
        "route_name": routes["name"].to_numpy()[route],
        "route_source": (routes["source"].to_numpy()[route] if "source" in routes
                         else np.full(k.size, "")),
        "schematic": (routes["schematic"].to_numpy(bool)[route] if "schematic" in routes
                      else np.zeros(k.size, bool)),
        "uncertainty_nm": routes["uncertainty_nm"].to_numpy(float)[route],
        "start": pd.to_datetime(times[a[first_seg]], utc=True),
        "end": pd.to_datetime(times[b[last_seg]], utc=True),
        "crossed": crossed,
        "time": pd.to_datetime(np.round(t_event), unit="s", utc=True),
        "lat": ev_lat,
        "lon": ev_lon,
        "min_distance_nm": min_dist_m / NM_M,
        "gap_h": dt_h[k],
        "sog_at_crossing_kn": sog_event,
        "mean_speed_window_kn": mean_window,
        "usual_speed_kn": usual_v,
        "speed_ratio": ratio,
        "slow_run_start": pd.to_datetime(run_start_t, utc=True),
        "slow_run_end": pd.to_datetime(run_end_t, utc=True),
        "slow_run_distance_nm": run_distance,
        "slow_run_routes": run_route_count.reindex(runs).fillna(0).to_numpy(int),
        "drag_signature": in_run & (run_distance >= drag_min_distance_nm),
    })
    out = out.sort_values(["mmsi", "start", "route_id"], kind="stable").reset_index(drop=True)
    return out.loc[:, list(CROSSING_COLUMNS)]


def nearest_routes(lat: float, lon: float, routes: pd.DataFrame | str | Path, *,
                   limit: int = 5) -> pd.DataFrame:
    """The routes nearest a point, with geodesic distances.

    Parameters
    ----------
    lat, lon : float
        The point, WGS84 degrees.
    routes : DataFrame or path
        From :func:`voyages.cables.read_routes`, or a route file.
    limit : int
        How many routes to return (nearest first).

    Returns
    -------
    pandas.DataFrame
        Columns ``route_id``, ``name``, ``source`` (str), ``distance_nm``
        (float, geodesic; each drawn segment is read as a geodesic, sampled
        every 100 m and then every few metres around the closest sample),
        ``uncertainty_nm`` (float, the route's own), ``distance_min_nm`` /
        ``distance_max_nm`` (the distance less and plus that uncertainty,
        floored at 0), ``nearest_lat``, ``nearest_lon``.

    Examples
    --------
    >>> from voyages.cables import routes_frame
    >>> cable = routes_frame([("c", "Cable", [[(20.0, 59.0), (20.0, 60.0)]])])
    >>> round(float(nearest_routes(59.5, 20.1, cable).distance_nm[0]), 2)
    3.06
    """
    import pandas as pd
    from pyproj import Geod

    routes = _as_routes(routes)
    seg, owner = _route_segments(routes)
    if seg.size == 0:
        return pd.DataFrame(columns=["route_id", "name", "source", "distance_nm",
                                     "uncertainty_nm", "distance_min_nm", "distance_max_nm",
                                     "nearest_lat", "nearest_lon"])
    m_lat, m_lon = metres_per_degree(np.array([lat]))
    ax = wrap_dlon(seg[:, 0] - lon) * m_lon
    ay = (seg[:, 1] - lat) * m_lat
    bx = wrap_dlon(seg[:, 2] - lon) * m_lon
    by = (seg[:, 3] - lat) * m_lat
    ex, ey = bx - ax, by - ay
    len2 = ex * ex + ey * ey
    with np.errstate(divide="ignore", invalid="ignore"):
        tpar = np.clip(np.where(len2 > 0, -(ax * ex + ay * ey) / len2, 0.0), 0.0, 1.0)
    nlon = seg[:, 0] + tpar * wrap_dlon(seg[:, 2] - seg[:, 0])
    nlat = seg[:, 1] + tpar * (seg[:, 3] - seg[:, 1])
    # the flat frame ranks the candidates; the geodesic measures them: each
    # route's segments near its best are densified along the geodesic (100 m)
    flat = np.hypot(ax + tpar * ex, ay + tpar * ey)
    frame = pd.DataFrame({"route": owner, "flat": flat, "nlat": nlat, "nlon": nlon})
    best = frame.loc[frame.groupby("route")["flat"].idxmin()].nsmallest(limit, "flat")
    geod = Geod(ellps="WGS84")
    dist_m, near_lat, near_lon = [], [], []
    for route, best_flat in zip(best["route"], best["flat"], strict=True):
        close = np.flatnonzero((owner == route) & (flat <= best_flat + NM_M))
        lons, lats = [], []
        for k in close:
            x1, y1, x2, y2 = (float(v) for v in seg[k])
            _, _, length = geod.inv(x1, y1, x2, y2)
            inner = geod.npts(x1, y1, x2, y2, int(length // 100.0)) if length > 100 else []
            lons += [x1, *(p[0] for p in inner), x2]
            lats += [y1, *(p[1] for p in inner), y2]
        _, _, d = geod.inv(np.full(len(lons), float(lon)), np.full(len(lats), float(lat)),
                           np.array(lons), np.array(lats))
        i = int(np.argmin(d))
        # refine between the closest point's neighbours, every 5 m
        lo, hi = max(i - 1, 0), min(i + 1, len(lons) - 1)
        fine = geod.npts(lons[lo], lats[lo], lons[hi], lats[hi], 80)
        if fine:
            f_lon = [lons[lo], *(q[0] for q in fine), lons[hi]]
            f_lat = [lats[lo], *(q[1] for q in fine), lats[hi]]
            _, _, fd = geod.inv(np.full(len(f_lon), float(lon)), np.full(len(f_lat), float(lat)),
                                np.array(f_lon), np.array(f_lat))
            j = int(np.argmin(fd))
            if fd[j] < d[i]:
                lons, lats, d, i = f_lon, f_lat, fd, j
        dist_m.append(float(np.asarray(d)[i]))
        near_lat.append(lats[i])
        near_lon.append(lons[i])
    best = best.assign(nlat=near_lat, nlon=near_lon)
    idx = best["route"].to_numpy()
    unc = routes["uncertainty_nm"].to_numpy(float)[idx]
    dist_nm = np.asarray(dist_m) / NM_M
    out = pd.DataFrame({
        "route_id": routes["route_id"].to_numpy()[idx],
        "name": routes["name"].to_numpy()[idx],
        "source": (routes["source"].to_numpy()[idx] if "source" in routes
                   else [""] * len(idx)),
        "distance_nm": dist_nm,
        "uncertainty_nm": unc,
        "distance_min_nm": np.maximum(dist_nm - unc, 0.0),
        "distance_max_nm": dist_nm + unc,
        "nearest_lat": best["nlat"].to_numpy(),
        "nearest_lon": best["nlon"].to_numpy(),
    })
    return out.sort_values("distance_nm", kind="stable").reset_index(drop=True)
