"""Time ``voyages.land_route`` against a bare networkx shortest path on the same graph.

The peer is what our wrapper adds nothing to: ``nx.shortest_path`` on the
cached corridor graph with node keys already known. The ratio is the price
of place resolution (gazetteer look-up, fuzzy matching off), leg building
and the estimate fallback. Run from the repository root:

    python benchmarks/land_route.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from voyages.land import _graph, land_route  # noqa: E402

PAIRS = [("Conakry", "Bamako"), ("Bamako", "Conakry"), ("Conakry", "Kourémalé"),
         ("Kouroussa", "Siguiri"), ("Coyah", "Kankan")]
ROUNDS = 200


def _time(fn) -> float:
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for a, b in PAIRS:
            fn(a, b)
    return (time.perf_counter() - start) / (ROUNDS * len(PAIRS))


def main() -> None:
    t0 = time.perf_counter()
    land_route("Conakry", "Bamako")  # builds the gazetteer and the graph once
    cold = time.perf_counter() - t0
    graph = _graph("road")
    keys = {n: n for n in graph.nodes}
    keys.update({graph.nodes[n]["place"].name: n for n in graph.nodes})
    ours = _time(lambda a, b: land_route(a, b))
    peer = _time(lambda a, b: nx.shortest_path(graph, keys[a], keys[b], weight="weight"))
    print(f"first call (gazetteer + graph build): {cold * 1000:.0f} ms")
    print(f"land_route per pair:        {ours * 1e6:8.1f} µs")
    print(f"nx.shortest_path per pair:  {peer * 1e6:8.1f} µs")
    print(f"ratio land_route / networkx: {ours / peer:.1f}x")


if __name__ == "__main__":
    main()
