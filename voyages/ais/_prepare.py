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
FLAGS = (FLAG_OK, FLAG_BAD_POSITION, FLAG_NO_TIME, FLAG_SPEED_JUMP)
"""Values of the ``flag`` column :func:`voyages.ais.clean` adds, in code order."""


@dataclass
class Track:
    """Sorted, usable positions as arrays (views where possible)."""

    mmsi: np.ndarray
    t: np.ndarray  # int64 ns
    lat: np.ndarray
    lon: np.ndarray
    first: np.ndarray
    frame: pd.DataFrame  # the usable rows, sorted (shares data with the input when it can)

    def column(self, name: str) -> np.ndarray | None:
        """A float64 column of the usable rows, or None when absent."""
        if name not in self.frame.columns:
            return None
        return self.frame[name].to_numpy(dtype="float64", na_value=np.nan)


def prepare(positions: pd.DataFrame, *, what: str = "positions") -> Track:
    """Check columns, keep usable rows (flag ``ok`` when flagged, a time, a position), sort."""
    C.require(positions, C.REQUIRED_POSITION_COLUMNS, what=what)
    frame = positions
    keep = None
    if C.FLAG in frame.columns:
        flag = frame[C.FLAG]
        codes = flag.cat.codes.to_numpy() if isinstance(flag.dtype, pd.CategoricalDtype) else None
        keep = (codes == 0) if codes is not None else (flag.to_numpy() == FLAG_OK)
    t = T.time_ns(frame)
    lat = frame[C.LAT].to_numpy(dtype="float64", na_value=np.nan)
    lon = frame[C.LON].to_numpy(dtype="float64", na_value=np.nan)
    valid = (t != np.iinfo("int64").min) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    keep = valid if keep is None else (keep & valid)
    mmsi = frame[C.MMSI].to_numpy(dtype="int64")
    if not keep.all():
        idx = np.flatnonzero(keep)
        frame = frame.take(idx)
        mmsi, t, lat, lon = mmsi[idx], t[idx], lat[idx], lon[idx]
    order = T.sort_order(mmsi, t, lat, lon)
    if order is not None:
        frame = frame.take(order)
        mmsi, t, lat, lon = mmsi[order], t[order], lat[order], lon[order]
    return Track(mmsi=mmsi, t=t, lat=lat, lon=lon, first=T.first_rows(mmsi),
                 frame=frame.reset_index(drop=True))


def to_utc(ns: np.ndarray) -> pd.DatetimeIndex:
    """int64 nanoseconds → tz-aware UTC timestamps."""
    return pd.DatetimeIndex(np.asarray(ns, dtype="int64").view("datetime64[ns]")).tz_localize("UTC")
