"""The UK Sanctions List (FCDO), as the spreadsheet an analyst downloads today.

Since 28 January 2026 the FCDO's UK Sanctions List is the single UK list
(OFSI's Consolidated List of Asset Freeze Targets was closed). The FCDO
publishes it as ODS, CSV, XML, HTML and PDF; this module reads the
spreadsheet form — ODS (one sheet ``UK_Sanction_List``) or the same table
saved as CSV — with these 8 columns (header row, any order):

``Unique ID`` (``RUS1850``), ``OFSI Group ID``, ``Name``, ``Regime Name``
(``Russia``), ``Type`` (``Individual``, ``Entity``, ``Ship``),
``Designation source`` (``UK``, ``UN``), ``Date Designated``
(``dd-mm-yyyy`` or ``dd/mm/yyyy``), ``Sanctions Imposed``.

This summary layout carries no aliases and no IMO numbers; a ship on it is
matched by name only. Rows sharing a ``Unique ID`` are one designation
(later names become aliases).
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyages.errors import DataFileError
from voyages.sanctions._xml import local, parse_xml
from voyages.sanctions.entities import Schema, entity_frame, source_label

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["UK_COLUMNS", "load_uk_list", "read_ods_rows"]

UK_COLUMNS = ("Unique ID", "Name", "Regime Name", "Type", "Date Designated")
"""Columns the UK summary layout must have."""

_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION, "ship": Schema.VESSEL}
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _cell_text(cell: Any) -> str:
    parts = []
    for node in cell.iter():
        name = local(node.tag)
        if name == "s":  # <text:s text:c="n"/> is n spaces
            parts.append(" " * int(node.get("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}c",
                                            "1")))
        elif name == "p" and parts:
            parts.append("\n")
        if node.text and name in ("p", "span", "a"):
            parts.append(node.text)
        if node.tail and node is not cell and name in ("s", "span", "a"):
            parts.append(node.tail)
    return "".join(parts).strip()


def read_ods_rows(path: Path) -> list[list[str]]:
    """The rows of an ODS file's first sheet, as lists of cell strings.

    Repeated cells and rows (``number-columns-repeated``) are expanded, except
    trailing empty ones.

    Raises
    ------
    DataFileError
        Not a zip with ``content.xml``, or malformed XML.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read("content.xml")
    except (zipfile.BadZipFile, KeyError) as err:
        raise DataFileError(f"{path}: not an OpenDocument spreadsheet ({err})") from err
    root = parse_xml(path, data)
    tables = [n for n in root.iter() if local(n.tag) == "table"]
    if not tables:
        raise DataFileError(f"{path}: the spreadsheet has no sheet")
    rows = []
    for row in (n for n in tables[0] if local(n.tag) == "table-row"):
        cells: list[str] = []
        for cell in row:
            if local(cell.tag) not in ("table-cell", "covered-table-cell"):
                continue
            repeat = int(cell.get(f"{{{_TABLE}}}number-columns-repeated", "1"))
            value = _cell_text(cell)
            cells.extend([value] * (repeat if value else min(repeat, 64)))
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
    return rows


def _date(text: str, path: Path, line: int) -> str | None:
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise DataFileError(f"{path}: row {line}: Date Designated {text!r} is not dd-mm-yyyy")


def load_uk_list(path: str | Path, *, rows: list[list[str]] | None = None) -> pd.DataFrame:
    """Read the UK Sanctions List spreadsheet (ODS, or the same table as CSV).

    Returns
    -------
    pandas.DataFrame
        The entity table with ``list`` = ``UK Sanctions List``,
        ``list_entity_id`` = ``Unique ID``, ``programs`` = ``Regime Name``,
        ``listed_on`` = ``Date Designated``.

    Raises
    ------
    DataFileError
        No header row with the columns in :data:`UK_COLUMNS`, a row without
        a Unique ID, or an unreadable date (file and row named).
    """
    path = Path(path)
    if rows is None:
        if zipfile.is_zipfile(path):
            rows = read_ods_rows(path)
        else:
            from voyages.sanctions.ofac_csv import read_text

            rows = list(csv.reader(io.StringIO(read_text(path), newline="")))
    header_at = next((i for i, r in enumerate(rows[:20])
                      if all(c in [x.strip() for x in r] for c in UK_COLUMNS)), None)
    if header_at is None:
        raise DataFileError(f"{path}: no header row with the UK Sanctions List columns "
                            f"({', '.join(UK_COLUMNS)})")
    header = [h.strip() for h in rows[header_at]]
    col = {name: header.index(name) for name in UK_COLUMNS}
    label = source_label(path)
    by_id: dict[str, dict[str, Any]] = {}
    for line, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        if not any(v.strip() for v in row):
            continue
        row = row + [""] * (len(header) - len(row))
        uid = row[col["Unique ID"]].strip()
        name = row[col["Name"]].strip()
        if not uid:
            raise DataFileError(f"{path}: row {line}: no Unique ID")
        record = by_id.get(uid)
        if record is not None:
            record["aliases"].append(name)
            continue
        by_id[uid] = {
            "list": "UK Sanctions List",
            "list_entity_id": uid,
            "schema": _SCHEMAS.get(row[col["Type"]].strip().lower(), Schema.OTHER).value,
            "name": name,
            "aliases": [],
            "programs": [row[col["Regime Name"]].strip()],
            "listed_on": _date(row[col["Date Designated"]], path, line),
            "source_file": label,
            "source": f"{label} Unique ID {uid} (row {line})",
        }
    return entity_frame(by_id.values())
