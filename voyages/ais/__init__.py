"""AIS positions: read NMEA, CSV and Parquet; clean; rebuild what each vessel did.

>>> from voyages import ais
>>> positions = ais.clean(ais.read(ais.sample_path("nmea")))
>>> sorted(positions["mmsi"].unique().tolist())
[123456789, 987654321]

Public functions take and return pandas DataFrames (or Dask DataFrames,
see :mod:`voyages.ais.dask`) with the columns in :mod:`voyages.ais.columns`;
they never modify the frame they are given.

Investigations on the same frames: :func:`cable_crossings` (and
:func:`nearest_routes`), :func:`encounters`, :func:`identity_anomalies`
(with :func:`mid_country`).
"""

from voyages.ais.cables import cable_crossings, nearest_routes
from voyages.ais.calls import port_calls
from voyages.ais.clean import clean
from voyages.ais.encounters import encounters
from voyages.ais.gaps import gaps
from voyages.ais.identity import identity_anomalies, mid_country
from voyages.ais.legs import voyages
from voyages.ais.loitering import loitering
from voyages.ais.parquet import write
from voyages.ais.read import detect_format, read, read_static
from voyages.ais.report import read_report
from voyages.ais.sample import sample_path
from voyages.ais.stops import stops

__all__ = [
    "cable_crossings",
    "clean",
    "detect_format",
    "encounters",
    "gaps",
    "identity_anomalies",
    "loitering",
    "mid_country",
    "nearest_routes",
    "port_calls",
    "read",
    "read_report",
    "read_static",
    "sample_path",
    "stops",
    "voyages",
    "write",
]
