#!/usr/bin/python3
"""Write keyplayer.json: Borgatti's key-player figures computed with NetworkX.

Run from anywhere with Debian's python3-networkx (2.8.8):

    /usr/bin/python3 analysis/testdata/keyplayer.py

Every expected value is computed here from NetworkX's connected components and
shortest path lengths, never from netgraph:

- fragmentation F = 1 - sum_k s_k (s_k - 1) / (n (n - 1)) over the components
  of the n people left (0 when fewer than 2 are left);
- distance fragmentation DF = 1 - sum_{i != j} (1 / d_ij) / (n (n - 1)), hops,
  1/inf = 0 (0 when fewer than 2 are left);
- who is cut off: people left who were in the component of the largest
  remaining one (of equal largest, the one holding the earliest person in
  node order) and are not in it now;
- greedy key-player sets by brute force: KPP-Neg adds, at each step, the person
  whose leaving (with those chosen) leaves the fewest pairs within components
  (the highest F), ties to the one with most ties to people still there, then
  the earliest; KPP-Pos adds the person bringing the most people not yet
  within `steps` of the set (counting themselves), ties to the earliest.

People are numbered in node order, as netgraph's snapshot numbers them.
"""

import json
import os
import random

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "keyplayer.json")


def relabel(G):
    H = nx.Graph()
    H.add_nodes_from(str(v) for v in G)
    H.add_edges_from((str(u), str(v)) for u, v in G.edges())
    return H


def disconnected():
    G = nx.Graph()
    G.add_edges_from((f"left-{i}", f"left-{j}") for i in range(4) for j in range(i + 1, 4))
    G.add_edges_from((f"right-{i}", f"right-{j}") for i in range(4) for j in range(i + 1, 4))
    G.add_edges_from([("left-0", "bridge-a"), ("bridge-a", "bridge-b"), ("bridge-b", "right-0")])
    G.add_node("isolate-1")
    G.add_edges_from((f"cycle-{i}", f"cycle-{(i + 1) % 6}") for i in range(6))
    G.add_edges_from(("hub", f"spoke-{i}") for i in range(5))
    G.add_edges_from((f"path-{i}", f"path-{i + 1}") for i in range(3))
    return G


def two_equal_halves():
    """Two 5-cycles joined through one person: removing them leaves two
    components of equal size."""
    G = nx.Graph()
    G.add_edges_from((f"a{i}", f"a{(i + 1) % 5}") for i in range(5))
    G.add_edges_from((f"b{i}", f"b{(i + 1) % 5}") for i in range(5))
    G.add_edges_from([("a0", "joint"), ("joint", "b0")])
    return G


GRAPHS = [
    ("karate", lambda: relabel(nx.karate_club_graph())),
    ("les miserables", lambda: relabel(nx.les_miserables_graph())),
    ("florentine families", lambda: relabel(nx.florentine_families_graph())),
    ("disconnected", disconnected),
    ("two equal halves", two_equal_halves),
    ("random tree", lambda: relabel(nx.random_tree(60, seed=3))),
    ("sparse random", lambda: relabel(nx.gnp_random_graph(150, 0.015, seed=12))),
]


def fragmentation(H):
    n = H.number_of_nodes()
    if n < 2:
        return 0.0
    within = sum(len(c) * (len(c) - 1) for c in nx.connected_components(H))
    return 1 - within / (n * (n - 1))


def distance_fragmentation(H):
    n = H.number_of_nodes()
    if n < 2:
        return 0.0
    # Sum per source in node order, each source's terms in distance order
    # (exact sums of count/distance), as a reproducible order.
    total = 0.0
    for s in H:
        counts = {}
        for t, d in nx.single_source_shortest_path_length(H, s).items():
            if d > 0:
                counts[d] = counts.get(d, 0) + 1
        total += sum(c / d for d, c in sorted(counts.items()))
    return 1 - total / (n * (n - 1))


def without(G, removed):
    H = G.copy()
    H.remove_nodes_from(removed)
    return H


def what_if(G, order, removed):
    H = without(G, removed)
    comps = [set(c) for c in nx.connected_components(H)]
    cut_off = []
    if comps:
        rank = {v: i for i, v in enumerate(order)}
        largest = max(len(c) for c in comps)
        biggest = min((c for c in comps if len(c) == largest), key=lambda c: min(rank[v] for v in c))
        before = nx.node_connected_component(G, next(iter(biggest)))
        cut_off = sorted((v for v in before if v in H and v not in biggest), key=rank.get)
    return {
        "removed": sorted(removed, key=order.index),
        "components": len(comps),
        "fragmentation": fragmentation(H),
        "distanceFragmentation": distance_fragmentation(H),
        "cutOff": cut_off,
    }


def kpp_neg(G, order, k):
    chosen = []
    for _ in range(min(k, len(order))):
        H = without(G, chosen)
        best = None
        for v in order:
            if v in chosen:
                continue
            pairs = sum(len(c) * (len(c) - 1) for c in nx.connected_components(without(H, [v])))
            key = (pairs, -H.degree(v))
            if best is None or key < best[0]:
                best = (key, v)
        chosen.append(best[1])
    return {"k": k, "set": chosen, "fragmentation": fragmentation(without(G, chosen))}


def kpp_pos(G, order, k, steps):
    balls = {v: set(nx.single_source_shortest_path_length(G, v, cutoff=steps)) for v in order}
    chosen, reached = [], set()
    for _ in range(min(k, len(order))):
        best = None
        for v in order:
            if v in chosen:
                continue
            gain = len(balls[v] - reached)
            if best is None or gain > best[0]:
                best = (gain, v)
        chosen.append(best[1])
        reached |= balls[best[1]]
    outside = len(order) - len(chosen)
    return {"k": k, "steps": steps, "set": chosen, "reached": len(reached) - len(chosen),
            "reach": (len(reached) - len(chosen)) / outside if outside else 1.0,
            "fragmentation": fragmentation(without(G, chosen))}


def main():
    rng = random.Random(12)
    out = []
    for name, make in GRAPHS:
        G = make()
        order = list(G)
        top = sorted(order, key=lambda v: (-G.degree(v), order.index(v)))
        cuts = sorted(nx.articulation_points(G), key=order.index)
        removals = [[], [top[0]], top[:3], rng.sample(order, max(1, len(order) // 5)), order[1:]]
        if cuts:
            removals.append([cuts[len(cuts) // 2]])
        out.append({
            "name": name,
            "nodes": order,
            "edges": [[u, v] for u, v in G.edges()],
            "fragmentation": fragmentation(G),
            "distanceFragmentation": distance_fragmentation(G),
            "whatIf": [what_if(G, order, r) for r in removals],
            "kppNeg": [kpp_neg(G, order, k) for k in (1, 2, 4)],
            "kppPos": [kpp_pos(G, order, k, m) for k in (1, 3) for m in (1, 2)],
        })
    with open(OUT, "w") as f:
        json.dump({"source": f"NetworkX {nx.__version__}", "graphs": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
