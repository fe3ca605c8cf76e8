"""What the AIS files and cable routes given with a case add to its map and report.

Shared by :mod:`voyages.plot` (the map's layers) and :mod:`voyages.report`
(its "AIS" section). Everything is computed from the files the checks
already read through the same :class:`voyages.checks.CheckContext`
(``context.memo``), so no file is read twice and the map shows the very
positions the findings judged:

- each case vessel matched to exactly one MMSI
  (:func:`voyages.checks.ais_claims.match_vessels`, as the ``ais_match``
  finding says) and its track;
- the AIS silences the ``ais_gaps`` check reports for it
  (:func:`voyages.checks.ais_claims.reported_gaps`);
- the cable and pipeline routes of ``--cables`` and of the case's
  ``[[cables]]`` (:func:`voyages.checks.cables.route_sets`), and the
  matched vessels' passages over or near them
  (:func:`voyages.ais.cable_crossings`, default thresholds);
- the encounters (:func:`voyages.ais.encounters`, Global Fishing Watch's
  definition) in which a matched vessel takes part, searched over every
  vessel in the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from voyages.records import Case

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AisLayers", "VesselTrack", "ais_layers"]

MATCHED_BY = {"mmsi": "MMSI", "imo": "IMO number", "name": "name"}
"""How ``match_vessels``' ``how`` reads in the report."""


@dataclass(frozen=True, eq=False)
class VesselTrack:
    """One case vessel matched to one MMSI, and its track.

    Attributes
    ----------
    vessel_id, name : str
        The case's vessel.
    mmsi : int
    matched_by : str
        ``"mmsi"``, ``"imo"`` or ``"name"``.
    positions : pandas.DataFrame
        The vessel's positions sorted by time (``mmsi``, ``time``
        datetime64[ns, UTC], ``lat``, ``lon``, ``sog_kn`` …).
    gaps : pandas.DataFrame
        The silences the ``ais_gaps`` check reports (columns of
        :func:`voyages.ais.gaps`).
    """

    vessel_id: str
    name: str
    mmsi: int
    matched_by: str
    positions: pd.DataFrame
    gaps: pd.DataFrame


@dataclass(frozen=True, eq=False)
class AisLayers:
    """The AIS and cable layers of a case's map and report.

    Attributes
    ----------
    files : tuple of str
        The AIS files given (empty when only routes were given).
    tracks : tuple of VesselTrack
        Matched vessels, in the case file's order.
    unmatched : tuple of (str, str)
        (vessel name, why it has no track) for the others.
    routes : pandas.DataFrame
        Every route of the route sets (:data:`voyages.cables.ROUTE_COLUMNS`).
    route_files : tuple of str
        Labels of the route sets (file paths, ``case file [[cables]]``).
    crossings : pandas.DataFrame
        Passages of the matched vessels over or near the routes
        (:data:`voyages.ais.cables.CROSSING_COLUMNS`).
    encounters : pandas.DataFrame
        Encounters with a matched vessel
        (:data:`voyages.ais.encounters.ENCOUNTER_COLUMNS`), plus ``vessel``
        (the matched vessel's name), ``other_mmsi`` (int) and
        ``other_name`` (str, from the static messages, "" when none).
    """

    files: tuple[str, ...]
    tracks: tuple[VesselTrack, ...]
    unmatched: tuple[tuple[str, str], ...]
    routes: pd.DataFrame
    route_files: tuple[str, ...]
    crossings: pd.DataFrame
    encounters: pd.DataFrame

    def vessel_name(self, mmsi: int) -> str:
        """The case's name of a matched MMSI ("MMSI n" for any other)."""
        for track in self.tracks:
            if track.mmsi == int(mmsi):
                return track.name
        return f"MMSI {int(mmsi)}"


def ais_layers(case: Case, context) -> AisLayers | None:
    """The AIS and cable layers for a case, from the files its checks read.

    Parameters
    ----------
    case : Case
    context : CheckContext or None
        Its ``ais_files`` and ``cable_routes`` (read through
        ``context.memo``: after :func:`voyages.checks.run_checks` with the
        same context, nothing is read again).

    Returns
    -------
    AisLayers or None
        None when the context gives no AIS file and no route file: the map
        and report are then exactly those of the case alone.

    Raises
    ------
    DataFileError
        A file that is missing, not AIS data, or holds no route.
    """
    import pandas as pd

    from voyages import ais
    from voyages.ais.cables import CROSSING_COLUMNS
    from voyages.ais.encounters import ENCOUNTER_COLUMNS
    from voyages.checks import ais_claims
    from voyages.checks.cables import route_sets

    files = tuple(str(p) for p in (getattr(context, "ais_files", ()) or ()))
    if not files and not tuple(getattr(context, "cable_routes", ()) or ()):
        return None
    sets = route_sets(case, context)
    routes = (pd.concat([frame for _, frame in sets], ignore_index=True) if sets
              else pd.DataFrame(columns=["route_id", "name", "geometry", "schematic",
                                         "uncertainty_nm", "source"]))
    tracks: list[VesselTrack] = []
    unmatched: list[tuple[str, str]] = []
    crossings = pd.DataFrame(columns=list(CROSSING_COLUMNS))
    found = pd.DataFrame(columns=[*ENCOUNTER_COLUMNS, "vessel", "other_mmsi", "other_name"])
    if files:
        positions, static = ais_claims.read_ais(context)
        matches = ais_claims.match_vessels(case, positions, static)
        for vessel in case.vessels.values():
            mmsis, how = matches[vessel.id]
            if len(mmsis) != 1:
                unmatched.append((vessel.name, (
                    f"matches {len(mmsis)} MMSIs by {MATCHED_BY.get(how, how)} "
                    f"({', '.join(map(str, mmsis))}): ambiguous, no track drawn") if mmsis
                    else "not in the AIS data"))
                continue
            track = positions[positions["mmsi"] == mmsis[0]].sort_values("time", kind="stable")
            if track.empty:  # every position of it without a time
                unmatched.append((vessel.name, ais_claims.untimed_reason(positions, mmsis[0])
                                  or "no position with a time in the AIS data"))
                continue
            tracks.append(VesselTrack(vessel.id, vessel.name, int(mmsis[0]), how,
                                      track.reset_index(drop=True),
                                      ais_claims.reported_gaps(case, vessel, track)
                                      .reset_index(drop=True)))
        matched = [t.mmsi for t in tracks]
        if matched and len(routes):
            crossings = ais.cable_crossings(
                pd.concat([t.positions for t in tracks], ignore_index=True), routes)
        if matched and len(positions):
            found = _encounters(positions, static, matched, {t.mmsi: t.name for t in tracks})
    return AisLayers(files, tuple(tracks), tuple(unmatched), routes,
                     tuple(label for label, _ in sets), crossings, found)


def _encounters(positions: pd.DataFrame, static: pd.DataFrame | None, matched: list[int],
                names: dict[int, str]) -> pd.DataFrame:
    """Encounters in which a matched vessel takes part, with the other vessel named."""
    from voyages import ais

    found = ais.encounters(positions)
    found = found[found["mmsi_1"].isin(matched) | found["mmsi_2"].isin(matched)].copy()
    first = found["mmsi_1"].isin(matched)
    found["vessel"] = [names[int(m)] for m in found["mmsi_1"].where(first, found["mmsi_2"])]
    found["other_mmsi"] = found["mmsi_2"].where(first, found["mmsi_1"]).astype("int64")
    static_names: dict[int, str] = {}
    if static is not None and len(static) and "name" in static:
        for mmsi, name in zip(static["mmsi"], static["name"], strict=True):
            if isinstance(name, str) and name.strip():
                static_names.setdefault(int(mmsi), name.strip())
    found["other_name"] = [names.get(int(m)) or static_names.get(int(m), "")
                           for m in found["other_mmsi"]]
    return found.reset_index(drop=True)
