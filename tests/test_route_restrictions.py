"""How `voyages route` reports the passages it kept closed."""

import json

from click.testing import CliRunner

from voyages.cli.main import cli


def _run(*args):
    result = CliRunner().invoke(cli, ["route", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_default_exclusion_is_explained_with_how_to_lift_it():
    out = _run("RUMMK", "GNCKY")
    assert "excluded   Northwest Passage (default; --allow northwest to include)" in out
    assert "closed" not in out and "avoided" not in out


def test_requested_avoidance_is_told_apart_from_the_default():
    out = _run("SGSIN", "NLRTM", "--avoid", "suez")
    assert "avoided    Suez Canal (--avoid)" in out
    assert "excluded   Northwest Passage" in out


def test_allow_northwest_drops_the_exclusion_in_table_and_json():
    assert "excluded" not in _run("RUMMK", "GNCKY", "--allow", "northwest")
    doc = json.loads(_run("SGSIN", "NLRTM", "--avoid", "suez", "--format", "json"))
    assert doc["avoided_by_default"] == ["northwest"]
    assert doc["avoided_on_request"] == ["suez"]
    assert sorted(doc["avoided"]) == ["northwest", "suez"]
    opened = json.loads(_run("RUMMK", "GNCKY", "--allow", "nw", "--format", "json"))
    assert opened["avoided_by_default"] == [] and opened["avoided"] == []


def test_allow_does_not_apply_overland():
    result = CliRunner().invoke(cli, ["route", "--mode", "road", "Conakry", "Bamako",
                                      "--allow", "northwest"])
    assert result.exit_code == 2 and "--allow" in result.output
