"""A per-user cache of derived arrays (private).

Some data we derive from installed packages is slow to rebuild in every
process (searoute's network as arrays: importing ``searoute.data.marnet_dict``
loads the whole searoute package and networkx). :func:`cached_arrays` keeps
such arrays in a NumPy ``.npz`` file in the user's cache folder, keyed by a
digest of the data they come from, and rebuilds them when the file is
missing, stale, unreadable or corrupt — never a traceback.

The folder is ``$VOYAGES_CACHE_DIR`` when set, else the platform's user
cache folder (``$XDG_CACHE_HOME/voyages`` or ``~/.cache/voyages`` on Linux,
``~/Library/Caches/voyages`` on macOS, ``%LOCALAPPDATA%\\voyages\\Cache`` on
Windows), created on demand. Nothing is ever written next to a user's files.
Files are written to a temporary name in the same folder and renamed into
place (atomic), so concurrent processes see the old file or the new one,
never half of one. When the folder cannot be written, arrays are built in
memory and the run goes on.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = ["JsonStore", "cache_dir", "cached_array", "cached_arrays", "write_atomic"]

_KEY = "__key__"


def cache_dir() -> Path:
    """The user's cache folder for voyages (not created here).

    ``$VOYAGES_CACHE_DIR`` overrides the platform default.
    """
    override = os.environ.get("VOYAGES_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "voyages" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "voyages"
    base = os.environ.get("XDG_CACHE_HOME") or ""
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "voyages"


def _read(path: Path, key: str) -> dict[str, np.ndarray] | None:
    import numpy as np

    try:
        with open(path, "rb") as fh, np.load(fh, allow_pickle=False) as npz:
            if _KEY not in npz.files or str(npz[_KEY]) != key:
                return None
            return {name: npz[name] for name in npz.files if name != _KEY}
    except Exception:  # noqa: BLE001 - any unreadable cache file is rebuilt
        return None


def write_atomic(path: Path, save: Callable) -> bool:
    """Write through ``save(fh)`` to a temporary file, then rename it to ``path``.

    Creates the folder on demand; returns False (and leaves nothing behind)
    when it cannot be written.
    """
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            save(fh)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def cached_arrays(name: str, key: str,
                  build: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Arrays from the cache file ``name``, or ``build()`` and store them.

    Parameters
    ----------
    name : str
        File name in :func:`cache_dir` (``"seagraph.npz"``).
    key : str
        Digest of everything the arrays derive from; a file with another
        key is stale and rebuilt.
    build : callable
        Returns the arrays (numeric or fixed-width string dtypes; no
        objects, the file is read without pickle).

    Returns
    -------
    dict of str to ndarray
        The arrays ``build`` returns (from the file when it is current).
    """
    path = cache_dir() / name
    found = _read(path, key)
    if found is not None:
        return found
    import numpy as np

    arrays = build()
    payload: dict[str, Any] = {**arrays, _KEY: np.array(key)}
    write_atomic(path, lambda fh: np.savez(fh, **payload))
    return arrays


def cached_array(stem: str, key: str, build: Callable[[], np.ndarray], *,
                 shape: tuple[int, ...], dtype) -> np.ndarray:
    """One large array, memory-mapped read-only from the cache, or ``build()``.

    The file is ``{stem}-{key}.npy`` in :func:`cache_dir` (the key is in the
    name, so a stale file is never read; older files of the same stem are
    removed when a new one is written). Mapping the file costs almost
    nothing, and only the pages a lookup touches are read.

    Parameters
    ----------
    stem : str
        File name prefix (``"landmask"``).
    key : str
        Digest of what the array derives from (file-name safe characters).
    build : callable
        Returns the array (numeric or bool dtype).
    shape, dtype
        What the array must be; a cached file that is not is rebuilt.

    Returns
    -------
    ndarray
        A read-only ``numpy.memmap`` when the cache is usable, else the
        array ``build`` returned.
    """
    import numpy as np

    folder = cache_dir()
    path = folder / f"{stem}-{key}.npy"
    try:
        found = np.load(path, mmap_mode="r", allow_pickle=False)
        if found.shape == tuple(shape) and found.dtype == np.dtype(dtype):
            return found
    except Exception:  # noqa: BLE001 - missing or unreadable: rebuild
        pass
    array = build()
    if write_atomic(path, lambda fh: np.save(fh, array, allow_pickle=False)):
        for old in folder.glob(f"{stem}-*.npy"):
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
    return array


class JsonStore:
    """A small key → JSON value memo kept in one file of the cache folder.

    The file is ``{stem}-{digest}.json``: the digest names everything the
    values depend on, so a stale file is never read, and older files of the
    same stem are removed when a new one is written. Read once per process;
    each :meth:`put` merges what other processes stored meanwhile and
    rewrites the file atomically (at worst a concurrent entry is lost: a
    later cache miss). A missing or corrupt file reads as empty.

    Parameters
    ----------
    stem : str
        File name prefix.
    digest : str
        Digest of what the values depend on (file-name safe characters).
    max_entries : int
        Oldest entries are dropped beyond this many.
    """

    def __init__(self, stem: str, digest: str, *, max_entries: int = 5000) -> None:
        self.stem = stem
        self.path = cache_dir() / f"{stem}-{digest}.json"
        self.max_entries = max_entries
        self._entries: dict[str, Any] | None = None

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> Any:
        """The value stored under ``key``, or None."""
        if self._entries is None:
            self._entries = self._read()
        return self._entries.get(key)

    def put(self, key: str, value: Any) -> None:
        """Store a value (silently kept in memory only when the file cannot be written)."""
        if self._entries is None:
            self._entries = self._read()
        for k, v in self._read().items():  # keep what other processes stored meanwhile
            self._entries.setdefault(k, v)
        self._entries[key] = value
        while len(self._entries) > self.max_entries:
            del self._entries[next(iter(self._entries))]
        text = json.dumps(self._entries).encode("utf-8")
        if write_atomic(self.path, lambda fh: fh.write(text)):
            for old in self.path.parent.glob(f"{self.stem}-*.json"):
                if old != self.path:
                    try:
                        old.unlink()
                    except OSError:
                        pass
