"""The one way data files are opened: gzip and text encoding detected from the content.

Every sniff and read of an AIS file (:mod:`voyages.ais.read`,
:mod:`voyages.ais.tables`) and of a port-call table
(:mod:`voyages.portcalls`) goes through :func:`open_binary` or
:func:`open_text`, so a gzip-compressed CSV or NMEA file (``1f 8b``
magic, RFC 1952 section 2.3.1) reads like the plain file, with or without
a ``.gz`` suffix; a corrupt or truncated gzip stream becomes one
:class:`~voyages.errors.DataFileError` naming the file
(:func:`corrupt_gzip`).

Text files (AIS CSVs, port-call tables) are decoded by :func:`text_encoding`:

- a byte-order mark decides: UTF-8 (``EF BB BF``), UTF-16 LE/BE
  (``FF FE`` / ``FE FF``), UTF-32 LE/BE (Unicode Standard 15.0,
  section 23.8, table 23-4); UTF-16 without a BOM is recognised by its NUL
  bytes in every other position of an ASCII header;
- otherwise the whole file is checked as UTF-8. A file that is not UTF-8
  and carries no valid multi-byte UTF-8 sequence (a Windows "ANSI" or
  Latin-1 export, as Excel writes) is read as Windows-1252 (cp1252), or as
  ISO-8859-1 when it holds one of the five bytes cp1252 leaves undefined,
  with one :class:`~voyages.errors.VoyagesWarning` naming the file, the
  encoding and the first line that is not UTF-8; a UTF-8 file with a few
  stray bytes keeps UTF-8 and has those bytes replaced by U+FFFD, with a
  warning naming the line;
- a UTF-16/UTF-32 file that does not decode is one
  :class:`~voyages.errors.DataFileError` naming the file and line.

:func:`sniff_delimiter` finds a CSV's delimiter (``,`` ``;`` tab ``|``)
from its header line.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from voyages.errors import DataFileError, VoyagesWarning

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


def open_text(path: str | Path, encoding: str = "utf-8-sig",
              errors: str = "replace") -> io.TextIOWrapper:
    """The file as text for :mod:`csv` (``newline=""``, undecodable bytes replaced)."""
    return io.TextIOWrapper(open_binary(path), encoding=encoding, errors=errors, newline="")


_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
"""The bytes Windows-1252 leaves unassigned (the Unicode Consortium's mapping
file MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT); Python's cp1252 codec refuses them."""
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_NON_ASCII = bytes(range(0x80, 0x100))
_CHUNK = 1 << 22


@dataclass(frozen=True)
class TextEncoding:
    """How to decode a text file.

    Attributes
    ----------
    codec : str
        A Python codec name for :class:`io.TextIOWrapper` and pandas.
    errors : str
        ``"strict"``, or ``"replace"`` for a UTF-8 file with stray bytes.
    label : str
        The encoding as a user knows it (``"UTF-8"``, ``"UTF-16"``,
        ``"Windows-1252"``, ``"ISO-8859-1"``).
    """

    codec: str
    errors: str
    label: str


UTF8 = TextEncoding("utf-8-sig", "strict", "UTF-8")


def bom_encoding(head: bytes) -> TextEncoding | None:
    """The encoding a file's first bytes declare (a BOM, or UTF-16 NULs), else None.

    >>> bom_encoding(b"\\xff\\xfeM\\x00M\\x00").label
    'UTF-16'
    >>> bom_encoding("MMSI,".encode("utf-16-be")).codec
    'utf-16-be'
    >>> bom_encoding(b"MMSI,") is None
    True
    """
    for bom, codec, label in _BOMS:
        if head.startswith(bom):
            return TextEncoding(codec, "strict", label)
    sample = head[:200]
    if len(sample) >= 8:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
            return TextEncoding("utf-16-le", "strict", "UTF-16LE")
        if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
            return TextEncoding("utf-16-be", "strict", "UTF-16BE")
    return None


def decode_head(head: bytes) -> str:
    """The first bytes of a file as text (for sniffing): BOM-declared encoding or UTF-8,
    undecodable bytes replaced, no BOM.

    >>> decode_head("MMSI;LAT".encode("utf-16"))
    'MMSI;LAT'
    """
    enc = bom_encoding(head) or UTF8
    codec = enc.codec
    if codec in ("utf-16", "utf-32"):  # the BOM names the byte order
        codec = f"{codec}-{'le' if head[:2] == codecs.BOM_UTF16_LE else 'be'}"
        head = head[4:] if enc.label == "UTF-32" else head[2:]
    trim = len(head) - len(head) % (4 if "32" in codec else 2 if "16" in codec else 1)
    return head[:trim].decode(codec, "replace").lstrip("\ufeff")


def text_encoding(path: str | Path, what: str = "file") -> TextEncoding:
    """Decide how to decode a text file (see the module docstring).

    Parameters
    ----------
    path : str or Path
        The file (plain or gzip).
    what : str
        What the file is, for the warning (``"AIS CSV"``, ``"port-call table"``).

    Returns
    -------
    TextEncoding

    Warns
    -----
    VoyagesWarning
        The file is not UTF-8: names the file, the encoding used and the
        first line that is not UTF-8. Given once per file (path, size and
        modification time): a second read of the same file reuses the decision.

    Raises
    ------
    DataFileError
        A UTF-16/UTF-32 file (by its BOM) that does not decode: names the
        file and line.
    """
    try:
        stat = Path(path).stat()
        key = (str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)
    except OSError:  # let the open below raise
        key = None
    if key is not None and key in _DECIDED:  # a second read of the same file: no second warning
        return _DECIDED[key]
    found = _decide(path, what)
    if key is not None:
        _DECIDED[key] = found
    return found


_DECIDED: dict[tuple[str, int, int], TextEncoding] = {}


def _decide(path: str | Path, what: str) -> TextEncoding:
    declared = bom_encoding(_peek(path, 200)) or UTF8
    with corrupt_gzip(path), open_binary(path) as fh:
        decoder = codecs.getincrementaldecoder(declared.codec)("strict")
        done = 0
        while True:
            chunk = fh.read(_CHUNK)
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as err:
                bad, reason = done - pending + err.start, err.reason
                byte = err.object[err.start:err.start + 1].hex()
                break
            if not chunk:
                return declared
            done += len(chunk)
    line = _line_at(path, declared.codec, bad)
    if declared.label != "UTF-8":
        raise DataFileError(f"{path}: line {line}: not {declared.label} text ({reason}), "
                            f"although the file starts as {declared.label}")
    valid = invalid = 0
    undefined = False
    with corrupt_gzip(path), open_binary(path) as fh:
        while chunk := fh.read(_CHUNK):
            multi = sum(len(m) for m in _UTF8_MULTIBYTE.findall(chunk))
            valid += multi
            invalid += len(chunk) - len(chunk.translate(None, _NON_ASCII)) - multi
            undefined = undefined or _CP1252_UNDEFINED.search(chunk) is not None
    if valid > invalid:
        warnings.warn(VoyagesWarning(
            f"{path}: line {line}: byte 0x{byte} is not UTF-8; read as UTF-8 with the "
            f"undecodable bytes replaced by U+FFFD (the rest of the {what} is UTF-8)"),
            stacklevel=4)
        return TextEncoding("utf-8-sig", "replace", "UTF-8")
    chosen = (TextEncoding("latin-1", "strict", "ISO-8859-1") if undefined
              else TextEncoding("cp1252", "strict", "Windows-1252"))
    warnings.warn(VoyagesWarning(
        f"{path}: not UTF-8 (line {line}, byte 0x{byte}); read as {chosen.label} "
        f"(save the {what} as UTF-8 to silence this)"), stacklevel=4)
    return chosen


def _peek(path: str | Path, n: int) -> bytes:
    with corrupt_gzip(path), open_binary(path) as fh:
        return fh.read(n)


def _line_at(path: str | Path, codec: str, offset: int) -> int:
    """The 1-based line of the byte at ``offset`` (the file decodes as ``codec`` before it)."""
    decoder = codecs.getincrementaldecoder(codec)("replace")
    newlines = 0
    with open_binary(path) as fh:
        while offset > 0:
            chunk = fh.read(min(_CHUNK, offset))
            if not chunk:
                break
            newlines += decoder.decode(chunk).count("\n")
            offset -= len(chunk)
    return newlines + 1


def sniff_delimiter(header: str) -> str:
    """The delimiter of a CSV header line: the most frequent of ``,`` ``;`` tab ``|``
    outside quotes (``,`` when none occurs).

    >>> sniff_delimiter("MMSI;BaseDateTime;LAT;LON")
    ';'
    >>> sniff_delimiter('"a;b",c')
    ','
    """
    bare = re.sub(r'"[^"]*"', "", header)
    counts = {d: bare.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


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
