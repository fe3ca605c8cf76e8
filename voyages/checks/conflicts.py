"""Conflicts check: statements from different sources on the same topic.

A case lists ``[[assertions]]``: what each source says on a topic
(``adler.name``: "Adler" in Le Monde, "Alder" in OE Watch). Values are
compared folded (case, accents, punctuation and spacing ignored, so
"ADLER" and "Adler" agree).

Verdict, and why:

- sources disagree → ``unverifiable``. A contradiction means at least one
  source is wrong, but the statements alone cannot say which, and the
  case's physical story may hold under either reading. ``implausible`` is
  kept for what no reading of the reported facts allows (the chronology,
  units, weekday and timing checks), so a misspelt name in one article
  does not fail ``voyages check`` by itself. The finding names every
  source and quote so an analyst can weigh them; where a value can be
  tested (an origin, a route), the hypotheses and timing checks do so.
- two or more sources state the same value → ``consistent`` (corroborated).
- a topic only one source speaks to gives no finding.
"""

from __future__ import annotations

from collections import defaultdict

from voyages.findings import Finding, Verdict
from voyages.places import normalize_name
from voyages.records import Assertion, Case

__all__ = ["check"]


def _subject(case: Case, topic: str) -> str:
    head = topic.split(".", 1)[0]
    name = case.subject_name(head)
    return name if name != head else topic


def _cite(case: Case, source_id: str) -> str:
    source = case.sources.get(source_id)
    if source is None:
        return source_id
    when = f", {source.published.isoformat()}" if source.published else ""
    return f"{source.publisher}{when}"


def check(case: Case, context=None) -> list[Finding]:
    """One finding per topic that two or more sources speak to."""
    topics: dict[str, list[Assertion]] = defaultdict(list)
    for assertion in case.assertions:
        topics[assertion.topic].append(assertion)
    findings = []
    for topic, said in topics.items():
        if len({a.source for a in said}) < 2:
            continue
        groups: dict[str, list[Assertion]] = defaultdict(list)
        for a in said:
            groups[normalize_name(a.value) or a.value].append(a)
        values = {group[0].value: sorted({a.source for a in group}) for group in groups.values()}
        evidence = {
            "topic": topic,
            "cited": {s: _cite(case, s) for s in dict.fromkeys(a.source for a in said)},
            "values": values,
            "quotes": {a.source: a.quote for a in said},
        }
        notes = {a.source: a.note for a in said if a.note}
        if notes:
            evidence["notes"] = notes
        sources = tuple(dict.fromkeys(a.source for a in said))
        if len(groups) == 1:
            verdict = Verdict.CONSISTENT
            summary = (f"{topic}: {len(sources)} sources agree on {said[0].value!r} "
                       f"({', '.join(sources)})")
        else:
            verdict = Verdict.UNVERIFIABLE
            parts = [f"{value!r} ({', '.join(srcs)})" for value, srcs in values.items()]
            summary = f"{topic}: sources disagree — " + " vs ".join(parts)
        findings.append(Finding("conflict", _subject(case, topic), verdict, summary, evidence,
                                sources))
    return findings
