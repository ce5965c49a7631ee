// Loads app.js in Node with a stand-in for the browser (a DOM that accepts
// everything, storage, fetch) and prints the requests the IDE made, as JSON.
//
//   node harness.mjs APP_JS PAGE_URL [STORAGE_JSON]
//
// STORAGE_JSON, if given, fills localStorage first. The output is
// {"requests": [{method, url, body}], "localStorage": {...}, "sessionStorage": {...}}.
import { pathToFileURL } from "node:url";

const [appJS, pageURL, storage] = process.argv.slice(2);

// element returns a stand-in for any DOM node: properties set are kept,
// anything else is a function that does nothing and returns another node.
function element() {
  const props = { value: "", textContent: "", innerHTML: "", hidden: false, selectionStart: 0, selectionEnd: 0, scrollTop: 0 };
  const noop = new Proxy(function () {}, {
    apply: () => element(),
    get: (_, p) => (p === Symbol.toPrimitive ? undefined : noop),
  });
  return new Proxy(props, {
    get: (t, p) => (p in t ? t[p] : typeof p === "symbol" ? undefined : noop),
    set: (t, p, v) => ((t[p] = v), true),
  });
}

class Storage {
  constructor(init) { this.m = new Map(Object.entries(init || {})); }
  getItem(k) { return this.m.has(k) ? this.m.get(k) : null; }
  setItem(k, v) { this.m.set(k, String(v)); }
  removeItem(k) { this.m.delete(k); }
  dump() { return Object.fromEntries(this.m); }
}

const url = new URL(pageURL);
const requests = [];
globalThis.document = {
  baseURI: url.origin + "/",
  activeElement: null,
  querySelector: () => element(),
  createElement: () => element(),
  createDocumentFragment: () => element(),
  addEventListener: () => {},
  execCommand: () => false,
};
globalThis.location = url;
globalThis.localStorage = new Storage(storage ? JSON.parse(storage) : {});
globalThis.sessionStorage = new Storage();
globalThis.fetch = async (input, init = {}) => {
  requests.push({ method: init.method || "GET", url: String(input), body: init.body ?? null });
  return new Response(JSON.stringify({ data: { __typename: "Query" } }), {
    headers: { "Content-Type": "application/json" },
  });
};

await import(pathToFileURL(appJS));
await new Promise((resolve) => setTimeout(resolve, 400)); // let runs and the session save settle
console.log(JSON.stringify({
  requests,
  localStorage: globalThis.localStorage.dump(),
  sessionStorage: globalThis.sessionStorage.dump(),
}));
