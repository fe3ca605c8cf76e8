"""The ``voyages`` command group and its error handling.

Exit codes: 0 success (and ``check`` found nothing implausible), 1 a check
found something implausible, 2 bad input (a one-line ``error: …`` per
problem on stderr, never a traceback), 3 an internal error (a bug: one line
``error: internal error: <type>: <message> (please report)``), 141 stdout
was closed early (``voyages check … | head -1``): nothing more is printed,
as for a command killed by SIGPIPE (128 + 13).
"""

from __future__ import annotations

import os
import sys

import click

from voyages.errors import VoyagesError

EXIT_OK = 0
EXIT_IMPLAUSIBLE = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_BROKEN_PIPE = 141


class VoyagesGroup(click.Group):
    """A click group that reports VoyagesError as ``error: …`` lines, exit 2."""

    def invoke(self, ctx: click.Context):
        """Run the command; a ``VoyagesError`` or ``OSError`` becomes ``error: …``, exit 2."""
        try:
            try:
                return super().invoke(ctx)
            finally:  # a closed pipe often shows only when the output is flushed
                sys.stdout.flush()
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


@click.group(cls=VoyagesGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="voyages")
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
