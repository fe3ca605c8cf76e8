"""``voyages.ais.read`` / ``read_static``: any supported AIS file to a DataFrame.

The format is detected from the content (not the file name):

- ``parquet``: the ``PAR1`` magic bytes;
- ``nmea``: lines with ``!xxVDM``/``!xxVDO`` sentences (optionally after a
  ``\\...\\`` tag block) or Gatehouse ``$PGHP`` wrappers;
- ``noaa``, ``dma``: those exports' headers;
- ``csv``: any other CSV whose header names MMSI, time, latitude and
  longitude columns (see :mod:`voyages.ais.tables`).

Gzip-compressed files (``1f 8b`` magic, any name) are read through ``gzip``
(:mod:`voyages._opener`, used by every sniff and read).
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from voyages._opener import corrupt_gzip, decode_head, open_binary, sniff_delimiter
from voyages.ais import columns as C
from voyages.ais.report import ReadReport
from voyages.errors import DataFileError, VoyagesWarning

FORMATS = ("nmea", "noaa", "dma", "csv", "parquet")
"""Formats :func:`read` accepts as ``format=``."""

_SNIFF_BYTES = 64 * 1024


def detect_format(path: str | Path) -> str:
    """The format of an AIS file, from its first bytes.

    Raises
    ------
    DataFileError
        The file is none of the supported formats (message names the file).
    FileNotFoundError
        The file does not exist.
    """
    path = Path(path)
    with open(path, "rb") as fh:
        if fh.read(4) == b"PAR1":
            return "parquet"
    with corrupt_gzip(path), open_binary(path) as fh:
        head = fh.read(_SNIFF_BYTES)
    text = decode_head(head)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines[:200]:
        core = line
        if core.startswith("\\"):
            end = core.find("\\", 1)
            core = core[end + 1:] if end > 0 else ""
        if (core[:1] in ("!", "$") and core[3:6].upper() in ("VDM", "VDO")) \
                or core[:5].upper() == "$PGHP":
            return "nmea"
    delimiter = sniff_delimiter(lines[0]) if lines else ","
    if lines and delimiter in lines[0]:
        from voyages.ais.tables import missing_required, sniff_csv

        header = next(csv.reader(io.StringIO(lines[0]), delimiter=delimiter))
        kind = sniff_csv(header)
        if kind:
            return kind
        missing = missing_required(header)
        if len(missing) < len(C.REQUIRED_POSITION_COLUMNS) and C.MMSI not in missing:
            raise DataFileError(
                f"{path}: AIS CSV without the required column(s) {', '.join(missing)} "
                f"(needs MMSI, time, latitude and longitude; have: {', '.join(header[:12])})")
    raise DataFileError(
        f"{path}: not an AIS file (expected NMEA !AIVDM sentences, a CSV with MMSI, time, "
        f"latitude and longitude columns, or Parquet)"
    )


def _check_format(path: Path, format: str | None) -> str:
    if format is None:
        return detect_format(path)
    fmt = format.strip().lower()
    if fmt not in FORMATS:
        raise DataFileError(f"{path}: unknown format {format!r}; "
                            f"expected one of {', '.join(FORMATS)}")
    return fmt


def read(path: str | Path, *, format: str | None = None, columns: dict[str, str] | None = None,
         time_format: str | None = None,
         progress: Callable[[int], Any] | None = None) -> pd.DataFrame:
    """Read AIS positions from an NMEA, CSV or Parquet file.

    Parameters
    ----------
    path : str or Path
        The file (NMEA, NOAA/DMA/other CSV, Parquet; optionally gzipped).
    format : {"nmea", "noaa", "dma", "csv", "parquet"}, optional
        Skip detection.
    columns : dict, optional
        For other CSVs: our column name → the file's (``{"mmsi": "ShipId",
        "time": "When", "lat": "Y", "lon": "X"}``).
    time_format : str, optional
        strftime format of a CSV's time column (default: ISO 8601, then
        day-first ``dd/mm/YYYY HH:MM[:SS]`` when some day is above 12,
        ``YYYYmmdd_HHMMSS``, unix seconds). Give it for slashed dates that
        cannot be told day-first from month-first.
    progress : callable, optional
        Called with the number of bytes read so far (NMEA only).

    Returns
    -------
    pandas.DataFrame
        One row per position report, in file order, columns
        :data:`voyages.ais.columns.POSITION_COLUMNS`: ``mmsi`` int64,
        ``time`` datetime64[ns, UTC] (NaT when the file gives no time),
        ``lat``/``lon`` float64 degrees, ``sog_kn``, ``cog_deg``,
        ``heading_deg`` float64 (NaN = not available), ``nav_status`` int8
        (15 = undefined). ``frame.attrs["read_report"]`` holds the read
        report (lines, messages, bad lines by reason with the first few line
        numbers; see :mod:`voyages.ais.report`).

    Raises
    ------
    DataFileError
        The file is not AIS at all, or is an unreadable Parquet file; a
        CSV's slashed dates are ambiguous or month-first (pass
        ``time_format``).
    FileNotFoundError
        No such file.

    Warns
    -----
    VoyagesWarning
        The file gave 0 positions (every line bad, or a column mapping that
        matches nothing): the message counts the bad lines by reason.

    Examples
    --------
    >>> from voyages.ais import read, read_report
    >>> from voyages.ais.sample import sample_path
    >>> positions = read(sample_path("nmea"))
    >>> positions.columns.tolist()
    ['mmsi', 'time', 'lat', 'lon', 'sog_kn', 'cog_deg', 'heading_deg', 'nav_status']
    >>> sorted(read_report(positions)["bad_lines"])
    ['checksum', 'orphan_part', 'truncated']
    """
    path = Path(path)
    fmt = _check_format(path, format)
    report = ReadReport(path=str(path), format=fmt)
    if fmt == "parquet":
        from voyages.ais.parquet import read_parquet
        from voyages.ais.tables import has_position_dtypes, positions_from_table

        frame = read_parquet(path)
        if not columns and has_position_dtypes(frame):
            return frame
        # other names (NOAA's), text columns: checked and converted as a CSV's are
        frame = positions_from_table(frame, path=path, report=report, columns=columns,
                                     time_format=time_format)
    elif fmt == "nmea":
        from voyages.ais.nmea import parse_lines

        with corrupt_gzip(path), open_binary(path) as fh:
            rows = parse_lines(fh, report, want_static=False, progress=progress)
        if report.messages == 0 and report.lines and report.bad.get("not_ais", 0) == report.lines:
            raise DataFileError(f"{path}: not an AIS file (no !AIVDM/!AIVDO sentences)")
        frame = _positions_frame(rows.arrays())
    else:
        from voyages.ais.tables import read_csv

        frame = read_csv(path, kind=fmt, report=report, columns=columns, time_format=time_format)
    frame.attrs["read_report"] = report.as_dict()
    if frame.empty:
        warnings.warn(VoyagesWarning(empty_read_message(report)), stacklevel=2)
    else:
        message = dropped_rows_message(report)
        if message:
            warnings.warn(VoyagesWarning(message), stacklevel=2)
    return frame


DROPPED_WARN_REASONS = ("bad_mmsi", "bad_time", "malformed")
"""Per-row problems that lose a vessel's rows and are worth a warning when many: an MMSI
or time that cannot be read, a row the CSV parser cannot split. (``no_position`` is
AIS's own "not available", lat 91 / lon 181, and the NMEA reasons — checksum, orphan
parts — are radio reception noise; ``voyages ais summary`` counts them all.)"""
DROPPED_WARN_SHARE = 0.01
"""A warning when the rows dropped for :data:`DROPPED_WARN_REASONS` are at least this
share of the file's lines (1 %)…"""
DROPPED_WARN_ROWS = 100
"""…or at least this many rows, whatever the share."""


def dropped_rows_message(report: ReadReport) -> str | None:
    """The warning for a read that dropped a sizeable number of rows, or None.

    Sizeable: rows dropped for :data:`DROPPED_WARN_REASONS` at least
    :data:`DROPPED_WARN_SHARE` of the lines, or :data:`DROPPED_WARN_ROWS`.

    >>> r = ReadReport(path="x.csv", format="noaa", lines=201)
    >>> r.add("bad_mmsi", 2, "abc123,2025-01-03T00:00:00,25.5,120.8", count=103)
    >>> dropped_rows_message(r)
    'x.csv: 103 of 201 rows dropped: 103 bad_mmsi (first: line 2: abc123,...'
    """
    counts = {reason: report.bad[reason] for reason in DROPPED_WARN_REASONS
              if report.bad.get(reason)}
    total = sum(counts.values())
    if not total or (total < DROPPED_WARN_ROWS
                     and total < DROPPED_WARN_SHARE * max(report.lines, 1)):
        return None
    parts = []
    for reason, count in sorted(counts.items(), key=lambda kv: -kv[1]):
        examples = report.examples.get(reason) or []
        first = f" (first: line {examples[0][0]}: {examples[0][1]})" if examples else ""
        parts.append(f"{count} {reason}{first}")
    return (f"{report.path}: {total} of {report.lines} rows dropped: {'; '.join(parts)}; "
            "`voyages ais summary FILE` lists them")


def empty_read_message(report: ReadReport) -> str:
    """The message for a read that found no position (``FILE: 0 positions read: …``).

    >>> r = ReadReport(path="x.csv", format="csv", lines=1)
    >>> r.add("bad_time", 2, "1,garbage,59,20")
    >>> empty_read_message(r)
    'x.csv: 0 positions read: 1 lines bad_time (first: line 2: 1,garbage,59,20)'
    """
    if not report.bad:
        return (f"{report.path}: 0 positions read from {report.lines} line(s) "
                "(no position reports in the file)")
    parts = []
    for reason, count in sorted(report.bad.items(), key=lambda kv: -kv[1]):
        examples = report.examples.get(reason) or []
        first = f" (first: line {examples[0][0]}: {examples[0][1]})" if examples else ""
        parts.append(f"{count} lines {reason}{first}")
    return f"{report.path}: 0 positions read: {'; '.join(parts)}"


def read_static(path: str | Path, *, format: str | None = None,
                time_format: str | None = None) -> pd.DataFrame:
    """Read static and voyage data (AIS messages 5, 19, 24; CSV static columns).

    ``time_format`` is as for :func:`read` (a CSV's time column).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`voyages.ais.columns.STATIC_COLUMNS`: ``mmsi`` int64,
        ``time`` datetime64[ns, UTC], ``imo`` Int64, ``name``,
        ``call_sign`` (str or None), ``ship_type`` Int64 (AIS code),
        ``length_m``, ``beam_m``, ``draught_m`` float64 (metres, NaN unknown),
        ``destination`` (str or None), ``eta`` datetime64[ns, UTC] (message 5
        carries month/day/hour/minute only: the year is the message's, or the
        next when that would put the ETA over 6 months in the past). A
        message 24 part A (name) and part B (type, call sign, size) give two
        rows. ``attrs["read_report"]`` as for :func:`read`.

    Raises
    ------
    DataFileError
        Not an AIS file, or a format without static data (Parquet of positions).
    """
    path = Path(path)
    fmt = _check_format(path, format)
    report = ReadReport(path=str(path), format=fmt)
    if fmt == "parquet":
        from voyages.ais.parquet import read_parquet

        frame = read_parquet(path)
        C.require(frame, [C.MMSI, C.TIME, C.NAME], what=str(path))
        return frame
    if fmt == "nmea":
        from voyages.ais.nmea import parse_lines

        with corrupt_gzip(path), open_binary(path) as fh:
            rows = parse_lines(fh, report, want_static=True)
        frame = _static_frame(rows.static)
        report.static = len(frame)
    else:
        from voyages.ais.tables import read_csv

        frame = read_csv(path, kind=fmt, report=report, static=True, time_format=time_format)
    frame.attrs["read_report"] = report.as_dict()
    return frame


_RECEIVER_TIME_MS = 1_000_000
"""Receiver times are kept to the millisecond, in ns: the finest any NMEA time source
gives (Gatehouse ``$PGHP`` has a milliseconds field; tag-block ``c:`` is unix seconds
or milliseconds; trailing receiver stamps are whole seconds). Rounding there drops
the float64 noise of unix seconds (``00:00:00.009999872`` for 10 ms)."""


def _times(seconds: Any) -> pd.Series:
    values = (seconds if isinstance(seconds, np.ndarray)
              else np.array([np.nan if s is None else s for s in seconds], dtype="float64"))
    ns = np.full(len(values), np.iinfo("int64").min, dtype="int64")
    ok = np.isfinite(values)
    ns[ok] = np.round(values[ok] * 1e3).astype("int64") * _RECEIVER_TIME_MS
    return pd.Series(ns.view("datetime64[ns]")).dt.tz_localize("UTC")


def _positions_frame(pos: dict[str, np.ndarray]) -> pd.DataFrame:
    return pd.DataFrame({
        C.MMSI: pos["mmsi"],
        C.TIME: _times(pos["time"]),
        C.LAT: pos["lat"],
        C.LON: pos["lon"],
        C.SOG: pos["sog"],
        C.COG: pos["cog"],
        C.HEADING: pos["heading"],
        C.NAV_STATUS: pos["status"],
    })


def _eta(parts: tuple[int, int, int, int] | None, when: pd.Timestamp) -> pd.Timestamp:
    if parts is None or pd.isna(when):
        return pd.NaT
    month, day, hour, minute = parts
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour <= 23 and minute <= 59):
        return pd.NaT  # ITU-R M.1371: 0 month/day, hour 24, minute 60 = not available
    try:
        eta = pd.Timestamp(year=when.year, month=month, day=day, hour=hour, minute=minute, tz="UTC")
    except ValueError:
        return pd.NaT
    if eta < when - pd.Timedelta(days=183):
        eta = eta.replace(year=when.year + 1)
    return eta


def _static_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    times = _times([r.get("time") for r in rows])
    etas = [_eta(r.get("eta_parts"), t) for r, t in zip(rows, times, strict=True)]
    frame = pd.DataFrame({
        C.MMSI: np.asarray([r["mmsi"] for r in rows], dtype="int64"),
        C.TIME: times,
        C.IMO: pd.array([r.get("imo") for r in rows], dtype="Int64"),
        C.NAME: pd.Series([r.get("name") for r in rows], dtype=object),
        C.CALL_SIGN: pd.Series([r.get("call_sign") for r in rows], dtype=object),
        C.SHIP_TYPE: pd.array([r.get("ship_type") for r in rows], dtype="Int64"),
        C.LENGTH: np.asarray([r.get("length_m") or np.nan for r in rows], dtype="float64"),
        C.BEAM: np.asarray([r.get("beam_m") or np.nan for r in rows], dtype="float64"),
        C.DRAUGHT: np.asarray([r.get("draught_m") or np.nan for r in rows], dtype="float64"),
        C.DESTINATION: pd.Series([r.get("destination") for r in rows], dtype=object),
        C.ETA: pd.Series(pd.to_datetime(pd.Series(etas, dtype=object), utc=True),
                         dtype=C.TIME_DTYPE),
    })
    return frame
