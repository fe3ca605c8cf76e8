"""``voyages.ais.clean``: order, de-duplicate and flag positions.

Nothing is dropped: every row stays, with a ``flag``. Exact duplicates
(same MMSI, time, latitude and longitude — what several receivers hearing
one transmission produce) are flagged ``duplicate``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from voyages._validate import check_number
from voyages.ais import _track as T
from voyages.ais import columns as C
from voyages.ais._prepare import FLAGS
from voyages.ais.dask import is_dask
from voyages.units import NM_M

MAX_SPEED_KN = 25.0
"""Global Fishing Watch's segmenter: ``DEFAULT_MAX_KNOTS = 25`` (gpsdio-segment,
``gpsdio_segment/core.py``), the fastest a vessel is taken to move between
two reports of one track."""

CHUNK = 1 << 20
"""Rows screened at a time (bounded temporaries)."""

BUFFER_H = 10 / 60
"""Global Fishing Watch's segmenter: ``DEFAULT_BUFFER_HOURS = 10 / 60`` — time
added to the interval between two reports before applying the speed limit,
so that position noise on close reports is not a "jump"."""


def clean(positions: pd.DataFrame, *, max_speed_kn: float = MAX_SPEED_KN,
          buffer_h: float = BUFFER_H) -> pd.DataFrame:
    """Sort positions by vessel and time; flag impossible rows and exact duplicates.

    A row is flagged (column ``flag``, categorical):

    - ``bad_position``: latitude/longitude missing or outside [-90, 90] /
      [-180, 180];
    - ``no_time``: no time;
    - ``speed_jump``: reaching it from the vessel's previous report needs
      more than ``max_speed_kn`` over the elapsed time plus ``buffer_h``
      (WGS84 geodesic distance) — a lone outlier (too fast in and out) is
      flagged itself; a jump to a new place where the track then continues
      flags the first row there (a relocation, a shared or spoofed MMSI); a
      vessel's first report too far from the rest that follows is flagged
      itself;
    - ``duplicate``: the same MMSI, time, latitude and longitude as the
      previous report;
    - ``ok`` otherwise.

    Reconstruction functions (:func:`gaps`, :func:`port_calls`, ...) use
    only ``ok`` rows when a ``flag`` column is present.

    Parameters
    ----------
    positions : pandas.DataFrame
        Columns ``mmsi``, ``time``, ``lat``, ``lon`` required (see
        :mod:`voyages.ais.columns`); others are carried along. Not modified.
    max_speed_kn : float, default 25.0
        Speed limit between consecutive reports, knots. Source: Global
        Fishing Watch gpsdio-segment ``DEFAULT_MAX_KNOTS``.
    buffer_h : float, default 1/6
        Hours added to each interval. Source: gpsdio-segment
        ``DEFAULT_BUFFER_HOURS`` (10 minutes).

    Returns
    -------
    pandas.DataFrame
        A new frame with the same rows sorted by ``mmsi, time`` (ties by
        position; index 0..n-1), same columns plus ``flag`` (categorical:
        ok, bad_position, no_time, speed_jump, duplicate).
        ``attrs["clean_report"]``: ``{"rows", "reordered", "flags": {flag:
        count}}``; ``attrs["read_report"]`` is kept. Sorted input (what
        :func:`write` produces) is not copied: the new frame shares its
        columns copy-on-write.

    Raises
    ------
    InputError
        A required column is missing, ``time`` is not timezone-aware, or a
        threshold is not a finite number (``max_speed_kn`` > 0,
        ``buffer_h`` >= 0).

    Examples
    --------
    >>> import pandas as pd
    >>> from voyages.ais import clean
    >>> raw = pd.DataFrame({"mmsi": [1, 1, 1], "lat": [0.0, 0.01, 0.0],
    ...     "lon": [0.0, 5.0, 0.02], "time": pd.to_datetime(
    ...     ["2025-01-01 00:00", "2025-01-01 01:00", "2025-01-01 02:00"], utc=True)})
    >>> clean(raw)["flag"].tolist()
    ['ok', 'speed_jump', 'ok']
    """
    check_number("max_speed_kn", max_speed_kn, above=True)
    check_number("buffer_h", buffer_h)
    if is_dask(positions):
        from voyages.ais.dask import clean_partitions

        return clean_partitions(positions, clean, max_speed_kn=max_speed_kn, buffer_h=buffer_h)
    C.require(positions, C.REQUIRED_POSITION_COLUMNS)
    mmsi = positions[C.MMSI].to_numpy(dtype="int64")
    t = T.time_ns(positions)
    lat = positions[C.LAT].to_numpy(dtype="float64", na_value=np.nan)
    lon = positions[C.LON].to_numpy(dtype="float64", na_value=np.nan)
    order = T.sort_order(mmsi, t, lat, lon)
    if order is None:
        frame = positions.copy(deep=False)  # copy-on-write: the caller's frame stays as it is
    else:
        frame = positions.take(order)
        mmsi, t, lat, lon = mmsi[order], t[order], lat[order], lon[order]
    frame = frame.reset_index(drop=True)
    n = len(mmsi)
    codes = np.zeros(n, dtype="int8")
    bad_pos = ~((np.abs(lat) <= 90) & (np.abs(lon) <= 180))
    no_time = t == np.iinfo("int64").min
    codes[bad_pos] = 1
    codes[no_time & ~bad_pos] = 2
    valid = codes == 0
    if valid.all():
        codes[speed_jumps(mmsi, t, lat, lon, max_speed_kn=max_speed_kn, buffer_h=buffer_h)] = 3
    else:
        idx = np.flatnonzero(valid)
        jump = speed_jumps(mmsi[idx], t[idx], lat[idx], lon[idx], max_speed_kn=max_speed_kn,
                           buffer_h=buffer_h)
        codes[idx[jump]] = 3
    # exact repeats of the previous report (same vessel, time and position)
    if n > 1:
        dup = (mmsi[1:] == mmsi[:-1]) & (t[1:] == t[:-1]) & (lat[1:] == lat[:-1]) \
            & (lon[1:] == lon[:-1]) & (codes[1:] == 0)
        codes[1:][dup] = 4
    frame[C.FLAG] = pd.Categorical.from_codes(codes, categories=list(FLAGS))
    counts = np.bincount(codes, minlength=len(FLAGS))
    report: dict[str, Any] = {
        "rows": n,
        "reordered": order is not None,
        "flags": {name: int(c) for name, c in zip(FLAGS, counts, strict=True)},
    }
    frame.attrs = {**positions.attrs, "clean_report": report}
    return frame


def speed_jumps(mmsi: np.ndarray, t: np.ndarray, lat: np.ndarray, lon: np.ndarray, *,
                max_speed_kn: float = MAX_SPEED_KN, buffer_h: float = BUFFER_H) -> np.ndarray:
    """Boolean mask of rows flagged ``speed_jump`` (input sorted by mmsi, time; all valid)."""
    n = len(mmsi)
    if n < 2:
        return np.zeros(n, dtype=bool)
    first = T.first_rows(mmsi)
    # screen 1 (in chunks, bounded memory): an upper bound without trigonometry
    cand = np.zeros(n, dtype=bool)
    for start in range(1, n, CHUNK):
        stop = min(start + CHUNK, n)
        dt_h = (t[start:stop] - t[start - 1:stop - 1]) * (1.0 / 3.6e12)
        threshold = (dt_h + buffer_h) * (max_speed_kn * NM_M * (1.0 - T.APPROX_MARGIN))
        upper = T.step_upper_m(lat[start - 1:stop], lon[start - 1:stop])[1:]
        cand[start:stop] = upper > threshold
    cand &= ~first
    idx = np.flatnonzero(cand)
    dt_idx = (t[idx] - t[idx - 1]) * (1.0 / 3.6e12)
    limit_idx = (dt_idx + buffer_h) * (max_speed_kn * NM_M)
    if idx.size:  # screen 2: equirectangular
        step = T.approx_m(lat[idx - 1], lon[idx - 1], lat[idx], lon[idx])
        sure_fine = (step <= limit_idx * (1.0 - T.APPROX_MARGIN)) & (step <= T.APPROX_MAX_M) \
            & (np.abs(lat[idx]) <= T.APPROX_MAX_LAT)
        keep = ~sure_fine
        idx, limit_idx = idx[keep], limit_idx[keep]
    fast_in = np.zeros(n, dtype=bool)
    if idx.size:
        exact = T.geodesic_m(lat[idx - 1], lon[idx - 1], lat[idx], lon[idx])
        fast_in[idx] = exact > limit_idx
    if not fast_in.any():
        return fast_in
    fast_out = np.zeros(n, dtype=bool)
    fast_out[:-1] = fast_in[1:]
    spike = fast_in & fast_out
    prev_spike = np.zeros(n, dtype=bool)
    prev_spike[1:] = spike[:-1]
    prev_spike &= ~first
    jump = fast_in & ~spike & ~prev_spike
    # an outlier as a vessel's first row: too fast out, and the next row is fine onwards
    next_fast_out = np.zeros(n, dtype=bool)
    next_fast_out[:-1] = fast_out[1:]
    head = first & fast_out & ~next_fast_out
    if head.any():
        h = np.flatnonzero(head)
        jump[h + 1] = False
        jump[h] = True
    return spike | jump
