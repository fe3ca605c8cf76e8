"""Findings: what every check returns.

A :class:`Finding` is one judgement on one subject (a vessel, a convoy, a
leg, an organization) with its verdict, a one-line summary, the numbers it
rests on (``evidence``, unit-suffixed keys such as ``distance_nm``) and the
ids of the case's sources it cites.

The JSON contract of ``voyages check --format json``::

    {"case": ID, "findings": [{"check": str, "subject": str,
      "verdict": "consistent"|"tight"|"implausible"|"unverifiable",
      "summary": str, "evidence": {...}, "sources": [source ids]}]}
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from voyages._words import WordEnum

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FINDING_COLUMNS", "Finding", "Verdict", "findings_frame", "findings_json"]


class Verdict(WordEnum, noun="verdict"):
    """How a claim fares against the model.

    - ``consistent``: feasible with room to spare.
    - ``tight``: feasible only at the edge of the envelope.
    - ``implausible``: infeasible anywhere in the envelope, given the
      reported times' precision.
    - ``unverifiable``: data missing to judge.
    """

    CONSISTENT = "consistent"
    TIGHT = "tight"
    IMPLAUSIBLE = "implausible"
    UNVERIFIABLE = "unverifiable"


def _plain(value: Any) -> Any:
    """Turn evidence values into JSON-ready plain values (floats rounded)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return round(value, 3)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Finding:
    """One judgement of one check on one subject.

    Attributes
    ----------
    check : str
        The check's name (``chronology``, ``weekday``, ``units``,
        ``conflict``, ``sea_timing``, ``sanctions``, ...).
    subject : str
        What is judged: a vessel, convoy, organization or leg, in words
        (``"Adler: Murmansk → Conakry"``).
    verdict : Verdict
    summary : str
        One line a reader understands without the evidence.
    evidence : dict
        Numbers and facts, keys suffixed with their unit (``distance_nm``,
        ``speed_kn``, ``duration_h``, ``mass_t``).
    sources : tuple of str
        Ids of the case's sources the finding rests on.
    """

    check: str
    subject: str
    verdict: Verdict
    summary: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON contract's plain dict."""
        return {
            "check": self.check,
            "subject": self.subject,
            "verdict": Verdict(self.verdict).value,
            "summary": self.summary,
            "evidence": _plain(dict(self.evidence)),
            "sources": list(self.sources),
        }


FINDING_COLUMNS = ("check", "subject", "verdict", "summary", "evidence", "sources")


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings as a DataFrame, one row per finding.

    Returns
    -------
    pandas.DataFrame
        Columns ``check`` (str), ``subject`` (str), ``verdict``
        (categorical of the four verdict words), ``summary`` (str),
        ``evidence`` (dict), ``sources`` (list of str).
    """
    import pandas as pd

    rows = [f.to_dict() for f in findings]
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    frame["verdict"] = pd.Categorical(frame["verdict"], categories=[v.value for v in Verdict])
    return frame


def findings_json(case_id: str, findings: Iterable[Finding]) -> dict[str, Any]:
    """The JSON contract's document for a case's findings.

    Returns
    -------
    dict
        ``{"case": case_id, "findings": [...]}``, each finding a plain dict
        with ``check``, ``subject``, ``verdict`` (the verdict word),
        ``summary``, ``evidence`` (JSON-safe values, units in the key names)
        and ``sources`` (source ids); ready for ``json.dumps``.

    Examples
    --------
    >>> findings_json("demo", [])
    {'case': 'demo', 'findings': []}
    """
    return {"case": case_id, "findings": [f.to_dict() for f in findings]}
