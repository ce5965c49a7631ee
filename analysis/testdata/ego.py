#!/usr/bin/env python3
"""Write ego.json: ego networks computed with NetworkX's ego_graph.

Run from anywhere with NetworkX (3.6.1: pip install networkx==3.6.1):

    python3 analysis/testdata/ego.py

For a few people of each graph (the most tied, the least tied, one in the
middle) and radius 1, 2 and 3, the people of nx.ego_graph(G, n, radius) and
its ties, never from netgraph. People are numbered in node order, as
netgraph's snapshot numbers them.
"""

import json
import os

import networkx as nx

from keyplayer import GRAPHS as KEY_PLAYER_GRAPHS  # the same graphs, loaded the same way

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "ego.json")

GRAPHS = [(name, make) for name, make in KEY_PLAYER_GRAPHS
          if name in ("karate", "les miserables", "florentine families")]


def main():
    out = []
    for name, make in GRAPHS:
        G = make()
        order = list(G)
        by_degree = sorted(order, key=lambda v: (-G.degree(v), order.index(v)))
        egos = []
        for n in (by_degree[0], by_degree[len(by_degree) // 2], by_degree[-1]):
            for radius in (1, 2, 3):
                E = nx.ego_graph(G, n, radius=radius)
                egos.append({
                    "person": n,
                    "radius": radius,
                    "people": sorted(E.nodes(), key=order.index),
                    "ties": sorted(sorted([u, v], key=order.index) for u, v in E.edges()),
                })
        out.append({
            "name": name,
            "nodes": order,
            "edges": [[u, v] for u, v in G.edges()],
            "egos": egos,
        })
    with open(OUT, "w") as f:
        json.dump({"source": f"NetworkX {nx.__version__}", "graphs": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
