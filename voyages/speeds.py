"""Speed envelopes by vessel type, every figure with its source.

The table is ``ports/speed_envelopes.csv`` (readable and editable, one row
per vessel type; columns ``type, aliases, speed_min_kn, speed_max_kn,
port_stay_h, speed_source, port_stay_source``). A type whose speeds are
empty has no sourced figure: its legs are judged ``unverifiable`` and the
``speed_source`` column says why. Nothing in the table is guessed.

- ``speed_min_kn``: the slow end of normal operation at sea (a passage at
  this speed plus the allowances is the slowest *normal* passage; time
  beyond it is "unexplained").
- ``speed_max_kn``: the most a loaded ship of the type sustains.
- ``port_stay_h``: the median time in port of the type (UNCTAD /
  MarineTraffic 2018); the allowance for a port call on a leg (a ``via``
  hypothesis, a port stay before the next call).

A vessel's own ``service_speed_kn`` (from a cited source in the case)
narrows the envelope: it becomes the maximum, and the slow end becomes
``SLOW_STEAMING_RATIO`` × service speed when that is lower than the type's.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, replace

from voyages._data import data_dir
from voyages.errors import DataFileError
from voyages.records import Vessel
from voyages.timing import Envelope

__all__ = [
    "SLOW_STEAMING_RATIO",
    "SPEED_COLUMNS",
    "SpeedEnvelope",
    "envelope_for",
    "speed_table",
]

SLOW_STEAMING_RATIO = 0.75
"""Average operating speed over design speed across all ship types and sizes
in 2012 (0.85 in 2007): Third IMO GHG Study 2014, Executive Summary p.12."""

SPEED_COLUMNS = ("type", "aliases", "speed_min_kn", "speed_max_kn", "port_stay_h",
                 "speed_source", "port_stay_source")


@dataclass(frozen=True)
class SpeedEnvelope:
    """The sustained sea-speed range of a vessel or vessel type.

    Attributes
    ----------
    type : str
        The vessel type key (``general_cargo``, ``container``, ...), or
        ``""`` when unknown.
    speed_min_kn, speed_max_kn : float or None
        Slow normal speed and maximum sustained speed, knots; None when no
        source gives them.
    port_stay_h : float or None
        Median time in port, hours.
    source : str
        Where the speeds come from (or why there are none).
    port_stay_source : str
    """

    type: str
    speed_min_kn: float | None
    speed_max_kn: float | None
    port_stay_h: float | None
    source: str
    port_stay_source: str = ""

    @property
    def known(self) -> bool:
        """True when both speeds are sourced."""
        return self.speed_min_kn is not None and self.speed_max_kn is not None

    def timing(self, *, port_calls: int = 0) -> Envelope | None:
        """The :class:`~voyages.timing.Envelope` for a sea leg with ``port_calls``
        intermediate calls (each allowed 0 to ``port_stay_h`` hours).

        Returns None when the speeds are not sourced.
        """
        if not self.known:
            return None
        stay = (self.port_stay_h or 0.0) * port_calls
        return Envelope(speed_min=float(self.speed_min_kn), speed_max=float(self.speed_max_kn),
                        allowance_min_h=0.0, allowance_max_h=stay, unit="nm",
                        source=self.source)


def _number(row: dict[str, str], column: str, path, line: int) -> float | None:
    text = (row.get(column) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise DataFileError(f"{path}: line {line}: {column}: expected a number, got {text!r}") from None
    if value <= 0:
        raise DataFileError(f"{path}: line {line}: {column}: must be positive, got {value}")
    return value


@functools.cache
def speed_table() -> dict[str, SpeedEnvelope]:
    """The bundled speed table, keyed by type and by every alias (normalised).

    Raises
    ------
    DataFileError
        A malformed ``ports/speed_envelopes.csv`` (missing column, a row
        without its source, min above max).
    """
    path = data_dir("ports") / "speed_envelopes.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    table: dict[str, SpeedEnvelope] = {}
    for line, row in enumerate(rows, start=2):
        missing = [c for c in SPEED_COLUMNS if c not in row]
        if missing:
            raise DataFileError(f"{path}: missing column(s) {', '.join(missing)}")
        if not row["speed_source"].strip():
            raise DataFileError(f"{path}: line {line}: speed_source: every row needs its source")
        low = _number(row, "speed_min_kn", path, line)
        high = _number(row, "speed_max_kn", path, line)
        if (low is None) != (high is None) or (low is not None and high is not None and low > high):
            raise DataFileError(f"{path}: line {line}: speed_min_kn/speed_max_kn: give both, min <= max")
        envelope = SpeedEnvelope(
            type=row["type"].strip(),
            speed_min_kn=low,
            speed_max_kn=high,
            port_stay_h=_number(row, "port_stay_h", path, line),
            source=row["speed_source"].strip(),
            port_stay_source=row["port_stay_source"].strip(),
        )
        for key in (row["type"], *row["aliases"].split(";")):
            if key.strip():
                table.setdefault(_key(key), envelope)
    return table


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def envelope_for(vessel: Vessel | str | None) -> SpeedEnvelope:
    """The speed envelope of a vessel (or of a vessel type given as a string).

    The type is looked up in :func:`speed_table` (case, spaces, hyphens and
    aliases ignored). A vessel's ``service_speed_kn`` narrows it: the
    maximum becomes the service speed and the slow end ``min(type's,
    SLOW_STEAMING_RATIO × service speed)``; with no sourced type, the
    envelope is ``[SLOW_STEAMING_RATIO × service speed, service speed]``.

    Returns
    -------
    SpeedEnvelope
        ``known`` is False (and ``source`` says why) when neither the type
        nor the vessel has a sourced speed.

    Examples
    --------
    >>> envelope_for("container").speed_max_kn
    26.5
    >>> envelope_for("naval auxiliary").known
    False
    >>> from voyages.records import Vessel
    >>> e = envelope_for(Vessel(id="x", name="X", type="general cargo", service_speed_kn=15.0))
    >>> (e.speed_min_kn, e.speed_max_kn)
    (8.2, 15.0)
    """
    if isinstance(vessel, Vessel):
        type_text, service = vessel.type, vessel.service_speed_kn
    else:
        type_text, service = vessel, None
    table = speed_table()
    if type_text:
        base = table.get(_key(type_text))
        if base is None:
            valid = sorted({e.type for e in table.values()})
            base = SpeedEnvelope(type=type_text, speed_min_kn=None, speed_max_kn=None,
                                 port_stay_h=None,
                                 source=f"vessel type {type_text!r} is not in the speed table "
                                        f"({', '.join(valid)})")
    else:
        base = SpeedEnvelope(type="", speed_min_kn=None, speed_max_kn=None, port_stay_h=None,
                             source="vessel type unknown")
    if service is None:
        return base
    slow = SLOW_STEAMING_RATIO * service
    low = min(base.speed_min_kn, slow) if base.speed_min_kn is not None else slow
    note = (f"service speed {service:g} kn (vessel record); slow end "
            f"{'type table' if low != slow else f'{SLOW_STEAMING_RATIO} × service speed'}")
    return replace(base, speed_min_kn=low, speed_max_kn=float(service),
                   source=f"{note}; type: {base.source}")
