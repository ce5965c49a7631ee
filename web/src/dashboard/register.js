// The register: every network's page, to browse and search — what it is
// for, who hosts it, how to join, its documents. Built from data as text
// only (never markup from the server); links are only the http(s) addresses
// the server has checked, and open in a new tab.

import { el } from "./panels.js";
import { count, howToJoin, MEMBERSHIP_POLICIES, NETWORK_STATUSES, NETWORK_TYPES, reviewWords } from "./format.js";

/** webLink links to an http(s) address, or is plain text for anything else. */
const webLink = (href, text) =>
  /^https?:\/\//i.test(href || "") ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, text || href) : text || "";

/** registerList lists networks, each a button that opens its profile. */
export function registerList(networks, selectedId, onPick) {
  if (networks.length === 0) return [el("p", { className: "note", id: "register-empty" }, "No network matches.")];
  return [
    el("p", { className: "note", id: "register-count" }, `${count(networks.length, "network")}`),
    el("ul", { className: "register-list" }, ...networks.map((n) =>
      el("li", { "data-network": n.id, className: n.id === selectedId ? "selected" : "" },
        el("button", { type: "button", className: "link", onClick: () => onPick(n.id) }, n.name),
        el("span", { className: "reason" }, [NETWORK_TYPES[n.type] || n.type, n.region, n.specialty,
          n.status !== "ACTIVE" ? NETWORK_STATUSES[n.status] : ""].filter(Boolean).join(" · "))))),
  ];
}

/** documentItem is one document: its title (linked) and when it is next reviewed. */
function documentItem(label, d) {
  if (!d) return null;
  const when = reviewWords(d.reviewDate);
  return el("li", {}, `${label}: `, webLink(d.link, d.title), when ? ` (${when})` : "");
}

/** networkProfile is one network's page in the register. */
export function networkProfile(n) {
  const parts = [
    el("h2", { id: "network-name" }, n.name),
    el("p", { className: "who" }, [NETWORK_TYPES[n.type] || n.type, n.region, n.specialty].filter(Boolean).join(" · "),
      " · ", el("span", { className: `status status-${n.status.toLowerCase()}` }, NETWORK_STATUSES[n.status] || n.status)),
  ];
  if (n.purpose) parts.push(el("p", { id: "network-purpose" }, n.purpose));
  if (n.aims) parts.push(el("section", {}, el("h3", {}, "Aims"), el("p", {}, n.aims)));
  parts.push(el("section", { id: "network-join" }, el("h3", {}, `How to join · ${MEMBERSHIP_POLICIES[n.membershipPolicy] || n.membershipPolicy}`),
    el("p", {}, howToJoin(n))));
  const about = [
    n.hostOrganisation ? el("li", {}, `Hosted by ${n.hostOrganisation.name}`) : null,
    n.website ? el("li", {}, "Web site: ", webLink(n.website)) : null,
    documentItem("Terms of reference", n.termsOfReference),
    documentItem("Memorandum of understanding", n.memorandum),
  ].filter(Boolean);
  if (about.length) parts.push(el("section", { id: "network-about" }, el("h3", {}, "About the network"), el("ul", {}, ...about)));
  return parts;
}

/**
 * requestQueue is a by-request network's pending membership requests, for
 * facilitators: each with the person's message, a reason to give and
 * Approve / Decline, which call onDecide(id, approve, reason).
 */
export function requestQueue(requests, total, onDecide) {
  const items = requests.map((r) => {
    const reason = el("input", { type: "text", className: "request-reason", placeholder: "Reason (optional)", maxLength: 2000 });
    const decide = (approve) => (e) => {
      e.currentTarget.disabled = true;
      onDecide(r.id, approve, reason.value.trim());
    };
    return el("li", { "data-request": r.id },
      el("strong", {}, r.person.name), ` asked on ${dateWords(r.createdAt)}`,
      r.message ? el("span", { className: "reason" }, `“${r.message}”`) : null,
      reason,
      el("button", { type: "button", className: "approve", onClick: decide(true) }, "Approve"),
      el("button", { type: "button", className: "decline", onClick: decide(false) }, "Decline"));
  });
  return el("section", { id: "network-requests" },
    el("h3", {}, `Membership requests · ${count(total, "pending request")}`),
    items.length ? el("ul", { className: "request-list" }, ...items) : el("p", { className: "note" }, "No one is waiting for a decision."));
}

/** dateWords is a day in words: "4 December 2026". */
const dateWords = (iso) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** filterOptions are the choices of the register's filters: [value, label] pairs. */
export const filterOptions = {
  type: Object.entries(NETWORK_TYPES),
  status: Object.entries(NETWORK_STATUSES),
  membershipPolicy: Object.entries(MEMBERSHIP_POLICIES),
};
