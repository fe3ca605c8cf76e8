"""``voyages place QUERY``: look a place up in the gazetteer."""

from __future__ import annotations

import json

import click

from voyages.errors import UnknownPlaceError
from voyages.places import gazetteer, resolve_place, with_timezone


@click.command("place")
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
def command(query: str, fmt: str) -> None:
    """Look up QUERY (a UN/LOCODE, a name or alias in any script, or 'lat, lon').

    Prints every match with its code, country, coordinates, time zone and
    source; for an unknown name, the closest names.
    """
    try:
        places = [resolve_place(query)]
    except UnknownPlaceError as err:
        places = [with_timezone(p) for p in gazetteer().matches(query)]
        if not places:
            raise
        del err
    rows = [
        {"name": p.name, "locode": p.locode, "country": p.country, "kind": p.kind,
         "lat": round(p.lat, 6), "lon": round(p.lon, 6), "tz": p.tz,
         "aliases": list(p.aliases), "source": p.source}
        for p in places
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"{row['name']}\t{row['locode'] or '-'}\t{row['country'] or '-'}\t"
                   f"{row['lat']:.4f}, {row['lon']:.4f}\t{row['tz']}\t{row['kind']}\t"
                   f"{row['source']}")
