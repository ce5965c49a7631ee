package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netgraph/netgraph"
)

// graphPart is one kind of record in a whole-graph stream: how to read it in
// keyset pages and how to import it in UNWIND batches.
type graphPart struct {
	what  string // the Record field, lower-cased: "person"
	read  statement
	write statement // UNWIND $rows; returns written

	decode func(*neo4j.Record) (netgraph.Record, error)
	// cursor is the keyset position of a record: its id, its two ends, or its key.
	cursor func(netgraph.Record) (from, to string)
	// row is the import row of a record, and for keyed relations its key
	// (rows with one key must not share an UNWIND).
	row func(netgraph.Record) (row map[string]any, key string)

	// For entities: the statement naming a row whose external id another
	// entity has, and the record's external id.
	externalIDs statement
	externalID  func(netgraph.Record) string

	// For relations: the statements naming an unknown end when an import
	// writes fewer rows than it was sent, and the record fields of the ends.
	missingFrom, missingTo statement
	fromField, toField     string
	fromWhat, toWhat       string
}

// Missing-id checks that explain a refused import.
var (
	qMissingPeople        = mustStatement("missing_people")
	qMissingOrganisations = mustStatement("missing_organisations")
	qMissingNetworks      = mustStatement("missing_networks")
)

// graphParts is in the dependency order of ReadGraph and of Record's fields.
var graphParts = []graphPart{
	{
		what: "organisation", read: mustStatement("graph_organisations"), write: mustStatement("import_organisations"),
		decode: func(rec *neo4j.Record) (netgraph.Record, error) {
			o, err := organisationFrom(rec, "organisation")
			return netgraph.Record{Organisation: o}, err
		},
		cursor:      func(r netgraph.Record) (string, string) { return r.Organisation.ID, "" },
		row:         func(r netgraph.Record) (map[string]any, string) { return organisationProps(r.Organisation), "" },
		externalIDs: mustStatement("import_organisations_external_ids"),
		externalID:  func(r netgraph.Record) string { return r.Organisation.ExternalID },
	},
	{
		what: "network", read: mustStatement("graph_networks"), write: mustStatement("import_networks"),
		decode: func(rec *neo4j.Record) (netgraph.Record, error) {
			n, err := networkFrom(rec, "network")
			return netgraph.Record{Network: n}, err
		},
		cursor:      func(r netgraph.Record) (string, string) { return r.Network.ID, "" },
		row:         func(r netgraph.Record) (map[string]any, string) { return networkProps(r.Network), "" },
		externalIDs: mustStatement("import_networks_external_ids"),
		externalID:  func(r netgraph.Record) string { return r.Network.ExternalID },
	},
	{
		what: "person", read: mustStatement("graph_people"), write: mustStatement("import_people"),
		decode: func(rec *neo4j.Record) (netgraph.Record, error) {
			p, err := personFrom(rec, "person")
			return netgraph.Record{Person: p}, err
		},
		cursor:      func(r netgraph.Record) (string, string) { return r.Person.ID, "" },
		row:         func(r netgraph.Record) (map[string]any, string) { return personProps(r.Person), "" },
		externalIDs: mustStatement("import_people_external_ids"),
		externalID:  func(r netgraph.Record) string { return r.Person.ExternalID },
	},
	{
		what: "affiliation", read: mustStatement("graph_affiliations"), write: mustStatement("import_affiliations"),
		decode: func(rec *neo4j.Record) (netgraph.Record, error) {
			a, err := asPtr(affiliationFrom)(relRowFrom(rec))
			return netgraph.Record{Affiliation: a}, err
		},
		cursor: func(r netgraph.Record) (string, string) {
			return r.Affiliation.PersonID, r.Affiliation.OrganisationID
		},
		row: func(r netgraph.Record) (map[string]any, string) {
			a := r.Affiliation
			return relationRow(a.PersonID, a.OrganisationID, affiliationProps(a)), ""
		},
		missingFrom: qMissingPeople, missingTo: qMissingOrganisations, fromField: "personId", toField: "organisationId",
		fromWhat: "person", toWhat: "organisation",
	},
	{
		what: "membership", read: mustStatement("graph_memberships"), write: mustStatement("import_memberships"),
		decode: func(rec *neo4j.Record) (netgraph.Record, error) {
			m, err := asPtr(membershipFrom)(relRowFrom(rec))
			return netgraph.Record{Membership: m}, err
		},
		cursor: func(r netgraph.Record) (string, string) { return r.Membership.PersonID, r.Membership.NetworkID },
		row: func(r netgraph.Record) (map[string]any, string) {
			m := r.Membership
			return relationRow(m.PersonID, m.NetworkID, membershipProps(m)), ""
		},
		missingFrom: qMissingPeople, missingTo: qMissingNetworks, fromField: "personId", toField: "networkId",
		fromWhat: "person", toWhat: "network",
	},
	{
		what: "tie", read: mustStatement("graph_ties"), write: mustStatement("import_ties"),
		decode: func(rec *neo4j.Record) (netgraph.Record, error) {
			t, err := asPtr(tieFrom)(relRowFrom(rec))
			return netgraph.Record{Tie: t}, err
		},
		cursor: func(r netgraph.Record) (string, string) { return tieKey(r.Tie.Key()), "" },
		row: func(r netgraph.Record) (map[string]any, string) {
			t := r.Tie
			props := tieProps(t)
			return relationRow(t.From, t.To, props), props["key"].(string)
		},
		missingFrom: qMissingPeople, missingTo: qMissingPeople, fromField: "from", toField: "to",
		fromWhat: "person", toWhat: "person",
	},
	{
		what: "partnership", read: mustStatement("graph_partnerships"), write: mustStatement("import_partnerships"),
		decode: func(rec *neo4j.Record) (netgraph.Record, error) {
			p, err := asPtr(partnershipFrom)(relRowFrom(rec))
			return netgraph.Record{Partnership: p}, err
		},
		cursor: func(r netgraph.Record) (string, string) {
			return partnershipKey(r.Partnership.From, r.Partnership.To, r.Partnership.Kind), ""
		},
		row: func(r netgraph.Record) (map[string]any, string) {
			p := r.Partnership
			props := partnershipProps(p)
			return relationRow(p.From, p.To, props), props["key"].(string)
		},
		missingFrom: qMissingOrganisations, missingTo: qMissingOrganisations, fromField: "from", toField: "to",
		fromWhat: "organisation", toWhat: "organisation",
	},
}

func relationRow(from, to string, props map[string]any) map[string]any {
	return map[string]any{"fromId": from, "toId": to, "props": props}
}

// partOf returns the index in graphParts of the one kind r holds.
func partOf(r netgraph.Record) (int, bool) {
	set := []bool{r.Organisation != nil, r.Network != nil, r.Person != nil, r.Affiliation != nil,
		r.Membership != nil, r.Tie != nil, r.Partnership != nil}
	part, n := -1, 0
	for i, ok := range set {
		if ok {
			part, n = i, n+1
		}
	}
	return part, n == 1
}

// ReadGraph streams the graph in dependency order, each kind in keyset pages
// of batchSize records (one round trip each), so memory stays bounded
// whatever the size of the graph.
//
// The stream is consistent as of the version it returns: it runs in one
// write-mode transaction that holds the lock on the data-version node, which
// every netgraph writer takes first, so no write commits while the graph is
// read (Neo4j's read-committed transactions would otherwise let pages see
// different versions). Writers wait for the whole stream, fn included; on a
// cluster the stream is read from the leader. Writes made to the database
// outside netgraph are not held back.
//
// If the transaction fails before any record reached fn the driver retries
// it; after that the stream fails with EUNAVAILABLE rather than repeat
// records.
func (s *Store) ReadGraph(ctx context.Context, fn func(netgraph.Record) error) (uint64, error) {
	return write(ctx, s, "read graph", nil, readGraph(s.batchSize, fn))
}

func readGraph(batchSize int, fn func(netgraph.Record) error) writeWork[uint64] {
	emitted := false
	emit := func(r netgraph.Record) error {
		emitted = true
		return fn(r)
	}
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (uint64, bool, error) {
		if emitted {
			return 0, false, netgraph.Errorf(netgraph.EUNAVAILABLE, "the graph stream broke off; read it again")
		}
		version, err := dataVersion(ctx, tx)
		if err != nil {
			return 0, false, err
		}
		for i := range graphParts {
			if err := readPart(ctx, tx, &graphParts[i], batchSize, emit); err != nil {
				return 0, false, err
			}
		}
		return version, false, nil
	}
}

// readPart streams one kind of record in keyset pages of batchSize.
func readPart(ctx context.Context, tx neo4j.ManagedTransaction, part *graphPart, batchSize int, fn func(netgraph.Record) error) error {
	params := map[string]any{"afterFrom": "", "afterTo": "", "limit": int64(batchSize)}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		recs, err := run(ctx, tx, part.read, params)
		if err != nil {
			return err
		}
		var last netgraph.Record
		for _, rec := range recs {
			if last, err = part.decode(rec); err != nil {
				return err
			}
			if err := fn(last); err != nil {
				return err
			}
		}
		if len(recs) < batchSize {
			return nil
		}
		params["afterFrom"], params["afterTo"] = part.cursor(last)
	}
}

// importBatch is up to importBatchSize rows of one kind, sent in one UNWIND,
// with the index of each row's record for error fields.
type importBatch struct {
	part   *graphPart
	rows   []map[string]any
	record []int
	keys   map[string]int // row index by key, for keyed relations
}

// field names a field of the record behind row i, e.g. records[3].tie.to.
func (b *importBatch) field(i int, name string) string {
	return fmt.Sprintf("records[%d].%s.%s", b.record[i], b.part.what, name)
}

// importBatches cleans every record as the domain does on creation
// (Record.Clean: validated, text trimmed, defaults applied) and groups
// consecutive records of one kind into batches, keeping their order. Within
// a batch a later tie or partnership with the same key as an earlier one
// replaces it. Two entities of one kind with one external id conflict.
func importBatches(records []netgraph.Record) ([]*importBatch, error) {
	var batches []*importBatch
	var cur *importBatch
	externalIDs := make(map[string]string) // "<part>|<external id>" -> id
	for i, r := range records {
		r, err := r.Clean()
		if err != nil {
			return nil, recordError(i, err)
		}
		p, _ := partOf(r) // Clean has checked that r holds one kind
		part := &graphParts[p]
		if err := checkKeyedID(r); err != nil {
			return nil, recordError(i, err)
		}
		if cur == nil || cur.part != part || len(cur.rows) == importBatchSize {
			cur = &importBatch{part: part, keys: map[string]int{}}
			batches = append(batches, cur)
		}
		row, key := part.row(r)
		if part.externalID != nil {
			if ext := part.externalID(r); ext != "" {
				id := row["id"].(string)
				if other, taken := externalIDs[part.what+"|"+ext]; taken && other != id {
					return nil, &netgraph.Error{Code: netgraph.ECONFLICT, Field: fmt.Sprintf("records[%d].%s.externalId", i, part.what),
						Message: fmt.Sprintf("external id %q is also given to %s %q", ext, part.what, other)}
				}
				externalIDs[part.what+"|"+ext] = id
			}
		}
		if j, dup := cur.keys[key]; dup && key != "" {
			cur.rows[j], cur.record[j] = row, i
			continue
		}
		if key != "" {
			cur.keys[key] = len(cur.rows)
		}
		cur.rows = append(cur.rows, row)
		cur.record = append(cur.record, i)
	}
	return batches, nil
}

// checkKeyedID refuses a person or organisation whose id holds the
// separator of tie and partnership keys (pairKey): ids "a|b" and "c" would
// give the ties of a|b–c and a–b|c one key, so that one would replace or
// remove the other. Ids the store makes never hold it; only an import can.
func checkKeyedID(r netgraph.Record) error {
	var id, what string
	switch {
	case r.Person != nil:
		id, what = r.Person.ID, "person"
	case r.Organisation != nil:
		id, what = r.Organisation.ID, "organisation"
	}
	if strings.Contains(id, keySeparator) {
		return netgraph.Invalid(what+".id", "must not contain %q", keySeparator)
	}
	return nil
}

// recordError names record i in a domain error's field: Record.Clean's
// "tie.to" becomes "records[3].tie.to".
func recordError(i int, err error) error {
	var de *netgraph.Error
	if !errors.As(err, &de) {
		return err
	}
	field := fmt.Sprintf("records[%d]", i)
	if de.Field != "" {
		field += "." + de.Field
	}
	return &netgraph.Error{Code: de.Code, Field: field, Message: de.Message}
}

// Import writes records in one write transaction (so it happens entirely or
// not at all and bumps the data version once), one UNWIND statement per
// batch. Entities replace any entity with the same id (ECONFLICT if another
// entity has the external id); a relation to an unknown id fails the import
// with ENOTFOUND on the record's field.
func (s *Store) Import(ctx context.Context, records []netgraph.Record) error {
	batches, err := importBatches(records)
	if err != nil || len(batches) == 0 {
		return err
	}
	entry := netgraph.AuditEntry{Operation: netgraph.OpImport, Count: len(records)}.Stamp(ctx, s.now())
	_, err = write(ctx, s, "import", &entry, importWork(batches))
	return err
}

func importWork(batches []*importBatch) writeWork[struct{}] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, bool, error) {
		for _, b := range batches {
			if err := importBatchRows(ctx, tx, b); err != nil {
				return struct{}{}, false, err
			}
		}
		return struct{}{}, true, nil
	}
}

func importBatchRows(ctx context.Context, tx neo4j.ManagedTransaction, b *importBatch) error {
	params := map[string]any{"rows": b.rows}
	if b.part.externalIDs.name != "" {
		if i, err := firstRowNamed(ctx, tx, b, b.part.externalIDs, params, "id"); err != nil || i >= 0 {
			if err == nil {
				err = &netgraph.Error{Code: netgraph.ECONFLICT, Field: b.field(i, "externalId"),
					Message: fmt.Sprintf("another %s has external id %q", b.part.what, b.rows[i]["externalId"])}
			}
			return err
		}
	}
	written, err := count(ctx, tx, b.part.write, "written", params)
	if err != nil || written == int64(len(b.rows)) {
		return err
	}
	if b.part.missingFrom.name != "" {
		// Some relation rows matched no end: name the record of one.
		for _, end := range []struct {
			q                   statement
			column, field, what string
		}{
			{b.part.missingFrom, "fromId", b.part.fromField, b.part.fromWhat},
			{b.part.missingTo, "toId", b.part.toField, b.part.toWhat},
		} {
			ids := make([]string, len(b.rows))
			for i, row := range b.rows {
				ids[i] = row[end.column].(string)
			}
			i, err := firstRowNamed(ctx, tx, b, end.q, map[string]any{"ids": ids}, end.column)
			if err != nil {
				return err
			}
			if i >= 0 {
				return netgraph.NotFound(b.field(i, end.field), end.what, b.rows[i][end.column].(string))
			}
		}
	}
	return fmt.Errorf("import %s: wrote %d of %d rows", b.part.what, written, len(b.rows))
}

// firstRowNamed runs q, which returns at most one id, and returns the index
// of the first row whose column holds that id, or -1.
func firstRowNamed(ctx context.Context, tx neo4j.ManagedTransaction, b *importBatch, q statement, params map[string]any, column string) (int, error) {
	recs, err := run(ctx, tx, q, params)
	if err != nil || len(recs) == 0 {
		return -1, err
	}
	id, err := value[string](recs[0], "id")
	if err != nil {
		return -1, err
	}
	for i, row := range b.rows {
		if row[column] == id {
			return i, nil
		}
	}
	return -1, fmt.Errorf("%s named %q, which no row has", q.name, id)
}
