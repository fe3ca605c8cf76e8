"""OpenSanctions exports: FollowTheMoney entities (JSON lines) and ``targets.simple.csv``.

FollowTheMoney (``entities.ftm.json``): one JSON object per line with
``id``, ``schema`` and ``properties``; read with the ``followthemoney``
library. Targets are Vessel, Company/Organization/LegalEntity and Person
entities; ``Sanction`` entities point at them (property ``entity``) and
carry ``program``/``programId``, ``authority``, ``startDate`` and
``endDate`` — the listing and delisting dates. Other schemata (addresses,
ownerships, …) are skipped.

``targets.simple.csv``: header ``id, schema, name, aliases, birth_date,
countries, addresses, identifiers, sanctions, phones, emails, program_ids,
dataset, first_seen, last_seen, last_change``; multi-valued cells joined
with ``;``; records may span lines (quoted newlines). The file carries no
listing date (``first_seen`` is when OpenSanctions first saw the record,
not a designation date), so ``listed_on`` is NaT. ``identifiers`` mixes IMO
numbers (``IMO9250385``), MMSIs (nine digits, for vessels), tax and
registration numbers and call signs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyages.errors import DataFileError
from voyages.sanctions._csv import dict_reader
from voyages.sanctions.csv_layouts import TARGETS_SIMPLE
from voyages.sanctions.entities import (
    Schema,
    clean_imo,
    clean_mmsi,
    loaded_frame,
    source_label,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SIMPLE_COLUMNS", "load_ftm_json", "load_targets_simple"]

SIMPLE_COLUMNS = TARGETS_SIMPLE.required
"""Columns ``targets.simple.csv`` must have (``id``, ``schema``, ``name``); the others
(:data:`voyages.sanctions.csv_layouts.TARGETS_SIMPLE`) are read as empty when absent."""

_ORGS = ("Organization", "Company", "LegalEntity", "PublicBody")


def _schema_of(name: str) -> Schema:
    if name == "Vessel":
        return Schema.VESSEL
    if name == "Person":
        return Schema.PERSON
    if name in _ORGS:
        return Schema.ORGANIZATION
    return Schema.OTHER


def _split(cell: str) -> list[str]:
    return [v.strip() for v in (cell or "").split(";") if v.strip()]


def load_targets_simple(path: str | Path) -> pd.DataFrame:
    """Read an OpenSanctions ``targets.simple.csv`` export.

    Returns
    -------
    pandas.DataFrame
        The entity table with ``list`` = ``OpenSanctions`` plus the
        dataset's title, ``programs`` from ``program_ids``; ``listed_on``
        NaT (not in this format).

    Raises
    ------
    DataFileError
        A header without :data:`SIMPLE_COLUMNS` (``id``, ``schema``,
        ``name``; the missing ones named), or a row without an id. Other
        columns are optional: a hand-written file without ``program_ids``
        or ``dataset`` loads with no programs and ``list`` =
        ``OpenSanctions``.
    """
    from voyages.sanctions.ofac_csv import read_text

    path = Path(path)
    reader = dict_reader(path, read_text(path), TARGETS_SIMPLE.required,
                         what=TARGETS_SIMPLE.title)
    label = source_label(path)
    records = []
    for row in reader:
        row = {k: v or "" for k, v in row.items() if k is not None}
        for column in TARGETS_SIMPLE.optional:
            row.setdefault(column, "")
        uid = row["id"].strip()
        if not uid:
            raise DataFileError(f"{path}: line {reader.line_num}: record without an id")
        schema = _schema_of(row["schema"])
        imo = mmsi = None
        for ident in _split(row["identifiers"]):
            if imo is None and ident.upper().startswith("IMO") and schema is not Schema.PERSON:
                imo = clean_imo(ident)
            elif mmsi is None and schema is Schema.VESSEL:
                mmsi = clean_mmsi(ident)
        countries = _split(row.get("countries", ""))
        records.append({
            "list": f"OpenSanctions {row['dataset']}".strip(),  # no dataset: "OpenSanctions"
            "list_entity_id": uid,
            "schema": schema.value,
            "name": row["name"],
            "aliases": _split(row["aliases"]),
            "imo": imo,
            "mmsi": mmsi,
            "flag": None if schema is not Schema.VESSEL or len(countries) != 1 else countries[0],
            "programs": _split(row["program_ids"]),
            "source_file": label,
            "source": f"{label} {uid}",
        })
    return loaded_frame(path, records, "record", "OpenSanctions targets.simple.csv")


def load_ftm_json(path: str | Path) -> pd.DataFrame:
    """Read FollowTheMoney entities (JSON lines) with the ``followthemoney`` library.

    Returns
    -------
    pandas.DataFrame
        One row per Vessel, Organization/Company/LegalEntity/PublicBody and
        Person entity, with ``list`` = ``OpenSanctions`` plus the entity's
        first dataset; ``programs``, ``listed_on`` (earliest ``startDate``)
        and ``delisted_on`` (latest ``endDate``, only when every sanction
        has ended) from the ``Sanction`` entities that point at it.

    Raises
    ------
    DataFileError
        A line that is not JSON or not a FollowTheMoney entity (line named),
        or ``followthemoney`` not installed (the ``sanctions`` extra).
    """
    path = Path(path)
    try:
        from followthemoney import model
        from followthemoney.exc import InvalidData
    except ImportError as err:
        raise DataFileError(f"{path}: reading FollowTheMoney entities needs the "
                            "'followthemoney' package: pip install 'voyages[sanctions]'") from err
    label = source_label(path)
    targets: list[tuple[Any, list[str]]] = []
    sanctions: dict[str, list[Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                proxy = model.get_proxy(data)
            except (json.JSONDecodeError, InvalidData, TypeError, KeyError) as err:
                raise DataFileError(f"{path}: line {line_no}: not a FollowTheMoney entity "
                                    f"({type(err).__name__}: {err})") from err
            if proxy.schema.name == "Sanction":
                for target in proxy.get("entity"):
                    sanctions.setdefault(target, []).append(proxy)
            elif _schema_of(proxy.schema.name) is not Schema.OTHER:
                targets.append((proxy, list(data.get("datasets") or [])))
    records = []
    for proxy, datasets in targets:
        schema = _schema_of(proxy.schema.name)
        names = proxy.get("name")
        aliases = names[1:] + proxy.get("alias") + proxy.get("previousName")
        own = sanctions.get(proxy.id, [])
        starts = sorted(d for s in own for d in s.get("startDate"))
        ends = sorted(d for s in own for d in s.get("endDate"))
        ended = bool(own) and all(s.get("endDate") for s in own)
        imo = next((v for v in map(clean_imo, proxy.get("imoNumber", quiet=True)) if v), None)
        mmsi = next((v for v in map(clean_mmsi, proxy.get("mmsi", quiet=True)) if v), None)
        flags = proxy.get("flag", quiet=True)
        programs = [p for s in own for p in (s.get("programId") or s.get("program"))]
        records.append({
            "list": f"OpenSanctions {datasets[0]}" if datasets else "OpenSanctions",
            "list_entity_id": proxy.id,
            "schema": schema.value,
            "name": names[0] if names else "",
            "aliases": aliases,
            "imo": imo,
            "mmsi": mmsi,
            "flag": flags[0] if flags else None,
            "programs": programs + proxy.get("programId", quiet=True),
            "listed_on": starts[0][:10] if starts else None,
            "delisted_on": ends[-1][:10] if ended and ends else None,
            "source_file": label,
            "source": f"{label} {proxy.id}",
        })
    return loaded_frame(path, records, "target entity (Vessel, Company, Person, …)",
                        "FollowTheMoney entities file")
