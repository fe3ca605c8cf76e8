"""``voyages screen NAME``: screen a name (and IMO/MMSI) against sanctions lists.

Exit codes: 0 no match, 1 at least one match, 2 bad input (an unreadable
or unrecognised list file, a bad option) with one ``error: …`` line.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from voyages.cli.main import EXIT_IMPLAUSIBLE


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.command("screen")
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="Another name of the party (repeatable).")
@click.option("--imo", help="IMO number (ship or company), e.g. 9179854 or 'IMO 9179854'.")
@click.option("--mmsi", help="MMSI (nine digits).")
@click.option("--schema", type=click.Choice(["vessel", "organization", "person"]),
              help="Compare only with listed entities of this kind.")
@click.option("--list", "lists", multiple=True, type=click.Path(path_type=Path),
              help="List file to screen against (repeatable; format detected from content). "
                   "Default: the bundled sanctions/designations.csv.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=None,
              help="Lowest name score reported (0-100). [default: 88]")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True,
              help="Most matches shown.")
@click.option("--as-of", "as_of", callback=_date,
              help="Date (YYYY-MM-DD): say whether each designation was in force then.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.pass_context
def command(ctx: click.Context, name: str, aliases: tuple[str, ...], imo: str | None,
            mmsi: str | None, schema: str | None, lists: tuple[Path, ...],
            threshold: float | None, limit: int, as_of: date | None, fmt: str) -> None:
    """Screen NAME (any script; legal forms and word order do not matter).

    An exact IMO or MMSI match outranks every name match. Each match shows
    the list, program, listing date, the name pair or identifier that
    matched and the score. Exits 1 when anything matched, 0 when nothing did.
    """
    from voyages.sanctions.lists import load_lists
    from voyages.sanctions.match import Screener

    entities = load_lists(lists)
    screener = Screener(entities) if threshold is None else Screener(entities,
                                                                     threshold=threshold)
    matches = screener.screen(name, aliases=aliases, imo=imo, mmsi=mmsi, schema=schema,
                              limit=limit)
    rows = []
    for match in matches:
        row = match.to_dict()
        if as_of is not None:
            row["as_of"] = as_of.isoformat()
            row["listed_at_as_of"] = match.listed_at(as_of)
        rows.append(row)
    if fmt == "json":
        document = {
            "query": {"name": name, "aliases": list(aliases), "imo": imo, "mmsi": mmsi,
                      "schema": schema},
            "lists": [str(p) for p in lists] or ["sanctions/designations.csv (bundled)"],
            "entities": len(entities),
            "threshold": screener.threshold,
            "matches": rows,
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    elif not rows:
        click.echo(f"no match for {name!r} among {len(entities):,} listed entities "
                   f"(threshold {screener.threshold:g})")
    else:
        for row in rows:
            listed = row["listed_on"] or "date not in list"
            if row["listed_on"] and "[listed_on inferred" in (row["source"] or ""):
                listed += " (inferred)"
            line = (f"{row['score']:5.1f}  {row['match_reason']:<4}  {row['list']}: {row['name']}"
                    f" [{row['schema']}]  programs {', '.join(row['programs']) or '-'}"
                    f"  listed {listed}")
            if row["delisted_on"]:
                line += f"  delisted {row['delisted_on']}"
            if as_of is not None:
                state = {True: "in force", False: "not in force", None: "unknown"}
                line += f"  on {as_of.isoformat()}: {state[row['listed_at_as_of']]}"
            click.echo(line)
            click.echo(f"       why: {row['reason']}  ({row['source_file']}, "
                       f"id {row['list_entity_id'] or '-'})")
    if matches:
        ctx.exit(EXIT_IMPLAUSIBLE)
