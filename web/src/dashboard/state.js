// The dashboard's state: what is loaded and what the user chose, in one
// object changed only through update, which tells the subscribers. The
// pure helpers below (filters, search, roles) are tested in Node.

/** createStore holds state and calls each subscriber with it after every update. */
export function createStore(initial) {
  let state = initial;
  const subscribers = new Set();
  return {
    get: () => state,
    update(change) {
      state = { ...state, ...(typeof change === "function" ? change(state) : change) };
      subscribers.forEach((fn) => fn(state));
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}

/** initialState is the dashboard before anything is loaded. */
export const initialState = {
  scope: {}, // {} whole graph, {networkId}, {organisationId}
  role: "unknown", // viewer | analyst | facilitator (can write) | unknown
  colourBy: "community",
  sizeBy: "betweenness",
  filter: { organisationId: "", region: "", role: "" },
  selected: null, // a person's id
  status: "",
};

/**
 * matchesFilter reports whether a map person passes the filter: working at
 * the organisation, in the region, holding the role (a structural role such
 * as CONNECTOR, or a membership role such as SPONSOR); empty fields pass all.
 */
export function matchesFilter(person, filter) {
  if (filter.organisationId && !person.organisationIds.includes(filter.organisationId)) return false;
  if (filter.region && person.region !== filter.region) return false;
  if (filter.role) {
    const [kind, value] = filter.role.split(":");
    const roles = kind === "member" ? person.membershipRoles : person.roles;
    if (!roles.includes(value)) return false;
  }
  return true;
}

/** searchPeople returns up to limit people whose names contain every word of text, best first. */
export function searchPeople(people, text, limit = 8) {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits = [];
  for (const p of people) {
    const name = p.name.toLowerCase();
    if (words.every((w) => name.includes(w))) {
      // Names starting with the text first, then shorter names.
      hits.push({ p, rank: (name.startsWith(words[0]) ? 0 : 1) * 1000 + name.length });
    }
  }
  hits.sort((a, b) => a.rank - b.rank || a.p.name.localeCompare(b.p.name));
  return hits.slice(0, limit).map((h) => h.p);
}

/** regions lists the regions of the people, sorted. */
export function regionsOf(people) {
  return [...new Set(people.map((p) => p.region).filter(Boolean))].sort();
}

/** roleFromProbe reads the caller's role from what the server showed: e-mail (facilitators) and the reports (analysts). */
export function roleFromProbe({ emailVisible, reportsAllowed }) {
  if (emailVisible) return "facilitator";
  return reportsAllowed ? "analyst" : "viewer";
}

/** canWrite reports whether the role may record introductions and import spreadsheets. */
export const canWrite = (role) => role === "facilitator";

/** canExport reports whether the role may download the network for Gephi or Cytoscape (analysts and up). */
export const canExport = (role) => role === "analyst" || role === "facilitator";

/**
 * freshIntroductions drops from a person's suggested introductions those
 * already tied to them (tiedIds): after a change the service may answer from
 * the analysis before it (marked stale) while it computes the next.
 */
export function freshIntroductions(introductions, tiedIds) {
  return introductions.filter((i) => !tiedIds.has(i.person.id));
}

/** isStale reports whether any result carries a stale provenance. */
export const isStale = (results) => results.some((r) => r?.provenance?.stale);
