"""Countries looked up by name, with rigour's name index kept in the user cache (private).

``rigour.territories.lookup_territory("Tanzania")`` builds, on its first
call in a process, an index of every territory's names (about 26,000
names, each transliterated and normalised): about 3.5 s of CPU, more than
the rest of a ``voyages check`` run. :func:`lookup_territory` gives the
same answer from that index stored as JSON (normalised name → territory
code, about 0.9 MB, read in about 20 ms) in the user's cache folder
(:mod:`voyages._cache`); the index is built with rigour's own function on
a cache miss. Country names are mostly strong names (``Tanzania``,
``Cameroon``), which take precedence in rigour's index over weak names
and places: those are looked up first in a small index of the strong names
alone, built as rigour's builder begins (0.2 s to build, a few
milliseconds to read; ``tests/test_territory_names.py`` checks it against
rigour's index), and the whole index is built or read only for other names.

The file's name carries a digest of the size and time of every file of the
installed rigour (its data is compiled into ``rigour._core``), so an
upgrade starts a new file. A missing, stale or corrupt file is a cache
miss, never an error; when the folder cannot be written the index lives in
memory for the process.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rigour.territories import Territory

__all__ = ["lookup_territory"]

_FORMAT = "1"
"""Bump when what is stored changes."""


def _rigour_digest() -> str | None:
    import hashlib
    import importlib.util
    import os

    spec = importlib.util.find_spec("rigour")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        return None
    h = hashlib.sha256(_FORMAT.encode())
    for root, dirs, files in os.walk(next(iter(spec.submodule_search_locations))):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            st = os.stat(os.path.join(root, name))
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:16]


def _build_strong() -> dict[str, str]:
    """The first part of rigour's index: every territory's strong names, in rigour's order.

    Weak names and places enter rigour's index only under names no strong
    name has, so a name found here has its final answer (about 2,400
    names, 0.2 s to build where the whole index takes 3.5 s).
    """
    from rigour.territories.lookup import _load_territory_names
    from rigour.territories.util import normalize_territory_name

    mapping: dict[str, str] = {}
    for territory, strongs, _weak, _places in _load_territory_names():
        for name in strongs:
            mapping[normalize_territory_name(name)] = territory.code
    return mapping


def _build_all() -> dict[str, str]:
    from rigour.territories import lookup as rigour_lookup

    return {name: territory.code
            for name, territory in rigour_lookup._get_territory_names().items()}


_BUILDERS = {"strong": _build_strong, "all": _build_all}
_STEMS = {"strong": "territory-strong-names", "all": "territory-names"}


@functools.cache
def _names(part: str) -> dict[str, str] | None:
    """Normalised name → territory code: rigour's strong names (``part="strong"``) or
    its whole index (``"all"``); None to ask rigour directly."""
    from rigour.territories import lookup as rigour_lookup

    if not all(hasattr(rigour_lookup, f) for f in ("_get_territory_names",
                                                    "_load_territory_names")):
        return None  # pragma: no cover - rigour changed its internals
    digest = _rigour_digest()
    if digest is None:  # pragma: no cover
        return None
    from voyages._cache import JsonStore

    store = JsonStore(_STEMS[part], digest, max_entries=1)
    names = store.get("names")
    if isinstance(names, dict):
        return names
    names = _BUILDERS[part]()
    store.put("names", names)
    return names


def lookup_territory(text: str) -> Territory | None:
    """The territory ``text`` names or codes, as ``rigour.territories.lookup_territory``.

    Parameters
    ----------
    text : str
        A code (ISO alpha-2 or alpha-3, Wikidata QID) or a name in any script.

    Returns
    -------
    rigour.territories.Territory or None
        The same answer as rigour's (non-fuzzy) lookup.

    >>> lookup_territory("Tanzania").code, lookup_territory("Atlantis")
    ('tz', None)
    """
    from rigour.territories import get_territory
    from rigour.territories import lookup_territory as rigour_lookup_territory
    from rigour.territories.lookup import lookup_by_identifier

    found = lookup_by_identifier(text)
    if found is not None:
        return found
    from rigour.territories.util import normalize_territory_name

    key = normalize_territory_name(text)
    strong = _names("strong")
    if strong is not None and key in strong:
        return get_territory(strong[key])
    names = _names("all")
    if names is None:  # pragma: no cover - rigour changed its internals
        return rigour_lookup_territory(text)
    code = names.get(key)
    return get_territory(code) if code is not None else None
