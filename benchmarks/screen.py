"""Screening speed and top-match agreement, against an exhaustive rapidfuzz peer.

Index: the OFAC SDN legacy CSV of 2024-07-02 (15,443 entries), the
OpenSanctions ua_war_sanctions targets.simple.csv (5,600) and the UN
consolidated list (1,003) from ../shared/data/sanctions — over 20,000
entities. Queries: 10,000 names drawn (fixed seed) from the UK Sanctions
List ODS, the OFAC Consolidated CSV and the index itself, a third of them
altered (word order swapped, lower-cased, one character dropped), as a
screening run meets them.

Measured on one core (the process is pinned to one CPU when the OS allows):

- voyages: ``Screener.top_matches`` over the 10,000 names (index built once,
  its build time printed separately);
- peer: exhaustive ``rapidfuzz.process.cdist`` computing the same score
  (:func:`voyages.sanctions.match.similarity`) against every name key, on a
  sample of the queries; the agreement rate is the share of sampled queries whose top
  score is the same in both (ties between equally scored entities count as
  agreement), and the share with the same top entity.

Run from the repository root: ``python benchmarks/screen.py``. Skips with a
message when the shared data folder is absent.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_CANDIDATES = ([Path(os.environ["VOYAGES_SHARED_DATA"])] if "VOYAGES_SHARED_DATA" in os.environ
               else [ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data"])
DATA = next((c for c in _CANDIDATES if c.is_dir()), _CANDIDATES[0]) / "sanctions"
INDEX_FILES = (
    "ofac_sdn_csv_2024-07-02/sdn.csv",
    "opensanctions_ua_war_sanctions_2026-03-13/targets.simple.csv",
    "un_consolidated_2026-02-27/consolidated.xml",
)
QUERY_FILES = (
    "uk_fcdo_sanctions_list_ods_2025-08-11/FCDO_SL_2025-08-11.ods",
    "ofac_cons_csv_2025-12-19/cons_prim.csv",
)
N_QUERIES = 10_000
N_EXHAUSTIVE = 300
SEED = 20250103


def _alter(name: str, rng: random.Random) -> str:
    words = name.split()
    choice = rng.randrange(3)
    if choice == 0 and len(words) > 1:
        words[0], words[-1] = words[-1], words[0]
        return " ".join(words)
    if choice == 1:
        return name.lower()
    if len(name) > 4:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1:]
    return name


def main() -> int:
    missing = [f for f in INDEX_FILES + QUERY_FILES if not (DATA / f).exists()]
    if missing:
        print(f"skipped: shared sanctions data not found under {DATA} ({missing[0]})")
        return 0
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        pinned = "pinned to one CPU"
    except (AttributeError, OSError):
        pinned = "not pinned (no sched_setaffinity)"
    import pandas as pd
    from rapidfuzz import fuzz, process

    from voyages.sanctions.lists import load_list
    from voyages.sanctions.match import Screener
    from voyages.sanctions.names import name_key

    t0 = time.perf_counter()
    index = pd.concat([load_list(DATA / f) for f in INDEX_FILES], ignore_index=True)
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    screener = Screener(index)
    t_index = time.perf_counter() - t0
    print(f"index: {len(index):,} entities, {len(screener.name_keys()):,} names "
          f"(load {t_load:.1f} s, index build {t_index:.1f} s); {pinned}")

    rng = random.Random(SEED)
    pool = [n for f in QUERY_FILES for n in load_list(DATA / f)["name"].dropna().tolist()]
    pool += index["name"].dropna().sample(n=4000, random_state=SEED).tolist()
    queries = [rng.choice(pool) for _ in range(N_QUERIES)]
    queries = [_alter(q, rng) if rng.random() < 1 / 3 else q for q in queries]
    name_key.cache_clear()

    t0, c0 = time.perf_counter(), time.process_time()
    ours = screener.top_matches(queries)
    t_ours, c_ours = time.perf_counter() - t0, time.process_time() - c0
    rate = len(queries) / t_ours
    unique = len({name_key(q, None) for q in queries})
    print(f"voyages Screener.top_matches: {len(queries):,} names ({unique:,} distinct keys) "
          f"in {t_ours:.2f} s "
          f"= {rate:,.0f} names/s wall; CPU {c_ours:.2f} s = {len(queries) / c_ours:,.0f} "
          f"names per CPU-second (target >= 5,000 on one core)")

    sample = rng.sample(range(len(queries)), N_EXHAUSTIVE)
    import numpy as np

    from voyages.sanctions.match import (
        NUMBER_MISMATCH_CAP,
        SHORT_MISMATCH_CAP,
        SHORT_NAME,
        _numbers,
    )

    keys = screener.name_keys()
    sorted_keys = [" ".join(sorted(k.split())) for k in keys]
    compact_keys = [k.replace(" ", "") for k in keys]
    number_keys = np.asarray([_numbers(k) for k in keys], dtype=object)
    compact_arr = np.asarray(compact_keys, dtype=object)
    short_keys = np.asarray([len(c) <= SHORT_NAME for c in compact_keys])
    owners = screener._owner
    same_score = same_entity = matched = matched_same = 0
    threshold = screener.threshold
    t0, c0 = time.perf_counter(), time.process_time()
    for i in sample:  # exhaustive: the same similarity() against every name key, in C
        key = name_key(queries[i], None)
        scores = np.maximum(
            process.cdist([" ".join(sorted(key.split()))], sorted_keys, scorer=fuzz.ratio,
                          workers=1)[0],
            process.cdist([key.replace(" ", "")], compact_keys, scorer=fuzz.ratio,
                          workers=1)[0])
        numbers = _numbers(key)
        if numbers:
            clash = (number_keys != numbers) & (number_keys != "")
            scores[clash] = np.minimum(scores[clash], NUMBER_MISMATCH_CAP)
        compact = key.replace(" ", "")
        short = ((len(compact) <= SHORT_NAME) | short_keys) & (compact_arr != compact)
        scores[short] = np.minimum(scores[short], SHORT_MISMATCH_CAP)
        j = int(np.argmax(scores))
        score = float(scores[j])
        agree = abs(score - ours.at[i, "score"]) < 1e-3  # ties between entities count
        same_score += agree
        same_entity += int(owners[j]) == ours.at[i, "row"]
        if score >= threshold:
            matched += 1
            matched_same += agree
    t_peer, c_peer = time.perf_counter() - t0, time.process_time() - c0
    peer_rate = N_EXHAUSTIVE / t_peer
    print(f"exhaustive rapidfuzz cdist: {N_EXHAUSTIVE} names in {t_peer:.2f} s "
          f"= {peer_rate:,.1f} names/s wall, {N_EXHAUSTIVE / c_peer:,.1f} per CPU-second")
    print(f"speed ratio voyages / exhaustive: {rate / peer_rate:,.0f}x wall, "
          f"{(len(queries) / c_ours) / (N_EXHAUSTIVE / c_peer):,.0f}x CPU")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs during the run)")
    print(f"top-match agreement on {N_EXHAUSTIVE} sampled queries: same top score "
          f"{same_score / N_EXHAUSTIVE:.1%}, same top entity {same_entity / N_EXHAUSTIVE:.1%}")
    if matched:
        print(f"  among the {matched} whose exhaustive top score reaches the threshold "
              f"({threshold:g}): same top score {matched_same / matched:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
