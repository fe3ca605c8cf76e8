"""``voyages ais …``: read AIS files and rebuild what each vessel did.

The group object is :data:`group` (also exported as ``command`` for
``main._register``). Other modules add subcommands to it with
``group.add_command(...)`` or the :func:`ais_file_options` decorator.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from voyages.cli.output import out_options, refuse_overwrite, write_errors, write_text
from voyages.cli.params import NON_NEGATIVE, POSITIVE
from voyages.errors import InputError

OUTPUT_FORMATS = ("table", "json", "csv", "parquet")
ENGINES = ("pandas", "dask")


@click.group("ais")
def group() -> None:
    """Read AIS files (NMEA, NOAA/DMA/other CSV, Parquet) and rebuild voyages.

    Bad lines never stop a file: they are counted by reason (see `summary`).
    """


command = group


def _file_and_output() -> list[Callable[..., Any]]:
    return [
        click.argument("file", type=click.Path(dir_okay=False, path_type=Path)),
        click.option("--mmsi", type=int, multiple=True, help="Only this vessel (repeatable)."),
        click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
                     show_default=True, help="Output format (parquet needs --out)."),
        out_options(),
        time_format_option(),
    ]


def time_format_option() -> Callable[..., Any]:
    """--time-format FORMAT, read back with :func:`time_format` (no function argument)."""
    return click.option(
        "--time-format", metavar="FORMAT", expose_value=False, callback=_remember_time_format,
        help="strftime format of a CSV's time column, e.g. '%d/%m/%Y %H:%M:%S' (needed when "
             "slashed dates cannot be told day-first from month-first).")


_TIME_FORMAT_KEY = "voyages.ais.time_format"


def _remember_time_format(ctx: click.Context, _param: click.Parameter,
                          value: str | None) -> None:
    if value is not None:
        ctx.meta[_TIME_FORMAT_KEY] = value


def time_format() -> str | None:
    """The --time-format the user gave (None without one, or outside a command)."""
    ctx = click.get_current_context(silent=True)
    return None if ctx is None else ctx.meta.get(_TIME_FORMAT_KEY)


def _apply(func: Callable[..., Any], options: list[Callable[..., Any]]) -> Callable[..., Any]:
    for option in reversed(options):
        func = option(func)
    return func


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """FILE argument and --mmsi/--format/-o/--out/--force/--time-format options."""
    return _apply(func, _file_and_output())


def ais_file_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """FILE argument and --mmsi/--format/-o/--out/--force/--time-format/--engine/--scheduler
    options."""
    return _apply(func, [
        *_file_and_output(),
        click.option("--engine", type=click.Choice(ENGINES), default=None,
                     help="Run on pandas, or on a Dask cluster [default: pandas; dask when "
                          "--scheduler is given]."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler (tcp://host:8786); implies --engine dask. Default "
                          "with --engine dask: a local cluster."),
    ])


def given(**options: Any) -> dict[str, Any]:
    """The options the user gave (not None), as keyword arguments for a library function.

    >>> given(entry_km=2.5, exit_km=None)
    {'entry_km': 2.5}
    """
    return {key: value for key, value in options.items() if value is not None}


def read_positions(file: Path) -> Any:
    """Read FILE (progress bar on a terminal).

    A read that gives 0 positions warns (:class:`~voyages.errors.VoyagesWarning`),
    which the command group prints as one line (``warning: FILE: 0 positions
    read: 3 lines bad_time …``) instead of printing an empty result silently.
    """
    from voyages import ais

    return ais.read(file, progress=_progress(file), time_format=time_format())


def load_positions(file: Path, mmsi: tuple[int, ...]) -> Any:
    """Read FILE (progress bar on a terminal), clean it, keep the --mmsi vessels.

    Raises
    ------
    InputError
        A --mmsi the file does not contain (names the MMSI and the file).
    """
    from voyages import ais

    frame = read_positions(file)
    if mmsi:
        require_mmsis(file, mmsi, frame["mmsi"].unique())
        frame = frame[frame["mmsi"].isin(mmsi)]
    return ais.clean(frame)


def require_mmsis(file: Path, wanted: Iterable[int], present: Iterable[Any]) -> None:
    """Refuse MMSIs the user named (``--mmsi``, ``--flag``) that FILE does not hold.

    Raises
    ------
    InputError
        ``FILE: no positions for MMSI 111, 222 (the file has N vessel(s);
        `voyages ais summary FILE` lists them)``.
    """
    have = {int(m) for m in present}
    absent = sorted(set(wanted) - have)
    if absent:
        raise InputError(f"{file}: no positions for MMSI {', '.join(map(str, absent))} "
                         f"(the file has {len(have)} vessel(s); "
                         "`voyages ais summary FILE` lists them)")


def _progress(file: Path) -> Callable[[int], None] | None:
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    try:
        size = file.stat().st_size
    except OSError:
        return None
    bar = tqdm(total=size, unit="B", unit_scale=True, desc=file.name, file=sys.stderr,
               leave=False)

    def update(done: int) -> None:
        bar.update(max(done - bar.n, 0))
        if done >= size:
            bar.close()

    return update


def run(func: Callable[..., Any], positions: Any, engine: str | None, scheduler: str | None,
        **kwargs: Any) -> Any:
    """Call a reconstruction function on pandas, or on Dask when asked.

    ``--scheduler`` implies ``--engine dask``; with ``--engine pandas`` it is
    an error (InputError) rather than silently ignored.
    """
    if scheduler and engine == "pandas":
        raise InputError(f"--scheduler {scheduler} needs --engine dask (pandas runs in this "
                         "process); drop --engine pandas or --scheduler")
    if engine == "dask" or scheduler:
        from voyages.ais.dask import run_on_cluster

        return run_on_cluster(func, positions, scheduler=scheduler, **kwargs)
    return func(positions, **kwargs)


def _jsonable(value: Any) -> Any:
    import pandas as pd

    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    if hasattr(value, "item"):
        return _jsonable(value.item())
    if value is pd.NA:
        return None
    return value


def emit(frame: Any, *, name: str, file: Path, fmt: str, out: Path | None, force: bool) -> None:
    """Print or write a result frame in the chosen format."""
    refuse_overwrite(out, force=force)
    if fmt == "parquet":
        if out is None:
            raise InputError("--format parquet needs --out PATH")
        from voyages.ais import write

        with write_errors(out):
            write(frame, out, overwrite=True)
        return
    if fmt == "json":
        rows = [{k: _jsonable(v) for k, v in row.items()}
                for row in frame.to_dict(orient="records")]
        text = json.dumps({"command": name, "file": str(file), "rows": rows}, indent=2,
                          ensure_ascii=False)
    elif fmt == "csv":
        text = frame.to_csv(index=False)  # every float in full (shortest round-trip form)
    else:
        text = frame.to_string(index=False, float_format=lambda x: f"{x:.2f}") if len(frame) \
            else f"no {name} found"
    if out is not None:
        write_text(out, text, force=force)
    else:
        click.echo(text, nl=not text.endswith("\n"))


@group.command("summary")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@time_format_option()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
def summary(file: Path, fmt: str) -> None:
    """What FILE holds: format, vessels, positions, time span, bad lines by reason."""
    from voyages import ais

    frame = read_positions(file)
    report = ais.read_report(frame)
    times = frame["time"].dropna()
    info = {
        "file": str(file),
        "format": report.get("format"),
        "lines": report.get("lines"),
        "sentences": report.get("sentences"),
        "sentences_decoded": report.get("sentences_decoded"),
        "messages": report.get("messages"),
        "positions": len(frame),
        "vessels": int(frame["mmsi"].nunique()),
        "first": times.min().isoformat() if len(times) else None,
        "last": times.max().isoformat() if len(times) else None,
        "positions_without_time": int(frame["time"].isna().sum()),
        "bad_lines": report.get("bad_lines", {}),
    }
    if fmt == "json":
        click.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return
    for key in ("file", "format", "lines", "messages", "positions", "vessels", "first", "last",
                "positions_without_time"):
        if info[key] is not None:
            click.echo(f"{key:24} {info[key]}")
        if key == "lines" and info["sentences"]:
            share = info["sentences_decoded"] / info["sentences"]
            click.echo(f"{'sentences decoded':24} {info['sentences_decoded']} of "
                       f"{info['sentences']} ({share:.1%})")
    bad = info["bad_lines"]
    if not bad:
        click.echo(f"{'bad lines':24} none")
    for reason, entry in bad.items():
        click.echo(f"bad: {reason:19} {entry['count']}")
        for example in entry["examples"][:3]:
            click.echo(f"    line {example['line']}: {example['text']}")


@group.command("gaps")
@ais_file_options
@click.option("--min-hours", type=POSITIVE, default=None,
              help="Shortest silence reported [default: 12, Global Fishing Watch].")
def gaps_command(file: Path, mmsi: tuple[int, ...], fmt: str, out: Path | None, force: bool,
                 engine: str | None, scheduler: str | None, min_hours: float | None) -> None:
    """AIS silences: start, end, duration, distance across, implied speed, distance from shore."""
    from voyages import ais

    result = run(ais.gaps, load_positions(file, mmsi), engine, scheduler,
                 **given(min_duration_h=min_hours))
    emit(result, name="gaps", file=file, fmt=fmt, out=out, force=force)


@group.command("calls")
@ais_file_options
@click.option("--entry-km", type=POSITIVE, default=None,
              help="Port entry radius [default: 3, Global Fishing Watch].")
@click.option("--exit-km", type=POSITIVE, default=None,
              help="Port exit radius [default: 4, Global Fishing Watch].")
def calls_command(file: Path, mmsi: tuple[int, ...], fmt: str, out: Path | None, force: bool,
                  engine: str | None, scheduler: str | None, entry_km: float | None,
                  exit_km: float | None) -> None:
    """Port calls: arrival, departure, port (UN/LOCODE), hours at anchor and at berth."""
    from voyages import ais

    result = run(ais.port_calls, load_positions(file, mmsi), engine, scheduler,
                 **given(entry_km=entry_km, exit_km=exit_km))
    emit(result, name="port calls", file=file, fmt=fmt, out=out, force=force)


@group.command("loiter")
@ais_file_options
@click.option("--max-speed", type=POSITIVE, default=None,
              help="Loitering speed, knots [default: 2, Global Fishing Watch].")
@click.option("--min-hours", type=NON_NEGATIVE, default=None,
              help="Shortest event, hours [default: 2, Global Fishing Watch's encounter "
                   "duration; its loitering rule sets none].")
@click.option("--min-shore-nm", type=NON_NEGATIVE, default=None,
              help="Average distance from shore, nm [default: 20, Global Fishing Watch].")
def loiter_command(file: Path, mmsi: tuple[int, ...], fmt: str, out: Path | None, force: bool,
                   engine: str | None, scheduler: str | None, max_speed: float | None,
                   min_hours: float | None, min_shore_nm: float | None) -> None:
    """Loitering: slow, outside ports, far from shore, for long."""
    from voyages import ais

    result = run(ais.loitering, load_positions(file, mmsi), engine, scheduler,
                 **given(max_speed_kn=max_speed, min_duration_h=min_hours,
                         min_shore_nm=min_shore_nm))
    emit(result, name="loitering", file=file, fmt=fmt, out=out, force=force)


@group.command("stops")
@ais_file_options
@click.option("--max-diameter-m", type=POSITIVE, required=True,
              help="Largest extent of a stop, metres (MovingPandas max_diameter; no default: "
                   "MovingPandas sets none, choose for your vessels, e.g. 500).")
@click.option("--min-hours", type=POSITIVE, required=True,
              help="Shortest stop, hours (MovingPandas min_duration; no default, e.g. 2).")
def stops_command(file: Path, mmsi: tuple[int, ...], fmt: str, out: Path | None, force: bool,
                  engine: str | None, scheduler: str | None, max_diameter_m: float,
                  min_hours: float) -> None:
    """Stops: within a small area for a while (MovingPandas's stop definition).

    Both thresholds are required: MovingPandas's TrajectoryStopDetector has no
    defaults for them, and no published value fits every vessel and port.
    """
    from voyages import ais

    result = run(ais.stops, load_positions(file, mmsi), engine, scheduler,
                 max_diameter_m=max_diameter_m, min_duration_h=min_hours)
    emit(result, name="stops", file=file, fmt=fmt, out=out, force=force)


@group.command("voyages")
@ais_file_options
@click.option("--no-sea-routes", is_flag=True, help="Skip the sea-route distance.")
def voyages_command(file: Path, mmsi: tuple[int, ...], fmt: str, out: Path | None, force: bool,
                    engine: str | None, scheduler: str | None, no_sea_routes: bool) -> None:
    """Legs between port calls: track distance, sea-route distance, mean speed."""
    from voyages import ais

    result = run(ais.voyages, load_positions(file, mmsi), engine, scheduler,
                 sea_routes=not no_sea_routes)
    emit(result, name="voyages", file=file, fmt=fmt, out=out, force=force)
