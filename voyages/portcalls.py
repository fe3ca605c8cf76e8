"""Fleet-wide screen of port calls with the timing model.

:func:`check_port_calls` reads a table of port calls (a CSV file or a
DataFrame), forms each vessel's sea legs (departure from one call → arrival
at the next), routes each distinct port pair once with
:func:`voyages.sea.sea_route`, and judges every leg with
:func:`voyages.timing.judge_leg` against the vessel type's speed envelope
(:func:`voyages.speeds.envelope_for`).

Input columns (:data:`CALL_COLUMNS`, matched without regard to case and
surrounding spaces; extra columns are ignored). A file is decoded like an
AIS CSV (:mod:`voyages._opener`: UTF-8 with or without a BOM, UTF-16,
else Windows-1252 with a warning) and may be separated by ``,`` ``;`` tab
or ``|``:

- ``vessel`` (str): name or id; calls are grouped by it. Required.
- ``port`` (str): UN/LOCODE, name or alias, or ``"lat, lon"``. Required (an
  unknown port is not an error: its legs are ``unverifiable``).
- ``arrival``, ``departure`` (str, or a date / datetime / timestamp in a
  frame): strictly ISO 8601 (see :mod:`voyages._isotime`): ``2025-01-08``,
  ``2025-01-08T14:30``, ``2025-01-08 14:30:00``, each time optionally with
  ``Z`` or an offset (``+03:00``). A time with an offset (or a
  timezone-aware timestamp) is that instant; a date and time without an
  offset is read as UTC; a date alone means the whole local day at the
  port (the port's time zone; UTC when the port is unknown). ``01/02/2025``,
  ``2/1/25``, ``1 Feb 2025``, ``20250108``, numbers and impossible dates or
  times (``2025-02-30``, ``25:00``) are refused, never guessed. Either may
  be empty, not both; the departure may not be before the arrival, and a
  vessel may not reach its next call before leaving the previous one.
- ``type`` (str): vessel type for the speed envelope (``general_cargo``,
  ``ro_ro``, ...); empty means unknown (legs unverifiable).
- ``service_speed_kn`` (float, optional): narrows the envelope.

Output columns (:data:`LEG_COLUMNS`), one row per leg, in vessel and time
order: ``vessel`` (str), ``from_port``, ``to_port`` (str, resolved labels
or the text given), ``start_earliest``, ``start_latest``,
``end_earliest``, ``end_latest`` (datetime64[ns, UTC]), ``distance_nm``,
``elapsed_h_min``, ``elapsed_h_max``, ``feasible_h_min``,
``feasible_h_max``, ``implied_speed_kn_min``, ``implied_speed_kn_max``,
``unexplained_days`` (float64, NaN where not computable), ``verdict``
(categorical of the four verdict words), ``reason`` (str).
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyages._daterange import year_problem
from voyages._isotime import EXAMPLES, parse_iso
from voyages.errors import DataFileError, InputError, RouteError, UnknownPlaceError
from voyages.findings import Verdict

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CALL_COLUMNS", "LEG_COLUMNS", "check_port_calls"]

CALL_COLUMNS = ("vessel", "port", "arrival", "departure", "type")
"""Required input columns (``service_speed_kn`` is optional)."""

LEG_COLUMNS = (
    "vessel", "from_port", "to_port", "start_earliest", "start_latest", "end_earliest",
    "end_latest", "distance_nm", "elapsed_h_min", "elapsed_h_max", "feasible_h_min",
    "feasible_h_max", "implied_speed_kn_min", "implied_speed_kn_max", "unexplained_days",
    "verdict", "reason",
)

def _interval(value: Any, tz_name: str | None, where: str) -> tuple[datetime, datetime] | None:
    """A reported call time as a UTC interval (see the module docstring); None when empty."""
    import numpy as np
    import pandas as pd

    if _missing(value):
        return None
    shown = value
    if isinstance(value, str):
        shown = value.strip()
        if not shown:
            return None
        try:
            value = parse_iso(shown)
        except ValueError as err:
            raise InputError(f"{where}: {shown!r}: {err}") from None
    elif isinstance(value, np.datetime64):
        value = pd.Timestamp(value).to_pydatetime()
    elif not isinstance(value, date):  # numbers and the like: never guess an epoch or a format
        raise InputError(f"{where}: expected an ISO 8601 date or time ({EXAMPLES}), "
                         f"got {value!r} ({type(value).__name__})")
    _in_range(value.year, shown, where)
    if not isinstance(value, datetime):  # a date alone: the whole local day at the port
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(tz_name) if tz_name else UTC
        start = datetime.combine(value, time(0), tzinfo=zone)
        return (start.astimezone(UTC),
                datetime.combine(value + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC))
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    instant = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return instant, instant


def _in_range(year: int, value: Any, where: str) -> None:
    problem = year_problem(year)
    if problem:
        raise InputError(f"{where}: {value!r}: {problem}")


def _speed(value: Any, where: str) -> float | None:
    """``service_speed_kn`` as a float above 0 and at most the fastest ship's
    (:func:`voyages.speeds.service_speed_problem`), None when empty."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        speed = float(text)
    except ValueError:
        raise InputError(f"{where}: expected a speed in knots such as 12.5, got {text!r}") from None
    from voyages.speeds import service_speed_problem

    problem = service_speed_problem(speed)
    if problem:
        raise InputError(f"{where}: {problem}")
    return speed


def _text(value: Any) -> str:
    """A cell as stripped text; empty for None, NaN and NaT."""
    return "" if _missing(value) else str(value).strip()


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pd.NA (a frame's empty cell)."""
    import pandas as pd

    if value is None or isinstance(value, str):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or other container: not a missing scalar
        return False


def _shown(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _check_order(name: str, vessel: str, a: dict, b: dict) -> None:
    """Refuse a vessel reported at its next call before it left the previous one.

    ``a`` and ``b`` are consecutive calls in arrival order. The leg's start
    is ``a``'s departure (else arrival) and its end ``b``'s arrival (else
    departure); when the end's latest instant is before the start's
    earliest, the table contradicts itself and no leg can be judged.
    """
    start_col = "departure" if a["departure"] is not None else "arrival"
    end_col = "arrival" if b["arrival"] is not None else "departure"
    if b[end_col][1] >= a[start_col][0]:
        return
    raise InputError(
        f"{name}: {a['line']} and {b['line']}: {vessel!r} is at {b['port']!r} ({b['line']} "
        f"{end_col} {_shown(b['row'][end_col])!r}) before leaving {a['port']!r} ({a['line']} "
        f"{start_col} {_shown(a['row'][start_col])!r}); calls of one vessel must not overlap")


def _label(call: dict) -> str:
    place = call["place"]
    return call["port"] if isinstance(place, Exception) else place.label


def _read(path_or_frame) -> tuple[pd.DataFrame, str]:
    import pandas as pd

    if isinstance(path_or_frame, pd.DataFrame):
        return path_or_frame.copy(), "port calls"
    from voyages._opener import corrupt_gzip, open_binary, open_text, sniff_delimiter, text_encoding

    path = Path(path_or_frame)
    # decoded like an AIS CSV: UTF-8 (BOM or not), UTF-16 by its BOM, else Windows-1252 with a
    # warning; ',' ';' tab or '|' separated, as the header line shows
    encoding = text_encoding(path, "port-call table")
    with corrupt_gzip(path), open_text(path, encoding.codec, encoding.errors) as fh:
        delimiter = sniff_delimiter(fh.readline())
    try:
        with corrupt_gzip(path), open_binary(path) as fh:
            frame = pd.read_csv(fh, sep=delimiter, dtype=str, keep_default_na=False,
                                skip_blank_lines=False, encoding=encoding.codec,
                                encoding_errors=encoding.errors)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataFileError(f"{path}: cannot read as CSV: {err}") from err
    return frame, str(path)


def _match_columns(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Headers matched without regard to case and surrounding spaces (``Vessel``, `` port``)."""
    known = (*CALL_COLUMNS, "service_speed_kn")
    renames: dict[Any, str] = {}
    for column in frame.columns:
        folded = str(column).strip().lower()
        if folded in known and column != folded:
            renames[column] = folded
    if not renames:
        return frame
    seen: dict[str, list[str]] = {}
    for column in frame.columns:
        folded = renames.get(column, column)
        if folded in known:
            seen.setdefault(folded, []).append(str(column))
    for folded, given in seen.items():
        if len(given) > 1:
            raise DataFileError(f"{name}: columns {', '.join(repr(g) for g in given)} all read as "
                                f"{folded!r}; keep one")
    return frame.rename(columns=renames)


def check_port_calls(path_or_frame, *, progress: bool | None = None) -> pd.DataFrame:
    """Judge every sea leg implied by a table of port calls.

    Parameters
    ----------
    path_or_frame : str, Path or pandas.DataFrame
        A CSV file or a frame with :data:`CALL_COLUMNS` (see the module
        docstring for types). The caller's frame is not modified.
    progress : bool or None
        Progress bar on stderr while routing; None shows it when stderr is
        a terminal and there are more than 20 distinct port pairs.

    Returns
    -------
    pandas.DataFrame
        One row per leg with :data:`LEG_COLUMNS`. A leg whose port is
        unknown, unreachable by sea or whose type has no sourced speed is
        ``unverifiable`` with the reason; the run goes on.

    Warns
    -----
    VoyagesWarning
        The file is not UTF-8 and is read as Windows-1252 (names the file
        and the first line that is not UTF-8).

    Raises
    ------
    DataFileError
        A missing column (named with the file), two headers that differ
        only in case or spaces, an unreadable CSV, a UTF-16 file that does
        not decode (with its line).
    InputError
        One line naming the file (``port calls`` for a frame), the row (as
        a spreadsheet numbers it, the header being row 1; a frame's index
        label) and the column(s): a time that is not strict ISO 8601 or
        outside years 1800-2200, both times empty, an empty vessel or port,
        a departure before its arrival, overlapping calls of one vessel, a
        bad ``service_speed_kn``.
    FileNotFoundError
        The file does not exist.

    Examples
    --------
    >>> import pandas as pd
    >>> calls = pd.DataFrame({
    ...     "vessel": ["Adler", "Adler"], "port": ["RUMMK", "GNCKY"],
    ...     "arrival": ["", "2025-01-08"], "departure": ["2024-12-14", "2025-01-12"],
    ...     "type": ["ro_ro", "ro_ro"]})
    >>> legs = check_port_calls(calls)
    >>> legs.loc[0, ["from_port", "to_port", "verdict"]].tolist()
    ['Murmansk (RUMMK)', 'Conakry (GNCKY)', 'consistent']
    """
    import numpy as np
    import pandas as pd
    from tqdm import tqdm

    from voyages.checks.sea_timing import distance_uncertainty
    from voyages.places import resolve_place
    from voyages.records import Vessel
    from voyages.sea import sea_route
    from voyages.speeds import envelope_for
    from voyages.timing import judge_leg

    frame, name = _read(path_or_frame)
    frame = _match_columns(frame, name)
    missing = [c for c in CALL_COLUMNS if c not in frame.columns]
    if missing:
        raise DataFileError(f"{name}: missing column(s) {', '.join(missing)}; "
                            f"expected {', '.join(CALL_COLUMNS)}")

    places: dict[str, Any] = {}

    def place_of(text: str):
        key = str(text).strip()
        if key not in places:
            try:
                places[key] = resolve_place(key)
            except UnknownPlaceError as err:
                places[key] = err
        return places[key]

    calls = []
    from_file = name != "port calls"
    for i, row in enumerate(frame.to_dict("records")):
        # A file's row as a spreadsheet numbers it (the header is row 1); a frame's index label.
        line = f"row {i + 2}" if from_file else f"index {frame.index[i]!r}"
        cells = {c: _text(row.get(c)) for c in ("vessel", "port", "type")}
        if from_file and not any(_text(v) for v in row.values()):
            continue  # a blank line
        for column in ("vessel", "port"):
            if not cells[column]:
                raise InputError(f"{name}: {line}: {column}: empty; every call needs its {column}")
        place = place_of(cells["port"])
        tz = place.tz if not isinstance(place, Exception) else None
        arrival = _interval(row["arrival"], tz, f"{name}: {line}: arrival")
        departure = _interval(row["departure"], tz, f"{name}: {line}: departure")
        if arrival is None and departure is None:
            raise InputError(f"{name}: {line}: arrival, departure: both empty; give at least one")
        if arrival is not None and departure is not None and arrival[0] > departure[1]:
            raise InputError(f"{name}: {line}: arrival, departure: the departure "
                             f"{_shown(row['departure'])!r} is before the arrival "
                             f"{_shown(row['arrival'])!r}")
        speed = _speed(row.get("service_speed_kn"), f"{name}: {line}: service_speed_kn")
        problem = f"{line}: port: {place}" if isinstance(place, Exception) else ""
        calls.append({"vessel": cells["vessel"], "port": cells["port"],
                      "place": place, "problem": problem, "arrival": arrival,
                      "departure": departure, "line": line, "row": row,
                      "type": cells["type"] or None, "speed": speed})

    legs = []
    by_vessel: dict[str, list[dict]] = {}
    for call in calls:
        by_vessel.setdefault(call["vessel"], []).append(call)
    for vessel, vessel_calls in by_vessel.items():
        vessel_calls.sort(key=lambda c: (c["arrival"] or c["departure"])[0])
        for a, b in zip(vessel_calls[:-1], vessel_calls[1:], strict=True):
            _check_order(name, vessel, a, b)
            legs.append((vessel, a, b))

    pairs = {(a["port"], b["port"]) for _, a, b in legs}
    routes: dict[tuple[str, str], Any] = {}
    show = progress if progress is not None else (sys.stderr.isatty() and len(pairs) > 20)
    for key in tqdm(sorted(pairs), disable=not show, file=sys.stderr, desc="sea routes",
                    unit="pair"):
        pa, pb = place_of(key[0]), place_of(key[1])
        if isinstance(pa, Exception) or isinstance(pb, Exception):
            routes[key] = pa if isinstance(pa, Exception) else pb
            continue
        try:
            routes[key] = sea_route(pa, pb)
        except RouteError as err:
            routes[key] = err

    rows = []
    for vessel, a, b in legs:
        start = a["departure"] or a["arrival"]
        end = b["arrival"] or b["departure"]
        route = routes[(a["port"], b["port"])]
        envelope = envelope_for(Vessel(id=vessel, name=vessel, type=a["type"] or b["type"],
                                       service_speed_kn=a["speed"] or b["speed"]))
        reason = ""
        if isinstance(route, Exception):
            reason = a["problem"] or b["problem"] or str(route)
            distance = None
        else:
            distance = route.distance_nm
            if not envelope.known:
                reason = f"no sourced speed: {envelope.source}"
        timing = judge_leg(start[0], start[1], end[0], end[1], distance=distance,
                           envelope=envelope.timing(), unverifiable_reason=reason,
                           distance_uncertainty=(0.0 if distance is None
                                                 else distance_uncertainty(distance)))
        rows.append({
            "vessel": vessel, "from_port": _label(a), "to_port": _label(b),
            "start_earliest": start[0], "start_latest": start[1],
            "end_earliest": end[0], "end_latest": end[1],
            "distance_nm": distance, "elapsed_h_min": timing.elapsed_h_min,
            "elapsed_h_max": timing.elapsed_h_max, "feasible_h_min": timing.feasible_h_min,
            "feasible_h_max": timing.feasible_h_max,
            "implied_speed_kn_min": timing.implied_speed_min,
            "implied_speed_kn_max": timing.implied_speed_max,
            "unexplained_days": timing.unexplained_days,
            "verdict": timing.verdict.value, "reason": timing.reason,
        })
    out = pd.DataFrame(rows, columns=list(LEG_COLUMNS))
    for column in ("start_earliest", "start_latest", "end_earliest", "end_latest"):
        out[column] = pd.to_datetime(out[column], utc=True).astype("datetime64[ns, UTC]")
    numeric = [c for c in LEG_COLUMNS if c.endswith(("_nm", "_min", "_max", "_days"))
               and not c.startswith(("start", "end"))]
    for column in numeric:
        out[column] = pd.to_numeric(out[column], errors="coerce").astype(np.float64)
    out["verdict"] = pd.Categorical(out["verdict"], categories=[v.value for v in Verdict])
    return out
