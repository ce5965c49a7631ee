// The dashboard's GraphQL requests, built as {query, variables}: pure, so
// that tests can check what goes out. The analysis fields all read one
// analysis per scope, so a request may ask for several at no extra cost.

/** scopeVars is the ScopeInput of a scope: null for the whole graph. */
export function scopeInput(scope) {
  if (scope && scope.networkId) return { networkId: scope.networkId };
  if (scope && scope.organisationId) return { organisationId: scope.organisationId };
  return null;
}

/** Page sizes of the map's requests: within the default complexity limit together. */
export const GRAPH_PEOPLE_PAGE = 5000;
export const GRAPH_TIES_PAGE = 4800;

/**
 * graphPage asks for the next pages of a scope's people and ties. A list
 * already read in full (after === false) is not asked for again.
 */
export function graphPage(scope, peopleAfter, tiesAfter) {
  const parts = [];
  const params = ["$scope: ScopeInput"];
  const variables = { scope: scopeInput(scope) };
  if (peopleAfter !== false) {
    params.push("$people: String");
    variables.people = peopleAfter || null;
    parts.push(`people(first: ${GRAPH_PEOPLE_PAGE}, after: $people) {
      nodes { id name region organisationIds membershipRoles roles community communityName degree strength betweenness closeness eigenvector pagerank core }
      totalCount pageInfo { hasNextPage endCursor } }`);
  }
  if (tiesAfter !== false) {
    params.push("$ties: String");
    variables.ties = tiesAfter || null;
    parts.push(`ties(first: ${GRAPH_TIES_PAGE}, after: $ties) {
      nodes { from to kinds strength }
      totalCount pageInfo { hasNextPage endCursor } }`);
  }
  return {
    query: `query MapPage(${params.join(", ")}) {
  scopeGraph(scope: $scope) {
    ${parts.join("\n    ")}
    provenance { dataVersion people ties exact stale }
  }
}`,
    variables,
  };
}

/** directory asks for what the filters offer: organisations (with sectors) and networks. */
export function directory() {
  return {
    query: `query Directory {
  organisations(first: 500) { totalCount edges { node { id name sector region } } }
  networks(first: 500) { totalCount edges { node { id name type } } }
  role: people(first: 1) { edges { node { email } } }
}`,
    variables: {},
  };
}

/** viewerOverview is what a viewer may read about a scope: its health and the top brokers by betweenness. */
export function viewerOverview(scope) {
  return {
    query: `query Overview($scope: ScopeInput) {
  networkHealth(scope: $scope) { ${HEALTH} }
  brokers: centrality(metric: BETWEENNESS, scope: $scope, top: 5) { rank score person { id name } }
}`,
    variables: { scope: scopeInput(scope) },
  };
}

const HEALTH = `people ties density components largestComponentShare averageClustering modularity communities isolated peripheral
    provenance { dataVersion computedAt exact stale }`;

/** analystOverview adds the reports an analyst may read: connectors, sponsors and holders of the SPONSOR role, who is left out, communities. */
export function analystOverview(scope) {
  return {
    query: `query Overview($scope: ScopeInput) {
  networkHealth(scope: $scope) { ${HEALTH} }
  connectors(scope: $scope, top: 10) { rank score reasons person { id name } }
  sponsors(scope: $scope, top: 10) { rank score reasons person { id name } }
  sponsorRoleHolders(scope: $scope) { rank score reasons person { id name } }
  isolatedMembers(scope: $scope) { id name }
  peripheralMembers(scope: $scope) { id name }
  communities(scope: $scope) { id name size sharedBy { kind value members } organisations interests }
}`,
    variables: { scope: scopeInput(scope) },
  };
}

/**
 * person asks for one person's details and, for analysts and up, their
 * suggested introductions and their ego network's figures (Burt's measures
 * and the groups they bridge). E-mail is null for viewers and analysts.
 */
export function person(id, scope, withIntroductions) {
  const intros = withIntroductions
    ? `introductions(personId: $id, scope: $scope, top: 5) { score parts { name points why } sharedInterests bridges person { id name } mutualContacts { name } provenance { stale } }
  ego(personId: $id, scope: $scope) { degree constraint effectiveSize bridges { kind name contacts } }`
    : "";
  return {
    query: `query Person($id: ID!${withIntroductions ? ", $scope: ScopeInput" : ""}) {
  person(id: $id) {
    id name email title profession region interests
    organisations { id name }
    memberships { role network { id name } }
  }
  ${intros}
}`,
    variables: withIntroductions ? { id, scope: scopeInput(scope) } : { id },
  };
}

/** Networks per request of the register: its whole list in one or two requests. */
export const REGISTER_PAGE = 100;

/**
 * register asks for a page of the register: networks matching filter ({text,
 * type, region, status, membershipPolicy}; empty fields left out), each with
 * its profile. contactEmail is null below facilitators.
 */
export function register(filter = {}, after = null) {
  const f = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== "" && v !== null && v !== undefined));
  return {
    query: `query Register($filter: RegisterFilter, $first: Int, $after: String) {
  register(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node {
      id name type status purpose aims region specialty membershipPolicy contactName contactEmail website
      hostOrganisation { id name }
      termsOfReference { title link reviewDate }
      memorandum { title link reviewDate }
    } }
  }
}`,
    variables: { filter: Object.keys(f).length ? f : null, first: REGISTER_PAGE, after },
  };
}

/** membershipRequests asks for a network's pending membership requests, oldest first (facilitators and up). */
export function membershipRequests(networkId) {
  return {
    query: `query MembershipRequests($networkId: ID!) {
  membershipRequests(networkId: $networkId, status: PENDING, first: 100) {
    totalCount
    edges { node { id message createdAt person { id name } } }
  }
}`,
    variables: { networkId },
  };
}

/** decideMembershipRequest approves or declines a pending request with a reason (facilitators and up). */
export function decideMembershipRequest(id, approve, reason) {
  return {
    query: `mutation DecideMembershipRequest($id: ID!, $approve: Boolean!, $reason: String) {
  decideMembershipRequest(id: $id, approve: $approve, reason: $reason) { id status }
}`,
    variables: { id, approve, reason },
  };
}

/** recordIntroduction records that a was introduced to b (facilitators and up). */
export function recordIntroduction(a, b) {
  return {
    query: `mutation RecordIntroduction($a: ID!, $b: ID!) { recordIntroduction(a: $a, b: $b) { kind strength since } }`,
    variables: { a, b },
  };
}

/** dismissIntroduction dismisses the suggestion to introduce a and b (facilitators and up). */
export function dismissIntroduction(a, b) {
  return {
    query: `mutation DismissIntroduction($a: ID!, $b: ID!) { dismissIntroduction(a: $a, b: $b) }`,
    variables: { a, b },
  };
}

/**
 * importSpreadsheets sends spreadsheets ({name, content} with content in
 * base64) to be imported, or with dryRun only checked and counted
 * (facilitators and up).
 */
export function importSpreadsheets(files, dryRun) {
  return {
    query: `mutation ImportSpreadsheets($files: [SpreadsheetFile!]!, $dryRun: Boolean!) {
  importSpreadsheets(files: $files, dryRun: $dryRun) {
    dryRun written records
    kinds { kind new changed unchanged }
    problems { file line column header message }
  }
}`,
    variables: { files, dryRun },
  };
}

/**
 * networkFile is where the network of a scope is downloaded as a Gephi
 * (gexf) or Cytoscape (graphml) file: GET /export for the whole graph, GET
 * /report for a network or an organisation (which /export does not take).
 */
export function networkFile(scope, format) {
  const s = scopeInput(scope);
  if (!s) return { path: `/export?format=${format}`, filename: `netgraph.${format}` };
  const [kind, id] = s.networkId ? ["network", s.networkId] : ["organisation", s.organisationId];
  const params = new URLSearchParams({ format, [kind]: id });
  return { path: `/report?${params}`, filename: `netgraph-${kind}-${id}.${format}` };
}
