#!/usr/bin/python3
"""Time netgraph against NetworKit, igraph and NetworkX on the same CSV edge lists.

    /usr/bin/python3 bench/compare.py [--quick] [--repeat 1] [--threads 1,2]
        [--networkit-python /path/to/venv/bin/python] [--cases betweenness,pagerank]

Each case times whole processes, best of --repeat: `netgraph analyse` (with
GOMAXPROCS set to each thread count) against a Python process (this script,
re-run as a worker) that reads the same CSV into the peer library, computes the
metric (NetworKit with networkit.setNumberOfThreads set to the same count) and
writes the scores to a file. Everyone pays for start-up, parsing and output.
igraph and NetworkX are single-threaded and run once. See bench/README.md.
"""

import argparse
import csv
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

EPSILON, DELTA = 0.02, 0.1  # approximate betweenness, both sides

# (case, people, quick people, netgraph --metrics, extra netgraph flags, peers)
CASES = [
    ("betweenness", 10_000, 2_000, "betweenness", [], ["networkit", "igraph"]),
    ("pagerank", 1_000_000, 20_000, "pagerank", [], ["networkit", "igraph"]),
    ("louvain", 1_000_000, 20_000, "community", [], ["networkit", "igraph"]),
    ("approx-betweenness", 1_000_000, 20_000, "betweenness", ["--sample-above", "1"], ["networkit"]),
    ("closeness", 50_000, 5_000, "closeness", [], ["networkit", "igraph"]),
    ("betweenness", 2_000, 500, "betweenness", [], ["networkx"]),
    ("closeness", 5_000, 1_000, "closeness", [], ["networkx"]),
    ("pagerank", 50_000, 5_000, "pagerank", [], ["networkx", "igraph"]),
    ("louvain", 50_000, 5_000, "community", [], ["networkx", "igraph"]),
]

# Which peers run in parallel (and are timed at each thread count).
PARALLEL = {"networkit"}


# --- the graphs ----------------------------------------------------------------


def holme_kim(n, m, p, seed):
    """networkx.powerlaw_cluster_graph(n, m, p, seed) ported without networkx,
    so that a million people fit in memory and time: the same random calls in
    the same order, giving the same ties (checked against networkx by
    --check-generator), listed in the order networkx's G.edges() lists them."""
    rng = random.Random(seed)
    adj = [[] for _ in range(n)]
    repeated = list(range(m))
    for source in range(m, n):
        targets = set()
        while len(targets) < m:
            targets.add(rng.choice(repeated))
        mine = set()

        def link(w):
            if w not in mine:
                mine.add(w)
                adj[source].append(w)
                adj[w].append(source)
            repeated.append(w)

        target = targets.pop()
        link(target)
        count = 1
        while count < m:
            if rng.random() < p:
                hood = [w for w in adj[target] if w not in mine and w != source]
                if hood:
                    link(rng.choice(hood))
                    count += 1
                    continue
            target = targets.pop()
            link(target)
            count += 1
        repeated.extend([source] * m)
    return adj


def write_graph(n, path):
    """Write the Holme–Kim graph of n people to path as CSV; return its tie count."""
    adj = holme_kim(n, 5, 0.3, 42)
    ties = 0
    with open(path + ".part", "w") as f:
        f.write("source,target\n")
        for u, nbrs in enumerate(adj):
            rows = [f"{u},{w}\n" for w in nbrs if w > u]
            ties += len(rows)
            f.writelines(rows)
    os.replace(path + ".part", path)
    return ties


def check_generator():
    import networkx as nx

    for n in (1_000, 5_000):
        want = nx.powerlaw_cluster_graph(n, 5, 0.3, seed=42)
        adj = holme_kim(n, 5, 0.3, 42)
        got = [(u, w) for u, nbrs in enumerate(adj) for w in nbrs if w > u]
        if set(map(frozenset, got)) != set(map(frozenset, want.edges())):
            sys.exit(f"the Holme–Kim port differs from networkx at n={n}")
    print("the Holme–Kim port gives networkx's ties at n=1,000 and 5,000")


# --- the peer workers ------------------------------------------------------------


def read_pairs(edges_path):
    index, ids, pairs = {}, [], []
    with open(edges_path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            ends = []
            for name in row[:2]:
                i = index.get(name)
                if i is None:
                    i = index[name] = len(ids)
                    ids.append(name)
                ends.append(i)
            pairs.append(ends)
    return ids, pairs


def worker(peer, task, edges_path, threads, out_path):
    """Read edges_path into peer, run task, write "id,score" lines (or the
    modularity) to out_path, and print the seconds spent computing."""
    if peer == "networkit":
        import networkit as nk

        nk.engineering.setNumberOfThreads(threads)
        nk.engineering.setSeed(42, True)
        # Ids are 0..n-1 in these files; the header starts with "s".
        g = nk.graphio.EdgeListReader(",", 0, commentPrefix="s", continuous=True, directed=False).read(edges_path)
        ids = range(g.numberOfNodes())
        n = g.numberOfNodes()
        start = time.perf_counter()
        if task == "betweenness":
            a = nk.centrality.Betweenness(g, normalized=True)
        elif task == "closeness":
            a = nk.centrality.Closeness(g, True, nk.centrality.ClosenessVariant.Generalized)
        elif task == "pagerank":
            a = nk.centrality.PageRank(g, damp=0.85, tol=1e-9)
        elif task == "approx-betweenness":
            a = nk.centrality.KadabraBetweenness(g, EPSILON, DELTA)
        elif task == "louvain":
            plm = nk.community.PLM(g, refine=False)
            plm.run()
            q = nk.community.Modularity().getQuality(plm.getPartition(), g)
            elapsed = time.perf_counter() - start
            with open(out_path, "w") as f:
                f.write(f"modularity,{q!r}\n")
            print(elapsed)
            return
        a.run()
        scores = a.scores()
        if task == "approx-betweenness":
            # KADABRA's scores are twice the share of sampled ordered pairs;
            # netgraph's normalisation is that share times n/(n-2).
            scores = [s / 2 * n / (n - 2) for s in scores]
        elapsed = time.perf_counter() - start
    elif peer == "igraph":
        import igraph

        ids, pairs = read_pairs(edges_path)
        g = igraph.Graph(n=len(ids), edges=pairs)
        n = g.vcount()
        start = time.perf_counter()
        if task == "betweenness":
            scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
            scores = [b * scale for b in g.betweenness()]
        elif task == "closeness":
            scores = g.closeness()
        elif task == "pagerank":
            scores = g.pagerank(damping=0.85)
        elif task == "louvain":
            q = g.community_multilevel().modularity
            elapsed = time.perf_counter() - start
            with open(out_path, "w") as f:
                f.write(f"modularity,{q!r}\n")
            print(elapsed)
            return
        else:
            sys.exit(f"igraph: no task {task}")
        elapsed = time.perf_counter() - start
    elif peer == "networkx":
        import networkx as nx

        ids, pairs = read_pairs(edges_path)
        g = nx.Graph()
        g.add_nodes_from(range(len(ids)))
        g.add_edges_from(pairs)
        start = time.perf_counter()
        if task == "betweenness":
            d = nx.betweenness_centrality(g)
        elif task == "closeness":
            d = nx.closeness_centrality(g)
        elif task == "pagerank":
            d = nx.pagerank(g, alpha=0.85)
        elif task == "louvain":
            parts = nx.community.louvain_communities(g, seed=42)
            q = nx.community.modularity(g, parts)
            elapsed = time.perf_counter() - start
            with open(out_path, "w") as f:
                f.write(f"modularity,{q!r}\n")
            print(elapsed)
            return
        else:
            sys.exit(f"networkx: no task {task}")
        scores = [d[v] for v in range(len(ids))]
        elapsed = time.perf_counter() - start
    else:
        sys.exit(f"unknown peer {peer}")
    with open(out_path, "w") as f:
        f.write("".join(f"{ids[v]},{s!r}\n" for v, s in enumerate(scores)))
    print(elapsed)


# --- the driver --------------------------------------------------------------


def run_timed(cmd, stdout_path, env=None):
    """(wall seconds, CPU seconds) of cmd, its stdout to stdout_path; None on
    failure. CPU time (user + system, all threads) is what the process used of
    the machine, which other work on a shared machine disturbs far less."""
    with open(stdout_path, "w") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            print(f"  failed ({code}): {' '.join(cmd)}\n  {err.read().decode(errors='replace').strip()[-800:]}",
                  file=sys.stderr)
            return None
    return elapsed, usage.ru_utime + usage.ru_stime


def best_of(repeat, fn):
    """The best wall time and the best CPU time of repeat runs of fn."""
    best = None
    for _ in range(repeat):
        t = fn()
        if t is None:
            return None
        best = t if best is None else (min(best[0], t[0]), min(best[1], t[1]))
    return best


def netgraph_scores(path, metric):
    """Per-person scores by id, and the modularity, from netgraph's JSON."""
    with open(path) as f:
        out = json.load(f)
    scores = {p["id"]: p[metric] for p in out["nodes"] if metric in p}
    return scores, out.get("graph", {}).get("modularity")


def peer_scores(path):
    scores, modularity = {}, None
    with open(path) as f:
        for line in f:
            k, v = line.rstrip("\n").split(",")
            if k == "modularity":
                modularity = float(v)
            else:
                scores[k] = float(v)
    return scores, modularity


def check(case, metric, ng_path, peer_path):
    """A short note comparing the two outputs."""
    try:
        ng, qn = netgraph_scores(ng_path, metric)
        pe, qp = peer_scores(peer_path)
    except (OSError, ValueError, KeyError) as e:
        return f"cannot compare: {e}"
    if case == "louvain":
        return f"modularity netgraph {qn:.4f}, peer {qp:.4f}"
    worst = max(abs(ng[k] - pe[k]) for k in pe)
    note = f"max |diff| {worst:.1e}"
    if case == "approx-betweenness":
        note += f" (each within ε·n/(n−2) ≈ {EPSILON:.2f} of exact)"
    return note


def check_top20(exe, graphs, tmp, n):
    """Sampled betweenness (KADABRA) against exact on n people: the largest
    error among the exact top 20 and over everyone, against the stated bound."""
    edges = os.path.join(graphs, f"holme-kim-{n}.csv")
    if not os.path.exists(edges):
        print(f"writing {edges} ...", file=sys.stderr)
        write_graph(n, edges)
    outs = {}
    for name, flags in (("exact", []), ("sampled", ["--sample-above", "1"])):
        outs[name] = os.path.join(tmp, f"top20-{n}-{name}.json")
        print(f"betweenness {name} on n={n:,} for the top-20 check ...", file=sys.stderr)
        cmd = [exe, "analyse", "--edges", edges, "--metrics", "betweenness", "--format", "json", *flags]
        if run_timed(cmd, outs[name]) is None:
            return None
    exact, _ = netgraph_scores(outs["exact"], "betweenness")
    sampled, _ = netgraph_scores(outs["sampled"], "betweenness")
    top = sorted(exact, key=lambda k: -exact[k])[:20]
    worst_top = max(abs(sampled[k] - exact[k]) for k in top)
    worst = max(abs(sampled[k] - exact[k]) for k in exact)
    bound = EPSILON * n / (n - 2)
    verdict = "within" if worst <= bound else "OUTSIDE"
    return (f"top-20 check, n={n:,}: sampled betweenness (epsilon {EPSILON}, delta {DELTA}) against exact: "
            f"largest error {worst_top:.5f} in the exact top 20 (top score {exact[top[0]]:.4f}), {worst:.5f} over everyone; "
            f"bound {bound:.5f}: {verdict}")


def build_netgraph(tmp, go):
    exe = os.path.join(tmp, "netgraph")
    print("building netgraph ...", file=sys.stderr)
    proc = subprocess.run([go, "build", "-o", exe, "./cmd/netgraph"], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"go build failed:\n{proc.stderr.strip()[:800]}")
    return exe


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small graphs for a smoke test")
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement; the best is kept (default 1)")
    ap.add_argument("--threads", default="1,2", help="thread counts for netgraph and NetworKit (default 1,2)")
    ap.add_argument("--cases", help="comma-separated cases to run (default all)")
    ap.add_argument("--peers", help="comma-separated peers to run (default networkit,igraph,networkx)")
    ap.add_argument("--netgraph", help="use this netgraph binary instead of building ./cmd/netgraph")
    ap.add_argument("--go", default="go", help="go command used to build netgraph")
    ap.add_argument("--networkit-python", default=sys.executable,
                    help="Python that has networkit (e.g. a venv's); igraph and NetworkX use this script's")
    ap.add_argument("--graphs", help="directory to keep the generated CSVs in between runs")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory and print its path")
    ap.add_argument("--no-top20", action="store_true", help="skip the check of sampled against exact betweenness")
    ap.add_argument("--top20-people", type=int, help="people in that check (default 50,000; 20,000 with --quick)")
    ap.add_argument("--check-generator", action="store_true", help="check the Holme–Kim port against networkx")
    ap.add_argument("--worker", nargs=5, metavar=("PEER", "TASK", "EDGES", "THREADS", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        peer, task, edges, threads, out = args.worker
        worker(peer, task, edges, int(threads), out)
        return
    if args.check_generator:
        check_generator()
        return

    threads = [int(t) for t in args.threads.split(",")]
    cases = set(args.cases.split(",")) if args.cases else None
    peers = set(args.peers.split(",")) if args.peers else None
    tmp = tempfile.mkdtemp(prefix="netgraph-bench-")
    graphs = args.graphs or tmp
    os.makedirs(graphs, exist_ok=True)
    try:
        exe = args.netgraph or build_netgraph(tmp, args.go)
        rows = []
        for case, n, quick_n, metric, flags, case_peers in CASES:
            if cases and case not in cases:
                continue
            case_peers = [p for p in case_peers if not peers or p in peers]
            if not case_peers:
                continue
            n = quick_n if args.quick else n
            edges = os.path.join(graphs, f"holme-kim-{n}.csv")
            if not os.path.exists(edges):
                print(f"writing {edges} ...", file=sys.stderr)
                write_graph(n, edges)
            with open(edges) as f:
                ties = sum(1 for _ in f) - 1
            json_metric = "betweenness" if case == "approx-betweenness" else metric
            ng_times = {}
            ng_out = {}
            for t in threads:
                env = dict(os.environ, GOMAXPROCS=str(t))
                out = os.path.join(tmp, f"{case}-{n}-netgraph-{t}.json")
                cmd = [exe, "analyse", "--edges", edges, "--metrics", metric, "--format", "json", *flags]
                print(f"timing netgraph {case} n={n:,} threads={t} ...", file=sys.stderr)
                ng_times[t] = best_of(args.repeat, lambda: run_timed(cmd, out, env))
                print(f"  netgraph {case} n={n:,} threads={t}: wall, CPU s {ng_times[t]}", file=sys.stderr)
                ng_out[t] = out
            for peer in case_peers:
                python = args.networkit_python if peer == "networkit" else sys.executable
                peer_threads = threads if peer in PARALLEL else [1]
                times, computes = {}, {}
                for t in peer_threads:
                    out = os.path.join(tmp, f"{case}-{n}-{peer}-{t}.txt")
                    log = os.path.join(tmp, f"{case}-{n}-{peer}-{t}.log")
                    cmd = [python, os.path.abspath(__file__), "--worker", peer, case, edges, str(t), out]
                    print(f"timing {peer} {case} n={n:,} threads={t} ...", file=sys.stderr)
                    times[t] = best_of(args.repeat, lambda: run_timed(cmd, log))
                    print(f"  {peer} {case} n={n:,} threads={t}: wall, CPU s {times[t]}", file=sys.stderr)
                    try:
                        with open(log) as f:
                            computes[t] = float(f.read().split()[-1])
                    except (OSError, ValueError, IndexError):
                        computes[t] = None
                last = max(peer_threads)
                note = check(case, json_metric, ng_out[max(threads)], os.path.join(tmp, f"{case}-{n}-{peer}-{last}.txt")) \
                    if times.get(last) is not None and ng_times.get(max(threads)) is not None else ""
                cells = []
                for t in threads:
                    pt, nt = times.get(t, times.get(1)), ng_times.get(t)
                    wall = nt[0] / pt[0] if nt and pt else None
                    cpu = nt[1] / pt[1] if nt and pt else None
                    cells += [f"{fmt(nt and nt[0], '.2f')} / {fmt(pt and pt[0], '.2f')}", fmt(wall, ".2f"), fmt(cpu, ".2f")]
                compute = ", ".join(f"{computes[t]:.2f}" for t in peer_threads if computes.get(t) is not None)
                rows.append((case, f"{n:,}", f"{ties:,}", peer, *cells, compute, note))

        top20 = None
        if not args.no_top20 and (not cases or "approx-betweenness" in cases):
            top20 = check_top20(exe, graphs, tmp, args.top20_people or (20_000 if args.quick else 50_000))

        head = ["case", "people", "ties", "peer"]
        for t in threads:
            head += [f"wall s netgraph / peer ({t})", f"wall ratio ({t})", f"CPU ratio ({t})"]
        head += ["peer compute s", "check"]
        widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
        for r in [head] + rows:
            print("  ".join(str(c).ljust(w) if i in (0, 3, len(head) - 1) else str(c).rjust(w)
                            for i, (c, w) in enumerate(zip(r, widths))).rstrip())
        print(f"\nwhole processes, best of {args.repeat}; (t) = GOMAXPROCS for netgraph and "
              f"setNumberOfThreads for NetworKit; igraph and NetworkX are single-threaded in every column; "
              f"ratios netgraph/peer of wall time and of CPU time (user+system), target <= 1.0; "
              f"peer compute s = the peer's own time for the algorithm alone, per thread count; "
              f"approximate betweenness at epsilon {EPSILON}, delta {DELTA}")
        if top20:
            print(top20)
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
