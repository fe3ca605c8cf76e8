"""The bundled ``sanctions/designations.csv``: designations the bundled cases rely on.

Its columns (one designation per row; each row cites its source)::

    list, program, list_entity_id, schema, name, aliases, imo, mmsi, flag,
    listed_on, listed_on_basis, delisted_on, source, note

``aliases`` is ``;``-separated; ``listed_on_basis`` says whether the date
is ``stated`` by the list or ``inferred`` (the note gives the evidence).
The same layout may be used for an analyst's own list; only ``list``,
``schema``, ``name`` and ``source`` are required, the other columns are
read as empty when absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyages.errors import DataFileError
from voyages.sanctions._csv import dict_reader
from voyages.sanctions.csv_layouts import DESIGNATIONS
from voyages.sanctions.entities import (
    Schema,
    clean_imo,
    clean_mmsi,
    entity_frame,
    entity_records,
    source_label,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DESIGNATION_COLUMNS", "default_list_path", "designation_records",
           "load_designations"]

DESIGNATION_COLUMNS = (
    "list", "program", "list_entity_id", "schema", "name", "aliases", "imo", "mmsi", "flag",
    "listed_on", "listed_on_basis", "delisted_on", "source", "note",
)


def default_list_path() -> Path:
    """Path of the bundled ``sanctions/designations.csv``."""
    from voyages._data import data_dir

    return data_dir("sanctions") / "designations.csv"


def load_designations(path: str | Path | None = None) -> pd.DataFrame:
    """Read a designations CSV (by default the bundled one).

    Returns
    -------
    pandas.DataFrame
        The entity table; ``source`` holds each row's citation.

    Raises
    ------
    DataFileError
        As :func:`designation_records`.
    """
    return entity_frame(designation_records(path))


def designation_records(path: str | Path | None = None) -> list[dict[str, Any]]:
    """Read a designations CSV (by default the bundled one) as entity records, without pandas.

    ``voyages check`` screens the bundled list this way (a
    :class:`voyages.sanctions.match.Screener` takes the records as they are):
    importing pandas would cost more than the whole screening.

    Returns
    -------
    list of dict
        The rows of the entity table as
        :func:`voyages.sanctions.entities.entity_records` gives them:
        ``listed_on``/``delisted_on`` ISO date strings or None, ``source``
        each row's citation.

    Raises
    ------
    DataFileError
        No designation at all (a header-only, empty or truncated file:
        screening against it would silently match nothing), a missing
        required column (``list``, ``schema``, ``name``,
        ``source``; the others are read as empty when absent), an unknown
        schema, an IMO number whose check digit fails, a malformed MMSI or
        date (file, line and field named).
    """
    from datetime import date

    path = Path(path) if path is not None else default_list_path()
    reader = dict_reader(path, path.read_text(encoding="utf-8-sig"), DESIGNATIONS.required,
                         what=DESIGNATIONS.title)
    label = source_label(path)
    records = []
    for row in reader:
        row = {k: v or "" for k, v in row.items() if k is not None}
        if not any(v.strip() for v in row.values()):
            continue  # a blank row (``,,,,``) as spreadsheets leave at the end
        for column in DESIGNATIONS.optional:
            row.setdefault(column, "")
        where = f"{path}: line {reader.line_num}"
        try:
            schema = Schema.parse(row["schema"])
        except ValueError as err:
            raise DataFileError(f"{where}: schema: {err}") from None
        imo = clean_imo(row["imo"]) if row["imo"].strip() else None
        if row["imo"].strip() and imo is None:
            raise DataFileError(f"{where}: imo {row['imo']!r} fails the IMO check digit")
        mmsi = clean_mmsi(row["mmsi"]) if row["mmsi"].strip() else None
        if row["mmsi"].strip() and mmsi is None:
            raise DataFileError(f"{where}: mmsi {row['mmsi']!r} is not nine digits")
        for field in ("listed_on", "delisted_on"):
            if row[field].strip():
                try:
                    date.fromisoformat(row[field].strip())
                except ValueError:
                    raise DataFileError(f"{where}: {field} {row[field]!r} is not YYYY-MM-DD"
                                        ) from None
        if not row["source"].strip():
            raise DataFileError(f"{where}: source is empty (every designation cites one)")
        records.append({
            "list": row["list"],
            "list_entity_id": row["list_entity_id"] or None,
            "schema": schema.value,
            "name": row["name"],
            "aliases": [a for a in row["aliases"].split(";") if a.strip()],
            "imo": imo,
            "mmsi": mmsi,
            "flag": row["flag"] or None,
            "programs": [p for p in row["program"].split(";") if p.strip()],
            "listed_on": row["listed_on"].strip() or None,
            "delisted_on": row["delisted_on"].strip() or None,
            "source_file": label,
            "source": row["source"] + (
                f" [listed_on inferred: {row['note']}]"
                if row["listed_on_basis"].strip() == "inferred" else ""),
        })
    if not records:
        raise DataFileError(f"{path}: no designation entry: an empty or truncated "
                            "designations list")
    return entity_records(records)
