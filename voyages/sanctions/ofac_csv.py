"""OFAC's legacy CSV files: ``sdn.csv`` with ``alt.csv``, ``add.csv`` and ``sdn_comments.csv``.

The same layout serves the SDN list (``sdn.csv``, ``alt.csv``, ``add.csv``,
``sdn_comments.csv``) and the Consolidated non-SDN list (``cons_prim.csv``,
``cons_alt.csv``, ``cons_add.csv``, ``cons_comments.csv``). Format, from
OFAC's "SDN data specification" and the files themselves:

- no header; comma separated, fields quoted with ``"``; CRLF line ends; the
  file ends with a DOS end-of-file byte (0x1A) on a line of its own;
- ``-0-`` (often followed by a space) marks an empty field;
- primary file, 12 fields: ent_num, SDN_Name, SDN_Type (``individual``,
  ``vessel``, ``aircraft``, or ``-0-`` for an entity), Program (several
  joined as ``A] [B``), Title, Call_Sign, Vess_type, Tonnage, GRT,
  Vess_flag, Vess_owner, Remarks;
- vessels carry their IMO number in the remarks
  (``Vessel Registration Identification IMO 9179854``), sometimes an MMSI
  (``MMSI 273414440``); companies may carry an IMO company number
  (``Identification Number IMO 6246853``); aliases appear in remarks as
  ``a.k.a. 'X'`` and in ``alt.csv`` (ent_num, alt_num, alt_type, alt_name,
  alt_remarks);
- remarks longer than the field are cut and continued in
  ``sdn_comments.csv`` (ent_num, remarks continuation);
- no listing date anywhere in these files (``listed_on`` is NaT).

``add.csv`` (addresses) is recognised but not read: the entity table has no
address column.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from voyages.errors import DataFileError
from voyages.sanctions.entities import Schema, clean_imo, clean_mmsi, loaded_frame, source_label

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_ofac_csv", "read_text", "sibling_files"]

NULL = "-0-"
_ALIAS_RE = re.compile(r"\b[afn]\.k\.a\.,?\s*'([^']+)'", re.IGNORECASE)
_IMO_RE = re.compile(r"IMO\s*\d{5,7}", re.IGNORECASE)
_MMSI_RE = re.compile(r"MMSI\s*(\d{9})\b", re.IGNORECASE)
_SCHEMAS = {"individual": Schema.PERSON, "vessel": Schema.VESSEL, "aircraft": Schema.OTHER,
            "": Schema.ORGANIZATION}
_SIBLINGS = {
    "sdn": ("alt.csv", "add.csv", "sdn_comments.csv"),
    "cons_prim": ("cons_alt.csv", "cons_add.csv", "cons_comments.csv"),
}


def read_text(path: Path) -> str:
    """A list file's text: UTF-8, else Windows-1252 (older OFAC files)."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _field(value: str) -> str:
    value = value.strip()
    return "" if value == NULL else value


def _rows(path: Path, width: int, what: str) -> list[list[str]]:
    """Rows of an OFAC CSV, each checked for ``width`` fields and a numeric ent_num."""
    rows = []
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    for row in reader:
        if not row or (len(row) == 1 and row[0].strip(" \x1a") == ""):
            continue
        line = reader.line_num
        if len(row) != width:
            raise DataFileError(f"{path}: line {line}: expected {width} fields of an OFAC "
                                f"{what}, found {len(row)}")
        if not row[0].strip().isdigit():
            raise DataFileError(f"{path}: line {line}: ent_num {row[0].strip()!r} is not a number")
        rows.append([_field(v) for v in row])
    return rows


def sibling_files(path: Path) -> dict[str, Path]:
    """The alias/address/comments files that belong with a primary file, when present.

    Returns a dict with keys among ``alt``, ``add``, ``comments``.
    """
    path = Path(path)
    stem = path.stem.lower()
    names = _SIBLINGS["cons_prim" if stem.startswith("cons") else "sdn"]
    found = {}
    for key, name in zip(("alt", "add", "comments"), names, strict=True):
        candidate = path.with_name(name)
        if candidate.exists() and candidate != path:
            found[key] = candidate
    return found


def load_ofac_csv(
    path: str | Path,
    *,
    alt: str | Path | None = None,
    comments: str | Path | None = None,
    list_name: str | None = None,
) -> pd.DataFrame:
    """Read an OFAC legacy CSV primary file (``sdn.csv`` or ``cons_prim.csv``).

    Parameters
    ----------
    path : path
        The primary file (12 fields a row).
    alt, comments : path, optional
        ``alt.csv`` and ``sdn_comments.csv``; by default the files of those
        names beside ``path`` are read when they exist.
    list_name : str, optional
        Defaults to ``OFAC SDN`` (``OFAC Consolidated`` for ``cons_*``
        files).

    Returns
    -------
    pandas.DataFrame
        The entity table (:mod:`voyages.sanctions.entities`); ``listed_on``
        is NaT (the format carries no date).

    Raises
    ------
    DataFileError
        A row without 12 fields or with a non-numeric ent_num (file and line
        named).
    """
    path = Path(path)
    siblings = sibling_files(path)
    alt = Path(alt) if alt else siblings.get("alt")
    comments = Path(comments) if comments else siblings.get("comments")
    if list_name is None:
        list_name = "OFAC Consolidated" if path.stem.lower().startswith("cons") else "OFAC SDN"

    overflow: dict[str, str] = {}
    if comments is not None:
        for row in _rows(comments, 2, "comments file (sdn_comments.csv)"):
            overflow[row[0]] = overflow.get(row[0], "") + row[1]
    aliases: dict[str, list[str]] = {}
    if alt is not None:
        for row in _rows(alt, 5, "alias file (alt.csv)"):
            if row[3]:
                aliases.setdefault(row[0], []).append(row[3])

    records = []
    label = source_label(path)
    for row in _rows(path, 12, "SDN file (sdn.csv)"):
        ent_num, name, sdn_type, program = row[0], row[1], row[2].lower(), row[3]
        remarks = row[11] + overflow.get(ent_num, "")
        schema = _SCHEMAS.get(sdn_type, Schema.OTHER)
        imo = mmsi = None
        if schema in (Schema.VESSEL, Schema.ORGANIZATION):
            for match in _IMO_RE.finditer(remarks):
                imo = clean_imo(match.group(0))
                if imo:
                    break
        if schema is Schema.VESSEL:
            found = _MMSI_RE.search(remarks)
            mmsi = clean_mmsi(found.group(1)) if found else None
        records.append({
            "list": list_name,
            "list_entity_id": ent_num,
            "schema": schema.value,
            "name": name,
            "aliases": aliases.get(ent_num, []) + _ALIAS_RE.findall(remarks),
            "imo": imo,
            "mmsi": mmsi,
            "flag": row[9] or None,
            "programs": [p.strip(" []") for p in program.split("] [")] if program else [],
            "source_file": label,
            "source": f"{label} ent_num {ent_num}",
        })
    return loaded_frame(path, records, "ent_num", "OFAC legacy CSV")
