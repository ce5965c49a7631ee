#!/usr/bin/python3
"""Write leiden.json: the modularity igraph's Leiden reaches on the test networks.

Run from anywhere with python-igraph 1.0.0 (pip install igraph==1.0.0):

    python3 analysis/testdata/leiden.py

For each network of reference.json (karate, Florentine families, Davis's
women, Les Misérables, the disconnected and generated ones) and a planted
10,000-person network, it records two figures of
Graph.community_leiden(objective_function="modularity", weights=strength),
computed by Graph.modularity over ten seeds of Python's random module, which
igraph draws from:

- leidenModularity: the mean with igraph's defaults (n_iterations=2), what a
  user of igraph gets;
- leidenStableBest: the best with n_iterations=-1 (until the partition is
  stable), the most igraph reaches.

Every value comes from igraph, never from netgraph.

The planted network is generated here and, identically, by plantedNetwork in
analysis/louvain_test.go, from a SplitMix64 stream: person v (of 10,000) is in
group v // 100 and makes 5 ties, each, when the draw r satisfies r % 5 < 3, to
person 100 * (v // 100) + next % 100 of its own group, and otherwise to
person next % 10000; ties to oneself and repeated ties are skipped. The
number of ties and a checksum of them are recorded so that the Go test can
tell that both generated the same network.
"""

import json
import os
import random

import igraph as ig

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "leiden.json")
MASK = (1 << 64) - 1


def splitmix64(seed):
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def planted(n=10000, group=100, ties=5, seed=42):
    draw = splitmix64(seed)
    seen, edges = set(), []
    for v in range(n):
        for _ in range(ties):
            if next(draw) % 5 < 3:
                u = group * (v // group) + next(draw) % group
            else:
                u = next(draw) % n
            pair = (min(u, v), max(u, v))
            if u == v or pair in seen:
                continue
            seen.add(pair)
            edges.append(pair)
    return edges


def checksum(edges, n):
    """Sum over ties of (a * n + b), a < b, modulo 2^61 - 1."""
    return sum(a * n + b for a, b in edges) % ((1 << 61) - 1)


def leiden(G, weights):
    """The mean modularity with defaults and the best until stable, over ten seeds."""
    default, stable = [], []
    for seed in range(10):
        for iterations, out in ((2, default), (-1, stable)):
            random.seed(seed)
            part = G.community_leiden(objective_function="modularity", weights=weights, n_iterations=iterations)
            out.append(G.modularity(part.membership, weights=weights))
    return {"leidenModularity": sum(default) / len(default), "leidenStableBest": max(stable)}


def main():
    with open(os.path.join(HERE, "reference.json")) as f:
        reference = json.load(f)
    networks = []
    for r in reference["graphs"]:
        index = {v: i for i, v in enumerate(r["nodes"])}
        G = ig.Graph(n=len(r["nodes"]), edges=[(index[a], index[b]) for a, b, _ in r["edges"]])
        weights = [w for _, _, w in r["edges"]] if r["weighted"] else None
        networks.append({"name": r["name"], **leiden(G, weights)})

    n = 10000
    edges = planted(n)
    G = ig.Graph(n=n, edges=edges)
    networks.append({
        "name": "planted-10000",
        "people": n,
        "ties": len(edges),
        "checksum": checksum(edges, n),
        **leiden(G, None),
    })

    doc = {
        "generator": {"igraph": ig.__version__, "script": "analysis/testdata/leiden.py"},
        "networks": networks,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
