"""``voyages report``: files written, the overwrite guard, errors as one line."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from voyages._data import data_dir
from voyages.cli.main import cli

pytest.importorskip("mpl_toolkits.basemap")

MALI = data_dir("reports") / "mali-2025" / "case.toml"


def run(*args):
    return CliRunner().invoke(cli, ["report", *map(str, args)])


@pytest.mark.parametrize("given", ["file", "folder"])
def test_writes_the_report_next_to_a_copied_case(tmp_path, given):
    case = tmp_path / "mali" / "case.toml"
    case.parent.mkdir()
    shutil.copy(MALI, case)
    # CASE may be the folder holding case.toml, as for `voyages check`
    result = run(case if given == "file" else case.parent, "--format", "md")
    assert result.exit_code == 1, result.output  # the Mali case's rail leg is implausible
    assert result.output.startswith(f"{case}: wrote ")
    assert sorted(p.name for p in case.parent.iterdir()) == [
        "case.toml", "map.png", "report.md", "timeline.png"]
    assert "# Russian armour to Mali" in (case.parent / "report.md").read_text(encoding="utf-8")


def test_hand_edited_report_is_refused_with_one_line_and_exit_2(tmp_path):
    (tmp_path / "report.md").write_text("# My notes\n", encoding="utf-8")
    result = run(MALI, "--out", tmp_path)
    assert result.exit_code == 2
    assert result.output.startswith("error: ")
    assert "report.md: edited by hand or not written by voyages" in result.output
    assert "--force" in result.output
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == "# My notes\n"


def test_out_with_several_cases_is_refused(tmp_path):
    result = run(MALI, MALI, "--out", tmp_path)
    assert result.exit_code == 2 and "--out takes a single CASE" in result.output


def test_unknown_format_is_refused(tmp_path):
    result = run(MALI, "--out", tmp_path, "--format", "md,pdf")
    assert result.exit_code == 2 and "unknown report format 'pdf'" in result.output


def test_folder_without_a_case_is_the_error_check_gives(tmp_path):
    for command in ("report", "check"):
        result = CliRunner().invoke(cli, [command, str(tmp_path)])
        assert (result.exit_code, result.stderr) == (
            2, f"error: {tmp_path}: is a folder without a case.toml\n")


def test_missing_case_file_is_an_error_not_a_traceback(tmp_path):
    result = run(tmp_path / "nope.toml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_report_exits_like_check(tmp_path):
    """0 when nothing is implausible (Keelung), 1 when a story fails (Mali), as `voyages
    check`; with several cases, 1 when any fails; the reports are written either way."""
    keelung = tmp_path / "keelung" / "case.toml"
    keelung.parent.mkdir()
    shutil.copy(data_dir("reports") / "keelung-2025" / "case.toml", keelung)
    mali = tmp_path / "mali" / "case.toml"
    mali.parent.mkdir()
    shutil.copy(MALI, mali)
    assert run(keelung, "--format", "md").exit_code == 0
    both = run(keelung, mali, "--format", "md")
    assert both.exit_code == 1
    assert (mali.parent / "report.md").exists() and (keelung.parent / "report.md").exists()
