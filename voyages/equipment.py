"""The equipment catalogue: masses of vehicles and guns, each with its source.

Rows come from ``ports/equipment_mass.csv`` (columns ``type``, ``aliases``,
``category``, ``vehicle``, ``mass_t_min``, ``mass_t_max``, ``basis``,
``source``, ``note``). A mass no source read gives is left empty; such a
type still counts as present, but adds nothing to a mass bound.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voyages._data import data_dir
from voyages._sourced_csv import sourced_rows
from voyages.errors import DataFileError
from voyages.places import normalize_name

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EQUIPMENT_COLUMNS", "EquipmentType", "equipment_catalogue", "equipment_frame",
           "find_equipment", "match_equipment"]

EQUIPMENT_COLUMNS = ("type", "aliases", "category", "vehicle", "mass_t_min", "mass_t_max",
                     "basis", "source", "note")


@dataclass(frozen=True)
class EquipmentType:
    """One kind of equipment and its mass.

    Attributes
    ----------
    type : str
        Designation (``"BMP-3"``).
    aliases : tuple of str
    category : str
        ``tank``, ``ifv``, ``apc``, ``armoured_car``, ``truck``, ``mrap``,
        ``towed_howitzer``, ...
    vehicle : bool
        True when it counts toward a convoy's vehicle total.
    mass_t_min, mass_t_max : float or None
        Mass band in tonnes; None where no source gives it.
    basis : str
        What the mass is (combat mass, curb mass, laden mass).
    source : str
    """

    type: str
    aliases: tuple[str, ...]
    category: str
    vehicle: bool
    mass_t_min: float | None
    mass_t_max: float | None
    basis: str
    source: str
    note: str = ""


def _number(text: str, where: str, column: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise DataFileError(f"{where}: {column}: not a number: {text!r}") from None
    if value <= 0 or not math.isfinite(value):
        raise DataFileError(f"{where}: {column}: must be > 0 t, got {value}")
    return value


def _read(path) -> tuple[EquipmentType, ...]:
    out = []
    for line, row in sourced_rows(path, EQUIPMENT_COLUMNS):
        where = f"{path}: line {line}"
        low = _number(row["mass_t_min"], where, "mass_t_min")
        high = _number(row["mass_t_max"], where, "mass_t_max")
        if low is not None and high is not None and high < low:
            raise DataFileError(f"{where}: mass_t_max {high} is below mass_t_min {low}")
        out.append(EquipmentType(
            row["type"].strip(),
            tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
            row["category"].strip(), row["vehicle"].strip().lower() in ("yes", "true", "1"),
            low, high, row["basis"].strip(), row["source"].strip(), row["note"].strip()))
    return tuple(out)


@functools.cache
def equipment_catalogue() -> tuple[EquipmentType, ...]:
    """The bundled catalogue (``ports/equipment_mass.csv``)."""
    return _read(data_dir("ports") / "equipment_mass.csv")


def find_equipment(name: str, catalogue: tuple[EquipmentType, ...] | None = None
                   ) -> EquipmentType | None:
    """The catalogue entry whose designation or alias matches ``name``.

    Matching folds case, accents and punctuation (``"t72b3m"`` finds
    ``T-72B3M``). Returns None when nothing matches.

    >>> find_equipment("bmp 3").type
    'BMP-3'
    """
    key = normalize_name(name)
    for item in catalogue if catalogue is not None else equipment_catalogue():
        if key in {normalize_name(n) for n in (item.type, *item.aliases)}:
            return item
    return None


def match_equipment(description: str, catalogue: tuple[EquipmentType, ...] | None = None
                    ) -> list[EquipmentType]:
    """Every catalogue type a composition entry names, in the order written.

    Case files describe equipment in words (``"T-72B3M tank"``, ``"Spartak,
    Linza and Tiger 4×4 armoured personnel carrier"``, ``"truck (incl.
    armoured Kamaz …)"``). The text before any parenthesis is scanned for
    designations and aliases, one to three words long, longest first; each
    word belongs to at most one match.

    >>> [e.type for e in match_equipment("Spartak, Linza and Tiger 4×4 APC")]
    ['Spartak', 'Linza', 'Tigr']
    >>> [e.type for e in match_equipment("truck (incl. armoured Kamaz)")]
    ['KamAZ truck']
    """
    import re

    items = catalogue if catalogue is not None else equipment_catalogue()
    keys: dict[str, EquipmentType] = {}
    for item in items:
        for name in (item.type, *item.aliases):
            keys.setdefault(normalize_name(name), item)
    head = description.split("(")[0]
    words = [w for w in re.split(r"[\s,;/]+", head) if w]
    used = [False] * len(words)
    found: list[tuple[int, EquipmentType]] = []
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            if any(used[i] for i in span):
                continue
            hit = keys.get(normalize_name(" ".join(words[start:start + size])))
            if hit is not None and all(hit is not f for _, f in found):
                found.append((start, hit))
                for i in span:
                    used[i] = True
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def equipment_frame() -> pd.DataFrame:
    """The catalogue as a DataFrame.

    Returns
    -------
    pandas.DataFrame
        Columns ``type``, ``aliases`` (``;``-joined), ``category`` (str),
        ``vehicle`` (bool), ``mass_t_min``, ``mass_t_max`` (float, NaN where
        unknown), ``basis``, ``source``, ``note`` (str).
    """
    import pandas as pd

    nan = float("nan")
    return pd.DataFrame([{
        "type": e.type, "aliases": ";".join(e.aliases), "category": e.category,
        "vehicle": e.vehicle, "mass_t_min": nan if e.mass_t_min is None else e.mass_t_min,
        "mass_t_max": nan if e.mass_t_max is None else e.mass_t_max, "basis": e.basis,
        "source": e.source, "note": e.note} for e in equipment_catalogue()])
