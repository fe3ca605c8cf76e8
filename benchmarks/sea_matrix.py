"""Batch sea-distance matrix against plain searoute, measured in one run.

150 ports spread worldwide (farthest-point sampling over searoute's own
ports that lie within 60 nm of its network, deterministic). The batch is
``voyages.sea_matrix(..., snap="nearest")``, which reproduces searoute's
semantics (nearest node, network length) with one graph search per origin;
the peer is ``searoute.searoute`` called once per pair, as a user would.
Calling searoute for all 22,350 ordered pairs takes about 19 minutes on
this machine, so it is timed on a random sample of pairs (``--sample``) and
its per-pair time is multiplied out; the distance check uses the same
sample. Also prints the time of the default ``snap="best"`` matrix and how
far its network distances lie above ``sea_route``'s (which straightens
each route; ``sea_matrix(..., straighten=True)`` gives those) on the first
``--straight`` sampled pairs, with the time per straightened pair.

    python benchmarks/sea_matrix.py [--ports 150] [--sample 300]
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from voyages._seagraph import sea_graph  # noqa: E402
from voyages.places import gazetteer  # noqa: E402
from voyages.sea import sea_matrix  # noqa: E402


def spread_ports(count: int):
    """``count`` searoute ports far apart from each other, deterministic."""
    graph = sea_graph()
    ports = [p for p in gazetteer() if p.locode and p.source.startswith("searoute")]
    near = [p for p in ports if graph.nearest(p.lon, p.lat)[1][0] < 60.0]
    lon = np.radians([p.lon for p in near])
    lat = np.radians([p.lat for p in near])
    xyz = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    chosen = [int(np.argmin([p.locode for p in near]))]  # alphabetically first as a seed
    best = np.linalg.norm(xyz - xyz[chosen[0]], axis=1)
    while len(chosen) < count:
        nxt = int(np.argmax(best))
        chosen.append(nxt)
        best = np.minimum(best, np.linalg.norm(xyz - xyz[nxt], axis=1))
    return [near[i] for i in chosen]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ports", type=int, default=150)
    parser.add_argument("--sample", type=int, default=300, help="pairs timed with plain searoute")
    parser.add_argument("--straight", type=int, default=100,
                        help="sampled pairs compared with sea_route's straightened distance")
    args = parser.parse_args()

    import searoute

    places = spread_ports(args.ports)
    sea_graph().csr(frozenset({"northwest"}))  # warm the cache once, as a session would
    searoute.searoute([0, 0], [1, 1])  # and searoute's own graph loading

    start = time.perf_counter()
    batch = sea_matrix(places, snap="nearest", progress=False)
    batch_s = time.perf_counter() - start

    start = time.perf_counter()
    best = sea_matrix(places, progress=False)
    best_s = time.perf_counter() - start

    rng = np.random.default_rng(20250108)
    n = len(places)
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    sample = [pairs[k] for k in rng.choice(len(pairs), size=min(args.sample, len(pairs)),
                                           replace=False)]
    deviations = []
    start = time.perf_counter()
    for i, j in sample:
        a, b = places[i], places[j]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            plain = searoute.searoute([a.lon, a.lat], [b.lon, b.lat], units="naut",
                                      restrictions=["northwest"])
        length = float(plain["properties"]["length"])
        ours = float(batch.iloc[i, j])
        if length > 0:
            deviations.append(abs(ours - length) / length)
    plain_s = (time.perf_counter() - start) / len(sample) * len(pairs)

    from voyages.errors import RouteError
    from voyages.sea import sea_route

    excess = []
    start = time.perf_counter()
    for i, j in sample[:args.straight]:
        try:
            straight = sea_route(places[i], places[j]).distance_nm
        except RouteError:
            continue
        excess.append(float(best.iloc[i, j]) / straight - 1.0)
    straight_s = (time.perf_counter() - start) / max(1, min(args.straight, len(sample)))
    excess = np.asarray(excess)

    dev = np.asarray(deviations)
    print(f"ports: {n}  ordered pairs: {len(pairs)}")
    print(f"sea_matrix(snap='nearest'): {batch_s:8.2f} s")
    print(f"sea_matrix(snap='best'):    {best_s:8.2f} s")
    print(f"searoute per pair:          {plain_s:8.2f} s  (extrapolated from {len(sample)} pairs)")
    print(f"speed ratio (searoute / batch nearest): {plain_s / batch_s:8.1f}x   target >= 50x")
    print(f"speed ratio (searoute / batch best):    {plain_s / best_s:8.1f}x")
    print(f"distance deviation vs searoute on {len(dev)} pairs: largest {dev.max():.3%}, "
          f"median {np.median(dev):.3%}   target <= 0.5%")
    print(f"snap='best' network distance above sea_route on {len(excess)} pairs: median "
          f"{np.median(excess):.2%}, 90th percentile {np.quantile(excess, 0.9):.2%}, "
          f"largest {excess.max():.2%}; straighten=True costs {straight_s:.3f} s a pair")


if __name__ == "__main__":
    main()
