"""The UK Sanctions List (FCDO), as the spreadsheet an analyst downloads today.

Since 28 January 2026 the FCDO's UK Sanctions List is the single UK list
(OFSI's Consolidated List of Asset Freeze Targets was closed). The FCDO
publishes it as ODS, CSV, XML, HTML and PDF; this module reads the
spreadsheet forms. The full CSV (``UK_Sanctions_List.csv``: a ``Report
Date`` line, then one row per name with ``Unique ID``, ``Name 1``…``Name 6``,
``Name type``, ``Regime Name``, ``Designation Type``, ``Date Designated``
(dd/mm/yyyy), ``IMO number``, ``Current believed flag of ship``, …; column
names as OpenSanctions' UK crawler reads them) gives aliases and IMO
numbers. The summary spreadsheet — ODS (one sheet ``UK_Sanction_List``) or
the same table saved as CSV — has these 8 columns (header row, any order):

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
from voyages.sanctions.csv_layouts import UK_FULL, UK_SUMMARY, find_layout
from voyages.sanctions.entities import Schema, clean_imo, loaded_frame, source_label

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["UK_COLUMNS", "UK_FULL_COLUMNS", "load_uk_list", "read_ods_rows"]

UK_COLUMNS = UK_SUMMARY.required
"""Columns the UK summary layout must have (``Unique ID``, ``Name``); ``Regime Name``,
``Type``, ``Date Designated`` and the others are read as empty when absent (no
``Type``: schema ``other``)."""

UK_FULL_COLUMNS = UK_FULL.required
"""Columns the UK full layout (``UK_Sanctions_List.csv``) must have (``Unique ID``,
``Name 1``); it may also carry ``Name 2``…``Name 6``, ``Name type`` (Primary Name /
Alias), ``Name non-latin script``, ``Regime Name``, ``Designation Type``, ``Date
Designated``, ``IMO number`` and ``Current believed flag of ship``."""

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


def _header_at(path: Path, rows: list[list[str]]) -> tuple[int, tuple[str, ...]] | None:
    found = find_layout(path, rows, (UK_FULL, UK_SUMMARY))
    return None if found is None else (found[0], found[1].required)


def load_uk_list(path: str | Path, *, rows: list[list[str]] | None = None) -> pd.DataFrame:
    """Read the UK Sanctions List (ODS, or CSV in the summary or the full layout).

    Returns
    -------
    pandas.DataFrame
        The entity table with ``list`` = ``UK Sanctions List``,
        ``list_entity_id`` = ``Unique ID``, ``programs`` = ``Regime Name``,
        ``listed_on`` = ``Date Designated``; in the full layout also aliases
        (rows of the same Unique ID, non-Latin script), ``imo`` (``IMO
        number``) and ``flag`` (``Current believed flag of ship``).

    Raises
    ------
    DataFileError
        No header row with the required columns of either layout (a row
        that resembles one names the missing columns), a row without a
        Unique ID, an unreadable date, or an IMO number whose check digit
        fails (file and row named).
    """
    path = Path(path)
    if rows is None:
        if zipfile.is_zipfile(path):
            rows = read_ods_rows(path)
        else:
            from voyages.sanctions.ofac_csv import read_text

            rows = list(csv.reader(io.StringIO(read_text(path), newline="")))
    found = _header_at(path, rows)
    if found is None:
        raise DataFileError(f"{path}: no header row with the UK Sanctions List columns "
                            f"({', '.join(UK_COLUMNS)}, or {', '.join(UK_FULL_COLUMNS)})")
    header_at, layout = found
    header = [h.strip() for h in rows[header_at]]
    full = layout is UK_FULL_COLUMNS

    def cell(row: list[str], name: str) -> str:
        return row[header.index(name)].strip() if name in header else ""

    label = source_label(path)
    by_id: dict[str, dict[str, Any]] = {}
    for line, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        if not any(v.strip() for v in row):
            continue
        row = row + [""] * (len(header) - len(row))
        uid = cell(row, "Unique ID")
        if not uid:
            raise DataFileError(f"{path}: row {line}: no Unique ID")
        if full:
            name = " ".join(p for p in (cell(row, f"Name {i}") for i in (1, 2, 3, 4, 5, 6)) if p)
            primary = cell(row, "Name type").lower().startswith("primary")
            extra = [cell(row, "Name non-latin script")]
            kind = cell(row, "Designation Type")
        else:
            name, primary, extra, kind = cell(row, "Name"), False, [], cell(row, "Type")
        imo = None
        if cell(row, "IMO number") not in ("", "N/A", "Unknown"):
            imo = clean_imo(cell(row, "IMO number"))
            if imo is None:
                raise DataFileError(f"{path}: row {line}: IMO number "
                                    f"{cell(row, 'IMO number')!r} fails the IMO check digit")
        flag = cell(row, "Current believed flag of ship")
        record = by_id.get(uid)
        if record is None:
            record = by_id[uid] = {
                "list": "UK Sanctions List",
                "list_entity_id": uid,
                "schema": _SCHEMAS.get(kind.lower(), Schema.OTHER).value,
                "name": name,
                "aliases": [],
                "imo": imo,
                "flag": flag if flag not in ("", "N/A", "Unknown") else None,
                "programs": [cell(row, "Regime Name")],
                "listed_on": _date(cell(row, "Date Designated")[:10], path, line),
                "source_file": label,
                "source": f"{label} Unique ID {uid} (row {line})",
            }
        elif primary:  # a primary name after an alias row: swap
            record["aliases"].append(record["name"])
            record["name"] = name
        else:
            record["aliases"].append(name)
        record["aliases"].extend(a for a in extra if a)
        record["imo"] = record["imo"] or imo
    return loaded_frame(path, list(by_id.values()), "Unique ID", "UK Sanctions List")
