"""Voyage reports: Markdown and one self-contained HTML file, a map and a timeline.

:func:`render_report` writes, into one folder:

- ``report.md``: findings, contradictions, legs, events and numbered
  sources as Markdown tables, with ``map.png`` and ``timeline.png`` linked;
- ``report.html``: the same in one file with both images embedded as
  ``data:`` URIs and a Content-Security-Policy that forbids any request,
  so it works offline and as a mail attachment; every text from the case
  is escaped (Jinja2 autoescape);
- ``map.png`` and ``timeline.png`` (:mod:`voyages.plot`).

Same input, same output: the files carry no timestamp and are
byte-identical across runs on one installation. A report the user edited
by hand is not overwritten: each text file carries a marker line with the
SHA-256 of what voyages wrote, and a file whose content no longer matches
(or that has no marker) is left alone unless ``force=True``. The marker
also lists the SHA-256 of ``map.png`` and ``timeline.png`` as written: an
existing PNG that matches no marker in the folder (edited, or not written
by voyages) is left alone the same way, unless it is byte-identical to the
new one.

Files are written only inside ``out_dir`` (fixed names, never derived from
the case), atomically (a temporary file renamed over the old one), with
the permissions the user's umask gives a new file (``0644`` under the
usual umask ``022``).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import secrets
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from voyages.errors import InputError
from voyages.findings import Finding

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from voyages.checks import CheckContext
    from voyages.records import Case

__all__ = ["FORMATS", "ReportEditedError", "render_report", "report_is_ours"]

FORMATS = ("md", "html")
"""Text formats :func:`render_report` writes (``report.<format>``)."""

PNG_DPI = 100
"""Resolution of map.png and timeline.png (10 in wide → 1,000 px)."""

IMAGES = ("map.png", "timeline.png")
"""Images :func:`render_report` writes beside the text formats."""

_MARKER = re.compile(r"^<!-- voyages report sha256:([0-9a-f]{64}) .*-->$")
_MARKER_IMAGE = re.compile(r"([\w.-]+\.png) sha256:([0-9a-f]{64})")
_MARKER_TEXT = ("<!-- voyages report sha256:{digest} {images}(written by `voyages report`; if you "
                "edit this file or its images, `voyages report` leaves them alone unless given "
                "--force) -->")


class ReportEditedError(InputError):
    """A report file exists that voyages did not write or that was edited since."""


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _with_marker(body: str, fmt: str, images: dict[str, bytes] | None = None) -> str:
    """Insert the marker line: first in Markdown, after the doctype in HTML.

    The marker holds the body's SHA-256 and that of each image written with it.
    """
    listed = "".join(f"{name} sha256:{hashlib.sha256(data).hexdigest()} "
                     for name, data in (images or {}).items())
    marker = _MARKER_TEXT.format(digest=_digest(body), images=listed)
    if fmt == "html" and body.startswith("<!DOCTYPE html>\n"):
        head, rest = body.split("\n", 1)
        return f"{head}\n{marker}\n{rest}"
    return f"{marker}\n{body}"


def report_is_ours(path: str | os.PathLike) -> bool:
    """True when the file at ``path`` is exactly what voyages last wrote there.

    False for a file without the marker line or whose content no longer
    matches the marker's hash (edited by hand).
    """
    text = Path(path).read_text(encoding="utf-8")
    lines = text.split("\n")
    for i, line in enumerate(lines[:2]):
        found = _MARKER.match(line)
        if found:
            body = "\n".join(lines[:i] + lines[i + 1:])
            return _digest(body) == found.group(1)
    return False


def _image_digests(folder: Path) -> dict[str, set[str]]:
    """PNG name → SHA-256 digests recorded in the markers of the folder's reports."""
    recorded: dict[str, set[str]] = {}
    for fmt in FORMATS:
        path = folder / f"report.{fmt}"
        if not path.is_file():
            continue
        try:
            head = path.read_text(encoding="utf-8").split("\n", 2)[:2]
        except (OSError, UnicodeDecodeError):
            continue
        for line in head:
            if _MARKER.match(line):
                for name, digest in _MARKER_IMAGE.findall(line):
                    recorded.setdefault(name, set()).add(digest)
    return recorded


def _png(fig: Figure) -> bytes:
    """The figure as PNG bytes without timestamp or software tag."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _environment(fmt: str):
    import jinja2

    folder = resources.files("voyages.report").joinpath("templates")
    templates = {name: folder.joinpath(name).read_text(encoding="utf-8")
                 for name in ("report.md.j2", "report.html.j2")}
    env = jinja2.Environment(
        loader=jinja2.DictLoader(templates),
        autoescape=(fmt == "html"),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md_cell
    env.filters["mdurl"] = md_url
    env.tests["web_url"] = _is_web_url
    return env


def md_cell(value: object) -> str:
    """Text made safe for a Markdown table cell (no pipes, tags or line breaks).

    >>> md_cell("a | b\\n<script>")
    'a \\\\| b &lt;script&gt;'
    """
    text = " ".join(str(value).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", r"\|")


def _is_web_url(url: object) -> bool:
    """Only http(s) links become clickable (no ``javascript:`` or ``data:``)."""
    return str(url).strip().lower().startswith(("https://", "http://"))


def md_url(url: object) -> str:
    """A URL safe inside a Markdown autolink ``<…>`` (spaces and angle brackets encoded).

    >>> md_url("https://example.org/a b?x=<1>&y=2")
    'https://example.org/a%20b?x=%3C1%3E&y=2'
    """
    text = str(url).strip()
    return text.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file beside ``path`` and rename it over ``path``.

    The file is created with mode 0666 less the umask (as ``open()`` would),
    not the 0600 of :func:`tempfile.mkstemp`.
    """
    tmp = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _inside(folder: Path, path: Path) -> Path:
    """``path`` if it lies directly in ``folder`` (symlinks resolved), else InputError."""
    if path.parent.resolve() != folder.resolve():
        raise InputError(f"{path}: outside the report folder {folder}; not writing it")
    return path


def render_report(case: Case, findings: Iterable[Finding], *, out_dir: str | os.PathLike,
                  formats: Sequence[str] = FORMATS, force: bool = False,
                  context: CheckContext | None = None) -> list[Path]:
    """Write the report of a case and its findings into ``out_dir``.

    Parameters
    ----------
    case : Case
    findings : iterable of Finding
        Usually ``voyages.checks.run_checks(case)``.
    out_dir : path
        Created if missing.
    formats : sequence of {"md", "html"}
        Text formats to write (at least one); ``map.png`` and
        ``timeline.png`` are always written.
    force : bool
        Overwrite report files that were edited by hand (or not written by
        voyages).
    context : CheckContext, optional
        The context the findings were checked with. Its AIS files and cable
        routes add the map's AIS layers (tracks, gaps, routes, cable
        passages, encounters: :func:`voyages.plot.route_map`) and, with AIS
        files, an "AIS" section; they are read through ``context.memo``,
        so after :func:`voyages.checks.run_checks` with the same context no
        file is read again. Without AIS files or routes the report is that
        of the case alone.

    Returns
    -------
    list of Path
        The files written: ``report.md``/``report.html`` in the order of
        ``formats``, then ``map.png`` and ``timeline.png``.

    Raises
    ------
    InputError
        For an unknown format, or no format.
    DataFileError
        An AIS or route file of ``context`` that cannot be read (nothing is
        written then).
    ReportEditedError
        When a report file or image exists that voyages did not write or
        that was edited since, and ``force`` is false. Nothing is written
        then.
    ImportError
        When matplotlib, basemap or jinja2 are missing
        (``pip install voyages[report]``).
    """
    from voyages import plot
    from voyages._aislayers import ais_layers
    from voyages._maplegs import case_legs
    from voyages.report._model import build_model, order_findings

    formats = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InputError(f"unknown report format {', '.join(map(repr, unknown))}; "
                         f"expected one or more of: {', '.join(FORMATS)}")
    if not formats:
        raise InputError(f"no report format given; expected one or more of: {', '.join(FORMATS)}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    targets = {fmt: _inside(out, out / f"report.{fmt}") for fmt in formats}
    if not force:
        _refuse_edited([p for p in targets.values() if p.exists() and not report_is_ours(p)])

    findings = order_findings(list(findings))  # numbered as in the report's table
    legs = case_legs(case)
    layers = ais_layers(case, context)
    model = build_model(case, findings, legs, ais=layers)
    map_png = _png(plot.route_map(case, findings, legs=legs, ais=layers))
    timeline_png = _png(plot.timeline(case, findings))
    images = {
        "map": "data:image/png;base64," + base64.b64encode(map_png).decode("ascii"),
        "timeline": "data:image/png;base64," + base64.b64encode(timeline_png).decode("ascii"),
    }
    pngs = dict(zip(IMAGES, (map_png, timeline_png), strict=True))
    if not force:
        recorded = _image_digests(out)
        _refuse_edited([out / name for name, data in pngs.items()
                        if (out / name).exists() and not _png_is_ours(out / name, data,
                                                                     recorded.get(name, set()))])
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt, path in targets.items():
        template = _environment(fmt).get_template(f"report.{fmt}.j2")
        body = template.render(r=model, images=images, colors=plot.VERDICT_COLORS,
                               has_map=bool(legs or any(e.place for e in case.events)
                                            or (layers is not None and layers.tracks)))
        _write_atomic(path, _with_marker(body, fmt, pngs).encode("utf-8"))
        written.append(path)
    for name, data in pngs.items():
        _write_atomic(_inside(out, out / name), data)
        written.append(out / name)
    return written


def _png_is_ours(path: Path, new: bytes, recorded: set[str]) -> bool:
    """An existing image may be replaced: it is what a marker records, or the new bytes."""
    if not path.is_file():
        return False
    data = path.read_bytes()
    return data == new or hashlib.sha256(data).hexdigest() in recorded


def _refuse_edited(edited: list[Path]) -> None:
    if edited:
        names = ", ".join(str(p) for p in edited)
        raise ReportEditedError(
            f"{names}: edited by hand or not written by voyages; not overwriting "
            "(move it away, or pass --force to replace it)")
