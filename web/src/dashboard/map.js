// The network map: sigma.js (WebGL) drawing a graphology graph laid out by
// ForceAtlas2 in a worker (layout.worker.js). The map shows what the state
// asks for (colours, sizes, filter, selection) through sigma's reducers, so
// a change redraws without rebuilding the graph.

import Graph from "graphology";
import Sigma from "sigma";

import { colourScale, initialPositions, sizeScale } from "./style.js";

const DIM = "#e4e4e4";
const EDGE = "#c9ced6";
const EDGE_EGO = "#444c5c";

/**
 * createMap draws into container and calls onSelect(personId | null) when
 * someone (or the background) is clicked. It returns the map's controls.
 */
export function createMap(container, { onSelect }) {
  const graph = new Graph({ type: "undirected", multi: false });
  let renderer = null;
  let worker = null;
  let view = { colourOf: () => "#888", sizeOf: () => 3, visible: () => true, selected: null, ego: new Set() };

  const nodeReducer = (node, data) => {
    const p = data.person;
    const res = { ...data, color: view.colourOf(p), size: view.sizeOf(p) };
    if (!view.visible(p)) return { ...res, color: DIM, label: "", zIndex: 0 };
    if (view.selected) {
      if (node === view.selected) return { ...res, highlighted: true, zIndex: 2, forceLabel: true };
      if (view.ego.has(node)) return { ...res, zIndex: 1, forceLabel: view.ego.size <= 30 };
      return { ...res, color: DIM, label: "", zIndex: 0 };
    }
    return res;
  };
  const edgeReducer = (edge, data) => {
    const [a, b] = graph.extremities(edge);
    if (view.selected) {
      if (a === view.selected || b === view.selected) return { ...data, color: EDGE_EGO, size: 1.5, zIndex: 1 };
      return { ...data, hidden: true };
    }
    const pa = graph.getNodeAttribute(a, "person");
    const pb = graph.getNodeAttribute(b, "person");
    if (!view.visible(pa) || !view.visible(pb)) return { ...data, hidden: true };
    return data;
  };

  const ensureRenderer = () => {
    if (renderer) return;
    renderer = new Sigma(graph, container, {
      nodeReducer,
      edgeReducer,
      zIndex: true,
      defaultEdgeColor: EDGE,
      labelRenderedSizeThreshold: 9,
      labelDensity: 0.5,
      hideEdgesOnMove: graph.size > 20000,
      minCameraRatio: 0.02,
      maxCameraRatio: 4,
    });
    renderer.on("clickNode", ({ node }) => onSelect(node));
    renderer.on("clickStage", () => onSelect(null));
    renderer.on("enterNode", () => (container.style.cursor = "pointer"));
    renderer.on("leaveNode", () => (container.style.cursor = ""));
  };

  return {
    /** setGraph replaces what the map shows with people and ties and starts the layout. */
    setGraph(people, ties, onLayoutDone) {
      worker?.terminate();
      graph.clear();
      const { xs, ys } = initialPositions(people);
      const index = new Map();
      people.forEach((p, i) => {
        index.set(p.id, i);
        graph.addNode(p.id, { x: xs[i], y: ys[i], label: p.name, person: p, size: 3 });
      });
      const edges = new Int32Array(ties.length * 2);
      const weights = new Float32Array(ties.length);
      let m = 0;
      for (const t of ties) {
        if (!graph.hasNode(t.from) || !graph.hasNode(t.to) || graph.hasEdge(t.from, t.to)) continue;
        graph.addEdge(t.from, t.to, { tie: t, size: 0.6 });
        edges[2 * m] = index.get(t.from);
        edges[2 * m + 1] = index.get(t.to);
        weights[m] = t.strength;
        m++;
      }
      ensureRenderer();
      renderer.setSetting("hideEdgesOnMove", graph.size > 20000);
      renderer.refresh();
      if (people.length === 0) {
        onLayoutDone?.();
        return;
      }
      worker = new Worker(new URL("./layout.worker.js", import.meta.url), { type: "module" });
      worker.onmessage = (e) => {
        const { xs: lx, ys: ly, done } = e.data;
        people.forEach((p, i) => graph.mergeNodeAttributes(p.id, { x: lx[i], y: ly[i] }));
        renderer.refresh();
        if (done) {
          worker.terminate();
          worker = null;
          onLayoutDone?.();
        }
      };
      worker.postMessage({ n: people.length, edges: edges.subarray(0, 2 * m), weights: weights.subarray(0, m), xs, ys });
    },

    /** show applies the state's colours, sizes, filter and selection; it returns the colour legend. */
    show(state, people, orgs, visible) {
      const colours = colourScale(people, state.colourBy, orgs);
      const selected = state.selected && graph.hasNode(state.selected) ? state.selected : null;
      view = {
        colourOf: colours.colourOf,
        sizeOf: sizeScale(people, state.sizeBy),
        visible,
        selected,
        ego: new Set(selected ? graph.neighbors(selected) : []),
      };
      renderer?.refresh();
      return colours.legend;
    },

    /** focus moves the camera to a person. */
    focus(personId) {
      if (!renderer || !graph.hasNode(personId)) return;
      const pos = renderer.getNodeDisplayData(personId);
      if (pos) renderer.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.35 }, { duration: 400 });
    },

    /** addTie draws a tie recorded since the map was loaded. */
    addTie(tie) {
      if (graph.hasNode(tie.from) && graph.hasNode(tie.to) && !graph.hasEdge(tie.from, tie.to)) {
        graph.addEdge(tie.from, tie.to, { tie, size: 0.6 });
        renderer?.refresh();
      }
    },

    /** neighbours lists a person's contacts on the map with the ties' kinds. */
    neighbours(personId) {
      if (!graph.hasNode(personId)) return [];
      return graph.mapEdges(personId, (_, attr, a, b) => ({
        person: graph.getNodeAttribute(a === personId ? b : a, "person"),
        tie: attr.tie,
      }));
    },

    /** stats says what the map holds, for tests and the status line. */
    stats: () => ({ nodes: graph.order, edges: graph.size, rendering: Boolean(renderer), layingOut: Boolean(worker) }),
  };
}
