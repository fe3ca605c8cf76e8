"""Flag-state risk: the Paris MoU and Tokyo MoU white, grey and black lists.

The port-state-control MoUs publish each year a performance list of flag
states from three years of inspections and detentions: ``white`` (low
detention record), ``grey`` (average) and ``black`` (poor; ships of these
flags are targeted for inspection). The bundled
``sanctions/flag_lists.csv`` holds the latest lists that could be sourced,
one row per (regime, year, flag) with its source; its columns::

    regime, year, list, flag, iso2, rank, source

``regime`` is ``Paris MoU`` or ``Tokyo MoU``; ``year`` the list's year
(the last inspection year it covers); ``list`` white/grey/black; ``iso2``
the ISO 3166-1 alpha-2 code of the flag state.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from voyages.errors import DataFileError
from voyages.sanctions._csv import dict_reader

__all__ = ["FlagRating", "flag_risk", "load_flag_lists"]

FLAG_COLUMNS = ("regime", "year", "list", "flag", "iso2", "rank", "source")
_LISTS = ("white", "grey", "black")


@dataclass(frozen=True)
class FlagRating:
    """A flag state's place on one MoU's list (one row of ``flag_lists.csv``).

    Attributes
    ----------
    regime : str
        ``"Paris MoU"`` or ``"Tokyo MoU"``.
    year : int
        The list's year (the last inspection year it covers).
    list : str
        ``"white"``, ``"grey"`` or ``"black"``.
    flag, iso2 : str
        The flag state as the list names it, and its ISO 3166-1 alpha-2 code.
    rank : int or None
        Its rank on the list, when published.
    source : str
        Where the row comes from.
    """

    regime: str
    year: int
    list: str
    flag: str
    iso2: str
    rank: int | None
    source: str


@lru_cache(maxsize=4)
def load_flag_lists(path: str | Path | None = None) -> tuple[FlagRating, ...]:
    """Read the flag lists CSV (by default the bundled ``sanctions/flag_lists.csv``).

    Raises
    ------
    DataFileError
        Missing columns, an unknown list colour, a bad year, or a row
        without a source (file and line named).
    """
    if path is None:
        from voyages._data import data_dir

        path = data_dir("sanctions") / "flag_lists.csv"
    path = Path(path)
    reader = dict_reader(path, path.read_text(encoding="utf-8"), FLAG_COLUMNS)
    ratings = []
    for row in reader:
        where = f"{path}: line {reader.line_num}"
        colour = row["list"].strip().lower()
        if colour not in _LISTS:
            raise DataFileError(f"{where}: list {row['list']!r} is not one of {', '.join(_LISTS)}")
        if not row["year"].strip().isdigit():
            raise DataFileError(f"{where}: year {row['year']!r} is not a year")
        if not row["source"].strip():
            raise DataFileError(f"{where}: source is empty")
        rank = row["rank"].strip()
        ratings.append(FlagRating(regime=row["regime"].strip(), year=int(row["year"]),
                                  list=colour, flag=row["flag"].strip(),
                                  iso2=row["iso2"].strip().upper(),
                                  rank=int(rank) if rank.isdigit() else None,
                                  source=row["source"].strip()))
    return tuple(ratings)


def flag_risk(flag: str, *, path: str | Path | None = None) -> list[FlagRating]:
    """The latest rating of a flag state on each MoU's list.

    Parameters
    ----------
    flag : str
        ISO 3166-1 alpha-2 code (``CM``) or the flag state's name as the
        lists write it (``Cameroon``), case-insensitive.

    Returns
    -------
    list of FlagRating
        One per regime that lists the flag (latest year), Paris first;
        empty when no list rates it (not inspected enough to be rated).
    """
    key = flag.strip().casefold()
    latest: dict[str, FlagRating] = {}
    for rating in load_flag_lists(path):
        if key in (rating.iso2.casefold(), rating.flag.casefold()):
            current = latest.get(rating.regime)
            if current is None or rating.year > current.year:
                latest[rating.regime] = rating
    return sorted(latest.values(), key=lambda r: r.regime != "Paris MoU")
