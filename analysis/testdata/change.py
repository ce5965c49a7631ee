#!/usr/bin/env python3
"""Write the fixtures for the network office's CSV figures, computed with NetworkX
(never with netgraph):

- analysis/testdata/comparison.json: pairs of networks (before, after) and how
  they changed: ties before/after, ties gained/lost, density, connected
  components, newly isolated and newly peripheral people (exactly one tie);
- edgelist/testdata/attendance.csv and attendance.json: who attended which
  event, and the co-attendance network, bipartite.weighted_projected_graph
  (weight = events shared);
- cmd/netgraph/testdata/change/: the same as CSV files for `netgraph analyse
  --baseline` (a nodes file that applies to both networks, as the command
  reads it) and `--attendance` (with the projection as an edge list).

    python3 analysis/testdata/change.py      # any NetworkX >= 2.8
"""
import csv
import json
import os
import random

import networkx as nx
from networkx.algorithms import bipartite

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def strs(G):
    H = nx.Graph()
    H.add_nodes_from(str(v) for v in G)
    H.add_edges_from((str(u), str(v)) for u, v in G.edges())
    return H


def comparison(before, after):
    directed = before.is_directed()

    def pairs(G):
        return {tuple(e) if directed else tuple(sorted(e)) for e in G.edges()}

    components = nx.number_weakly_connected_components if directed else nx.number_connected_components

    def newly(deg):
        return sorted(
            v for v in after
            if after.degree(v) == deg and not (v in before and before.degree(v) == deg)
        )

    return {
        "tiesBefore": before.number_of_edges(),
        "tiesAfter": after.number_of_edges(),
        "gained": sorted(list(p) for p in pairs(after) - pairs(before)),
        "lost": sorted(list(p) for p in pairs(before) - pairs(after)),
        "densityBefore": nx.density(before),
        "densityAfter": nx.density(after),
        "componentsBefore": components(before),
        "componentsAfter": components(after),
        "newlyIsolated": newly(0),
        "newlyPeripheral": newly(1),
    }


def case(name, before, after):
    return {
        "name": name,
        "directed": before.is_directed(),
        "before": {"nodes": list(before.nodes()), "edges": [list(e) for e in before.edges()]},
        "after": {"nodes": list(after.nodes()), "edges": [list(e) for e in after.edges()]},
        "want": comparison(before, after),
    }


def karate_year():
    """Karate club a year on: 10% of ties lost, 8 gained, two newcomers (one
    isolated, one with a single tie), one member gone."""
    rng = random.Random(7)
    before = strs(nx.karate_club_graph())
    after = before.copy()
    edges = sorted(after.edges())
    after.remove_edges_from(rng.sample(edges, len(edges) // 10))
    nodes = sorted(after.nodes())
    while after.number_of_edges() < before.number_of_edges() - len(edges) // 10 + 8:
        u, v = rng.sample(nodes, 2)
        after.add_edge(u, v)
    after.add_node("new1")
    after.add_edge("new2", "0")
    after.remove_node("33")
    return before, after


def random_pair():
    rng = random.Random(11)
    before = strs(nx.gnm_random_graph(80, 120, seed=3))
    after = before.copy()
    after.remove_edges_from(rng.sample(sorted(after.edges()), 40))
    after.add_edges_from((str(rng.randrange(80)), str(rng.randrange(80))) for _ in range(30))
    after.remove_edges_from(nx.selfloop_edges(after))
    return before, after


def advice_waves():
    """Two waves of a directed advice survey ("whom do you go to for advice?"):
    arcs dropped and added, some answers returned (reciprocated), one newcomer
    asked by nobody and asking nobody."""
    rng = random.Random(13)
    before = nx.DiGraph()
    before.add_nodes_from(str(v) for v in range(40))
    before.add_edges_from((str(u), str(v)) for u, v in nx.gnm_random_graph(40, 90, seed=5, directed=True).edges())
    after = before.copy()
    after.remove_edges_from(rng.sample(sorted(after.edges()), 25))
    for u, v in rng.sample(sorted(before.edges()), 12):
        after.add_edge(v, u)  # the advice now also goes the other way
    nodes = sorted(after.nodes())
    for _ in range(10):
        u, v = rng.sample(nodes, 2)
        after.add_edge(u, v)
    after.add_node("newcomer")
    return before, after


def write_comparisons():
    b, a = karate_year()
    db, da = advice_waves()
    cases = [
        case("KarateYearOn", b, a),
        case("RandomChurn", *random_pair()),
        case("NoChange", b, b.copy()),
        case("AllLost", b, nx.empty_graph(b.nodes())),
        case("AdviceWaves", db, da),
        case("AdviceReversed", db, db.reverse(copy=True)),
    ]
    with open(os.path.join(HERE, "comparison.json"), "w") as f:
        json.dump({"generator": "analysis/testdata/change.py", "networkx": nx.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


def write_attendance():
    rng = random.Random(5)
    people = [f"per_{i:02d}" for i in range(40)]
    rows = []
    for e in range(25):
        size = rng.choice([2, 3, 5, 8, 12])
        for p in rng.sample(people[:36], size):  # four people attend nothing
            rows.append((p, f"evt_{e:02d}"))
    rows.append(("per_00", "evt_00"))  # attending twice counts once
    rows.append(("per_39", "evt_99"))  # alone at an event: in the network, no ties
    B = nx.Graph()
    for p, e in rows:
        B.add_node(p, bipartite=0)
        B.add_node(e, bipartite=1)
        B.add_edge(p, e)
    attendees = sorted({p for p, _ in rows})
    P = bipartite.weighted_projected_graph(B, attendees)
    out = os.path.join(ROOT, "edgelist", "testdata")
    with open(os.path.join(out, "attendance.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["event", "person", "note"])
        for p, e in rows:
            w.writerow([e, p, "x"])
    with open(os.path.join(out, "attendance.json"), "w") as f:
        json.dump({
            "generator": "analysis/testdata/change.py",
            "networkx": nx.__version__,
            "people": sorted(P.nodes()),
            "ties": sorted([min(u, v), max(u, v), d["weight"]] for u, v, d in P.edges(data=True)),
        }, f, indent=1)
        f.write("\n")


def write_edges(path, G, weight=None):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "target"] + ([weight] if weight else []))
        for u, v, d in G.edges(data=True):
            w.writerow([u, v] + ([d[weight]] if weight else []))


def write_cli():
    out = os.path.join(ROOT, "cmd", "netgraph", "testdata", "change")
    os.makedirs(out, exist_ok=True)
    want = {}
    for name, (before, after) in {"karate": karate_year(), "advice": advice_waves()}.items():
        people = sorted(set(before) | set(after))
        with open(os.path.join(out, name + "-nodes.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id"])
            w.writerows([p] for p in people)
        write_edges(os.path.join(out, name + "-before.csv"), before)
        write_edges(os.path.join(out, name + "-after.csv"), after)
        before.add_nodes_from(people)
        after.add_nodes_from(people)
        c = comparison(before, after)
        c["gainedTies"], c["lostTies"] = c["gained"], c["lost"]
        c["gained"], c["lost"] = len(c["gainedTies"]), len(c["lostTies"])
        want[name] = c
    with open(os.path.join(out, "comparison.json"), "w") as f:
        json.dump({"generator": "analysis/testdata/change.py", "networkx": nx.__version__, "want": want}, f, indent=1)
        f.write("\n")
    with open(os.path.join(ROOT, "edgelist", "testdata", "attendance.json")) as f:
        projection = json.load(f)
    P = nx.Graph()
    P.add_nodes_from(projection["people"])
    P.add_weighted_edges_from(projection["ties"])
    with open(os.path.join(out, "projection-nodes.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id"])
        w.writerows([p] for p in projection["people"])
    write_edges(os.path.join(out, "projection.csv"), P, "weight")


if __name__ == "__main__":
    write_comparisons()
    write_attendance()
    write_cli()
