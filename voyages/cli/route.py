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

from voyages.cli.output import out_options, write_text
from voyages.errors import InputError


def _sea(origin: str, destination: str, via: tuple[str, ...], avoid: str | None,
         allow: str | None = None) -> Any:
    from voyages.sea import sea_route

    return sea_route(origin, destination, via=via, avoid=avoid or (), allow=allow or ())


def _land(mode: str) -> Callable[..., Any]:
    def route(origin: str, destination: str, via: tuple[str, ...], avoid: str | None,
              allow: str | None = None) -> Any:
        from voyages.land import land_route

        if avoid or allow:
            flag = "--avoid" if avoid else "--allow"
            raise InputError(f"{flag} opens or closes sea passages; "
                             f"it does not apply to --mode {mode}")
        return land_route(origin, destination, mode=mode, via=via)

    return route


ROUTERS: dict[str, Callable[..., Any]] = {
    "sea": _sea, "road": _land("road"), "rail": _land("rail")}
"""Routers by mode, ``(from, to, via, avoid, allow) -> route``; another mode
registers itself here."""


def _name(p: dict[str, Any]) -> str:
    return f"{p['name']} ({p['locode']})" if p.get("locode") else p["name"]


def _land_table(doc: dict[str, Any]) -> str:
    low, high = doc["distance_km_min"], doc["distance_km_max"]
    distance = f"{low:,.1f} km" if low == high else f"{low:,.0f}–{high:,.0f} km (estimated)"
    lines = [
        f"route      {_name(doc['from'])} → {_name(doc['to'])} ({doc['mode']})",
        f"distance   {distance}",
        f"passes     {' → '.join(doc['places_passed'])}",
    ]
    if doc["closed"]:
        closed = [f"{leg['from']}–{leg['to']}" for leg in doc["legs"] if leg["status"] == "closed"]
        lines.append(f"closed     {', '.join(closed)} (out of service)")
    if doc["border_crossings"]:
        lines.append(f"borders    {doc['border_crossings']} crossing(s)")
    for leg in doc["legs"]:
        span = (f"{leg['distance_km_min']:,.1f} km" if not leg["estimated"] else
                f"{leg['distance_km_min']:,.0f}–{leg['distance_km_max']:,.0f} km (estimated)")
        lines.append(f"  {leg['from']} → {leg['to']}: {span} — {leg['source']}")
    return "\n".join(lines)


def _table(doc: dict[str, Any]) -> str:
    if doc.get("mode") in ("road", "rail"):
        return _land_table(doc)
    name = _name

    stops = [name(doc["from"]), *(name(p) for p in doc.get("via", [])), name(doc["to"])]
    lines = [
        f"route      {' → '.join(stops)}",
        f"distance   {doc['distance_nm']:,.1f} nm ({doc['distance_km']:,.1f} km)",
        f"passages   {', '.join(doc['passages']) or 'none'}",
    ]
    lines.extend(_restrictions(doc))
    return "\n".join(lines)


def _restrictions(doc: dict[str, Any]) -> list[str]:
    """The passages kept closed, as an analyst reads them: those the user
    asked to avoid, and the default exclusion with how to lift it."""
    from voyages.sea import PASSAGE_NAMES, Passage

    def names(values: list[str]) -> str:
        return ", ".join(PASSAGE_NAMES.get(Passage(v), v) for v in values)

    lines = []
    requested = doc.get("avoided_on_request", [])
    default = doc.get("avoided_by_default", [])
    if requested:
        lines.append(f"avoided    {names(requested)} (--avoid)")
    if default:
        lift = f"--allow {','.join(default)} to include"
        lines.append(f"excluded   {names(default)} (default; {lift})")
    return lines


@click.command("route")
@click.argument("origin", metavar="FROM")
@click.argument("destination", metavar="TO")
@click.option("--via", multiple=True, metavar="PLACE",
              help="Call at PLACE on the way (repeatable, in order).")
@click.option("--avoid", metavar="PASSAGES",
              help="Close passages, comma-separated: suez,panama,gibraltar,babalmandab,bosporus,"
                   "dardanelles,malacca,sunda,ormuz,south_africa,chili,bering,volga_don (the "
                   "inland Volga–Don Canal between the Caspian and the Sea of Azov).")
@click.option("--allow", metavar="PASSAGES",
              help="Open a passage closed by default; only northwest (the Northwest Passage) "
                   "is. Naming another passage is an error: it is open unless --avoid closes it.")
@click.option("--mode", type=click.Choice(sorted(ROUTERS)), default="sea", show_default=True,
              help="How the leg is travelled.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "geojson"]), default="table",
              show_default=True, help="Output format; geojson is a Feature with the route line.")
@out_options(old_name="--output")
def command(origin: str, destination: str, via: tuple[str, ...], avoid: str | None,
            allow: str | None, mode: str, fmt: str, out: Path | None, force: bool) -> None:
    """Shortest route from FROM to TO: distance (nm, km), passages crossed, path.

    FROM and TO are UN/LOCODEs, names or aliases in any script, or 'lat, lon'.
    With --mode road or rail the route runs over the bundled corridors
    (ports/corridors.csv) and prints the distance, the towns passed and each
    leg's source; where no corridor is known the distance is an estimate
    (geodesic × circuity band).

    \b
    Examples:
      voyages route Murmansk Conakry
      voyages route SGSIN NLRTM --avoid suez --format json
      voyages route Rotterdam Yokohama --allow northwest
      voyages route RUMMK GNCKY --via Tartus --format geojson --out route.geojson
      voyages route --mode road Conakry Bamako
      voyages route --mode rail Conakry Kankan
    """
    route = ROUTERS[mode](origin, destination, via, avoid, allow)
    for warning in getattr(route, "warnings", ()):
        click.echo(f"warning: {warning}", err=True)
    if fmt == "json":
        text = json.dumps(route.to_dict(), ensure_ascii=False, indent=2)
    elif fmt == "geojson":
        text = json.dumps(route.to_geojson(), ensure_ascii=False)
    else:
        text = _table(route.to_dict())
    if out is None:
        click.echo(text)
        return
    write_text(out, text, force=force)
    click.echo(f"wrote {out}", err=True)
