// What the dashboard and GraphiQL keep in the browser, and where.
//
// Everything a page keeps (the API key, GraphiQL's tabs, queries, variables
// and history, which may hold names and e-mail addresses) lives in the tab's
// sessionStorage, gone when the tab closes. Nothing goes to localStorage,
// which outlives the browser; what older versions kept there is removed.

/** The sessionStorage key of the API key, shared by the dashboard and GraphiQL. */
export const API_KEY = "netgraph.apiKey";

/** The prefix GraphiQL gives its keys. */
const GRAPHIQL_PREFIX = "graphiql:";

/** Keys that earlier versions (the hand-written IDE) kept in localStorage. */
const LEGACY_KEYS = ["netgraph.ide.history", "netgraph.ide.session", "netgraph.ide.apiKey"];

/**
 * keyStore returns the tab's sessionStorage, or a store in memory when the
 * browser refuses storage (private modes, tests without a DOM).
 */
export function keyStore(win = globalThis) {
  try {
    const s = win.sessionStorage;
    s.getItem(API_KEY);
    return s;
  } catch {
    return memoryStorage();
  }
}

/** memoryStorage is a Storage that forgets everything when the page goes. */
export function memoryStorage() {
  const m = new Map();
  return {
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
  };
}

/** readApiKey returns the tab's API key, or "" if none was entered. */
export function readApiKey(store) {
  return (store.getItem(API_KEY) || "").trim();
}

/** writeApiKey keeps key for the tab; an empty key forgets it. */
export function writeApiKey(store, key) {
  const k = (key || "").trim();
  if (k) store.setItem(API_KEY, k);
  else store.removeItem(API_KEY);
}

/**
 * graphiqlStorage adapts store (the tab's sessionStorage) to the Storage
 * GraphiQL asks for, so that its tabs, editors and history stay in the tab.
 * clear and length touch GraphiQL's own keys only, not the API key.
 */
export function graphiqlStorage(store) {
  const ownKeys = () => {
    const keys = [];
    for (let i = 0; i < store.length; i++) {
      const k = store.key(i);
      if (k !== null && k.startsWith(GRAPHIQL_PREFIX)) keys.push(k);
    }
    return keys;
  };
  return {
    getItem: (k) => store.getItem(k),
    setItem: (k, v) => store.setItem(k, v),
    removeItem: (k) => store.removeItem(k),
    clear: () => ownKeys().forEach((k) => store.removeItem(k)),
    get length() {
      return ownKeys().length;
    },
  };
}

/**
 * forgetLocal removes from local (the browser's localStorage) what the
 * hand-written IDE kept there and anything GraphiQL kept there when it
 * defaulted to localStorage.
 */
export function forgetLocal(local) {
  try {
    const stale = [...LEGACY_KEYS];
    for (let i = 0; i < local.length; i++) {
      const k = local.key(i);
      if (k !== null && k.startsWith(GRAPHIQL_PREFIX)) stale.push(k);
    }
    stale.forEach((k) => local.removeItem(k));
  } catch {
    // Storage disabled: nothing kept there either.
  }
}
