"""The HTML report in a real browser: headless Chromium (Debian's ``chromium``).

Skipped when no Chromium is installed (``apt-get install -y chromium``;
``.ci/run`` installs it in CI).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")

REPORTS = Path(__file__).resolve().parent.parent / "reports"
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

# Reads, once the page has loaded, what the browser made of the images and
# which resources it fetched, and records any Content-Security-Policy refusal.
PROBE = """<script>
const refused = [];
document.addEventListener("securitypolicyviolation", e => refused.push(e.blockedURI));
window.addEventListener("load", () => {
  document.body.setAttribute("data-probe", JSON.stringify({
    images: [...document.images].map(i => [i.complete, i.naturalWidth, i.naturalHeight]),
    resources: performance.getEntriesByType("resource").map(e => e.name),
    refused: refused,
  }));
});
</script>"""


def _dump_dom(page: Path, profile: Path) -> str:
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--proxy-server=127.0.0.1:9", "--virtual-time-budget=5000", "--dump-dom",
         page.as_uri()],
        capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


class _Tables(HTMLParser):
    """Counts rows of the findings table and collects the probe's attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.in_findings = False
        self.rows = 0
        self.probe = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("class") == "findings":
            self.in_findings = True
        elif tag == "tr" and self.in_findings and (attrs.get("id") or "").startswith("finding-"):
            self.rows += 1
        elif tag == "body" and "data-probe" in attrs:
            self.probe = json.loads(attrs["data-probe"])

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_findings = False


def test_report_loads_offline_with_its_table_and_images(tmp_path):
    page = REPORTS / "mali-2025" / "report.html"
    html = page.read_text(encoding="utf-8")
    assert CSP in html
    expected_rows = html.count('<tr id="finding-')
    assert expected_rows > 0

    plain = _Tables()
    plain.feed(_dump_dom(page, tmp_path / "profile-a"))
    assert plain.rows == expected_rows  # the browser built the findings table

    # The same page with the probe added (the policy allows that one inline script).
    probed = tmp_path / "probed.html"
    probed.write_text(
        html.replace(CSP, CSP + "; script-src 'unsafe-inline'")
            .replace("</body>", PROBE + "\n</body>"),
        encoding="utf-8")
    parsed = _Tables()
    parsed.feed(_dump_dom(probed, tmp_path / "profile-b"))
    probe = parsed.probe
    assert probe is not None, "the page never finished loading"
    assert len(probe["images"]) == 2
    for complete, width, height in probe["images"]:
        assert complete and width >= 600 and height >= 200  # decoded, not broken
    assert probe["resources"] == []  # nothing fetched
    assert probe["refused"] == []  # nothing even attempted
