"""Validation of vessel identifiers and flag codes, shared by case files, the CLI and AIS.

One rule each, so a number or code a case file refuses is refused (or
flagged) everywhere else too:

- :func:`vessel_imo_problem`: a ship's IMO number (the IMO ship
  identification number scheme, Resolution A.600(15), 1987) is 7 digits
  whose last is the last digit of the first six weighted 7, 6, …, 2
  (Wikipedia, "IMO number": 7654329 → 7×7 + 6×6 + 5×5 + 4×4 + 3×3 + 2×2 =
  139 → 9), validated by ``rigour.ids.IMO.is_valid_vessel``, OpenSanctions'
  identifier library. ``IMO.is_valid`` also accepts the check digit of the
  *company and registered owner* number (a mod-11 rule that about one wrong
  ship number in ten passes), so it is not used for ships.
- :func:`flag_problem`: a flag state is an ISO 3166-1 alpha-2 code of a
  country (:func:`country_name`); pseudo-codes such as ``ZZ`` are refused.
"""

from __future__ import annotations

import re

__all__ = ["country_name", "flag_problem", "imo_digits", "vessel_imo_problem"]


def imo_digits(value: str | int | None) -> str | None:
    """The number part of an IMO number as written (``IMO 8358427`` → ``8358427``).

    None stays None; nothing else is checked (see :func:`vessel_imo_problem`).

    >>> imo_digits("IMO8358427"), imo_digits(" imo: 8358427 "), imo_digits(8358427)
    ('8358427', '8358427', '8358427')
    """
    if value is None:
        return None
    return re.sub(r"^\s*IMO[\s:.#-]*", "", str(value), flags=re.IGNORECASE).strip()


def vessel_imo_problem(value: str | int) -> str | None:
    """Why ``value`` is not a valid ship IMO number, or None when it is.

    Parameters
    ----------
    value : str or int
        The number, with or without the ``IMO`` prefix.

    Returns
    -------
    str or None
        One line naming the number: ``IMO number must be 7 digits, got …``
        or ``IMO number … fails its check digit``.

    Examples
    --------
    >>> vessel_imo_problem("IMO 8358427") is None
    True
    >>> vessel_imo_problem("8358428")
    'IMO number 8358428 fails its check digit'
    >>> vessel_imo_problem("83584")
    "IMO number must be 7 digits, got '83584'"
    """
    from rigour.ids import IMO

    digits = imo_digits(value) or ""
    if not re.fullmatch(r"\d{7}", digits):
        return f"IMO number must be 7 digits, got {value!r}"
    if not IMO.is_valid_vessel(digits):
        return f"IMO number {digits} fails its check digit"
    return None


def country_name(code: str) -> str | None:
    """The name of the country with ISO 3166-1 alpha-2 ``code``, None if there is none.

    The codes are rigour's territory list (``rigour.territories``), which
    follows ISO 3166-1 (current and withdrawn codes such as ``SU``) plus
    Kosovo's user-assigned ``XK``; pseudo-codes without an ISO alpha-3
    (``ZZ`` global, ``EU``) are not countries.

    >>> country_name("cm"), country_name("ZZ")
    ('Cameroon', None)
    """
    from rigour.territories import get_territory

    territory = get_territory(code.strip().lower()) if len(code.strip()) == 2 else None
    if territory is None or territory.alpha3 is None:
        return None
    return territory.name


def flag_problem(value: str) -> str | None:
    """Why ``value`` is not a flag state (ISO 3166-1 alpha-2 country code), or None.

    >>> flag_problem("ru") is None
    True
    >>> flag_problem("ZZ")
    "expected an ISO 3166-1 alpha-2 country code such as 'RU', got 'ZZ'"
    """
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code) or country_name(code) is None:
        return f"expected an ISO 3166-1 alpha-2 country code such as 'RU', got {value!r}"
    return None
