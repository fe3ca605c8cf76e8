"""What a reader saw: lines read, messages decoded, bad lines by reason.

Every reader attaches its report to the frame it returns as
``frame.attrs["read_report"]``, a plain JSON-able dict::

    {"path": str, "format": "nmea"|"noaa"|"dma"|"csv"|"parquet",
     "lines": int,            # lines (NMEA, comments and blanks aside) or data rows (CSV)
     "sentences": int,        # NMEA: !xxVDM/!xxVDO sentence lines
     "sentences_decoded": int,  # NMEA: sentences that ended in a decoded message
     "messages": int,         # AIS messages decoded (NMEA) / rows parsed (CSV)
     "positions": int, "static": int,
     "bad_lines": {reason: {"count": int,
                            "examples": [{"line": int, "text": str}, ...]}}}

``bad_lines`` counts what was skipped or blanked, one entry per reason
(``checksum``, ``undecodable``, ``orphan_part``, ``no_position``,
``bad_time``, ...); the first :data:`MAX_EXAMPLES` of each keep their line
numbers (1-based) and text. Use :func:`read_report` to get it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_EXAMPLES = 5
"""How many example lines each reason keeps."""

_TEXT_MAX = 120


@dataclass
class ReadReport:
    """Counts and example lines collected while reading one file."""

    path: str
    format: str
    lines: int = 0
    sentences: int = 0
    sentences_decoded: int = 0
    messages: int = 0
    positions: int = 0
    static: int = 0
    bad: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def add(self, reason: str, line: int, text: str | bytes = "", *, count: int = 1) -> None:
        """Count ``count`` bad lines for ``reason``; keep the first few as examples."""
        self.bad[reason] = self.bad.get(reason, 0) + count
        kept = self.examples.setdefault(reason, [])
        if len(kept) < MAX_EXAMPLES:
            if isinstance(text, bytes):
                text = text.decode("ascii", "replace")
            kept.append((line, text.strip()[:_TEXT_MAX]))

    @property
    def bad_total(self) -> int:
        """All bad lines, every reason together."""
        return sum(self.bad.values())

    def as_dict(self) -> dict[str, Any]:
        """The JSON-able form stored in ``frame.attrs["read_report"]``."""
        return {
            "path": self.path,
            "format": self.format,
            "lines": self.lines,
            "sentences": self.sentences,
            "sentences_decoded": self.sentences_decoded,
            "messages": self.messages,
            "positions": self.positions,
            "static": self.static,
            "bad_lines": {
                reason: {
                    "count": count,
                    "examples": [{"line": n, "text": t} for n, t in self.examples.get(reason, [])],
                }
                for reason, count in sorted(self.bad.items())
            },
        }


def read_report(frame: Any) -> dict[str, Any]:
    """The read report a reader attached to ``frame`` (empty dict when none).

    >>> import pandas as pd
    >>> read_report(pd.DataFrame())
    {}
    """
    return dict(getattr(frame, "attrs", {}).get("read_report", {}))
