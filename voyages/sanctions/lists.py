"""Load any supported list file: the format is detected from its content.

==================== ============================================================
format               recognised by
==================== ============================================================
``ofac_csv``         no header, first field a number, 12 fields (``sdn.csv``,
                     ``cons_prim.csv``; ``alt.csv``/``sdn_comments.csv`` beside
                     it are read with it)
``ofac_xml``         XML root ``sdnList``
``ofac_enhanced``    XML root ``sanctionsData``
``eu_xml``           XML root ``export`` (EU FSF)
``un_xml``           XML root ``CONSOLIDATED_LIST``
``uk``               an OpenDocument spreadsheet, or a CSV, with the UK
                     Sanctions List columns (``Unique ID`` and ``Name`` or
                     ``Name 1``)
``ftm_json``         JSON lines, each an object with ``id`` and ``schema``
``targets_simple``   CSV header with ``id``, ``schema``, ``name``
``designations``     CSV header with ``list``, ``schema``, ``name``, ``source``
==================== ============================================================

CSV layouts are recognised by their required columns only
(:mod:`voyages.sanctions.csv_layouts`); a header resembling a layout but
missing required columns is an error naming the layout and the columns.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from voyages._words import WordEnum
from voyages.errors import DataFileError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ListFormat", "detect_format", "load_list", "load_lists"]

_SNIFF_BYTES = 65536


class ListFormat(WordEnum, noun="list format"):
    """The list file formats voyages reads; ``parse`` is case-insensitive, ``-`` counts as ``_``."""

    OFAC_CSV = "ofac_csv"
    OFAC_XML = "ofac_xml"
    OFAC_ENHANCED = "ofac_enhanced"
    EU_XML = "eu_xml"
    UN_XML = "un_xml"
    UK = "uk"
    FTM_JSON = "ftm_json"
    TARGETS_SIMPLE = "targets_simple"
    DESIGNATIONS = "designations"


_XML_ROOTS = {"sdnList": ListFormat.OFAC_XML, "sanctionsData": ListFormat.OFAC_ENHANCED,
              "export": ListFormat.EU_XML, "CONSOLIDATED_LIST": ListFormat.UN_XML}
_OFAC_PARTS = {5: "an OFAC alias file (alt.csv)", 6: "an OFAC address file (add.csv)",
               2: "an OFAC remarks-overflow file (sdn_comments.csv)"}


def _xml_root_name(head: bytes) -> str | None:
    """The root element's local name, read from the first bytes of an XML file."""
    import re

    text = head.decode("utf-8", errors="replace")
    text = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "", text, flags=re.DOTALL)
    found = re.search(r"<\s*([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)", text)
    return found.group(2) if found else None


def detect_format(path: str | Path) -> ListFormat:
    """Tell a list file's format from its content (not its name).

    Raises
    ------
    DataFileError
        An empty or unrecognised file, or an OFAC companion file (alias,
        address, remarks overflow) passed on its own.
    """
    from voyages.sanctions.csv_layouts import CSV_LAYOUTS, find_layout

    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if not head.strip():
        raise DataFileError(f"{path}: the file is empty")
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                mimetype = archive.read("mimetype").decode("ascii", errors="replace")
        except KeyError:
            mimetype = ""
        if "opendocument.spreadsheet" in mimetype:
            return ListFormat.UK
        raise DataFileError(f"{path}: a zip archive that is not an OpenDocument spreadsheet; "
                            "unzip it and pass the list file inside")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        root = _xml_root_name(text)
        if root in _XML_ROOTS:
            return _XML_ROOTS[root]
        raise DataFileError(f"{path}: unrecognised XML list (root <{root}>); expected one of "
                            + ", ".join(f"<{r}>" for r in _XML_ROOTS))
    if text.startswith(b"{"):
        first = text.split(b"\n", 1)[0]
        try:
            obj = json.loads(first)
        except json.JSONDecodeError as err:
            raise DataFileError(f"{path}: line 1 is not JSON ({err.msg})") from err
        if isinstance(obj, dict) and "schema" in obj and "id" in obj:
            return ListFormat.FTM_JSON
        raise DataFileError(f"{path}: JSON that is not FollowTheMoney entities "
                            "(objects with 'id' and 'schema', one per line)")
    sample = text.decode("utf-8", errors="replace")
    try:
        first_row = next(csv.reader(io.StringIO(sample, newline="")))
    except (StopIteration, csv.Error) as err:
        raise DataFileError(f"{path}: unrecognised list format ({err})") from err
    cells = [c.strip() for c in first_row]
    rows = list(csv.reader(io.StringIO(sample, newline="")))[:20]
    layout = find_layout(path, rows)  # names the missing columns of a near miss
    if layout is not None:
        return ListFormat(layout[1].format)
    if cells and cells[0].isdigit():
        if len(cells) == 12:
            return ListFormat.OFAC_CSV
        if len(cells) in _OFAC_PARTS:
            raise DataFileError(f"{path}: this is {_OFAC_PARTS[len(cells)]}; pass the primary "
                                "file (sdn.csv or cons_prim.csv) and keep this one beside it")
        if len(cells) > 6:
            raise DataFileError(f"{path}: line 1 looks like OFAC's legacy CSV (sdn.csv) but has "
                                f"{len(cells)} fields, not 12")
    raise DataFileError(
        f"{path}: unrecognised list format; expected one of: "
        + ", ".join(f.value for f in ListFormat) + " (a CSV header needs "
        + "; ".join(f"{layout.format}: {', '.join(layout.required)}" for layout in CSV_LAYOUTS)
        + ")")


def load_list(path: str | Path, *, format: str | ListFormat | None = None) -> pd.DataFrame:
    """Load one list file into the entity table.

    Parameters
    ----------
    path : path
    format : str or ListFormat, optional
        Override the detected format (:class:`ListFormat` values).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`voyages.sanctions.entities.ENTITY_COLUMNS`.

    Raises
    ------
    DataFileError
        A missing, unreadable, unrecognised or malformed file: one line
        naming the file and what was wrong.
    """
    path = Path(path)
    if path.is_dir():
        raise DataFileError(f"{path}: is a folder, not a list file")
    if not path.is_file():
        raise DataFileError(f"{path}: no such list file")
    fmt = ListFormat.parse(format) if format is not None else detect_format(path)
    module_name, function_name = _LOADERS[fmt]
    loader = getattr(importlib.import_module(module_name), function_name)
    return loader(path)


_LOADERS: dict[ListFormat, tuple[str, str]] = {
    ListFormat.OFAC_CSV: ("voyages.sanctions.ofac_csv", "load_ofac_csv"),
    ListFormat.OFAC_XML: ("voyages.sanctions.ofac_xml", "load_ofac_xml"),
    ListFormat.OFAC_ENHANCED: ("voyages.sanctions.ofac_xml", "load_ofac_enhanced_xml"),
    ListFormat.EU_XML: ("voyages.sanctions.eu_xml", "load_eu_xml"),
    ListFormat.UN_XML: ("voyages.sanctions.un_xml", "load_un_xml"),
    ListFormat.UK: ("voyages.sanctions.uk", "load_uk_list"),
    ListFormat.FTM_JSON: ("voyages.sanctions.opensanctions", "load_ftm_json"),
    ListFormat.TARGETS_SIMPLE: ("voyages.sanctions.opensanctions", "load_targets_simple"),
    ListFormat.DESIGNATIONS: ("voyages.sanctions.designations", "load_designations"),
}
"""Each list format's loader, imported only when a file of that format is read."""


def _is_ofac_companion(path: Path, given: set[Path]) -> bool:
    """An alt/add/comments file whose primary file is also given (read with it)."""
    from voyages.sanctions.ofac_csv import sibling_files

    for primary in given:
        if path in sibling_files(primary).values():
            return True
    return False


def load_lists(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Load several list files into one entity table (the bundled list when none).

    OFAC companion files (``alt.csv``, ``add.csv``, ``sdn_comments.csv``)
    given next to their primary file are read with it, not on their own.

    Raises
    ------
    DataFileError
        As :func:`load_list`.
    """
    import pandas as pd

    from voyages.sanctions.designations import load_designations
    from voyages.sanctions.entities import entity_frame

    given = [Path(p) for p in paths]
    if not given:
        return load_designations()
    resolved = {p.resolve() for p in given}
    frames = []
    for path in given:
        if _is_ofac_companion(path.resolve(), resolved - {path.resolve()}):
            continue
        frames.append(load_list(path))
    if not frames:
        return entity_frame([])
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
