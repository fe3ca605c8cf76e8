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

Route segments are filed under the grid cells within the search distance
of them (a sorted numpy index). One compiled pass over the track segments
(straight lines between a vessel's consecutive reports,
:mod:`voyages.ais._near_pairs`, numba) meets each with the route segments
filed under the cells its box touches — segments spanning many cells (long
gaps) get theirs from a shapely ``STRtree`` instead — and measures the exact
segment-to-segment distance in a local metric frame
(:mod:`voyages.ais._frame`); speeds, slow runs and passages are numpy over
whole arrays.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from voyages._validate import check_number
from voyages.ais._frame import (
    metres_per_degree,
    require_positions,
    seconds,
    sorted_track,
    wrap_dlon,
)
from voyages.errors import InputError, VoyagesWarning
from voyages.units import NM_M

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CROSSING_COLUMNS",
    "DRAG_MAX_SPEED_KN",
    "DRAG_MIN_DISTANCE_NM",
    "DRAG_SPEED_RATIO",
    "MAX_BRIDGE_H",
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
"""Consecutive reports further apart than this, in hours, are a *silence*.

Global Fishing Watch's encounters pipeline does not interpolate across gaps
over one hour (``MAX_GAP_HOURS = 1.0``, GlobalFishingWatch/encounters_pipeline,
pipeline definition). Up to this gap a segment's speed is the mean of the
SOGs reported at its ends; a longer silence is judged by the speed implied
across it (:data:`MAX_BRIDGE_H`) and never counts towards the usual speed
or the window mean. A crossing found across a silence is still reported,
with ``gap_h`` saying it was interpolated.
"""

MAX_BRIDGE_H = DRAG_MIN_DISTANCE_NM / DRAG_MAX_SPEED_KN
"""Longest silence, in hours, that a slow run bridges: 50 nm / 8 kn = 6.25 h.

A ship that switches AIS off for an hour in the middle of a drag is still
dragging: a silence longer than :data:`MAX_GAP_H` joins the slow runs on
either side of it when the speed implied across it (the distance between
the reports around it over the time between them) is itself slow (at
least :data:`MIN_UNDERWAY_KN`, at most :data:`DRAG_MAX_SPEED_KN` and
:data:`DRAG_SPEED_RATIO` times the usual speed) and it lasts at most this
long; its straight-line distance counts towards the run and its hours are
reported as ``slow_run_silent_h``. The limit is the time the shortest drag
signature (:data:`DRAG_MIN_DISTANCE_NM`, the Eagle S's trail) takes at the
fastest dragging speed: a longer silence could hold a whole drag on its
own, and then the track says nothing about what the ship did in it. It is
also close to where Global Fishing Watch's raw gap table starts (6 h,
:data:`voyages.ais.gaps.GAP_MIN_H`'s source); ``voyages ais gaps
--min-hours 6`` lists the longer silences.
"""

CROSSING_COLUMNS = (
    "mmsi", "route_id", "route_name", "route_source", "schematic", "uncertainty_nm",
    "start", "end", "crossed", "time", "lat", "lon", "min_distance_nm", "gap_h",
    "sog_at_crossing_kn", "mean_speed_window_kn", "usual_speed_kn", "speed_ratio",
    "slow_run_start", "slow_run_end", "slow_run_distance_nm", "slow_run_routes",
    "drag_signature", "slow_run_silent_h",
)

_GRID_DEG = 0.02  # smallest grid cell, degrees (about 1.2 nm of latitude)
_MAX_CELLS_ACROSS = 3  # a track segment this many cells long or wider asks the STRtree
_EPS_DEG = 1e-9  # the cell index files a segment a hair wider than its padding
_INDEX_CHUNK = 1 << 20  # (segment, row) pairs worked on at once by the cell index
_INTERPRETED_WARN_SEGMENTS = 200_000  # without numba, warn above this many segments


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
    # read_routes splits a line at the antimeridian; a frame built otherwise may
    # still step over it: such a segment is split the same way (the short way over ±180)
    wraps = np.abs(seg[:, 2] - seg[:, 0]) > 180.0
    if wraps.any():
        w = seg[wraps]
        edge = np.where(w[:, 0] < 0, -180.0, 180.0)
        step = np.where(w[:, 0] > w[:, 2], w[:, 2] + 360.0, w[:, 2] - 360.0) - w[:, 0]
        with np.errstate(divide="ignore", invalid="ignore"):
            frac = np.where(step != 0, (edge - w[:, 0]) / step, 0.0)
        lat = w[:, 1] + frac * (w[:, 3] - w[:, 1])
        halves = np.concatenate([np.column_stack([w[:, 0], w[:, 1], edge, lat]),
                                 np.column_stack([-edge, lat, w[:, 2], w[:, 3]])])
        owners = np.concatenate([seg_route[wraps], seg_route[wraps]])
        real = (halves[:, 0] != halves[:, 2]) | (halves[:, 1] != halves[:, 3])
        seg = np.concatenate([seg[~wraps], halves[real]])
        seg_route = np.concatenate([seg_route[~wraps], owners[real]])
    return seg, seg_route


class _CellIndex:
    """Route segments filed under the grid cells they come within a padding of.

    A segment is filed under every cell whose rectangle, widened by the
    padding (``pad_lat``, ``pad_lon`` degrees), it meets; a track point
    within the padding of a route segment therefore shares a cell with it.
    The cells are found row by row, with no candidates to filter: the rows
    whose widened band the segment's latitudes reach, and in each the
    columns whose widened span meets the longitudes of the piece of the
    segment inside that band (a segment is straight in lon/lat, so that
    piece is one interval). The index holds exactly the (cell, segment)
    pairs, about 3 × 30 for a segment of 1° at a 1 nm padding. Look-ups go
    by the sorted cell keys: no geometry objects.
    """

    def __init__(self, seg: np.ndarray, pad_lat: float, pad_lon: float,
                 cell_deg: float = _GRID_DEG) -> None:
        self.cell = cell_deg
        self.nx = int(np.ceil(360.0 / cell_deg))
        n = len(seg)
        lat_lo = np.minimum(seg[:, 1], seg[:, 3])
        lat_hi = np.maximum(seg[:, 1], seg[:, 3])
        # rows: cy with [cy, cy + 1) * cell - 90, widened by pad_lat, meeting the segment
        # (a hair wider on every side: a cell too many costs a distance, one too few a miss)
        y0 = np.floor((lat_lo + 90.0 - pad_lat - _EPS_DEG) / cell_deg).astype(np.int64)
        y1 = np.floor((lat_hi + 90.0 + pad_lat + _EPS_DEG) / cell_deg).astype(np.int64)
        rows = y1 - y0 + 1
        # in chunks of about _INDEX_CHUNK (segment, row) pairs, so that the temporary
        # arrays stay small beside the index itself
        ends = np.searchsorted(np.cumsum(rows), np.arange(1, rows.sum() // _INDEX_CHUNK + 2)
                               * _INDEX_CHUNK, side="right")
        bounds = np.unique(np.r_[0, np.minimum(ends, n), n])
        chunks = [self._pairs(seg, first, last, y0[first:last], rows[first:last], pad_lat,
                              pad_lon) for first, last in zip(bounds[:-1], bounds[1:],
                                                              strict=True)]
        pairs = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)
        del chunks
        pairs.sort()
        if pairs.size:
            pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]]
        self.cells = pairs // n
        self.segs = pairs % n

    def _pairs(self, seg: np.ndarray, first: int, last: int, y0: np.ndarray,
               rows: np.ndarray, pad_lat: float, pad_lon: float) -> np.ndarray:
        """``cell key * len(seg) + segment`` for segments ``first`` to ``last``."""
        n, cell_deg = len(seg), self.cell
        owner = np.repeat(np.arange(first, last), rows)
        cy = np.repeat(y0, rows) + (np.arange(owner.size)
                                    - np.repeat(np.cumsum(rows) - rows, rows))
        # the piece of the segment inside the row's widened band, as fractions along it
        band_lo = cy * cell_deg - 90.0 - pad_lat - _EPS_DEG
        band_hi = band_lo + cell_deg + 2 * (pad_lat + _EPS_DEG)
        s_lat, d_lat = seg[owner, 1], seg[owner, 3] - seg[owner, 1]
        with np.errstate(divide="ignore", invalid="ignore"):
            ta, tb = (band_lo - s_lat) / d_lat, (band_hi - s_lat) / d_lat
        flat = d_lat == 0
        t0 = np.where(flat, 0.0, np.clip(np.minimum(ta, tb), 0.0, 1.0))
        t1 = np.where(flat, 1.0, np.clip(np.maximum(ta, tb), 0.0, 1.0))
        s_lon, d_lon = seg[owner, 0], seg[owner, 2] - seg[owner, 0]
        lon_a, lon_b = s_lon + t0 * d_lon, s_lon + t1 * d_lon
        x0 = np.floor((np.minimum(lon_a, lon_b) + 180.0 - pad_lon - _EPS_DEG) / cell_deg)
        x1 = np.floor((np.maximum(lon_a, lon_b) + 180.0 + pad_lon + _EPS_DEG) / cell_deg)
        cols = np.where(t0 <= t1, (x1 - x0).astype(np.int64) + 1, 0)
        row = np.repeat(np.arange(owner.size), cols)
        cx = x0.astype(np.int64)[row] + (np.arange(row.size)
                                          - np.repeat(np.cumsum(cols) - cols, cols))
        return (cy[row] * self.nx + cx % self.nx) * n + owner[row]

    def csr(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The distinct cell keys, where each one's route segments start in
        :attr:`segs` (one more entry than keys), and :attr:`segs`."""
        start = np.flatnonzero(np.r_[True, self.cells[1:] != self.cells[:-1]]) \
            if self.cells.size else np.zeros(0, dtype=np.int64)
        return self.cells[start], np.r_[start, self.cells.size].astype(np.int64), self.segs


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
    # the local metric frame of each segment, at its mid-latitude
    m_lat, m_lon = metres_per_degree((lat[a] + lat[b]) / 2)
    dx = wrap_dlon(lon[b] - lon[a]) * m_lon
    dy = (lat[b] - lat[a]) * m_lat
    length_nm = np.hypot(dx, dy) / NM_M
    dt_h = (t[b] - t[a]) / 3600.0
    with np.errstate(divide="ignore", invalid="ignore"):
        implied = np.where(dt_h > 0, length_nm / dt_h, np.nan)
    sa, sb = sog[a], sog[b]
    sog_mean = np.where(np.isnan(sa), sb, np.where(np.isnan(sb), sa, (sa + sb) / 2))
    speed = np.where(np.isnan(sog_mean), implied, sog_mean)
    return track, t, lat, lon, sog, mmsi, a, b, m_lat, m_lon, dx, dy, length_nm, dt_h, speed


def _bridging(slow: np.ndarray, bridge: np.ndarray, a: np.ndarray) -> np.ndarray:
    """The bridgeable silences that lie between slow segments of one stretch.

    ``slow`` and ``bridge`` flag track segments; ``a`` is each segment's
    first report (a segment follows the previous one when ``a`` steps by 1).
    A silence joins a run only with a slow reported segment on both sides
    within one unbroken stretch of slow segments and silences, so a run
    never starts or ends on a silence.

    >>> import numpy as np
    >>> slow = np.array([1, 0, 1, 0, 0], bool)
    >>> bridge = np.array([0, 1, 0, 1, 0], bool)
    >>> _bridging(slow, bridge, np.arange(5)).tolist()
    [False, True, False, False, False]
    """
    either = slow | bridge
    if not bridge.any():
        return bridge
    cont = np.zeros(a.size, dtype=bool)  # segment i continues segment i - 1
    cont[1:] = (a[1:] == a[:-1] + 1) & either[:-1] & either[1:]
    first = np.flatnonzero(either & ~cont)
    last = np.flatnonzero(either & ~np.r_[cont[1:], False])
    group = np.cumsum(either & ~cont) - 1
    count = np.cumsum(slow)  # slow segments up to and including each one
    before_group = count[first] - slow[first]
    g = np.where(either, group, 0)
    slow_before = count - before_group[g] - slow > 0
    slow_after = count[last[g]] - count > 0
    return bridge & slow_before & slow_after


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
    max_bridge_h: float = MAX_BRIDGE_H,
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
        Reports further apart are a silence, judged by the speed implied
        across it (:data:`MAX_GAP_H`).
    max_bridge_h : float
        Longest silence a slow run bridges when the speed implied across it
        is slow too (:data:`MAX_BRIDGE_H`); 0 bridges none.
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
        ``drag_signature`` (bool), ``slow_run_silent_h`` (float, hours of
        AIS silence the slow run bridged; 0 when none or not in a run).

        Distances come from a local metric frame at each segment (WGS84
        radii of curvature), good to about 0.1 % for segments of tens of
        kilometres; a crossing interpolated across a long gap is only as
        good as the straight line it assumes (see ``gap_h``).

    Raises
    ------
    InputError
        Missing columns, a naive ``time`` column, a threshold that is
        negative or not finite, or bad routes.

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

    from voyages.ais import _near_pairs as kernel  # numba: loaded when needed
    from voyages.ais._near_pairs import near_passages

    require_positions(positions)
    for label, value in (("near_nm", near_nm), ("context_h", context_h),
                         ("min_underway_kn", min_underway_kn),
                         ("drag_max_speed_kn", drag_max_speed_kn),
                         ("drag_speed_ratio", drag_speed_ratio),
                         ("drag_min_distance_nm", drag_min_distance_nm),
                         ("max_gap_h", max_gap_h), ("max_bridge_h", max_bridge_h)):
        check_number(label, value)
    routes = _as_routes(routes)
    out_empty = pd.DataFrame({c: [] for c in CROSSING_COLUMNS})
    if routes.empty or len(positions) < 2:
        return out_empty

    (track, t, lat, lon, sog, mmsi, a, b, m_lat, m_lon, dx, dy, length_nm, dt_h,
     speed) = _track(positions)
    if a.size == 0:
        return out_empty
    if not kernel.COMPILED and a.size > _INTERPRETED_WARN_SEGMENTS:
        warnings.warn(f"numba is not installed: {a.size:,} track segments are checked "
                      "against the routes in plain Python, about a hundred times slower; "
                      "pip install 'voyages[ais]'", VoyagesWarning, stacklevel=2)

    rseg, rowner = _route_segments(routes)
    uncertainty = routes["uncertainty_nm"].to_numpy(float)
    tol_m = (near_nm + (uncertainty if include_uncertainty else 0.0 * uncertainty)) * NM_M
    max_tol_m = float(tol_m.max())

    # 1. route segments outside the track's extent are dropped; the rest are filed
    #    under the grid cells within the search distance of them
    pad_lat = max_tol_m / 110_000.0 + 1e-6  # 1° of latitude ≥ 110.57 km (WGS84)
    lat_a, lat_b, lon_a, lon_b = lat[a], lat[b], lon[a], lon[b]
    lat_lo, lat_hi = np.minimum(lat_a, lat_b), np.maximum(lat_a, lat_b)
    lon_lo, lon_hi = np.minimum(lon_a, lon_b), np.maximum(lon_a, lon_b)
    wraps = np.abs(lon_b - lon_a) > 180.0
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
    rseg, rowner = np.ascontiguousarray(rseg[kept]), rowner[kept].astype(np.int64)
    rbox = np.column_stack([np.minimum(rseg[:, 0], rseg[:, 2]), np.minimum(rseg[:, 1], rseg[:, 3]),
                            np.maximum(rseg[:, 0], rseg[:, 2]), np.maximum(rseg[:, 1], rseg[:, 3])])
    index = _CellIndex(rseg, pad_lat, pad_lon, cell_deg=max(2 * pad_lat, _GRID_DEG))

    # 2. long segments (gaps, or across the antimeridian) whose box spans many cells
    #    take their candidates from an STRtree of the route segments instead (the
    #    others touch at most (_MAX_CELLS_ACROSS + 1)² cells)
    wide = _MAX_CELLS_ACROSS * index.cell
    big = wraps | (lon_hi - lon_lo >= wide) | (lat_hi - lat_lo >= wide)
    extra_ptr = np.zeros(a.size + 1, dtype=np.int64)
    extra = np.zeros(0, dtype=np.int64)
    if big.any():
        big_i = np.flatnonzero(big)
        tree = shapely.STRtree(shapely.linestrings(
            rseg.reshape(-1, 2), indices=np.repeat(np.arange(len(rseg)), 2)))
        boxes = shapely.box(np.where(wraps[big_i], -180.0, lon_lo[big_i] - pad_lon),
                            lat_lo[big_i] - pad_lat,
                            np.where(wraps[big_i], 180.0, lon_hi[big_i] + pad_lon),
                            lat_hi[big_i] + pad_lat)
        qi, qj = tree.query(boxes)
        order = np.argsort(qi, kind="stable")
        extra = qj[order].astype(np.int64)
        extra_ptr[1:] = np.cumsum(np.bincount(big_i[qi], minlength=a.size))

    # 3. one compiled pass: the passages, runs of a vessel's consecutive segments
    #    within a route's distance (exact, in each segment's local metric frame)
    keys, ptr, segs = index.csr()
    seg_vessel = mmsi[a]
    ints, floats, n_passages = near_passages(
        lon_a, lat_a, lon_b, lat_b, dx, dy, m_lat, m_lon, a.astype(np.int64),
        seg_vessel.astype(np.int64), big, keys, ptr, segs, float(index.cell), int(index.nx),
        extra_ptr, extra, rseg, rbox, rowner, tol_m, float(pad_lat), float(pad_lon))
    if n_passages == 0:
        return out_empty
    ints, floats = ints[:n_passages], floats[:n_passages]
    first_seg, last_seg = ints[:, kernel.FIRST_SEG], ints[:, kernel.LAST_SEG]
    route = ints[:, kernel.ROUTE]
    crossed = ints[:, kernel.CROSSED].astype(bool)
    min_dist_m = floats[:, kernel.MIN_DIST]
    # the event of a passage: its first crossing, else its closest approach
    k = np.where(crossed, ints[:, kernel.CROSS_SEG], ints[:, kernel.NEAR_SEG])
    f = np.where(crossed, floats[:, kernel.CROSS_FRAC], floats[:, kernel.NEAR_FRAC])

    # 4. vessel speeds: usual underway speed and slow runs
    underway = (speed >= min_underway_kn) & (dt_h <= max_gap_h)
    usual = usual_underway_speed(speed, seg_vessel, underway, drag_max_speed_kn)
    if usual_speed_kn:
        usual = pd.Series(dict(usual_speed_kn), dtype=float).combine_first(usual)
    usual_seg = usual.reindex(seg_vessel).to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        slow = (underway & (speed <= drag_max_speed_kn)
                & (speed <= drag_speed_ratio * usual_seg))
        # a silence is judged by the speed implied across it, never by the SOGs
        implied = length_nm / dt_h
        bridge = ((dt_h > max_gap_h) & (dt_h <= max_bridge_h)
                  & (implied >= min_underway_kn) & (implied <= drag_max_speed_kn)
                  & (implied <= drag_speed_ratio * usual_seg))
    slow = slow | _bridging(slow, bridge, a)
    prev_cont = np.zeros(a.size, dtype=bool)
    prev_cont[1:] = (a[1:] == a[:-1] + 1) & slow[:-1]
    run_start = slow & ~prev_cont
    run_id = np.where(slow, np.cumsum(run_start) - 1, -1)
    n_runs = int(run_start.sum())
    run_dist = np.bincount(run_id[slow], weights=length_nm[slow], minlength=n_runs)
    run_silent = np.bincount(run_id[slow], weights=np.where(bridge, dt_h, 0.0)[slow],
                             minlength=n_runs)
    run_first = np.full(n_runs, np.iinfo(np.int64).max)
    run_last = np.full(n_runs, -1)
    idx = np.flatnonzero(slow)
    np.minimum.at(run_first, run_id[idx], idx)
    np.maximum.at(run_last, run_id[idx], idx)

    # 5. the speeds around each passage's event
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
    # a segment without a speed (two reports at the same time and no SOG) is left
    # out: one NaN would poison every running sum after it
    valid = (dt_h <= max_gap_h) & np.isfinite(speed)
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
    run_silent_h = np.where(in_run, run_silent[safe], 0.0) if n_runs else np.zeros(k.size)
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
        "slow_run_silent_h": run_silent_h,
    })
    # sorted by mmsi, start, route_id (numbers: faster than sorting the strings)
    route_rank = np.unique(routes["route_id"].to_numpy().astype(str), return_inverse=True)[1]
    order = np.lexsort((route_rank.ravel()[route], times[a[first_seg]], seg_vessel[k]))
    return out.take(order).reset_index(drop=True).loc[:, list(CROSSING_COLUMNS)]


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

    Raises
    ------
    InputError
        ``lat``/``lon`` not finite or out of range, ``limit`` below 1, or
        bad routes.

    Examples
    --------
    >>> from voyages.cables import routes_frame
    >>> cable = routes_frame([("c", "Cable", [[(20.0, 59.0), (20.0, 60.0)]])])
    >>> round(float(nearest_routes(59.5, 20.1, cable).distance_nm[0]), 2)
    3.06
    """
    import pandas as pd
    from pyproj import Geod

    lat = check_number("lat", lat, minimum=-90.0, maximum=90.0)
    lon = check_number("lon", lon, minimum=-180.0, maximum=180.0)
    limit = int(check_number("limit", limit, minimum=1.0))
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
