"""``voyages report CASE``: write a case's report (Markdown, HTML, map, timeline)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from voyages.cli.context import context_options


def default_out_dir(case_path: Path, case_id: str) -> Path:
    """Where a report goes when ``--out`` is not given.

    A case file named ``case.toml`` gets its report in its own folder (the
    bundled layout, ``reports/<case>/case.toml``); any other file gets
    ``reports/<case id>/`` beside it.

    >>> default_out_dir(Path("reports/mali-2025/case.toml"), "mali-2025")
    PosixPath('reports/mali-2025')
    >>> default_out_dir(Path("work/shunxin.toml"), "keelung")
    PosixPath('work/reports/keelung')
    """
    if case_path.name == "case.toml":
        return case_path.parent
    from voyages.casefile import id_problem
    from voyages.errors import InputError

    problem = id_problem(case_id)
    if problem:  # load_case refuses such ids; a Case built in code may not
        raise InputError(f"{case_path}: case id {problem}; cannot name its report folder")
    return case_path.parent / "reports" / case_id


@click.command("report")
@click.argument("cases", nargs=-1, required=True, metavar="CASE...",
                type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into (default: next to the case file). "
                   "Only with a single CASE.")
@click.option("--format", "formats", default="md,html", show_default=True,
              help="Comma-separated text formats: md, html. map.png and timeline.png are "
                   "always written.")
@click.option("--force", is_flag=True,
              help="Overwrite report files edited by hand (or not written by voyages).")
@context_options
def command(cases: tuple[Path, ...], out_dir: Path | None, formats: str, force: bool,
            context) -> None:
    """Run every check on CASE (a TOML case file, or a folder holding case.toml) and write
    its report.

    Writes report.md, report.html (one self-contained file: images embedded,
    no external requests), map.png and timeline.png. Refuses to overwrite a
    report edited by hand unless --force. Several CASE files may be given
    (each report goes next to its case), e.g. `voyages report
    reports/*/case.toml`. --list, --cables and --ais are those of `voyages
    check`: their findings join the report's table, and with --ais the map
    draws each matched vessel's track, its AIS gaps, the routes, the cable
    passages and encounters, and the report gains an AIS section. Exits 1,
    as `voyages check` does, when a case has an implausible finding (the
    reports are still written).
    """
    from voyages.casefile import case_path, load_case
    from voyages.checks import run_checks
    from voyages.cli.main import EXIT_IMPLAUSIBLE, EXIT_OK
    from voyages.errors import InputError, VoyagesError
    from voyages.findings import Verdict
    from voyages.report import render_report

    if out_dir is not None and len(cases) > 1:
        raise InputError("--out takes a single CASE; leave it out to write each report "
                         "next to its case file")
    wanted = [f for f in formats.split(",") if f.strip()]
    implausible = 0
    for given in cases:
        path = case_path(given)
        case = load_case(path)
        target = out_dir or default_out_dir(path, case.id)
        findings = run_checks(case, context)
        try:
            written = render_report(case, findings, out_dir=target, formats=wanted, force=force,
                                    context=context)
        except ImportError as err:  # pragma: no cover - the report extra is installed in CI
            raise VoyagesError(f"voyages report needs the 'report' extra: "
                               f"pip install 'voyages[report]' ({err})") from err
        click.echo(f"{path}: wrote " + ", ".join(str(p) for p in written))
        implausible += any(Verdict(f.verdict) is Verdict.IMPLAUSIBLE for f in findings)
    # like `voyages check`: 1 when a story fails, so a batch sees it
    sys.exit(EXIT_IMPLAUSIBLE if implausible else EXIT_OK)
