"""``--list``, ``--cables``, ``--ais`` and ``--ais-time-format``: the options ``voyages check`` and
``voyages report`` share, turned into one :class:`voyages.checks.CheckContext`.

Both commands take them with the same meaning, so a report's findings are
exactly the ones ``voyages check`` prints for the same options.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

_OPTIONS = (
    click.option("--list", "lists", multiple=True, type=click.Path(path_type=Path),
                 help="Sanctions list file to screen the case's parties against (repeatable; "
                      "format detected from content). Default: the bundled "
                      "sanctions/designations.csv."),
    click.option("--cables", "cables", multiple=True,
                 type=click.Path(dir_okay=False, path_type=Path),
                 help="Cable/pipeline routes (TeleGeography cable-geo.json or GeoJSON lines) "
                      "to measure the case's incident places and sightings against "
                      "(repeatable)."),
    click.option("--ais", "ais_files", multiple=True,
                 type=click.Path(dir_okay=False, path_type=Path),
                 help="AIS file whose tracks the case's vessels and events are checked "
                      "against (repeatable)."),
    click.option("--ais-time-format", "ais_time_format", metavar="FORMAT", default=None,
                 help="strptime format of the AIS CSVs' times, for files whose dates are "
                      "ambiguous (e.g. '%d/%m/%Y %H:%M'), as `voyages ais --time-format`."),
)


def _once(paths: tuple[Path, ...], option: str) -> tuple[Path, ...]:
    """The files in the order given, each once: a file given twice would count its
    routes, positions or listings twice (one warning names it)."""
    import warnings

    from voyages.errors import VoyagesWarning

    seen: dict[Path, Path] = {}
    for path in paths:
        key = Path(path).resolve()
        if key in seen:
            warnings.warn(f"{path}: given twice with {option}; read once", VoyagesWarning,
                          stacklevel=2)
            continue
        seen[key] = path
    return tuple(seen.values())


def context_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--list``, ``--cables``, ``--ais`` and ``--ais-time-format`` to a click command.

    The command's function receives ``context``, a
    :class:`voyages.checks.CheckContext` holding the files given (in the
    order given), instead of the options.
    """
    @functools.wraps(func)
    def run(*args: Any, lists: tuple[Path, ...] = (), cables: tuple[Path, ...] = (),
            ais_files: tuple[Path, ...] = (), ais_time_format: str | None = None,
            **kwargs: Any) -> Any:
        from voyages.checks import CheckContext

        context = CheckContext(sanctions_lists=_once(lists, "--list"),
                               cable_routes=_once(cables, "--cables"),
                               ais_files=_once(ais_files, "--ais"),
                               ais_time_format=ais_time_format)
        return func(*args, context=context, **kwargs)

    for option in reversed(_OPTIONS):
        run = option(run)
    return run
