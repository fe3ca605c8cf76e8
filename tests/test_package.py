"""The package as users meet it: public names, import cost, CLI help, README, wheel."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import types
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import voyages
from voyages.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_all_is_sorted_unique_and_importable():
    assert voyages.__all__ == sorted(set(voyages.__all__))
    for name in voyages.__all__:
        obj = getattr(voyages, name)
        assert getattr(obj, "__module__", "voyages").startswith("voyages"), name


def test_all_lists_every_public_name_imported_into_the_package():
    public = {name for name, value in vars(voyages).items()
              if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert public == set(voyages.__all__)


def test_the_core_api_is_exported():
    assert {"load_case", "check", "findings_frame", "findings_json", "Case", "Finding",
            "Verdict", "CaseFileError", "resolve_place"} <= set(voyages.__all__)


def test_import_voyages_stays_light():
    heavy = ["matplotlib", "searoute", "pyais", "pandas"]
    code = ("import sys, voyages; "
            f"print(','.join(m for m in {heavy!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == ""


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command under ``group``, groups and their subcommands alike."""
    ctx = click.Context(group)
    paths = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths += _command_paths(command, (*prefix, name))
    return paths


COMMANDS = _command_paths(cli)


def test_the_command_walk_reaches_group_subcommands():
    assert ("ais", "calls") in COMMANDS and ("check",) in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help_and_is_in_the_readme(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    name = " ".join(path)
    assert f"voyages {name}" in README, f"README does not mention `voyages {name}`"


def _readme_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", README, re.S).group(1)
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_readme_test_command_and_ci_run_are_in_step():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert _readme_commands()[1] == ci[-1]


@pytest.mark.slow
def test_wheel_installs_and_checks_a_bundled_case(tmp_path):
    """Build the wheel, install it in a fresh venv, run `voyages check` outside the checkout."""
    dist = tmp_path / "dist"
    # --no-isolation: build with the installed hatchling, offline.
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(dist)], cwd=ROOT, check=True, capture_output=True)
    (wheel,) = dist.glob("voyages-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                   check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-deps",
                    str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import voyages, voyages._data as d; "
            "print(d.data_dir('reports') / 'mali-2025' / 'case.toml'); print(voyages.__file__)")
    out = subprocess.run([str(bin_dir / "python"), "-c", code], cwd=elsewhere, check=True,
                         capture_output=True, text=True).stdout.split()
    case_path, package_file = out
    assert str(venv) in package_file, "the installed wheel, not the checkout, must be imported"
    result = subprocess.run([str(bin_dir / "voyages"), "check", case_path, "--format", "json"],
                            cwd=elsewhere, capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    assert '"case": "mali-2025"' in result.stdout


def test_the_readme_case_example_loads_and_checks(tmp_path):
    section = README.split("## Case files", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    path = tmp_path / "case.toml"
    path.write_text(example, encoding="utf-8")
    case = voyages.load_case(path)
    checks = {f.check: f.verdict for f in voyages.check(case)}
    assert checks["weekday"] == "consistent" and checks["units"] == "consistent"
