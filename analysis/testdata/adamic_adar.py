#!/usr/bin/python3
"""Write adamic_adar.json: NetworkX's Adamic–Adar index for every pair of
people in Zachary's karate club, the reference for analysis.AdamicAdar.

Run from anywhere with Debian's python3-networkx 2.8.8:

    /usr/bin/python3 analysis/testdata/adamic_adar.py

The graph is written alongside the values (people as strings "0".."33", ties
unweighted) so that the Go test rebuilds exactly the graph NetworkX scored.
"""

import json
import os
import sys

import networkx as nx

# The index sums over a set of string ids, whose order (and so the last bits of
# the sum) depends on Python's hash seed: pin it so that the file is
# reproducible byte for byte.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "adamic_adar.json")


def main():
    K = nx.karate_club_graph()
    G = nx.Graph()
    G.add_nodes_from(str(v) for v in K)
    G.add_edges_from((str(u), str(v)) for u, v in K.edges())
    nodes = list(G.nodes())
    pairs = [(u, v) for i, u in enumerate(nodes) for v in nodes[i + 1:]]
    doc = {
        "generator": {"networkx": nx.__version__, "script": "analysis/testdata/adamic_adar.py",
                      "function": "networkx.adamic_adar_index(G, ebunch=every pair)"},
        "graph": "karate",
        "nodes": nodes,
        "edges": sorted([sorted([u, v], key=int) for u, v in G.edges()], key=lambda e: (int(e[0]), int(e[1]))),
        "pairs": [[u, v, float(p)] for u, v, p in nx.adamic_adar_index(G, pairs)],
    }
    # One pair per line keeps the file readable and its diffs small.
    lines = []
    for key, value in doc.items():
        if isinstance(value, list) and value and isinstance(value[0], list):
            items = ",\n  ".join(json.dumps(x) for x in value)
            lines.append(" %s: [\n  %s\n ]" % (json.dumps(key), items))
        else:
            lines.append(" %s: %s" % (json.dumps(key), json.dumps(value)))
    with open(OUT, "w") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    main()
