"""Submarine cable and pipeline routes: reading route files.

Two kinds of file are read, detected from their content:

- the TeleGeography Submarine Cable Map export (``cable-geo.json``): a
  GeoJSON FeatureCollection whose features carry ``properties.id``,
  ``properties.name`` and a MultiLineString; several features may share one
  cable id (TeleGeography draws a cable's planned or out-of-service part as
  a second feature) and are merged by id. These routes are **schematic**:
  drawn for a map, not surveyed.
- any other GeoJSON of lines (FeatureCollection, Feature or bare geometry;
  LineString or MultiLineString), such as OpenStreetMap extracts or the
  Taiwan cable segments of ``smc.peering.tw``. A feature's name is taken
  from ``name``, ``cable_name`` or ``Name``; its id from ``segment_id``,
  ``cable_id``, ``osm_id``, ``id`` or the feature's ``id``.

Every route carries ``uncertainty_nm``, how far the drawn line may lie from
the real cable. Schematic routes default to :data:`SCHEMATIC_UNCERTAINTY_NM`;
other routes to 0 (pass ``uncertainty_nm=`` to say otherwise).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyages.errors import DataFileError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ROUTE_COLUMNS", "SCHEMATIC_UNCERTAINTY_NM", "read_routes", "routes_frame"]

SCHEMATIC_UNCERTAINTY_NM = 7.5
"""How far a schematic (TeleGeography) route may lie from the real cable, in nm.

Basis: the largest *median* offset measured between TeleGeography's routes
and surveyed OpenStreetMap routes of the same cables in the Baltic, 13.8 km
for C-Lion 1 (BCS East-West Interlink 8.8 km, NordBalt 10.6 km), in
``shared/data/cables/README.md`` ("Baltic schematic offsets"); 13.8 km is
7.45 nm, rounded up to 7.5 nm. The same README measures single points much
further off (48 km on C-Lion 1; TeleGeography's TPE line 17 nm from the
2025-01-03 TPE fault position off Taiwan), so a finding near a schematic
route says "within the route's typical offset", never "on the cable".
"""

ROUTE_COLUMNS = ("route_id", "name", "geometry", "schematic", "uncertainty_nm", "source")

_NAME_KEYS = ("name", "cable_name", "Name", "NAME")
_ID_KEYS = ("segment_id", "cable_id", "osm_id", "id", "feature_id")


def _is_telegeography(doc: Mapping[str, Any]) -> bool:
    features = doc.get("features")
    if not isinstance(features, list) or not features:
        return False
    props = [f.get("properties") or {} for f in features[:20] if isinstance(f, Mapping)]
    return bool(props) and all(
        isinstance(p, Mapping) and {"id", "name", "feature_id"} <= set(p) for p in props
    )


def _line_parts(geometry: Any, where: str) -> list[list[tuple[float, float]]]:
    if not isinstance(geometry, Mapping):
        raise DataFileError(f"{where}: geometry is not a GeoJSON object")
    gtype = geometry.get("type")
    coords: Any = geometry.get("coordinates")
    parts: list[Any]
    if gtype == "LineString":
        parts = [coords]
    elif gtype == "MultiLineString":
        if not isinstance(coords, list | None):
            raise DataFileError(f"{where}: MultiLineString coordinates are not a list of lines")
        parts = list(coords or [])
    elif gtype == "GeometryCollection":
        collected: list[list[tuple[float, float]]] = []
        subs = geometry.get("geometries") or []
        if not isinstance(subs, list):
            raise DataFileError(f"{where}: GeometryCollection 'geometries' is not a list")
        for sub in subs:
            collected.extend(_line_parts(sub, where))
        return collected
    else:
        raise DataFileError(f"{where}: geometry type {gtype!r} is not a line; "
                            "expected LineString or MultiLineString")
    out = []
    for part in parts:
        try:
            points = [(float(p[0]), float(p[1])) for p in part]
        except (TypeError, ValueError, IndexError) as err:
            raise DataFileError(f"{where}: coordinates are not [lon, lat] pairs") from err
        for lon, lat in points:
            if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
                raise DataFileError(f"{where}: coordinate ({lon}, {lat}) is outside "
                                    "lon -180..180, lat -90..90 (is the file in WGS84 lon/lat?)")
        if len(points) >= 2:
            out.append(points)
    return out


def _features(doc: Any, name: str) -> list[Mapping[str, Any]]:
    if not isinstance(doc, Mapping):
        raise DataFileError(f"{name}: not a GeoJSON object")
    kind = doc.get("type")
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise DataFileError(f"{name}: FeatureCollection without a 'features' list")
        return features
    if kind == "Feature":
        return [doc]
    if kind in ("LineString", "MultiLineString", "GeometryCollection"):
        return [{"type": "Feature", "properties": {}, "geometry": doc}]
    raise DataFileError(f"{name}: GeoJSON type {kind!r}; expected a FeatureCollection of lines")


def read_routes(path: str | Path, *, uncertainty_nm: float | None = None) -> pd.DataFrame:
    """Read a cable or pipeline route file (TeleGeography ``cable-geo.json`` or GeoJSON lines).

    Parameters
    ----------
    path : str or Path
        A GeoJSON file of lines in WGS84 longitude/latitude.
    uncertainty_nm : float, optional
        How far the drawn routes may lie from the real ones, in nautical
        miles. Default: :data:`SCHEMATIC_UNCERTAINTY_NM` for TeleGeography
        files (schematic), 0 for any other file.

    Returns
    -------
    pandas.DataFrame
        One row per route, columns ``route_id`` (str), ``name`` (str),
        ``geometry`` (shapely LineString or MultiLineString, lon/lat
        degrees), ``schematic`` (bool), ``uncertainty_nm`` (float),
        ``source`` (str, the file name). TeleGeography features sharing an
        id are merged into one row.

    Raises
    ------
    DataFileError
        When the file is empty, binary, not JSON, not GeoJSON, holds no line
        feature, or a feature is not a line (the message names the file and
        the feature).
    FileNotFoundError
        When the file does not exist.

    Examples
    --------
    >>> import json, tempfile, os
    >>> doc = {"type": "FeatureCollection", "features": [{"type": "Feature",
    ...   "properties": {"name": "Test cable"},
    ...   "geometry": {"type": "LineString", "coordinates": [[20, 59], [21, 59]]}}]}
    >>> with tempfile.NamedTemporaryFile("w", suffix=".geojson", delete=False) as f:
    ...     json.dump(doc, f)
    >>> routes = read_routes(f.name)
    >>> r = routes.iloc[0]
    >>> r.route_id, r["name"], bool(r.schematic), float(r.uncertainty_nm)
    ('0', 'Test cable', False, 0.0)
    >>> os.unlink(f.name)
    """
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise DataFileError(f"{path}: empty file; expected a GeoJSON file of cable routes")
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise DataFileError(f"{path}: not a text file (byte {err.start} is not UTF-8); "
                            "expected a GeoJSON file of cable routes") from err
    except json.JSONDecodeError as err:
        # err.msg may end in "at" ("Unterminated string starting at"): the place follows a colon
        raise DataFileError(f"{path}: not JSON ({err.msg}: line {err.lineno} column "
                            f"{err.colno}); "
                            "expected a GeoJSON file of cable routes") from err
    except RecursionError as err:
        raise DataFileError(f"{path}: JSON nested too deeply to be GeoJSON") from err
    features = _features(doc, str(path))
    schematic = _is_telegeography(doc)
    if uncertainty_nm is None:
        uncertainty_nm = SCHEMATIC_UNCERTAINTY_NM if schematic else 0.0
    if uncertainty_nm < 0:
        raise DataFileError(f"{path}: uncertainty must be >= 0 nm, got {uncertainty_nm}")
    merged: dict[str, dict[str, Any]] = {}
    for index, feature in enumerate(features):
        where = f"{path}: features[{index}]"
        if not isinstance(feature, Mapping):
            raise DataFileError(f"{where}: not a GeoJSON Feature")
        geometry = feature.get("geometry")
        if not geometry:
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, Mapping):
            raise DataFileError(f"{where}: 'properties' is not a JSON object")
        parts = _line_parts(geometry, where)
        if not parts:
            continue
        route_id = next((str(props[k]) for k in _ID_KEYS if props.get(k) not in (None, "")),
                        None)
        if schematic:
            route_id = str(props["id"])
        if route_id is None:
            route_id = str(feature.get("id", index))
        name = next((str(props[k]) for k in _NAME_KEYS if props.get(k)), route_id)
        entry = merged.setdefault(route_id, {"name": name, "parts": []})
        entry["parts"].extend(parts)
    if not merged:
        raise DataFileError(f"{path}: no routes in the file ({len(features)} feature(s), none "
                            "with a LineString or MultiLineString geometry)")
    return routes_frame(
        ((rid, e["name"], e["parts"]) for rid, e in merged.items()),
        schematic=schematic, uncertainty_nm=float(uncertainty_nm), source=path.name,
    )


def routes_frame(routes: Iterable[tuple[str, str, list[list[tuple[float, float]]]]], *,
                 schematic: bool = False, uncertainty_nm: float = 0.0,
                 source: str = "") -> pd.DataFrame:
    """Build a routes frame from ``(route_id, name, parts)`` tuples.

    ``parts`` is a list of lines, each a list of ``(lon, lat)`` pairs in
    degrees. Used for routes listed in a case file and in tests.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`read_routes`.

    Examples
    --------
    >>> routes_frame([("c1", "Cable 1", [[(20.0, 59.0), (21.0, 59.0)]])]).shape
    (1, 6)
    """
    import pandas as pd
    import shapely

    rows = []
    for route_id, name, parts in routes:
        geometry = (shapely.LineString(parts[0]) if len(parts) == 1
                    else shapely.MultiLineString(parts))
        rows.append({"route_id": str(route_id), "name": str(name), "geometry": geometry,
                     "schematic": bool(schematic), "uncertainty_nm": float(uncertainty_nm),
                     "source": source})
    return pd.DataFrame(rows, columns=list(ROUTE_COLUMNS))
