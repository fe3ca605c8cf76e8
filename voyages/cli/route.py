"""``voyages route FROM TO``: distance, passages and path between two places.

The command is a thin layer over a router chosen by ``--mode``; each mode
is one entry in ``ROUTERS`` (a function ``(from, to, via, avoid) -> route``
whose result has ``to_dict()`` and ``to_geojson()``), so an overland mode
adds one function and one entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from voyages.errors import InputError


def _sea(origin: str, destination: str, via: tuple[str, ...], avoid: str | None) -> Any:
    from voyages.sea import sea_route

    return sea_route(origin, destination, via=via, avoid=avoid or ())


ROUTERS: dict[str, Callable[[str, str, tuple[str, ...], str | None], Any]] = {"sea": _sea}
"""Routers by mode; another mode registers itself here."""


def _table(doc: dict[str, Any]) -> str:
    def name(p: dict[str, Any]) -> str:
        return f"{p['name']} ({p['locode']})" if p.get("locode") else p["name"]

    stops = [name(doc["from"]), *(name(p) for p in doc.get("via", [])), name(doc["to"])]
    lines = [
        f"route      {' → '.join(stops)}",
        f"distance   {doc['distance_nm']:,.1f} nm ({doc['distance_km']:,.1f} km)",
        f"passages   {', '.join(doc['passages']) or 'none'}",
    ]
    if doc.get("avoided"):
        lines.append(f"closed     {', '.join(doc['avoided'])}")
    return "\n".join(lines)


@click.command("route")
@click.argument("origin", metavar="FROM")
@click.argument("destination", metavar="TO")
@click.option("--via", multiple=True, metavar="PLACE", help="Call at PLACE on the way (repeatable, in order).")
@click.option("--avoid", metavar="PASSAGES",
              help="Close passages, comma-separated: suez,panama,gibraltar,babalmandab,bosporus,"
                   "dardanelles,malacca,sunda,ormuz,south_africa,chili,bering.")
@click.option("--mode", type=click.Choice(sorted(ROUTERS)), default="sea", show_default=True,
              help="How the leg is travelled.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "geojson"]), default="table",
              show_default=True, help="Output format; geojson is a Feature with the route line.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of stdout (refuses to overwrite).")
def command(origin: str, destination: str, via: tuple[str, ...], avoid: str | None, mode: str,
            fmt: str, output: Path | None) -> None:
    """Shortest route from FROM to TO: distance (nm, km), passages crossed, path.

    FROM and TO are UN/LOCODEs, names or aliases in any script, or 'lat, lon'.

    \b
    Examples:
      voyages route Murmansk Conakry
      voyages route SGSIN NLRTM --avoid suez --format json
      voyages route RUMMK GNCKY --via Tartus --format geojson -o route.geojson
    """
    route = ROUTERS[mode](origin, destination, via, avoid)
    if fmt == "json":
        text = json.dumps(route.to_dict(), ensure_ascii=False, indent=2)
    elif fmt == "geojson":
        text = json.dumps(route.to_geojson(), ensure_ascii=False)
    else:
        text = _table(route.to_dict())
    if output is None:
        click.echo(text)
        return
    if output.exists():
        raise InputError(f"{output}: file exists; choose another name or remove it first")
    output.write_text(text + "\n", encoding="utf-8")
    click.echo(f"wrote {output}", err=True)
