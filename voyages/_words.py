"""Fixed word lists parsed case-insensitively.

:class:`WordEnum` is the base of every ``enum.StrEnum`` whose members a user
types (verdicts, event kinds, time precisions, list schemas): ``parse``
accepts any case, surrounding spaces, and ``-`` or a space for ``_``, and an
unknown word raises a ``ValueError`` listing the valid values.
"""

from __future__ import annotations

import enum
from typing import Self


class WordEnum(enum.StrEnum):
    """A ``StrEnum`` with a forgiving, case-insensitive :meth:`parse`.

    A subclass names what its words are for the error message:
    ``class Verdict(WordEnum, noun="verdict")`` (default ``"value"``).

    Examples
    --------
    >>> class Colour(WordEnum, noun="colour"):
    ...     DARK_BLUE = "dark_blue"
    >>> Colour.parse(" Dark-Blue ")
    <Colour.DARK_BLUE: 'dark_blue'>
    >>> Colour.parse("red")
    Traceback (most recent call last):
    ...
    ValueError: unknown colour 'red'; expected one of: dark_blue
    """

    _noun: str

    def __init_subclass__(cls, noun: str = "value", **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._noun = noun

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member named by ``text``, case-insensitively.

        ``-`` and spaces count as ``_``; surrounding spaces are ignored.

        Raises
        ------
        ValueError
            For an unknown word, listing the valid values.
        """
        key = str(text).strip().lower().replace("-", "_").replace(" ", "_")
        for member in cls:
            if member.value == key:
                return member
        valid = ", ".join(m.value for m in cls)
        raise ValueError(f"unknown {cls._noun} {text!r}; expected one of: {valid}")
