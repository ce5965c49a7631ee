package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/netgraph/netgraph"
)

// RecordImporter is what the second pass of an import writes to.
type RecordImporter interface {
	Import(ctx context.Context, records []netgraph.Record) error
}

// ImportCheck is what the first pass of an import found in a file.
type ImportCheck struct {
	Header ExportHeader
	// Records counts the file's records, line by line.
	Records RecordCounts
	// Kept counts what the store will hold of them: a record whose identity
	// (an entity's id, a relation's ends and kind) an earlier line of the
	// file has already given replaces that line's record, so it is not
	// counted again.
	Kept RecordCounts
}

// CheckImport is the first pass of an import: it reads the whole export file
// in r and checks that importing it into s would succeed, so that a file
// with any fault imports nothing. Every record's fields are checked as the
// store checks them (Record.Clean), and besides what stores accept from
// other callers: timestamps that are set, with updatedAt not before
// createdAt, and no key given twice in one object. Store.Import is called in
// batches, each its own transaction, so the rules that span the file are
// checked here before the first batch: that every relation's people,
// organisations and networks come earlier in the file or are in s already,
// and that no external id would name two entities. Errors are LineErrors,
// naming the line and, where it is known, the column.
func CheckImport(ctx context.Context, r io.Reader, s GraphReader) (ImportCheck, error) {
	var c ImportCheck
	known, err := storeEntities(ctx, s)
	if err != nil {
		return c, fmt.Errorf("read the entities of the store: %w", err)
	}
	kept := identities{}
	er := newExportReader(r)
	if c.Header, err = er.readHeader(); err != nil {
		return c, err
	}
	for {
		rec, err := er.readRecord(c.Records.Total())
		if errors.Is(err, io.EOF) {
			return c, nil
		}
		if err != nil {
			return c, err
		}
		if err := ctx.Err(); err != nil {
			return c, err
		}
		clean, err := rec.Clean()
		if err == nil {
			err = cmp.Or(checkTimes(rec), known.add(clean))
		}
		if err != nil {
			return c, er.errorAt(err)
		}
		c.Records.Add(clean)
		if kept.add(clean) {
			c.Kept.Add(clean)
		}
	}
}

// Import is the second pass of an import: it imports the records of a file
// CheckImport has passed, in batches of size records, each batch one
// transaction, and returns the counts of what it imported. If the store
// fails part way, the batches before the failure stay imported: importing
// the same file again completes the import, as records replace whatever has
// their identity.
func Import(ctx context.Context, r io.Reader, s RecordImporter, size int) (RecordCounts, error) {
	var done RecordCounts
	er := newExportReader(r)
	if _, err := er.readHeader(); err != nil {
		return done, err
	}
	batch := make([]netgraph.Record, 0, size)
	first := er.line + 1 // line of batch[0]
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := s.Import(ctx, batch); err != nil {
			return fmt.Errorf("lines %d–%d: %w", first, first+len(batch)-1, err)
		}
		for _, rec := range batch {
			done.Add(rec)
		}
		batch, first = make([]netgraph.Record, 0, size), er.line+1
		return nil
	}
	for {
		rec, err := er.readRecord(done.Total() + len(batch))
		if errors.Is(err, io.EOF) {
			return done, flush()
		}
		if err != nil {
			return done, err
		}
		if batch = append(batch, rec); len(batch) == size {
			if err := flush(); err != nil {
				return done, err
			}
		}
	}
}

// checkTimes checks the timestamps of a record read from a file: an export
// writes every entity's createdAt and updatedAt, updatedAt never before
// createdAt, and every time it writes is set, so a zero time is a damaged or
// hand-made file (Go's zero time would otherwise be stored as year 1).
func checkTimes(r netgraph.Record) error {
	entity := func(what string, created, updated time.Time) error {
		switch {
		case created.IsZero():
			return netgraph.Invalid(what+".createdAt", "must be set")
		case updated.IsZero():
			return netgraph.Invalid(what+".updatedAt", "must be set")
		case updated.Before(created):
			return netgraph.Invalid(what+".updatedAt", "must not be before createdAt (%s)", created.Format(time.RFC3339Nano))
		}
		return nil
	}
	optional := func(field string, t *time.Time) error {
		if t != nil && t.IsZero() {
			return netgraph.Invalid(field, "must be a time or absent, not the zero time")
		}
		return nil
	}
	switch {
	case r.Organisation != nil:
		return entity("organisation", r.Organisation.CreatedAt, r.Organisation.UpdatedAt)
	case r.Network != nil:
		return entity("network", r.Network.CreatedAt, r.Network.UpdatedAt)
	case r.Person != nil:
		return entity("person", r.Person.CreatedAt, r.Person.UpdatedAt)
	case r.Affiliation != nil:
		return optional("affiliation.since", r.Affiliation.Since)
	case r.Membership != nil:
		return optional("membership.since", r.Membership.Since)
	case r.Tie != nil:
		if r.Tie.Since.IsZero() {
			return netgraph.Invalid("tie.since", "must be set")
		}
		return optional("tie.lastInteraction", r.Tie.LastInteraction)
	case r.Partnership != nil:
		return optional("partnership.since", r.Partnership.Since)
	}
	return nil
}

// identities holds the identities of the records read so far, by kind.
type identities map[identity]bool

type identity struct {
	kind string
	key  netgraph.TieKey // the ids (ordered for undirected relations) and a kind
}

// add records r's identity and reports whether it is new.
func (ids identities) add(r netgraph.Record) bool {
	var k identity
	switch {
	case r.Organisation != nil:
		k = identity{"organisation", netgraph.TieKey{A: r.Organisation.ID}}
	case r.Network != nil:
		k = identity{"network", netgraph.TieKey{A: r.Network.ID}}
	case r.Person != nil:
		k = identity{"person", netgraph.TieKey{A: r.Person.ID}}
	case r.Affiliation != nil:
		k = identity{"affiliation", netgraph.TieKey{A: r.Affiliation.PersonID, B: r.Affiliation.OrganisationID}}
	case r.Membership != nil:
		k = identity{"membership", netgraph.TieKey{A: r.Membership.PersonID, B: r.Membership.NetworkID}}
	case r.Tie != nil:
		k = identity{"tie", r.Tie.Key()}
	case r.Partnership != nil:
		p := r.Partnership
		k = identity{"partnership", netgraph.NewTieKey(p.From, p.To, netgraph.TieKind(p.Kind))}
	}
	if ids[k] {
		return false
	}
	ids[k] = true
	return true
}

// entityIndex holds the organisations, networks and people a store will hold
// once the records read so far are imported, with their external ids, so the
// first pass can check relations and external ids across the whole file.
type entityIndex struct {
	organisations, networks, people entityIDs
}

// entityIDs maps the ids of one kind of entity to their external ids and back.
type entityIDs struct {
	ext  map[string]string // external id → id
	byID map[string]string // id → external id, "" for none
}

func newEntityIndex() *entityIndex {
	newIDs := func() entityIDs { return entityIDs{ext: map[string]string{}, byID: map[string]string{}} }
	return &entityIndex{organisations: newIDs(), networks: newIDs(), people: newIDs()}
}

// put records an entity as Store.Import would write it: replacing the one
// with its id releases that one's external id, and an external id may name
// one entity only.
func (e *entityIDs) put(what, id, ext string) error {
	if old, ok := e.byID[id]; ok && old != "" && old != ext {
		delete(e.ext, old)
	}
	if ext != "" {
		if cur, ok := e.ext[ext]; ok && cur != id {
			return &netgraph.Error{Code: netgraph.ECONFLICT, Field: what + ".externalId",
				Message: fmt.Sprintf("external id %q already names %s %s (in the store or earlier in the file)", ext, what, cur)}
		}
		e.ext[ext] = id
	}
	e.byID[id] = ext
	return nil
}

// need returns ENOTFOUND on field unless id is known.
func (e *entityIDs) need(field, what, id string) error {
	if _, ok := e.byID[id]; !ok {
		return &netgraph.Error{Code: netgraph.ENOTFOUND, Field: field,
			Message: fmt.Sprintf("%s %q is neither earlier in the file nor in the store", what, id)}
	}
	return nil
}

// add checks a cleaned record against the index and adds it.
func (ix *entityIndex) add(r netgraph.Record) error {
	switch {
	case r.Organisation != nil:
		return ix.organisations.put("organisation", r.Organisation.ID, r.Organisation.ExternalID)
	case r.Network != nil:
		return ix.networks.put("network", r.Network.ID, r.Network.ExternalID)
	case r.Person != nil:
		return ix.people.put("person", r.Person.ID, r.Person.ExternalID)
	case r.Affiliation != nil:
		return cmp.Or(ix.people.need("affiliation.personId", "person", r.Affiliation.PersonID),
			ix.organisations.need("affiliation.organisationId", "organisation", r.Affiliation.OrganisationID))
	case r.Membership != nil:
		return cmp.Or(ix.people.need("membership.personId", "person", r.Membership.PersonID),
			ix.networks.need("membership.networkId", "network", r.Membership.NetworkID))
	case r.Tie != nil:
		return cmp.Or(ix.people.need("tie.from", "person", r.Tie.From),
			ix.people.need("tie.to", "person", r.Tie.To))
	case r.Partnership != nil:
		return cmp.Or(ix.organisations.need("partnership.from", "organisation", r.Partnership.From),
			ix.organisations.need("partnership.to", "organisation", r.Partnership.To))
	}
	return nil
}

// storeEntities reads the organisations, networks and people s holds. They
// come first in ReadGraph's order, so the stream stops at the first relation.
func storeEntities(ctx context.Context, s GraphReader) (*entityIndex, error) {
	ix := newEntityIndex()
	stopped := false
	errStop := errors.New("entities read")
	_, err := s.ReadGraph(ctx, func(r netgraph.Record) error {
		if r.Organisation == nil && r.Network == nil && r.Person == nil {
			stopped = true
			return errStop
		}
		return ix.add(r)
	})
	if err != nil && !stopped {
		return nil, err
	}
	return ix, nil
}
