package model

import "github.com/netgraph/netgraph"

// TieEdge is a tie on a page of one person's ties (Person.ties). It keeps
// whose ties these are, so that its contact is the tie's other end from
// them: a tie recorded towards the person has them as its To.
type TieEdge struct {
	// Cursor is passed as `after` to get the ties after this one.
	Cursor string
	// Node is the tie.
	Node *netgraph.Tie
	// Person is the id of the person whose ties the page lists.
	Person string
}
