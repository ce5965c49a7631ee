// GraphiQL's example tabs: the analysis netgraph is for, one tab each. They
// open when a tab has nothing stored yet (a new browser tab).

/** examples are GraphiQL tabs: {query, variables} with the query's comments as the guide. */
export const examples = [
  {
    query: `# Who holds the network together? Its health, then its connectors:
# the people who broker between groups, with why.
# Press the run button (or Ctrl-Enter). Add scope: { networkId: "net_…" }
# to any analysis field to look at one network.
query WhoHoldsItTogether {
  networkHealth {
    people ties density components largestComponentShare
    modularity communities isolated peripheral
    provenance { dataVersion computedAt exact }
  }
  connectors(top: 5) {
    rank score reasons
    person { id name }
    evidence { cutOff articulation organisations }
  }
}
`,
  },
  {
    query: `# Centrality: the people ranked highest on one measure.
# Try DEGREE, STRENGTH, CLOSENESS, HARMONIC, EIGENVECTOR or PAGERANK.
query Centrality($metric: CentralityMetric!) {
  centrality(metric: $metric, top: 10) {
    rank score
    person { name organisations { name } }
  }
}
`,
    variables: `{ "metric": "BETWEENNESS" }`,
  },
  {
    query: `# Sponsors: influential, well-placed people (the top 10% at most),
# and every holder of the SPONSOR role with how well placed they are.
query Sponsors {
  sponsors(top: 5) {
    rank score reasons
    person { name }
    evidence { eigenvector pagerank hasSponsorRole }
  }
  sponsorRoleHolders {
    reasons
    person { name }
  }
}
`,
  },
  {
    query: `# Introductions for one person: who they should meet, and why.
# Put a person's id in the variables (run the first query of the
# isolated-members tab, or search people by name below).
query Introductions($personId: ID!) {
  introductions(personId: $personId, top: 5) {
    score parts { name points why } sharedInterests bridges
    person { name }
    mutualContacts { name }
  }
}

query FindPerson($name: String) {
  people(first: 5, filter: { nameContains: $name }) {
    edges { node { id name } }
  }
}
`,
    variables: `{ "personId": "per_…", "name": "" }`,
  },
  {
    query: `# Who is left out: isolated members (no ties) and peripheral ones
# (a single tie), and the best introductions across the network, each
# scored from 0 to 100 with its parts (a draw-in part for those that
# would bring someone in).
query LeftOut {
  isolatedMembers { id name }
  peripheralMembers { id name }
  suggestedIntroductions(top: 5) {
    a { name } b { name } score parts { name points why }
  }
}
`,
  },
  {
    query: `# Communities: groups more tied to one another than to the rest.
query Communities {
  communities {
    id size organisations interests
    members(first: 5) { edges { node { name } } }
  }
}
`,
  },
];
