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
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from voyages.errors import InputError

OUT_HELP = ("Write to this file instead of stdout; an existing file is refused "
            "unless --force.")


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
