"""``voyages check CASE``: run every check on a case file and print the findings."""

from __future__ import annotations

import csv
import json
import sys

import click

from voyages.cli.context import context_options
from voyages.findings import Finding, Verdict, findings_json

_VERDICT_STYLE = {
    Verdict.CONSISTENT: "green",
    Verdict.TIGHT: "yellow",
    Verdict.IMPLAUSIBLE: "bold red",
    Verdict.UNVERIFIABLE: "dim",
}
_KEY_NUMBERS = 4
_PIPE_WIDTH = 160


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fmt(value) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def key_numbers(finding: Finding) -> str:
    """The first few numeric evidence entries as ``key=value`` (unit-suffixed keys)."""
    parts = []
    for key, value in finding.evidence.items():
        if _is_number(value):
            parts.append(f"{key}={_fmt(value)}")
        elif (isinstance(value, list | tuple) and 0 < len(value) <= 3
              and all(_is_number(v) for v in value)):
            parts.append(f"{key}=" + "/".join(_fmt(v) for v in value))
        else:
            continue
        if len(parts) == _KEY_NUMBERS:
            break
    return ", ".join(parts)


def _table(case_id: str, title: str, findings: list[Finding]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{title} ({case_id})", show_lines=False, expand=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("check", no_wrap=True)
    for column, ratio in (("subject", 2), ("summary", 5), ("key numbers", 2), ("sources", 2)):
        table.add_column(column, overflow="fold", ratio=ratio, min_width=10)
    for f in findings:
        verdict = Verdict(f.verdict)
        table.add_row(f"[{_VERDICT_STYLE[verdict]}]{verdict.value}[/]", f.check, f.subject,
                      f.summary, key_numbers(f), ", ".join(f.sources))
    # Piped or redirected output gets a wide table instead of rich's 80 columns.
    console = Console() if sys.stdout.isatty() else Console(width=_PIPE_WIDTH)
    console.print(table)
    counts = {v.value: sum(1 for f in findings if Verdict(f.verdict) is v) for v in Verdict}
    console.print(", ".join(f"{n} {v}" for v, n in counts.items() if n) or "no findings")
    for i, line in enumerate(sanctions_block(findings)):
        console.print(line, markup=False, highlight=False, style="bold" if i == 0 else None)


def sanctions_block(findings: list[Finding]) -> list[str]:
    """Lines of the "Under sanctions at the time:" block (empty without a sanctions check).

    One line per party listed when its event took place, with each list,
    program and listing date; possible matches (name only, to confirm) are
    marked. Listings do not change the exit code: verdicts do.
    """
    from voyages.checks.sanctions import CHECK, listed_parties

    screened = [f for f in findings if f.check == CHECK]
    if not screened:
        return []
    parties: dict[str, list[str]] = {}
    for f in listed_parties(findings):
        e = f.evidence
        listed = e.get("listed_on")
        isoformat = getattr(listed, "isoformat", None)
        date = isoformat() if isoformat is not None else listed
        basis = f" ({e['listed_on_basis']})" if e.get("listed_on_basis") else ""
        item = f"{e['list']}, {e['program'] or 'no program given'}, listed {date}{basis}"
        if Verdict(f.verdict) is not Verdict.CONSISTENT:
            item += " — POSSIBLE MATCH, confirm " + ", ".join(e.get("to_confirm", []))
        parties.setdefault(f.subject, []).append(item)
    if not parties:
        return ["Under sanctions at the time: no party listed at its event on the lists screened"]
    lines = ["Under sanctions at the time:"]
    for subject, items in parties.items():
        lines.append(f"  {subject}")
        lines.extend(f"    - {item}" for item in items)
    return lines


def _csv(findings: list[Finding]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["check", "subject", "verdict", "summary", "evidence", "sources"])
    for f in findings:
        row = f.to_dict()
        writer.writerow([row["check"], row["subject"], row["verdict"], row["summary"],
                         json.dumps(row["evidence"], ensure_ascii=False),
                         ";".join(row["sources"])])


@click.command("check")
@click.argument("case_file", metavar="CASE")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format; json follows the documented contract.")
@context_options
def command(case_file: str, fmt: str, context) -> None:
    """Run every check on CASE (a TOML case file, or a folder holding case.toml).

    Prints one finding per row: verdict, check, subject, summary, key
    numbers and the sources it rests on, then the parties under sanctions
    when their ship sailed ("Under sanctions at the time:"). Exit code 0
    when nothing is implausible, 1 when any finding is implausible, 2 for
    bad input; a listed party does not change the exit code.
    """
    from voyages.casefile import load_case
    from voyages.checks import run_checks
    from voyages.cli.main import EXIT_IMPLAUSIBLE, EXIT_OK

    case = load_case(case_file)
    findings = run_checks(case, context)
    if fmt == "json":
        click.echo(json.dumps(findings_json(case.id, findings), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _csv(findings)
    else:
        _table(case.id, case.title, findings)
    implausible = any(Verdict(f.verdict) is Verdict.IMPLAUSIBLE for f in findings)
    sys.exit(EXIT_IMPLAUSIBLE if implausible else EXIT_OK)
