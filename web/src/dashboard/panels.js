// The side panels: the network's overview and one person's card. They build
// DOM nodes from data (text only, never markup from the server) and report
// clicks through the callbacks they are given.

import { bridgesSentence, burtSentences, count, healthSentences, introductionPart, introductionScore, listing, metricSentence, METRICS, ROLE_WORDS,
  share } from "./format.js";
import { kindText, problemText, summary } from "./sheets.js";

/** el makes an element with attributes (on… as listeners) and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === "className") e.className = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/** personLink is a name that opens the person's card. */
const personLink = (p, onPick) => el("button", { type: "button", className: "link", "data-person": p.id, onClick: () => onPick(p.id) }, p.name);

/**
 * headline names who holds the network together: the top connectors for
 * analysts and up, else the people with the highest brokerage.
 */
export function headline(overview, onPick) {
  const list = overview.reportsAllowed ? overview.connectors : overview.brokers;
  if (!list || list.length === 0)
    return el("section", { id: "headline" }, el("h2", {}, "Who holds this network together"), el("p", {}, "Nobody yet: no one links groups that would otherwise drift apart."));
  const top = list.slice(0, 3);
  const why = overview.reportsAllowed
    ? top[0].reasons[0]
    : "the most shortest paths between other people pass through them (an analyst's key shows connectors with reasons)";
  return el(
    "section",
    { id: "headline" },
    el("h2", {}, "Who holds this network together"),
    el("p", { className: "big" }, ...top.flatMap((c, i) => [i === 0 ? "" : i === top.length - 1 ? " and " : ", ", personLink(c.person, onPick)])),
    el("p", { className: "why" }, `${top[0].person.name}: ${why}.`),
  );
}

/** overviewPanel is the network's health and reports. */
export function overviewPanel(overview, onPick) {
  const h = overview.networkHealth;
  const sections = [headline(overview, onPick), el("section", { id: "health" }, el("h3", {}, "Health"), el("ul", {}, ...healthSentences(h).map((s) => el("li", {}, s))))];
  if (!overview.reportsAllowed) {
    sections.push(el("p", { className: "note" }, "Connectors, sponsors, isolated members and communities need an analyst's API key."));
    return sections;
  }
  const ranked = (id, title, list) =>
    el("section", { id }, el("h3", {}, title),
      list.length === 0 ? el("p", {}, "None.") : el("ol", {}, ...list.map((c) => el("li", {}, personLink(c.person, onPick), el("span", { className: "reason" }, c.reasons[0] || "")))));
  const names = (id, title, people, what) =>
    el("section", { id }, el("h3", {}, `${title} (${people.length})`), el("p", { className: "note" }, what),
      el("p", { className: "names" }, ...people.slice(0, 30).flatMap((p, i) => [i ? ", " : "", personLink(p, onPick)]), people.length > 30 ? ` and ${people.length - 30} more` : ""));
  sections.push(
    ranked("connectors", "Connectors", overview.connectors),
    ranked("sponsors", "Sponsors", overview.sponsors),
    ranked("sponsor-role-holders", "Holders of the SPONSOR role", overview.sponsorRoleHolders || []),
    names("isolated", "Isolated", overview.isolatedMembers, "No ties in this network: draw them in."),
    names("peripheral", "Peripheral", overview.peripheralMembers, "A single tie: one introduction would make them safer."),
    el("section", { id: "communities" }, el("h3", {}, `Communities (${overview.communities.length})`),
      el("ol", { start: 0 }, ...overview.communities.filter((c) => c.size > 1).slice(0, 12).map((c) => {
        // The name says what most share; the lists add what it leaves out.
        const named = new Set(c.sharedBy.map((s) => s.value.toLowerCase()));
        const orgs = c.organisations.filter((o) => !named.has(o.toLowerCase()));
        const interests = c.interests.filter((i) => !named.has(i.toLowerCase()));
        return el("li", { "data-community": c.id }, el("strong", {}, c.name), ` · ${count(c.size, "person", "people")}`,
          orgs.length ? ` · also ${listing(orgs)}` : "", interests.length ? ` · interested in ${listing(interests)}` : "");
      }))),
  );
  return sections;
}

/**
 * personPanel is one person's card: who they are, their figures in words
 * against the scope, their roles with reasons, their contacts, and their
 * place among their contacts (ego: the groups they bridge, Burt's measures;
 * null below analysts), and their suggested introductions, with "Record
 * introduction" and "Dismiss" for facilitators.
 */
export function personPanel({ person, introductions, ego, mapPerson, sorted, contacts, overview, canWrite, onPick, onRecord, onDismiss, onClose }) {
  const parts = [
    el("button", { type: "button", className: "close", onClick: onClose, "aria-label": "Back to the network" }, "← Network"),
    el("h2", { id: "person-name" }, person.name),
    el("p", { className: "who" }, [person.title, person.profession].filter(Boolean).join(", "),
      person.organisations.length ? ` at ${listing(person.organisations.map((o) => o.name))}` : "", person.region ? ` · ${person.region}` : ""),
  ];
  if (person.email !== null && person.email !== undefined)
    parts.push(el("p", { className: "email", id: "person-email" }, person.email ? el("a", { href: `mailto:${person.email}` }, person.email) : "No e-mail address recorded."));
  if (person.memberships.length)
    parts.push(el("p", { className: "who" }, "Networks: ", listing(person.memberships.map((m) => `${m.network.name} (${m.role.toLowerCase()})`))));
  if (person.interests.length) parts.push(el("p", { className: "who" }, "Interests: ", listing(person.interests)));

  if (mapPerson) {
    parts.push(el("section", { id: "metrics" }, el("h3", {}, "In this network"),
      mapPerson.degree > 0 && mapPerson.communityName ? el("p", { className: "who", id: "person-community" }, "Community: ", el("strong", {}, mapPerson.communityName)) : "",
      el("ul", {}, ...Object.keys(METRICS).map((m) => el("li", {}, metricSentence(m, mapPerson[m], sorted[m]))))));
    const reasonsFor = (list) => list?.find((c) => c.person.id === person.id)?.reasons || [];
    const roles = mapPerson.roles.map((r) => {
      const reasons = r === "CONNECTOR" ? reasonsFor(overview?.connectors) : r === "SPONSOR" ? reasonsFor(overview?.sponsors) : [];
      return el("li", {}, ROLE_WORDS[r] || r, reasons.length ? el("ul", {}, ...reasons.map((x) => el("li", {}, x))) : "");
    });
    // A holder of the SPONSOR role is told how well placed they are, sponsor or not.
    const verdict = reasonsFor(overview?.sponsorRoleHolders)[0];
    if (verdict) roles.push(el("li", {}, verdict.charAt(0).toUpperCase() + verdict.slice(1)));
    parts.push(el("section", { id: "roles" }, el("h3", {}, "Roles"), roles.length ? el("ul", {}, ...roles) : el("p", {}, "No special part in this network.")));
  } else {
    parts.push(el("p", { className: "note" }, "Not in the scope shown on the map."));
  }

  parts.push(el("section", { id: "contacts" }, el("h3", {}, `Contacts (${contacts.length})`),
    el("p", { className: "names" }, ...contacts.slice(0, 40).flatMap((c, i) => [i ? ", " : "", personLink(c.person, onPick),
      c.tie?.kinds?.length ? ` (${c.tie.kinds.map((k) => k.toLowerCase()).join(", ")})` : ""]))));

  if (ego) {
    const sentences = [bridgesSentence(ego.bridges), ...burtSentences(ego)].filter(Boolean);
    if (sentences.length) parts.push(el("section", { id: "brokering" }, el("h3", {}, "Among their contacts"),
      ...sentences.map((x) => el("p", { className: "who" }, x))));
  }

  if (introductions === null) {
    parts.push(el("p", { className: "note" }, "Suggested introductions need an analyst's API key."));
  } else {
    parts.push(el("section", { id: "introductions" }, el("h3", {}, "Suggested introductions"),
      introductions.length === 0 ? el("p", {}, "None to suggest.") :
        el("ol", {}, ...introductions.map((i) => el("li", { "data-introduction": i.person.id },
          personLink(i.person, onPick), " ", el("span", { className: "score" }, introductionScore(i.score)),
          el("ul", {}, ...i.parts.map((p) => el("li", { className: "part" }, introductionPart(p))),
            i.mutualContacts.length ? el("li", {}, `Mutual contacts: ${listing(i.mutualContacts.map((m) => m.name))}`) : "",
            i.sharedInterests.length ? el("li", {}, `Shared interests: ${listing(i.sharedInterests)}`) : ""),
          canWrite ? el("button", { type: "button", className: "record", onClick: (e) => onRecord(i.person, e.currentTarget) }, "Record introduction") : "",
          canWrite ? " " : "",
          canWrite ? el("button", { type: "button", className: "dismiss", title: "Stop suggesting this introduction",
            onClick: (e) => onDismiss(i.person, e.currentTarget) }, "Dismiss") : "")))));
  }
  return parts;
}

/** legendPanel lists the colours of the largest groups. */
export function legendPanel(legend, nameOf, total) {
  return el("ul", { className: "legend" }, ...legend.map((l) => {
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = l.colour; // CSSOM, which the Content-Security-Policy allows
    return el("li", {}, swatch, `${nameOf(l.key)} · ${share(l.count / Math.max(1, total))}`);
  }));
}

/** importPreview shows what importing spreadsheets would do, or did: the verdict, counts per kind, every problem. */
export function importPreview(result) {
  return [
    el("p", { id: "import-summary", className: result.problems.length ? "error" : "" }, summary(result)),
    result.kinds.length ? el("ul", { id: "import-kinds" }, ...result.kinds.map((k) => el("li", {}, kindText(k)))) : "",
    result.problems.length ? el("ol", { id: "import-problems" }, ...result.problems.map((p) => el("li", {}, problemText(p)))) : "",
  ];
}
