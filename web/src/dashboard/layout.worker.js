// The map's layout, off the page's thread: ForceAtlas2 (Jacomy et al.,
// "ForceAtlas2, a continuous graph layout algorithm", PLOS ONE 2014) from
// graphology-layout-forceatlas2, with Barnes–Hut above a few hundred people.
// It receives {n, edges, weights, xs, ys} (edges as index pairs) and posts
// {xs, ys, done} every few iterations, so the map settles while it is shown.

import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";

/**
 * iterationsFor is how long the layout runs: fewer iterations for larger
 * graphs, whose each costs more (about 0.2 s at 20,000 people on one core),
 * as the initial positions already group each community (style.js).
 */
function iterationsFor(n) {
  if (n <= 1000) return 400;
  if (n <= 5000) return 150;
  return 40;
}

self.onmessage = (e) => {
  const { n, edges, weights, xs, ys } = e.data;
  const g = new Graph({ type: "undirected", multi: false });
  for (let i = 0; i < n; i++) g.addNode(i, { x: xs[i], y: ys[i] });
  for (let k = 0; k < edges.length; k += 2) {
    const [a, b] = [edges[k], edges[k + 1]];
    if (a !== b && !g.hasEdge(a, b)) g.addEdge(a, b, { weight: weights[k / 2] });
  }
  const settings = { ...forceAtlas2.inferSettings(g), barnesHutOptimize: n > 500, adjustSizes: false, strongGravityMode: true, gravity: 0.5 };
  const total = iterationsFor(n);
  const step = n > 5000 ? 4 : 20;
  let done = 0;
  const outX = new Float32Array(n);
  const outY = new Float32Array(n);
  const run = () => {
    forceAtlas2.assign(g, { iterations: step, settings, getEdgeWeight: "weight" });
    done += step;
    g.forEachNode((node, attr) => {
      outX[node] = attr.x;
      outY[node] = attr.y;
    });
    self.postMessage({ xs: outX, ys: outY, done: done >= total, progress: Math.min(1, done / total) });
    if (done < total) setTimeout(run, 0);
  };
  run();
};
