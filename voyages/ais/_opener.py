"""The one way AIS files are opened: gzip detected from the content, not the name.

Every sniff and read of an AIS file (:mod:`voyages.ais.read`,
:mod:`voyages.ais.tables`) goes through :func:`open_binary` or
:func:`open_text`, so a gzip-compressed CSV or NMEA file (``1f 8b``
magic, RFC 1952 section 2.3.1) reads like the plain file, with or without
a ``.gz`` suffix; a corrupt or truncated gzip stream becomes one
:class:`~voyages.errors.DataFileError` naming the file
(:func:`corrupt_gzip`).
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from voyages.errors import DataFileError

GZIP_MAGIC = b"\x1f\x8b"
"""The first two bytes of every gzip member (RFC 1952, section 2.3.1: ID1 ID2)."""


def is_gzip(path: str | Path) -> bool:
    """Whether the file starts with the gzip magic bytes."""
    with open(path, "rb") as fh:
        return fh.read(2) == GZIP_MAGIC


def open_binary(path: str | Path) -> IO[bytes]:
    """The file's bytes, decompressed when it is gzip."""
    if is_gzip(path):
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]  # a binary IO
    return open(path, "rb")


def open_text(path: str | Path, encoding: str = "utf-8-sig") -> io.TextIOWrapper:
    """The file as text for :mod:`csv` (``newline=""``, undecodable bytes replaced)."""
    return io.TextIOWrapper(open_binary(path), encoding=encoding, errors="replace", newline="")


@contextmanager
def corrupt_gzip(path: str | Path) -> Iterator[None]:
    """Turn a truncated or corrupt gzip stream into a DataFileError naming the file.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile(suffix=".csv.gz", delete=False) as f:
    ...     _ = f.write(GZIP_MAGIC + b"not really gzip")
    >>> try:
    ...     with corrupt_gzip(f.name), open_binary(f.name) as fh:
    ...         _ = fh.read()
    ... except DataFileError as err:
    ...     print(str(err).startswith(f"{f.name}: corrupt or truncated gzip file"))
    True
    >>> os.unlink(f.name)
    """
    try:
        yield
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        raise DataFileError(f"{path}: corrupt or truncated gzip file ({err})") from err
