"""voyages.report: escaping, determinism, the overwrite guard, missing data."""

from __future__ import annotations

from dataclasses import replace

import pytest
from report_cases import empty_case, mali_case, mali_findings

from voyages.findings import Finding, Verdict
from voyages.report import ReportEditedError, render_report, report_is_ours
from voyages.report._model import key_numbers

pytest.importorskip("mpl_toolkits.basemap")


@pytest.fixture(scope="module")
def mali_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("mali")
    render_report(mali_case(), mali_findings(), out_dir=out)
    return out


def test_writes_the_four_files_with_images_embedded(mali_report):
    names = sorted(p.name for p in mali_report.iterdir())
    assert names == ["map.png", "report.html", "report.md", "timeline.png"]
    html = (mali_report / "report.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == 2
    assert "default-src 'none'; img-src data:; style-src 'unsafe-inline'" in html
    # Nothing that would make a browser fetch anything.
    for fetches in ('src="http', "url(", "@import", "<script", "<link", "<iframe"):
        assert fetches not in html


def test_markdown_links_its_images_and_numbers_its_sources(mali_report):
    md = (mali_report / "report.md").read_text(encoding="utf-8")
    assert "![Map of the case's legs](map.png)" in md
    assert "](timeline.png)" in md
    assert "1. Le Monde, 2025-01-24" in md
    assert "2. DefenceWeb, 2025-01-17" in md


def test_every_finding_cites_its_source_numbers(mali_report):
    html = (mali_report / "report.html").read_text(encoding="utf-8")
    table = html.split('<table class="findings">')[1].split("</table>")[0]
    rows = table.split("<tr id=")[1:]
    assert len(rows) == 3
    # Worst first; the conflict cites Le Monde [1] and OE Watch [3].
    assert "implausible" in rows[0]
    conflict = next(r for r in rows if ">conflict<" in r)
    assert 'href="#source-1"' in conflict and 'href="#source-3"' in conflict


def test_contradictions_side_by_side(mali_report):
    html = (mali_report / "report.html").read_text(encoding="utf-8")
    section = html.split('<section id="contradictions">')[1].split("</section>")[0]
    assert section.count('<div class="side">') == 2
    assert ">Adler<" in section and ">Alder<" in section
    assert "(finding 2)" in section


def test_key_numbers_join_ranges_and_keep_units():
    evidence = {"from_event": "a", "start_earliest": "2024-12-13T21:00:00+00:00",
                "unexplained_days": 2.5, "unexplained_days_max": 4.0, "shortfall_days": 0.0,
                "elapsed_h_min": 579.0, "elapsed_h_max": 627.0, "distance_km": 8612.0,
                "distance_nm": 4650.0, "implied_speed_kn_min": 7.42,
                "implied_speed_kn_max": 8.04, "vessel_type": "ro_ro", "passages": ["gibraltar"],
                "mass_t_min": 618.0}
    assert key_numbers(evidence) == ("distance 4,650 nm", "elapsed 579–627 h",
                                     "implied speed 7.42–8.04 kn", "unexplained 2.5–4 days",
                                     "mass ≥ 618 t", "via gibraltar")


def test_case_text_is_escaped(tmp_path):
    evil = "<script>alert('x')</script>"
    case = replace(mali_case(), title=f"Title {evil}", summary=f"Summary {evil} & more")
    findings = [Finding("units", f"Subject {evil}", Verdict.TIGHT, f"Summary {evil}",
                        {"note": evil}, ("lemonde", "<img src=x>"))]
    render_report(case, findings, out_dir=tmp_path)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "<img src=x>" not in html
    assert "Title &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "Summary &lt;script&gt;" in html and "&amp; more" in html
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "<script" not in md and "# Title &lt;script&gt;" in md


def test_only_web_links_are_clickable(tmp_path):
    case = mali_case()
    sources = dict(case.sources)
    sources["oewatch"] = replace(sources["oewatch"], url="javascript:alert(1)")
    render_report(replace(case, sources=sources), [], out_dir=tmp_path, formats=("html",))
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'href="javascript' not in html
    assert "javascript:alert(1)" in html  # shown as text
    assert 'href="https://www.lemonde.fr/' in html


def test_same_input_same_bytes(tmp_path, mali_report):
    render_report(mali_case(), mali_findings(), out_dir=tmp_path)
    for name in ("report.md", "report.html", "map.png", "timeline.png"):
        assert (tmp_path / name).read_bytes() == (mali_report / name).read_bytes(), name


def test_png_carries_no_software_or_time_stamp(mali_report):
    data = (mali_report / "map.png").read_bytes()
    assert data.startswith(b"\x89PNG")
    for chunk in (b"tEXt", b"tIME", b"iTXt", b"zTXt"):
        assert chunk not in data


def test_refuses_to_overwrite_a_hand_edited_report(tmp_path):
    case, findings = empty_case(), mali_findings()
    render_report(case, findings, out_dir=tmp_path, formats=("md",))
    md = tmp_path / "report.md"
    assert report_is_ours(md)
    render_report(case, findings, out_dir=tmp_path, formats=("md",))  # unchanged: fine
    edited = md.read_text(encoding="utf-8") + "\nMy own conclusion.\n"
    md.write_text(edited, encoding="utf-8")
    assert not report_is_ours(md)
    with pytest.raises(ReportEditedError, match=r"report\.md: edited by hand .*--force"):
        render_report(case, findings, out_dir=tmp_path, formats=("md",))
    assert md.read_text(encoding="utf-8") == edited
    render_report(case, findings, out_dir=tmp_path, formats=("md",), force=True)
    assert "My own conclusion" not in md.read_text(encoding="utf-8")
    assert report_is_ours(md)


def test_refuses_a_file_voyages_did_not_write_and_writes_nothing(tmp_path):
    (tmp_path / "report.html").write_text("<p>someone else's page</p>", encoding="utf-8")
    with pytest.raises(ReportEditedError):
        render_report(mali_case(), [], out_dir=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_unknown_format_is_a_clear_error(tmp_path):
    from voyages.errors import InputError

    with pytest.raises(InputError, match="unknown report format 'pdf'"):
        render_report(mali_case(), [], out_dir=tmp_path, formats=("md", "pdf"))


def test_case_without_located_events_says_so(tmp_path):
    render_report(empty_case(), [], out_dir=tmp_path)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "No leg to draw" in md
    assert "](map.png)" not in md
    assert "No check returned a finding" in md
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "No leg to draw" in html and html.count("data:image/png") == 1  # the timeline


def test_a_leg_that_cannot_be_routed_is_reported_not_fatal(tmp_path):
    case = mali_case()
    conakry, bamako = (next(e for e in case.events if e.id == i)
                       for i in ("adler-arr", "convoy-bamako"))
    # A ship "arriving" in Bamako, 383 nm from the nearest sea lane.
    bad = replace(bamako, id="adler-bamako", subject="adler", quote="test quote")
    lost = replace(case, events=(conakry, bad), hypotheses=())
    render_report(lost, [], out_dir=tmp_path)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if line.startswith("| Adler: Conakry → Bamako"))
    assert "straight line" in row and "no sea route: Bamako is 383 nm" in row
    assert "No leg could be routed" in md
    assert "](map.png)" in md  # the places are still mapped


def test_places_from_other_scripts_render(tmp_path):
    case = mali_case()
    conakry = next(e.place for e in case.events if e.id == "adler-dep2")
    renamed = replace(conakry, name="科纳克里")  # Conakry in Chinese, not in the map's font
    events = tuple(replace(e, place=renamed) if e.id == "adler-dep2" else e
                   for e in case.events)
    render_report(replace(case, events=events), [], out_dir=tmp_path, formats=("md",))
    assert "科纳克里 (GNCKY)" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_timeline_window_numbers_are_the_findings_table_numbers():
    from voyages.plot import timeline
    from voyages.report._model import build_model, order_findings

    findings = mali_findings()
    fig = timeline(mali_case(), order_findings(findings))  # as render_report draws it
    labels = [t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("#")]
    assert labels == ["#3 sea_timing: consistent"]
    row = build_model(mali_case(), findings, []).findings[2]
    assert (row.number, row.check) == (3, "sea_timing")
