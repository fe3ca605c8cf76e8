"""Screen names and identifiers against an entity table.

How a query is matched, in order of strength:

1. **IMO number** (or **MMSI**) equal to an entity's: score 100, reason
   ``imo`` (``mmsi``). An exact identifier match outranks every name match.
   A vessel entity whose valid IMO number differs from the query's is a
   different ship (IMO numbers are permanent), so it is never returned on
   its name alone.
2. **Name**: every name and alias of the query against every name and
   alias of the entity, each reduced to a key by
   :func:`voyages.sanctions.names.name_key` (rigour: transliterated,
   casefolded, legal forms and vessel prefixes removed) and scored with
   ``rapidfuzz.fuzz.token_sort_ratio`` (0–100; insensitive to word order);
   the best pair is the match, reason ``name``.

Speed: the index is built once. Candidates come from a sparse TF-IDF matrix
of character trigrams of the keys (one sparse product per batch of
queries, scipy), and only the best ``candidates`` per query are scored with
rapidfuzz. ``benchmarks/screen.py`` measures names per second and the
agreement of the top match with an exhaustive rapidfuzz comparison. An
index of at most ``candidates`` names (the bundled list) needs no ranking:
its candidates are found from each name's trigram set, the same names
without importing scipy. Of two names of one entity that score the same,
the first in the index is the match.

The default threshold (:data:`DEFAULT_THRESHOLD`) was tuned on the table of
variants and near-misses in ``tests/test_sanctions_match.py``: real
variants (transliterations, legal forms, word order, hyphens) score 88.9
or more, the near-misses 80 or less.

3. **Possible match** (below the threshold, ``possible=True``): a name
   equal to a listed one but for **one swap of two adjacent letters inside
   a word of at least** :data:`TRANSPOSITION_MIN_WORD` **letters** (OE
   Watch's ``Alder`` for the listed ``ADLER``). The score stays the name
   score (80.0 for Alder/ADLER: rapidfuzz counts a swap as two edits, so a
   one-swap typo in a name of eight letters or fewer falls below 88 while
   one extra letter, ``Hadler``, scores 90.9); the reason names the swap
   and says to confirm. Evidence for the rule (``../shared/data/sanctions``,
   OFAC SDN CSV 2024-07-02 + OpenSanctions ua_war_sanctions, 21,043
   entities): 392 of 400 listed vessel names with one random adjacent
   swap are found as possible matches (171 reach 88 on their own), while a
   plain review band on the score lets in the unrelated: 0.40 extra names
   per query at 80, 0.09 at 85, over 1,000 UK Sanctions List names absent
   from the index; with the swap rule 7 of 3,243 such names get a possible
   match, and all 7 are the same party spelled with a swap
   (``Centre``/``Center``, ``Yureyvich``/``Yuryevich``). Words under four
   letters are left out: within the index they pair acronyms and aircraft
   registrations (``EP-IAB``/``EP-IBA``) and Roman numerals
   (``BICENTENARIO XIV``/``XVI``), which name different things. Words of
   four letters count only in a listed vessel's name
   (:data:`VESSEL_TRANSPOSITION_MIN_WORD`; ``ZEYA``, ``AZOV``): in the
   names of companies and people they are mostly acronyms: the 4 pairs of
   different non-vessel entities of that index one such swap apart are
   all different parties, three pairs of acronyms (``ANSC``/``NASC``: JSC
   Northern Shipping Company and JSC National Aviation Service Company;
   ``INRA``/``NIRA``; ``TBSS``/``TSBS``) and two men's nicknames
   (``AMOR``/``AMRO``). In a sample of 400 listed vessel names with one
   random adjacent swap, 384 are found under this rule as under the
   former four-letter rule for all names; without the vessel exception,
   345.

4. **Short names match only exactly**: when either key has at most
   :data:`SHORT_NAME` letters and digits (spaces left out), two different
   keys score at most :data:`SHORT_MISMATCH_CAP` (80), below the default
   threshold; otherwise ``ANSC`` would match ``ANSCO`` at 88.9 and ``NIOC``
   any five-letter name containing it.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from voyages._validate import check_number
from voyages.sanctions.entities import Schema, clean_imo, clean_mmsi
from voyages.sanctions.names import name_key

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_THRESHOLD", "SHORT_NAME", "TRANSPOSITION_MIN_WORD",
           "VESSEL_TRANSPOSITION_MIN_WORD", "Match", "Screener", "listed_at", "similarity",
           "transpositions"]

DEFAULT_THRESHOLD = 88.0
"""Lowest name score (0–100) reported as a match; see the module docstring."""

CANDIDATES = 40
"""Trigram candidates per query scored with rapidfuzz."""

MAX_DF = 0.01
"""Trigrams found in more than this share of the index's names (`` co``, ``ing``)
are left out of the candidate search: they add cost, not discrimination."""

TRANSPOSITION_MIN_WORD = 5
"""Shortest word (letters) in which one swap of adjacent letters makes a possible match.

Four-letter words are left out: in the names of companies and people they are
mostly acronyms, where a swap makes another real name (``ANSC`` / ``NASC``: a
shipping and an aviation company on the OFAC SDN list; ``NIOC`` / ``NICO``).
Vessel names are the exception (:data:`VESSEL_TRANSPOSITION_MIN_WORD`)."""

VESSEL_TRANSPOSITION_MIN_WORD = 4
"""Shortest word of a listed *vessel's* name in which a swap makes a possible match.

Ships are named with words (``ZEYA``, ``AZOV``, ``SNOW``), not acronyms: on the
OFAC SDN CSV 2024-07-02 + OpenSanctions ua_war_sanctions, 39 of a sample of
400 listed vessel names with one random adjacent swap are found only through
a four-letter word."""

QUERY_GRAMS = 24
"""Most trigrams of a query used in the candidate search (the rarest ones)."""

_BATCH = 1024


def _missing(value: Any) -> bool:
    """``pandas.isna`` of a scalar, without importing pandas when no table has loaded it.

    Without pandas loaded no pandas missing value (NA, NaT) can exist;
    float NaN and numpy's NaT are recognised without it.
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    pd = sys.modules.get("pandas")
    if pd is None:
        np = sys.modules.get("numpy")
        return bool(np is not None and isinstance(value, np.datetime64) and np.isnat(value))
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_date(value: Any) -> date | None:
    if _missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "date"):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def listed_at(listed_on: Any, delisted_on: Any, when: date | datetime) -> bool | None:
    """Whether a designation was in force on ``when``.

    Parameters
    ----------
    listed_on, delisted_on : date, datetime, Timestamp, NaT or None
    when : date or datetime
        The event's date (a datetime is reduced to its date).

    Returns
    -------
    bool or None
        True when listed on or before ``when`` and not delisted by then;
        False when listed after ``when`` or delisted on or before it;
        None when the listing date is unknown (and no delisting decides it).

    Examples
    --------
    >>> listed_at(date(2022, 5, 8), None, date(2024, 12, 14))
    True
    >>> listed_at(date(2023, 5, 18), None, date(2023, 1, 1))
    False
    >>> listed_at(None, None, date(2024, 12, 14)) is None
    True
    """
    on = _as_date(when)
    if on is None:
        raise ValueError("listed_at() needs a date")
    start, end = _as_date(listed_on), _as_date(delisted_on)
    if end is not None and end <= on:
        return False
    if start is None:
        return None
    return start <= on


@dataclass(frozen=True)
class Match:
    """One entity matched by a query, and why.

    Attributes
    ----------
    row : int
        Position of the entity in the screener's table.
    score : float
        0–100; 100 for an identifier match.
    match_reason : str
        ``imo``, ``mmsi`` or ``name``.
    reason : str
        In words: which identifier, or which name pair and its score.
    query_name, matched_name : str
        The query's name and the entity's name (or alias) that scored best.
    name_score : float
        Best name score, also for identifier matches (NaN when not computed).
    possible : bool
        True for a possible match below the threshold (one swap of adjacent
        letters, see the module docstring): to be confirmed by the analyst.
    """

    row: int
    list: str
    list_entity_id: str | None
    schema: str
    name: str
    score: float
    match_reason: str
    reason: str
    query_name: str
    matched_name: str
    name_score: float
    programs: tuple[str, ...] = ()
    listed_on: date | None = None
    delisted_on: date | None = None
    imo: str | None = None
    mmsi: str | None = None
    flag: str | None = None
    source: str | None = None
    source_file: str | None = None
    possible: bool = False
    extra: dict = field(default_factory=dict, compare=False)

    def listed_at(self, when: date | datetime) -> bool | None:
        """Whether this designation was in force on ``when`` (see :func:`listed_at`)."""
        return listed_at(self.listed_on, self.delisted_on, when)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (dates as ISO strings, score rounded to 0.1).

        ``list`` and ``list_source`` (the citation or file and entity id the
        row came from; ``source`` is the same value) name the list the
        match comes from.
        """
        return {
            "list": self.list, "list_entity_id": self.list_entity_id, "schema": self.schema,
            "name": self.name, "score": round(self.score, 1), "match_reason": self.match_reason,
            "reason": self.reason, "query_name": self.query_name,
            "matched_name": self.matched_name,
            "programs": list(self.programs),
            "listed_on": self.listed_on.isoformat() if self.listed_on else None,
            "delisted_on": self.delisted_on.isoformat() if self.delisted_on else None,
            "imo": self.imo, "mmsi": self.mmsi, "flag": self.flag,
            "source": self.source, "list_source": self.source,
            "source_file": self.source_file, "possible": self.possible,
        }


NUMBER_MISMATCH_CAP = 80.0
"""Highest score of two names whose numbers differ (``SHUNXIN 39`` / ``SHUNXIN 93``):
numbered ships of one owner are different ships."""

SHORT_NAME = 4
"""Longest name (letters and digits of its key, spaces left out) that matches only
exactly: acronyms such as ``ANSC``, ``NASC``, ``NIOC`` and ``NICO`` name different
parties one letter or one swap apart."""

SHORT_MISMATCH_CAP = 80.0
"""Highest score of two different names when either has at most :data:`SHORT_NAME`
letters (``ANSC`` / ``ANSCO`` would score 88.9, a match, without it)."""


def _numbers(key: str) -> str:
    return " ".join(sorted(re.findall(r"\d+", key)))


def similarity(key_a: str, key_b: str) -> float:
    """Score two name keys, 0–100.

    The better of ``rapidfuzz.fuzz.token_sort_ratio`` and the plain ratio of
    the keys with spaces removed (``shunxin 39`` / ``shunxin39``), capped at
    :data:`NUMBER_MISMATCH_CAP` when both names carry numbers and the
    numbers differ, and at :data:`SHORT_MISMATCH_CAP` when the keys without
    spaces differ and either has at most :data:`SHORT_NAME` characters
    (acronyms match only exactly).

    >>> similarity("northern shipping company", "shipping company northern")
    100.0
    >>> similarity("shunxin39", "shunxin 39")
    100.0
    >>> similarity("shunxin 93", "shunxin 39")
    80.0
    >>> similarity("ansc", "ansco"), similarity("ansc", "a n s c")
    (80.0, 100.0)
    """
    from rapidfuzz import fuzz

    compact_a, compact_b = key_a.replace(" ", ""), key_b.replace(" ", "")
    score = max(fuzz.token_sort_ratio(key_a, key_b), fuzz.ratio(compact_a, compact_b))
    numbers_a, numbers_b = _numbers(key_a), _numbers(key_b)
    if numbers_a and numbers_b and numbers_a != numbers_b:
        score = min(score, NUMBER_MISMATCH_CAP)
    if compact_a != compact_b and min(len(compact_a), len(compact_b)) <= SHORT_NAME:
        score = min(score, SHORT_MISMATCH_CAP)
    return float(score)


def transpositions(key: str, min_word: int | None = None) -> dict[str, str]:
    """Keys one swap of adjacent letters away, each with the swap in words.

    Only swaps of two different letters inside a word of at least
    ``min_word`` letters (default :data:`TRANSPOSITION_MIN_WORD`) count (see
    the module docstring).

    >>> transpositions("alder")["adler"]
    "'dl' for 'ld'"
    >>> sorted(transpositions("alder"))
    ['adler', 'aldre', 'aledr', 'lader']
    >>> transpositions("ep iab"), transpositions("ansc")
    ({}, {})
    """
    shortest = TRANSPOSITION_MIN_WORD if min_word is None else min_word
    out: dict[str, str] = {}
    words = key.split(" ")
    for w, word in enumerate(words):
        if len(word) < shortest or not word.isalpha():
            continue
        for i in range(len(word) - 1):
            a, b = word[i], word[i + 1]
            if a == b:
                continue
            swapped = word[:i] + b + a + word[i + 2:]
            variant = " ".join([*words[:w], swapped, *words[w + 1:]])
            out.setdefault(variant, f"{b + a!r} for {a + b!r}")
    return out


def _grams(key: str) -> list[str]:
    grams: list[str] = []
    for token in key.split():
        padded = f" {token} "
        grams.extend(padded[i:i + 3] for i in range(len(padded) - 2))
    return grams


def _compatible(query: str | None, entity: str) -> bool:
    if query is None:
        return True
    if query == Schema.OTHER.value:
        return entity in (Schema.OTHER.value, Schema.VESSEL.value)
    return entity == query


class Screener:
    """An entity table indexed once for fast screening.

    Parameters
    ----------
    entities : pandas.DataFrame or list of dict
        The entity table (:mod:`voyages.sanctions.entities`), or its rows as
        :func:`voyages.sanctions.entities.entity_records` returns them
        (``list``, ``name`` and ``schema`` given as str; no pandas needed:
        ``voyages check`` screens the bundled list so); not modified.
    threshold : float, default :data:`DEFAULT_THRESHOLD`
        Lowest name score reported, 0–100.
    candidates : int, default :data:`CANDIDATES`
        Trigram candidates per query scored with rapidfuzz (>= 1).

    Raises
    ------
    InputError
        ``threshold`` is not a finite number from 0 to 100 (NaN would
        match every listed name), ``candidates`` is below 1, or ``max_df``
        is not from 0 to 1.

    Examples
    --------
    >>> from voyages.sanctions.entities import entity_frame
    >>> table = entity_frame([
    ...     {"list": "X", "schema": "organization", "name": "M LEASING LLC"},
    ...     {"list": "X", "schema": "vessel", "name": "ADLER", "imo": "9179854"}])
    >>> [m.name for m in Screener(table).screen("OOO M Leasing")]
    ['M LEASING LLC']
    >>> Screener(table).screen("Alder", imo="IMO 9179854")[0].match_reason
    'imo'
    """

    def __init__(self, entities: pd.DataFrame | list[dict[str, Any]], *,
                 threshold: float = DEFAULT_THRESHOLD, candidates: int = CANDIDATES,
                 max_df: float = MAX_DF) -> None:
        import numpy as np

        self._frame: pd.DataFrame | None = None
        self._records: list[dict[str, Any]] | None = None
        if isinstance(entities, list):
            self._records = entities
            schemas = [str(r["schema"]) for r in entities]
            names = [str(r["name"] or "") for r in entities]
            aliases = [r["aliases"] for r in entities]
            imos = [r["imo"] for r in entities]
            mmsis = [r["mmsi"] for r in entities]
        else:
            self._frame = entities.reset_index(drop=True)
            schemas = self._frame["schema"].astype(str).tolist()
            names = self._frame["name"].fillna("").astype(str).tolist()
            aliases = self._frame["aliases"].tolist()
            imos = self._frame["imo"].tolist()
            mmsis = self._frame["mmsi"].tolist()
        self.threshold = check_number("threshold", threshold, maximum=100.0)
        self.candidates = int(check_number("candidates", candidates, minimum=1.0))
        check_number("max_df", max_df, maximum=1.0)
        keys: list[str] = []
        originals: list[str] = []
        owners: list[int] = []
        for row, (schema, name, more) in enumerate(zip(schemas, names, aliases, strict=True)):
            seen = set()
            for original in (name, *(more or ())):
                key = name_key(original, schema)
                if key and key not in seen:
                    seen.add(key)
                    keys.append(key)
                    originals.append(original)
                    owners.append(row)
        self._keys = keys
        self._by_key: dict[str, list[int]] = {}
        for j, key in enumerate(keys):
            self._by_key.setdefault(key, []).append(j)
        # token_sort_ratio == ratio on token-sorted strings: sort once here
        self._sorted = [" ".join(sorted(k.split())) for k in keys]
        self._compact = [k.replace(" ", "") for k in keys]
        self._number_keys = np.asarray([_numbers(k) for k in keys], dtype=object)
        self._sorted_arr = np.asarray(self._sorted, dtype=object)
        self._compact_arr = np.asarray(self._compact, dtype=object)
        self._short = np.fromiter((len(c) <= SHORT_NAME for c in self._compact), dtype=bool,
                                  count=len(self._compact))
        self._originals = originals
        self._owner = np.asarray(owners, dtype=np.int64)
        self._schema = np.asarray(schemas, dtype=object)
        self._name_schema = self._schema[self._owner] if owners else np.asarray([], dtype=object)
        self._imo: dict[str, list[int]] = {}
        self._mmsi: dict[str, list[int]] = {}
        for row, value in enumerate(imos):
            if isinstance(value, str) and value:
                self._imo.setdefault(value, []).append(row)
        for row, value in enumerate(mmsis):
            if isinstance(value, str) and value:
                self._mmsi.setdefault(value, []).append(row)
        # trigram TF-IDF, rows L2-normalised
        vocab: dict[str, int] = {}
        indptr, indices = [0], []  # type: tuple[list[int], list[int]]
        for key in keys:
            cols = {vocab.setdefault(g, len(vocab)) for g in _grams(key)}
            indices.extend(cols)
            indptr.append(len(indices))
        self._vocab = vocab
        n_names = max(len(keys), 1)
        counts = np.bincount(np.asarray(indices, dtype=np.int64), minlength=len(vocab))
        self._idf = np.log(n_names / np.maximum(counts, 1)) + 1.0
        cap = max(int(max_df * n_names), 50)
        self._idf[counts > cap] = 0.0  # common trigrams: no weight, pruned below
        self._gram_rows = (indices, indptr)
        self._index_t_built: Any = None
        # An index of at most `candidates` names needs no ranking: a query's
        # candidates are all the names sharing a weighted trigram with it, found
        # from these sets without scipy (the bundled list: 10 names).
        self._key_grams: list[frozenset[int]] | None = None
        if len(keys) <= self.candidates:
            weighted = self._idf != 0
            self._key_grams = [frozenset(g for g in indices[indptr[j]:indptr[j + 1]]
                                         if weighted[g]) for j in range(len(keys))]

    @property
    def _index_t(self) -> Any:
        """The names' trigram TF-IDF matrix, rows L2-normalised, transposed (built on first use)."""
        if self._index_t_built is None:
            import numpy as np
            import scipy.sparse as sp

            indices, indptr = self._gram_rows
            data = self._idf[np.asarray(indices, dtype=np.int64)] if indices else np.zeros(0)
            matrix = sp.csr_matrix((data, np.asarray(indices, dtype=np.int64),
                                    np.asarray(indptr)),
                                   shape=(len(indptr) - 1, len(self._vocab)))
            matrix.eliminate_zeros()
            self._index_t_built = self._normalise(matrix).T.tocsr()
        return self._index_t_built

    @staticmethod
    def _normalise(matrix: Any) -> Any:
        import numpy as np
        import scipy.sparse as sp

        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.diags(1.0 / norms) @ matrix

    @property
    def entities(self) -> pd.DataFrame:
        """The entity table screened (built from the records on first use when given those)."""
        if self._frame is None:
            from voyages.sanctions.entities import entity_frame

            self._frame = entity_frame(self._records or [])
        return self._frame

    def _entity(self, row: int) -> Any:
        """Row ``row`` of the table: a dict, or a pandas Series (both indexed by column)."""
        if self._records is not None:
            return self._records[row]
        return self.entities.iloc[row]

    def __len__(self) -> int:
        return len(self._records) if self._records is not None else len(self.entities)

    # -- candidates -------------------------------------------------------
    def _vectorise(self, keys: Sequence[str]) -> Any:
        import numpy as np
        import scipy.sparse as sp

        indptr, indices = [0], []  # type: tuple[list[int], list[int]]
        for key in keys:
            indices.extend(self._query_grams(key))
            indptr.append(len(indices))
        idx = np.asarray(indices, dtype=np.int64)
        data = self._idf[idx] if len(idx) else np.zeros(0)
        matrix = sp.csr_matrix((data, idx, np.asarray(indptr)),
                               shape=(len(keys), len(self._vocab)))
        matrix.eliminate_zeros()
        return self._normalise(matrix)

    def _query_grams(self, key: str) -> list[int]:
        """The trigrams of a query used in the search: those in the index, at most the
        :data:`QUERY_GRAMS` rarest."""
        vocab = self._vocab
        cols = list({vocab[g] for g in _grams(key) if g in vocab})
        if len(cols) > QUERY_GRAMS:
            cols = sorted(cols, key=self._idf.__getitem__)[-QUERY_GRAMS:]
        return cols

    def _candidate_set(self, keys: Sequence[str]) -> set[int]:
        """The names scored for the query ``keys``: the union of :meth:`_candidate_lists`.

        For an index of at most ``candidates`` names, computed without the
        sparse product: every name sharing a weighted trigram with a key
        (which is every name of nonzero cosine), else the rapidfuzz pass.
        """
        cand: set[int] = set()
        if self._key_grams is None:
            for cols in self._candidate_lists(keys):
                cand.update(int(c) for c in cols)
            return cand
        from rapidfuzz import fuzz, process

        weighted = self._idf != 0
        for key in keys:
            used = {g for g in self._query_grams(key) if weighted[g]}
            cols = [j for j, grams in enumerate(self._key_grams) if not grams.isdisjoint(used)]
            if not cols and key and self._keys:
                sorted_key = " ".join(sorted(key.split()))
                found = process.extract(sorted_key, self._sorted, scorer=fuzz.ratio,
                                        limit=self.candidates)
                cols = [j for _, _, j in found]
            cand.update(cols)
        return cand

    def _candidate_lists(self, keys: Sequence[str]) -> list[Any]:
        """For each key, indices of the names with the highest trigram cosine.

        A key made only of common trigrams (``valente``: every trigram is in
        more than :data:`MAX_DF` of the names) has no candidates that way;
        its candidates come from a full rapidfuzz pass instead (rare).
        """
        import numpy as np
        from rapidfuzz import fuzz, process

        out: list[Any] = []
        k = self.candidates
        for start in range(0, len(keys), _BATCH):
            chunk = keys[start:start + _BATCH]
            product = (self._vectorise(chunk) @ self._index_t).tocsr()
            for i in range(len(chunk)):
                lo, hi = product.indptr[i], product.indptr[i + 1]
                cols = product.indices[lo:hi]
                if len(cols) > k:
                    top = np.argpartition(product.data[lo:hi], -k)[-k:]
                    cols = cols[top]
                elif len(cols) == 0 and chunk[i] and self._keys:
                    sorted_key = " ".join(sorted(chunk[i].split()))
                    found = process.extract(sorted_key, self._sorted, scorer=fuzz.ratio,
                                            limit=k)
                    cols = np.asarray([j for _, _, j in found], dtype=np.int64)
                out.append(cols)
        return out

    # -- scoring ----------------------------------------------------------
    def _best_names(self, query_keys: list[tuple[str, str]], cand: Iterable[int],
                    schema: str | None) -> dict[int, tuple[float, int, str]]:
        """Best (score, name index, query original) per entity row among candidates."""
        best: dict[int, tuple[float, int, str]] = {}
        owner, keys, name_schema = self._owner, self._keys, self._name_schema
        for j in cand:
            if schema is not None and not _compatible(schema, name_schema[j]):
                continue
            row = int(owner[j])
            for qkey, qname in query_keys:
                score = similarity(qkey, keys[j])
                if row not in best or score > best[row][0]:
                    best[row] = (score, int(j), qname)
        return best

    def _entity_names_best(self, row: int, query_keys: list[tuple[str, str]]
                           ) -> tuple[float, int, str]:
        best = (math.nan, -1, query_keys[0][1] if query_keys else "")
        for j in [int(i) for i in (self._owner == row).nonzero()[0]]:
            for qkey, qname in query_keys:
                score = similarity(qkey, self._keys[j])
                if math.isnan(best[0]) or score > best[0]:
                    best = (score, j, qname)
        return best

    def _match(self, row: int, score: float, reason_code: str, reason: str, query_name: str,
               name_index: int, name_score: float, *, possible: bool = False) -> Match:
        entity = self._entity(row)

        def plain(value: Any) -> Any:
            return None if _missing(value) else value

        return Match(
            row=row, list=str(entity["list"]), list_entity_id=plain(entity["list_entity_id"]),
            schema=str(entity["schema"]), name=str(entity["name"]), score=float(score),
            match_reason=reason_code, reason=reason, query_name=query_name,
            matched_name=self._originals[name_index] if name_index >= 0 else str(entity["name"]),
            name_score=float(name_score), programs=tuple(entity["programs"] or ()),
            listed_on=_as_date(entity["listed_on"]), delisted_on=_as_date(entity["delisted_on"]),
            imo=plain(entity["imo"]), mmsi=plain(entity["mmsi"]), flag=plain(entity["flag"]),
            source=plain(entity["source"]), source_file=plain(entity["source_file"]),
            possible=possible,
        )

    def screen(
        self,
        name: str,
        *,
        aliases: Iterable[str] = (),
        imo: str | None = None,
        mmsi: str | None = None,
        schema: str | Schema | None = None,
        limit: int | None = 10,
        threshold: float | None = None,
        possible: bool = True,
    ) -> list[Match]:
        """Screen one party (a name, its aliases, identifiers) against the list.

        Parameters
        ----------
        name : str
        aliases : iterable of str
            Other names of the party (any script); the best pair counts.
        imo, mmsi : str, optional
            ``"IMO 9179854"`` or ``"9179854"``; an invalid check digit is
            ignored (no identifier match). MMSI: nine digits.
        schema : {"vessel", "organization", "person"}, optional
            Compare only with entities of that kind (``None``: all).
        limit : int or None
            Most matches returned, >= 1 (``None``: all).
        threshold : float, optional
            Overrides the screener's threshold for name matches (0–100).
        possible : bool, default True
            Also return possible matches below the threshold (a name one
            swap of adjacent letters from a listed one; ``Match.possible``).

        Returns
        -------
        list of Match
            Identifier matches first, then name matches by descending score,
            then possible matches by descending score.

        Raises
        ------
        InputError
            ``threshold`` is not a finite number from 0 to 100, or ``limit``
            is below 1.
        """
        threshold = (self.threshold if threshold is None
                     else check_number("threshold", threshold, maximum=100.0))
        if limit is not None:
            limit = int(check_number("limit", limit, minimum=1.0))
        schema = Schema.parse(schema).value if schema is not None else None
        query_names = [n for n in (name, *aliases) if n and str(n).strip()]
        query_keys: list[tuple[str, str]] = []
        for original in query_names:
            key = name_key(original, schema)
            if key and key not in {k for k, _ in query_keys}:
                query_keys.append((key, original))
        imo_value = clean_imo(imo) if imo else None
        mmsi_value = clean_mmsi(mmsi) if mmsi else None
        found: dict[int, Match] = {}
        for value, table, code, label in ((imo_value, self._imo, "imo", "IMO"),
                                          (mmsi_value, self._mmsi, "mmsi", "MMSI")):
            if not value:
                continue
            for row in table.get(value, []):
                if row in found or not _compatible(schema, self._schema[row]):
                    continue
                score, j, qname = self._entity_names_best(row, query_keys)
                found[row] = self._match(row, 100.0, code, f"{label} {value} is the listed "
                                         f"{label} of {self._entity(row)['name']}",
                                         qname or name, j, score)
        cand = self._candidate_set([k for k, _ in query_keys]) if query_keys else set()
        # in index order: of two names of one entity scoring the same, the first listed
        best = self._best_names(query_keys, sorted(cand), schema)
        named = []
        for row, (score, j, qname) in best.items():
            if row in found or score < threshold or self._other_ship(row, imo_value):
                continue
            named.append(self._match(
                row, score, "name",
                f"name {qname!r} ~ {self._originals[j]!r}: {score:.1f}", qname, j, score))
        named.sort(key=lambda m: (-m.score, m.row))
        maybe = self._possible(query_keys, schema, imo_value, threshold,
                               {*found, *(m.row for m in named)}) if possible else []
        ordered = list(found.values()) + named + maybe
        return ordered if limit is None else ordered[:limit]

    def _other_ship(self, row: int, imo: str | None) -> bool:
        """A listed vessel whose IMO number differs from the query's: another ship."""
        listed_imo = self._entity(row)["imo"]
        return bool(imo and self._schema[row] == Schema.VESSEL.value
                    and isinstance(listed_imo, str) and listed_imo != imo)

    def _possible(self, query_keys: list[tuple[str, str]], schema: str | None,
                  imo: str | None, threshold: float, taken: set[int]) -> list[Match]:
        """Possible matches: names one swap of adjacent letters from a query name."""
        best: dict[int, tuple[float, int, str, str]] = {}
        for qkey, qname in query_keys:
            for form in dict.fromkeys((qkey, " ".join(sorted(qkey.split())))):
                words = transpositions(form)
                vessel_words = transpositions(form, VESSEL_TRANSPOSITION_MIN_WORD)
                for variant, swap in vessel_words.items():
                    for j in self._by_key.get(variant, ()):
                        row = int(self._owner[j])
                        if (row in taken or not _compatible(schema, self._name_schema[j])
                                or self._other_ship(row, imo)
                                or (variant not in words
                                    and self._name_schema[j] != Schema.VESSEL.value)):
                            continue
                        score = similarity(qkey, self._keys[j])
                        if score < threshold and (row not in best or score > best[row][0]):
                            best[row] = (score, j, qname, swap)
        out = [self._match(row, score, "name",
                           f"name {qname!r} ~ {self._originals[j]!r}: {score:.1f}, below the "
                           f"threshold {threshold:g} but one swap of adjacent letters apart "
                           f"({swap}): a possible match to confirm", qname, j, score,
                           possible=True)
               for row, (score, j, qname, swap) in best.items()]
        out.sort(key=lambda m: (-m.score, m.row))
        return out

    def top_matches(self, names: Sequence[str], *, schema: str | None = None) -> pd.DataFrame:
        """The best name match of each query name, in one vectorised pass.

        Parameters
        ----------
        names : sequence of str
        schema : str, optional
            Key the queries as this schema (legal forms, vessel prefixes).

        Returns
        -------
        pandas.DataFrame
            One row per query: ``query`` (str), ``row`` (int, entity
            position, -1 when no candidate), ``matched_name`` (str),
            ``score`` (float, 0–100; no threshold applied).
        """
        import numpy as np
        import pandas as pd
        from rapidfuzz import fuzz, process

        all_keys = [name_key(n, schema) for n in names]
        # score each distinct key once (owners, aliases and ships repeat in real runs)
        keys = list(dict.fromkeys(all_keys))
        position = {k: i for i, k in enumerate(keys)}
        cand = self._candidate_lists(keys)
        sizes = np.fromiter((len(c) for c in cand), dtype=np.int64, count=len(cand))
        cols = np.concatenate(cand) if len(cand) else np.zeros(0, dtype=np.int64)
        seg = np.repeat(np.arange(len(keys)), sizes)
        if len(cols):  # same as similarity(), pair by pair in C
            sorted_q = np.asarray([" ".join(sorted(k.split())) for k in keys], dtype=object)
            compact_q = np.asarray([k.replace(" ", "") for k in keys], dtype=object)
            scores = np.maximum(
                process.cpdist(sorted_q[seg], self._sorted_arr[cols], scorer=fuzz.ratio,
                               workers=1),
                process.cpdist(compact_q[seg], self._compact_arr[cols], scorer=fuzz.ratio,
                               workers=1))
            number_q = np.asarray([_numbers(k) for k in keys], dtype=object)[seg]
            number_i = self._number_keys[cols]
            clash = (number_q != number_i) & (number_q != "") & (number_i != "")
            scores[clash] = np.minimum(scores[clash], NUMBER_MISMATCH_CAP)
            short_q = np.fromiter((len(c) <= SHORT_NAME for c in compact_q), dtype=bool,
                                  count=len(compact_q))[seg]
            short = (short_q | self._short[cols]) & (compact_q[seg] != self._compact_arr[cols])
            scores[short] = np.minimum(scores[short], SHORT_MISMATCH_CAP)
        else:
            scores = np.zeros(0)
        order = np.lexsort((-scores, seg))
        first = order[np.r_[0, np.cumsum(sizes)[:-1]][sizes > 0]] if len(order) else order
        best = np.zeros(len(keys))
        best_j = np.full(len(keys), -1, dtype=np.int64)
        hit = seg[first]
        best[hit] = scores[first]
        best_j[hit] = cols[first]
        index = np.fromiter((position[k] for k in all_keys), dtype=np.int64,
                            count=len(all_keys))
        best_j = best_j[index]
        rows = np.where(best_j >= 0, self._owner[np.maximum(best_j, 0)], -1) if len(
            self._owner) else np.full(len(all_keys), -1)
        matched = [self._originals[j] if j >= 0 else "" for j in best_j]
        return pd.DataFrame({"query": list(names), "row": rows, "matched_name": matched,
                             "score": best[index]})

    def name_keys(self) -> list[str]:
        """The index's name keys (one per distinct name of each entity)."""
        return list(self._keys)
