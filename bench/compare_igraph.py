#!/usr/bin/python3
"""Time netgraph against python-igraph on the same CSV edge lists.

Run from anywhere with Debian's python3-networkx and python3-igraph:

    /usr/bin/python3 bench/compare_igraph.py [--quick] [--repeat 3]

Each case times whole processes, best of --repeat: `netgraph analyse` versus a
Python process (this script, re-run as a worker) that reads the same CSV with
the csv module into igraph, computes the metric and writes JSON. Both write
their JSON to a file in the temporary directory, so both pay for start-up,
parsing and output. See bench/README.md.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (case, people, metric for `--metrics` and the igraph worker, people with --quick)
CASES = [
    ("betweenness", 10_000, "betweenness", 2_000),
    ("pagerank", 50_000, "pagerank", 5_000),
    ("louvain", 50_000, "community", 5_000),
]


# --- the igraph worker -------------------------------------------------------


def igraph_worker(task, edges_path):
    """Read edges_path, run one igraph algorithm, write JSON to stdout."""
    import igraph

    index, ids, pairs = {}, [], []
    with open(edges_path, newline="") as f:
        rows = csv.reader(f)
        next(rows)  # header: source,target
        for row in rows:
            if not row:
                continue
            ends = []
            for name in row[:2]:
                i = index.get(name)
                if i is None:
                    i = index[name] = len(ids)
                    ids.append(name)
                ends.append(i)
            pairs.append(ends)
    g = igraph.Graph(n=len(ids), edges=pairs)
    n = g.vcount()
    graph = {"nodes": n, "edges": g.ecount()}
    if task == "betweenness":
        # igraph counts each unordered pair once; netgraph (like NetworkX)
        # normalises by 2/((n-1)(n-2)).
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
        values = {"betweenness": [b * scale for b in g.betweenness()]}
    elif task == "pagerank":
        values = {"pagerank": g.pagerank(damping=0.85)}
    elif task == "community":
        clusters = g.community_multilevel()
        graph["modularity"] = clusters.modularity
        values = {"community": clusters.membership}
    else:
        sys.exit(f"unknown task {task}")
    nodes = [{"id": ids[v], **{k: vals[v] for k, vals in values.items()}} for v in range(n)]
    json.dump({"graph": graph, "nodes": nodes}, sys.stdout)


# --- the driver --------------------------------------------------------------


def write_graph(n, path):
    import networkx as nx

    G = nx.powerlaw_cluster_graph(n, 5, 0.3, seed=42)
    with open(path, "w", newline="") as f:
        f.write("source,target\n")
        f.writelines(f"{u},{v}\n" for u, v in G.edges())
    return G.number_of_edges()


def best_time(cmd, out_path, repeat, env=None):
    """Best wall time of cmd over repeat runs, stdout to out_path; None on failure."""
    best = None
    for _ in range(repeat):
        with open(out_path, "w") as out:
            start = time.perf_counter()
            proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True, env=env)
            elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            print(f"  failed ({proc.returncode}): {' '.join(cmd)}\n  {proc.stderr.strip()[:500]}", file=sys.stderr)
            return None
        best = elapsed if best is None else min(best, elapsed)
    return best


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"  cannot read JSON output {path}: {e}", file=sys.stderr)
        return None


def max_difference(a, b, metric):
    """Largest |a-b| of a per-person metric between two JSON outputs, by id."""
    try:
        want = {p["id"]: p[metric] for p in b["nodes"]}
        return max(abs(p[metric] - want[p["id"]]) for p in a["nodes"])
    except (KeyError, TypeError, ValueError):
        return None


def build_netgraph(tmp, go):
    exe = os.path.join(tmp, "netgraph")
    print("building netgraph ...", file=sys.stderr)
    proc = subprocess.run([go, "build", "-o", exe, "./cmd/netgraph"], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"  go build failed; timing igraph only:\n  {proc.stderr.strip()[:500]}", file=sys.stderr)
        return None
    return exe


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small graphs (n=2,000 and 5,000) for a smoke test")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept (default 3)")
    ap.add_argument("--netgraph", help="use this netgraph binary instead of building ./cmd/netgraph")
    ap.add_argument("--go", default="go", help="go command used to build netgraph")
    ap.add_argument("--gomaxprocs", type=int, help="GOMAXPROCS for netgraph (igraph runs single-threaded)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory and print its path")
    ap.add_argument("--igraph-worker", nargs=2, metavar=("TASK", "EDGES"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.igraph_worker:
        igraph_worker(*args.igraph_worker)
        return

    tmp = tempfile.mkdtemp(prefix="netgraph-bench-")
    try:
        exe = args.netgraph or build_netgraph(tmp, args.go)
        env = dict(os.environ)
        if args.gomaxprocs:
            env["GOMAXPROCS"] = str(args.gomaxprocs)
        graphs, rows = {}, []
        for case, n, metric, quick_n in CASES:
            n = quick_n if args.quick else n
            edges = os.path.join(tmp, f"powerlaw-{n}.csv")
            if n not in graphs:
                print(f"writing {edges} ...", file=sys.stderr)
                graphs[n] = write_graph(n, edges)
            print(f"timing {case} on n={n:,} ...", file=sys.stderr)
            ig_out, ng_out = os.path.join(tmp, f"{case}-igraph.json"), os.path.join(tmp, f"{case}-netgraph.json")
            ig = best_time([sys.executable, os.path.abspath(__file__), "--igraph-worker", metric, edges],
                           ig_out, args.repeat)
            ng = None
            if exe:
                cmd = [exe, "analyse", "--edges", edges, "--metrics", metric, "--format", "json"]
                ng = best_time(cmd, ng_out, args.repeat, env)
            ig_json = load(ig_out) if ig is not None else None
            ng_json = load(ng_out) if ng is not None else None
            note = ""
            if case == "louvain":
                qi = ig_json and ig_json["graph"].get("modularity")
                qn = ng_json and ng_json.get("graph", {}).get("modularity")
                note = f"modularity igraph {fmt(qi, '.4f')}, netgraph {fmt(qn, '.4f')}"
            elif ig_json and ng_json:
                note = f"max |netgraph-igraph| {fmt(max_difference(ng_json, ig_json, metric), '.2e')}"
            ratio = ng / ig if ng is not None and ig else None
            rows.append((case, f"{n:,}", f"{graphs[n]:,}", fmt(ng, ".3f"), fmt(ig, ".3f"), fmt(ratio, ".2f"), note))

        head = ("case", "people", "ties", "netgraph s", "igraph s", "netgraph/igraph", "check")
        widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
        for r in [head] + rows:
            print("  ".join(c.ljust(w) if i in (0, 6) else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip())
        print(f"\nbest of {args.repeat} whole-process runs each; target netgraph/igraph <= 1.0")
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
