"""``-o/--out FILE`` and ``--force``: how every voyages command writes a file.

One convention for every subcommand that can write its result to a file
(``route``, ``calls-check``, the ``ais`` subcommands): ``-o/--out FILE``
writes there instead of stdout, and a FILE that already exists is refused
(``error: FILE: exists; pass --force to overwrite it``, exit 2) unless
``--force`` is given; a FILE that is one of the command's own input files is
refused even with ``--force`` (``error: FILE: is this command's input …``).
The refusal comes before any work is done, so a long run is not thrown away
at the end; an OS error while writing names the file (``error: FILE:
cannot write: …``). A command that used to spell the option
``--output`` keeps it as a hidden alias that prints one ``warning:`` line.
(``voyages report`` writes a folder of files and has its own ``--out DIR``
and ``--force``: it refuses to overwrite report files edited by hand.)

Without ``--format``, the format follows FILE's suffix (:data:`SUFFIX_FORMATS`:
``-o gaps.csv`` writes CSV, ``.json`` JSON, ``.geojson`` GeoJSON, ``.parquet``
Parquet; any other suffix the command's default). A suffix naming a format
the command cannot write is refused (``error: gaps.geojson: voyages ais gaps
cannot write geojson; choose --format table, json, csv or parquet``). An
explicit ``--format`` always wins; when it contradicts the suffix
(``-o out.csv --format json``) the file is written as asked and one
``warning:`` line says so.
"""

from __future__ import annotations

import contextlib
import functools
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from voyages.errors import InputError, VoyagesWarning

OUT_HELP = ("Write to this file instead of stdout; an existing file is refused "
            "unless --force.")


SUFFIX_FORMATS = {".csv": "csv", ".json": "json", ".geojson": "geojson",
                  ".parquet": "parquet"}
"""The ``--format`` a ``-o FILE`` suffix stands for (case-insensitive)."""


def format_for_out(out: Path, formats: Iterable[str], *, given: str | None,
                   command: str = "this command") -> str | None:
    """The format to write ``out`` in: ``given`` (an explicit --format) or its suffix's.

    Parameters
    ----------
    out : Path
        The --out file.
    formats : iterable of str
        The formats the command can write (its --format choices).
    given : str or None
        The --format the user typed, None when left at its default.
    command : str
        The command's name, for the error.

    Returns
    -------
    str or None
        ``given`` when there is one (a :class:`~voyages.errors.VoyagesWarning`
        when the suffix names another format), else the suffix's format, else
        None (keep the command's default).

    Raises
    ------
    InputError
        Without ``given``, the suffix names a format the command cannot write.

    Examples
    --------
    >>> format_for_out(Path("gaps.CSV"), ["table", "json", "csv"], given=None)
    'csv'
    >>> format_for_out(Path("gaps.txt"), ["table", "json", "csv"], given=None) is None
    True
    >>> format_for_out(Path("gaps.geojson"), ["table", "json", "csv"], given=None,
    ...                command="voyages ais gaps")
    Traceback (most recent call last):
    ...
    voyages.errors.InputError: gaps.geojson: voyages ais gaps cannot write geojson; choose ...
    """
    formats = list(formats)
    implied = SUFFIX_FORMATS.get(out.suffix.lower())
    if given is not None:
        if implied is not None and implied != given:
            warnings.warn(f"{out}: writing {given} (--format {given}) into a file named "
                          f"{out.suffix}", VoyagesWarning, stacklevel=2)
        return given
    if implied is None:
        return None
    if implied not in formats:
        choices = ", ".join(formats[:-1]) + f" or {formats[-1]}"
        raise InputError(f"{out}: {command} cannot write {implied}; choose --format {choices}")
    return implied


def _format_from_suffix(out: Path | None, kwargs: dict[str, Any]) -> None:
    """Set ``kwargs["fmt"]`` from --out's suffix when the command has a --format the user
    did not give."""
    ctx = click.get_current_context(silent=True)
    if out is None or ctx is None or "fmt" not in kwargs:
        return
    from click.core import ParameterSource

    param = next((p for p in ctx.command.params if p.name == "fmt"), None)
    if param is None or not isinstance(param.type, click.Choice):
        return
    from voyages.cli.main import command_name

    explicit = ctx.get_parameter_source("fmt") not in (ParameterSource.DEFAULT, None)
    chosen = format_for_out(out, [str(c) for c in param.type.choices],
                            given=kwargs["fmt"] if explicit else None,
                            command=command_name(ctx))
    if chosen is not None:
        kwargs["fmt"] = chosen


def refuse_overwrite(out: Path | None, *, force: bool) -> None:
    """Raise unless ``out`` is free to write (absent, or ``force`` given).

    Raises
    ------
    InputError
        ``out`` exists and ``force`` is false; the message names the file.

    Examples
    --------
    >>> refuse_overwrite(None, force=False)
    >>> import tempfile, pathlib
    >>> with tempfile.NamedTemporaryFile() as f:
    ...     refuse_overwrite(pathlib.Path(f.name), force=False)
    Traceback (most recent call last):
    ...
    voyages.errors.InputError: ...: exists; pass --force to overwrite it
    """
    if out is None:
        return
    source = _input_named(out)
    if source is not None:
        raise InputError(f"{out}: is this command's input ({source}); not overwriting it, "
                         "even with --force: write the result to another file")
    if not force and out.exists():
        raise InputError(f"{out}: exists; pass --force to overwrite it")


def _input_named(out: Path) -> str | None:
    """The option (or argument) of the running command that names ``out`` as an input file.

    Every path-valued parameter of the current click command other than
    ``--out`` is an input (FILE, ``--cables``, ``--ais``, ``--routes``, …);
    the same file under another spelling (``./x.csv``, a symlink) counts.
    """
    ctx = click.get_current_context(silent=True)
    if ctx is None or not out.exists():
        return None
    for param in ctx.command.params:
        if param.name in ("out", "old_out") or param.name not in ctx.params:
            continue
        value = ctx.params[param.name]
        for item in value if isinstance(value, tuple | list) else (value,):
            if isinstance(item, str | Path) and str(item):
                try:
                    same = os.path.samefile(item, out)
                except (OSError, ValueError):
                    continue
                if same:
                    return (max(param.opts, key=len) if isinstance(param, click.Option)
                            else param.human_readable_name)
    return None


def write_text(out: Path, text: str, *, force: bool) -> None:
    """Write ``text`` (UTF-8, ending in one newline) to ``out``.

    Without ``force`` the file is created exclusively, so a file that
    appeared since :func:`refuse_overwrite` is not overwritten either.

    Raises
    ------
    InputError
        ``out`` exists and ``force`` is false.
    OSError
        The file cannot be written (missing folder, no permission, full disk).
    """
    if not text.endswith("\n"):
        text += "\n"
    with write_errors(out):
        try:
            with open(out, "w" if force else "x", encoding="utf-8") as fh:
                fh.write(text)
        except FileExistsError as err:
            raise InputError(f"{out}: exists; pass --force to overwrite it") from err


@contextlib.contextmanager
def write_errors(out: Path) -> Iterator[None]:
    """An OS error while writing ``out`` as an InputError naming the file.

    Writing can fail after the file opened (``/proc/version``: EIO; a full
    disk: ENOSPC), and then the OSError carries no file name.

    >>> with write_errors(Path("out.csv")):
    ...     raise OSError(5, "Input/output error")
    Traceback (most recent call last):
    ...
    voyages.errors.InputError: out.csv: cannot write: Input/output error
    """
    try:
        yield
    except InputError:
        raise
    except OSError as err:
        raise InputError(f"{out}: cannot write: {err.strerror or err}") from err


def out_options(*, old_name: str | None = None,
                help: str = OUT_HELP) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add ``-o/--out FILE`` and ``--force`` to a click command.

    The command's function receives ``out`` (a ``Path`` or None) and
    ``force`` (bool); an existing ``out`` without ``force`` is refused
    before the function runs. ``old_name`` (e.g. ``"--output"``) is kept as
    a hidden alias of ``--out`` that prints ``warning: --output is
    deprecated; use --out (-o)`` on stderr.
    """
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def run(*args: Any, out: Path | None = None, old_out: Path | None = None,
                force: bool = False, **kwargs: Any) -> Any:
            if old_out is not None:
                if out is not None:
                    raise click.UsageError(f"{old_name} is the old name of --out; give only --out")
                click.echo(f"warning: {old_name} is deprecated; use --out (-o)", err=True)
                out = old_out
            refuse_overwrite(out, force=force)
            _format_from_suffix(out, kwargs)
            return func(*args, out=out, force=force, **kwargs)

        options = [
            click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
                         metavar="FILE", help=help),
            click.option("--force", is_flag=True, help="Overwrite an existing --out file."),
        ]
        if old_name is not None:
            options.append(click.option(old_name, "old_out", hidden=True,
                                        type=click.Path(dir_okay=False, path_type=Path)))
        for option in reversed(options):
            run = option(run)
        return run

    return decorate
