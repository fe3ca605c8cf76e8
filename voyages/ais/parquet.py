"""Parquet in and out: a decoded month read back in seconds.

:func:`write` sorts positions by (mmsi, time; ties by position) before writing, so that
:func:`voyages.ais.clean` finds them in order and skips its sort; the read
report travels in the file's metadata.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from voyages.ais import columns as C
from voyages.errors import DataFileError, InputError

_META_KEY = b"voyages.read_report"

ROW_GROUP_ROWS = 1 << 18
"""Rows per Parquet row group: small enough that reading one adds little memory."""


def write(frame: pd.DataFrame, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write positions (or static rows, or any result frame) to Parquet.

    Parameters
    ----------
    frame : pandas.DataFrame
        Positions sorted on the way out by ``mmsi, time`` when both columns
        are present; other frames are written as they are. Not modified.
    path : str or Path
        Destination ``.parquet`` file.
    overwrite : bool, default False
        Replace an existing file; without it an existing file is an error.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InputError
        ``path`` exists and ``overwrite`` is False.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)
    if path.exists() and not overwrite:
        raise InputError(f"{path}: exists; pass overwrite=True (CLI: --force) to replace it")
    out = frame
    if all(c in frame.columns for c in C.REQUIRED_POSITION_COLUMNS):
        from voyages.ais._track import sort_order, time_ns

        order = sort_order(frame[C.MMSI].to_numpy(dtype="int64"), time_ns(frame),
                           frame[C.LAT].to_numpy(dtype="float64", na_value=np.nan),
                           frame[C.LON].to_numpy(dtype="float64", na_value=np.nan))
        if order is not None:
            out = frame.take(order).reset_index(drop=True)
    table = pa.Table.from_pandas(out, preserve_index=False)
    report = frame.attrs.get("read_report")
    if report:
        meta = dict(table.schema.metadata or {})
        meta[_META_KEY] = json.dumps(report).encode()
        table = table.replace_schema_metadata(meta)
    pq.write_table(table, path, compression="lz4", row_group_size=ROW_GROUP_ROWS)
    return path


def read_parquet(path: Path, *, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a Parquet file written by :func:`write` (or any with our columns).

    Numeric and timestamp columns are read one row group at a time into
    arrays allocated once, so reading costs little more memory than the
    frame it returns; other files go through ``pyarrow.Table.to_pandas``.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyarrow import ArrowInvalid

    previous = pa.default_memory_pool()
    # the system allocator hands freed row-group buffers back for numpy to reuse
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        pf = pq.ParquetFile(path)
        meta = pf.schema_arrow.metadata or {}
        frame = _read_numeric(pf, columns)
        if frame is None:
            table = pf.read(columns=columns)
            frame = table.to_pandas(split_blocks=True, self_destruct=True)
            del table
    except (ArrowInvalid, OSError) as err:
        raise DataFileError(f"{path}: unreadable Parquet file ({err})") from err
    finally:
        pa.set_memory_pool(previous)
    if C.TIME in frame.columns and pd.api.types.is_datetime64_any_dtype(frame[C.TIME]):
        frame[C.TIME] = _as_utc(frame[C.TIME])
    report: dict[str, Any] = {}
    if _META_KEY in meta:
        report = json.loads(meta[_META_KEY])
    report.update({"path": str(path), "format": "parquet"})
    report.setdefault("positions", len(frame))
    report.setdefault("bad_lines", {})
    frame.attrs["read_report"] = report
    return frame


def _read_numeric(pf: Any, columns: list[str] | None) -> pd.DataFrame | None:
    """Row group by row group into preallocated arrays; None when a column does not fit."""
    import pyarrow as pa

    schema = pf.schema_arrow
    names = columns or schema.names
    dtypes: dict[str, Any] = {}
    for name in names:
        kind = schema.field(name).type
        if pa.types.is_timestamp(kind):
            dtypes[name] = np.dtype("int64")
        elif pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind):
            dtypes[name] = np.dtype(kind.to_pandas_dtype())
        else:
            return None
    n = pf.metadata.num_rows
    out = {name: np.empty(n, dtype=dtype) for name, dtype in dtypes.items()}
    offset = 0
    for i in range(pf.num_row_groups):
        group = pf.read_row_group(i, columns=names)
        m = group.num_rows
        for name in names:
            col = group.column(name)
            if col.null_count and dtypes[name].kind in "iub":
                return None  # missing integers: let pandas choose the dtype
            values = col.to_numpy()
            if values.dtype.kind == "M":
                values = values.astype("datetime64[ns]").view("int64")
            out[name][offset:offset + m] = values
        offset += m
        del group
    times = {name: pd.Series(out.pop(name).view("datetime64[ns]"), copy=False)
             .dt.tz_localize("UTC")
             for name in list(out) if pa.types.is_timestamp(schema.field(name).type)}
    frame = pd.DataFrame(out, copy=False)
    for name, values in times.items():
        frame[name] = values
    return frame[names]


def _as_utc(values: pd.Series) -> pd.Series:
    if getattr(values.dt, "tz", None) is None:
        values = values.dt.tz_localize("UTC")
    return values.astype(C.TIME_DTYPE)
