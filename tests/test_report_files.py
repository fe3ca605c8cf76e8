"""How ``voyages report`` writes its files: permissions, formats, the PNG guard, the folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_cases import mali_case, mali_findings

from voyages.cli.main import cli
from voyages.cli.report import default_out_dir
from voyages.errors import InputError
from voyages.report import ReportEditedError, render_report

pytest.importorskip("mpl_toolkits.basemap")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    old = os.umask(0o022)
    try:
        render_report(mali_case(), mali_findings(), out_dir=out)
    finally:
        os.umask(old)
    return out


@pytest.mark.parametrize("name", ["report.md", "report.html", "map.png", "timeline.png"])
def test_files_get_the_permissions_the_umask_gives(written, name):
    assert stat.S_IMODE((written / name).stat().st_mode) == 0o644


def test_no_leftover_temporary_files(written):
    assert sorted(p.name for p in written.iterdir()) == [
        "map.png", "report.html", "report.md", "timeline.png"]


def test_rewriting_an_unchanged_report_is_allowed(written):
    render_report(mali_case(), mali_findings(), out_dir=written)


@pytest.mark.parametrize("image", ["map.png", "timeline.png"])
def test_an_edited_png_is_not_overwritten(tmp_path, written, image):
    for path in written.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    edited = (tmp_path / image).read_bytes() + b"annotated by hand"
    (tmp_path / image).write_bytes(edited)
    with pytest.raises(ReportEditedError, match=rf"{image}: edited by hand .*--force"):
        render_report(mali_case(), mali_findings(), out_dir=tmp_path)
    assert (tmp_path / image).read_bytes() == edited
    render_report(mali_case(), mali_findings(), out_dir=tmp_path, force=True)
    assert (tmp_path / image).read_bytes() == (written / image).read_bytes()


def test_a_png_voyages_did_not_write_is_not_overwritten(tmp_path):
    (tmp_path / "map.png").write_bytes(b"\x89PNG someone else's map")
    with pytest.raises(ReportEditedError, match="map.png"):
        render_report(mali_case(), mali_findings(), out_dir=tmp_path)


def test_a_png_recorded_in_an_older_report_may_be_replaced(tmp_path, written):
    """The marker's hash says the PNG is what voyages wrote, even when the new one differs."""
    for path in written.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    case = mali_case()
    from dataclasses import replace

    render_report(replace(case, title=case.title + " (revised)"), [], out_dir=tmp_path)


@pytest.mark.parametrize("formats", ["", ",", " "])
def test_empty_format_is_an_error_listing_the_formats(tmp_path, formats):
    case = Path(__file__).resolve().parent.parent / "reports" / "mali-2025" / "case.toml"
    result = CliRunner().invoke(cli, ["report", str(case), "--out", str(tmp_path / "k2"),
                                      "--format", formats])
    assert result.exit_code == 2
    assert result.stderr == "error: no report format given; expected one or more of: md, html\n"
    assert not (tmp_path / "k2").exists()


def test_default_out_dir_refuses_an_unsafe_case_id():
    with pytest.raises(InputError, match="is not a safe id"):
        default_out_dir(Path("work/x.toml"), "../../../escape")


def test_case_id_escaping_the_folder_is_refused_before_writing(tmp_path):
    path = tmp_path / "deep" / "x.toml"
    path.parent.mkdir()
    path.write_text('[case]\nid = "../../../escape"\ntitle = "T"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: case.id: '../../../escape' is not a safe id")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["deep", "x.toml"]


def test_a_flag_rating_cites_its_list_and_its_year_is_no_quantity():
    from voyages.findings import Finding, Verdict
    from voyages.report._model import build_model, key_numbers

    finding = Finding("flag_risk", "Adler", Verdict.CONSISTENT, "BLACK-LISTED FLAG: …",
                      {"flag": "CM", "year": 2023, "rank": 71, "newest_list_year": 2023,
                       "source": "MarineLink, 2024"})
    assert key_numbers(finding.evidence) == ()
    (row,) = build_model(mali_case(), [finding], []).findings
    assert row.cites == ((None, "MarineLink, 2024"),)
