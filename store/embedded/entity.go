package embedded

import (
	"context"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// entityKind describes how the file and the index keep one kind of entity
// (people, organisations, networks), so that the operations below are
// written once for all three, as in package neo4jstore. T is the domain type
// and N the entity's node in the index.
type entityKind[T, N any] struct {
	what              string // "person", for messages
	bucket, extBucket []byte
	id, externalID    func(*T) string
	encode            func(*T) []byte
	norm              func(*T) // the form the store keeps (see normPerson)
	nodes             func(ix *index) *nodes[N]
	get               func(ix *index, slot int32) *T // a copy the caller may change
	put               func(ix *index, v *T)          // adds v or replaces the entity with v's id
	remove            func(ix *index, slot int32)    // removes the entity with its relations
	// relations returns the file keys of the relations of the entity in
	// slot, which go with it.
	relations func(ix *index, slot int32) []bucketKeys
	// erasure says that deleting one erases personal data, which must not
	// stay on the file's free pages (see compact.go).
	erasure bool
}

// bucketKeys are keys in one bucket.
type bucketKeys struct {
	bucket []byte
	keys   [][]byte
}

var (
	people = entityKind[netgraph.Person, personNode]{
		what: "person", bucket: bucketPeople, extBucket: bucketPeopleExt,
		id:         func(p *netgraph.Person) string { return p.ID },
		externalID: func(p *netgraph.Person) string { return p.ExternalID },
		encode:     encodePerson, norm: normPerson,
		nodes: func(ix *index) *nodes[personNode] { return &ix.people },
		get:   (*index).person, put: (*index).putPerson, remove: (*index).deletePerson,
		relations: func(ix *index, slot int32) []bucketKeys {
			n := &ix.people.items[slot]
			return []bucketKeys{
				{bucketTies, ties.fileKeys(ix, n.ties)},
				{bucketAffiliations, affiliations.fileKeys(ix, n.affs)},
				{bucketMemberships, memberships.fileKeys(ix, n.mems)},
			}
		},
		erasure: true,
	}
	organisations = entityKind[netgraph.Organisation, orgNode]{
		what: "organisation", bucket: bucketOrganisations, extBucket: bucketOrganisationsExt,
		id:         func(o *netgraph.Organisation) string { return o.ID },
		externalID: func(o *netgraph.Organisation) string { return o.ExternalID },
		encode:     encodeOrganisation, norm: normOrganisation,
		nodes: func(ix *index) *nodes[orgNode] { return &ix.orgs },
		get:   (*index).org, put: (*index).putOrg, remove: (*index).deleteOrg,
		relations: func(ix *index, slot int32) []bucketKeys {
			n := &ix.orgs.items[slot]
			return []bucketKeys{
				{bucketAffiliations, affiliations.fileKeys(ix, n.affs)},
				{bucketPartnerships, partnerships.fileKeys(ix, n.parts)},
			}
		},
	}
	networks = entityKind[netgraph.Network, netNode]{
		what: "network", bucket: bucketNetworks, extBucket: bucketNetworksExt,
		id:         func(n *netgraph.Network) string { return n.ID },
		externalID: func(n *netgraph.Network) string { return n.ExternalID },
		encode:     encodeNetwork, norm: normNetwork,
		nodes: func(ix *index) *nodes[netNode] { return &ix.nets },
		get:   (*index).net, put: (*index).putNet, remove: (*index).deleteNet,
		relations: func(ix *index, slot int32) []bucketKeys {
			return []bucketKeys{{bucketMemberships, memberships.fileKeys(ix, ix.nets.items[slot].mems)}}
		},
	}
)

// relationKeys returns the file key of each relation in slots.
func relationKeys(slots []int32, key func(int32) []byte) [][]byte {
	keys := make([][]byte, len(slots))
	for i, s := range slots {
		keys[i] = key(s)
	}
	return keys
}

// createEntity stores the new entity build returns (build runs with the
// write lock held). If its external id names an existing entity, that one is
// returned and nothing changes.
func createEntity[T, N any](ctx context.Context, s *Store, k *entityKind[T, N], op netgraph.AuditEntry, build func() (*T, error)) (*T, error) {
	var out *T
	err := s.mutate(ctx, op, func(ix *index) (change, error) {
		v, err := build()
		if err != nil {
			return change{}, err
		}
		id, ext := k.id(v), k.externalID(v)
		if slot, ok := k.nodes(ix).ext[ext]; ok && ext != "" {
			out = k.get(ix, slot)
			return change{}, nil
		}
		k.norm(v)
		out = v
		return change{
			write: func(tx *bbolt.Tx) error {
				if ext != "" {
					if err := put(tx, k.extBucket, []byte(ext), []byte(id)); err != nil {
						return err
					}
				}
				return put(tx, k.bucket, []byte(id), k.encode(v))
			},
			apply: func(ix *index) { k.put(ix, v) },
		}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// getEntity returns the entity with id; ENOTFOUND if unknown.
func getEntity[T, N any](ctx context.Context, s *Store, k *entityKind[T, N], id string) (*T, error) {
	var out *T
	err := s.read(ctx, func(ix *index) error {
		slot, ok := k.nodes(ix).slot[id]
		if !ok {
			return netgraph.NotFound("id", k.what, id)
		}
		out = k.get(ix, slot)
		return nil
	})
	return out, err
}

// getByExternalID reads the entity with that external id; ENOTFOUND if
// none has it.
func getByExternalID[T, N any](ctx context.Context, s *Store, k *entityKind[T, N], ext string) (*T, error) {
	var out *T
	err := s.read(ctx, func(ix *index) error {
		slot, ok := k.nodes(ix).ext[ext]
		if ext == "" || !ok {
			return netgraph.NotFound("externalId", k.what+" with external id", ext)
		}
		out = k.get(ix, slot)
		return nil
	})
	return out, err
}

// readByID returns read(ix, slot) for the entity of each of ids, aligned
// with ids, and the zero R where the id is unknown.
func readByID[R, T, N any](ctx context.Context, s *Store, k *entityKind[T, N], ids []string, read func(ix *index, slot int32) R) ([]R, error) {
	out := make([]R, len(ids))
	err := s.read(ctx, func(ix *index) error {
		slots := k.nodes(ix).slot
		for i, id := range ids {
			if slot, ok := slots[id]; ok {
				out[i] = read(ix, slot)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readList validates p (which fills in its defaults) and returns the page of
// a list that list reads from the index.
func readList[T any](ctx context.Context, s *Store, p netgraph.Page, list func(ix *index, p netgraph.Page) *netgraph.List[T]) (*netgraph.List[T], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var out *netgraph.List[T]
	err := s.read(ctx, func(ix *index) error {
		out = list(ix, p)
		return nil
	})
	return out, err
}

// updateEntity replaces the entity with id with what apply (the domain's
// Apply, which validates) makes of it; ENOTFOUND if unknown.
func updateEntity[T, N any](ctx context.Context, s *Store, k *entityKind[T, N], op netgraph.AuditEntry, id string, apply func(*T) (*T, error)) (*T, error) {
	var out *T
	err := s.mutate(ctx, op, func(ix *index) (change, error) {
		slot, ok := k.nodes(ix).slot[id]
		if !ok {
			return change{}, netgraph.NotFound("id", k.what, id)
		}
		v, err := apply(k.get(ix, slot))
		if err != nil {
			return change{}, err
		}
		k.norm(v)
		out = v
		return change{
			write: func(tx *bbolt.Tx) error { return put(tx, k.bucket, []byte(id), k.encode(v)) },
			apply: func(ix *index) { k.put(ix, v) },
		}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// deleteEntity removes the entity with id with its relations; ENOTFOUND if
// unknown. The deletion of a kind that is an erasure also compacts the file
// (see erase).
func deleteEntity[T, N any](ctx context.Context, s *Store, k *entityKind[T, N], op netgraph.AuditEntry, id string) error {
	if k.erasure {
		return s.erase(ctx, k.what+" "+id, op, deletion(k, id))
	}
	return s.mutate(ctx, op, deletion(k, id))
}

// deletion is the mutation that deletes the entity with id.
func deletion[T, N any](k *entityKind[T, N], id string) mutation {
	return func(ix *index) (change, error) {
		slot, ok := k.nodes(ix).slot[id]
		if !ok {
			return change{}, netgraph.NotFound("id", k.what, id)
		}
		ext := k.externalID(k.get(ix, slot))
		relations := k.relations(ix, slot)
		return change{
			write: func(tx *bbolt.Tx) error {
				for _, r := range relations {
					if err := deleteAll(tx, r.bucket, r.keys); err != nil {
						return err
					}
				}
				if ext != "" {
					if err := del(tx, k.extBucket, []byte(ext)); err != nil {
						return err
					}
				}
				return del(tx, k.bucket, []byte(id))
			},
			apply: func(ix *index) { k.remove(ix, slot) },
		}, nil
	}
}

// deleteAll deletes keys from bucket b.
func deleteAll(tx *bbolt.Tx, b []byte, keys [][]byte) error {
	bk := tx.Bucket(b)
	for _, k := range keys {
		if err := bk.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
