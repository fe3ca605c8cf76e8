"""Entry checks shared by the reconstruction functions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from voyages.ais import _track as T
from voyages.ais import columns as C

FLAG_OK = "ok"
FLAG_BAD_POSITION = "bad_position"
FLAG_NO_TIME = "no_time"
FLAG_SPEED_JUMP = "speed_jump"
FLAG_DUPLICATE = "duplicate"
FLAGS = (FLAG_OK, FLAG_BAD_POSITION, FLAG_NO_TIME, FLAG_SPEED_JUMP, FLAG_DUPLICATE)
"""Values of the ``flag`` column :func:`voyages.ais.clean` adds, in code order."""


@dataclass
class Track:
    """Sorted, usable positions as arrays; other columns fetched on demand."""

    mmsi: np.ndarray
    t: np.ndarray  # int64 ns
    lat: np.ndarray
    lon: np.ndarray
    first: np.ndarray
    source: pd.DataFrame  # the caller's frame (never modified)
    rows: np.ndarray | None  # source row of each track row; None = the same rows

    def column(self, name: str) -> np.ndarray | None:
        """A float64 column of the track's rows, or None when absent."""
        if name not in self.source.columns:
            return None
        values = self.source[name].to_numpy(dtype="float64", na_value=np.nan)
        return values if self.rows is None else values[self.rows]


def prepare(positions: pd.DataFrame, *, what: str = "positions") -> Track:
    """Check columns, keep usable rows (flag ``ok`` when flagged, a time, a position), sort.

    Only the arrays needed are gathered; the frame itself is never copied.
    """
    C.require(positions, C.REQUIRED_POSITION_COLUMNS, what=what)
    frame = positions
    keep = None
    if C.FLAG in frame.columns:
        flag = frame[C.FLAG]
        if isinstance(flag.dtype, pd.CategoricalDtype) and flag.cat.categories[0] == FLAG_OK:
            keep = flag.cat.codes.to_numpy() == 0
        else:
            keep = (flag == FLAG_OK).to_numpy()
    t = T.time_ns(frame)
    lat = frame[C.LAT].to_numpy(dtype="float64", na_value=np.nan)
    lon = frame[C.LON].to_numpy(dtype="float64", na_value=np.nan)
    valid = (t != np.iinfo("int64").min) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    keep = valid if keep is None else (keep & valid)
    mmsi = frame[C.MMSI].to_numpy(dtype="int64")
    rows = None
    if not keep.all():
        rows = np.flatnonzero(keep)
        mmsi, t, lat, lon = mmsi[rows], t[rows], lat[rows], lon[rows]
    order = T.sort_order(mmsi, t, lat, lon)
    if order is not None:
        rows = order if rows is None else rows[order]
        mmsi, t, lat, lon = mmsi[order], t[order], lat[order], lon[order]
    return Track(mmsi=mmsi, t=t, lat=lat, lon=lon, first=T.first_rows(mmsi), source=frame,
                 rows=rows)


def to_utc(ns: np.ndarray) -> pd.DatetimeIndex:
    """int64 nanoseconds → tz-aware UTC timestamps."""
    return pd.DatetimeIndex(np.asarray(ns, dtype="int64").view("datetime64[ns]")).tz_localize("UTC")
