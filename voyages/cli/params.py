"""Click parameter types shared by the commands."""

from __future__ import annotations

from typing import Any

import click

from voyages._validate import check_number, range_text


class FiniteFloat(click.ParamType):
    """A finite float in a range, checked by :func:`voyages._validate.check_number`.

    A value out of range is one line naming the option, exit 2, as the
    library's :class:`~voyages.errors.InputError` is:
    ``error: --min-hours must be a finite number > 0, got inf``.

    Parameters
    ----------
    minimum : float or None, default 0.0
    above : bool, default False
        Strictly above ``minimum`` (zero refused).
    maximum : float, optional

    Examples
    --------
    >>> FiniteFloat(above=True).convert("2.5", None, None)
    2.5
    >>> FiniteFloat(maximum=100)
    FiniteFloat(from 0 to 100)
    """

    name = "float"

    def __init__(self, minimum: float | None = 0.0, *, above: bool = False,
                 maximum: float | None = None) -> None:
        self.minimum, self.above, self.maximum = minimum, above, maximum

    def __repr__(self) -> str:
        return f"FiniteFloat({range_text(self.minimum, above=self.above, maximum=self.maximum)})"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        label = (param.opts[0] if param is not None and param.opts else "value")
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                self.fail(f"{value!r} is not a number", param, ctx)
        return check_number(label, value, minimum=self.minimum, above=self.above,
                            maximum=self.maximum)


POSITIVE = FiniteFloat(above=True)
"""A finite float > 0: a radius, a speed limit, a shortest duration."""

NON_NEGATIVE = FiniteFloat()
"""A finite float >= 0 (0 often turns a test off)."""
