"""``--list``, ``--cables`` and ``--ais``: the options ``voyages check`` and
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
)


def context_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--list``, ``--cables`` and ``--ais`` to a click command.

    The command's function receives ``context``, a
    :class:`voyages.checks.CheckContext` holding the files given (in the
    order given), instead of the three options.
    """
    @functools.wraps(func)
    def run(*args: Any, lists: tuple[Path, ...] = (), cables: tuple[Path, ...] = (),
            ais_files: tuple[Path, ...] = (), **kwargs: Any) -> Any:
        from voyages.checks import CheckContext

        context = CheckContext(sanctions_lists=tuple(lists), cable_routes=tuple(cables),
                               ais_files=tuple(ais_files))
        return func(*args, context=context, **kwargs)

    for option in reversed(_OPTIONS):
        run = option(run)
    return run
