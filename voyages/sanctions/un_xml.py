"""The UN Security Council Consolidated List, XML (``sc-sanctions.xsd``).

Root ``CONSOLIDATED_LIST`` (attribute ``dateGenerated``) with
``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``. Each has ``DATAID``,
``FIRST_NAME`` … ``FOURTH_NAME`` (an entity's name is in ``FIRST_NAME``),
``NAME_ORIGINAL_SCRIPT``, ``UN_LIST_TYPE`` (the sanctions regime: DPRK,
Iran, Al-Qaida, …), ``REFERENCE_NUMBER``, ``LISTED_ON`` (ISO date),
``COMMENTS1`` and ``INDIVIDUAL_ALIAS`` / ``ENTITY_ALIAS`` with
``ALIAS_NAME``. Company IMO numbers appear in comments
(``IMO number: 5571322``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyages.errors import DataFileError
from voyages.sanctions._xml import child, children, list_root, text
from voyages.sanctions.entities import Schema, clean_imo, loaded_frame, source_label

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_un_xml"]

_IMO_RE = re.compile(r"IMO\)?\s*(?:number|no\.?)?\s*:?\s*\d{7}", re.IGNORECASE)


def load_un_xml(path: str | Path, *, root: Any = None) -> pd.DataFrame:
    """Read the UN Security Council Consolidated List XML.

    Returns
    -------
    pandas.DataFrame
        The entity table with ``list`` = ``UN SC``, ``list_entity_id`` =
        ``DATAID`` (the ``REFERENCE_NUMBER`` is in ``source``),
        ``programs`` = ``UN_LIST_TYPE`` and ``listed_on`` = ``LISTED_ON``.

    Raises
    ------
    DataFileError
        Malformed XML, a root other than ``CONSOLIDATED_LIST``, or an entry
        without ``DATAID``.
    """
    path = Path(path)
    root = list_root(path, root, "CONSOLIDATED_LIST", "UN XML")
    label = source_label(path)
    records = []
    for group, tag, schema in (("INDIVIDUALS", "INDIVIDUAL", Schema.PERSON),
                               ("ENTITIES", "ENTITY", Schema.ORGANIZATION)):
        box = child(root, group)
        for number, entry in enumerate(children(box, tag) if box is not None else [], start=1):
            uid = text(entry, "DATAID")
            if not uid:
                raise DataFileError(f"{path}: {tag} #{number} has no <DATAID>")
            parts = [text(entry, f) for f in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME",
                                              "FOURTH_NAME")]
            aliases = [text(a, "ALIAS_NAME") for a in children(entry, f"{tag}_ALIAS")]
            aliases.append(text(entry, "NAME_ORIGINAL_SCRIPT"))
            imo = None
            if schema is Schema.ORGANIZATION:
                found = _IMO_RE.search(text(entry, "COMMENTS1"))
                imo = clean_imo(found.group(0)) if found else None
            reference = text(entry, "REFERENCE_NUMBER")
            records.append({
                "list": "UN SC",
                "list_entity_id": uid,
                "schema": schema.value,
                "name": " ".join(p for p in parts if p),
                "aliases": [a for a in aliases if a],
                "imo": imo,
                "programs": [text(entry, "UN_LIST_TYPE")],
                "listed_on": text(entry, "LISTED_ON")[:10] or None,
                "source_file": label,
                "source": f"{label} DATAID {uid} ({reference})",
            })
    return loaded_frame(path, records, "<INDIVIDUAL>/<ENTITY>", "UN SC consolidated XML")
