package engine

import "github.com/netgraph/netgraph"

// Scope is the part of the graph an analysis covers: one network (its members
// and the ties among them), one organisation (its people and the ties among
// them) or, when both ids are empty, the whole graph.
type Scope struct {
	NetworkID      string
	OrganisationID string
}

// Validate checks that at most one of the ids is set.
func (s Scope) Validate() error {
	if s.NetworkID != "" && s.OrganisationID != "" {
		return netgraph.Invalid("scope", "give a network or an organisation, not both")
	}
	return nil
}

// String describes the scope for messages: "the whole graph", "network ID"
// or "organisation ID".
func (s Scope) String() string {
	switch {
	case s.NetworkID != "" && s.OrganisationID != "":
		return "network " + s.NetworkID + " and organisation " + s.OrganisationID
	case s.NetworkID != "":
		return "network " + s.NetworkID
	case s.OrganisationID != "":
		return "organisation " + s.OrganisationID
	}
	return "the whole graph"
}
