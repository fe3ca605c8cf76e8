"""The EU Financial Sanctions Files (FSF) consolidated list, XML 1.1.

Root ``export`` (namespace ``http://eu.europa.ec/fpi/fsd/export``) with a
``generationDate``; one ``sanctionEntity`` per listed party, attributes
``logicalId``, ``euReferenceNumber`` and, for some entries,
``designationDate``; children ``regulation`` (the acts that listed or
amended the entry: ``publicationDate``, ``programme`` such as ``UKR``,
``RUS``, ``numberTitle`` of the Official Journal act), ``subjectType``
(``code`` ``person`` or ``enterprise``), ``nameAlias`` (``wholeName``,
``nameLanguage``, ``strong``), ``identification``
(``identificationTypeCode``, ``identificationTypeDescription``,
``number``), ``remark``.

``listed_on`` is ``designationDate`` when the entry has it, otherwise the
earliest ``publicationDate`` of the acts the entry cites — which may be an
amendment later than the first listing (the file does not say).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyages.errors import DataFileError
from voyages.sanctions._xml import children, list_root
from voyages.sanctions.entities import Schema, clean_imo, loaded_frame, source_label

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_eu_xml"]

_SCHEMAS = {"person": Schema.PERSON, "enterprise": Schema.ORGANIZATION}
_IMO_RE = re.compile(r"IMO[^0-9]{0,20}\d{7}", re.IGNORECASE)


def load_eu_xml(path: str | Path, *, root: Any = None) -> pd.DataFrame:
    """Read the EU consolidated financial sanctions list (FSF XML).

    Returns
    -------
    pandas.DataFrame
        The entity table with ``list`` = ``EU FSF``, ``list_entity_id`` =
        ``logicalId`` and ``programs`` the programme codes of the cited acts.

    Raises
    ------
    DataFileError
        Malformed XML, a root other than ``export``, or an entity without
        ``logicalId``.
    """
    path = Path(path)
    root = list_root(path, root, "export", "EU FSF XML")
    label = source_label(path)
    records = []
    for number, entity in enumerate(children(root, "sanctionEntity"), start=1):
        uid = entity.get("logicalId", "").strip()
        if not uid:
            raise DataFileError(f"{path}: sanctionEntity #{number} has no logicalId")
        subject = children(entity, "subjectType")
        code = subject[0].get("code", "").lower() if subject else ""
        schema = _SCHEMAS.get(code, Schema.OTHER)
        names = [a.get("wholeName", "").strip() for a in children(entity, "nameAlias")]
        names = [n for n in names if n]
        regulations = children(entity, "regulation")
        dates = sorted(r.get("publicationDate") for r in regulations if r.get("publicationDate"))
        listed_on = entity.get("designationDate") or (dates[0] if dates else None)
        imo = None
        texts = [" ".join(i.get(a, "") for a in ("identificationTypeCode",
                                                "identificationTypeDescription", "number"))
                 for i in children(entity, "identification")]
        texts += [r.text or "" for r in children(entity, "remark")]
        if schema is not Schema.PERSON:
            for candidate in texts:
                found = _IMO_RE.search(candidate)
                if found and (imo := clean_imo(found.group(0))):
                    break
        records.append({
            "list": "EU FSF",
            "list_entity_id": uid,
            "schema": schema.value,
            "name": names[0] if names else "",
            "aliases": names[1:],
            "imo": imo,
            "programs": [r.get("programme", "") for r in regulations],
            "listed_on": listed_on,
            "source_file": label,
            "source": f"{label} logicalId {uid} ({entity.get('euReferenceNumber', '')})",
        })
    return loaded_frame(path, records, "<sanctionEntity>", "EU FSF XML")
