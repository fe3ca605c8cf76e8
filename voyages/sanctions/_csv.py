"""CSV list files read with a header check (designations, OpenSanctions, flag lists)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from voyages.errors import DataFileError


def dict_reader(path: Path, text: str, columns: Iterable[str], *,
                what: str = "") -> csv.DictReader:
    """A ``csv.DictReader`` over ``text`` whose header has every one of ``columns``.

    ``reader.line_num`` gives the file line of the row just read.

    Raises
    ------
    DataFileError
        ``"{path}: not {what} (missing columns: …)"``, or without ``what``
        ``"{path}: missing columns: …"``.
    """
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        names = ", ".join(missing)
        raise DataFileError(f"{path}: not {what} (missing columns: {names})" if what
                            else f"{path}: missing columns: {names}")
    return reader
