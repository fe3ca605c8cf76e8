"""Figures the README quotes for the bundled cases are what the code gives now."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from voyages._data import data_dir

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
TEXT = " ".join(README.split())  # the README wraps lines anywhere


@pytest.fixture(scope="module")
def findings():
    from voyages.casefile import load_case
    from voyages.checks import run_checks

    out = {}
    for name in ("mali-2025", "keelung-2025"):
        case = load_case(data_dir("reports") / name / "case.toml")
        out[name] = (case, run_checks(case))
    return out


def _counts(found) -> str:
    counts = Counter(f.verdict.value if hasattr(f.verdict, "value") else f.verdict for f in found)
    order = ("consistent", "tight", "implausible", "unverifiable")
    return ", ".join(f"{counts[v]} {v}" for v in order if counts[v])


def test_findings_counts_quoted_for_both_cases(findings):
    mali, keelung = findings["mali-2025"][1], findings["keelung-2025"][1]
    quoted = (f"gives the Mali case {len(mali)} findings ({_counts(mali)}) and the Keelung "
              f"case {len(keelung)} ({_counts(keelung)})")
    assert quoted in TEXT


def test_shunxin_imo_and_flags_as_the_readme_says(findings):
    case, found = findings["keelung-2025"]
    assert case.vessels["shunxin39"].imo == "8358427" and "IMO number 8358427" in TEXT
    flags = [f for f in found if f.check == "flag_risk"]
    assert [f.evidence["flag"] for f in flags] == ["CM", "TZ"]
    quoted = re.search(r"`(BLACK-LISTED FLAG: Shunxin-39's flag Cameroon[^`]*?) …`", TEXT)
    assert quoted and flags[0].summary.startswith(quoted.group(1))


def test_screen_example_score_is_current():
    from click.testing import CliRunner

    from voyages.cli.main import cli

    result = CliRunner().invoke(cli, ["screen", "АО «Северное морское пароходство»"])
    first = result.stdout.splitlines()[0]
    assert first in README, first
