"""Transshipment: how long it takes to get cargo off a ship and onto the road.

Sources
-------
- Discharge at Conakry's conventional terminal: "De 40 jours à 12 pour
  décharger un navire de 40 000 tonnes" (afrimag.net, "Guinée : Alport
  Conakry dévoile sa logistique au gouvernement", 2022, after two 150 t
  mobile cranes), i.e. 1,000 to 3,333 t a day.
- Ro-ro at Conakry: 7,500 vehicles handled in March 2021, Conakry
  Terminal's record month (mediaguinee.org, "Conakry Terminal : mars 2021,
  le mois de tous les records"), about 242 a day port-wide.

Not sourced, so not modelled: the time to form up a convoy after discharge
(customs, fuelling, loading onto trucks); checks count it as zero and say so.
"""

from __future__ import annotations

import math

__all__ = [
    "CONAKRY_DISCHARGE_T_PER_DAY",
    "CONAKRY_RORO_VEHICLES_PER_DAY",
    "DISCHARGE_SOURCE",
    "discharge_days",
    "port_facilities_frame",
    "roro_days",
]

DISCHARGE_SOURCE = ("afrimag.net (2022): Alport Conakry discharges a 40,000 t ship in 12 days "
                    "(40 days before its 2022 mobile cranes)")

CONAKRY_DISCHARGE_T_PER_DAY = (40_000 / 40, 40_000 / 12)
"""General cargo discharged a day at Conakry's conventional terminal, t/day:
before and after the 2022 mobile cranes (afrimag.net, 2022)."""

CONAKRY_RORO_VEHICLES_PER_DAY = 7_500 / 31
"""Vehicles handled a day at Conakry in March 2021, the record month (mediaguinee.org)."""


def discharge_days(mass_t: float, rate_t_per_day: tuple[float, float] = CONAKRY_DISCHARGE_T_PER_DAY
                   ) -> tuple[float, float]:
    """Days to discharge ``mass_t`` tonnes of general cargo: (fastest, slowest).

    Raises
    ------
    ValueError
        For a negative mass or rates not ``0 < slow <= fast``.

    >>> [round(d, 2) for d in discharge_days(1182.0)]
    [0.35, 1.18]
    """
    slow, fast = rate_t_per_day
    if mass_t < 0 or not math.isfinite(mass_t):
        raise ValueError(f"cargo mass must be finite and >= 0 t, got {mass_t}")
    if not 0 < slow <= fast:
        raise ValueError(f"discharge rates must satisfy 0 < slow <= fast t/day, got {slow}, {fast}")
    return mass_t / fast, mass_t / slow


def roro_days(vehicles: int) -> float:
    """Days to roll off ``vehicles`` at Conakry's record-month pace (a fastest estimate).

    The record month's daily average is a port-wide throughput: a single
    ship can be slower; no slowest figure was found, so only this bound is
    given.

    >>> round(roro_days(100), 2)
    0.41
    """
    if vehicles < 0:
        raise ValueError(f"vehicle count must be >= 0, got {vehicles}")
    return vehicles / CONAKRY_RORO_VEHICLES_PER_DAY


def port_facilities_frame():
    """What the bundled ports offer (``ports/port_facilities.csv``), each row sourced.

    Returns
    -------
    pandas.DataFrame
        Columns ``place``, ``facility``, ``value``, ``unit``, ``period``,
        ``source`` (all str, as written in the file).

    Raises
    ------
    DataFileError
        When a row has no source.
    """
    import pandas as pd

    from voyages._data import data_dir
    from voyages.errors import DataFileError

    path = data_dir("ports") / "port_facilities.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = frame.index[frame["source"].str.strip() == ""]
    if len(missing):
        raise DataFileError(f"{path}: line {missing[0] + 2}: source: every row needs its source")
    return frame
