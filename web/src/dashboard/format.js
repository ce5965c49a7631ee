// Words and numbers a facilitator reads: counts, shares and percentiles in
// plain words, never scientific notation. Pure functions, tested in Node.

/** count writes n with a noun, singular or plural: "1 tie", "12 ties", "1,204 people". */
export function count(n, singular, plural = singular + "s") {
  return `${Math.round(n).toLocaleString("en-GB")} ${Math.round(n) === 1 ? singular : plural}`;
}

/** share writes a fraction 0…1 as a whole percentage: "42%"; "under 1%" for small non-zero shares. */
export function share(x) {
  if (!Number.isFinite(x) || x <= 0) return "0%";
  if (x < 0.005) return "under 1%";
  if (x > 0.995 && x < 1) return "over 99%";
  return `${Math.round(x * 100)}%`;
}

/**
 * number writes a figure for reading, without scientific notation: whole
 * numbers with separators, others with up to `digits` significant digits
 * ("0.00042", "3.5", "1,250").
 */
export function number(x, digits = 2) {
  if (!Number.isFinite(x)) return "–";
  if (Number.isInteger(x)) return x.toLocaleString("en-GB");
  const abs = Math.abs(x);
  if (abs >= 100) return Math.round(x).toLocaleString("en-GB");
  if (abs === 0) return "0";
  // Enough decimals for `digits` significant digits, at most 8.
  const decimals = Math.min(8, Math.max(0, digits - 1 - Math.floor(Math.log10(abs))));
  return x.toLocaleString("en-GB", { maximumFractionDigits: decimals, useGrouping: true });
}

/**
 * percentileRank is the share of values strictly below x (0…1): a person
 * with percentileRank 0.9 scores higher than 90% of people.
 */
export function percentileRank(sortedValues, x) {
  const n = sortedValues.length;
  if (n === 0) return 0;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedValues[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo / n;
}

/**
 * shareAbove is the share of values strictly above x (0…1).
 */
export function shareAbove(sortedValues, x) {
  const n = sortedValues.length;
  if (n === 0) return 0;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedValues[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return (n - lo) / n;
}

/**
 * standing says in words where a figure puts someone, from the shares of
 * people below and above them: "higher than 93% of people", "lower than 45%
 * of people", "the lowest figure, shared by 20% of people". Equal figures
 * count neither way.
 */
export function standing(below, above) {
  if (below === 0 && above === 0) return "the same as everyone else";
  if (below >= 0.99) return "in the top 1% of people";
  if (below === 0 && above < 1) return `the lowest figure, shared by ${share(1 - above)} of people`;
  if (above === 0 && below > 0) return `the highest figure, shared by ${share(1 - below)} of people`;
  if (below >= above) return `higher than ${share(below)} of people`;
  return `lower than ${share(above)} of people`;
}

/** What each metric means, in a facilitator's words. */
export const METRICS = {
  degree: { label: "Ties", says: "how many people they are tied to" },
  strength: { label: "Tie strength", says: "how strong their ties are, added up" },
  betweenness: { label: "Brokerage (betweenness)", says: "how often they sit on the shortest path between two others" },
  closeness: { label: "Reach (closeness)", says: "how quickly they can reach everyone else" },
  eigenvector: { label: "Influence (eigenvector)", says: "how well tied they are to well-tied people" },
  pagerank: { label: "Standing (PageRank)", says: "how likely a walk along ties ends with them" },
  core: { label: "Core", says: "how deep in the tightly knit core they sit" },
};

/**
 * metricSentence describes one figure of a person against everyone in the
 * scope: "12 ties: higher than 85% of people".
 */
export function metricSentence(metric, value, sortedValues) {
  const m = METRICS[metric];
  const below = percentileRank(sortedValues, value);
  const above = shareAbove(sortedValues, value);
  const figure = metric === "degree" ? count(value, "tie") : metric === "core" ? `core ${number(value)}` : number(value, 2);
  return `${m.label}: ${figure}, ${standing(below, above)} (${m.says})`;
}

/** listing joins names in words: "Ann", "Ann and Bob", "Ann, Bob and Cat". */
export function listing(names) {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** healthSentences describes networkHealth in plain words, one sentence each. */
export function healthSentences(h) {
  const out = [`${count(h.people, "person", "people")} and ${count(h.ties, "tied pair")}.`];
  if (h.components === 1) out.push("Everyone can reach everyone else through their ties.");
  else
    out.push(
      `${count(h.components, "separate group")}; the largest holds ${share(h.largestComponentShare)} of people.`,
    );
  out.push(`${count(h.communities, "community", "communities")} of people more tied to one another than to the rest.`);
  if (h.isolated > 0 || h.peripheral > 0)
    out.push(`${count(h.isolated, "person", "people")} with no ties and ${count(h.peripheral, "person", "people")} hanging on by one.`);
  out.push(`Of all the ties there could be, ${share(h.density)} exist; ${share(h.averageClustering)} of a typical person's contacts know each other.`);
  return out;
}

/** roleWords says what a structural role means. */
export const ROLE_WORDS = {
  CONNECTOR: "Connector: links groups that would otherwise drift apart",
  SPONSOR: "Sponsor: influential and well placed to champion the network",
  ISOLATED: "Isolated: no ties in this network yet",
  PERIPHERAL: "Peripheral: hangs on by a single tie",
};

/** NETWORK_TYPES are the register's words for each type of network. */
export const NETWORK_TYPES = {
  MANAGED_CLINICAL: "Managed clinical network",
  OPERATIONAL_DELIVERY: "Operational delivery network",
  CLINICAL_OPERATIONAL: "Clinical operational network",
  LEARNING: "Learning network",
  DEVELOPMENTAL: "Developmental network",
  ADVOCACY: "Advocacy network",
};

/** NETWORK_STATUSES are the register's words for whether a network is running. */
export const NETWORK_STATUSES = { ACTIVE: "Active", DORMANT: "Dormant", CLOSED: "Closed" };

/** MEMBERSHIP_POLICIES are the register's words for how to join. */
export const MEMBERSHIP_POLICIES = { OPEN: "Open to all", BY_REQUEST: "By request", BY_INVITATION: "By invitation" };

/**
 * howToJoin says in plain words how someone joins network n, naming the
 * network office's contact (and its e-mail when the caller may see it).
 */
export function howToJoin(n) {
  const contact = [n.contactName, n.contactEmail].filter(Boolean).join(", ");
  const office = contact ? `the network office (${contact})` : "the network office";
  if (n.status === "CLOSED") return "This network has closed and takes no new members.";
  switch (n.membershipPolicy) {
    case "OPEN":
      return `Open to all: anyone may join; tell ${office} you are joining.`;
    case "BY_INVITATION":
      return `By invitation: the network invites its members; ask ${office} how to be considered.`;
    default:
      return `By request: request membership from ${office}.`;
  }
}

/** reviewWords says when a document is next reviewed, as a date ("due for review 31 March 2026"). */
export function reviewWords(reviewDate) {
  if (!reviewDate) return "";
  const d = new Date(reviewDate);
  if (Number.isNaN(d.getTime())) return "";
  return `due for review ${d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })}`;
}

/**
 * introductionScore says an introduction's score on its scale: "37 of 100".
 */
export function introductionScore(score) {
  return `${Math.round(score)} of 100`;
}

/**
 * introductionPart says one part of an introduction's score with its points
 * and why: "draw-in +18.7: brings in …".
 */
export function introductionPart(part) {
  const points = part.points.toLocaleString("en-GB", { maximumFractionDigits: 1 });
  return `${part.name} +${points}: ${part.why}`;
}

/**
 * bridgesSentence says which groups a person bridges among their contacts
 * (EgoNetwork.bridges), organisations before communities: "Bridges North
 * Trust (3 contacts) and City Library (2) among their contacts, which are
 * tied to each other only through them."; "" when none.
 */
export function bridgesSentence(bridges) {
  if (!bridges?.length) return "";
  const names = bridges.map((b, i) => `${b.name} (${i === 0 ? count(b.contacts, "contact") : b.contacts})`);
  const groups = bridges.length === 1 ? "which is" : "which are";
  return `Bridges ${listing(names)} among their contacts, ${groups} tied to the others only through them.`;
}

/**
 * burtSentences say Burt's constraint and effective size in plain words:
 * how far a person's contacts know each other, and how many of them are
 * non-redundant. [] for someone with no ties (both null).
 */
export function burtSentences({ degree, constraint, effectiveSize }) {
  const out = [];
  if (effectiveSize !== null && effectiveSize !== undefined && degree > 0)
    out.push(`Effective size ${number(effectiveSize)} of ${count(degree, "contact")}: about that many bring in people the others do not know.`);
  if (constraint !== null && constraint !== undefined) {
    const words = constraint < 0.3 ? "their contacts are mostly apart, so they have room to broker"
      : constraint < 0.6 ? "some of their contacts know each other"
        : "their contacts are closely tied to each other, leaving little to broker";
    out.push(`Constraint ${number(constraint)} (lower is more room to broker): ${words}.`);
  }
  return out;
}
