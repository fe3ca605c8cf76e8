"""Safe XML parsing for list files (defusedxml: no entity expansion, no DTD fetch)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from voyages.errors import DataFileError


def parse_xml(path: Path, data: bytes | None = None) -> Any:
    """Parse an XML list file with defusedxml and return its root element.

    Raises
    ------
    DataFileError
        One line naming the file: malformed XML, or a forbidden construct
        (entity declarations, external references).
    """
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    if data is None:
        data = Path(path).read_bytes()
    try:
        return DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        raise DataFileError(f"{path}: refused to parse XML ({type(err).__name__}: "
                            "entity declarations and external references are not allowed)") from err
    except ParseError as err:
        raise DataFileError(f"{path}: malformed XML ({err})") from err


def list_root(path: Path, root: Any, tag: str, what: str) -> Any:
    """The root element of a list file, parsed unless ``root`` is given.

    Raises
    ------
    DataFileError
        Malformed XML (see :func:`parse_xml`), or a root whose local name is
        not ``tag``: ``"{path}: expected {what} root <{tag}>, found <…>"``.
    """
    root = parse_xml(path) if root is None else root
    if local(root.tag) != tag:
        raise DataFileError(f"{path}: expected {what} root <{tag}>, found <{local(root.tag)}>")
    return root


def local(tag: str) -> str:
    """A tag without its ``{namespace}``.

    >>> local("{http://eu.europa.ec/fpi/fsd/export}export")
    'export'
    """
    return tag.rsplit("}", 1)[-1]


def child(elem: Any, name: str) -> Any:
    """The first direct child whose local name is ``name``, or None."""
    for sub in elem:
        if local(sub.tag) == name:
            return sub
    return None


def children(elem: Any, name: str) -> list[Any]:
    """Direct children whose local name is ``name``."""
    return [sub for sub in elem if local(sub.tag) == name]


def text(elem: Any, name: str | None = None) -> str:
    """Stripped text of ``elem`` (or of its child ``name``); '' when missing."""
    if elem is not None and name is not None:
        elem = child(elem, name)
    if elem is None or elem.text is None:
        return ""
    return elem.text.strip()


def descendants(elem: Any, name: str) -> list[Any]:
    """All descendants whose local name is ``name``."""
    return [sub for sub in elem.iter() if local(sub.tag) == name]


def nested(elem: Any, container: str, name: str) -> list[Any]:
    """Children ``name`` of ``elem``'s child ``container`` (``[]`` when missing)."""
    box = child(elem, container) if elem is not None else None
    return [] if box is None else children(box, name)
