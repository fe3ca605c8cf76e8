"""The committed reports in reports/<case>/ match what the code renders now.

When this fails, the code, the case file or a check changed what the report
says: regenerate the reports with the command in the failure message and
commit them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("mpl_toolkits.basemap")

REPORTS = Path(__file__).resolve().parent.parent / "reports"
CASES = sorted(p.parent.name for p in REPORTS.glob("*/case.toml"))
REGENERATE = "python -m voyages report " + " ".join(f"reports/{c}/case.toml" for c in CASES)
_DATA_URI = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")
# The marker's image hashes (and, in HTML, the body hash, which covers the
# embedded images) depend on the font rasteriser like the PNGs themselves.
_PNG_HASH = re.compile(r"(\.png sha256:)[0-9a-f]{64}")
_ANY_HASH = re.compile(r"sha256:[0-9a-f]{64}")


def _stale(case: str, name: str) -> str:
    return (f"reports/{case}/{name} is stale (the code, the case file or a check changed "
            f"what it says). Regenerate the bundled reports and commit them:\n    {REGENERATE}")


@pytest.mark.parametrize("case", CASES)
def test_committed_report_is_current(case, tmp_path):
    from matplotlib.testing.compare import compare_images

    from voyages.casefile import load_case
    from voyages.checks import run_checks
    from voyages.report import render_report

    folder = REPORTS / case
    loaded = load_case(folder / "case.toml")
    render_report(loaded, run_checks(loaded), out_dir=tmp_path)
    for name in ("report.md", "report.html", "map.png", "timeline.png"):
        assert (folder / name).exists(), _stale(case, name)
    assert _PNG_HASH.sub(r"\1…", (tmp_path / "report.md").read_text(encoding="utf-8")) == (
        _PNG_HASH.sub(r"\1…", (folder / "report.md").read_text(encoding="utf-8"))), \
        _stale(case, "report.md")
    # The HTML embeds the PNGs; those are compared as images below, so a
    # different font rasteriser elsewhere does not count as stale text.
    fresh = _ANY_HASH.sub("sha256:…", _DATA_URI.sub(
        "data:…", (tmp_path / "report.html").read_text(encoding="utf-8")))
    committed = _ANY_HASH.sub("sha256:…", _DATA_URI.sub(
        "data:…", (folder / "report.html").read_text(encoding="utf-8")))
    assert fresh == committed, _stale(case, "report.html")
    for name in ("map.png", "timeline.png"):
        if (tmp_path / name).read_bytes() == (folder / name).read_bytes():
            continue
        diff = compare_images(str(folder / name), str(tmp_path / name), tol=3)
        assert diff is None, _stale(case, name) + f"\n{diff}"


def test_every_bundled_case_has_a_report():
    assert {"keelung-2025", "mali-2025"} <= set(CASES)
