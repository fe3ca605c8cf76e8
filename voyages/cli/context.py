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

        context = CheckContext(sanctions_lists=tuple(lists), cable_routes=tuple(cables),
                               ais_files=tuple(ais_files), ais_time_format=ais_time_format)
        return func(*args, context=context, **kwargs)

    for option in reversed(_OPTIONS):
        run = option(run)
    return run
