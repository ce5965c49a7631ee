#!/usr/bin/env python3
"""Reads netgraph's GEXF and GraphML files with independent readers and prints
what they saw as JSON, for graphfile's read-back test to compare with what was
written.

    readback.py GEXF_FILE GRAPHML_FILE

Prints {"networkx-gexf": G, "networkx-graphml": G, "igraph-graphml": G} where G is
{"directed": bool, "nodes": {id: {attr: value}}, "edges": [[source, target, {attr: value}]]}.
NetworkX reads both formats (read_gexf, read_graphml); igraph reads GraphML
(Graph.Read_GraphML). Needs networkx >= 3.3 (GEXF 1.3) and igraph.
"""
import json
import sys

import networkx as nx


def from_networkx(g):
    nodes = {str(n): dict(d) for n, d in g.nodes(data=True)}
    if g.is_multigraph():
        edges = [[str(u), str(v), dict(d)] for u, v, _, d in g.edges(keys=True, data=True)]
    else:
        edges = [[str(u), str(v), dict(d)] for u, v, d in g.edges(data=True)]
    return {"directed": g.is_directed(), "nodes": nodes, "edges": edges}


def from_igraph(path):
    import igraph

    g = igraph.Graph.Read_GraphML(path)
    nodes = {}
    for v in g.vs:
        attrs = dict(v.attributes())
        node_id = attrs.pop("id")
        nodes[node_id] = {k: val for k, val in attrs.items() if val is not None and val == val}
    edges = []
    for e in g.es:
        attrs = {k: val for k, val in e.attributes().items() if val is not None and val == val and k != "id"}
        edges.append([g.vs[e.source]["id"], g.vs[e.target]["id"], attrs])
    return {"directed": g.is_directed(), "nodes": nodes, "edges": edges}


def main():
    gexf, graphml = sys.argv[1], sys.argv[2]
    out = {
        "networkx-gexf": from_networkx(nx.read_gexf(gexf)),
        "networkx-graphml": from_networkx(nx.read_graphml(graphml)),
        "igraph-graphml": from_igraph(graphml),
    }
    json.dump(out, sys.stdout, sort_keys=True, default=str)


if __name__ == "__main__":
    main()
