// netgraph GraphQL IDE: a small, dependency-free editor for the /graphql
// endpoint. Everything it needs is served with it, so it works offline.
//
// URL parameters: ?query=…&variables=…&operationName=… load a request,
// ?example=people loads an example, and run=1 runs it straight away if it is
// a query.

const ENDPOINT = new URL("graphql", document.baseURI).pathname;
// The editors' contents and the history live in sessionStorage, gone when the
// tab closes: queries and variables may hold personal data (names, e-mail
// addresses), which must not outlive the tab on the user's disk.
const STORE_SESSION = "netgraph.ide.session";
const STORE_HISTORY = "netgraph.ide.history";
// The API key lives in sessionStorage too, and is never written to the
// history.
const STORE_API_KEY = "netgraph.ide.apiKey";
const HISTORY_MAX = 30;

const $ = (sel) => document.querySelector(sel);

// ---------------------------------------------------------------------------
// Examples

const EXAMPLES = [
  {
    id: "people",
    label: "People with organisations and ties",
    query: `# The first page of people: where they work, the networks they belong to
# and a few of their ties. Page on with after: pageInfo.endCursor.
query PeoplePage($first: Int = 10, $after: String) {
  people(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        title
        profession
        region
        interests
        organisations {
          name
          sector
        }
        memberships {
          role
          network {
            name
          }
        }
        ties(first: 3) {
          totalCount
          edges {
            node {
              kind
              strength
              from {
                name
              }
              to {
                name
              }
            }
          }
        }
      }
    }
  }
}
`,
    variables: { first: 5 },
  },
  {
    id: "create-person",
    label: "Create a person",
    query: `# Adds a person. Repeating an externalId returns the existing person.
mutation CreatePerson($input: CreatePersonInput!) {
  createPerson(input: $input) {
    id
    name
    title
    profession
    region
    interests
    consent
    createdAt
  }
}
`,
    variables: {
      input: {
        name: "Morag Fairbairn",
        email: "morag.fairbairn@example.org",
        title: "Clinical Librarian",
        profession: "librarian",
        region: "North East",
        interests: ["health literacy", "evidence synthesis"],
      },
    },
  },
  {
    id: "connect",
    label: "Connect two people",
    query: `# 1. Run FindPeople (pick it above, or put the cursor in it).
# 2. Copy two ids into the variables.
# 3. Run Connect.
query FindPeople {
  people(first: 2, filter: { region: "North East" }) {
    edges {
      node {
        id
        name
        title
      }
    }
  }
}

mutation Connect($input: ConnectInput!) {
  connect(input: $input) {
    kind
    strength
    since
    from {
      name
    }
    to {
      name
    }
  }
}
`,
    variables: {
      input: { from: "per_…", to: "per_…", kind: "COLLABORATES", strength: 5 },
    },
    operationName: "FindPeople",
  },
  {
    id: "networks",
    label: "Networks and their leads",
    query: `query Networks {
  networks {
    totalCount
    edges {
      node {
        name
        type
        region
        specialty
        purpose
        members {
          role
          person {
            name
            title
          }
        }
      }
    }
  }
}
`,
    variables: {},
  },
];

// ---------------------------------------------------------------------------
// GraphQL tokens, shared by highlighting, the operation picker and prettify.

const GQL_TOKEN = new RegExp(
  [
    /(?<comment>#[^\n\r]*)/,
    /(?<block>"""(?:\\"""|[^])*?(?:"""|$))/,
    /(?<string>"(?:\\.|[^"\\\n\r])*"?)/,
    /(?<variable>\$[_A-Za-z][_0-9A-Za-z]*)/,
    /(?<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/,
    /(?<name>[_A-Za-z][_0-9A-Za-z]*)/,
    /(?<spread>\.\.\.)/,
    /(?<punct>[!():=@\[\]{}|&,])/,
    /(?<space>[\s\uFEFF]+)/,
    /(?<other>.)/,
  ]
    .map((r) => r.source)
    .join("|"),
  "gy",
);

const KEYWORDS = new Set(["query", "mutation", "subscription", "fragment", "on", "true", "false", "null"]);

// gqlTokens splits a GraphQL document into tokens {kind, text, start}.
function gqlTokens(src) {
  const out = [];
  GQL_TOKEN.lastIndex = 0;
  let m;
  while (GQL_TOKEN.lastIndex < src.length && (m = GQL_TOKEN.exec(src))) {
    const kind = Object.keys(m.groups).find((k) => m.groups[k] !== undefined);
    out.push({ kind: kind === "block" ? "string" : kind, text: m[0], start: m.index });
  }
  return out;
}

// classify gives each token its highlighting class, from a little context:
// keywords, field and argument names (before ':'), types (after 'on', after
// ':' in variable definitions, or capitalised), values.
function classify(tokens) {
  const sig = tokens.filter((t) => t.kind !== "space" && t.kind !== "comment");
  const next = new Map();
  for (let i = 0; i < sig.length; i++) next.set(sig[i], sig[i + 1]);
  let prev = null;
  let parens = 0;
  let inVarDefs = false;
  for (const t of tokens) {
    if (t.kind === "space" || t.kind === "comment") {
      t.cls = t.kind === "comment" ? "t-comment" : "";
      continue;
    }
    if (t.kind === "punct") {
      if (t.text === "(") parens++;
      if (t.text === ")") parens = Math.max(0, parens - 1);
      if (t.text === "(" && prev && prev.kind === "name" && (prev.opName || prev.opKeyword)) inVarDefs = true;
      if (t.text === ")" && parens === 0) inVarDefs = false;
    }
    switch (t.kind) {
      case "name": {
        const n = next.get(t);
        if (KEYWORDS.has(t.text) && !(n && n.text === ":")) {
          t.cls = t.text === "true" || t.text === "false" || t.text === "null" ? "t-literal" : "t-keyword";
          t.opKeyword = t.text !== "on" && t.text !== "true" && t.text !== "false" && t.text !== "null";
        } else if (prev && prev.opKeyword) {
          t.cls = "t-type"; // operation or fragment name
          t.opName = true;
        } else if (prev && (prev.text === "on" || (inVarDefs && prev.text === ":") || prev.text === "@")) {
          t.cls = prev.text === "@" ? "t-keyword" : "t-type";
        } else if (n && n.text === ":") {
          t.cls = "t-attr";
        } else if (parens > 0 && /^[A-Z]/.test(t.text) && prev && (prev.text === ":" || prev.text === "[")) {
          t.cls = inVarDefs ? "t-type" : "t-literal"; // enum values in arguments
        } else if (parens > 0 && prev && (prev.text === ":" || prev.text === "[" || prev.text === ",")) {
          t.cls = "t-literal";
        } else {
          t.cls = "";
        }
        break;
      }
      case "variable":
        t.cls = "t-var";
        break;
      case "string":
        t.cls = "t-string";
        break;
      case "number":
        t.cls = "t-number";
        break;
      case "punct":
      case "spread":
        t.cls = t.text === "@" ? "t-keyword" : "t-punct";
        break;
      default:
        t.cls = "";
    }
    prev = t;
  }
  return tokens;
}

function escapeHTML(s) {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function tokensToHTML(tokens) {
  let html = "";
  for (const t of tokens) {
    const text = escapeHTML(t.text);
    html += t.cls ? `<span class="${t.cls}">${text}</span>` : text;
  }
  return html;
}

function highlightGraphQL(src) {
  return tokensToHTML(classify(gqlTokens(src)));
}

const JSON_TOKEN = /("(?:\\.|[^"\\\n\r])*"?)(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],])/g;

function highlightJSON(src) {
  let html = "";
  let last = 0;
  for (const m of src.matchAll(JSON_TOKEN)) {
    html += escapeHTML(src.slice(last, m.index));
    if (m[1] !== undefined) {
      html += m[2] !== undefined
        ? `<span class="t-key">${escapeHTML(m[1])}</span>${escapeHTML(m[2])}`
        : `<span class="t-string">${escapeHTML(m[1])}</span>`;
    } else if (m[3] !== undefined) {
      html += `<span class="t-number">${m[3]}</span>`;
    } else if (m[4] !== undefined) {
      html += `<span class="t-literal">${m[4]}</span>`;
    } else {
      html += `<span class="t-punct">${escapeHTML(m[5])}</span>`;
    }
    last = m.index + m[0].length;
  }
  return html + escapeHTML(src.slice(last));
}

// operations finds the operations in a document: [{type, name, start, end}].
function operations(src) {
  const ops = [];
  let depth = 0;
  let pending = null; // an operation or fragment whose body has not opened yet
  let current = null;
  for (const t of gqlTokens(src)) {
    if (t.kind === "space" || t.kind === "comment") continue;
    if (depth === 0 && !pending && t.kind === "name" && ["query", "mutation", "subscription", "fragment"].includes(t.text)) {
      pending = { type: t.text, name: "", start: t.start, end: src.length };
      continue;
    }
    if (pending && !pending.name && depth === 0 && t.kind === "name") {
      pending.name = t.text;
      continue;
    }
    if (t.text === "{") {
      if (depth === 0) {
        current = pending || { type: "query", name: "", start: t.start, end: src.length };
        pending = null;
      }
      depth++;
    } else if (t.text === "}") {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && current) {
        current.end = t.start + 1;
        if (current.type !== "fragment") ops.push(current);
        current = null;
      }
    }
  }
  if (current && current.type !== "fragment") ops.push(current);
  return ops;
}

// prettifyGraphQL re-indents a document: one selection per line, two spaces
// per level; arguments stay on their line; comments are kept.
function prettifyGraphQL(src) {
  const tokens = gqlTokens(src).filter((t) => t.kind !== "space");
  let out = "";
  let depth = 0;
  let parens = 0;
  let prev = null;
  const indent = () => "  ".repeat(depth);
  const newline = () => {
    out = out.replace(/[ \t]+$/, "");
    if (out && !out.endsWith("\n")) out += "\n";
    out += indent();
  };
  for (const t of tokens) {
    if (t.kind === "comment") {
      if (prev && prev.kind !== "comment" && out.trim()) out += " ";
      out += t.text;
      newline();
      prev = t;
      continue;
    }
    const p = prev && prev.kind !== "comment" ? prev : null;
    if (t.text === "{" && parens === 0) {
      if (depth === 0 && p && p.text === "}") out += "\n";
      out += (out && !/[\s(]$/.test(out) ? " " : "") + "{";
      depth++;
      newline();
    } else if (t.text === "}" && parens === 0) {
      depth = Math.max(0, depth - 1);
      newline();
      out += "}";
      if (depth === 0) out += "\n";
    } else if (t.text === "(") {
      parens++;
      out += "(";
    } else if (t.text === ")") {
      parens = Math.max(0, parens - 1);
      out = out.replace(/,?\s*$/, "");
      out += ")";
    } else if (t.text === ",") {
      if (parens > 0) out += ", ";
    } else if (t.text === ":") {
      out += ": ";
    } else if (t.text === "=") {
      out += " = ";
    } else if (t.text === "[" || t.text === "]" || t.text === "!") {
      out += t.text;
    } else if (parens > 0 && t.text === "{") {
      out += "{ ";
    } else if (parens > 0 && t.text === "}") {
      out += " }";
    } else {
      // A name, value, spread or directive.
      const startsSelection = depth > 0 && parens === 0 && p &&
        (p.kind === "name" || p.kind === "string" || p.text === ")" || p.text === "}") &&
        p.text !== "on" && !(p.kind === "name" && p.prevAt) && t.text !== "@";
      if (startsSelection && !(t.kind === "name" && p.kind === "spread")) {
        newline();
      } else if (depth === 0 && p && p.text === "}") {
        out += "\n";
      } else if (out && !/[\s([{]$/.test(out) && !(p && ((p.kind === "spread" && t.text !== "on") || p.text === "@"))) {
        out += " ";
      }
      out += t.text;
      if (p && p.text === "@") t.prevAt = true;
    }
    prev = t;
  }
  return out.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
}

// ---------------------------------------------------------------------------
// Editors

// Editor is a textarea with a highlighted copy behind it and line numbers
// beside it.
class Editor {
  constructor(root, highlight, onChange) {
    this.root = root;
    this.textarea = root.querySelector("textarea");
    this.pre = root.querySelector(".highlight");
    this.gutter = root.querySelector(".gutter");
    this.highlight = highlight;
    this.onChange = onChange;
    this.textarea.addEventListener("input", () => this.changed());
    this.textarea.addEventListener("scroll", () => this.syncScroll());
    this.textarea.addEventListener("keydown", (e) => this.keydown(e));
    this.render();
  }

  get value() {
    return this.textarea.value;
  }

  set value(v) {
    this.textarea.value = v;
    this.changed();
  }

  changed() {
    this.render();
    this.onChange?.();
  }

  render() {
    const v = this.textarea.value;
    // A trailing newline needs a character after it to take up a line.
    this.pre.innerHTML = this.highlight(v) + "\n ";
    const lines = v.split("\n").length;
    if (this.lines !== lines) {
      this.lines = lines;
      this.gutter.textContent = Array.from({ length: lines }, (_, i) => i + 1).join("\n") + "\n ";
    }
    this.syncScroll();
  }

  syncScroll() {
    this.pre.scrollTop = this.textarea.scrollTop;
    this.pre.scrollLeft = this.textarea.scrollLeft;
    this.gutter.scrollTop = this.textarea.scrollTop;
  }

  // insert replaces the selection with text, keeping the browser's undo
  // history where it can.
  insert(text, selectStart, selectEnd) {
    const ta = this.textarea;
    ta.focus();
    if (!document.execCommand("insertText", false, text)) {
      ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, "end");
      this.changed();
    }
    if (selectStart !== undefined) ta.setSelectionRange(selectStart, selectEnd ?? selectStart);
  }

  keydown(e) {
    const ta = this.textarea;
    const { selectionStart: s, selectionEnd: end, value: v } = ta;
    if (e.key === "Tab" && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      const lineStart = v.lastIndexOf("\n", s - 1) + 1;
      if (!e.shiftKey && s === end) {
        this.insert("  ");
        return;
      }
      // Indent or dedent every selected line.
      const blockEnd = end > s && v[end - 1] === "\n" ? end - 1 : end;
      const block = v.slice(lineStart, blockEnd);
      const lines = block.split("\n");
      const changed = lines.map((l) => (e.shiftKey ? l.replace(/^ {1,2}/, "") : "  " + l)).join("\n");
      ta.setSelectionRange(lineStart, blockEnd);
      const firstShift = e.shiftKey ? -(lines[0].length - lines[0].replace(/^ {1,2}/, "").length) : 2;
      this.insert(changed, Math.max(lineStart, s + firstShift), lineStart + changed.length);
      return;
    }
    if (e.key === "Enter" && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      const lineStart = v.lastIndexOf("\n", s - 1) + 1;
      const indent = v.slice(lineStart).match(/^[ \t]*/)[0].slice(0, Math.max(0, s - lineStart));
      const before = v.slice(lineStart, s).trimEnd();
      const after = v[end];
      const opens = /[{([]$/.test(before);
      if (opens && (after === "}" || after === ")" || after === "]")) {
        this.insert("\n" + indent + "  " + "\n" + indent, s + 1 + indent.length + 2);
      } else {
        this.insert("\n" + indent + (opens ? "  " : ""));
      }
      return;
    }
    const pairs = { "{": "}", "(": ")", "[": "]", '"': '"' };
    if (pairs[e.key] && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const nextCh = v[end] ?? "";
      if (e.key === '"' && nextCh === '"' && s === end) {
        e.preventDefault();
        ta.setSelectionRange(s + 1, s + 1);
        return;
      }
      if (s !== end || /^[\s)}\],]?$/.test(nextCh)) {
        e.preventDefault();
        const inner = v.slice(s, end);
        this.insert(e.key + inner + pairs[e.key], s + 1, s + 1 + inner.length);
        return;
      }
    }
    if ((e.key === "}" || e.key === ")" || e.key === "]") && s === end && v[s] === e.key && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      ta.setSelectionRange(s + 1, s + 1);
      return;
    }
    if (e.key === "Backspace" && s === end && s > 0 && pairs[v[s - 1]] && pairs[v[s - 1]] === v[s]) {
      e.preventDefault();
      ta.setSelectionRange(s - 1, s + 1);
      this.insert("");
    }
  }
}

// ---------------------------------------------------------------------------
// Application state

const ui = {
  run: $("#run"),
  operation: $("#operation"),
  prettify: $("#prettify"),
  examples: $("#examples"),
  status: $("#status"),
  result: $("#result"),
  resultMeta: $("#result-meta"),
  workspace: $("#workspace"),
  side: $("#side"),
  docs: $("#docs"),
  docsBody: $("#docs-body"),
  docsTitle: $("#docs-title"),
  docsBack: $("#docs-back"),
  docsSearch: $("#docs-search"),
  docsRefresh: $("#docs-refresh"),
  history: $("#history"),
  historyList: $("#history-list"),
  historyClear: $("#history-clear"),
  toggleDocs: $("#toggle-docs"),
  toggleHistory: $("#toggle-history"),
  apiKey: $("#api-key"),
  banner: $("#banner"),
};

let ops = [];
let pickedByHand = false;
let inflight = null;
let schema = null;
const docStack = [];

const queryEditor = new Editor($("#query-editor"), highlightGraphQL, () => {
  refreshOperations();
  saveSession();
});
const variablesEditor = new Editor($("#variables-editor"), highlightJSON, saveSession);

function refreshOperations() {
  ops = operations(queryEditor.value);
  const names = ops.map((o, i) => o.name || `(anonymous ${o.type} ${i + 1})`);
  const previous = ui.operation.value;
  ui.operation.replaceChildren(
    ...ops.map((o, i) => {
      const opt = document.createElement("option");
      opt.value = o.name;
      opt.textContent = `${o.type} ${names[i]}`;
      return opt;
    }),
  );
  ui.operation.hidden = ops.length < 2;
  if (ops.some((o) => o.name === previous)) ui.operation.value = previous;
  else pickedByHand = false;
}

// followCursor picks the operation the cursor is in, unless one was picked by
// hand.
function followCursor() {
  if (ops.length < 2 || pickedByHand || document.activeElement !== queryEditor.textarea) return;
  const at = queryEditor.textarea.selectionStart;
  const op = ops.find((o) => at >= o.start && at <= o.end);
  if (op) ui.operation.value = op.name;
}

function currentOperationName() {
  if (ops.length < 2) return ops[0]?.name || undefined;
  return ui.operation.value || undefined;
}

let saveTimer = 0;
function saveSession() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    store(STORE_SESSION, {
      query: queryEditor.value,
      variables: variablesEditor.value,
      operationName: ui.operation.value,
    });
  }, 250);
}

function load(query, variables, operationName) {
  queryEditor.value = query ?? "";
  variablesEditor.value = typeof variables === "string" ? variables : JSON.stringify(variables ?? {}, null, 2);
  refreshOperations();
  if (operationName && ops.some((o) => o.name === operationName)) {
    ui.operation.value = operationName;
    pickedByHand = true;
  }
}

function store(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage may be full or disabled; the IDE works without it.
  }
}

function recall(key, fallback) {
  try {
    return JSON.parse(sessionStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

// forgetLocal removes what earlier versions of the IDE kept in localStorage,
// which outlives the browser.
function forgetLocal() {
  try {
    localStorage.removeItem(STORE_SESSION);
    localStorage.removeItem(STORE_HISTORY);
  } catch {
    // Storage may be disabled; then nothing is there.
  }
}

// ---------------------------------------------------------------------------
// Running requests

function setStatus(text, kind) {
  ui.status.textContent = text;
  ui.status.className = "status " + (kind || "");
}

function showResult(text, failed) {
  ui.result.classList.toggle("failed", !!failed);
  ui.result.innerHTML = failed ? `<span class="error-text">${escapeHTML(text)}</span>` : highlightJSON(text);
  ui.result.scrollTop = 0;
}

function formatBytes(n) {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1048576).toFixed(1)} MB`;
}

// graphql sends a request: over POST, or over GET when readOnly, which the
// server serves for queries only.
async function graphql(body, signal, readOnly = false) {
  const started = performance.now();
  const headers = { Accept: "application/graphql-response+json, application/json" };
  const key = apiKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  let res;
  if (readOnly) {
    const params = new URLSearchParams({ query: body.query });
    if (body.variables !== undefined) params.set("variables", JSON.stringify(body.variables));
    if (body.operationName) params.set("operationName", body.operationName);
    res = await fetch(`${ENDPOINT}?${params}`, { method: "GET", headers, signal });
  } else {
    headers["Content-Type"] = "application/json";
    res = await fetch(ENDPOINT, { method: "POST", headers, body: JSON.stringify(body), signal });
  }
  const text = await res.text();
  showAccess(res);
  return { res, text, ms: Math.round(performance.now() - started) };
}

// ---------------------------------------------------------------------------
// Access: the API key field and the banner

function apiKey() {
  try {
    return sessionStorage.getItem(STORE_API_KEY) || "";
  } catch {
    return ui.apiKey.value.trim();
  }
}

function saveApiKey() {
  const key = ui.apiKey.value.trim();
  try {
    if (key) sessionStorage.setItem(STORE_API_KEY, key);
    else sessionStorage.removeItem(STORE_API_KEY);
  } catch {
    // Storage may be disabled; apiKey() falls back to the field.
  }
  checkAccess();
}

function banner(text, kind) {
  ui.banner.textContent = text || "";
  ui.banner.className = "banner " + (kind || "");
  ui.banner.hidden = !text;
}

// showAccess explains a response's access situation: an open server, or a
// key that is missing or was refused.
function showAccess(res) {
  if (res.headers.get("X-Netgraph-Access") === "open") {
    banner(
      "Open access: this server has no API keys, so anyone who can reach it acts as an administrator. " +
        "Start it with --api-keys FILE before it holds real data.",
      "warn",
    );
  } else if (res.status === 401) {
    banner(
      apiKey()
        ? "The API key was refused (401): check it, or ask an administrator for a new one."
        : "This server needs an API key: enter yours in the API key field at the top.",
      "bad",
    );
  } else {
    banner("");
  }
}

// checkAccess asks the server the cheapest question, to show the banner
// before the first real request.
async function checkAccess() {
  try {
    await graphql({ query: "query AccessCheck { __typename }", operationName: "AccessCheck" });
  } catch {
    // Unreachable servers are reported when a request is run.
  }
}

// run runs the operation in the editor; readOnly (a run a link asked for)
// sends it over GET, so that it runs only if it is a query.
async function run(readOnly = false) {
  if (inflight) {
    inflight.abort();
    return;
  }
  let variables;
  const rawVars = variablesEditor.value.trim();
  if (rawVars) {
    try {
      variables = JSON.parse(rawVars);
    } catch (err) {
      setStatus("Variables are not valid JSON", "bad");
      showResult(`Variables are not valid JSON: ${err.message}`, true);
      return;
    }
  }
  const operationName = currentOperationName();
  const query = queryEditor.value;
  inflight = new AbortController();
  ui.run.textContent = "■ Stop";
  ui.run.classList.add("running");
  setStatus("Running…", "busy");
  try {
    const { res, text, ms } = await graphql({ query, variables, operationName }, inflight.signal, readOnly === true);
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    const errors = body && Array.isArray(body.errors) ? body.errors.length : 0;
    const ok = res.ok && body && errors === 0;
    const parts = [`${res.status} ${res.statusText || (res.ok ? "OK" : "")}`.trim(), `${ms} ms`, formatBytes(text.length)];
    if (errors) parts.push(`${errors} error${errors > 1 ? "s" : ""}`);
    setStatus(parts.join(" · "), ok ? "ok" : "bad");
    const rid = res.headers.get("X-Request-Id");
    ui.resultMeta.textContent = rid ? `request ${rid}` : "";
    if (body) showResult(JSON.stringify(body, null, 2));
    else showResult(text || `(empty ${res.status} response)`, true);
    remember({ query, variables: rawVars, operationName });
  } catch (err) {
    if (err.name === "AbortError") {
      setStatus("Stopped", "bad");
    } else {
      setStatus("Network error", "bad");
      showResult(`Could not reach ${ENDPOINT}: ${err.message}`, true);
    }
  } finally {
    inflight = null;
    ui.run.textContent = "▶ Run";
    ui.run.classList.remove("running");
  }
}

// ---------------------------------------------------------------------------
// History

function remember(entry) {
  const list = recall(STORE_HISTORY, []);
  const same = (h) => h.query === entry.query && h.variables === entry.variables && h.operationName === entry.operationName;
  const kept = list.filter((h) => !same(h));
  kept.unshift({ ...entry, at: Date.now() });
  store(STORE_HISTORY, kept.slice(0, HISTORY_MAX));
  if (!ui.history.hidden) renderHistory();
}

function timeAgo(t) {
  const s = Math.round((Date.now() - t) / 1000);
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(t).toLocaleDateString();
}

function renderHistory() {
  const list = recall(STORE_HISTORY, []);
  if (!list.length) {
    const li = document.createElement("li");
    li.className = "doc-empty";
    li.textContent = "Nothing run yet.";
    ui.historyList.replaceChildren(li);
    return;
  }
  ui.historyList.replaceChildren(
    ...list.map((h) => {
      const li = document.createElement("li");
      li.tabIndex = 0;
      const op = operations(h.query).find((o) => !h.operationName || o.name === h.operationName);
      const name = document.createElement("div");
      name.className = "h-name";
      name.textContent = `${op ? op.type : "query"} ${h.operationName || op?.name || "(anonymous)"}`;
      const meta = document.createElement("div");
      meta.className = "h-meta";
      meta.textContent = timeAgo(h.at);
      const preview = document.createElement("div");
      preview.className = "h-preview";
      const text = op ? h.query.slice(op.start, op.end) : h.query;
      preview.textContent = text.replace(/#[^\n]*/g, "").replace(/\s+/g, " ").trim();
      li.append(name, meta, preview);
      const open = () => load(h.query, h.variables, h.operationName);
      li.addEventListener("click", open);
      li.addEventListener("keydown", (e) => e.key === "Enter" && open());
      return li;
    }),
  );
}

// ---------------------------------------------------------------------------
// Schema explorer

const INTROSPECTION = `query IntrospectionQuery {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types {
      kind name description
      fields(includeDeprecated: true) {
        name description isDeprecated deprecationReason
        args { name description defaultValue type { ...TypeRef } }
        type { ...TypeRef }
      }
      inputFields { name description defaultValue type { ...TypeRef } }
      interfaces { ...TypeRef }
      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
      possibleTypes { ...TypeRef }
    }
  }
}
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
}`;

async function loadSchema() {
  ui.docsBody.replaceChildren(el("p", "doc-empty", "Loading the schema…"));
  try {
    const { res, text } = await graphql({ query: INTROSPECTION, operationName: "IntrospectionQuery" });
    const body = JSON.parse(text);
    if (!res.ok || !body.data) throw new Error(body.errors?.[0]?.message || `HTTP ${res.status}`);
    const s = body.data.__schema;
    schema = { ...s, byName: new Map(s.types.map((t) => [t.name, t])) };
    renderDocs();
  } catch (err) {
    schema = null;
    ui.docsBody.replaceChildren(el("p", "doc-empty", `Could not load the schema: ${err.message}`));
  }
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// description renders text with `code` spans.
function description(text) {
  const p = el("div", "doc-desc");
  String(text || "")
    .split(/(`[^`]+`)/)
    .forEach((part) => {
      if (part.startsWith("`") && part.endsWith("`") && part.length > 1) p.append(el("code", "", part.slice(1, -1)));
      else if (part) p.append(part);
    });
  return p;
}

function namedType(ref) {
  while (ref.ofType) ref = ref.ofType;
  return ref.name;
}

// typeLink renders a type reference (with its list and non-null wrappers) as
// a link to the named type.
function typeLink(ref) {
  const frag = document.createDocumentFragment();
  if (ref.kind === "NON_NULL") {
    frag.append(typeLink(ref.ofType), "!");
  } else if (ref.kind === "LIST") {
    frag.append("[", typeLink(ref.ofType), "]");
  } else {
    const a = el("a", "t-type", ref.name);
    a.href = "#";
    a.addEventListener("click", (e) => {
      e.preventDefault();
      openDoc({ type: ref.name });
    });
    frag.append(a);
  }
  return frag;
}

function fieldLink(typeName, field) {
  const a = el("a", "t-attr", field.name);
  a.href = "#";
  a.addEventListener("click", (e) => {
    e.preventDefault();
    openDoc({ type: typeName, field: field.name });
  });
  return a;
}

function openDoc(view) {
  docStack.push(view);
  ui.docsSearch.value = "";
  renderDocs();
}

function renderDocs() {
  if (!schema) return;
  const view = docStack[docStack.length - 1];
  const filter = ui.docsSearch.value.trim().toLowerCase();
  ui.docsBack.hidden = docStack.length === 0;
  const body = [];
  if (!view) {
    ui.docsTitle.textContent = "Documentation";
    body.push(...docsRoot(filter));
  } else if (view.field) {
    ui.docsTitle.textContent = `${view.type}.${view.field}`;
    body.push(...docsField(view.type, view.field));
  } else {
    ui.docsTitle.textContent = view.type;
    body.push(...docsType(view.type, filter));
  }
  ui.docsBody.replaceChildren(...body);
  ui.docsBody.scrollTop = 0;
}

function docsRoot(filter) {
  const out = [];
  if (!filter) {
    out.push(description("Operations start at these root types. Click a type or field to read about it."));
    out.push(el("div", "doc-kind", "Root types"));
    const roots = el("ul", "doc-list");
    for (const [label, t] of [["query", schema.queryType], ["mutation", schema.mutationType], ["subscription", schema.subscriptionType]]) {
      if (!t) continue;
      const li = el("li", "doc-sig");
      li.append(el("span", "t-keyword", label), ": ", typeLink({ kind: "OBJECT", name: t.name }));
      roots.append(li);
    }
    out.push(roots);
  }
  const kinds = [["OBJECT", "Object types"], ["INPUT_OBJECT", "Input types"], ["ENUM", "Enums"], ["INTERFACE", "Interfaces"], ["UNION", "Unions"], ["SCALAR", "Scalars"]];
  for (const [kind, label] of kinds) {
    const types = schema.types
      .filter((t) => t.kind === kind && !t.name.startsWith("__"))
      .sort((a, b) => a.name.localeCompare(b.name));
    const list = el("ul", "doc-list");
    for (const t of types) {
      const fieldHits = filter ? fieldsOf(t).filter((f) => f.name.toLowerCase().includes(filter)) : [];
      if (filter && !t.name.toLowerCase().includes(filter) && !fieldHits.length) continue;
      const li = el("li", "doc-sig");
      li.append(typeLink({ kind, name: t.name }));
      for (const f of fieldHits) {
        const sub = el("div", "doc-sig");
        sub.append("  .", fieldLink(t.name, f), ": ", typeLink(f.type));
        li.append(sub);
      }
      if (!filter && t.description) li.append(description(firstSentence(t.description)));
      list.append(li);
    }
    if (list.children.length) out.push(el("div", "doc-kind", label), list);
  }
  if (!out.length) out.push(el("p", "doc-empty", "Nothing matches."));
  return out;
}

function firstSentence(s) {
  const m = /^[^]*?[.!?](?=\s|$)/.exec(s.trim());
  return m ? m[0] : s;
}

// fieldsOf returns a type's fields, or its input fields for an input type.
function fieldsOf(t) {
  if (!t) return [];
  return (t.kind === "INPUT_OBJECT" ? t.inputFields : t.fields) || [];
}

function docsType(name, filter) {
  const t = schema.byName.get(name);
  if (!t) return [el("p", "doc-empty", `No type ${name}.`)];
  const out = [el("div", "doc-kind", t.kind.replace("_", " ").toLowerCase())];
  if (t.description) out.push(description(t.description));
  if (t.interfaces?.length) {
    const p = el("div", "doc-sig");
    p.append("implements ");
    t.interfaces.forEach((i, n) => p.append(n ? ", " : "", typeLink(i)));
    out.push(p);
  }
  const input = t.kind === "INPUT_OBJECT";
  const hasFields = input || t.kind === "OBJECT" || t.kind === "INTERFACE";
  const fields = fieldsOf(t).filter((f) => !filter || f.name.toLowerCase().includes(filter));
  if (hasFields) {
    out.push(el("div", "doc-kind", input ? "Input fields" : "Fields"));
    const list = el("ul", "doc-list");
    for (const f of fields) {
      const li = el("li");
      const sig = el("div", "doc-sig");
      sig.append(fieldLink(name, f));
      if (f.args?.length) {
        sig.append("(");
        f.args.forEach((a, i) => sig.append(i ? ", " : "", el("span", "", a.name), ": ", typeLink(a.type)));
        sig.append(")");
      }
      sig.append(": ", typeLink(f.type));
      if (f.defaultValue != null) sig.append(" = ", el("span", "t-literal", f.defaultValue));
      li.append(sig);
      if (f.description) li.append(description(f.description));
      if (f.isDeprecated) li.append(el("div", "doc-deprecated", `Deprecated: ${f.deprecationReason || "no reason given"}`));
      list.append(li);
    }
    if (!fields.length) list.append(el("li", "doc-empty", "Nothing matches."));
    out.push(list);
  }
  if (t.kind === "ENUM") {
    out.push(el("div", "doc-kind", "Values"));
    const list = el("ul", "doc-list");
    for (const v of t.enumValues.filter((v) => !filter || v.name.toLowerCase().includes(filter))) {
      const li = el("li");
      li.append(el("div", "doc-sig t-literal", v.name));
      if (v.description) li.append(description(v.description));
      if (v.isDeprecated) li.append(el("div", "doc-deprecated", `Deprecated: ${v.deprecationReason || "no reason given"}`));
      list.append(li);
    }
    out.push(list);
  }
  if ((t.kind === "INTERFACE" || t.kind === "UNION") && t.possibleTypes?.length) {
    out.push(el("div", "doc-kind", "Possible types"));
    const list = el("ul", "doc-list");
    for (const p of t.possibleTypes) {
      const li = el("li", "doc-sig");
      li.append(typeLink(p));
      list.append(li);
    }
    out.push(list);
  }
  return out;
}

function docsField(typeName, fieldName) {
  const t = schema.byName.get(typeName);
  const f = fieldsOf(t).find((x) => x.name === fieldName);
  if (!f) return [el("p", "doc-empty", `No field ${typeName}.${fieldName}.`)];
  const out = [el("div", "doc-kind", t.kind === "INPUT_OBJECT" ? "Input field" : "Field")];
  if (f.description) out.push(description(f.description));
  const type = el("div", "doc-sig");
  type.append("Type: ", typeLink(f.type));
  out.push(type);
  if (f.isDeprecated) out.push(el("div", "doc-deprecated", `Deprecated: ${f.deprecationReason || "no reason given"}`));
  if (f.args?.length) {
    out.push(el("div", "doc-kind", "Arguments"));
    const list = el("ul", "doc-list");
    for (const a of f.args) {
      const li = el("li");
      const sig = el("div", "doc-sig");
      sig.append(el("span", "t-attr", a.name), ": ", typeLink(a.type));
      if (a.defaultValue != null) sig.append(" = ", el("span", "t-literal", a.defaultValue));
      li.append(sig);
      if (a.description) li.append(description(a.description));
      list.append(li);
    }
    out.push(list);
  }
  const target = schema.byName.get(namedType(f.type));
  if (target?.description) {
    out.push(el("div", "doc-kind", `About ${target.name}`), description(target.description));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Side panels

function showPanel(which) {
  const panels = { docs: [ui.docs, ui.toggleDocs], history: [ui.history, ui.toggleHistory] };
  const opening = which && panels[which][0].hidden;
  for (const [name, [panel, button]] of Object.entries(panels)) {
    const on = opening && name === which;
    panel.hidden = !on;
    button.setAttribute("aria-pressed", String(on));
  }
  ui.side.hidden = !opening;
  ui.workspace.classList.toggle("with-side", !!opening);
  if (opening && which === "docs" && !schema) loadSchema();
  if (opening && which === "history") renderHistory();
}

// ---------------------------------------------------------------------------
// Wiring

function prettify() {
  try {
    queryEditor.value = prettifyGraphQL(queryEditor.value);
  } catch (err) {
    setStatus(`Could not prettify: ${err.message}`, "bad");
  }
  const raw = variablesEditor.value.trim();
  if (raw) {
    try {
      variablesEditor.value = JSON.stringify(JSON.parse(raw), null, 2);
    } catch {
      setStatus("Variables are not valid JSON", "bad");
    }
  }
}

function init() {
  forgetLocal();
  $("#endpoint").textContent = ENDPOINT;
  for (const ex of EXAMPLES) {
    const opt = document.createElement("option");
    opt.value = ex.id;
    opt.textContent = ex.label;
    ui.examples.append(opt);
  }

  ui.apiKey.value = apiKey();
  ui.apiKey.addEventListener("change", saveApiKey);
  ui.run.addEventListener("click", run);
  ui.prettify.addEventListener("click", prettify);
  ui.examples.addEventListener("change", () => {
    const ex = EXAMPLES.find((x) => x.id === ui.examples.value);
    if (ex) load(ex.query, ex.variables, ex.operationName);
    ui.examples.value = "";
    queryEditor.textarea.focus();
  });
  ui.operation.addEventListener("change", () => {
    pickedByHand = true;
    saveSession();
  });
  queryEditor.textarea.addEventListener("keydown", () => (pickedByHand = false));
  queryEditor.textarea.addEventListener("mousedown", () => (pickedByHand = false));
  document.addEventListener("selectionchange", followCursor);
  document.addEventListener("keydown", (e) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key === "Enter") {
      e.preventDefault();
      followCursor();
      run();
    } else if (mod && e.shiftKey && (e.key === "P" || e.key === "p")) {
      e.preventDefault();
      prettify();
    }
  });
  ui.toggleDocs.addEventListener("click", () => showPanel("docs"));
  ui.toggleHistory.addEventListener("click", () => showPanel("history"));
  ui.docsBack.addEventListener("click", () => {
    docStack.pop();
    renderDocs();
  });
  ui.docsRefresh.addEventListener("click", loadSchema);
  ui.docsSearch.addEventListener("input", renderDocs);
  ui.historyClear.addEventListener("click", () => {
    store(STORE_HISTORY, []);
    renderHistory();
  });

  // What to show first: the URL's request, else the last session, else the
  // first example.
  const params = new URLSearchParams(location.search);
  const example = EXAMPLES.find((x) => x.id === params.get("example"));
  const session = recall(STORE_SESSION, null);
  if (params.has("query")) {
    load(params.get("query"), params.get("variables") || "{}", params.get("operationName"));
  } else if (example) {
    load(example.query, example.variables, example.operationName);
  } else if (session && session.query) {
    load(session.query, session.variables, session.operationName);
  } else {
    load(EXAMPLES[0].query, EXAMPLES[0].variables);
  }
  if (params.get("docs")) {
    showPanel("docs");
    const [type, field] = params.get("docs").split(".");
    if (type !== "1") docStack.push({ type, field });
  } else if (params.get("history")) {
    showPanel("history");
  }
  // A link from anywhere may load a request and run it, but only as a
  // query: run over GET, a mutation is refused, so another page cannot link
  // here to change data as whoever uses the IDE (CSRF). Run runs it anyway.
  if (params.get("run") === "1") run(true);
  else checkAccess();
}

init();
