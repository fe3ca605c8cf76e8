"""``voyages screen NAME``: screen a name (and IMO/MMSI) against sanctions lists.

Exit codes: 0 no match, 1 at least one match, 2 bad input (an unreadable
or unrecognised list file, an empty name or alias, an IMO number whose
check digit fails, an MMSI that is not nine digits) with one ``error: …``
line naming the option.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from voyages.cli.main import EXIT_IMPLAUSIBLE
from voyages.cli.params import FiniteFloat
from voyages.errors import InputError


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _imo(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The 7-digit IMO number, or a one-line error (bad digits or check digit)."""
    if value is None:
        return None
    from voyages.sanctions.entities import clean_imo

    found = clean_imo(value)
    if found is None:
        raise InputError(f"--imo {value!r}: not a valid IMO number (seven digits, the last "
                         "a check digit: e.g. 9179854 or 'IMO 9179854')")
    return found


def _mmsi(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from voyages.sanctions.entities import clean_mmsi

    found = clean_mmsi(value)
    if found is None:
        raise InputError(f"--mmsi {value!r}: not an MMSI (nine digits)")
    return found


def _name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not value.strip():
        raise InputError("NAME is empty: give the name to screen")
    return value


def _aliases(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
             ) -> tuple[str, ...]:
    if any(not alias.strip() for alias in value):
        raise InputError("--alias is empty: give the other name, or leave the option out")
    return value


@click.command("screen")
@click.argument("name", callback=_name)
@click.option("--alias", "aliases", multiple=True, callback=_aliases,
              help="Another name of the party (repeatable).")
@click.option("--imo", callback=_imo,
              help="IMO number (ship or company), e.g. 9179854 or 'IMO 9179854'; "
                   "its check digit is verified.")
@click.option("--mmsi", callback=_mmsi, help="MMSI (nine digits).")
@click.option("--schema", type=click.Choice(["vessel", "organization", "person"]),
              help="Compare only with listed entities of this kind.")
@click.option("--list", "lists", multiple=True, type=click.Path(path_type=Path),
              help="List file to screen against (repeatable; format detected from content). "
                   "Default: the bundled sanctions/designations.csv.")
@click.option("--threshold", type=FiniteFloat(0, maximum=100), default=None,
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
    matched and the score. A name one swap of adjacent letters from a
    listed one (Alder / ADLER) is shown as POSSIBLE below the threshold.
    Exits 1 when anything matched (possible matches included), 0 when
    nothing did.
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
            kind = "POSSIBLE" if row["possible"] else row["match_reason"]
            line = (f"{row['score']:5.1f}  {kind:<4}  {row['list']}: {row['name']}"
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
