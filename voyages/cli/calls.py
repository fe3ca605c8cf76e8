"""``voyages calls-check FILE``: screen a CSV of port calls with the timing model."""

from __future__ import annotations

import json
import math
from pathlib import Path

import click

from voyages.cli.output import out_options, write_text


def _fmt(value, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.{digits}f}"


@click.command("calls-check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@out_options(old_name="--output")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
def command(file: Path, fmt: str, out: Path | None, force: bool,
            progress: bool | None) -> None:
    """Judge every sea leg in FILE, a CSV of port calls.

    Columns: vessel, port (UN/LOCODE, name or 'lat, lon'), arrival,
    departure (strict ISO 8601: 2025-01-08, 2025-01-08T14:30Z,
    2025-01-08 14:30+03:00; a date alone is the whole local day at the
    port; a time without offset is UTC; 01/02/2025 and other day/month
    spellings are refused), type (general_cargo, ro_ro, container,
    bulk_carrier, tanker, ...), optional service_speed_kn. Each vessel's
    departure from one call to its arrival at the next is a leg.

    Exit code 1 when a leg is implausible, 2 on bad input.

    \b
    Example:
      voyages calls-check calls.csv --format csv --out legs.csv
    """
    from voyages.portcalls import check_port_calls

    legs = check_port_calls(file, progress=progress)
    if fmt == "csv":
        text = legs.to_csv(index=False)
    elif fmt == "json":
        records = json.loads(legs.to_json(orient="records", date_format="iso"))
        text = json.dumps({"file": str(file), "legs": records}, ensure_ascii=False, indent=2)
    else:
        lines = [f"{'verdict':<13}{'vessel':<18}{'leg':<44}{'nm':>8}{'days':>13}"
                 f"{'kn':>12}{'unexpl. d':>10}"]
        for row in legs.itertuples(index=False):
            leg = f"{row.from_port} → {row.to_port}"
            days = f"{_fmt(row.elapsed_h_min / 24)}–{_fmt(row.elapsed_h_max / 24)}"
            speed = f"{_fmt(row.implied_speed_kn_min)}–{_fmt(row.implied_speed_kn_max)}"
            lines.append(f"{row.verdict:<13}{row.vessel[:17]:<18}{leg[:43]:<44}"
                         f"{_fmt(row.distance_nm, 0):>8}{days:>13}{speed:>12}"
                         f"{_fmt(row.unexplained_days):>10}")
            if row.verdict == "unverifiable":
                lines.append(f"{'':<13}{row.reason}")
        text = "\n".join(lines)
    if out is None:
        click.echo(text.rstrip("\n"))
    else:
        write_text(out, text, force=force)
        click.echo(f"wrote {out}", err=True)
    if (legs["verdict"] == "implausible").any():
        from voyages.cli.main import EXIT_IMPLAUSIBLE

        click.get_current_context().exit(EXIT_IMPLAUSIBLE)
