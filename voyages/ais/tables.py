"""CSV exports of AIS positions: NOAA MarineCadastre, Danish Maritime Authority, any CSV.

- **NOAA MarineCadastre** (``MMSI, BaseDateTime, LAT, LON, SOG, COG,
  Heading, VesselName, IMO, CallSign, VesselType, Status, Length, Width,
  Draft, ...``): ISO times in UTC; ``Heading`` 511 and ``COG`` 360 mean
  "not available" (ITU-R M.1371), as does ``SOG`` 102.3; a negative SOG,
  which no AIS message can carry (ITU-R M.1371-5: 0-102.2 kn),
  is read as not available too.
- **Danish Maritime Authority** (``# Timestamp, Type of mobile, MMSI,
  Latitude, Longitude, Navigational status, ROT, SOG, COG, Heading, IMO,
  Callsign, Name, Ship type, ..., Width, Length, ..., Draught,
  Destination, ETA, ...``): day-first times (``31/12/2021 23:59:59``, UTC);
  navigational status as text; rows of base stations, AtoN and SAR
  aircraft are skipped (counted as ``not_a_vessel``).
- **Any other CSV**: columns found by common names (``mmsi``; ``time``,
  ``timestamp``, ``datetime``, ``basedatetime``; ``lat``/``latitude``;
  ``lon``/``lng``/``longitude``; ``sog``/``speed``; ``cog``/``course``;
  ``heading``; ``status``/``nav_status``), or given explicitly with
  ``columns={"mmsi": "ShipId", "time": "When", ...}`` (our name → yours).
  Times: ISO 8601, or the first of day-first ``dd/mm/YYYY HH:MM[:SS]``,
  ``YYYYmmdd_HHMMSS`` or unix seconds that parses them; override with
  ``time_format=``. Day-first is never assumed: unless some time has a day
  above 12, slashed dates are refused as ambiguous (a ``DataFileError``
  asking for ``time_format``), as are month-first ones. Times without a
  zone are taken as UTC; a column that mixes them with times carrying a
  non-zero UTC offset (``+08:00``) is refused (a ``DataFileError`` quoting
  one of each).

Rows without a usable MMSI (:func:`parse_mmsi`: nine digits at most, ITU-R
M.585), time or position are dropped and counted in the read report
(``bad_mmsi``, ``bad_time``, ``no_position``, ``bad_position``); rows the
CSV parser cannot split are counted as ``malformed``; a field longer than
``csv.field_size_limit()`` is a ``DataFileError`` naming the file and line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from voyages._opener import (
    TextEncoding,
    corrupt_gzip,
    open_binary,
    open_text,
    sniff_delimiter,
    text_encoding,
)
from voyages.ais import columns as C
from voyages.ais.report import ReadReport
from voyages.errors import DataFileError

NOAA_COLUMNS = {
    C.MMSI: "MMSI", C.TIME: "BaseDateTime", C.LAT: "LAT", C.LON: "LON", C.SOG: "SOG",
    C.COG: "COG", C.HEADING: "Heading", C.NAV_STATUS: "Status",
}
NOAA_STATIC = {
    C.IMO: "IMO", C.NAME: "VesselName", C.CALL_SIGN: "CallSign", C.SHIP_TYPE: "VesselType",
    C.LENGTH: "Length", C.BEAM: "Width", C.DRAUGHT: "Draft",
}
DMA_COLUMNS = {
    C.MMSI: "MMSI", C.TIME: "# Timestamp", C.LAT: "Latitude", C.LON: "Longitude",
    C.SOG: "SOG", C.COG: "COG", C.HEADING: "Heading", C.NAV_STATUS: "Navigational status",
}
DMA_STATIC = {
    C.IMO: "IMO", C.NAME: "Name", C.CALL_SIGN: "Callsign", C.LENGTH: "Length",
    C.BEAM: "Width", C.DRAUGHT: "Draught", C.DESTINATION: "Destination", C.ETA: "ETA",
}
DMA_TIME_FORMAT = "%d/%m/%Y %H:%M:%S"

ALIASES: dict[str, tuple[str, ...]] = {
    C.MMSI: ("mmsi", "ssvid", "userid", "shipid", "vesselid", "id"),
    C.TIME: ("time", "timestamp", "basedatetime", "datetime", "aispostimestamp", "timestamputc",
             "t", "date"),
    C.LAT: ("lat", "latitude", "y"),
    C.LON: ("lon", "lng", "long", "longitude", "x"),
    C.SOG: ("sogkn", "sog", "speed", "speedoverground"),
    C.COG: ("cogdeg", "cog", "course", "courseoverground"),
    C.HEADING: ("headingdeg", "heading", "trueheading"),
    C.NAV_STATUS: ("navstatus", "navigationalstatus", "navigationstatus", "status"),
}
"""Header names (folded: lower case, letters and digits only) tried for each column."""

TIME_FORMATS = ("ISO8601", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y%m%d_%H%M%S")
"""Time formats tried in order on a CSV without ``time_format``."""

# ITU-R M.1371-5 table 48 navigational status, by the words exports use.
NAV_STATUS_WORDS = {
    "underwayusingengine": 0, "atanchor": 1, "notundercommand": 2,
    "restrictedmanoeuvrability": 3, "restrictedmaneuverability": 3,
    "restrictedmanoeuverability": 3, "constrainedbyherdraught": 4, "moored": 5,
    "aground": 6, "engagedinfishing": 7, "underwaysailing": 8, "aissart": 14,
    "undefined": 15, "unknownvalue": 15, "unknown": 15, "notdefined": 15,
}
VESSEL_MOBILE_TYPES = frozenset({"class a", "class b"})
"""DMA ``Type of mobile`` values that are vessels."""


def fold(name: str) -> str:
    """Fold a header for matching: ``'# Timestamp'`` → ``'timestamp'``.

    >>> fold("\\ufeffBaseDateTime")
    'basedatetime'
    """
    return re.sub(r"[^a-z0-9]", "", name.lower())


def sniff_csv(header: list[str]) -> str | None:
    """``"noaa"``, ``"dma"``, ``"csv"`` (generic with MMSI/time/lat/lon found) or None."""
    names = {h.strip().lstrip("\ufeff") for h in header}
    if {"MMSI", "BaseDateTime", "LAT", "LON"} <= names:
        return "noaa"
    if {"# Timestamp", "MMSI", "Latitude", "Longitude"} <= names:
        return "dma"
    if map_columns(header, None, required_only=True) is not None:
        return "csv"
    return None


def missing_required(header: list[str]) -> list[str]:
    """Our required position columns that no header name (or alias) supplies.

    >>> missing_required(["MMSI", "BaseDateTime", "LAT", "SOG"])
    ['lon']
    """
    folded = {fold(h) for h in header}
    return [ours for ours in C.REQUIRED_POSITION_COLUMNS
            if not any(name in folded for name in ALIASES[ours])]


def map_columns(header: list[str], given: dict[str, str] | None, *,
                required_only: bool = False) -> dict[str, str] | None:
    """Our column → the file's column; None when a required one is missing."""
    folded = {fold(h): h for h in header}
    mapping: dict[str, str] = {}
    for ours, names in ALIASES.items():
        if given and ours in given:
            continue
        for name in names:
            if name in folded and folded[name] not in mapping.values():
                mapping[ours] = folded[name]
                break
    if given:
        mapping.update(given)
    if any(col not in mapping for col in C.REQUIRED_POSITION_COLUMNS):
        return None
    if required_only:
        return {k: v for k, v in mapping.items() if k in C.REQUIRED_POSITION_COLUMNS}
    return mapping


_CLI_TIME_FORMAT = ("(--time-format with `voyages ais`, --ais-time-format with `voyages check` "
                    "and `voyages report`)")


def parse_times(values: pd.Series, time_format: str | None = None, *,
                where: str = "times") -> pd.Series:
    """Parse a column of times to ``datetime64[ns, UTC]`` (NaT where unparseable).

    Without ``time_format`` the first of :data:`TIME_FORMATS` that reads 90 %
    of the first 200 values is used. A slashed date (``03/04/2025``) is read
    day-first only when the column proves it, some value having a first
    field above 12; otherwise it could be 3 April or 4 March, and a wrong
    guess would shift every time in the file by up to 11 months.

    Raises
    ------
    DataFileError
        Slashed dates with no day above 12 (ambiguous), or month-first ones
        (``12/31/2024``): ``where`` and an example named, with the
        ``time_format`` to pass.
    """
    if pd.api.types.is_numeric_dtype(values):
        return pd.to_datetime(values, unit="s", utc=True, errors="coerce").astype(C.TIME_DTYPE)
    text = values.astype("string").str.strip()
    formats = (time_format,) if time_format else TIME_FORMATS
    sample = text.dropna().head(200)
    best = formats[0]
    if not time_format and len(sample):
        for fmt in formats:
            parsed = pd.to_datetime(sample, format=fmt, utc=True, errors="coerce")
            if parsed.notna().mean() >= 0.9:
                best = fmt
                break
        else:
            numeric = pd.to_numeric(sample, errors="coerce")
            if numeric.notna().mean() >= 0.9 and numeric.median() > 1e8:
                return pd.to_datetime(pd.to_numeric(text, errors="coerce"), unit="s", utc=True,
                                      errors="coerce").astype(C.TIME_DTYPE)
    if best == "ISO8601":
        _check_one_zone_style(text, where)
    out = pd.to_datetime(text, format=best, utc=True, errors="coerce").astype(C.TIME_DTYPE)
    if not time_format and best.startswith("%d/%m/"):
        _check_day_first(text, out, best, where)
    return out


_OFFSET = r"(?:[Zz]|[+-]\d\d(?::?\d\d)?)$"
"""An ISO 8601 time's zone designator at its end: ``Z`` or ``±hh[:mm]``."""
_UTC_OFFSET = r"(?:[Zz]|[+-]00(?::?00)?)$"


def _check_one_zone_style(text: pd.Series, where: str) -> None:
    """Refuse a column that mixes times without a UTC offset and times with a non-zero one.

    A time without an offset is read as UTC; beside times with one
    (``+08:00``) it is more likely local time, and reading it as UTC would
    shift it by hours without a word. Beside ``Z`` (or ``+00:00``) it is
    read as UTC.
    """
    values = text.dropna()
    values = values[values.str.len() > 10]  # a date alone carries no zone
    if values.empty:
        return
    has = values.str.contains(_OFFSET, regex=True).to_numpy(dtype=bool)
    if has.all() or not has.any():
        return
    utc = values.str.contains(_UTC_OFFSET, regex=True).to_numpy(dtype=bool)
    if (utc | ~has).all():  # "Z" beside naive times: both UTC, as the writer meant
        return
    with_offset, naive = values[has & ~utc].iloc[0], values[~has].iloc[0]
    raise DataFileError(
        f"{where}: mixes times with a UTC offset ({with_offset!r}) and without one "
        f"({naive!r}, {int((~has).sum())} such); a time without an offset is read as UTC, "
        "which would misplace local times: give every time an offset, or none")


def _check_day_first(text: pd.Series, parsed: pd.Series, fmt: str, where: str) -> None:
    """Refuse a guessed day-first reading the column does not prove (see :func:`parse_times`)."""
    if (parsed.dt.day > 12).any():  # a first field above 12 can only be a day
        return
    month_first = "%m/%d/" + fmt[len("%d/%m/"):]
    failed = text[parsed.isna()].dropna()
    as_month_first = pd.to_datetime(failed, format=month_first, utc=True, errors="coerce")
    if as_month_first.notna().any():
        example = failed[as_month_first.notna()].iloc[0]
        raise DataFileError(f"{where}: times are month-first ({example!r}); pass "
                            f"time_format={month_first!r} {_CLI_TIME_FORMAT}")
    example = text.dropna().iloc[0]
    raise DataFileError(
        f"{where}: {example!r} may be day-first or month-first (no time in the file has a day "
        f"above 12); pass time_format={fmt!r} (day-first) or {month_first!r} (month-first) "
        f"{_CLI_TIME_FORMAT}")


MMSI_DIGITS = 9
"""An MMSI has nine digits (ITU-R M.585-9, Annex 1: "Maritime mobile service identities
… are formed of a series of nine digits"); leading zeros are part of it (``0MIDxxxxx``
group, ``00MIDxxxx`` coast stations), so a file may write it with fewer digits."""


def parse_mmsi(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A CSV's MMSI column as int64, and which rows cannot be an MMSI.

    Read: whole numbers from 1 to 999,999,999 (:data:`MMSI_DIGITS` digits at
    most; a file that stripped leading zeros gives fewer), also written as
    a float (``412345678.0``, ``4.12345678e+08``: pandas writes an integer
    column holding a blank that way) when the value is whole. Refused
    (``bad`` True, counted as ``bad_mmsi``): text (``abc123``), a fraction,
    zero or negative, and more than nine digits (``0412345678``: which nine
    were meant cannot be known).

    >>> mmsi, bad = parse_mmsi(pd.Series(["412345678", "412345678.0", "012345678",
    ...                                   "0412345678", "abc123", "4123456.5", None]))
    >>> mmsi[~bad].tolist(), bad.tolist()
    ([412345678, 412345678, 12345678], [False, False, False, True, True, True, True])
    """
    text = values.astype("string").str.strip()
    number = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    too_long = text.str.fullmatch(rf"\d{{{MMSI_DIGITS + 1},}}").fillna(False).to_numpy(
        dtype=bool)
    with np.errstate(invalid="ignore"):
        bad = (~np.isfinite(number) | (number <= 0) | (number != np.floor(number))
               | (number >= 10.0 ** MMSI_DIGITS) | too_long)
    return np.where(bad, 0, number).astype("int64"), bad


UNREADABLE_MMSI = "unreadable_mmsi"
"""``attrs`` key of :func:`voyages.ais.read_static` on a CSV: the IMO numbers and names
on rows dropped for an MMSI that cannot be read (columns ``mmsi_text``, ``imo``,
``name``, ``rows``)."""


def _unreadable_identities(raw: pd.DataFrame, mmsi_col: str,
                           extra: dict[str, str]) -> pd.DataFrame:
    """Who the rows with an unreadable MMSI say they are (their IMO numbers and names)."""
    out = pd.DataFrame({"mmsi_text": raw[mmsi_col].astype("string").fillna("")})
    imo = raw.get(extra.get(C.IMO, ""))
    out["imo"] = (imo.astype("string").str.extract(r"(\d{7})", expand=False).fillna("")
                  if imo is not None else "")
    name = raw.get(extra.get(C.NAME, ""))
    out["name"] = name.astype("string").str.strip().fillna("") if name is not None else ""
    return (out.groupby(["mmsi_text", "imo", "name"], sort=True).size()
            .rename("rows").reset_index())


def _nav_status(values: pd.Series) -> np.ndarray:
    numeric = pd.to_numeric(values, errors="coerce")
    if values.dtype.kind not in "iuf" and numeric.isna().mean() > 0.5:
        numeric = values.astype("string").map(
            lambda s: NAV_STATUS_WORDS.get(fold(s), C.NAV_STATUS_UNDEFINED) if s is not pd.NA
            else C.NAV_STATUS_UNDEFINED
        ).astype("float64")
    out = numeric.to_numpy(dtype="float64", na_value=np.nan)
    out = np.where(np.isfinite(out) & (out >= 0) & (out <= 15), out, C.NAV_STATUS_UNDEFINED)
    return out.astype("int8")


def _float(values: pd.Series | None, n: int, missing: tuple[float, ...] = (), *,
           decimal_comma: bool = False) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    if decimal_comma:  # a ';'/tab-separated export: "25,5" is 25.5
        values = values.str.replace(",", ".", regex=False)
    out = np.array(pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64",
                                                                   na_value=np.nan))
    for value in missing:
        out[out == value] = np.nan
    return out


@contextmanager
def _csv_line_errors(path: Path, reader: Any) -> Iterator[None]:
    """A :mod:`csv` error (a field over ``csv.field_size_limit()``, 131,072 characters by
    default) as a DataFileError naming the file and line."""
    try:
        yield
    except csv.Error as err:
        raise DataFileError(f"{path}: line {max(reader.line_num, 1)}: {err}") from err


def _scan_rows(path: Path, report: ReadReport, n_fields: int, encoding: TextEncoding,
               delimiter: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Line number of every data row, and which are short or long.

    Rows with too few or too many fields are malformed (pandas pads the
    short ones and, depending on ``usecols``, keeps or skips the long
    ones); they are counted here with their line numbers.
    """
    lines: list[int] = []
    sizes: list[int] = []
    with corrupt_gzip(path), open_text(path, encoding.codec, encoding.errors) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        with _csv_line_errors(path, reader):
            next(reader, None)
            for row in reader:
                if not row:
                    continue
                lines.append(reader.line_num)
                sizes.append(len(row))
                if len(row) != n_fields:
                    report.add("malformed", reader.line_num, delimiter.join(row))
    size = np.asarray(sizes, dtype="int64")
    return np.asarray(lines, dtype="int64"), size < n_fields, size > n_fields


def read_csv(path: Path, *, kind: str, report: ReadReport, columns: dict[str, str] | None = None,
             time_format: str | None = None, static: bool = False) -> pd.DataFrame:
    """Read a CSV export into positions (or static rows when ``static``)."""
    encoding = text_encoding(path, "AIS CSV")
    with corrupt_gzip(path), open_text(path, encoding.codec, encoding.errors) as fh:
        delimiter = sniff_delimiter(fh.readline())
    with corrupt_gzip(path), open_text(path, encoding.codec, encoding.errors) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        with _csv_line_errors(path, reader):
            header = next(reader, [])
    if kind == "noaa":
        mapping = dict(NOAA_COLUMNS)
        extra = NOAA_STATIC
    elif kind == "dma":
        mapping = dict(DMA_COLUMNS)
        extra = DMA_STATIC
        time_format = time_format or DMA_TIME_FORMAT
    else:
        found = map_columns(header, columns)
        if found is None:
            raise DataFileError(
                f"{path}: not an AIS CSV: no MMSI, time, latitude and longitude columns among "
                f"{', '.join(header[:12])}; pass columns={{'mmsi': ..., 'time': ..., 'lat': ..., "
                f"'lon': ...}}"
            )
        mapping = found
        extra = {}
    if columns:
        mapping.update(columns)
    missing = [theirs for ours, theirs in mapping.items()
               if theirs not in header and ours in C.REQUIRED_POSITION_COLUMNS]
    if missing:
        raise DataFileError(f"{path}: missing required column(s) {', '.join(missing)} "
                            f"(have: {', '.join(header[:12])})")
    # optional columns (SOG, COG, heading, status) the file lacks are read as "not available"
    mapping = {ours: theirs for ours, theirs in mapping.items() if theirs in header}
    wanted = list(dict.fromkeys(list(mapping.values()) + [c for c in extra.values() if c in header]
                                + (["Type of mobile"] if kind == "dma" else [])))
    with corrupt_gzip(path), open_binary(path) as fh:
        raw = pd.read_csv(fh, sep=delimiter, usecols=wanted, dtype=str, encoding=encoding.codec,
                          encoding_errors=encoding.errors, on_bad_lines="skip",
                          keep_default_na=True, engine="c")
    n = len(raw)
    lineno, short, long = _scan_rows(path, report, len(header), encoding, delimiter)
    report.lines = len(lineno)
    if len(lineno) == n:
        keep = ~(short | long)
    elif len(lineno) - int(long.sum()) == n:  # pandas skipped the long rows itself
        lineno, keep = lineno[~long], ~short[~long]
    else:  # quoting read differently: fall back to row numbers
        lineno, keep = np.arange(n) + 2, np.ones(n, dtype=bool)
    if kind == "dma":
        vessel = raw["Type of mobile"].str.strip().str.lower().isin(VESSEL_MOBILE_TYPES).to_numpy()
        _drop(report, "not_a_vessel", ~vessel & keep, raw, lineno)
        keep &= vessel
    mmsi, bad = parse_mmsi(raw[mapping[C.MMSI]])
    _drop(report, "bad_mmsi", bad & keep, raw, lineno)
    if static and (bad & keep).any():
        unreadable = _unreadable_identities(raw[bad & keep], mapping[C.MMSI], extra)
    else:
        unreadable = None
    keep &= ~bad
    times = parse_times(raw[mapping[C.TIME]], time_format,
                        where=f"{path}: column {mapping[C.TIME]!r}")
    bad = times.isna().to_numpy()
    _drop(report, "bad_time", bad & keep, raw, lineno)
    keep &= ~bad
    report.messages = int(keep.sum())
    if static:
        frame = _static_frame(raw[keep], mmsi[keep], times[keep], extra, kind, report,
                              decimal_comma=delimiter != ",")
        if unreadable is not None:
            frame.attrs[UNREADABLE_MMSI] = unreadable
        return frame
    comma = delimiter != ","
    lat = _float(raw[mapping[C.LAT]], n, decimal_comma=comma)
    lon = _float(raw[mapping[C.LON]], n, decimal_comma=comma)
    keep &= _placed(report, lat, lon, keep, raw, lineno)
    sog = _float(raw.get(mapping.get(C.SOG, "")), n, (102.3,), decimal_comma=comma)
    sog[sog < 0] = np.nan  # no AIS speed is negative (ITU-R M.1371-5: 0-102.2 kn, 102.3 n/a)
    cog = _float(raw.get(mapping.get(C.COG, "")), n, (360.0,), decimal_comma=comma)
    heading = _float(raw.get(mapping.get(C.HEADING, "")), n, (511.0,), decimal_comma=comma)
    status_col = raw.get(mapping.get(C.NAV_STATUS, ""))
    status = (_nav_status(status_col) if status_col is not None
              else np.full(n, C.NAV_STATUS_UNDEFINED, dtype="int8"))
    frame = pd.DataFrame({
        C.MMSI: mmsi[keep].astype("int64"),
        C.TIME: times.to_numpy()[keep],
        C.LAT: lat[keep], C.LON: lon[keep], C.SOG: sog[keep], C.COG: cog[keep],
        C.HEADING: heading[keep], C.NAV_STATUS: status[keep],
    })
    frame[C.TIME] = frame[C.TIME].astype(C.TIME_DTYPE)
    report.positions = len(frame)
    return frame


def has_position_dtypes(frame: pd.DataFrame) -> bool:
    """Whether ``frame`` already holds our required columns with their dtypes.

    ``mmsi`` integer, ``time`` datetime, ``lat``/``lon`` numeric: a Parquet
    file :func:`voyages.ais.write` (or pandas) wrote from positions.
    """
    if any(c not in frame.columns for c in C.REQUIRED_POSITION_COLUMNS):
        return False
    return (pd.api.types.is_integer_dtype(frame[C.MMSI])
            and pd.api.types.is_datetime64_any_dtype(frame[C.TIME])
            and pd.api.types.is_numeric_dtype(frame[C.LAT])
            and pd.api.types.is_numeric_dtype(frame[C.LON]))


def positions_from_table(table: pd.DataFrame, *, path: Path, report: ReadReport,
                         columns: dict[str, str] | None = None,
                         time_format: str | None = None) -> pd.DataFrame:
    """Positions from a frame read from a typed file (Parquet), checked like a CSV's columns.

    Columns are found by the same names as in a CSV (:data:`ALIASES`, so
    NOAA's ``MMSI, BaseDateTime, LAT, LON`` work) or given by ``columns``;
    text columns are parsed as a CSV's are (:func:`parse_mmsi`,
    :func:`parse_times`, numbers), rows that do not parse are dropped and
    counted in ``report``; a datetime column without a zone is read as UTC.

    Raises
    ------
    DataFileError
        A required column is missing, or no value in it can be read
        (``path``, the column and its type named).
    """
    header = [str(c) for c in table.columns]
    mapping = map_columns(header, columns)
    if mapping is None or any(theirs not in header for ours, theirs in mapping.items()
                              if ours in C.REQUIRED_POSITION_COLUMNS):
        missing = missing_required(header) or [c for c in C.REQUIRED_POSITION_COLUMNS
                                               if c not in (mapping or {})]
        raise DataFileError(f"{path}: missing column {missing[0]!r} (have: "
                            f"{', '.join(header[:12]) or 'none'}); rename your columns or pass "
                            "columns={'mmsi': ..., 'time': ..., 'lat': ..., 'lon': ...}")
    mapping = {ours: theirs for ours, theirs in mapping.items() if theirs in header}
    raw = table.rename(columns=str)
    n = len(raw)
    report.lines = n
    lineno = np.arange(n) + 1  # row numbers

    def unreadable(ours: str, what: str) -> DataFileError:
        col = raw[mapping[ours]]
        example = col.dropna()
        shown = f", e.g. {example.iloc[0]!r}" if len(example) else ""
        return DataFileError(f"{path}: column {mapping[ours]!r} is not {what} "
                             f"(got {col.dtype}{shown})")

    def checked(ours: str, what: str, read):
        try:
            return read(raw[mapping[ours]])
        except (TypeError, ValueError, OverflowError) as err:
            raise unreadable(ours, what) from err

    keep = np.ones(n, dtype=bool)
    mmsi, bad = checked(C.MMSI, "an MMSI", parse_mmsi)
    if n and bad.all():
        raise unreadable(C.MMSI, "an MMSI")
    _drop(report, "bad_mmsi", bad, raw, lineno)
    keep &= ~bad
    time_col = raw[mapping[C.TIME]]
    if pd.api.types.is_datetime64_any_dtype(time_col):
        if getattr(time_col.dt, "tz", None) is None:
            time_col = time_col.dt.tz_localize("UTC")
        times = time_col.dt.tz_convert("UTC").astype(C.TIME_DTYPE)
    else:
        times = checked(C.TIME, "a timestamp", lambda v: parse_times(
            v, time_format, where=f"{path}: column {mapping[C.TIME]!r}"))
    bad = times.isna().to_numpy()
    if n and bad.all():
        raise unreadable(C.TIME, "a timestamp")
    _drop(report, "bad_time", bad & keep, raw, lineno)
    keep &= ~bad
    report.messages = int(keep.sum())

    def number(v: pd.Series) -> np.ndarray:
        return _float(v if pd.api.types.is_numeric_dtype(v) else v.astype("string"), n)

    lat = checked(C.LAT, "a latitude", number)
    lon = checked(C.LON, "a longitude", number)
    for ours, values, what in ((C.LAT, lat, "a latitude"), (C.LON, lon, "a longitude")):
        if n and not np.isfinite(values).any():
            raise unreadable(ours, what)
    keep &= _placed(report, lat, lon, keep, raw, lineno)

    def optional(ours: str, missing: tuple[float, ...]) -> np.ndarray:
        if ours not in mapping:
            return np.full(n, np.nan)
        out = number(raw[mapping[ours]])
        for value in missing:
            out[out == value] = np.nan
        return out

    sog = optional(C.SOG, (102.3,))
    sog[sog < 0] = np.nan  # no AIS speed is negative (ITU-R M.1371-5: 0-102.2 kn, 102.3 n/a)
    status = (_nav_status(raw[mapping[C.NAV_STATUS]]) if C.NAV_STATUS in mapping
              else np.full(n, C.NAV_STATUS_UNDEFINED, dtype="int8"))
    frame = pd.DataFrame({
        C.MMSI: mmsi[keep].astype("int64"), C.TIME: times.to_numpy()[keep],
        C.LAT: lat[keep], C.LON: lon[keep], C.SOG: sog[keep],
        C.COG: optional(C.COG, (360.0,))[keep], C.HEADING: optional(C.HEADING, (511.0,))[keep],
        C.NAV_STATUS: status[keep],
    })
    frame[C.TIME] = frame[C.TIME].astype(C.TIME_DTYPE)
    report.positions = len(frame)
    return frame


def _placed(report: ReadReport, lat: np.ndarray, lon: np.ndarray, keep: np.ndarray,
            raw: pd.DataFrame, lineno: np.ndarray) -> np.ndarray:
    """Which rows have a position: AIS's 91/181 "not available" (ITU-R M.1371-5) and
    missing values are counted as ``no_position``, out-of-range ones as ``bad_position``."""
    na = (lat == 91.0) | (lon == 181.0) | ~np.isfinite(lat) | ~np.isfinite(lon)
    _drop(report, "no_position", na & keep, raw, lineno)
    bad = ~na & ((np.abs(lat) > 90) | (np.abs(lon) > 180))
    _drop(report, "bad_position", bad & keep, raw, lineno)
    return ~na & ~bad


def _drop(report: ReadReport, reason: str, mask: np.ndarray, raw: pd.DataFrame,
          lineno: np.ndarray) -> None:
    count = int(mask.sum())
    if not count:
        return
    first = np.flatnonzero(mask)[:5]
    for i in first:
        report.add(reason, int(lineno[i]), ",".join(str(v) for v in raw.iloc[i].tolist()))
    if count > len(first):
        report.add(reason, int(lineno[first[-1]]), "", count=count - len(first))


def _static_frame(raw: pd.DataFrame, mmsi: np.ndarray, times: pd.Series, extra: dict[str, str],
                  kind: str, report: ReadReport, decimal_comma: bool = False) -> pd.DataFrame:
    n = len(raw)
    out: dict[str, Any] = {C.MMSI: mmsi.astype("int64"), C.TIME: times.to_numpy()}
    for ours in (C.IMO, C.SHIP_TYPE):
        col = raw.get(extra.get(ours, ""))
        if col is None:
            out[ours] = pd.array([pd.NA] * n, dtype="Int64")
        else:
            digits = col.astype("string").str.extract(r"(\d+)", expand=False)
            values = pd.to_numeric(digits, errors="coerce").astype("Int64")
            out[ours] = values.where(values > 0).array
    for ours in (C.NAME, C.CALL_SIGN, C.DESTINATION):
        col = raw.get(extra.get(ours, ""))
        out[ours] = (col.astype("object").where(col.notna(), None).to_numpy()
                     if col is not None else np.full(n, None, dtype=object))
    for ours in (C.LENGTH, C.BEAM, C.DRAUGHT):
        values = _float(raw.get(extra.get(ours, "")), n, decimal_comma=decimal_comma)
        values[values <= 0] = np.nan
        out[ours] = values
    eta = raw.get(extra.get(C.ETA, ""))
    out[C.ETA] = (parse_times(eta, DMA_TIME_FORMAT if kind == "dma" else None).to_numpy()
                  if eta is not None else np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"))
    frame = pd.DataFrame(out)
    frame[C.TIME] = frame[C.TIME].astype(C.TIME_DTYPE)
    frame[C.ETA] = pd.to_datetime(frame[C.ETA], utc=True).astype(C.TIME_DTYPE)
    frame = frame.drop_duplicates(ignore_index=True)
    report.static = len(frame)
    return frame[list(C.STATIC_COLUMNS)]
