"""Which CSV list layout a header row is: the columns each layout needs and may have.

A layout is recognised by its **required** columns only (the ones the loader
cannot do without); every other column it knows is **optional** and read as
empty when absent. A header that carries at least :data:`LOOKS_LIKE` of a
layout's columns but not all its required ones is that layout with columns
missing: the error names the layout and the missing columns, instead of
"unrecognised".

======================= ============================= ==========================================
layout                  required                      optional (empty when absent)
======================= ============================= ==========================================
``designations``        list, schema, name, source    program, list_entity_id, aliases, imo,
                                                      mmsi, flag, listed_on, listed_on_basis,
                                                      delisted_on, note
``targets_simple``      id, schema, name              aliases, birth_date, countries,
                                                      addresses, identifiers, sanctions,
                                                      phones, emails, program_ids, dataset,
                                                      first_seen, last_seen, last_change
``uk`` (full)           Unique ID, Name 1             Name 2…Name 6, Name type, Name non-latin
                                                      script, Regime Name, Designation Type,
                                                      Date Designated, IMO number, Current
                                                      believed flag of ship
``uk`` (summary)        Unique ID, Name               OFSI Group ID, Regime Name, Type,
                                                      Designation source, Date Designated,
                                                      Sanctions Imposed
======================= ============================= ==========================================

The OpenSanctions columns are those of its ``targets.simple.csv`` export
(https://www.opensanctions.org/docs/bulk/csv/); the UK ones those of the
FCDO's UK Sanctions List downloads (see :mod:`voyages.sanctions.uk`); the
designations ones :mod:`voyages.sanctions.designations`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from voyages.errors import DataFileError

__all__ = ["CSV_LAYOUTS", "LOOKS_LIKE", "CsvLayout", "find_layout"]

LOOKS_LIKE = 3
"""Columns of a layout a header must carry to be taken for that layout (with some missing)."""


@dataclass(frozen=True)
class CsvLayout:
    """A CSV list layout: its format name, title, required and optional columns."""

    format: str
    title: str
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Required then optional columns."""
        return self.required + self.optional

    def missing(self, cells: Sequence[str]) -> list[str]:
        """Required columns absent from a header row."""
        present = {c.strip() for c in cells}
        return [c for c in self.required if c not in present]

    def known(self, cells: Sequence[str]) -> int:
        """How many of the layout's columns a header row carries."""
        present = {c.strip() for c in cells}
        return sum(1 for c in self.columns if c in present)


DESIGNATIONS = CsvLayout(
    "designations", "a designations CSV (voyages' own layout)",
    ("list", "schema", "name", "source"),
    ("program", "list_entity_id", "aliases", "imo", "mmsi", "flag", "listed_on",
     "listed_on_basis", "delisted_on", "note"))
TARGETS_SIMPLE = CsvLayout(
    "targets_simple", "an OpenSanctions targets.simple.csv",
    ("id", "schema", "name"),
    ("aliases", "birth_date", "countries", "addresses", "identifiers", "sanctions", "phones",
     "emails", "program_ids", "dataset", "first_seen", "last_seen", "last_change"))
UK_FULL = CsvLayout(
    "uk", "a UK Sanctions List CSV (full layout)",
    ("Unique ID", "Name 1"),
    ("Name 2", "Name 3", "Name 4", "Name 5", "Name 6", "Name type", "Name non-latin script",
     "Regime Name", "Designation Type", "Date Designated", "IMO number",
     "Current believed flag of ship"))
UK_SUMMARY = CsvLayout(
    "uk", "a UK Sanctions List spreadsheet (summary layout)",
    ("Unique ID", "Name"),
    ("OFSI Group ID", "Regime Name", "Type", "Designation source", "Date Designated",
     "Sanctions Imposed"))

CSV_LAYOUTS = (DESIGNATIONS, TARGETS_SIMPLE, UK_FULL, UK_SUMMARY)
"""The CSV layouts, in the order they are tried."""


def find_layout(path: object, rows: Sequence[Sequence[str]],
                layouts: Sequence[CsvLayout] = CSV_LAYOUTS) -> tuple[int, CsvLayout] | None:
    """The first header row (of the first 20) that is one of ``layouts``, and which.

    Returns
    -------
    (int, CsvLayout) or None
        Row index and layout; None when no row resembles any layout.

    Raises
    ------
    DataFileError
        A row carrying at least :data:`LOOKS_LIKE` columns of a layout but
        not all its required ones: the layout and the missing columns are
        named.

    Examples
    --------
    >>> find_layout("t.csv", [["id", "schema", "name", "aliases"]])[1].format
    'targets_simple'
    >>> try:
    ...     find_layout("t.csv", [["id", "schema", "aliases", "program_ids"]])
    ... except DataFileError as err:
    ...     print(err)
    t.csv: looks like an OpenSanctions targets.simple.csv but lacks the column name
    """
    near: tuple[int, CsvLayout, list[str]] | None = None
    for i, row in enumerate(rows[:20]):
        for layout in layouts:
            missing = layout.missing(row)
            if not missing:
                return i, layout
            score = layout.known(row)
            if score >= LOOKS_LIKE and (near is None or score > near[0]):
                near = (score, layout, missing)
    if near is not None:
        _, layout, missing = near
        raise DataFileError(f"{path}: looks like {layout.title} but lacks the column"
                            f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    return None

