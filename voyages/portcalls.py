"""Fleet-wide screen of port calls with the timing model.

:func:`check_port_calls` reads a table of port calls (a CSV file or a
DataFrame), forms each vessel's sea legs (departure from one call → arrival
at the next), routes each distinct port pair once with
:func:`voyages.sea.sea_route`, and judges every leg with
:func:`voyages.timing.judge_leg` against the vessel type's speed envelope
(:func:`voyages.speeds.envelope_for`).

Input columns (:data:`CALL_COLUMNS`; extra columns are ignored):

- ``vessel`` (str): name or id; calls are grouped by it.
- ``port`` (str): UN/LOCODE, name or alias, or ``"lat, lon"``.
- ``arrival``, ``departure`` (str or timestamp): ISO 8601. A value with an
  offset or a timezone-aware timestamp is that instant; a date and time
  without an offset is read as UTC; a date alone (``2025-01-08``) means the
  whole local day at the port. Either may be empty, not both.
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

import re
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyages._daterange import year_problem
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

_DATE_ONLY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def _interval(value: Any, tz_name: str | None, where: str) -> tuple[datetime, datetime] | None:
    """A reported call time as a UTC interval (see the module docstring)."""
    import pandas as pd

    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    original = value.strip() if isinstance(value, str) else value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if _DATE_ONLY.match(text):
            try:
                value = date.fromisoformat(text)
            except ValueError as err:
                raise InputError(f"{where}: {text!r} is not a date ({err})") from None
    if isinstance(value, date) and not isinstance(value, datetime):
        _in_range(value.year, original, where)
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(tz_name) if tz_name else UTC
        start = datetime.combine(value, time(0), tzinfo=zone)
        return (start.astimezone(UTC),
                (start + timedelta(days=1)).astimezone(UTC))
    if isinstance(value, str):
        try:  # years outside pandas' range (1677-2262) still parse here, to be named
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            parsed = None  # pandas reads more spellings; its error is below
        if parsed is not None:
            _in_range(parsed.year, value.strip(), where)
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):  # OutOfBoundsDatetime is a ValueError
        raise InputError(f"{where}: expected an ISO 8601 date or time, got {value!r}") from None
    if stamp is pd.NaT:
        return None
    _in_range(stamp.year, value, where)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    instant = stamp.to_pydatetime()
    return instant, instant


def _in_range(year: int, value: Any, where: str) -> None:
    problem = year_problem(year)
    if problem:
        raise InputError(f"{where}: {value!r}: {problem}")


def _speed(value: Any, where: str) -> float | None:
    """``service_speed_kn`` as a positive finite float, None when empty."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        speed = float(text)
    except ValueError:
        raise InputError(f"{where}: expected a speed in knots such as 12.5, got {text!r}") from None
    if not 0 < speed < float("inf"):
        raise InputError(f"{where}: a speed must be a positive number of knots, got {text!r}")
    return speed


def _label(call: dict) -> str:
    place = call["place"]
    return call["port"] if isinstance(place, Exception) else place.label


def _read(path_or_frame) -> tuple[pd.DataFrame, str]:
    import pandas as pd

    if isinstance(path_or_frame, pd.DataFrame):
        return path_or_frame.copy(), "port calls"
    path = Path(path_or_frame)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        raise DataFileError(f"{path}: cannot read as CSV: {err}") from err
    return frame, str(path)


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

    Raises
    ------
    DataFileError
        A missing column (named with the file), an unreadable CSV.
    InputError
        A time that is not ISO 8601 (row and column named).
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
    for i, row in enumerate(frame.to_dict("records")):
        line = i + 2 if name != "port calls" else i
        place = place_of(row["port"])
        tz = place.tz if not isinstance(place, Exception) else None
        arrival = _interval(row["arrival"], tz, f"{name}: row {line}: arrival")
        departure = _interval(row["departure"], tz, f"{name}: row {line}: departure")
        if arrival is None and departure is None:
            raise InputError(f"{name}: row {line}: arrival/departure: give at least one")
        if arrival is not None and departure is not None and arrival[0] > departure[1]:
            raise InputError(f"{name}: row {line}: departure: {row['departure']!r} is before "
                             f"the arrival {row['arrival']!r}")
        speed = _speed(row.get("service_speed_kn"), f"{name}: row {line}: service_speed_kn")
        problem = f"row {line}: port: {place}" if isinstance(place, Exception) else ""
        calls.append({"vessel": str(row["vessel"]).strip(), "port": str(row["port"]).strip(),
                      "place": place, "problem": problem, "arrival": arrival,
                      "departure": departure,
                      "type": str(row["type"]).strip() or None, "speed": speed})

    legs = []
    by_vessel: dict[str, list[dict]] = {}
    for call in calls:
        by_vessel.setdefault(call["vessel"], []).append(call)
    for vessel, vessel_calls in by_vessel.items():
        vessel_calls.sort(key=lambda c: (c["arrival"] or c["departure"])[0])
        for a, b in zip(vessel_calls[:-1], vessel_calls[1:], strict=True):
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
