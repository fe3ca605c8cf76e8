"""The one check of a numeric threshold or option, shared by the library and the CLI.

Every numeric option (``min_duration_h``, ``entry_km``, a screening
threshold …) goes through :func:`check_number`: a value that is not a
finite number, or is outside its range, raises
:class:`~voyages.errors.InputError` naming it. The CLI's
:class:`voyages.cli.params.FiniteFloat` calls the same function, so
``voyages ais gaps --min-hours inf`` and ``ais.gaps(frame,
min_duration_h=float("inf"))`` give the same message.
"""

from __future__ import annotations

import math
import numbers

from voyages.errors import InputError

__all__ = ["check_number", "range_text"]


def range_text(minimum: float | None = 0.0, *, above: bool = False,
               maximum: float | None = None) -> str:
    """The accepted range in words: ``>= 0``, ``> 0``, ``from 0 to 100``.

    >>> range_text(), range_text(above=True), range_text(0, maximum=100)
    ('>= 0', '> 0', 'from 0 to 100')
    >>> range_text(None)
    ''
    """
    if minimum is not None and maximum is not None and not above:
        return f"from {minimum:g} to {maximum:g}"
    parts = []
    if minimum is not None:
        parts.append(f"{'>' if above else '>='} {minimum:g}")
    if maximum is not None:
        parts.append(f"<= {maximum:g}")
    return " and ".join(parts)


def check_number(label: str, value: object, *, minimum: float | None = 0.0,
                 above: bool = False, maximum: float | None = None) -> float:
    """``value`` as a float when it is a finite number in range, else :class:`InputError`.

    Parameters
    ----------
    label : str
        What the user calls the value: ``"min_duration_h"`` in the library,
        ``"--min-hours"`` on the command line.
    value : object
        A real number (int, float, numpy number); bool and str are refused.
    minimum : float or None, default 0.0
        Lowest accepted value (``None``: no lower bound).
    above : bool, default False
        The value must be strictly above ``minimum`` (zero is meaningless
        for a radius or a speed limit).
    maximum : float, optional
        Highest accepted value (inclusive).

    Returns
    -------
    float

    Raises
    ------
    InputError
        ``<label> must be a finite number >= 0, got inf`` (NaN, ±inf, out of
        range, or not a number).

    Examples
    --------
    >>> check_number("min_duration_h", 12)
    12.0
    >>> check_number("--min-hours", float("inf"))
    Traceback (most recent call last):
    ...
    voyages.errors.InputError: --min-hours must be a finite number >= 0, got inf
    >>> check_number("threshold", float("nan"), maximum=100)
    Traceback (most recent call last):
    ...
    voyages.errors.InputError: threshold must be a finite number from 0 to 100, got nan
    """
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
    number = float(value) if ok else math.nan  # type: ignore[arg-type]
    if ok and math.isfinite(number):
        low_ok = minimum is None or (number > minimum if above else number >= minimum)
        high_ok = maximum is None or number <= maximum
        if low_ok and high_ok:
            return number
    shown = repr(number).removesuffix(".0") if ok else repr(value)
    words = range_text(minimum, above=above, maximum=maximum)
    raise InputError(f"{label} must be a finite number{' ' + words if words else ''}, "
                     f"got {shown}")
