"""The ``voyages`` command group and its error handling.

Exit codes: 0 success (and ``check`` found nothing implausible), 1 a check
found something implausible, 2 bad input (a one-line ``error: …`` per
problem on stderr, never a traceback; click's usage errors too: ``error:
<message> (see 'voyages <command> --help')``), 3 an internal error (a bug: one line
``error: internal error: <type>: <message> (please report)``), 141 stdout
was closed early (``voyages check … | head -1``): nothing more is printed,
as for a command killed by SIGPIPE (128 + 13). Standard output goes through
:class:`WholeWrites` while a command runs, so a large result that the reader
cut off half-way also ends with 141 (Python's buffered writer reports such a
partial write as a success and drops the error).

Warnings raised while a command runs are one line each on stderr, never
Python's ``file.py:123: Category: message`` and source line: a
:class:`~voyages.errors.VoyagesWarning` (something the user should know
about their data) is always shown as ``warning: <message>``; any other
warning (a library's) is shown once as ``warning: <Category>: <message>``,
the category telling the reader it did not come from voyages' own checks.
Python's filters still decide which of those others appear (a
``DeprecationWarning`` stays hidden, ``-W ignore`` hides the rest).
Warnings never change the exit code.
"""

from __future__ import annotations

import io
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import NoReturn

import click

from voyages.errors import VoyagesError, VoyagesWarning

EXIT_OK = 0
EXIT_IMPLAUSIBLE = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_BROKEN_PIPE = 141


def warning_line(message: Warning | str, category: type[Warning]) -> str:
    """One stderr line for a warning: ``warning: <message>`` (whitespace folded).

    A warning that is not a :class:`~voyages.errors.VoyagesWarning` names its
    category, so a library's warning is not mistaken for a finding about the
    data.

    >>> from voyages.errors import VoyagesWarning
    >>> warning_line("day.csv: 0 positions read", VoyagesWarning)
    'warning: day.csv: 0 positions read'
    >>> warning_line("invalid value\\n  encountered in divide", RuntimeWarning)
    'warning: RuntimeWarning: invalid value encountered in divide'
    """
    text = " ".join(str(message).split()) or category.__name__
    if not issubclass(category, VoyagesWarning):
        text = f"{category.__name__}: {text}"
    return f"warning: {text}"


@contextmanager
def one_line_warnings() -> Iterator[None]:
    """Show every warning raised inside as one ``warning: …`` line on stderr.

    ``VoyagesWarning`` is always shown (each time it is raised); any other
    warning that Python's filters let through is shown once per distinct
    line. Filters and the display hook are restored on exit.
    """
    shown: set[str] = set()

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        text = warning_line(message, category)
        if not issubclass(category, VoyagesWarning):
            if text in shown:
                return
            shown.add(text)
        click.echo(text, err=True)

    with warnings.catch_warnings():
        warnings.simplefilter("always", VoyagesWarning)
        warnings.showwarning = show
        yield


class WholeWrites(io.RawIOBase):
    """A raw, unbuffered writer on a file descriptor that writes all it is given or raises.

    ``os.write`` to a pipe can write part of the data and return the count
    when the reader closes its end half-way; the next write raises
    ``BrokenPipeError``. Python's ``io.BufferedWriter`` returns after such a
    partial write without trying again, so ``print``/``click.echo`` of a
    large text into ``| head -1`` loses the error and the command exits 0.
    This writer keeps writing until every byte is out, so the error is
    raised. It never closes the descriptor.
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            done += os.write(self._fd, view[done:])
        return done


@contextmanager
def whole_stdout_writes() -> Iterator[None]:
    """Route ``sys.stdout`` through :class:`WholeWrites` (same encoding) while inside.

    Does nothing when stdout has no file descriptor (click's test runner,
    a notebook). The original stream is restored on exit.
    """
    stream = sys.stdout
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        yield
        return
    stream.flush()
    whole = io.TextIOWrapper(io.BufferedWriter(WholeWrites(fd)), encoding=stream.encoding,
                             errors=stream.errors, line_buffering=bool(stream.line_buffering))
    sys.stdout = whole
    try:
        yield
    finally:
        sys.stdout = stream
        with suppress(OSError, ValueError):  # a broken pipe was reported already
            whole.flush()
            whole.detach()


def usage_error_line(err: click.UsageError) -> str:
    """Click's usage error as one line: ``error: <message> (see 'voyages <command> --help')``.

    Click prints three (``Usage: …``, ``Try …``, ``Error: …``); voyages keeps
    every bad-input error on one line. The command is named from the root
    ``voyages`` whatever the program was called (``python -m voyages``).

    >>> from voyages.cli.main import cli
    >>> ctx = click.Context(cli.commands["check"], info_name="check",
    ...                     parent=click.Context(cli, info_name="python -m voyages"))
    >>> usage_error_line(click.UsageError("Missing argument 'CASE'.", ctx))
    "error: Missing argument 'CASE' (see 'voyages check --help')"
    """
    message = " ".join(err.format_message().split()).removesuffix(".")
    ctx = err.ctx or click.get_current_context(silent=True)
    return f"error: {message} (see '{command_name(ctx)} --help')"


def command_name(ctx: click.Context | None) -> str:
    """``voyages ais gaps``: the command of ``ctx`` named from the root ``voyages``, however
    the program was started (``python -m voyages``, a test runner)."""
    names = []
    while ctx is not None:
        if ctx.parent is not None and ctx.info_name:
            names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(["voyages", *reversed(names)])


def _exit_on_usage_error(err: click.UsageError) -> NoReturn:
    if isinstance(err, click.exceptions.NoArgsIsHelpError):
        raise err  # `voyages ais` alone: click prints the help, as --help does
    click.echo(usage_error_line(err), err=True)
    raise click.exceptions.Exit(EXIT_BAD_INPUT)


class VoyagesGroup(click.Group):
    """A click group that reports VoyagesError and click's usage errors as one
    ``error: …`` line, exit 2, and every warning as one ``warning: …`` line."""

    def make_context(self, info_name, args, parent=None, **extra):
        """Parse the top-level options; a usage error is one ``error: …`` line, exit 2."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as err:
            _exit_on_usage_error(err)

    def invoke(self, ctx: click.Context):
        """Run the command; a ``VoyagesError`` or ``OSError`` becomes ``error: …``, exit 2."""
        with one_line_warnings(), whole_stdout_writes():
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context):
        try:
            try:
                return super().invoke(ctx)
            finally:  # a closed pipe often shows only when the output is flushed
                sys.stdout.flush()
        except click.UsageError as err:  # unknown option or command, bad value, ...
            _exit_on_usage_error(err)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away: stop quietly. stdout now points at devnull so
            # the flush at interpreter exit cannot fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(EXIT_BROKEN_PIPE)
        except SystemExit as err:
            # rich handles a broken pipe itself (stdout to devnull, SystemExit(1)),
            # which would read as "implausible": give the broken-pipe code instead.
            if isinstance(err.__context__, BrokenPipeError):
                ctx.exit(EXIT_BROKEN_PIPE)
            raise
        except VoyagesError as err:
            for line in str(err).splitlines() or [type(err).__name__]:
                click.echo(f"error: {line}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except OSError as err:  # unreadable file, full disk, ...
            name = f"{err.filename}: " if getattr(err, "filename", None) else ""
            click.echo(f"error: {name}{err.strerror or err}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except Exception as err:  # noqa: BLE001  a bug: one line, never a traceback
            message = " ".join(str(err).split())
            click.echo(f"error: internal error: {type(err).__name__}: {message} (please report)",
                       err=True)
            ctx.exit(EXIT_INTERNAL)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the installed distribution's version, or a note when run from a
    source checkout that is not installed (click's own option raises there)."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("voyages")
    except PackageNotFoundError:
        found = "unknown (run from a source checkout that is not installed)"
    click.echo(f"voyages, version {found}")
    ctx.exit()


@click.group(cls=VoyagesGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version, help="Show the version and exit.")
def cli() -> None:
    """Check reported voyages, convoys and sanctions against physics and the lists."""


def _register() -> None:
    from voyages.cli import ais, calls, check, place, report, route, screen

    for module in (check, place, route, calls, ais, screen, report):
        cli.add_command(module.command)
    from voyages.cli import ais_investigate  # noqa: F401  adds cables/encounters/identity to ais


_register()


def main() -> None:
    """Console-script entry point."""
    # click exits 2 on usage errors already; keep that code for bad input.
    sys.exit(cli.main(standalone_mode=True))
