"""``voyages ais cables|encounters|identity FILE``: investigations on an AIS file.

Importing this module adds the three commands to the ``ais`` group
(:data:`voyages.cli.ais.group`). Each reads and cleans FILE like the other
``ais`` commands and prints a table, JSON, CSV or Parquet.
"""

from __future__ import annotations

from pathlib import Path

import click

from voyages.cli.ais import (
    emit,
    given,
    group,
    load_positions,
    output_options,
    require_mmsis,
    time_format,
)
from voyages.cli.params import NON_NEGATIVE, POSITIVE


@group.command("cables")
@output_options
@click.option("--cables", "routes", required=True, multiple=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Cable/pipeline routes: TeleGeography cable-geo.json or GeoJSON lines "
                   "(repeatable).")
@click.option("--near-nm", type=NON_NEGATIVE, default=None,
              help="Distance from a route that counts as near, nm [default: 1, an anchor "
                   "chain of several hundred metres plus GNSS error: NEAR_NM in "
                   "voyages/ais/cables.py].")
@click.option("--include-uncertainty", is_flag=True,
              help="Widen the search by each route's uncertainty (7.5 nm for schematic "
                   "TeleGeography routes).")
@click.option("--drag-min-nm", type=NON_NEGATIVE, default=None,
              help="Shortest slow run that makes a drag signature, nm [default: 50, the "
                   "shortest reported Baltic drag trail, Eagle S 2024: DRAG_MIN_DISTANCE_NM].")
@click.option("--max-gap-h", type=NON_NEGATIVE, default=None,
              help="Reports further apart are a silence, judged by the speed implied across "
                   "it, hours [default: 1, Global Fishing Watch's interpolation limit: "
                   "MAX_GAP_H].")
@click.option("--max-bridge-h", type=NON_NEGATIVE, default=None,
              help="Longest silence a slow run bridges when the speed implied across it is "
                   "slow too, hours; 0 = none [default: 6.25, a 50 nm drag at 8 kn: "
                   "MAX_BRIDGE_H].")
@click.option("--drag-only", is_flag=True, help="Only passages with the drag signature.")
def cables_command(file: Path, mmsi: tuple[int, ...], fmt: str, out: Path | None, force: bool,
                   routes: tuple[Path, ...], near_nm: float | None, include_uncertainty: bool,
                   drag_min_nm: float | None, max_gap_h: float | None,
                   max_bridge_h: float | None, drag_only: bool) -> None:
    """Vessels crossing or passing near cables and pipelines, with the anchor-drag signature.

    One row per passage: time window, crossing point, minimum distance, SOG
    at the crossing and over 6 h around it against the vessel's usual
    underway speed, and the drag signature (slow while under way over 50 nm
    or more, on a course over the routes — the Baltic incidents of 2023–2024).
    A slow run bridges an AIS silence of up to 6.25 h when the speed implied
    across it is slow too (slow_run_silent_h says how long).
    """
    import pandas as pd

    from voyages.ais import cable_crossings
    from voyages.cables import read_routes

    frame = pd.concat([read_routes(p) for p in routes], ignore_index=True)
    result = cable_crossings(load_positions(file, mmsi), frame,
                             include_uncertainty=include_uncertainty,
                             **given(near_nm=near_nm, drag_min_distance_nm=drag_min_nm,
                                     max_gap_h=max_gap_h, max_bridge_h=max_bridge_h))
    if drag_only:
        result = result[result["drag_signature"]].reset_index(drop=True)
    emit(result, name="cable passages", file=file, fmt=fmt, out=out, force=force)


@group.command("encounters")
@output_options
@click.option("--max-distance-m", type=POSITIVE, default=None,
              help="Vessels closer than this are together [default: 500, Global Fishing Watch].")
@click.option("--min-hours", type=POSITIVE, default=None,
              help="Shortest encounter [default: 2, Global Fishing Watch].")
@click.option("--max-speed", type=POSITIVE, default=None,
              help="Median speed below this, knots [default: 2, Global Fishing Watch].")
@click.option("--min-anchorage-km", type=NON_NEGATIVE, default=None,
              help="Distance from the nearest port or anchorage [default: 10, GFW]; 0 = off.")
def encounters_command(file: Path, mmsi: tuple[int, ...], fmt: str, out: Path | None,
                       force: bool, max_distance_m: float | None, min_hours: float | None,
                       max_speed: float | None, min_anchorage_km: float | None) -> None:
    """Encounters (possible ship-to-ship transfers): two vessels close, slow, for long.

    --mmsi keeps the encounters that involve the given vessels (their
    partners are searched in the whole file).
    """
    from voyages.ais import encounters

    result = encounters(load_positions(file, ()),
                        **given(max_distance_m=max_distance_m, min_duration_h=min_hours,
                                max_median_speed_kn=max_speed,
                                min_anchorage_distance_km=min_anchorage_km))
    if mmsi:
        result = result[result["mmsi_1"].isin(mmsi) | result["mmsi_2"].isin(mmsi)]
        result = result.reset_index(drop=True)
    emit(result, name="encounters", file=file, fmt=fmt, out=out, force=force)


@group.command("identity")
@output_options
@click.option("--flag", "flags", multiple=True, metavar="MMSI=CC",
              help="Flag state of a vessel (ISO 3166-1 alpha-2) to compare with its MID "
                   "(repeatable).")
@click.option("--max-speed", type=POSITIVE, default=None,
              help="Implied speed beyond any ship, knots [default: 60, above the fastest ship, "
                   "HSC Francisco's 58.1 kn, Guinness World Records].")
def identity_command(file: Path, mmsi: tuple[int, ...], fmt: str, out: Path | None,
                     force: bool, flags: tuple[str, ...], max_speed: float | None) -> None:
    """Identity anomalies: MID against flag, one MMSI in two places, changing names/IMO/call
    signs, IMO numbers failing the check digit."""
    import pandas as pd

    from voyages import ais
    from voyages.errors import DataFileError, InputError
    from voyages.identifiers import flag_problem

    parsed: dict[int, str] = {}
    for item in flags:
        key, sep, code = item.partition("=")
        if not sep or not key.strip().isdigit():
            raise InputError(f"--flag {item!r}: expected MMSI=CC, e.g. 613000001=CM")
        problem = flag_problem(code)
        if problem:
            raise InputError(f"--flag {item!r}: {problem}")
        parsed[int(key)] = code.strip().upper()

    positions = load_positions(file, mmsi)
    try:
        static = ais.read_static(file, time_format=time_format())
    except DataFileError:  # a Parquet of positions holds no static data
        static = positions.iloc[:0]
    if mmsi and len(static):
        static = static[static["mmsi"].isin(mmsi)]
    require_mmsis(file, parsed, pd.unique(pd.concat([positions["mmsi"], static["mmsi"]])))
    result = ais.identity_anomalies(positions, static if len(static) else None, flags=parsed,
                                    **given(max_speed_kn=max_speed))
    emit(result, name="identity anomalies", file=file, fmt=fmt, out=out, force=force)
