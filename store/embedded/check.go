package embedded

import (
	"errors"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Problem is one thing wrong with a store file: where it is and what.
type Problem struct {
	Where string // "page 12 (bucket ties)", `ties "per_a\x00per_b\x00KNOWS"`, "the file"
	What  string
}

func (p Problem) String() string { return p.Where + ": " + p.What }

// Check verifies the whole store file at path without changing it, and
// returns everything it finds wrong: the file's format and commit records,
// every page reference (see walkPages), bbolt's own consistency check of
// the free pages, the schema, every value's checksum and encoding, and
// every reference between records (a tie's people, an external id's
// entity). An error means the file could not be checked at all (missing,
// or locked by a running service). Check never panics on a damaged file.
func Check(path string) ([]Problem, error) {
	var problems []Problem
	add := func(where, format string, args ...any) {
		problems = append(problems, Problem{Where: where, What: fmt.Sprintf(format, args...)})
	}
	if err := checkEmpty(path); err != nil {
		if errors.Is(err, ErrDamaged) {
			add("the file", "%s", trimDamaged(err))
			return problems, nil
		}
		return nil, err
	}
	// Hold the file's lock (shared, as a reader) while checking, so that a
	// running service cannot be caught halfway through a commit; bbolt
	// takes it, reading only the meta pages to open read-only.
	var db *bbolt.DB
	err := guard("opening the file", func() (err error) {
		db, err = bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
		return err
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("%s is in use by another process (stop the service first): %w", path, ErrLocked)
	}
	if db != nil {
		defer db.Close()
	}
	_, _, cerr := checkFile(path, false, func(p string) { add("pages", "%s", p) })
	switch {
	case cerr != nil && !errors.Is(cerr, ErrDamaged):
		return nil, cerr
	case cerr != nil:
		add("the file", "%s", trimDamaged(cerr))
		return problems, nil
	case err != nil: // bbolt could not open what checkFile found sound
		add("the file", "%s", trimDamaged(err))
		return problems, nil
	case len(problems) > 0:
		return problems, nil // bbolt cannot be trusted with these pages
	}
	if err := guard("checking the file", func() error {
		return db.View(func(tx *bbolt.Tx) error {
			for err := range tx.Check() {
				add("pages", "%v", err)
			}
			checkRecords(tx, add)
			return nil
		})
	}); err != nil {
		add("the file", "%s", trimDamaged(err))
	}
	return problems, nil
}

// trimDamaged returns err's message without ErrDamaged's, which a list of
// problems need not repeat.
func trimDamaged(err error) string {
	msg, prefix := err.Error(), ErrDamaged.Error()+": "
	if len(msg) > len(prefix) && msg[:len(prefix)] == prefix {
		return msg[len(prefix):]
	}
	return msg
}

// checkRecords checks the schema, every value and every reference in tx,
// telling add of each problem.
func checkRecords(tx *bbolt.Tx, add func(where, format string, args ...any)) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		add("the file", "no meta bucket: not a netgraph store")
		return
	}
	if v, err := decodeUint64(meta.Get(keySchema)); err != nil || v != schemaVersion {
		add("meta", "schema version %d (%v); this build checks version %d", v, err, schemaVersion)
		return
	}
	if _, err := decodeUint64(meta.Get(keyVersion)); err != nil {
		add("meta", "data version: %v", err)
	}
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			add("the file", "bucket %s is missing", name)
			return
		}
	}
	// ids, and external ids, of the entities whose values decode.
	ids := map[string]map[string]string{}
	entities := []struct {
		bucket []byte
		ext    func(id string, v []byte) (string, error)
	}{
		{bucketPeople, func(id string, v []byte) (string, error) { p, err := decodePerson(id, v); return p.ExternalID, err }},
		{bucketOrganisations, func(id string, v []byte) (string, error) {
			o, err := decodeOrganisation(id, v)
			return o.ExternalID, err
		}},
		{bucketNetworks, func(id string, v []byte) (string, error) { n, err := decodeNetwork(id, v); return n.ExternalID, err }},
	}
	each := func(bucket []byte, fn func(k, body []byte) error) {
		_ = tx.Bucket(bucket).ForEach(func(k, v []byte) error {
			body, err := unseal(k, v)
			if err == nil {
				err = fn(k, body)
			}
			if err != nil {
				add(fmt.Sprintf("%s %q", bucket, k), "%v", err)
			}
			return nil
		})
	}
	for _, e := range entities {
		ids[string(e.bucket)] = map[string]string{}
		each(e.bucket, func(k, body []byte) error {
			ext, err := e.ext(string(k), body)
			if err == nil {
				ids[string(e.bucket)][string(k)] = ext
			}
			return err
		})
	}
	for _, x := range []struct{ index, entities []byte }{
		{bucketPeopleExt, bucketPeople}, {bucketOrganisationsExt, bucketOrganisations}, {bucketNetworksExt, bucketNetworks},
	} {
		each(x.index, func(k, body []byte) error {
			if ext, ok := ids[string(x.entities)][string(body)]; !ok || ext != string(k) {
				return fmt.Errorf("names %s %q, which does not have this external id", x.entities, body)
			}
			return nil
		})
	}
	known := func(bucket []byte, id []byte) error {
		if _, ok := ids[string(bucket)][string(id)]; !ok {
			return fmt.Errorf("refers to %s %q, which is not in the file", bucket, id)
		}
		return nil
	}
	ends := func(a, b []byte, ba, bb []byte) error {
		if err := known(ba, a); err != nil {
			return err
		}
		return known(bb, b)
	}
	for _, r := range []struct{ bucket, other []byte }{{bucketAffiliations, bucketOrganisations}, {bucketMemberships, bucketNetworks}} {
		each(r.bucket, func(k, body []byte) error {
			a, b, ok := splitRel(k)
			if !ok {
				return fmt.Errorf("key: %w", errCorrupt)
			}
			if _, _, err := decodeRole(body, nil); err != nil {
				return err
			}
			return ends(a, b, bucketPeople, r.other)
		})
	}
	for _, r := range []struct {
		bucket, ends []byte
		decode       func([]byte) error
	}{
		{bucketTies, bucketPeople, func(v []byte) error { _, err := decodeTie(v); return err }},
		{bucketPartnerships, bucketOrganisations, func(v []byte) error { _, _, err := decodePartnership(v); return err }},
	} {
		each(r.bucket, func(k, body []byte) error {
			a, b, _, ok := splitPair(k)
			if !ok {
				return fmt.Errorf("key: %w", errCorrupt)
			}
			if err := r.decode(body); err != nil {
				return err
			}
			return ends(a, b, r.ends, r.ends)
		})
	}
	each(bucketAudit, func(k, body []byte) error {
		_, err := decodeAuditEntry(string(k), body)
		return err
	})
}
