package neo4jstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// This file fakes the two driver interfaces the work functions use, so that
// they can be run without a server against scripted results built from the
// driver's own record, node and relationship types.

// call is one statement a work function is expected to run, and its result.
type call struct {
	stmt   string                                    // the statement's name
	params func(t *testing.T, params map[string]any) // checks the parameters; may be nil
	recs   []*neo4j.Record
	err    error
}

// fakeTx is a neo4j.ManagedTransaction that expects calls in order.
type fakeTx struct {
	neo4j.ManagedTransaction // nil; only Run is used
	t                        *testing.T
	calls                    []call
}

func newTx(t *testing.T, calls ...call) *fakeTx {
	t.Helper()
	tx := &fakeTx{t: t, calls: calls}
	t.Cleanup(func() {
		for _, c := range tx.calls {
			t.Errorf("statement %s was not run", c.stmt)
		}
	})
	return tx
}

var statementNames = func() map[string]string {
	m := make(map[string]string, len(statements))
	for name, text := range statements {
		m[text] = name
	}
	return m
}()

func (tx *fakeTx) Run(_ context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	tx.t.Helper()
	name, ok := statementNames[cypher]
	if !ok {
		tx.t.Fatalf("ran Cypher that is not an embedded statement: %q", cypher)
	}
	if len(tx.calls) == 0 {
		tx.t.Fatalf("ran %s; want no more statements", name)
	}
	c := tx.calls[0]
	tx.calls = tx.calls[1:]
	if c.stmt != name {
		tx.t.Fatalf("ran %s; want %s", name, c.stmt)
	}
	if c.params != nil {
		c.params(tx.t, params)
	}
	if c.err != nil {
		return nil, c.err
	}
	return &fakeResult{recs: c.recs}, nil
}

// fakeResult is a neo4j.ResultWithContext; only Collect is used.
type fakeResult struct {
	neo4j.ResultWithContext
	recs []*neo4j.Record
}

func (r *fakeResult) Collect(context.Context) ([]*neo4j.Record, error) { return r.recs, nil }

// record builds a driver record from alternating keys and values.
func record(kv ...any) *neo4j.Record {
	r := &neo4j.Record{}
	for i := 0; i < len(kv); i += 2 {
		r.Keys = append(r.Keys, kv[i].(string))
		r.Values = append(r.Values, kv[i+1])
	}
	return r
}

// stored returns properties as Neo4j gives them back after they were written
// as parameters: null properties absent, lists as []any, datetimes as
// time.Time (the driver loads the zone by name; the store writes UTC).
func stored(props map[string]any) map[string]any {
	out := make(map[string]any, len(props))
	for k, v := range props {
		switch v := v.(type) {
		case nil:
		case []string:
			l := make([]any, len(v))
			for i, s := range v {
				l[i] = s
			}
			out[k] = l
		case time.Time:
			loc, _ := time.LoadLocation(v.Location().String())
			out[k] = v.In(loc)
		default:
			out[k] = v
		}
	}
	return out
}

var nextElement int64

// storedNode returns the node Neo4j would return after storing props under label.
func storedNode(label string, props map[string]any) dbtype.Node {
	nextElement++
	return dbtype.Node{Id: nextElement, ElementId: fmt.Sprintf("4:test:%d", nextElement), Labels: []string{label},
		Props: stored(props)}
}

// relRecord returns the record a relation statement returns for a
// relationship of type typ from one id to another with props.
func relRecord(typ, from, to string, props map[string]any, owner ...string) *neo4j.Record {
	nextElement++
	rel := dbtype.Relationship{Id: nextElement, StartId: 1, EndId: 2, Type: typ, Props: stored(props)}
	if len(owner) > 0 {
		return record("owner", owner[0], "fromId", from, "toId", to, "rel", rel)
	}
	return record("fromId", from, "toId", to, "rel", rel)
}
