"""Flag-state risk: the Paris MoU and Tokyo MoU white, grey and black lists.

The port-state-control MoUs publish each year a performance list of flag
states from three years of inspections and detentions: ``white`` (low
detention record), ``grey`` (average) and ``black`` (poor; ships of these
flags are targeted for inspection). The bundled
``sanctions/flag_lists.csv`` holds the latest lists that could be sourced,
one row per (regime, year, flag) with its source; its columns::

    regime, year, list, flag, iso2, rank, source

``regime`` is ``Paris MoU`` or ``Tokyo MoU`` (the Tokyo MoU calls its
table the "black-grey-white list"; the colours mean the same and are stored
the same way); ``year`` the list's year (the last inspection year of the
three it covers: the Paris MoU 2023 list covers 2021-2023 and is in force
1 July 2024 - 30 June 2025); ``list`` white/grey/black; ``iso2`` the
ISO 3166-1 alpha-2 code of the flag state (rigour's territory list, as
:func:`voyages.casefile.country_name`); ``rank`` the flag's position in the
whole table, best first (Denmark 1, the last black-listed flag = the number
of flags listed), empty when the source gives none.

The bundled rows are partial: only the ratings a published source states
(``sanctions/README.md`` says which lists and years); a flag missing from a
year is not rated *here*, which says nothing about the full list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from voyages.errors import DataFileError
from voyages.sanctions._csv import dict_reader

__all__ = ["REGIMES", "FlagRating", "flag_risk", "latest_years", "load_flag_lists"]

FLAG_COLUMNS = ("regime", "year", "list", "flag", "iso2", "rank", "source")
REGIMES = ("Paris MoU", "Tokyo MoU")
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

    Returns
    -------
    tuple of FlagRating
        One per row, in file order.

    Raises
    ------
    DataFileError
        Missing columns, a regime other than ``Paris MoU``/``Tokyo MoU``, an
        unknown list colour, a bad year, an ``iso2`` that is no ISO 3166-1
        alpha-2 country code, a rank that is not a whole number, a row
        without a source, or a second row for the same regime, year and flag
        (file and line named).
    """
    if path is None:
        from voyages._data import data_dir

        path = data_dir("sanctions") / "flag_lists.csv"
    path = Path(path)
    from voyages.casefile import country_name

    reader = dict_reader(path, path.read_text(encoding="utf-8"), FLAG_COLUMNS)
    ratings = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in reader:
        where = f"{path}: line {reader.line_num}"
        regime = row["regime"].strip()
        if regime not in REGIMES:
            raise DataFileError(f"{where}: regime {row['regime']!r} is not one of "
                                f"{', '.join(REGIMES)}")
        iso2 = row["iso2"].strip().upper()
        if country_name(iso2) is None:
            raise DataFileError(f"{where}: iso2 {row['iso2']!r} is not an ISO 3166-1 "
                                f"alpha-2 country code")
        colour = row["list"].strip().lower()
        if colour not in _LISTS:
            raise DataFileError(f"{where}: list {row['list']!r} is not one of {', '.join(_LISTS)}")
        if not row["year"].strip().isdigit():
            raise DataFileError(f"{where}: year {row['year']!r} is not a year")
        if not row["source"].strip():
            raise DataFileError(f"{where}: source is empty")
        rank = row["rank"].strip()
        if rank and not rank.isdigit():
            raise DataFileError(f"{where}: rank {row['rank']!r} is not a whole number")
        key = (regime, row["year"].strip(), iso2)
        if key in seen:
            raise DataFileError(f"{where}: a second {regime} {key[1]} row for {iso2} "
                                f"(the first is on line {seen[key]})")
        seen[key] = reader.line_num
        ratings.append(FlagRating(regime=regime, year=int(row["year"]),
                                  list=colour, flag=row["flag"].strip(), iso2=iso2,
                                  rank=int(rank) if rank else None,
                                  source=row["source"].strip()))
    return tuple(ratings)


def latest_years(path: str | Path | None = None) -> dict[str, int]:
    """The newest list year each regime has in the flag lists (``{"Paris MoU": 2023, …}``).

    A flag's latest rating may be older than its regime's newest list when
    the rows that could be sourced for the newest list leave it out; the
    ``flag_risk`` check says so.
    """
    years: dict[str, int] = {}
    for rating in load_flag_lists(path):
        years[rating.regime] = max(years.get(rating.regime, rating.year), rating.year)
    return years


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
