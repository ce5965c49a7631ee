package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netgraph/netgraph"
)

// A dismissed introduction is a (:Person)-[:DISMISSED {by, at, reason}]->
// (:Person) relationship from the smaller id to the larger. It is not a
// graph record (ReadGraph reads only the graph's types), and DETACH DELETE
// of a person (person_delete) erases it with them.
var (
	qDismissalFind   = mustStatement("dismissal_find")
	qDismissalCreate = mustStatement("dismissal_create")
	qDismissalsList  = mustStatement("dismissals_list")
)

// DismissIntroduction records the dismissal of the introduction of c.A and
// c.B; an existing dismissal of the pair is returned unchanged.
func (s *Store) DismissIntroduction(ctx context.Context, c netgraph.DismissalCreate) (*netgraph.Dismissal, error) {
	d, err := c.NewDismissal(ctx, s.now())
	if err != nil {
		return nil, err
	}
	return write(ctx, s, "dismiss introduction", s.audit(ctx, netgraph.OpDismissIntroduction, d.A, d.B), dismiss(c, d))
}

// dismiss checks, under the write lock, that both people exist and creates
// the dismissal unless the pair has one.
func dismiss(c netgraph.DismissalCreate, d *netgraph.Dismissal) writeWork[*netgraph.Dismissal] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (*netgraph.Dismissal, bool, error) {
		params := map[string]any{"a": d.A, "b": d.B}
		recs, err := run(ctx, tx, qDismissalFind, params)
		if err != nil {
			return nil, false, err
		}
		if len(recs) != 1 {
			return nil, false, fmt.Errorf("%s returned %d records, want 1", qDismissalFind.name, len(recs))
		}
		p := &properties{what: "dismissal", m: recs[0].AsMap()}
		switch {
		case !p.boolean("aFound"):
			return nil, false, netgraph.NotFound(fieldOf(c, d.A), "person", d.A)
		case !p.boolean("bFound"):
			return nil, false, netgraph.NotFound(fieldOf(c, d.B), "person", d.B)
		case p.boolean("found"):
			old := &netgraph.Dismissal{A: d.A, B: d.B, By: p.str("by"), At: p.time("at"), Reason: p.str("reason")}
			return old, false, p.err
		}
		params["props"] = map[string]any{"by": d.By, "at": d.At, "reason": optString(d.Reason)}
		recs, err = run(ctx, tx, qDismissalCreate, params)
		if err != nil {
			return nil, false, err
		}
		if len(recs) != 1 {
			return nil, false, fmt.Errorf("%s returned %d records, want 1", qDismissalCreate.name, len(recs))
		}
		out, err := dismissalFrom(recs[0])
		return out, err == nil, err
	}
}

// fieldOf names the argument of c that id came from ("a" or "b").
func fieldOf(c netgraph.DismissalCreate, id string) string {
	if strings.TrimSpace(c.B) == id {
		return "b"
	}
	return "a"
}

// dismissalFrom reads a dismissal from the columns a, b, by, at and reason.
func dismissalFrom(rec *neo4j.Record) (*netgraph.Dismissal, error) {
	p := &properties{what: "dismissal", m: rec.AsMap()}
	d := &netgraph.Dismissal{A: p.str("a"), B: p.str("b"), By: p.str("by"), At: p.time("at"), Reason: p.str("reason")}
	return d, p.err
}

// Dismissals returns every dismissal, by A and then B.
func (s *Store) Dismissals(ctx context.Context) ([]netgraph.Dismissal, error) {
	return read(ctx, s, "list dismissals", func(ctx context.Context, tx neo4j.ManagedTransaction) ([]netgraph.Dismissal, error) {
		recs, err := run(ctx, tx, qDismissalsList, nil)
		if err != nil {
			return nil, err
		}
		out := make([]netgraph.Dismissal, 0, len(recs))
		for _, rec := range recs {
			d, err := dismissalFrom(rec)
			if err != nil {
				return nil, err
			}
			out = append(out, *d)
		}
		return out, nil
	})
}
