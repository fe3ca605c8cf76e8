"""Column names and dtypes of the AIS frames voyages reads and returns.

Positions (one row per position report)::

    mmsi         int64                 Maritime Mobile Service Identity
    time         datetime64[ns, UTC]   when the position was received/reported
    lat, lon     float64               WGS84 degrees
    sog_kn       float64               speed over ground, knots (NaN: not available)
    cog_deg      float64               course over ground, degrees true (NaN: n/a)
    heading_deg  float64               true heading, degrees (NaN: n/a)
    nav_status   int8                  ITU-R M.1371 navigational status code
                                       (15 = "not defined", the AIS default)

Static and voyage data (AIS messages 5 and 24, CSV static columns)::

    mmsi, time, imo (Int64), name, call_sign, ship_type (Int64),
    length_m, beam_m, draught_m (float64), destination (str),
    eta (datetime64[ns, UTC], NaT when not given)

Every function that takes a frame checks its required columns on entry
with :func:`require` and raises :class:`voyages.errors.InputError` naming
the missing column. The ``time`` column must be timezone-aware
(:func:`require_timezone`): every function refuses naive times and
strings alike, since a naive time could be UTC or any local time. Times
known to be UTC: ``frame.assign(time=frame["time"].dt.tz_localize("UTC"))``;
text with offsets: ``pd.to_datetime(frame["time"], utc=True)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from voyages.errors import InputError

MMSI = "mmsi"
TIME = "time"
LAT = "lat"
LON = "lon"
SOG = "sog_kn"
COG = "cog_deg"
HEADING = "heading_deg"
NAV_STATUS = "nav_status"
FLAG = "flag"

POSITION_COLUMNS: tuple[str, ...] = (MMSI, TIME, LAT, LON, SOG, COG, HEADING, NAV_STATUS)
"""The columns of a positions frame, in order."""

REQUIRED_POSITION_COLUMNS: tuple[str, ...] = (MMSI, TIME, LAT, LON)
"""What reconstruction functions need; the others are used when present."""

IMO = "imo"
NAME = "name"
CALL_SIGN = "call_sign"
SHIP_TYPE = "ship_type"
LENGTH = "length_m"
BEAM = "beam_m"
DRAUGHT = "draught_m"
DESTINATION = "destination"
ETA = "eta"

STATIC_COLUMNS: tuple[str, ...] = (
    MMSI, TIME, IMO, NAME, CALL_SIGN, SHIP_TYPE, LENGTH, BEAM, DRAUGHT, DESTINATION, ETA,
)
"""The columns of a static/voyage-data frame, in order."""

TIME_DTYPE = "datetime64[ns, UTC]"

POSITION_DTYPES: dict[str, Any] = {
    MMSI: "int64",
    TIME: TIME_DTYPE,
    LAT: "float64",
    LON: "float64",
    SOG: "float64",
    COG: "float64",
    HEADING: "float64",
    NAV_STATUS: "int8",
}

STATIC_DTYPES: dict[str, Any] = {
    MMSI: "int64",
    TIME: TIME_DTYPE,
    IMO: "Int64",
    NAME: "object",
    CALL_SIGN: "object",
    SHIP_TYPE: "Int64",
    LENGTH: "float64",
    BEAM: "float64",
    DRAUGHT: "float64",
    DESTINATION: "object",
    ETA: TIME_DTYPE,
}

NAV_STATUS_UNDEFINED = 15
"""ITU-R M.1371-5 table 48: navigational status 15 = "undefined = default"."""

NAV_STATUS_AT_ANCHOR = 1
"""ITU-R M.1371-5 table 48: navigational status 1 = "at anchor"."""

NAV_STATUS_MOORED = 5
"""ITU-R M.1371-5 table 48: navigational status 5 = "moored"."""


def require(frame: Any, columns: Iterable[str], *, what: str = "positions") -> None:
    """Raise InputError when ``frame`` lacks one of ``columns``.

    Works on pandas and Dask frames (anything with ``.columns``).

    >>> import pandas as pd
    >>> require(pd.DataFrame({"mmsi": [1]}), ["mmsi", "time"])
    Traceback (most recent call last):
    ...
    voyages.errors.InputError: positions: missing column 'time' (have: mmsi); ...
    """
    have = list(getattr(frame, "columns", []))
    columns = list(columns)
    for column in columns:
        if column not in have:
            raise InputError(
                f"{what}: missing column {column!r} (have: {', '.join(map(str, have)) or 'none'});"
                f" read files with voyages.ais.read() or rename your columns"
            )
    if TIME in columns:
        require_timezone(frame, what=what)


def require_timezone(frame: Any, *, what: str = "positions") -> None:
    """Raise InputError unless ``frame["time"]`` is timezone-aware datetimes.

    Naive datetimes and text are refused alike, with the fix in the
    message: every AIS function treats times the same way. Works on pandas
    and Dask frames.

    >>> import pandas as pd
    >>> naive = pd.DataFrame({"time": pd.to_datetime(["2025-01-01 00:00"])})
    >>> require_timezone(naive)
    Traceback (most recent call last):
    ...
    voyages.errors.InputError: positions: column 'time' must be timezone-aware (UTC), got ...
    >>> require_timezone(naive.assign(time=naive["time"].dt.tz_localize("UTC")))
    """
    import pandas as pd

    dtype = frame[TIME].dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        return
    fix = ("if the times are UTC: frame.assign(time=frame['time'].dt.tz_localize('UTC'))"
           if pd.api.types.is_datetime64_dtype(dtype) else
           "convert with pd.to_datetime(frame['time'], utc=True)")
    raise InputError(f"{what}: column 'time' must be timezone-aware (UTC), got {dtype}; {fix}")
