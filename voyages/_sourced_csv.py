"""Read the bundled CSV tables whose every row names its source.

``ports/places.csv``, ``ports/speed_envelopes.csv``,
``ports/speed_size_bins.csv``, ``ports/equipment_mass.csv`` and
``ports/corridors.csv`` share one shape: a header with required columns,
and a source column that no row may leave empty. :func:`sourced_rows` checks
both and hands back each row with its line number for the caller's own
field checks.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from voyages.errors import DataFileError


def sourced_rows(path: str | Path, columns: Iterable[str], *, source: str = "source",
                 noun: str = "row") -> list[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for every data row of a sourced CSV file.

    Parameters
    ----------
    path
        The CSV file (UTF-8, header on line 1).
    columns
        Column names every row must have.
    source
        The column that must be non-empty in every row.
    noun
        What a row is, for the error message ("row", "corridor").

    Raises
    ------
    DataFileError
        ``"{path}: missing column(s) …"`` or
        ``"{path}: line N: {source}: every {noun} needs its source"``.
    OSError
        When the file cannot be read.
    """
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    columns = tuple(columns)
    out = []
    for line, row in enumerate(rows, start=2):
        missing = [c for c in columns if c not in row]
        if missing:
            raise DataFileError(f"{path}: missing column(s) {', '.join(missing)}")
        if not row[source].strip():
            raise DataFileError(f"{path}: line {line}: {source}: every {noun} needs its source")
        out.append((line, row))
    return out
