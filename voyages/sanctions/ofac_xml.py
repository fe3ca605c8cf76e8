"""OFAC's XML files: the classic ``sdn.xml`` / ``consolidated.xml`` and the Enhanced XML.

Classic (root ``sdnList``, OFAC's ``sdn.xsd``): ``publshInformation``
(sic) with ``Publish_Date``; one ``sdnEntry`` per entity with ``uid``,
``firstName``, ``lastName``, ``sdnType`` (Individual, Entity, Vessel,
Aircraft), ``programList/program``, ``akaList/aka`` (first and last name),
``idList/id`` (``idType``, ``idNumber``: a vessel's IMO number is an
``id`` of type ``Vessel Registration Identification`` with number
``IMO 9179854``; MMSI an ``id`` of type ``MMSI``) and ``vesselInfo``
(``callSign``, ``vesselType``, ``vesselFlag``, ``vesselOwner``,
``tonnage``, ``grossRegisteredTonnage``). No listing date.

Enhanced (root ``sanctionsData``, OFAC's ``ENHANCED_XML.xsd``): one
``entity`` per listed party with ``generalInfo/entityType``,
``sanctionsLists/sanctionsList`` (each with its ``datePublished``: the
listing date on that list), ``sanctionsPrograms/sanctionsProgram``,
``names/name`` (``isPrimary``, ``aliasType``) with
``translations/translation/formattedFullName`` in each script,
``features/feature`` (``type`` and ``value``: Vessel Flag, VESSEL TYPE,
MMSI, Vessel Call Sign, …) and ``identityDocuments/identityDocument``
(``type``, ``documentNumber``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyages.errors import DataFileError
from voyages.sanctions._xml import child, children, list_root, nested, text
from voyages.sanctions.entities import (
    Schema,
    clean_imo,
    clean_mmsi,
    loaded_frame,
    source_label,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_ofac_enhanced_xml", "load_ofac_xml"]

_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION,
            "vessel": Schema.VESSEL, "aircraft": Schema.OTHER}


def _full_name(first: str, last: str) -> str:
    return f"{last}, {first}" if first and last else (last or first)


def _identifiers(pairs: list[tuple[str, str]], schema: Schema) -> tuple[str | None, str | None]:
    imo = mmsi = None
    for kind, number in pairs:
        kind_l = kind.lower()
        if imo is None and schema in (Schema.VESSEL, Schema.ORGANIZATION) and (
                "imo" in kind_l or "vessel registration" in kind_l or "imo" in number.lower()):
            imo = clean_imo(number)
        if mmsi is None and schema is Schema.VESSEL and "mmsi" in kind_l:
            mmsi = clean_mmsi(number)
    return imo, mmsi


def load_ofac_xml(path: str | Path, *, root: Any = None, list_name: str | None = None
                  ) -> pd.DataFrame:
    """Read OFAC's classic XML (``sdn.xml``, ``consolidated.xml``; root ``sdnList``).

    Returns
    -------
    pandas.DataFrame
        The entity table; ``listed_on`` is NaT (the format has no listing
        date).

    Raises
    ------
    DataFileError
        Malformed XML, another root element, or an entry without a uid.
    """
    path = Path(path)
    root = list_root(path, root, "sdnList", "OFAC XML")
    if list_name is None:
        list_name = "OFAC Consolidated" if "cons" in path.stem.lower() else "OFAC SDN"
    label = source_label(path)
    records = []
    for number, entry in enumerate(children(root, "sdnEntry"), start=1):
        uid = text(entry, "uid")
        if not uid:
            raise DataFileError(f"{path}: sdnEntry #{number} has no <uid>")
        schema = _SCHEMAS.get(text(entry, "sdnType").lower(), Schema.OTHER)
        aliases = [_full_name(text(aka, "firstName"), text(aka, "lastName"))
                   for aka in nested(entry, "akaList", "aka")]
        pairs = [(text(i, "idType"), text(i, "idNumber"))
                 for i in nested(entry, "idList", "id")]
        imo, mmsi = _identifiers(pairs, schema)
        vessel = child(entry, "vesselInfo")
        records.append({
            "list": list_name,
            "list_entity_id": uid,
            "schema": schema.value,
            "name": _full_name(text(entry, "firstName"), text(entry, "lastName")),
            "aliases": aliases,
            "imo": imo,
            "mmsi": mmsi,
            "flag": text(vessel, "vesselFlag") or None if vessel is not None else None,
            "programs": [text(p) for p in nested(entry, "programList", "program")],
            "source_file": label,
            "source": f"{label} uid {uid}",
        })
    return loaded_frame(path, records, "<sdnEntry>", "OFAC XML")


def _names(entity: Any) -> tuple[str, list[str]]:
    primary, aliases = "", []
    for name in nested(entity, "names", "name"):
        is_primary = text(name, "isPrimary").lower() == "true"
        for translation in nested(name, "translations", "translation"):
            full = text(translation, "formattedFullName")
            if not full:
                continue
            if is_primary and not primary and text(translation, "isPrimary").lower() == "true":
                primary = full
            else:
                aliases.append(full)
    return primary, aliases


def load_ofac_enhanced_xml(path: str | Path, *, root: Any = None) -> pd.DataFrame:
    """Read OFAC's Enhanced XML (``SDN_ENHANCED.XML``, ``CONS_ENHANCED.XML``).

    ``list`` is ``OFAC`` plus the entity's list (``OFAC SDN List``,
    ``OFAC Non-SDN Menu-Based Sanctions List``, …; the umbrella
    "Consolidated List" only when it is the sole one); ``listed_on`` is the
    earliest ``datePublished`` of the entity's lists.

    Raises
    ------
    DataFileError
        Malformed XML, another root element, or an entity without an id.
    """
    path = Path(path)
    root = list_root(path, root, "sanctionsData", "OFAC Enhanced XML")
    label = source_label(path)
    records = []
    entities = child(root, "entities")
    for number, entity in enumerate(children(entities if entities is not None else root,
                                             "entity"), start=1):
        uid = entity.get("id", "").strip()
        if not uid:
            raise DataFileError(f"{path}: entity #{number} has no id attribute")
        schema = _SCHEMAS.get(text(child(entity, "generalInfo"), "entityType").lower(),
                              Schema.OTHER)
        lists = nested(entity, "sanctionsLists", "sanctionsList")
        list_names = [text(item) for item in lists if text(item)]
        specific = [n for n in list_names if n != "Consolidated List"] or list_names or ["list"]
        dates = sorted(item.get("datePublished") for item in lists if item.get("datePublished"))
        primary, aliases = _names(entity)
        features: dict[str, str] = {}
        for feature in nested(entity, "features", "feature"):
            features.setdefault(text(feature, "type").lower(), text(feature, "value"))
        pairs = [(text(doc, "type"), text(doc, "documentNumber"))
                 for doc in nested(entity, "identityDocuments", "identityDocument")]
        pairs += [(kind, value) for kind, value in features.items()]
        imo, mmsi = _identifiers(pairs, schema)
        records.append({
            "list": f"OFAC {specific[0]}",
            "list_entity_id": uid,
            "schema": schema.value,
            "name": primary or (aliases.pop(0) if aliases else ""),
            "aliases": aliases,
            "imo": imo,
            "mmsi": mmsi,
            "flag": features.get("vessel flag") or None,
            "programs": [text(p) for p in
                         nested(entity, "sanctionsPrograms", "sanctionsProgram")],
            "listed_on": dates[0] if dates else None,
            "source_file": label,
            "source": f"{label} entity {uid}",
        })
    return loaded_frame(path, records, "<entity>", "OFAC Enhanced XML")
