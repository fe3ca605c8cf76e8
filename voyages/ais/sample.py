"""The small example files bundled with voyages (hand-made, not real traffic).

``conakry.nmea`` is an invented track written for the README and doctests:
two vessels with made-up MMSIs (123456789, 987654321) off and in Conakry
(GNCKY, coordinates from the gazetteer), encoded with pyais. It contains
NMEA 4.0 tag-block times, a Gatehouse ``$PGHP`` wrapper, a two-part
message 5, a bad checksum, a truncated line and an orphan message part, so
that every reader path shows up in ``voyages ais summary``. It describes
no real ship.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLES = {"nmea": "conakry.nmea"}


def sample_path(kind: str = "nmea") -> Path:
    """Path of a bundled example file (``"nmea"``).

    >>> sample_path("nmea").name
    'conakry.nmea'
    """
    if kind not in SAMPLES:
        raise ValueError(f"unknown sample {kind!r}; expected one of {', '.join(SAMPLES)}")
    return Path(str(resources.files("voyages.ais").joinpath("samples", SAMPLES[kind])))
