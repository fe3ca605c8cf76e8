"""Entry checks shared by the reconstruction functions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from voyages.ais import _track as T
from voyages.ais import columns as C
from voyages.ais._frame import warn_untimed

FLAG_OK = "ok"
FLAG_BAD_POSITION = "bad_position"
FLAG_NO_TIME = "no_time"
FLAG_SPEED_JUMP = "speed_jump"
FLAG_DUPLICATE = "duplicate"
FLAGS = (FLAG_OK, FLAG_BAD_POSITION, FLAG_NO_TIME, FLAG_SPEED_JUMP, FLAG_DUPLICATE)
"""Values of the ``flag`` column :func:`voyages.ais.clean` adds, in code order."""


class _Gather:
    """``source[rows]`` on demand: indexing gathers only what is asked for."""

    def __init__(self, source: np.ndarray, rows: np.ndarray | None) -> None:
        self.source, self.rows = source, rows

    def __getitem__(self, idx):
        return self.source[idx] if self.rows is None else self.source[self.rows[idx]]

    def __len__(self) -> int:
        return len(self.source) if self.rows is None else len(self.rows)

    def __array__(self, dtype=None, copy=None):
        out = self.source if self.rows is None else self.source[self.rows]
        return out if dtype is None else out.astype(dtype)


class Track:
    """Sorted, usable positions: ``mmsi``, ``t`` (int64 ns) and ``first`` as arrays;
    ``lat``, ``lon`` and other columns gathered from the caller's frame on first use.

    The caller's frame is never copied or modified.
    """

    def __init__(self, mmsi: np.ndarray, t: np.ndarray, source: pd.DataFrame,
                 rows: np.ndarray | None, lat_src: np.ndarray, lon_src: np.ndarray) -> None:
        self.mmsi = mmsi
        self.t = t
        self.first = T.first_rows(mmsi)
        self.source = source
        self.rows = rows
        self._lat_src, self._lon_src = lat_src, lon_src
        self._lat: np.ndarray | None = None
        self._lon: np.ndarray | None = None

    @property
    def lat(self) -> np.ndarray:
        if self._lat is None:
            self._lat = np.asarray(_Gather(self._lat_src, self.rows))
        return self._lat

    @property
    def lon(self) -> np.ndarray:
        if self._lon is None:
            self._lon = np.asarray(_Gather(self._lon_src, self.rows))
        return self._lon

    def lat_at(self, idx: np.ndarray) -> np.ndarray:
        """Latitudes of some track rows without gathering the whole column."""
        return self.lat[idx] if self._lat is not None else _Gather(self._lat_src, self.rows)[idx]

    def lon_at(self, idx: np.ndarray) -> np.ndarray:
        """Longitudes of some track rows without gathering the whole column."""
        return self.lon[idx] if self._lon is not None else _Gather(self._lon_src, self.rows)[idx]

    def column(self, name: str, idx: np.ndarray | None = None) -> np.ndarray | None:
        """A column as float64 for the track's rows (or only rows ``idx``); None when absent."""
        if name not in self.source.columns:
            return None
        values = self.source[name].to_numpy()
        if self.rows is not None:
            values = values[self.rows] if idx is None else values[self.rows[idx]]
        elif idx is not None:
            values = values[idx]
        return np.asarray(pd.array(values).to_numpy(dtype="float64", na_value=np.nan)) \
            if values.dtype.kind not in "fiu" else values.astype("float64", copy=False)


def prepare(positions: pd.DataFrame, *, what: str = "positions") -> Track:
    """Check columns, keep usable rows (flag ``ok`` when flagged, a time, a position), sort.

    Positions without a time are left out with one
    :class:`~voyages.errors.VoyagesWarning` counting them. Only the arrays
    needed are gathered; the frame itself is never copied.
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
    valid = np.abs(lat) <= 90
    valid &= np.abs(lon) <= 180
    timed = t != np.iinfo("int64").min
    warn_untimed(positions, int((valid & ~timed).sum()))
    valid &= timed
    del timed
    keep = valid if keep is None else (keep & valid)
    del valid
    mmsi = frame[C.MMSI].to_numpy(dtype="int64")
    rows = None
    if not keep.all():
        rows = np.flatnonzero(keep)
        mmsi, t = mmsi[rows], t[rows]
    del keep
    order = T.sort_order(mmsi, t, _Gather(lat, rows), _Gather(lon, rows))
    if order is not None:
        rows = order if rows is None else rows[order]
        mmsi, t = mmsi[order], t[order]
    return Track(mmsi, t, frame, rows, lat, lon)


def to_utc(ns: np.ndarray) -> pd.DatetimeIndex:
    """int64 nanoseconds → tz-aware UTC timestamps."""
    return pd.DatetimeIndex(np.asarray(ns, dtype="int64").view("datetime64[ns]")).tz_localize("UTC")
