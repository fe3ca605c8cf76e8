"""Sanctions screening: list loaders, one entity table, a matcher that explains itself.

- :func:`load_list` / :func:`load_lists` read the files analysts download
  (OFAC SDN legacy CSV and XML, OFAC Enhanced XML, EU FSF XML, the UK
  Sanctions List spreadsheet, the UN consolidated XML, OpenSanctions
  FollowTheMoney JSON lines and ``targets.simple.csv``) into one table
  (:mod:`voyages.sanctions.entities`); with no file, the bundled
  ``sanctions/designations.csv``.
- :class:`Screener` indexes a table once and screens names and IMO/MMSI
  numbers; each :class:`Match` says why it matched and with what score.
- :func:`listed_at` says whether a designation was in force on a date.
- :func:`flag_risk` looks a flag state up in the Paris and Tokyo MoU
  white/grey/black lists.

Nothing here opens a network connection: the analyst passes the files.
"""

from voyages.sanctions.designations import default_list_path, load_designations
from voyages.sanctions.entities import ENTITY_COLUMNS, Schema, entity_frame
from voyages.sanctions.flags import FlagRating, flag_risk, load_flag_lists
from voyages.sanctions.lists import ListFormat, detect_format, load_list, load_lists
from voyages.sanctions.match import DEFAULT_THRESHOLD, Match, Screener, listed_at
from voyages.sanctions.names import name_key

__all__ = [
    "DEFAULT_THRESHOLD",
    "ENTITY_COLUMNS",
    "FlagRating",
    "ListFormat",
    "Match",
    "Schema",
    "Screener",
    "default_list_path",
    "detect_format",
    "entity_frame",
    "flag_risk",
    "listed_at",
    "load_designations",
    "load_flag_lists",
    "load_list",
    "load_lists",
    "name_key",
]
