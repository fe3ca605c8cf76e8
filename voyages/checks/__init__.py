"""The checks: each a function ``(case, context) -> list[Finding]``.

:func:`run_checks` runs every registered check in order. A check module
registers itself by appending to ``CHECKS`` below; each kind of check lives
in a module of its own (``chronology``, ``weekday``, ``units``,
``conflicts``, ``sea_timing``, ``sanctions``, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voyages.findings import Finding
from voyages.records import Case

__all__ = ["CheckContext", "check", "run_checks"]


@dataclass(frozen=True)
class CheckContext:
    """Options a user passes to ``voyages check`` that some checks read.

    Attributes
    ----------
    sanctions_lists : tuple of Path
        List files to screen against; empty means the bundled
        ``sanctions/designations.csv``.
    ais_files : tuple of Path
        AIS files whose tracks the case's claims are checked against.
    cable_routes : tuple of Path
        GeoJSON cable or pipeline routes.
    ais_time_format : str or None
        ``strptime`` format of the AIS CSVs' times, for a file whose times
        are ambiguous (``01/02/2025``); None lets the reader find it
        (:func:`voyages.ais.read`'s ``time_format``).
    memo : dict
        What checks read from those files (AIS positions, route frames),
        kept so a report drawn with the same context reads no file twice
        (see :meth:`remember`). Not part of the context's identity.
    """

    sanctions_lists: tuple[Path, ...] = ()
    ais_files: tuple[Path, ...] = ()
    cable_routes: tuple[Path, ...] = ()
    ais_time_format: str | None = None
    options: dict = field(default_factory=dict)
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def remember(self, key: tuple, make: Callable[[], Any]) -> Any:
        """``make()``, computed once per ``key`` for this context.

        >>> context = CheckContext()
        >>> calls = []
        >>> context.remember(("x",), lambda: calls.append(1) or 42)
        42
        >>> context.remember(("x",), lambda: calls.append(1) or 43), len(calls)
        (42, 1)
        """
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]


Check = Callable[[Case, CheckContext], list[Finding]]


def _checks() -> list[Check]:
    """The registered checks, imported lazily so ``import voyages`` stays light."""
    from voyages.checks import (
        ais_claims,
        cables,
        cargo,
        chronology,
        conflicts,
        land_timing,
        sanctions,
        sea_timing,
        units,
        weekday,
    )

    return [chronology.check, weekday.check, units.check, conflicts.check, cargo.check,
            sea_timing.check, land_timing.check, sanctions.check,
            sanctions.flag_check, cables.check, ais_claims.check]


def run_checks(case: Case, context: CheckContext | None = None) -> list[Finding]:
    """Run every check on a case and return all findings, in check order."""
    context = context or CheckContext()
    findings: list[Finding] = []
    for check in _checks():
        findings.extend(check(case, context))
    return findings


def check(case: Case | str | Path, *, context: CheckContext | None = None) -> list[Finding]:
    """Check a case: load it if given a path, then run every check.

    Parameters
    ----------
    case : Case, str or Path
        A loaded case, or the path of a TOML case file (or its folder).
    context : CheckContext, optional
        Sanctions lists, AIS files and other options some checks read.

    Returns
    -------
    list of Finding
        In check order; ``voyages.findings_frame`` turns them into a DataFrame.

    Raises
    ------
    CaseFileError
        When the path does not hold a valid case file.
    """
    if not isinstance(case, Case):
        from voyages.casefile import load_case

        case = load_case(case)
    return run_checks(case, context)
