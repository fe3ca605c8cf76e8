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

A line drawn across the antimeridian (``[[179.5, 49], [-179.5, 51]]``, a
step of more than 180° of longitude) is split there, as RFC 7946 §3.1.9
asks of the file itself, so it is searched on both sides. Point features
(cable landing points, often mixed into route files) are skipped with one
warning; any other geometry that is not a line is an error.

Every route carries ``uncertainty_nm``, how far the drawn line may lie from
the real cable. Schematic routes default to :data:`SCHEMATIC_UNCERTAINTY_NM`;
other routes to 0 (pass ``uncertainty_nm=`` to say otherwise).
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyages.errors import DataFileError, VoyagesWarning

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ROUTE_COLUMNS", "SCHEMATIC_UNCERTAINTY_NM", "read_routes", "routes_frame",
           "split_at_antimeridian"]

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


_POINT_TYPES = ("Point", "MultiPoint")


def split_at_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A line as parts that never step across the antimeridian.

    Where two consecutive points are more than 180° of longitude apart the
    line is taken the short way, over ±180°, and split there: the first part
    ends on the meridian on its side, the next starts on the other side at
    the same latitude (interpolated linearly in longitude and latitude, as
    the drawn segment is read everywhere else). Parts of fewer than two
    distinct points are dropped.

    Parameters
    ----------
    points : list of (lon, lat)
        Degrees, longitudes in -180..180.

    Returns
    -------
    list of lists of (lon, lat)

    Examples
    --------
    >>> split_at_antimeridian([(179.5, 49.0), (-179.5, 51.0)])
    [[(179.5, 49.0), (180.0, 50.0)], [(-180.0, 50.0), (-179.5, 51.0)]]
    >>> split_at_antimeridian([(20.0, 59.0), (21.0, 59.0)])
    [[(20.0, 59.0), (21.0, 59.0)]]
    """
    parts: list[list[tuple[float, float]]] = [[points[0]]] if points else []
    for (lon1, lat1), (lon2, lat2) in zip(points, points[1:], strict=False):
        if abs(lon2 - lon1) > 180.0:
            edge = math.copysign(180.0, lon1)  # the meridian on the first point's side
            lon2_unwrapped = lon2 + 360.0 if lon1 > lon2 else lon2 - 360.0
            step = lon2_unwrapped - lon1
            frac = (edge - lon1) / step if step else 0.0
            lat = lat1 + frac * (lat2 - lat1)
            if parts[-1][-1] != (edge, lat):
                parts[-1].append((edge, lat))
            parts.append([(-edge, lat)])
        parts[-1].append((lon2, lat2))
    if len(parts) > 1:  # a piece that is only the split point on one side says nothing
        parts = [part for part in parts if len(set(part)) >= 2]
    return [part for part in parts if len(part) >= 2]


def _line_parts(geometry: Any, where: str, skipped: list[str] | None = None,
                ) -> list[list[tuple[float, float]]]:
    """A geometry's lines as lists of (lon, lat).

    Point geometries give no lines and are appended to ``skipped`` (where
    given; an error otherwise).
    """
    if not isinstance(geometry, Mapping):
        raise DataFileError(f"{where}: geometry is not a GeoJSON object")
    gtype = geometry.get("type")
    coords: Any = geometry.get("coordinates")
    parts: list[Any]
    if gtype in _POINT_TYPES and skipped is not None:
        skipped.append(where)
        return []
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
            collected.extend(_line_parts(sub, where, skipped))
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
        id are merged into one row; lines are split at the antimeridian
        (:func:`split_at_antimeridian`).

    Raises
    ------
    DataFileError
        When the file is empty, binary, not JSON, not GeoJSON, holds no line
        feature, or a feature is neither a line nor a point (the message
        names the file and the feature).
    FileNotFoundError
        When the file does not exist.

    Warns
    -----
    VoyagesWarning
        When Point or MultiPoint features (landing points) were skipped:
        one warning naming how many.

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
    if not (math.isfinite(uncertainty_nm) and uncertainty_nm >= 0):
        raise DataFileError(f"{path}: uncertainty must be a finite number >= 0 nm, "
                            f"got {uncertainty_nm}")
    merged: dict[str, dict[str, Any]] = {}
    points: list[str] = []
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
        parts = _line_parts(geometry, where, points)
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
        only_points = f", {len(set(points))} of them points" if points else ""
        raise DataFileError(f"{path}: no routes in the file ({len(features)} feature(s)"
                            f"{only_points}, none with a LineString or MultiLineString "
                            "geometry)")
    if points:
        points = list(dict.fromkeys(points))  # a GeometryCollection may hold several
        warnings.warn(f"{path}: {len(points)} Point feature(s) skipped (landing points?; "
                      f"the first is {points[0].rsplit(': ', 1)[-1]}); only lines are "
                      "routes", VoyagesWarning, stacklevel=2)
    return routes_frame(
        ((rid, e["name"], e["parts"]) for rid, e in merged.items()),
        schematic=schematic, uncertainty_nm=float(uncertainty_nm), source=path.name,
    )


def routes_frame(routes: Iterable[tuple[str, str, list[list[tuple[float, float]]]]], *,
                 schematic: bool = False, uncertainty_nm: float = 0.0,
                 source: str = "") -> pd.DataFrame:
    """Build a routes frame from ``(route_id, name, parts)`` tuples.

    ``parts`` is a list of lines, each a list of ``(lon, lat)`` pairs in
    degrees; a line that steps across the antimeridian is split there
    (:func:`split_at_antimeridian`). Used for routes listed in a case file
    and in tests.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`read_routes`.

    Examples
    --------
    >>> routes_frame([("c1", "Cable 1", [[(20.0, 59.0), (21.0, 59.0)]])]).shape
    (1, 6)
    """
    import numpy as np
    import pandas as pd
    import shapely

    ids, names, drawn_parts, part_route = [], [], [], []
    for route_id, name, drawn in routes:
        ids.append(str(route_id))
        names.append(str(name))
        for part in drawn:
            drawn_parts.append(list(part))
            part_route.append(len(ids) - 1)
    # one shapely call for all the lines (a route file may hold 100,000s); only the
    # lines that step over the antimeridian are split, in Python
    lengths = np.fromiter((len(p) for p in drawn_parts), dtype=np.int64,
                          count=len(drawn_parts))
    coords = np.array([pt for part in drawn_parts for pt in part], dtype=float).reshape(-1, 2)
    first = np.cumsum(lengths) - lengths
    same_part = np.ones(len(coords), dtype=bool)
    same_part[first] = False  # the step into each part's first point is no step
    steps = np.abs(np.diff(coords[:, 0], prepend=0.0)) > 180.0
    wrapping = set(np.searchsorted(first, np.flatnonzero(steps & same_part), side="right") - 1)
    if wrapping:
        pieces, owners = [], []
        for k, part in enumerate(drawn_parts):
            split = split_at_antimeridian(part) if k in wrapping else [part]
            pieces += split
            owners += [part_route[k]] * len(split)
        drawn_parts, part_route = pieces, owners
        lengths = np.fromiter((len(p) for p in drawn_parts), dtype=np.int64,
                              count=len(drawn_parts))
        coords = np.array([pt for part in drawn_parts for pt in part],
                          dtype=float).reshape(-1, 2)
    lines = (shapely.linestrings(coords, indices=np.repeat(np.arange(lengths.size), lengths))
             if lengths.size else np.empty(0, dtype=object))
    owner = np.asarray(part_route, dtype=np.int64)
    counts = np.bincount(owner, minlength=len(ids))
    geometry = np.empty(len(ids), dtype=object)
    single = np.flatnonzero(counts == 1)
    geometry[single] = lines[np.searchsorted(owner, single)] if single.size else []
    keep = (counts > 1)[owner]
    if keep.any():
        routes_of, index = np.unique(owner[keep], return_inverse=True)
        geometry[routes_of] = shapely.multilinestrings(lines[keep], indices=index)
    for empty in np.flatnonzero(counts == 0):
        geometry[empty] = shapely.MultiLineString([])
    return pd.DataFrame({"route_id": ids, "name": names, "geometry": geometry,
                         "schematic": bool(schematic), "uncertainty_nm": float(uncertainty_nm),
                         "source": source}, columns=list(ROUTE_COLUMNS))
