// The dashboard at /: wires the state (state.js), the data (api.js), the map
// (map.js) and the panels (panels.js) to the page. Nothing else lives here.

import "./dashboard.css";

import * as api from "./api.js";
import { createMap } from "./map.js";
import { el, importPreview, legendPanel, overviewPanel, personPanel } from "./panels.js";
import { canImport, SPREADSHEET_TYPES, summary, tooLarge } from "./sheets.js";
import { canExport, canWrite, createStore, freshIntroductions, initialState, isStale, matchesFilter, regionsOf, roleFromProbe, searchPeople } from "./state.js";
import { filterOptions, networkProfile, registerList, requestQueue } from "./register.js";
import { COLOUR_BY, SIZE_BY } from "./style.js";
import { METRICS, count } from "./format.js";
import { keyStore, readApiKey, writeApiKey } from "../shared/session.js";

const $ = (id) => document.getElementById(id);
const store = createStore(initialState);
const keys = keyStore();

// What was loaded: not state the user changes, so kept beside the store.
let data = { people: [], ties: [], byId: new Map(), sorted: {}, orgs: new Map(), networks: [], overview: null, emailVisible: false };

const map = createMap($("map"), { onSelect: (id) => select(id) });
globalThis.netgraphMap = map; // for the browser tests: map.stats()

/** status shows a line at the foot of the map. */
const status = (text) => ($("status").textContent = text);

/** askForKey opens the key dialog and resolves when a key has been given. */
function askForKey(reason) {
  $("key-reason").textContent = reason;
  $("key-input").value = "";
  const dialog = $("key-dialog");
  if (!dialog.open) dialog.showModal();
  return new Promise((resolve) => {
    $("key-form").onsubmit = (e) => {
      e.preventDefault();
      writeApiKey(keys, $("key-input").value);
      dialog.close();
      resolve();
    };
  });
}

/** withKey runs fn, asking for an API key (again) while the server refuses the caller. */
async function withKey(fn) {
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (err.code !== "UNAUTHENTICATED") throw err;
      await askForKey(readApiKey(keys) ? "The server refused this API key. Try another one." : "This server needs an API key. It is kept in this tab only and forgotten when the tab closes.");
    }
  }
}

const options = (select, entries) => {
  const keep = select.querySelector('option[value=""]');
  select.replaceChildren(...(keep ? [keep] : []), ...entries.map(([v, label]) => el("option", { value: v }, label)));
};

/** loadScope loads the map and the overview of a scope and draws them; it returns the map's provenance. */
async function loadScope(scope) {
  document.body.dataset.ready = "false";
  status("Loading the map…");
  const [graph, overview] = await withKey(() =>
    Promise.all([api.loadGraph(scope, (done, total) => status(`Loading the map… ${Math.round((100 * done) / Math.max(1, total))}%`)), api.loadOverview(scope)]));
  const sorted = {};
  for (const m of Object.keys(METRICS)) sorted[m] = graph.people.map((p) => p[m]).sort((a, b) => a - b);
  data = { ...data, people: graph.people, ties: graph.ties, byId: new Map(graph.people.map((p) => [p.id, p])), sorted, overview };
  options($("filter-region"), regionsOf(graph.people).map((r) => [r, r]));
  store.update({ role: roleFromProbe({ emailVisible: data.emailVisible, reportsAllowed: overview.reportsAllowed }), selected: null });
  status(`Laying out ${count(graph.people.length, "person", "people")} and ${count(graph.ties.length, "tie")}…`);
  map.setGraph(graph.people, graph.ties, () => {
    status(`${count(graph.people.length, "person", "people")}, ${count(graph.ties.length, "tie")}. Click a person for their card; drag to move, scroll to zoom.`);
    document.body.dataset.ready = "true";
  });
  render(store.get());
  return graph.provenance;
}

/** loadDirectory loads what the filters and the network choice offer. */
async function loadDirectory() {
  const dir = await withKey(() => api.loadDirectory());
  data = { ...data, orgs: new Map(dir.organisations.map((o) => [o.id, o])), networks: dir.networks, emailVisible: dir.emailVisible };
  options($("filter-organisation"), dir.organisations.map((o) => [o.id, o.name]).sort((a, b) => a[1].localeCompare(b[1])));
  const scope = $("scope").value;
  options($("scope"), dir.networks.map((n) => [n.id, n.name]));
  $("scope").value = scope;
}

/** reloadAfterImport draws what an import changed, again until the analysis has caught up with it. */
async function reloadAfterImport(tries = 30) {
  await loadDirectory();
  const provenance = await loadScope(store.get().scope);
  if (provenance.stale && tries > 1) setTimeout(() => reloadAfterImport(tries - 1).catch(fail), 2000);
}

/** select opens a person's card, or the overview for null. */
async function select(id) {
  store.update({ selected: id });
  if (!id) return;
  map.focus(id);
  await showPerson(id);
}

async function showPerson(id) {
  const state = store.get();
  const panel = $("panel");
  panel.dataset.loading = "true";
  try {
    const res = await withKey(() => api.loadPerson(id, state.scope, data.overview?.reportsAllowed));
    if (store.get().selected !== id) return;
    if (!res.person) {
      panel.replaceChildren(el("p", {}, "This person is no longer in netgraph."));
      return;
    }
    const contacts = map.neighbours(id);
    let introductions = data.overview?.reportsAllowed ? res.introductions : null;
    const catchingUp = introductions !== null && isStale(introductions);
    if (introductions) introductions = freshIntroductions(introductions, new Set(contacts.map((c) => c.person.id)));
    panel.replaceChildren(...personPanel({
      person: res.person,
      introductions,
      ego: data.overview?.reportsAllowed ? res.ego : null,
      mapPerson: data.byId.get(id),
      sorted: data.sorted,
      contacts,
      overview: data.overview,
      canWrite: canWrite(store.get().role),
      onPick: (pid) => select(pid),
      onRecord: (other, button) => record(id, other, button),
      onDismiss: (other, button) => dismiss(id, other, button),
      onClose: () => select(null),
    }));
    if (catchingUp) {
      // The analysis is catching up with a change: ask again shortly.
      panel.append(el("p", { className: "note", id: "catching-up" }, "The analysis is catching up with the latest change; suggestions will update."));
      setTimeout(() => store.get().selected === id && showPerson(id), 2000);
    }
    if (panel.dataset.person !== id) panel.scrollTop = 0;
    panel.dataset.person = id;
  } catch (err) {
    panel.replaceChildren(el("p", { className: "error" }, `Could not load this person: ${err.message}`));
  } finally {
    panel.dataset.loading = "false";
  }
}

/** record records an introduction from the card, then shows the new suggestions. */
async function record(id, other, button) {
  button.disabled = true;
  button.textContent = "Recording…";
  try {
    const tie = await withKey(() => api.recordIntroduction(id, other.id));
    map.addTie({ from: id, to: other.id, kinds: [tie.kind], strength: tie.strength });
    status(`Recorded: ${data.byId.get(id)?.name || "they"} and ${other.name} have been introduced.`);
    // The analysis follows the data: the new suggestions first, then the overview.
    await showPerson(id);
    refreshOverview(store.get().scope);
  } catch (err) {
    button.textContent = `Not recorded: ${err.message}`;
  }
}

/** dismiss dismisses a suggested introduction from the card, then shows the suggestions left. */
async function dismiss(id, other, button) {
  button.disabled = true;
  button.textContent = "Dismissing…";
  try {
    await withKey(() => api.dismissIntroduction(id, other.id));
    status(`Dismissed: ${data.byId.get(id)?.name || "they"} and ${other.name} will not be suggested again.`);
    await showPerson(id);
    refreshOverview(store.get().scope);
  } catch (err) {
    button.textContent = `Not dismissed: ${err.message}`;
  }
}

/** refreshOverview reloads the overview until the analysis has caught up with the data. */
async function refreshOverview(scope, tries = 30) {
  const overview = await api.loadOverview(scope);
  if (JSON.stringify(store.get().scope) !== JSON.stringify(scope)) return;
  data = { ...data, overview };
  if (!store.get().selected) render(store.get());
  if (overview.networkHealth.provenance.stale && tries > 1) setTimeout(() => refreshOverview(scope, tries - 1).catch(fail), 2000);
}

/** render shows the state: map styling, legend, who the caller is, and the overview when nobody is selected. */
function render(state) {
  const visible = (p) => matchesFilter(p, state.filter);
  const legend = map.show(state, data.people, data.orgs, visible);
  const nameOf = (key) => {
    if (state.colourBy === "organisation") return data.orgs.get(key)?.name || key;
    if (state.colourBy === "community") return data.people.find((p) => String(p.community) === key)?.communityName || `community ${key}`;
    if (state.colourBy === "sector") return key.replaceAll("_", " ").toLowerCase();
    return key;
  };
  $("legend").replaceChildren(el("strong", {}, COLOUR_BY[state.colourBy].label), legendPanel(legend, nameOf, data.people.length));
  $("legend").hidden = legend.length === 0;
  $("whoami").textContent = { viewer: "Viewing", analyst: "Analyst", facilitator: "Facilitator", unknown: "" }[state.role];
  $("import-button").hidden = !canWrite(state.role);
  $("downloads").hidden = !canExport(state.role);
  if (!state.selected && data.overview) {
    $("panel").replaceChildren(...overviewPanel(data.overview, (id) => select(id)));
  }
}
let lastSelected = null;
store.subscribe((state) => {
  // Re-render the overview only when the selection is cleared, not on every change.
  if (state.selected === null || state.selected !== lastSelected) render(state);
  else map.show(state, data.people, data.orgs, (p) => matchesFilter(p, state.filter));
  lastSelected = state.selected;
});

function wireControls() {
  options($("colour-by"), Object.entries(COLOUR_BY).map(([k, v]) => [k, v.label]));
  options($("size-by"), Object.entries(SIZE_BY));
  options($("filter-role"), [
    ["structural:CONNECTOR", "Connectors"], ["structural:SPONSOR", "Sponsors (well placed)"],
    ["structural:ISOLATED", "Isolated"], ["structural:PERIPHERAL", "Peripheral"],
    ["member:LEAD", "Leads"], ["member:FACILITATOR", "Facilitators"], ["member:SPONSOR", "Sponsors (by role)"],
    ["member:CORE", "Core members"], ["member:MEMBER", "Members"],
  ]);
  $("colour-by").value = store.get().colourBy;
  $("size-by").value = store.get().sizeBy;
  $("colour-by").onchange = (e) => store.update({ colourBy: e.target.value });
  $("size-by").onchange = (e) => store.update({ sizeBy: e.target.value });
  for (const [id, field] of [["filter-organisation", "organisationId"], ["filter-region", "region"], ["filter-role", "role"]]) {
    $(id).onchange = (e) => store.update((s) => ({ filter: { ...s.filter, [field]: e.target.value } }));
  }
  $("scope").onchange = (e) => {
    const scope = e.target.value ? { networkId: e.target.value } : {};
    store.update({ scope, selected: null });
    loadScope(scope).catch(fail);
  };
  const results = $("search-results");
  const showResults = () => {
    const hits = searchPeople(data.people, $("search").value);
    results.hidden = hits.length === 0;
    results.replaceChildren(...hits.map((p) => el("li", {}, el("button", { type: "button", onClick: () => pick(p.id) }, p.name))));
    return hits;
  };
  const pick = (id) => {
    results.hidden = true;
    $("search").value = "";
    select(id);
  };
  $("search").oninput = showResults;
  $("search").onkeydown = (e) => {
    if (e.key === "Enter") {
      const [first] = showResults();
      if (first) pick(first.id);
    } else if (e.key === "Escape") results.hidden = true;
  };
  $("key-button").onclick = () => askForKey("Enter an API key for this tab; it is forgotten when the tab closes.").then(() => location.reload());
  $("key-forget").onclick = () => {
    writeApiKey(keys, "");
    location.reload();
  };
}

/** wireImport wires the spreadsheet upload: choose files, see the preview (a dry run), then import. */
function wireImport() {
  const dialog = $("import-dialog");
  const input = $("import-files");
  const preview = $("import-preview");
  const run = $("import-run");
  const show = (...nodes) => preview.replaceChildren(...nodes);
  let files = [];
  input.accept = SPREADSHEET_TYPES;
  $("import-button").onclick = () => dialog.showModal();
  $("import-close").onclick = () => dialog.close();
  input.onchange = async () => {
    run.disabled = true;
    if (input.files.length === 0) return;
    files = [...input.files];
    const big = tooLarge(files);
    if (big) return show(el("p", { className: "error" }, big));
    show(el("p", { className: "note" }, "Checking every row…"));
    try {
      const result = await withKey(() => api.importSpreadsheets(files, true));
      show(...importPreview(result));
      run.disabled = !canImport(result);
      if (result.problems.length) {
        // So that choosing the fixed files again is noticed.
        input.value = "";
        preview.append(el("p", { className: "note" }, "Fix these in the spreadsheets, save them, and choose the files again."));
      }
    } catch (err) {
      show(el("p", { className: "error" }, `Could not check these files: ${err.message}`));
    }
  };
  run.onclick = async () => {
    run.disabled = true;
    show(el("p", { className: "note" }, "Importing…"));
    try {
      const result = await withKey(() => api.importSpreadsheets(files, false));
      show(...importPreview(result));
      if (result.written) {
        status(summary(result));
        await reloadAfterImport();
      }
    } catch (err) {
      show(el("p", { className: "error" }, `Could not import these files: ${err.message}`));
    }
  };
}

/** wireDownloads wires "Open in Gephi" and "Cytoscape": the network shown, as a file for each. */
function wireDownloads() {
  for (const [format, app] of [["gexf", "Gephi"], ["graphml", "Cytoscape"]]) {
    $(`download-${format}`).onclick = async (e) => {
      const button = e.currentTarget;
      button.disabled = true;
      try {
        const name = await withKey(() => api.downloadNetwork(store.get().scope, format));
        status(`Downloaded ${name}: open it in ${app}.`);
      } catch (err) {
        status(`Could not download the network: ${err.message}`);
      } finally {
        button.disabled = false;
      }
    };
  }
}

// The register: its own view over the map, which stays drawn beneath.
const register = { networks: [], selected: null, seq: 0, regions: null };

/** registerFilter is what the register's search box and selects ask for. */
const registerFilter = () => ({
  text: $("register-search").value.trim(), type: $("register-type").value, region: $("register-region").value,
  status: $("register-status").value, membershipPolicy: $("register-policy").value,
});

/** loadRegister lists the networks the register's filters match and shows the selected one's profile. */
async function loadRegister() {
  const seq = ++register.seq;
  const view = $("register");
  view.dataset.loading = "true";
  try {
    const { networks } = await withKey(() => api.loadRegister(registerFilter()));
    if (seq !== register.seq) return; // a newer search has started
    if (!register.regions) {
      // The first list is unfiltered: its regions are the ones to choose from.
      register.regions = [...new Set(networks.map((n) => n.region).filter(Boolean))].sort();
      options($("register-region"), register.regions.map((r) => [r, r]));
    }
    register.networks = networks;
    if (!networks.some((n) => n.id === register.selected)) register.selected = networks[0]?.id || null;
    showRegister();
  } catch (err) {
    $("register-list").replaceChildren(el("p", { className: "error" }, `Could not load the register: ${err.message}`));
  } finally {
    if (seq === register.seq) view.dataset.loading = "false";
  }
}

function showRegister() {
  $("register-list").replaceChildren(...registerList(register.networks, register.selected, (id) => {
    register.selected = id;
    showRegister();
  }));
  const n = register.networks.find((x) => x.id === register.selected);
  $("register-profile").replaceChildren(...(n ? networkProfile(n) : [el("p", { className: "note" }, "Choose a network to see its profile.")]));
  if (n && n.membershipPolicy === "BY_REQUEST" && canWrite(store.get().role)) showRequests(n.id).catch(fail);
}

/** showRequests adds a by-request network's pending membership requests to its profile, for facilitators. */
async function showRequests(networkId) {
  const { requests, total } = await withKey(() => api.loadRequests(networkId));
  if (register.selected !== networkId) return; // another network was chosen meanwhile
  const queue = requestQueue(requests, total, async (id, approve, reason) => {
    try {
      await withKey(() => api.decideRequest(id, approve, reason));
      status(approve ? "Approved: the person is now a member." : "Declined.");
    } catch (err) {
      status(`Could not record the decision: ${err.message}`);
    }
    if (register.selected === networkId) showRequests(networkId).catch(fail);
  });
  document.getElementById("network-requests")?.remove();
  $("register-profile").append(queue);
}

/** openView shows the map or the register. */
function openView(name) {
  const toRegister = name === "register";
  $("register").hidden = !toRegister;
  $("view-map").setAttribute("aria-pressed", String(!toRegister));
  $("view-register").setAttribute("aria-pressed", String(toRegister));
  if (toRegister && register.seq === 0) loadRegister().catch(fail);
}

function wireRegister() {
  options($("register-type"), filterOptions.type);
  options($("register-status"), filterOptions.status);
  options($("register-policy"), filterOptions.membershipPolicy);
  let timer = null;
  $("register-search").oninput = () => {
    clearTimeout(timer);
    timer = setTimeout(() => loadRegister().catch(fail), 200);
  };
  for (const id of ["register-type", "register-region", "register-status", "register-policy"]) $(id).onchange = () => loadRegister().catch(fail);
  $("view-map").onclick = () => openView("map");
  $("view-register").onclick = () => openView("register");
  if (location.hash === "#register") openView("register");
}

function fail(err) {
  status(`Something went wrong: ${err.message}`);
  console.warn(err); // eslint-disable-line no-console
}

async function start() {
  wireControls();
  wireImport();
  wireDownloads();
  wireRegister();
  await loadDirectory();
  await loadScope(store.get().scope);
}

start().catch(fail);
