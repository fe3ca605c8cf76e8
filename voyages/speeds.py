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

Size bins: ``ports/speed_size_bins.csv`` (columns ``type, subtype,
size_measure, size_min, size_max, speed_max_kn, source``) gives the maximum
speed of each EPA subtype (US EPA 2022, Table C.3) with the size range it
covers (``size_min`` inclusive, ``size_max`` exclusive, empty = no upper
bound). ``size_measure`` is ``dwt``, ``gt`` or ``unstated`` (EPA's "Ton"
without saying which: such a bin is used only when the vessel's dwt *and*
gross tonnage are both known and both fall in it).

How :func:`envelope_for` picks the envelope, first match wins:

1. the vessel's own ``service_speed_kn`` (from a cited source in the case):
   it becomes the maximum, and the slow end ``SLOW_STEAMING_RATIO`` ×
   service speed when that is lower than the type's (``basis="service speed"``);
2. the size bin of its type that its ``dwt_t`` / ``gross_tonnage`` falls in:
   the bin's maximum, the type's slow end (``basis="size bin"``);
3. the type-wide range (``basis="type"``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from voyages._data import data_dir
from voyages._sourced_csv import sourced_rows
from voyages.errors import DataFileError, InputError
from voyages.records import Vessel
from voyages.timing import Envelope

__all__ = [
    "FASTEST_SHIP_KN",
    "SIZE_BIN_COLUMNS",
    "SLOW_STEAMING_RATIO",
    "SPEED_COLUMNS",
    "SizeBin",
    "SpeedEnvelope",
    "envelope_for",
    "service_speed_problem",
    "size_bins",
    "speed_table",
]

SLOW_STEAMING_RATIO = 0.75
"""Average operating speed over design speed across all ship types and sizes
in 2012 (0.85 in 2007): Third IMO GHG Study 2014, Executive Summary p.12."""

FASTEST_SHIP_KN = 60.0
"""No ship in service is faster, in knots: the upper bound of a vessel's
``service_speed_kn`` (case files, port-call tables) and of the speed implied
between two AIS positions of one vessel.

Sources: the fastest operational class of warship, the Royal Norwegian Navy's
Skjold-class coastal corvettes, reach 60 kn (Guinness World Records, "Fastest
operational class of warship",
https://www.guinnessworldrecords.com/world-records/96239-fastest-operational-class-of-warship);
the fastest ferry, HSC Francisco, 58.1 kn (Guinness World Records, "Fastest
ferry", https://www.guinnessworldrecords.com/world-records/505447-fastest-ferry).
"""


def service_speed_problem(value: object) -> str | None:
    """What is wrong with a vessel's service speed in knots, or None when it is plausible.

    A service speed must be a finite number of knots above 0 and at most
    :data:`FASTEST_SHIP_KN`. ``None`` (not given) is fine.

    >>> service_speed_problem(14.5) is None, service_speed_problem(None) is None
    (True, True)
    >>> service_speed_problem(1e9)
    'a service speed of 1e+09 kn is faster than any ship (at most 60 kn: ...; check the unit'
    >>> service_speed_problem(float("nan"))
    'a speed must be a finite number of knots > 0, got nan'
    """
    import math
    import numbers

    if value is None:
        return None
    real = isinstance(value, numbers.Real) and not isinstance(value, bool)
    speed = float(value) if real else math.nan  # type: ignore[arg-type]
    if not (math.isfinite(speed) and speed > 0):
        shown = repr(speed).removesuffix(".0") if real else repr(value)
        return f"a speed must be a finite number of knots > 0, got {shown}"
    if speed > FASTEST_SHIP_KN:
        return (f"a service speed of {speed:g} kn is faster than any ship (at most "
                f"{FASTEST_SHIP_KN:g} kn: the Skjold-class corvettes, Guinness World Records); "
                f"check the unit")
    return None


SPEED_COLUMNS = ("type", "aliases", "speed_min_kn", "speed_max_kn", "port_stay_h",
                 "speed_source", "port_stay_source")
SIZE_BIN_COLUMNS = ("type", "subtype", "size_measure", "size_min", "size_max", "speed_max_kn",
                    "source")
_MEASURES = ("dwt", "gt", "unstated")


@dataclass(frozen=True)
class SizeBin:
    """One size bin of a vessel type and the maximum speed of its ships.

    Attributes
    ----------
    type : str
        Vessel type key (``general_cargo`` ...), as in the speed table.
    subtype : str
        The source's subtype label (EPA Table C.3: ``"10,000 DWT"``).
    measure : str
        ``"dwt"`` (deadweight, t), ``"gt"`` (gross tonnage) or
        ``"unstated"`` (the source does not say which).
    size_min, size_max : float or None
        ``size_min <= size < size_max``; ``size_max`` None = no upper bound.
    speed_max_kn : float
    source : str
    """

    type: str
    subtype: str
    measure: str
    size_min: float
    size_max: float | None
    speed_max_kn: float
    source: str

    def contains(self, size: float) -> bool:
        """True when ``size`` (in this bin's measure) falls in the bin."""
        return self.size_min <= size and (self.size_max is None or size < self.size_max)

    @property
    def label(self) -> str:
        """The range in words: ``"5,000–9,999 dwt"``, ``"10,000 dwt and above"``."""
        unit = {"dwt": "dwt", "gt": "GT", "unstated": "t (dwt or GT)"}[self.measure]
        if self.size_max is None:
            return f"{self.size_min:,.0f} {unit} and above"
        return f"{self.size_min:,.0f}–{self.size_max - 1:,.0f} {unit}"


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
    basis : str
        Which envelope this is: ``"type"`` (the type-wide range),
        ``"size bin"`` (the vessel's size bin) or ``"service speed"`` (the
        vessel's own, from the case); ``""`` when nothing is known.
    size_bin : str
        For ``basis="size bin"``, the bin in words with the vessel's size
        (``"General Cargo '10,000 DWT' (5,000–9,999 dwt; vessel 8,000 dwt)"``).
    """

    type: str
    speed_min_kn: float | None
    speed_max_kn: float | None
    port_stay_h: float | None
    source: str
    port_stay_source: str = ""
    basis: str = "type"
    size_bin: str = ""

    @property
    def label(self) -> str:
        """The envelope in a few words, for summaries:
        ``"general cargo, size bin 5,000–9,999 dwt: 8.2–15.1 kn"``.

        >>> envelope_for("ro-ro").label
        'ro-ro, type-wide: 10.1–21.5 kn'
        """
        kind = (self.type.replace("_", "-" if self.type == "ro_ro" else " ")
                or "unknown type")
        if not self.known:
            return f"{kind}: no sourced speed"
        span = f"{self.speed_min_kn:g}–{self.speed_max_kn:g} kn"
        if self.basis == "service speed":
            return f"{kind}, vessel's service speed: {span}"
        if self.basis == "size bin":
            return f"{kind}, size bin {self.size_bin}: {span}"
        return f"{kind}, type-wide: {span}"

    @property
    def known(self) -> bool:
        """True when both speeds are sourced."""
        return self.speed_min_kn is not None and self.speed_max_kn is not None

    def timing(self, *, port_calls: int = 0) -> Envelope | None:
        """The :class:`~voyages.timing.Envelope` for a sea leg with ``port_calls``
        intermediate calls (each allowed 0 to ``port_stay_h`` hours).

        Returns None when the speeds are not sourced.
        """
        if self.speed_min_kn is None or self.speed_max_kn is None:
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
        raise DataFileError(
            f"{path}: line {line}: {column}: expected a number, got {text!r}") from None
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
    table: dict[str, SpeedEnvelope] = {}
    for line, row in sourced_rows(path, SPEED_COLUMNS, source="speed_source"):
        low = _number(row, "speed_min_kn", path, line)
        high = _number(row, "speed_max_kn", path, line)
        if (low is None) != (high is None) or (low is not None and high is not None and low > high):
            raise DataFileError(
                f"{path}: line {line}: speed_min_kn/speed_max_kn: give both, min <= max")
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


@functools.cache
def size_bins() -> dict[str, tuple[SizeBin, ...]]:
    """The bundled size bins (``ports/speed_size_bins.csv``) by type key.

    Raises
    ------
    DataFileError
        A malformed file: a missing column, a row without its source, an
        unknown type or measure, ``size_min >= size_max``.

    Examples
    --------
    >>> [b.speed_max_kn for b in size_bins()["general_cargo"]]
    [12.0, 15.1, 18.5]
    """
    path = data_dir("ports") / "speed_size_bins.csv"
    types = {e.type for e in speed_table().values()}
    out: dict[str, list[SizeBin]] = {}
    for line, row in sourced_rows(path, SIZE_BIN_COLUMNS):
        kind, measure = row["type"].strip(), row["size_measure"].strip()
        if kind not in types:
            raise DataFileError(
                f"{path}: line {line}: type: {kind!r} is not in speed_envelopes.csv")
        if measure not in _MEASURES:
            raise DataFileError(f"{path}: line {line}: size_measure: expected one of "
                                f"{', '.join(_MEASURES)}, got {measure!r}")
        low = (row["size_min"] or "0").strip()
        try:
            size_min = float(low)
        except ValueError:
            raise DataFileError(
                f"{path}: line {line}: size_min: expected a number, got {low!r}") from None
        size_max = _number(row, "size_max", path, line)
        speed = _number(row, "speed_max_kn", path, line)
        if speed is None:
            raise DataFileError(f"{path}: line {line}: speed_max_kn: required")
        if size_min < 0 or (size_max is not None and size_max <= size_min):
            raise DataFileError(f"{path}: line {line}: size_min/size_max: need 0 <= min < max")
        out.setdefault(kind, []).append(SizeBin(kind, row["subtype"].strip(), measure, size_min,
                                                size_max, speed, row["source"].strip()))
    return {k: tuple(sorted(v, key=lambda b: b.size_min)) for k, v in out.items()}


def _size_bin(base: SpeedEnvelope, dwt: float | None,
              gt: float | None) -> tuple[SizeBin, str] | None:
    """The bin of ``base.type`` the vessel falls in, and the size that placed it."""
    for b in size_bins().get(base.type, ()):
        if b.measure == "dwt" and dwt is not None and b.contains(dwt):
            return b, f"vessel {_size(dwt)} dwt"
        if b.measure == "gt" and gt is not None and b.contains(gt):
            return b, f"vessel {_size(gt)} GT"
        if (b.measure == "unstated" and dwt is not None and gt is not None
                and b.contains(dwt) and b.contains(gt)):
            return b, f"vessel {_size(dwt)} dwt, {_size(gt)} GT"
    return None


def _size(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _why_no_bin(base: SpeedEnvelope, dwt: float | None, gt: float | None) -> str:
    """Why a vessel of a binned type got the type-wide range ('' when the type has no bins)."""
    bins = size_bins().get(base.type, ())
    if not bins:
        return ""
    measures = {b.measure for b in bins}
    have = ", ".join(x for x in (dwt is not None and f"{_size(dwt)} dwt" or "",
                                 gt is not None and f"{_size(gt)} GT" or "") if x) or "no size"
    need = ("dwt and gross tonnage (the source's unit is unstated)"
            if measures == {"unstated"}
            else " or ".join(sorted("gross tonnage" if m == "gt" else m for m in measures)))
    return f"no size bin applies (the bins need {need}; the case gives {have}); "


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def envelope_for(vessel: Vessel | str | None) -> SpeedEnvelope:
    """The speed envelope of a vessel (or of a vessel type given as a string).

    The type is looked up in :func:`speed_table` (case, spaces, hyphens and
    aliases ignored). Then, first match wins (the result's ``basis`` says
    which):

    - ``service speed``: a vessel's ``service_speed_kn`` narrows the
      envelope: the maximum becomes the service speed and the slow end
      ``min(type's, SLOW_STEAMING_RATIO × service speed)``; with no sourced
      type, the envelope is ``[SLOW_STEAMING_RATIO × service speed, service
      speed]``;
    - ``size bin``: a vessel whose ``dwt_t`` (or ``gross_tonnage``, for a
      bin measured in GT) falls in one of its type's :func:`size_bins`
      gets that bin's maximum speed and the type's slow end;
    - ``type``: the type-wide range.

    Returns
    -------
    SpeedEnvelope
        ``known`` is False (and ``source`` says why) when neither the type
        nor the vessel has a sourced speed.

    Raises
    ------
    InputError
        A vessel's ``service_speed_kn`` is not a finite number above 0 and
        at most :data:`FASTEST_SHIP_KN` (a hand-built record; case files and
        port-call tables are checked when read).

    Examples
    --------
    >>> envelope_for("container").speed_max_kn
    26.5
    >>> envelope_for("naval auxiliary").known
    False
    >>> from voyages.records import Vessel
    >>> e = envelope_for(Vessel(id="x", name="X", type="general cargo", service_speed_kn=15.0))
    >>> (e.speed_min_kn, e.speed_max_kn, e.basis)
    (8.2, 15.0, 'service speed')
    >>> e = envelope_for(Vessel(id="x", name="X", type="general cargo", dwt_t=8000))
    >>> (e.speed_min_kn, e.speed_max_kn, e.basis)
    (8.2, 15.1, 'size bin')
    """
    dwt = gt = None
    if isinstance(vessel, Vessel):
        type_text, service = vessel.type, vessel.service_speed_kn
        dwt, gt = vessel.dwt_t, vessel.gross_tonnage
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
                                        f"({', '.join(valid)})", basis="")
    else:
        base = SpeedEnvelope(type="", speed_min_kn=None, speed_max_kn=None, port_stay_h=None,
                             source="vessel type unknown", basis="")
    if service is not None:
        problem = service_speed_problem(service)
        if problem:
            raise InputError(f"vessel {vessel.id!r}: service_speed_kn: {problem}")  # type: ignore[union-attr]
        slow = SLOW_STEAMING_RATIO * service
        low = min(base.speed_min_kn, slow) if base.speed_min_kn is not None else slow
        note = (f"service speed {service:g} kn (vessel record); slow end "
                f"{'type table' if low != slow else f'{SLOW_STEAMING_RATIO} × service speed'}")
        return replace(base, speed_min_kn=low, speed_max_kn=float(service),
                       source=f"{note}; type: {base.source}", basis="service speed")
    found = _size_bin(base, dwt, gt) if base.known else None
    if found is None:
        why = _why_no_bin(base, dwt, gt) if base.known and isinstance(vessel, Vessel) else ""
        return replace(base, source=f"type-wide range: {why}{base.source}") if why else base
    b, size = found
    assert base.speed_min_kn is not None
    where = f"{b.type.replace('_', ' ')} '{b.subtype}' ({b.label}; {size})"
    return replace(base, speed_max_kn=b.speed_max_kn, basis="size bin", size_bin=b.label,
                   source=f"size bin {where}: max {b.speed_max_kn:g} kn — {b.source}; "
                          f"slow end {base.speed_min_kn:g} kn from the type table — {base.source}")
