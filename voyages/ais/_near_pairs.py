"""The inner loop of :func:`voyages.ais.cable_crossings`: track segments against routes.

One pass over the track segments (straight lines between a vessel's
consecutive reports, sorted by vessel and time). Each segment meets the
route segments filed under the grid cells its box touches (or, for a
segment whose box spans too many cells, the candidates an ``STRtree``
found); each candidate gets a box test, a test against its line, and then
the exact segment-to-segment distance in the segment's local metric frame.
A segment within a route's distance joins that route's open passage when
the vessel's previous segment was near the route too, and opens a new one
otherwise; a passage keeps its first and last segment, its minimum
distance, its first crossing and its closest approach.

The loop is compiled with numba (``pip install 'voyages[ais]'``), with its
machine code cached beside this file (numba's ``cache=True``; where that
folder is read-only, numba uses its user cache). The first call after an
install compiles it, a few seconds once; it is written as plain loops,
because numba compiles whole-array expressions and slice copies much more
slowly. Without numba
the same function runs as plain Python: identical results, about a hundred
times slower, so :func:`voyages.ais.cable_crossings` warns when it has a
large track to do that way.
"""

from __future__ import annotations

import math

import numpy as np


def _as_python(*args, **kwargs):
    """Without numba, ``@njit(...)`` leaves the function as Python."""
    if args and callable(args[0]):
        return args[0]
    return lambda func: func


try:
    from numba import njit

    COMPILED = True
except ImportError:  # pragma: no cover - numba is in the ais extra
    COMPILED = False
    njit = _as_python


@njit(cache=True)
def _wrap(dlon):
    # a longitude difference folded into -180..180 degrees
    if -180.0 <= dlon <= 180.0:
        return dlon
    return (dlon + 180.0) % 360.0 - 180.0


@njit(cache=True, error_model="numpy")
def _point_segment2(ax, ay, dx, dy, inv_len2, cx, cy):
    # squared distance from point c to segment a-(a+d), and the fraction along it of
    # its closest point; inv_len2 is 1 / |d|² (0 for a segment of no length)
    t = min(max(((cx - ax) * dx + (cy - ay) * dy) * inv_len2, 0.0), 1.0)
    ex, ey = ax + t * dx - cx, ay + t * dy - cy
    return ex * ex + ey * ey, t


@njit(cache=True, error_model="numpy")
def segment_distance(px, py, inv_p2, qx0, qy0, qx1, qy1):
    """Distance from segment (0,0)-(px,py) to (qx0,qy0)-(qx1,qy1), in metres.

    ``inv_p2`` is 1 / (px² + py²), or 0 when P has no length. Returns the
    distance, the fraction along P of the closest point (of the intersection
    when they cross) and whether they cross. Of equally close candidates the
    first of P's start, P's end, Q's start, Q's end wins.

    >>> segment_distance(10.0, 0.0, 0.01, 5.0, -1.0, 5.0, 1.0)
    (0.0, 0.5, True)
    >>> segment_distance(10.0, 0.0, 0.01, 12.0, 3.0, 12.0, 5.0)
    (3.605551275463989, 1.0, False)
    """
    ex, ey = qx1 - qx0, qy1 - qy0
    denom = px * ey - py * ex
    s_num = qx0 * ey - qy0 * ex
    u_num = qx0 * py - qy0 * px
    # s = s_num / denom and u = u_num / denom both in [0, 1], without dividing
    if denom > 0.0:
        crosses = 0.0 <= s_num <= denom and 0.0 <= u_num <= denom
    elif denom < 0.0:
        crosses = denom <= s_num <= 0.0 and denom <= u_num <= 0.0
    else:
        crosses = False
    if crosses:
        return 0.0, min(max(s_num / denom, 0.0), 1.0), True
    q2 = ex * ex + ey * ey
    inv_q2 = 1.0 / q2 if q2 > 0.0 else 0.0
    best, frac = _point_segment2(qx0, qy0, ex, ey, inv_q2, 0.0, 0.0)[0], 0.0
    d = _point_segment2(qx0, qy0, ex, ey, inv_q2, px, py)[0]
    if d < best:
        best, frac = d, 1.0
    d, t = _point_segment2(0.0, 0.0, px, py, inv_p2, qx0, qy0)
    if d < best:
        best, frac = d, t
    d, t = _point_segment2(0.0, 0.0, px, py, inv_p2, qx1, qy1)
    if d < best:
        best, frac = d, t
    return math.sqrt(best), frac, False


@njit(cache=True)
def _bisect(keys, key):
    # the first index of the sorted keys at or after key
    lo, hi = 0, keys.size
    while lo < hi:
        mid = (lo + hi) >> 1
        if keys[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    return lo


_TIE_M = 1e-6
"""Closer by less than this, in metres, is a tie, won by the earlier segment: the
closest approach at a report is the end of one segment and the start of the next,
measured in two local frames that differ in the last bits."""

# columns of the passage tables near_passages returns
FIRST_SEG, LAST_SEG, ROUTE, CROSSED, CROSS_SEG, NEAR_SEG = range(6)
MIN_DIST, CROSS_KEY, CROSS_FRAC, NEAR_DIST, NEAR_FRAC = range(5)


@njit(cache=True, error_model="numpy")
def near_passages(lon_a, lat_a, lon_b, lat_b, px, py, m_lat, m_lon, seg_pos, seg_vessel, big,
                  cell_keys, cell_ptr, cell_segs, cell_deg, nx,
                  extra_ptr, extra_segs,
                  rseg, rbox, rowner, tol_m, pad_lat, pad_lon):
    """Passages of track segments within each route's distance.

    Parameters (numpy arrays, one row per track segment unless said)
    ----------
    lon_a, lat_a, lon_b, lat_b : float64
        The segment's end points, degrees.
    px, py : float64
        Its end relative to its start, metres, in the frame ``m_lat``,
        ``m_lon`` (metres per degree at the segment's mid-latitude).
    seg_pos, seg_vessel : int64
        The row of the segment's first report, and the vessel: segments
        whose first reports are consecutive rows of one vessel follow each
        other.
    big : bool
        Segments whose box spans too many cells (or the antimeridian): their
        candidates come from ``extra_ptr``/``extra_segs`` (CSR by segment)
        instead of the cells.
    cell_keys, cell_ptr, cell_segs : int64
        The cell index: sorted cell keys (``row * nx + column`` of a grid of
        ``cell_deg`` degrees) and, in CSR form, the route segments filed
        under each.
    rseg, rbox : float64, (r, 4)
        Route segments (lon1, lat1, lon2, lat2) and their boxes (lon_lo,
        lat_lo, lon_hi, lat_hi).
    rowner : int64, (r,)
        The route each route segment belongs to.
    tol_m : float64, (routes,)
        Each route's search distance, metres.
    pad_lat, pad_lon : float
        The largest search distance in degrees, for the box test.

    Returns
    -------
    (ints, floats, n)
        The first ``n`` rows are the passages, in the order they open (the
        rest is room to grow). ``ints`` (int64,
        columns :data:`FIRST_SEG`, :data:`LAST_SEG`, :data:`ROUTE`,
        :data:`CROSSED` (0/1), :data:`CROSS_SEG` (the segment of the first
        crossing), :data:`NEAR_SEG` (of the closest approach without
        crossing)); ``floats`` (float64, :data:`MIN_DIST` (metres),
        :data:`CROSS_KEY` (segment + fraction of the first crossing),
        :data:`CROSS_FRAC`, :data:`NEAR_DIST`, :data:`NEAR_FRAC`, fractions
        along the segment). Ties (within :data:`_TIE_M` for the closest
        approach) go to the earlier segment, then to the candidate met first.
    """
    n_seg = lon_a.size
    n_route = tol_m.size
    half = np.empty(n_seg)
    inv_p2 = np.empty(n_seg)
    for k in range(n_seg):
        p2 = px[k] * px[k] + py[k] * py[k]
        half[k] = 0.5 * math.sqrt(p2)
        inv_p2[k] = 1.0 / p2 if p2 > 0.0 else 0.0
    seen = np.full(rseg.shape[0], -1, dtype=np.int64)
    # per route, for the segment in hand: crossed, and the closest pair so far
    stamp = np.full(n_route, -1, dtype=np.int64)
    crossed = np.zeros(n_route, dtype=np.bool_)
    best_d = np.zeros(n_route)
    best_f = np.zeros(n_route)
    touched = np.empty(n_route, dtype=np.int64)
    # per route, its open passage and the last segment near it
    open_passage = np.full(n_route, -1, dtype=np.int64)
    last_seg = np.full(n_route, -1, dtype=np.int64)
    ints = np.empty((1024, 6), dtype=np.int64)
    floats = np.empty((1024, 5))
    n_out = 0
    n_cells = cell_keys.size
    cand = np.empty(64, dtype=np.int64)
    last_key, last_pos = -1, 0
    for k in range(n_seg):
        lat_lo, lat_hi = min(lat_a[k], lat_b[k]), max(lat_a[k], lat_b[k])
        lon_lo, lon_hi = min(lon_a[k], lon_b[k]), max(lon_a[k], lon_b[k])
        wraps = abs(lon_b[k] - lon_a[k]) > 180.0
        # the candidate route segments: from the cells, or given
        n_cand = 0
        if big[k]:
            need = extra_ptr[k + 1] - extra_ptr[k]
            if need > cand.size:
                cand = np.empty(need, dtype=np.int64)
            for q in range(extra_ptr[k], extra_ptr[k + 1]):
                cand[n_cand] = extra_segs[q]
                n_cand += 1
        else:
            x0 = int(math.floor((lon_lo + 180.0) / cell_deg)) % nx
            x1 = int(math.floor((lon_hi + 180.0) / cell_deg)) % nx
            y0 = int(math.floor((lat_lo + 90.0) / cell_deg))
            y1 = int(math.floor((lat_hi + 90.0) / cell_deg))
            wx = (x1 - x0) % nx + 1
            several = wx > 1 or y1 > y0
            for cy in range(y0, y1 + 1):
                for ox in range(wx):
                    key = cy * nx + (x0 + ox) % nx
                    if key != last_key:  # a vessel stays in a cell for several reports
                        last_key, last_pos = key, _bisect(cell_keys, key)
                    pos = last_pos
                    if pos >= n_cells or cell_keys[pos] != key:
                        continue
                    for q in range(cell_ptr[pos], cell_ptr[pos + 1]):
                        j = cell_segs[q]
                        if several:
                            if seen[j] == k:
                                continue  # filed under two of the box's cells
                            seen[j] = k
                        if n_cand == cand.size:
                            grown = np.empty(2 * cand.size, dtype=np.int64)
                            for i in range(n_cand):
                                grown[i] = cand[i]
                            cand = grown
                        cand[n_cand] = j
                        n_cand += 1
        # room for the passages this segment can open: one a candidate at most
        if n_out + n_cand > ints.shape[0]:
            ints, floats = _grow(ints, floats, n_out + n_cand)
        n_touched = 0
        for c in range(n_cand):
            j = cand[c]
            # box test, line test, then the exact distance in the segment's frame
            if rbox[j, 1] > lat_hi + pad_lat or rbox[j, 3] < lat_lo - pad_lat:
                continue
            if not wraps and (rbox[j, 0] > lon_hi + pad_lon or rbox[j, 2] < lon_lo - pad_lon):
                continue
            route = rowner[j]
            qx0 = _wrap(rseg[j, 0] - lon_a[k]) * m_lon[k]
            qy0 = (rseg[j, 1] - lat_a[k]) * m_lat[k]
            qx1 = _wrap(rseg[j, 2] - lon_a[k]) * m_lon[k]
            qy1 = (rseg[j, 3] - lat_a[k]) * m_lat[k]
            # the segment's midpoint is within half its length of all its points, so
            # a midpoint further than that plus the distance from Q's line rules Q out
            ex, ey = qx1 - qx0, qy1 - qy0
            reach = half[k] + tol_m[route]
            line = ex * (0.5 * py[k] - qy0) - ey * (0.5 * px[k] - qx0)
            if line * line > reach * reach * (ex * ex + ey * ey):
                continue
            dist, frac, crosses = segment_distance(px[k], py[k], inv_p2[k], qx0, qy0, qx1, qy1)
            if dist > tol_m[route]:
                continue
            if stamp[route] != k:
                stamp[route] = k
                crossed[route] = False
                best_d[route] = np.inf
                touched[n_touched] = route
                n_touched += 1
            if crosses:
                # every crossing goes to its passage (the first, by fraction, is the event)
                crossed[route] = True
                n_out = _join(ints, floats, n_out, k, route, 0.0, frac, True,
                              open_passage, last_seg, seg_pos, seg_vessel)
            elif dist < best_d[route]:
                best_d[route] = dist
                best_f[route] = frac
        for t in range(n_touched):
            route = touched[t]
            if not crossed[route]:
                n_out = _join(ints, floats, n_out, k, route, best_d[route], best_f[route],
                              False, open_passage, last_seg, seg_pos, seg_vessel)
    return ints, floats, n_out


@njit(cache=True)
def _join(ints, floats, n_out, k, route, dist, frac, crosses,
          open_passage, last_seg, seg_pos, seg_vessel):
    # segment k near route: into the route's open passage when the vessel's previous
    # segment was near it too (or it is k itself), else into a new passage (the
    # caller has made room); returns the number of passages
    prev = last_seg[route]
    if prev >= 0 and (prev == k or (seg_pos[k] - seg_pos[prev] == 1
                                    and seg_vessel[k] == seg_vessel[prev])):
        q = open_passage[route]
    else:
        q = n_out
        n_out += 1
        open_passage[route] = q
        ints[q, FIRST_SEG], ints[q, ROUTE], ints[q, CROSSED] = k, route, 0
        ints[q, CROSS_SEG], ints[q, NEAR_SEG] = -1, -1
        floats[q, MIN_DIST], floats[q, CROSS_KEY], floats[q, NEAR_DIST] = np.inf, np.inf, np.inf
        floats[q, CROSS_FRAC], floats[q, NEAR_FRAC] = 0.0, 0.0
    last_seg[route] = k
    ints[q, LAST_SEG] = k
    floats[q, MIN_DIST] = min(floats[q, MIN_DIST], dist)
    if crosses:
        if k + frac < floats[q, CROSS_KEY]:
            ints[q, CROSSED], ints[q, CROSS_SEG] = 1, k
            floats[q, CROSS_KEY], floats[q, CROSS_FRAC] = k + frac, frac
    elif dist < floats[q, NEAR_DIST] - _TIE_M:
        ints[q, NEAR_SEG] = k
        floats[q, NEAR_DIST], floats[q, NEAR_FRAC] = dist, frac
    return n_out


@njit(cache=True)
def _grow(ints, floats, need):
    # the tables with room for at least need rows, twice as many as before
    rows = max(need, 2 * ints.shape[0])
    grown_i = np.empty((rows, ints.shape[1]), dtype=np.int64)
    grown_f = np.empty((rows, floats.shape[1]))
    for i in range(ints.shape[0]):
        for c in range(ints.shape[1]):
            grown_i[i, c] = ints[i, c]
        for c in range(floats.shape[1]):
            grown_f[i, c] = floats[i, c]
    return grown_i, grown_f
