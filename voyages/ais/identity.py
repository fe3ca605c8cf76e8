"""Identity anomalies in AIS data: what an MMSI, a name or an IMO number should not do.

:func:`identity_anomalies` reports, per MMSI:

- ``mmsi_format``: not a 9-digit ship-station MMSI (first digit 2–7,
  ITU-R M.585);
- ``mid_unknown``: Maritime Identification Digits not in the ITU table
  (``voyages/ais/data/mid.csv``, source in the README beside it);
- ``mid_flag_mismatch``: the MID belongs to another country than the flag
  the caller gives (from a case file or a register);
- ``two_places``: consecutive positions whose implied speed is beyond any
  ship — one MMSI in two places at once (shared, cloned or spoofed);
- ``name_change``, ``imo_change``, ``call_sign_change``: the static
  messages of one MMSI give different values within the file;
- ``imo_check_digit``: an IMO number that is not a valid ship IMO number
  (7 digits, ship check digit): the rule case files apply,
  :func:`voyages.identifiers.vessel_imo_problem`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from voyages._validate import check_number
from voyages.ais._frame import (
    metres_per_degree,
    require_positions,
    seconds,
    sorted_track,
    wrap_dlon,
)
from voyages.ais.columns import require_timezone
from voyages.errors import InputError
from voyages.identifiers import flag_problem, vessel_imo_problem
from voyages.speeds import FASTEST_SHIP_KN
from voyages.units import NM_M

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ANOMALY_COLUMNS",
    "MAX_SHIP_SPEED_KN",
    "MIN_JUMP_NM",
    "identity_anomalies",
    "mid_country",
    "mid_table",
]

MAX_SHIP_SPEED_KN = FASTEST_SHIP_KN
"""Implied speeds above this, in knots, are beyond any ship
(:data:`voyages.speeds.FASTEST_SHIP_KN`, 60 kn: the Skjold-class corvettes;
the fastest ferry, HSC Francisco, reached 58.1 kn; Guinness World Records)."""

MIN_JUMP_NM = 1.0
"""Positions closer than this, in nm, are never "two places" (GNSS error is metres)."""

ANOMALY_COLUMNS = ("mmsi", "anomaly", "start", "end", "count", "detail", "values",
                   "implied_speed_kn", "distance_nm")


@functools.cache
def mid_table() -> pd.DataFrame:
    """The ITU Maritime Identification Digits table.

    Returns
    -------
    pandas.DataFrame
        Columns ``mid`` (int), ``iso2``, ``sovereign_iso2``, ``name`` (str);
        several rows may share a MID (306). Source: the ITU MID page, see
        ``voyages/ais/data/README.md``.
    """
    import pandas as pd

    with resources.files("voyages.ais").joinpath("data/mid.csv").open(encoding="utf-8") as f:
        return pd.read_csv(f, dtype={"mid": int, "iso2": str, "sovereign_iso2": str,
                                     "name": str}, keep_default_na=False)


def _mid_of(mmsi: int) -> int | None:
    text = str(int(mmsi))
    if len(text) != 9 or text[0] not in "234567":
        return None
    return int(text[:3])


def mid_country(mmsi: int) -> list[dict[str, str]]:
    """The countries or areas an MMSI's MID is allocated to.

    Returns
    -------
    list of dict
        Each with ``mid``, ``iso2``, ``sovereign_iso2``, ``name``; empty when
        the MMSI is not a ship station's or its MID is not in the table.

    Examples
    --------
    >>> [c["iso2"] for c in mid_country(613123456)]
    ['CM']
    >>> mid_country(111111111)
    []
    """
    mid = _mid_of(mmsi)
    if mid is None:
        return []
    table = mid_table()
    return table[table["mid"] == mid].to_dict("records")


def _missing(value) -> bool:
    import pandas as pd

    return value is None or (not isinstance(value, str | bytes) and bool(pd.isna(value)))


def _norm_text(value) -> str | None:
    if _missing(value):
        return None
    text = " ".join(str(value).replace("@", " ").split()).upper()
    return text or None


def _norm_imo(value) -> str | None:
    if _missing(value):
        return None
    text = str(value).strip().upper().removeprefix("IMO").strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text or text.strip("0") == "":
        return None  # 0 = not available in AIS
    return text


def identity_anomalies(
    positions: pd.DataFrame | None = None,
    static: pd.DataFrame | None = None,
    *,
    flags: Mapping[int, str] | None = None,
    max_speed_kn: float = MAX_SHIP_SPEED_KN,
    min_jump_nm: float = MIN_JUMP_NM,
) -> pd.DataFrame:
    """Identity anomalies of the MMSIs in AIS positions and static messages.

    Parameters
    ----------
    positions : pandas.DataFrame, optional
        ``mmsi``, ``time`` (tz-aware), ``lat``, ``lon``.
    static : pandas.DataFrame, optional
        Static and voyage messages: ``mmsi``, ``time`` and any of ``imo``,
        ``name``, ``call_sign``.
    flags : mapping, optional
        Flag state (ISO 3166-1 alpha-2 country code) by MMSI, to compare
        with the MID; MMSIs that are in neither frame are ignored (a whole
        register may be passed).
    max_speed_kn : float
        Implied speed beyond any ship (:data:`MAX_SHIP_SPEED_KN`).
    min_jump_nm : float
        Shortest jump counted (:data:`MIN_JUMP_NM`).

    Returns
    -------
    pandas.DataFrame
        One row per anomaly, columns :data:`ANOMALY_COLUMNS`: ``mmsi``
        (int), ``anomaly`` (str, one of the kinds in the module docstring),
        ``start``/``end`` (UTC or NaT), ``count`` (int, occurrences),
        ``detail`` (str, one line), ``values`` (list of str: the values seen,
        in time order), ``implied_speed_kn`` and ``distance_nm`` (the
        largest jump, for ``two_places``; NaN otherwise).

    Raises
    ------
    InputError
        When neither frame is given, a frame lacks its columns or has a
        naive ``time`` column, ``max_speed_kn`` is not a finite number > 0
        (``min_jump_nm`` >= 0), or a flag is not a country code
        (:func:`voyages.identifiers.flag_problem`: ``ZZ`` is refused as in
        case files).

    Examples
    --------
    >>> import pandas as pd
    >>> static = pd.DataFrame({"mmsi": [613000001, 613000001],
    ...     "time": pd.to_datetime(["2025-01-01", "2025-01-02"], utc=True),
    ...     "imo": ["9329760", "9329761"], "name": ["SHUNXIN39", "SHUN XIN 39"]})
    >>> identity_anomalies(static=static, flags={613000001: "CM"})["anomaly"].tolist()
    ['imo_change', 'imo_check_digit', 'name_change']
    """
    import pandas as pd

    if positions is None and static is None:
        raise InputError("identity anomalies need positions, static messages or both")
    check_number("max_speed_kn", max_speed_kn, above=True)
    check_number("min_jump_nm", min_jump_nm)
    rows: list[dict] = []
    mmsis: set[int] = set()
    if positions is not None:
        require_positions(positions)
        mmsis |= set(int(m) for m in pd.unique(positions["mmsi"]))
        rows.extend(_jumps(positions, max_speed_kn, min_jump_nm))
    if static is not None:
        missing = [c for c in ("mmsi", "time") if c not in static.columns]
        if missing:
            raise InputError(f"static: missing column(s) {', '.join(missing)}")
        require_timezone(static, what="static")
        mmsis |= set(int(m) for m in pd.unique(static["mmsi"]))
        rows.extend(_static_changes(static))
    flags = {int(k): str(v).strip().upper() for k, v in (flags or {}).items() if v}
    for mmsi, code in flags.items():
        problem = flag_problem(code)
        if problem:
            raise InputError(f"flags[{mmsi}]: {problem}")
    for mmsi in sorted(mmsis):
        rows.extend(_mid_rows(mmsi, flags.get(mmsi)))
    frame = pd.DataFrame(rows, columns=list(ANOMALY_COLUMNS))
    for col in ("start", "end"):
        frame[col] = pd.to_datetime(frame[col], utc=True)
    frame["count"] = frame["count"].astype(int)
    return frame.sort_values(["mmsi", "anomaly", "start"], kind="stable",
                             na_position="first").reset_index(drop=True)


def _row(mmsi, anomaly, detail, *, start=None, end=None, count=1, values=(),
         speed=np.nan, distance=np.nan) -> dict:
    return {"mmsi": int(mmsi), "anomaly": anomaly, "start": start, "end": end,
            "count": int(count), "detail": detail, "values": list(values),
            "implied_speed_kn": float(speed), "distance_nm": float(distance)}


def _mid_rows(mmsi: int, flag: str | None) -> list[dict]:
    text = str(mmsi)
    if _mid_of(mmsi) is None:
        return [_row(mmsi, "mmsi_format",
                     f"MMSI {text} is not a 9-digit ship-station MMSI (first digit 2–7, "
                     "ITU-R M.585)", values=[text])]
    countries = mid_country(mmsi)
    if not countries:
        return [_row(mmsi, "mid_unknown",
                     f"MID {text[:3]} of MMSI {text} is not in the ITU MID table",
                     values=[text[:3]])]
    if flag:
        codes = {c["iso2"] for c in countries} | {c["sovereign_iso2"] for c in countries}
        if flag not in codes:
            names = "; ".join(c["name"] for c in countries)
            return [_row(mmsi, "mid_flag_mismatch",
                         f"MID {text[:3]} is allocated to {names} "
                         f"({'/'.join(sorted(codes))}), not the flag given ({flag})",
                         values=[text[:3], flag])]
    return []


def _jumps(positions: pd.DataFrame, max_speed_kn: float, min_jump_nm: float) -> list[dict]:
    import pandas as pd

    track = sorted_track(positions, ("mmsi", "time", "lat", "lon"))
    if len(track) < 2:
        return []
    t = seconds(track["time"])
    lat = track["lat"].to_numpy(float)
    lon = track["lon"].to_numpy(float)
    mmsi = track["mmsi"].to_numpy()
    a = np.flatnonzero(mmsi[:-1] == mmsi[1:])
    b = a + 1
    m_lat, m_lon = metres_per_degree((lat[a] + lat[b]) / 2)
    dist_nm = np.hypot(wrap_dlon(lon[b] - lon[a]) * m_lon, (lat[b] - lat[a]) * m_lat) / NM_M
    dt_h = np.maximum(t[b] - t[a], 1.0) / 3600.0  # same-second reports: 1 s apart at least
    speed = dist_nm / dt_h
    bad = (speed > max_speed_kn) & (dist_nm >= min_jump_nm)
    if not bad.any():
        return []
    frame = pd.DataFrame({"mmsi": mmsi[a][bad], "time": track["time"].to_numpy()[b][bad],
                          "speed": speed[bad], "dist": dist_nm[bad]})
    out = []
    for vessel, group in frame.groupby("mmsi", sort=True):
        worst = group.loc[group["speed"].idxmax()]
        out.append(_row(
            vessel, "two_places",
            f"{len(group)} jump(s) implying more than {max_speed_kn:g} kn (worst "
            f"{worst['dist']:.1f} nm at {worst['speed']:.0f} kn): one MMSI in two places",
            start=group["time"].min(), end=group["time"].max(), count=len(group),
            speed=worst["speed"], distance=worst["dist"]))
    return out


def _static_changes(static: pd.DataFrame) -> list[dict]:
    import pandas as pd

    frame = static.copy()
    frame["time"] = pd.to_datetime(frame["time"], utc=True)
    frame = frame.sort_values(["mmsi", "time"], kind="stable")
    out = []
    fields = (("name", "name_change", _norm_text), ("imo", "imo_change", _norm_imo),
              ("call_sign", "call_sign_change", _norm_text))
    for vessel, group in frame.groupby("mmsi", sort=True):
        for column, kind, norm in fields:
            if column not in group:
                continue
            raw = [(time, norm(v)) for time, v in zip(group["time"], group[column],
                                                      strict=True)]
            present: list[tuple[Any, str]] = [(time, v) for time, v in raw if v is not None]
            changes = [present[i] for i in range(1, len(present))
                       if present[i][1] != present[i - 1][1]]
            if changes:
                seen: list[str] = [present[0][1]] + [v for _, v in changes]
                out.append(_row(vessel, kind,
                                f"{column} changes {len(changes)} time(s): "
                                + " → ".join(seen),
                                start=changes[0][0], end=changes[-1][0], count=len(changes),
                                values=seen))
        if "imo" in group:
            problems = {v: vessel_imo_problem(v) for v in map(_norm_imo, group["imo"])
                        if v is not None}
            bad = sorted(v for v, problem in problems.items() if problem)
            if bad:
                out.append(_row(vessel, "imo_check_digit",
                                "; ".join(str(problems[v]) for v in bad),
                                count=len(bad), values=bad))
    return out
