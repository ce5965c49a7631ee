#!/usr/bin/env python3
"""Measure netgraph's introduction score as a link predictor.

For each network (Zachary's karate club, Les Misérables, the demo) and seed,
hide 10% of the ties (random.Random(seed).sample), rank every pair of people
not tied in what is left by each predictor, and report precision@10 (how many
of the 10 best-ranked pairs are hidden ties) and AUC (the chance that a hidden
tie outranks a pair never tied, ties in score counting half), averaged over
the seeds. Predictors: netgraph's score (bench/introductions, main.go, which
uses analysis.IntroductionScorer on the same pairs, with the demo's profiles:
organisations, sectors, regions, interests) against NetworkX's
resource_allocation_index, adamic_adar_index and common neighbours
(len(nx.common_neighbors)). Equal scores are ordered by the pair (i, j) for
precision@10, the same for every predictor.

    python3 bench/introductions/measure.py --seeds 40
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def build(tmp):
    exe = os.path.join(tmp, "introductions")
    subprocess.run(["go", "build", "-o", exe, "./bench/introductions"], cwd=ROOT, check=True)
    return exe


def networks(exe):
    """Yields (name, nodes, edges): nodes are profiles, edges pairs of places."""
    for name, g in (("karate club", nx.karate_club_graph()), ("Les Misérables", nx.les_miserables_graph())):
        g = nx.convert_node_labels_to_integers(g, ordering="sorted")
        yield name, [{"id": str(v)} for v in range(g.number_of_nodes())], sorted(tuple(sorted(e)) for e in g.edges())
    d = json.loads(subprocess.run([exe, "-demo"], check=True, capture_output=True, text=True).stdout)
    yield "demo", d["nodes"], sorted(tuple(sorted(e)) for e in d["edges"])


def precision_at(scores, hidden, pairs, k=10):
    order = sorted(range(len(pairs)), key=lambda i: (-scores[i], pairs[i]))
    return sum(pairs[i] in hidden for i in order[:k]) / k


def auc(scores, hidden, pairs):
    """Mann–Whitney U over hidden ties (positives) and the other pairs."""
    order = sorted(range(len(pairs)), key=lambda i: scores[i])
    rank = [0.0] * len(pairs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            rank[order[k]] = (i + j) / 2 + 1
        i = j + 1
    pos = [rank[i] for i in range(len(pairs)) if pairs[i] in hidden]
    n_pos, n_neg = len(pos), len(pairs) - len(pos)
    return (sum(pos) - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=40)
    ap.add_argument("--hide", type=float, default=0.1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        exe = build(tmp)
        rows = []
        for name, nodes, edges in networks(exe):
            sums = {}
            for seed in range(args.seeds):
                hidden = set(random.Random(seed).sample(edges, round(args.hide * len(edges))))
                train = nx.Graph()
                train.add_nodes_from(range(len(nodes)))
                train.add_edges_from(e for e in edges if e not in hidden)
                pairs = [(u, v) for u in range(len(nodes)) for v in range(u + 1, len(nodes)) if not train.has_edge(u, v)]
                out = subprocess.run([exe], input=json.dumps({"nodes": nodes, "edges": list(train.edges()), "pairs": pairs}),
                                     check=True, capture_output=True, text=True).stdout
                scores = {
                    "netgraph": json.loads(out)["scores"],
                    "resource allocation": [s for _, _, s in nx.resource_allocation_index(train, pairs)],
                    "Adamic–Adar": [s for _, _, s in nx.adamic_adar_index(train, pairs)],
                    "common neighbours": [len(list(nx.common_neighbors(train, u, v))) for u, v in pairs],
                }
                for peer, s in scores.items():
                    p, a = sums.get(peer, (0.0, 0.0))
                    sums[peer] = (p + precision_at(s, hidden, pairs), a + auc(s, hidden, pairs))
            for peer, (p, a) in sums.items():
                rows.append((name, len(nodes), len(edges), peer, p / args.seeds, a / args.seeds))
            print(f"{name}: done", file=sys.stderr)
    print(f"{args.seeds} seeds, {args.hide:.0%} of ties hidden\n")
    print("| network | people | ties | predictor | precision@10 | AUC |")
    print("|---|---|---|---|---|---|")
    for name, n, m, peer, p, a in rows:
        print(f"| {name} | {n} | {m} | {peer} | {p:.3f} | {a:.3f} |")


if __name__ == "__main__":
    main()
