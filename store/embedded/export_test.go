package embedded

import (
	"context"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// WithClock sets the clock that stamps creation and update times (default:
// time.Now).
func WithClock(c netgraph.Clock) Option { return func(s *Store) { s.now = c } }

// WithLockTimeout sets how long Open waits for another process to release the
// file (default: one second).
func WithLockTimeout(d time.Duration) Option { return func(s *Store) { s.lockTimeout = d } }

// WithErasureCompaction sets whether DeletePerson rewrites the file so that
// the erased person's records are not left on its free pages (default:
// true). The rewrite copies every live record, audit log included, so it
// costs time in proportion to the file's size (0.7 to 0.9 s for 100,000
// people and a million ties, 90 MiB, against 10 ms without; see
// BenchmarkErasure100kPeople1MTies) and needs free disk space for a second
// copy; writers wait for it, readers of the index do not. Erasure is rare
// enough for that to be the right default. With false, as for a bulk
// erasure, the rewrite waits for a call of Compact, or at the latest the
// next Open, which finishes every erasure the file records as unfinished.
func WithErasureCompaction(on bool) Option { return func(s *Store) { s.erasureCompaction = on } }

// SetSchemaVersion overwrites the schema version in s's file.
func SetSchemaVersion(s *Store, v uint64) error {
	return s.db.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, encodeUint64(v))
	})
}

// SetAuditScanLimit sets how many entries a filtered AuditEntries call of s
// may examine.
func SetAuditScanLimit(s *Store, n int) { s.auditScanLimit = n }

// AddAuditEntries writes n audit entries straight to s's file, in batches,
// with subjects and ids cycling through small sets: a large log for
// benchmarks without n mutations.
func AddAuditEntries(s *Store, n int) error {
	for done := 0; done < n; {
		err := s.db.Update(func(tx *bbolt.Tx) error {
			for ; done < n; done++ {
				e := netgraph.AuditEntry{Operation: netgraph.OpUpdatePerson,
					IDs: []string{fmt.Sprintf("per_%06d", done%50_000)}}.Stamp(context.Background(), s.now())
				e.Subject = fmt.Sprintf("key:%d", done%20)
				if err := put(tx, bucketAudit, []byte(e.ID), encodeAuditEntry(&e)); err != nil {
					return err
				}
				if done%100_000 == 99_999 {
					done++
					return nil
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// DropAuditBucket deletes the audit bucket from the file at path, as in a
// file written before there was an audit log.
func DropAuditBucket(path string) error {
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(func(tx *bbolt.Tx) error { return tx.DeleteBucket(bucketAudit) })
}

// CompactTempPath returns the path of the new file a compaction of the store
// at path writes.
func CompactTempPath(path string) string { return path + compactSuffix }

// Unseal rewrites the file at path as schema 1 wrote it: values without
// their checksums.
func Unseal(path string) error {
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(func(tx *bbolt.Tx) error {
		for _, name := range allBuckets {
			if string(name) == string(bucketMeta) {
				continue
			}
			b := tx.Bucket(name)
			var keys, vals [][]byte
			if err := b.ForEach(func(k, v []byte) error {
				body, err := unseal(k, v)
				keys, vals = append(keys, append([]byte(nil), k...)), append(vals, append([]byte(nil), body...))
				return err
			}); err != nil {
				return err
			}
			for i := range keys {
				if err := b.Put(keys[i], vals[i]); err != nil {
					return err
				}
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, encodeUint64(1))
	})
}
