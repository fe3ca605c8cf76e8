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
(or that has no marker) is left alone unless ``force=True``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from voyages.errors import InputError
from voyages.findings import Finding

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from voyages.records import Case

__all__ = ["FORMATS", "ReportEditedError", "render_report", "report_is_ours"]

FORMATS = ("md", "html")
"""Text formats :func:`render_report` writes (``report.<format>``)."""

PNG_DPI = 100
"""Resolution of map.png and timeline.png (10 in wide → 1,000 px)."""

_MARKER = re.compile(r"^<!-- voyages report sha256:([0-9a-f]{64}) .*-->$")
_MARKER_TEXT = ("<!-- voyages report sha256:{digest} (written by `voyages report`; if you edit "
                "this file, `voyages report` leaves it alone unless given --force) -->")


class ReportEditedError(InputError):
    """A report file exists that voyages did not write or that was edited since."""


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _with_marker(body: str, fmt: str) -> str:
    """Insert the marker line: first in Markdown, after the doctype in HTML."""
    marker = _MARKER_TEXT.format(digest=_digest(body))
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
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_report(case: Case, findings: Iterable[Finding], *, out_dir: str | os.PathLike,
                  formats: Sequence[str] = FORMATS, force: bool = False) -> list[Path]:
    """Write the report of a case and its findings into ``out_dir``.

    Parameters
    ----------
    case : Case
    findings : iterable of Finding
        Usually ``voyages.checks.run_checks(case)``.
    out_dir : path
        Created if missing.
    formats : sequence of {"md", "html"}
        Text formats to write; ``map.png`` and ``timeline.png`` are always
        written.
    force : bool
        Overwrite report files that were edited by hand (or not written by
        voyages).

    Returns
    -------
    list of Path
        The files written: ``report.md``/``report.html`` in the order of
        ``formats``, then ``map.png`` and ``timeline.png``.

    Raises
    ------
    InputError
        For an unknown format.
    ReportEditedError
        When a report file exists that voyages did not write or that was
        edited since, and ``force`` is false. Nothing is written then.
    ImportError
        When matplotlib, basemap or jinja2 are missing
        (``pip install voyages[report]``).
    """
    from voyages import plot
    from voyages._maplegs import case_legs
    from voyages.report._model import build_model, order_findings

    formats = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InputError(f"unknown report format {', '.join(map(repr, unknown))}; "
                         f"expected one or more of: {', '.join(FORMATS)}")
    out = Path(out_dir)
    targets = {fmt: out / f"report.{fmt}" for fmt in formats}
    if not force:
        edited = [p for p in targets.values() if p.exists() and not report_is_ours(p)]
        if edited:
            names = ", ".join(str(p) for p in edited)
            raise ReportEditedError(
                f"{names}: edited by hand or not written by voyages; not overwriting "
                "(move it away, or pass --force to replace it)")

    findings = order_findings(list(findings))  # numbered as in the report's table
    legs = case_legs(case)
    model = build_model(case, findings, legs)
    map_png = _png(plot.route_map(case, findings, legs=legs))
    timeline_png = _png(plot.timeline(case, findings))
    images = {
        "map": "data:image/png;base64," + base64.b64encode(map_png).decode("ascii"),
        "timeline": "data:image/png;base64," + base64.b64encode(timeline_png).decode("ascii"),
    }
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt, path in targets.items():
        template = _environment(fmt).get_template(f"report.{fmt}.j2")
        body = template.render(r=model, images=images, colors=plot.VERDICT_COLORS,
                               has_map=bool(legs or any(e.place for e in case.events)))
        _write_atomic(path, _with_marker(body, fmt).encode("utf-8"))
        written.append(path)
    for name, data in (("map.png", map_png), ("timeline.png", timeline_png)):
        _write_atomic(out / name, data)
        written.append(out / name)
    return written
