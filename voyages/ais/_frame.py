"""Private helpers shared by the AIS investigations: input checks and a local metric frame.

The local frame scales degrees to metres with the WGS84 radii of curvature
at a latitude (meridional ``M`` and prime-vertical ``N``), which is exact at
that latitude and good to about 0.1 % over a few tens of kilometres — the
scale of a track segment or a 500 m encounter. Headline distances that a
finding reports are recomputed on the geodesic with ``pyproj.Geod``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from voyages.ais.columns import require_timezone
from voyages.errors import InputError, VoyagesWarning

if TYPE_CHECKING:
    import pandas as pd

WGS84_A_M = 6378137.0
"""WGS84 semi-major axis in metres (NIMA TR8350.2, table 3.1)."""
WGS84_F = 1 / 298.257223563
"""WGS84 flattening (NIMA TR8350.2, table 3.1)."""
_E2 = WGS84_F * (2 - WGS84_F)

POSITION_COLUMNS = ("mmsi", "time", "lat", "lon")


def metres_per_degree(lat_deg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Metres per degree of latitude and of longitude at ``lat_deg`` (WGS84).

    >>> m_lat, m_lon = metres_per_degree(np.array([0.0]))
    >>> round(float(m_lat[0])), round(float(m_lon[0]))
    (110574, 111319)
    """
    phi = np.radians(lat_deg)
    s2 = np.sin(phi) ** 2
    w = np.sqrt(1.0 - _E2 * s2)
    m = WGS84_A_M * (1.0 - _E2) / w**3
    n = WGS84_A_M / w
    return m * np.pi / 180.0, n * np.cos(phi) * np.pi / 180.0


def wrap_dlon(dlon: np.ndarray) -> np.ndarray:
    """Longitude differences folded into -180..180 degrees.

    >>> wrap_dlon(np.array([190.0, -190.0, 10.0])).tolist()
    [-170.0, 170.0, 10.0]
    """
    dlon = np.asarray(dlon, dtype=float)
    if np.all(np.abs(dlon) <= 180.0):
        return dlon
    return (dlon + 180.0) % 360.0 - 180.0


def source_name(positions: pd.DataFrame) -> str:
    """The file a frame was read from (``attrs["read_report"]["path"]``), else ``positions``."""
    report = getattr(positions, "attrs", {}).get("read_report") or {}
    return str(report.get("path") or "positions")


def warn_untimed(positions: pd.DataFrame, count: int) -> None:
    """Warn that ``count`` positions without a time were left out of a time-based step.

    A position without a time (NaT: raw NMEA without tag blocks carries
    none) cannot be ordered, timed or given a speed; every time-based step
    leaves it out and says so once, naming the file when the frame came from
    :func:`voyages.ais.read` (``positions`` otherwise).
    """
    if count:
        import warnings

        warnings.warn(VoyagesWarning(f"{source_name(positions)}: {count:,} position(s) "
                                     "without time left out"), stacklevel=3)


def require_positions(positions: pd.DataFrame, *, name: str = "positions",
                      extra: tuple[str, ...] = ()) -> None:
    """Raise :class:`InputError` naming missing columns or a time column that is not UTC."""
    import pandas as pd

    if not isinstance(positions, pd.DataFrame):
        raise InputError(f"{name}: expected a pandas DataFrame, got {type(positions).__name__}")
    missing = [c for c in (*POSITION_COLUMNS, *extra) if c not in positions.columns]
    if missing:
        raise InputError(f"{name}: missing column(s) {', '.join(missing)}; "
                         f"expected at least {', '.join(POSITION_COLUMNS)}")
    require_timezone(positions, what=name)


def sorted_track(positions: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """The columns needed, rows with a position and a time, sorted by vessel then time.

    Input order does not matter: a track given newest-first gives the same
    result as oldest-first. Rows without a position are dropped: lat/lon
    missing, not finite, or outside -90..90 / -180..180 degrees (AIS sends
    91 and 181 for "not available", ITU-R M.1371-5, Message 1 table).
    Rows without a time (NaT) are dropped with one
    :class:`~voyages.errors.VoyagesWarning` counting them
    (:func:`warn_untimed`). Exact duplicates (same vessel, time and
    position) are kept once.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"mmsi": [1, 1, 1], "lat": [59.5, 91.0, 59.6],
    ...     "lon": [20.0, 181.0, 20.1], "time": pd.to_datetime(
    ...     ["2025-01-01 00:10", "2025-01-01 00:05", "2025-01-01 00:00"], utc=True)})
    >>> sorted_track(frame, ("mmsi", "time", "lat", "lon"))["lat"].tolist()
    [59.6, 59.5]
    """
    import pandas as pd

    cols = [c for c in columns if c in positions.columns]
    frame = positions.loc[:, cols]
    lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        placed = (np.abs(lat) <= 90.0) & (np.abs(lon) <= 180.0)  # False for NaN
    timed = frame["time"].notna().to_numpy()
    warn_untimed(positions, int((placed & ~timed).sum()))
    frame = frame[placed & timed]
    mmsi = frame["mmsi"].to_numpy()
    t = frame["time"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
    in_order = bool(np.all((mmsi[1:] > mmsi[:-1]) | ((mmsi[1:] == mmsi[:-1]) & (t[1:] >= t[:-1]))))
    if not in_order:
        order = np.lexsort((t, mmsi))
        frame = frame.iloc[order]
        mmsi, t = mmsi[order], t[order]
    lat = frame["lat"].to_numpy()
    lon = frame["lon"].to_numpy()
    dup = np.zeros(len(frame), dtype=bool)
    dup[1:] = ((mmsi[1:] == mmsi[:-1]) & (t[1:] == t[:-1]) & (lat[1:] == lat[:-1])
               & (lon[1:] == lon[:-1]))
    if dup.any():
        frame = frame[~dup]
    frame = frame.reset_index(drop=True)
    frame["time"] = frame["time"].dt.tz_convert("UTC")
    return frame


def seconds(times: pd.Series) -> np.ndarray:
    """UTC times as float seconds since the epoch."""
    return times.dt.tz_convert("UTC").to_numpy(dtype="datetime64[ns]").astype(np.int64) / 1e9
