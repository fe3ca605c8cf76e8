"""The normalised entity table every list loader returns.

One row per listed entity (a vessel, an organization, a person; aircraft
and anything else is ``other``). Columns, in this order:

============== ================= ===============================================
column         dtype             meaning
============== ================= ===============================================
list           string            the list: ``OFAC SDN``, ``EU FSF``, ``UN SC``,
                                 ``UK Sanctions List``, ``OpenSanctions …``
list_entity_id string            the entity's id in that list (OFAC ent_num,
                                 EU logicalId, UN DATAID, UK Unique ID, …)
schema         category          ``vessel``, ``organization``, ``person``,
                                 ``other``
name           string            primary name as listed
aliases        object            tuple of str: a.k.a., f.k.a., other scripts
imo            string            7-digit IMO number (ship number for vessels,
                                 company number for organizations), no prefix
mmsi           string            9-digit MMSI (vessels)
flag           string            flag state as the list gives it
programs       object            tuple of str: programs / regimes
listed_on      datetime64[ns]    listing (designation) date, NaT when the list
                                 does not carry one
delisted_on    datetime64[ns]    delisting date, NaT while listed
source_file    string            file the row was read from
source         string            citation for the row (bundled designations),
                                 else the file name and entity id
============== ================= ===============================================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyages._words import WordEnum

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ENTITY_COLUMNS",
    "Schema",
    "clean_imo",
    "clean_mmsi",
    "empty_entities",
    "entity_frame",
    "entity_records",
    "loaded_frame",
]

LIST = "list"
LIST_ENTITY_ID = "list_entity_id"
SCHEMA = "schema"
NAME = "name"
ALIASES = "aliases"
IMO = "imo"
MMSI = "mmsi"
FLAG = "flag"
PROGRAMS = "programs"
LISTED_ON = "listed_on"
DELISTED_ON = "delisted_on"
SOURCE_FILE = "source_file"
SOURCE = "source"

ENTITY_COLUMNS = (
    LIST, LIST_ENTITY_ID, SCHEMA, NAME, ALIASES, IMO, MMSI, FLAG, PROGRAMS,
    LISTED_ON, DELISTED_ON, SOURCE_FILE, SOURCE,
)
"""Column names of the entity table, in order."""

_STRING_COLUMNS = (LIST, LIST_ENTITY_ID, NAME, IMO, MMSI, FLAG, SOURCE_FILE, SOURCE)
_DATE_COLUMNS = (LISTED_ON, DELISTED_ON)


class Schema(WordEnum, noun="schema"):
    """What kind of thing a listed entity is; ``Schema.parse`` is case-insensitive.

    >>> Schema.parse("Vessel")
    <Schema.VESSEL: 'vessel'>
    """

    VESSEL = "vessel"
    ORGANIZATION = "organization"
    PERSON = "person"
    OTHER = "other"


def clean_imo(text: object) -> str | None:
    """The 7-digit IMO number in ``text`` when its check digit is valid, else None.

    Ship and company IMO numbers have different check-digit schemes; both
    are accepted (``rigour.ids.IMO``).

    >>> clean_imo("Vessel Registration Identification IMO 9179854")
    '9179854'
    >>> clean_imo("IMO 9179855") is None
    True
    """
    if text is None:
        return None
    from rigour.ids import IMO as IMO_FORMAT

    value = IMO_FORMAT.normalize(str(text))
    return value[3:] if value else None


def clean_mmsi(text: object) -> str | None:
    """The MMSI in ``text`` when it is exactly nine digits, else None.

    >>> clean_mmsi(" 273414440 ")
    '273414440'
    >>> clean_mmsi("27341444") is None
    True
    """
    if text is None:
        return None
    value = "".join(str(text).split())
    return value if len(value) == 9 and value.isdigit() else None


def empty_entities() -> pd.DataFrame:
    """An entity table with no rows (all columns, right dtypes)."""
    return entity_frame([])


def entity_records(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The entity table's rows as plain dicts, before the table is built (no pandas).

    Parameters
    ----------
    rows : iterable of mapping
        As for :func:`entity_frame`.

    Returns
    -------
    list of dict
        One dict per row with every key of :data:`ENTITY_COLUMNS`
        (missing keys None, but a missing ``schema`` is ``other``);
        ``name`` stripped, ``aliases`` and ``programs`` tuples of str
        without duplicates (nor an alias equal to the name). Values are
        otherwise as given: dates stay as given (ISO strings, dates or None).

    >>> entity_records([{"name": " ADLER ", "aliases": ["Adler", "ALDER"]}])[0]["aliases"]
    ('ALDER',)
    """
    records = []
    for row in rows:
        name = str(row.get(NAME) or "").strip()
        seen = {name.casefold()}
        aliases = []
        for alias in row.get(ALIASES) or ():
            alias = str(alias).strip()
            if alias and alias.casefold() not in seen:
                seen.add(alias.casefold())
                aliases.append(alias)
        programs = tuple(dict.fromkeys(str(p).strip() for p in row.get(PROGRAMS) or () if p))
        record = {col: row.get(col) for col in ENTITY_COLUMNS}
        record.update({NAME: name, ALIASES: tuple(aliases), PROGRAMS: programs})
        if record[SCHEMA] is None:
            record[SCHEMA] = Schema.OTHER.value
        records.append(record)
    return records


def entity_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Build the entity table from dict rows (missing keys become NA).

    Parameters
    ----------
    rows : iterable of mapping
        Keys among :data:`ENTITY_COLUMNS`. ``aliases`` and ``programs`` are
        sequences of str; ``listed_on``/``delisted_on`` are dates, ISO
        strings or None.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ENTITY_COLUMNS` with the dtypes in the module
        docstring; duplicate aliases (and aliases equal to the name) removed.
    """
    import pandas as pd

    frame = pd.DataFrame.from_records(entity_records(rows), columns=list(ENTITY_COLUMNS))
    for col in _STRING_COLUMNS:
        frame[col] = frame[col].astype("string")
    for col in _DATE_COLUMNS:
        values = [None if v is None or v == "" or v is pd.NaT else v for v in frame[col]]
        frame[col] = pd.Series(pd.to_datetime(values, errors="coerce", format="ISO8601"),
                               index=frame.index).astype("datetime64[ns]")
    frame[SCHEMA] = pd.Categorical(frame[SCHEMA].fillna(Schema.OTHER.value),
                                   categories=[s.value for s in Schema])
    return frame


def loaded_frame(path: Path, records: list[dict[str, Any]], entry: str,
                 title: str) -> pd.DataFrame:
    """The entity table of a loaded file, refusing a file with no entry.

    A record without a name takes its first alias as its name; one with
    neither is kept (real lists have such entries: the UK list's BEL0174,
    an EU FSF excerpt's 999999), matched by identifier only.

    Parameters
    ----------
    path : Path
        The file read (named in errors).
    records : list of dict
        As for :func:`entity_frame`, with ``list_entity_id``.
    entry, title : str
        What an entry is called in the format (``<sanctionEntity>``) and the
        format's title (``EU FSF XML``), for the error.

    Raises
    ------
    DataFileError
        No entry at all (an empty or truncated file: screening against it
        would silently match nothing).
    """
    from voyages.errors import DataFileError

    if not records:
        raise DataFileError(f"{path}: no {entry} entry: an empty or truncated {title}")
    for record in records:
        if not str(record.get(NAME) or "").strip():
            aliases = [a for a in record.get(ALIASES) or () if str(a).strip()]
            if aliases:
                record[NAME], record[ALIASES] = aliases[0], aliases[1:]
    return entity_frame(records)


def source_label(path: Path) -> str:
    """How a loaded file is named in the ``source_file`` column (its file name)."""
    return Path(path).name
