"""Rows dropped for an unreadable MMSI (or time, or split) are not dropped in silence when
they are many; an MMSI is nine digits (ITU-R M.585), so ten are refused, not trimmed."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.test_ais_cables import drag_track
from tests.test_ais_investigate_cli import cable_file, write_noaa
from voyages import ais
from voyages._data import data_dir
from voyages.checks import CheckContext, ais_claims
from voyages.cli.main import cli
from voyages.errors import VoyagesWarning
from voyages.findings import Verdict

KEELUNG = data_dir("reports") / "keelung-2025" / "case.toml"
IMO = "8358427"  # the Shunxin-39's, as the Keelung case gives it


def _with_mmsi_text(path, text: str, rows: slice):
    """Rewrite the MMSI field of some data rows of a CSV."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for i in range(len(lines))[1:][rows]:
        lines[i] = text + lines[i][lines[i].index(","):]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_mmsi_forms_read_and_refused(tmp_path):
    track = drag_track(5).head(4)
    path = write_noaa(tmp_path / "forms.csv", track)
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, text in enumerate(["412345678.0", "012345678", "0412345678", "4.12345678e+08"], 1):
        lines[i] = text + lines[i][lines[i].index(","):]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(VoyagesWarning, match="1 of 4 rows dropped: 1 bad_mmsi"):
        frame = ais.read(path)
    assert frame["mmsi"].tolist() == [412345678, 12345678, 412345678]
    (example,) = ais.read_report(frame)["bad_lines"]["bad_mmsi"]["examples"]
    assert example["line"] == 4 and example["text"].startswith("0412345678,")


def test_many_unreadable_mmsis_warn_a_few_do_not(tmp_path):
    many = _with_mmsi_text(write_noaa(tmp_path / "many.csv", drag_track(51)), "abc123",
                           slice(0, 60))
    with pytest.warns(VoyagesWarning, match=r"many.csv: 60 of 126 rows dropped: 60 bad_mmsi "
                                            r"\(first: line 2: abc123,"):
        assert len(ais.read(many)) == 66
    big = pd.concat([drag_track(51).assign(mmsi=230000000 + k) for k in range(2)],
                    ignore_index=True)
    few = _with_mmsi_text(write_noaa(tmp_path / "few.csv", big), "abc123", slice(0, 2))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(ais.read(few)) == len(big) - 2  # 2 of 252 rows: under 1 %, under 100


def test_cli_cables_warns_about_the_dropped_rows(tmp_path):
    path = write_noaa(tmp_path / "mmsistr.csv", drag_track(51))
    path = _with_mmsi_text(path, "abc123", slice(30, 100))
    routes = cable_file(tmp_path, [[20.0, 59.0], [20.0, 60.0]])
    result = CliRunner().invoke(cli, ["ais", "cables", str(path), "--cables", str(routes)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"warning: {path}: 70 of 126 rows dropped: 70 bad_mmsi")
    assert result.stderr.count("\n") == 1


def test_check_says_the_dropped_rows_carry_the_vessels_imo(tmp_path):
    path = write_noaa(tmp_path / "mmsistr.csv", drag_track(51), names={230000001: "SLOW"},
                      imos={230000001: IMO})
    path = _with_mmsi_text(path, "abc123", slice(0, 126))
    from voyages.casefile import load_case

    with pytest.warns(VoyagesWarning, match="0 positions read"):
        findings = ais_claims.check(load_case(KEELUNG), CheckContext(ais_files=(path,)))
    (match,) = [f for f in findings if f.check == "ais_match"]
    assert match.verdict is Verdict.UNVERIFIABLE
    assert (f"126 row(s) of mmsistr.csv carry IMO {IMO} and were dropped because their MMSI "
            "cannot be read ('abc123'") in match.summary
