package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netgraph/netgraph"
)

// entityKind describes one kind of node (people, organisations, networks):
// its statements and its mapping. The operations below are written once for
// all three.
type entityKind[T any] struct {
	what   string // "person", for messages
	column string // the column the statements return the node in

	create, byExternalID, byID, replace, remove statement
	// list reads a filtered page, listAll an unfiltered one, which Neo4j
	// can count without reading a node.
	list, listAll statement

	props      func(T) map[string]any
	from       func(rec *neo4j.Record, column string) (T, error)
	id         func(T) string
	externalID func(T) string
}

var (
	people = entityKind[*netgraph.Person]{
		what: "person", column: "person",
		create: mustStatement("person_create"), byExternalID: mustStatement("person_by_external_id"),
		byID: mustStatement("people_by_id"), list: mustStatement("people_list"), listAll: mustStatement("people_list_all"),
		replace: mustStatement("person_replace"), remove: mustStatement("person_delete"),
		props: personProps, from: personFrom,
		id:         func(p *netgraph.Person) string { return p.ID },
		externalID: func(p *netgraph.Person) string { return p.ExternalID },
	}
	organisations = entityKind[*netgraph.Organisation]{
		what: "organisation", column: "organisation",
		create: mustStatement("organisation_create"), byExternalID: mustStatement("organisation_by_external_id"),
		byID: mustStatement("organisations_by_id"), list: mustStatement("organisations_list"), listAll: mustStatement("organisations_list_all"),
		replace: mustStatement("organisation_replace"), remove: mustStatement("organisation_delete"),
		props: organisationProps, from: organisationFrom,
		id:         func(o *netgraph.Organisation) string { return o.ID },
		externalID: func(o *netgraph.Organisation) string { return o.ExternalID },
	}
	networks = entityKind[*netgraph.Network]{
		what: "network", column: "network",
		create: mustStatement("network_create"), byExternalID: mustStatement("network_by_external_id"),
		byID: mustStatement("networks_by_id"), list: mustStatement("networks_list"), listAll: mustStatement("networks_list_all"),
		replace: mustStatement("network_replace"), remove: mustStatement("network_delete"),
		props: networkProps, from: networkFrom,
		id:         func(n *netgraph.Network) string { return n.ID },
		externalID: func(n *netgraph.Network) string { return n.ExternalID },
	}
)

// createEntity stores v, a validated new entity whose id was chosen before
// the transaction. If v has an external id that an entity already has, that
// entity is returned unchanged instead (idempotent import).
func createEntity[T any](k entityKind[T], v T) writeWork[T] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (T, bool, error) {
		var zero T
		if ext := k.externalID(v); ext != "" {
			recs, err := run(ctx, tx, k.byExternalID, map[string]any{"externalId": ext})
			if err != nil {
				return zero, false, err
			}
			if len(recs) > 0 {
				existing, err := k.from(recs[0], k.column)
				return existing, false, err
			}
		}
		recs, err := run(ctx, tx, k.create, map[string]any{"id": k.id(v), "props": k.props(v)})
		if err != nil {
			return zero, false, err
		}
		if len(recs) == 0 {
			return zero, false, fmt.Errorf("%s returned no record", k.create.name)
		}
		created, err := k.from(recs[0], k.column)
		return created, err == nil, err
	}
}

// getEntity reads one entity; ENOTFOUND if unknown.
func getEntity[T any](k entityKind[T], id string) readWork[T] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (T, error) {
		var zero T
		recs, err := run(ctx, tx, k.byID, map[string]any{"ids": []string{id}})
		if err != nil {
			return zero, err
		}
		if len(recs) == 0 {
			return zero, netgraph.NotFound("id", k.what, id)
		}
		return k.from(recs[0], k.column)
	}
}

// entityByExternalID reads the entity with that external id (the statement
// createEntity checks with); ENOTFOUND if none has it.
func entityByExternalID[T any](k entityKind[T], ext string) readWork[T] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (T, error) {
		var zero T
		if ext == "" {
			return zero, netgraph.NotFound("externalId", k.what+" with external id", ext)
		}
		recs, err := run(ctx, tx, k.byExternalID, map[string]any{"externalId": ext})
		if err != nil {
			return zero, err
		}
		if len(recs) == 0 {
			return zero, netgraph.NotFound("externalId", k.what+" with external id", ext)
		}
		return k.from(recs[0], k.column)
	}
}

// entitiesByID reads the entities with the given ids in one round trip,
// aligned with ids (the zero T where unknown).
func entitiesByID[T any](k entityKind[T], ids []string) readWork[[]T] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) ([]T, error) {
		out := make([]T, len(ids))
		if len(ids) == 0 {
			return out, nil
		}
		recs, err := run(ctx, tx, k.byID, map[string]any{"ids": distinct(ids)})
		if err != nil {
			return nil, err
		}
		found := make(map[string]T, len(recs))
		for _, rec := range recs {
			v, err := k.from(rec, k.column)
			if err != nil {
				return nil, err
			}
			found[k.id(v)] = v
		}
		for i, id := range ids {
			out[i] = found[id]
		}
		return out, nil
	}
}

// listEntities reads one page of the entities matching the filter in
// params (nil values are unset filters), in id order, with the total count,
// from one statement. p must be valid.
func listEntities[T any](k entityKind[T], params map[string]any, p netgraph.Page) readWork[*netgraph.List[T]] {
	q := k.listAll
	for _, v := range params {
		if v != nil {
			q = k.list
		}
	}
	params["after"] = p.After
	params["limit"] = int64(p.First + 1) // one more tells whether a next page exists
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (*netgraph.List[T], error) {
		return readPage(ctx, tx, q, params, p, k.column, k.from)
	}
}

// readPage runs q, a list statement that returns one record: the total
// count and, under "page", up to p.First+1 items (one more tells whether a
// next page exists), which from reads as column.
func readPage[T any](ctx context.Context, tx neo4j.ManagedTransaction, q statement, params map[string]any, p netgraph.Page,
	column string, from func(rec *neo4j.Record, column string) (T, error)) (*netgraph.List[T], error) {
	recs, err := run(ctx, tx, q, params)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("%s returned %d records, want 1", q.name, len(recs))
	}
	total, err := value[int64](recs[0], "total")
	if err != nil {
		return nil, err
	}
	page, err := value[[]any](recs[0], "page")
	if err != nil {
		return nil, err
	}
	l := &netgraph.List[T]{TotalCount: int(total), HasNextPage: len(page) > p.First}
	page = page[:min(len(page), p.First)]
	l.Items = make([]T, len(page))
	for i, n := range page {
		item := &neo4j.Record{Keys: []string{column}, Values: []any{n}}
		if l.Items[i], err = from(item, column); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// updateEntity applies a change to the entity with id; ENOTFOUND if unknown.
// apply is the domain's Apply (which validates), run on the current entity
// inside the transaction.
func updateEntity[T any](k entityKind[T], id string, apply func(T) (T, error)) writeWork[T] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (T, bool, error) {
		var zero T
		cur, err := getEntity(k, id)(ctx, tx)
		if err != nil {
			return zero, false, err
		}
		next, err := apply(cur)
		if err != nil {
			return zero, false, err
		}
		recs, err := run(ctx, tx, k.replace, map[string]any{"id": id, "props": k.props(next)})
		if err != nil {
			return zero, false, err
		}
		if len(recs) == 0 {
			return zero, false, netgraph.NotFound("id", k.what, id)
		}
		updated, err := k.from(recs[0], k.column)
		return updated, err == nil, err
	}
}

// deleteEntity deletes the entity with id and its relationships; ENOTFOUND
// if unknown.
func deleteEntity[T any](k entityKind[T], id string) writeWork[struct{}] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, bool, error) {
		n, err := count(ctx, tx, k.remove, "deleted", map[string]any{"id": id})
		if err == nil && n == 0 {
			err = netgraph.NotFound("id", k.what, id)
		}
		return struct{}{}, err == nil, err
	}
}

// distinct returns ids without repeats, in first-seen order: a batch read
// asks once for each id however often callers named it.
func distinct(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
