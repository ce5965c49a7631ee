#!/usr/bin/python3
"""Write reference.json: expected analysis results computed with NetworkX.

Run from anywhere with Debian's python3-networkx 2.8.8:

    /usr/bin/python3 analysis/testdata/reference.py

Every expected value comes from NetworkX (never from netgraph), following the
weight policy and the format in docs/analysis-api.md. Unweighted graphs are
built without edge attributes; weighted graphs carry 'weight' (the tie
strength) and 'distance' = 1/weight, used by path-based metrics.
"""

import heapq
import json
import math
import os
import random
import sys

import networkx as nx
from networkx.algorithms import bipartite

# Some NetworkX sums run over sets of string ids, whose order (and so the last
# bits of the result) depends on Python's hash seed: pin it so that the file
# is reproducible byte for byte.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "reference.json")


# --- graphs ------------------------------------------------------------------


def relabel(G):
    """Copy G with string node ids, keeping node order and 'weight' only."""
    H = nx.Graph()
    H.add_nodes_from(str(v) for v in G)
    for u, v, d in G.edges(data=True):
        if "weight" in d:
            H.add_edge(str(u), str(v), weight=float(d["weight"]))
        else:
            H.add_edge(str(u), str(v))
    return H


def unweighted(G):
    """Copy G with string ids and no edge attributes (karate has weights in 2.8)."""
    H = nx.Graph()
    H.add_nodes_from(str(v) for v in G)
    H.add_edges_from((str(u), str(v)) for u, v in G.edges())
    return H


def davis_projection():
    B = nx.davis_southern_women_graph()
    women = B.graph["top"]
    return relabel(bipartite.weighted_projected_graph(B, women))


def disconnected():
    """Components of different shapes and 3 isolates; the largest is unique."""
    G = nx.Graph()
    # Largest component (10 people): two 4-cliques joined through a 2-person
    # path, so it has bridges and articulation points.
    G.add_edges_from((f"left-{i}", f"left-{j}") for i in range(4) for j in range(i + 1, 4))
    G.add_edges_from((f"right-{i}", f"right-{j}") for i in range(4) for j in range(i + 1, 4))
    G.add_edges_from([("left-0", "bridge-a"), ("bridge-a", "bridge-b"), ("bridge-b", "right-0")])
    G.add_node("isolate-1")
    G.add_edges_from((f"cycle-{i}", f"cycle-{(i + 1) % 6}") for i in range(6))  # 6-cycle
    # Star, 6 people. NetworkX 2.8.8's Les Misérables names have no spaces or
    # apostrophes, so ids with both (and a non-ASCII letter) live here.
    G.add_edges_from(("Mary O'Neil", spoke) for spoke in ["Zoë Ng", "spoke 1", "spoke 2", "spoke 3", "spoke 4"])
    G.add_node("isolate-2")
    G.add_edges_from((f"clique-{i}", f"clique-{j}") for i in range(5) for j in range(i + 1, 5))  # K5
    G.add_edges_from((f"path-{i}", f"path-{i + 1}") for i in range(3))  # path, 4 people
    G.add_edge("Jean Valjean", "Javert")
    G.add_node("isolate-3")
    return G


def weighted_gnp():
    G = nx.gnp_random_graph(120, 0.06, seed=11)
    rng = random.Random(12)
    H = nx.Graph()
    H.add_nodes_from(str(v) for v in G)
    for u, v in G.edges():
        H.add_edge(str(u), str(v), weight=float(rng.randint(1, 10)))
    return H


GRAPHS = [
    ("karate", False, lambda: unweighted(nx.karate_club_graph())),
    ("florentine", False, lambda: unweighted(nx.florentine_families_graph())),
    ("davis-women", True, davis_projection),
    ("les-miserables", True, lambda: relabel(nx.les_miserables_graph())),
    ("disconnected", False, disconnected),
    ("weighted-gnp", True, weighted_gnp),
    ("powerlaw-cluster", False, lambda: unweighted(nx.powerlaw_cluster_graph(300, 3, 0.3, seed=7))),
    ("sparse-gnp", False, lambda: unweighted(nx.gnp_random_graph(250, 0.02, seed=3))),
]


# --- metrics -----------------------------------------------------------------


def dijkstra_lengths(G, s):
    """Shortest 'distance' lengths from s, summed along the path as d[v] + 1/w."""
    dist = {s: 0.0}
    heap = [(0.0, s)]
    done = set()
    while heap:
        d, v = heapq.heappop(heap)
        if v in done:
            continue
        done.add(v)
        for w, attr in G[v].items():
            nd = d + attr["distance"]
            if w not in dist or nd < dist[w]:
                dist[w] = nd
                heapq.heappush(heap, (nd, w))
    return dist


def path_summary(G, weighted):
    """Average shortest path length and diameter of the largest component."""
    comps = sorted(nx.connected_components(G), key=len, reverse=True)
    if len(comps) > 1 and len(comps[0]) == len(comps[1]):
        sys.exit("largest component is not unique")
    C = G.subgraph(comps[0])
    n = len(C)
    if not weighted:
        return nx.average_shortest_path_length(C), float(nx.diameter(C))
    total, diameter = 0.0, 0.0
    for s in C:
        dist = dijkstra_lengths(C, s)
        total += sum(dist.values())
        diameter = max(diameter, max(dist.values()))
    apl = total / (n * (n - 1))
    check = nx.average_shortest_path_length(C, weight="distance")
    if not math.isclose(apl, check, rel_tol=1e-12):
        sys.exit(f"average path length {apl} != NetworkX {check}")
    return apl, diameter


def best_louvain_modularity(G):
    best = -math.inf
    for seed in range(10):
        comms = nx.community.louvain_communities(G, weight="weight", seed=seed)
        best = max(best, nx.community.modularity(G, comms, weight="weight"))
    return best


def near_ties(G):
    """Count shortest-path predecessors that are ties only up to rounding.

    NetworkX's Dijkstra counts a second shortest path only when the float sums
    are exactly equal; an implementation comparing with a tolerance would
    count these as well and get different betweenness.
    """
    count = 0
    for s in G:
        dist = dijkstra_lengths(G, s)
        for v, dv in dist.items():
            for w, attr in G[v].items():
                alt, dw = dv + attr["distance"], dist[w]
                if alt != dw and abs(alt - dw) <= 1e-9 * max(1.0, dw):
                    count += 1
    return count


def analyse(name, weighted, G):
    n, m = G.number_of_nodes(), G.number_of_edges()
    w = "weight" if weighted else None
    dist = "distance" if weighted else None
    if weighted:
        for u, v, d in G.edges(data=True):
            d["distance"] = 1.0 / d["weight"]

    degree = dict(G.degree())
    betweenness = nx.betweenness_centrality(G, normalized=True, weight=dist)
    node_metrics = {
        "degree": degree,
        "strength": {v: float(s) for v, s in G.degree(weight=w)},
        "betweenness": betweenness,
        "closeness": nx.closeness_centrality(G, distance=dist, wf_improved=True),
        "harmonic": nx.harmonic_centrality(G, distance=dist),
        "eigenvector": nx.eigenvector_centrality(G, weight=w, max_iter=10000, tol=1e-12),
        "pagerank": nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-13, max_iter=10000),
        "core": nx.core_number(G),
        "clustering": nx.clustering(G),
        "constraint": nx.constraint(G, weight=w),
        "effectiveSize": nx.effective_size(G, weight=w),
    }

    comps = list(nx.connected_components(G))
    apl, diameter = path_summary(G, weighted)
    dmax, bmax = max(degree.values()), max(betweenness.values())
    graph_metrics = {
        "nodes": n,
        "edges": m,
        "density": nx.density(G),
        "components": len(comps),
        "largestComponentShare": max(len(c) for c in comps) / n,
        "averageClustering": nx.average_clustering(G),
        "transitivity": nx.transitivity(G),
        "articulationPoints": sorted(nx.articulation_points(G)),
        "bridges": sorted(sorted(e) for e in nx.bridges(G)),
        "averagePathLength": apl,
        "diameter": diameter,
        "degreeCentralization": sum(dmax - d for d in degree.values()) / ((n - 1) * (n - 2)),
        "betweennessCentralization": sum(bmax - b for b in betweenness.values()) / (n - 1),
        "louvainModularity": best_louvain_modularity(G),
    }
    if weighted:
        print(f"{name}: {near_ties(G)} shortest-path near-ties (equal only up to rounding)", file=sys.stderr)

    edges = [[u, v, float(d["weight"]) if weighted else 1.0] for u, v, d in G.edges(data=True)]
    return {
        "name": name,
        "weighted": weighted,
        "nodes": list(G.nodes()),
        "edges": edges,
        "nodeMetrics": {k: {v: null_nan(x) for v, x in vals.items()} for k, vals in node_metrics.items()},
        "graphMetrics": graph_metrics,
    }


def null_nan(x):
    return None if isinstance(x, float) and math.isnan(x) else x


def main():
    graphs = []
    for name, weighted, make in GRAPHS:
        G = make()
        graphs.append(analyse(name, weighted, G))
        print(f"{name}: {G.number_of_nodes()} people, {G.number_of_edges()} ties", file=sys.stderr)
    doc = {
        "generator": {"networkx": nx.__version__, "script": "analysis/testdata/reference.py"},
        "graphs": graphs,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(render(doc) + "\n")


def render(x, depth=0):
    """JSON with sorted keys, one map entry or one edge per line.

    Floats are written with repr (shortest round-trip form); NaN was turned
    into null above, and allow_nan=False proves none is left.
    """
    pad, inner = " " * depth, " " * (depth + 1)
    if isinstance(x, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {render(x[k], depth + 1)}" for k in sorted(x)]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(x, list) and any(isinstance(e, (list, dict)) for e in x):
        return "[\n" + ",\n".join(inner + render(e, depth + 1) for e in x) + "\n" + pad + "]"
    return json.dumps(x, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


if __name__ == "__main__":
    main()
