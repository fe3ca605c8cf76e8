"""Errors and warnings raised by voyages.

Every error voyages raises derives from :class:`VoyagesError`; each subclass
also inherits the builtin it most resembles, so ``except ValueError`` keeps
working for callers who do not know our names. The CLI turns any
``VoyagesError`` into one ``error: ...`` line on stderr and exit code 2.

::

    VoyagesError
    ├── InputError(ValueError)            bad user input (files, arguments)
    │   ├── CaseFileError                 a case file that does not validate
    │   └── DataFileError                 a list, AIS or CSV file we cannot read
    ├── UnknownPlaceError(LookupError)    a place the gazetteer does not know
    └── RouteError(RuntimeError)          no sea/land route between two places

    VoyagesWarning(UserWarning)           something the user should know
"""

from __future__ import annotations

__all__ = [
    "CaseFileError",
    "DataFileError",
    "InputError",
    "RouteError",
    "UnknownPlaceError",
    "VoyagesError",
    "VoyagesWarning",
]


class VoyagesError(Exception):
    """Root of every error voyages raises."""


class InputError(VoyagesError, ValueError):
    """Input from the user (a file, an argument) is malformed."""


class CaseFileError(InputError):
    """A case file failed validation.

    ``problems`` holds one line per problem, each naming the file and the
    field path (``case.toml: events[3].place: unknown place 'Conakri' — did
    you mean 'Conakry' (GNCKY)?``). ``str(error)`` joins them with newlines.
    """

    def __init__(self, problems: list[str] | str) -> None:
        if isinstance(problems, str):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class DataFileError(InputError):
    """A data file (sanctions list, AIS export, port-call CSV) cannot be read."""


class UnknownPlaceError(VoyagesError, LookupError):
    """The gazetteer has no place matching a query.

    ``query`` is what was asked; ``suggestions`` lists the closest known
    places as ``"Name (LOCODE)"`` strings, best first.
    """

    def __init__(self, query: str, suggestions: list[str] | None = None) -> None:
        self.query = query
        self.suggestions = list(suggestions or [])
        message = f"unknown place {query!r}"
        if self.suggestions:
            message += f" — did you mean {self.suggestions[0]}?"
        super().__init__(message)


class RouteError(VoyagesError, RuntimeError):
    """No route could be found between two places."""


class VoyagesWarning(UserWarning):
    """A warning from voyages (data dropped, a fallback used, ...)."""
