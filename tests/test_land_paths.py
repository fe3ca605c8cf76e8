"""Corridor shortest paths remembered in the user cache give networkx's paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from voyages import land
from voyages._cache import cache_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh_cache(empty_cache):
    return empty_cache(land._path_store)


def _pairs(mode):
    keys = list(land._corridor_map(mode)[0])
    return [(a, b) for a in keys for b in keys if a != b]


@pytest.mark.parametrize("mode", ["road", "rail"])
def test_paths_are_networkx_shortest_paths_first_and_from_the_cache(fresh_cache, mode):
    graph = land._graph(mode)
    pairs = _pairs(mode)
    assert pairs
    expected = {}
    for a, b in pairs:
        try:
            expected[a, b] = nx.shortest_path(graph, a, b, weight="weight")
        except nx.NetworkXNoPath:
            expected[a, b] = None
    assert {p: land._shortest_nodes(mode, *p) for p in pairs} == expected
    land._path_store.cache_clear()  # a new process: read back from the file
    assert {p: land._shortest_nodes(mode, *p) for p in pairs} == expected
    assert len(list(cache_dir().glob(f"land-paths-{mode}-*.json"))) == 1


def test_graph_is_the_corridor_map():
    for mode in ("road", "rail"):
        places, edges = land._corridor_map(mode)
        graph = land._graph(mode)
        assert list(graph.nodes) == list(places)
        assert {frozenset(e) for e in graph.edges} == {frozenset(e) for e in edges}
        for (a, b), (weight, link) in edges.items():
            assert graph[a][b]["weight"] == weight and graph[a][b]["link"] is link


def test_a_wrong_remembered_path_is_recomputed(fresh_cache):
    a, b = "GNCKY", "Bamako"
    right = land._shortest_nodes("road", a, b)
    assert right and right[0] == a and right[-1] == b and len(right) > 2
    (path,) = cache_dir().glob("land-paths-road-*.json")
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored[f"{a}\n{b}"] = {"nodes": [a, b]}  # no such corridor edge
    path.write_text(json.dumps(stored), encoding="utf-8")
    land._path_store.cache_clear()
    assert land._shortest_nodes("road", a, b) == right


def test_a_remembered_route_needs_no_networkx(tmp_path):
    code = ("import sys\n"
            "from voyages.land import land_route\n"
            "route = land_route('Conakry', 'Bamako')\n"
            "print(route.distance_km_min, 'networkx' in sys.modules)")
    env = {**os.environ, "VOYAGES_CACHE_DIR": str(tmp_path)}
    first, second = (subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                                    capture_output=True, text=True).stdout.split()
                     for _ in range(2))
    assert first[0] == second[0]
    assert (first[1], second[1]) == ("True", "False")
