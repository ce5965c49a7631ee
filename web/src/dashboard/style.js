// How the map shows people: colours for groups and sizes for figures. Pure.

/** PALETTE is a set of colours told apart easily (Tableau 10 and a few more). */
export const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
  "#9c755f", "#17becf", "#bcbd22", "#8c564b"];

/** OTHER is the colour of groups beyond the palette and of people without a group. */
export const OTHER = "#b8b8b8";

/** Colour-by choices and how each reads a person's group. */
export const COLOUR_BY = {
  community: { label: "Community", key: (p) => (p.degree > 0 ? String(p.community) : "") },
  organisation: { label: "Organisation", key: (p) => p.organisationIds[0] || "" },
  sector: { label: "Sector", key: (p, orgs) => orgs.get(p.organisationIds[0])?.sector || "" },
  region: { label: "Region", key: (p) => p.region || "" },
};

/**
 * colourScale gives each group of people a colour, the largest groups first
 * (so the palette goes to the groups that matter most), and a legend of
 * [{key, colour, count}] in that order; ties in size go by key.
 */
export function colourScale(people, colourBy, orgs = new Map()) {
  const keyOf = COLOUR_BY[colourBy].key;
  const counts = new Map();
  for (const p of people) {
    const k = keyOf(p, orgs);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  const keys = [...counts.keys()].filter((k) => k !== "").sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b, "en", { numeric: true }));
  const colours = new Map(keys.map((k, i) => [k, PALETTE[i] || OTHER]));
  const legend = keys.slice(0, PALETTE.length).map((k) => ({ key: k, colour: colours.get(k), count: counts.get(k) }));
  return { colourOf: (p) => colours.get(keyOf(p, orgs)) || OTHER, legend };
}

/** Size-by choices: the figures of GraphPerson. */
export const SIZE_BY = {
  betweenness: "Brokerage (betweenness)",
  degree: "Ties (degree)",
  strength: "Tie strength",
  closeness: "Reach (closeness)",
  eigenvector: "Influence (eigenvector)",
  pagerank: "Standing (PageRank)",
  core: "Core number",
};

/** Node sizes on the map, in pixels at zoom 1. */
export const MIN_SIZE = 2;
export const MAX_SIZE = 14;

/**
 * sizeScale maps a figure to a node size: the square root of its share of
 * the largest, so area follows the figure. Above 2,000 people every size
 * shrinks (down to a third), so a large network does not cover itself.
 */
export function sizeScale(people, sizeBy) {
  let max = 0;
  for (const p of people) max = Math.max(max, p[sizeBy] || 0);
  const k = Math.max(1 / 3, Math.min(1, Math.sqrt(2000 / Math.max(1, people.length))));
  return (p) => k * (max > 0 ? MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(Math.max(0, p[sizeBy] || 0) / max) : MIN_SIZE);
}

/**
 * initialPositions places people before the layout runs: each community on
 * its own spot of a spiral, its people around it, all from a hash of the id,
 * so that the same data always gives the same picture.
 */
export function initialPositions(people) {
  const xs = new Float32Array(people.length);
  const ys = new Float32Array(people.length);
  people.forEach((p, i) => {
    const c = p.degree > 0 ? p.community : -1;
    const ring = c < 0 ? 40 : 6 * Math.sqrt(c + 1);
    const angle = c < 0 ? hash(p.id) * 2 * Math.PI : c * 2.39996; // the golden angle
    const r = 1 + 3 * hash(p.id + "r");
    const a = hash(p.id + "a") * 2 * Math.PI;
    xs[i] = ring * Math.cos(angle) + r * Math.cos(a);
    ys[i] = ring * Math.sin(angle) + r * Math.sin(a);
  });
  return { xs, ys };
}

/** hash maps a string to [0, 1) (FNV-1a). */
export function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 4294967296;
}
