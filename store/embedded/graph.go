package embedded

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// checkEvery is how many records long loops handle between looks at their
// context.
const checkEvery = 1024

// ReadGraph streams the whole graph from one read transaction of the file, so
// it is consistent as of one data version and does not hold up writers or
// readers of the index. fn must not write to the store and should not be
// slow: bbolt cannot grow the file's memory map while a read transaction is
// open, so a write that needs to grow it waits for ReadGraph to finish, and
// so does the end of an erasure's compaction.
func (s *Store) ReadGraph(ctx context.Context, fn func(netgraph.Record) error) (uint64, error) {
	var version uint64
	err := s.view(ctx, func(tx *bbolt.Tx) (err error) {
		if version, err = decodeUint64(tx.Bucket(bucketMeta).Get(keyVersion)); err != nil {
			return fmt.Errorf("data version: %w", err)
		}
		n := 0
		each := func(bucket []byte, rec func(k, v []byte) (netgraph.Record, error)) error {
			c := tx.Bucket(bucket).Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				if n++; n%checkEvery == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				body, err := unseal(k, v)
				if err != nil {
					return fmt.Errorf("embedded: read %s %q: %w", bucket, k, err)
				}
				r, err := rec(k, body)
				if err != nil {
					return fmt.Errorf("embedded: read %s %q: %w", bucket, k, err)
				}
				if err := fn(r); err != nil {
					return err
				}
			}
			return nil
		}
		for _, step := range []struct {
			bucket []byte
			rec    func(k, v []byte) (netgraph.Record, error)
		}{
			{bucketOrganisations, readOrganisation},
			{bucketNetworks, readNetwork},
			{bucketPeople, readPerson},
			{bucketAffiliations, readAffiliation},
			{bucketMemberships, readMembership},
			{bucketTies, readTie},
			{bucketPartnerships, readPartnership},
		} {
			if err := each(step.bucket, step.rec); err != nil {
				return err
			}
		}
		return nil
	})
	return version, err
}

func readOrganisation(k, v []byte) (netgraph.Record, error) {
	o, err := decodeOrganisation(string(k), v)
	return netgraph.Record{Organisation: &o}, err
}

func readNetwork(k, v []byte) (netgraph.Record, error) {
	n, err := decodeNetwork(string(k), v)
	return netgraph.Record{Network: &n}, err
}

func readPerson(k, v []byte) (netgraph.Record, error) {
	p, err := decodePerson(string(k), v)
	return netgraph.Record{Person: &p}, err
}

// cutKey copies key once and returns its NUL-separated parts as strings
// sharing the copy.
func cutKey(k []byte, parts int) ([]string, error) {
	ks := string(k)
	out := make([]string, 0, parts)
	for len(out) < parts-1 {
		i := bytes.IndexByte(k, 0)
		if i < 0 {
			return nil, errCorrupt
		}
		off := len(ks) - len(k)
		out = append(out, ks[off:off+i])
		k = k[i+1:]
	}
	return append(out, ks[len(ks)-len(k):]), nil
}

func readAffiliation(k, v []byte) (netgraph.Record, error) {
	ends, err := cutKey(k, 2)
	if err != nil {
		return netgraph.Record{}, err
	}
	role, since, err := decodeRole(v, nil)
	return netgraph.Record{Affiliation: &netgraph.Affiliation{PersonID: ends[0], OrganisationID: ends[1],
		Role: role, Since: since}}, err
}

func readMembership(k, v []byte) (netgraph.Record, error) {
	ends, err := cutKey(k, 2)
	if err != nil {
		return netgraph.Record{}, err
	}
	role, since, err := decodeRole(v, nil)
	return netgraph.Record{Membership: &netgraph.Membership{PersonID: ends[0], NetworkID: ends[1],
		Role: netgraph.MembershipRole(role), Since: since}}, err
}

func readTie(k, v []byte) (netgraph.Record, error) {
	parts, err := cutKey(k, 3)
	if err != nil {
		return netgraph.Record{}, err
	}
	tv, err := decodeTie(v)
	if err != nil {
		return netgraph.Record{}, err
	}
	t := &netgraph.Tie{From: parts[0], To: parts[1], Kind: netgraph.TieKind(parts[2]), Strength: tv.strength,
		Since: tv.since.time()}
	if code, ok := tieKindCodes[parts[2]]; ok {
		t.Kind = tieKinds[code] // share the constant
	}
	if tv.reversed {
		t.From, t.To = t.To, t.From
	}
	if tv.hasLast {
		last := tv.last.time()
		t.LastInteraction = &last
	}
	return netgraph.Record{Tie: t}, nil
}

func readPartnership(k, v []byte) (netgraph.Record, error) {
	parts, err := cutKey(k, 3)
	if err != nil {
		return netgraph.Record{}, err
	}
	reversed, since, err := decodePartnership(v)
	p := &netgraph.Partnership{From: parts[0], To: parts[1], Kind: netgraph.PartnershipKind(parts[2]), Since: since}
	if reversed {
		p.From, p.To = p.To, p.From
	}
	return netgraph.Record{Partnership: p}, err
}

// Import writes records as they are, ids included, replacing any entity or
// relation with the same identity; relations to unknown ids are refused. The
// whole call is one transaction and one data version. Records are checked in
// order against the file as the transaction has changed it so far, so a
// record may refer to one earlier in the same call. Errors name the record:
// "records[3].tie.to".
func (s *Store) Import(ctx context.Context, records []netgraph.Record) error {
	if len(records) == 0 {
		return nil
	}
	clean := make([]netgraph.Record, len(records))
	for i, r := range records {
		c, err := r.Clean()
		if err != nil {
			return recordError(i, err)
		}
		normRecord(&c)
		clean[i] = c
	}
	return s.mutate(ctx, netgraph.AuditEntry{Operation: netgraph.OpImport, Count: len(records)}, func(*index) (change, error) {
		return change{
			write: func(tx *bbolt.Tx) error {
				for i, r := range clean {
					if i%checkEvery == checkEvery-1 {
						if err := ctx.Err(); err != nil {
							return err
						}
					}
					if err := importRecord(tx, r); err != nil {
						return recordError(i, err)
					}
				}
				return nil
			},
			apply: func(ix *index) {
				for _, r := range clean {
					ix.applyRecord(r)
				}
			},
		}, nil
	})
}

// recordError names record i in a domain error's field.
func recordError(i int, err error) error {
	var e *netgraph.Error
	if !errors.As(err, &e) {
		return err
	}
	field := fmt.Sprintf("records[%d]", i)
	if e.Field != "" {
		field += "." + e.Field
	}
	return &netgraph.Error{Code: e.Code, Field: field, Message: e.Message}
}

// importRecord checks one cleaned record against the file and writes it.
func importRecord(tx *bbolt.Tx, r netgraph.Record) error {
	switch {
	case r.Organisation != nil:
		return importEntity(tx, &organisations, r.Organisation)
	case r.Network != nil:
		return importEntity(tx, &networks, r.Network)
	case r.Person != nil:
		return importEntity(tx, &people, r.Person)
	case r.Affiliation != nil:
		a := r.Affiliation
		if err := exists(tx, bucketPeople, "affiliation.personId", "person", a.PersonID); err != nil {
			return err
		}
		if err := exists(tx, bucketOrganisations, "affiliation.organisationId", "organisation", a.OrganisationID); err != nil {
			return err
		}
		return put(tx, bucketAffiliations, relKey(a.PersonID, a.OrganisationID), encodeRole(a.Role, a.Since))
	case r.Membership != nil:
		m := r.Membership
		if err := exists(tx, bucketPeople, "membership.personId", "person", m.PersonID); err != nil {
			return err
		}
		if err := exists(tx, bucketNetworks, "membership.networkId", "network", m.NetworkID); err != nil {
			return err
		}
		return put(tx, bucketMemberships, relKey(m.PersonID, m.NetworkID), encodeRole(string(m.Role), m.Since))
	case r.Tie != nil:
		t := r.Tie
		if err := exists(tx, bucketPeople, "tie.from", "person", t.From); err != nil {
			return err
		}
		if err := exists(tx, bucketPeople, "tie.to", "person", t.To); err != nil {
			return err
		}
		return put(tx, bucketTies, tieFileKey(t.Key()), encodeTie(t))
	case r.Partnership != nil:
		p := r.Partnership
		if err := exists(tx, bucketOrganisations, "partnership.from", "organisation", p.From); err != nil {
			return err
		}
		if err := exists(tx, bucketOrganisations, "partnership.to", "organisation", p.To); err != nil {
			return err
		}
		return put(tx, bucketPartnerships, partnershipFileKey(p.From, p.To, p.Kind), encodePartnership(p))
	}
	return nil
}

// importEntity writes an entity under its id, keeping the external-id index
// right: an external id may name only one entity, and one the entity no
// longer has is released.
func importEntity[T, N any](tx *bbolt.Tx, k *entityKind[T, N], v *T) error {
	id, ext, what := k.id(v), k.externalID(v), k.what
	b, eb := tx.Bucket(k.bucket), tx.Bucket(k.extBucket)
	if old := b.Get([]byte(id)); old != nil {
		body, err := unseal([]byte(id), old)
		if err != nil {
			return fmt.Errorf("embedded: %s %s: %w", what, id, err)
		}
		oldExt, err := externalIDOf(body)
		if err != nil {
			return fmt.Errorf("embedded: %s %s: %w", what, id, err)
		}
		if oldExt != "" && oldExt != ext {
			if err := eb.Delete([]byte(oldExt)); err != nil {
				return err
			}
		}
	}
	if ext != "" {
		if v := eb.Get([]byte(ext)); v != nil {
			cur, err := unseal([]byte(ext), v)
			if err != nil {
				return fmt.Errorf("embedded: external id of %s %s: %w", what, id, err)
			}
			if string(cur) != id {
				return &netgraph.Error{Code: netgraph.ECONFLICT, Field: what + ".externalId",
					Message: fmt.Sprintf("external id %q already names %s %s", ext, what, cur)}
			}
		}
		if err := put(tx, k.extBucket, []byte(ext), []byte(id)); err != nil {
			return err
		}
	}
	return put(tx, k.bucket, []byte(id), k.encode(v))
}

// exists returns ENOTFOUND on field unless bucket holds id.
func exists(tx *bbolt.Tx, bucket []byte, field, what, id string) error {
	if tx.Bucket(bucket).Get([]byte(id)) == nil {
		return netgraph.NotFound(field, what, id)
	}
	return nil
}

// applyRecord makes the change importRecord made in the file.
func (ix *index) applyRecord(r netgraph.Record) {
	switch {
	case r.Organisation != nil:
		ix.putOrg(r.Organisation)
	case r.Network != nil:
		ix.putNet(r.Network)
	case r.Person != nil:
		ix.putPerson(r.Person)
	case r.Affiliation != nil:
		a := r.Affiliation
		ix.putRole(&affiliations, roleRec{person: ix.people.slot[a.PersonID], other: ix.orgs.slot[a.OrganisationID],
			role: a.Role, since: clonePtr(a.Since)})
	case r.Membership != nil:
		m := r.Membership
		ix.putRole(&memberships, roleRec{person: ix.people.slot[m.PersonID], other: ix.nets.slot[m.NetworkID],
			role: string(m.Role), since: clonePtr(m.Since)})
	case r.Tie != nil:
		t := r.Tie
		ties.put(ix, newTieRec(ix.people.slot[t.From], ix.people.slot[t.To], t))
	case r.Partnership != nil:
		p := r.Partnership
		partnerships.put(ix, partRec{from: ix.orgs.slot[p.From], to: ix.orgs.slot[p.To], kind: p.Kind, since: clonePtr(p.Since)})
	}
}
