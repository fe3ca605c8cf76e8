"""Which jurisdiction a sanctions list speaks for, and what a source says it is.

A case file records a source's statement that a party is under sanctions
as an assertion on the topic ``<party id>.sanctions`` (a vessel's or an
organization's id) whose value names the jurisdictions the source gives,
separated by ``;`` or ``,``: ``US``, ``EU``, ``UK``, ``UN``. Le Monde's
"M Leasing LLC, placed under American and European sanctions" is::

    [[assertions]]
    topic = "m-leasing.sanctions"
    value = "US; EU"
    source = "lemonde"
    quote = "...M Leasing LLC, placed under American and European sanctions..."

The ``sanctions`` check says whether the lists screened confirm each
jurisdiction (a designation in force at the party's event on a list of
that jurisdiction: US → OFAC lists, EU → the EU consolidated list, UK →
the UK Sanctions List / OFSI, UN → the UN Security Council list).
OpenSanctions exports aggregate many jurisdictions and confirm none by
themselves.
"""

from __future__ import annotations

import re

__all__ = ["JURISDICTIONS", "SANCTIONS_TOPIC", "list_jurisdiction", "parse_jurisdictions",
           "sanctions_topic_party"]

JURISDICTIONS = {
    "US": "United States (OFAC)",
    "EU": "European Union",
    "UK": "United Kingdom (FCDO/OFSI)",
    "UN": "UN Security Council",
}
"""Codes a ``<party>.sanctions`` assertion may name, with what they stand for."""

SANCTIONS_TOPIC = "sanctions"
"""Last part of an assertion topic that states a party is sanctioned."""

_PREFIXES = (("OFAC", "US"), ("US ", "US"), ("EU", "EU"), ("UK", "UK"), ("OFSI", "UK"),
             ("HMT", "UK"), ("UN", "UN"))


def list_jurisdiction(list_name: str) -> str | None:
    """The jurisdiction code of a list name as the loaders write it.

    >>> list_jurisdiction("OFAC SDN"), list_jurisdiction("EU FSF")
    ('US', 'EU')
    >>> list_jurisdiction("UK Sanctions List"), list_jurisdiction("OpenSanctions ua_war_sanctions")
    ('UK', None)
    """
    upper = list_name.strip().upper()
    if upper.startswith("OPENSANCTIONS"):
        return None
    for prefix, code in _PREFIXES:
        if upper.startswith(prefix):
            return code
    return None


def parse_jurisdictions(value: str) -> tuple[list[str], list[str]]:
    """Split an assertion value into known jurisdiction codes and unknown words.

    >>> parse_jurisdictions("US; EU")
    (['US', 'EU'], [])
    >>> parse_jurisdictions("us, Western")
    (['US'], ['Western'])
    """
    known: list[str] = []
    unknown: list[str] = []
    for word in re.split(r"[;,]", value):
        word = word.strip()
        if not word:
            continue
        code = word.upper()
        (known if code in JURISDICTIONS else unknown).append(code if code in JURISDICTIONS
                                                             else word)
    return list(dict.fromkeys(known)), unknown


def sanctions_topic_party(topic: str) -> str | None:
    """The party id of a ``<party>.sanctions`` topic, else None.

    >>> sanctions_topic_party("m-leasing.sanctions"), sanctions_topic_party("adler.name")
    ('m-leasing', None)
    """
    head, _, tail = topic.rpartition(".")
    return head if head and tail == SANCTIONS_TOPIC else None
