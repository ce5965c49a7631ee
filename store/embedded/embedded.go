// Package embedded is netgraph's default store: one bbolt file, with no server
// to run.
//
// The file is the source of truth. It has a bucket per entity type and
// relation, an external-id index per entity type, and a meta bucket with the
// schema version, the data version and the mark of an unfinished erasure.
// Every mutation is one bbolt write transaction that validates (with the
// domain's rules), checks references and uniqueness, writes, and bumps the
// data version; bbolt syncs the file before the transaction returns, so an
// acknowledged write survives a crash.
//
// Every mutation also adds one entry to the audit log (the audit bucket, keyed
// by entry id) in the same transaction; see audit.go.
//
// Reads never touch the file: they are served from an in-memory index (see
// index.go) built at Open with one read transaction, and changed only after a
// transaction has committed, so a failed write leaves it untouched. Writers
// are serialised; readers run concurrently with each other and with a writer's
// transaction, and wait only for the moment a committed change is applied.
//
// Erasure erases: DeletePerson rewrites the file without the person's
// records, which bbolt would otherwise leave on free pages (see compact.go).
// Other changes do not: the old values of an
// UpdatePerson, an Import or a deleted organisation or network stay on free
// pages until a DeletePerson or Compact rewrites the file.
//
// Only one process may open a file at a time; a second Open fails after the
// lock timeout of one second.
package embedded

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/netgraph/netgraph"
)

// ErrLocked is returned (wrapped) by Open when another process holds the file.
var ErrLocked = errors.New("store file is in use by another process")

// ErrDamaged is returned (wrapped) by Open for a file that is not a netgraph
// store or is damaged: empty, another program's, truncated, a commit record
// lost (see WithAcceptRollback), a value whose checksum does not match. The
// message says what and where; `netgraph check --db FILE` lists everything
// wrong with a file.
var ErrDamaged = errors.New("the store file is damaged or not a netgraph store")

// Store is a netgraph.Store in one bbolt file.
type Store struct {
	// db is the open file. A compaction replaces it with the rewritten
	// file, holding wmu and dbmu; writers use it under wmu, readers of the
	// file begin their transactions under dbmu (see view).
	db          *bbolt.DB
	dbmu        sync.RWMutex
	path        string
	log         zerolog.Logger
	now         netgraph.Clock
	lockTimeout time.Duration
	// auditScanLimit caps the entries a filtered AuditEntries call examines.
	auditScanLimit int
	// erasureCompaction makes DeletePerson compact the file; only tests
	// turn it off (WithErasureCompaction in export_test.go).
	erasureCompaction bool
	// acceptRollback lets Open serve a file whose newest commit record is
	// damaged (see WithAcceptRollback).
	acceptRollback bool

	// wmu serialises writers. A writer holds it while it checks the index,
	// commits to the file and applies the change to the index, so the index
	// it checks against is exactly the file's state.
	wmu sync.Mutex
	// lastAudit is the time of the newest audit entry, guarded by wmu: entry
	// times never go backwards in id order (see stampAudit).
	lastAudit time.Time
	// mu guards ix and closed: readers hold it shared; a writer holds it
	// exclusively only to apply a committed change.
	mu     sync.RWMutex
	ix     *index
	closed bool
}

var _ netgraph.Store = (*Store)(nil)

// Option configures a Store.
type Option func(*Store)

// WithLogger sets the logger (default: none).
func WithLogger(l zerolog.Logger) Option { return func(s *Store) { s.log = l } }

// Open opens the store in the file at path, creating it if need be, and loads
// its index. It fails with ErrLocked if another process has the file open.
// If an erasure's compaction did not finish (a crash, a full disk) or was
// left for later (by a test that turned erasureCompaction off), Open removes
// what it left and compacts the file before loading it.
func Open(path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, log: zerolog.Nop(), now: time.Now, lockTimeout: time.Second,
		auditScanLimit: defaultAuditScanLimit, erasureCompaction: true}
	for _, o := range opts {
		o(s)
	}
	start := time.Now()
	if err := checkEmpty(path); err != nil {
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	var db *bbolt.DB
	err := guard("opening the file", func() (err error) {
		db, err = openLocked(path, s.lockTimeout)
		return err
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("embedded: open %s: %w (waited %s for its lock)", path, ErrLocked, s.lockTimeout)
	}
	if err != nil {
		// Say what is wrong with the file if it can be told.
		if _, merr := checkMetas(path, true); merr != nil {
			err = merr
		} else if !errors.Is(err, ErrDamaged) && (errors.Is(err, berrors.ErrInvalid) ||
			errors.Is(err, berrors.ErrChecksum) || errors.Is(err, berrors.ErrVersionMismatch)) {
			err = fmt.Errorf("%w: %w", ErrDamaged, err)
		}
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	s.db = db
	// Under the file's lock, so that no writer is halfway through a commit,
	// and before bbolt follows any page reference (see checkPages).
	rolledBack, err := checkMetas(path, s.acceptRollback)
	if err == nil {
		err = checkPages(path)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	if rolledBack {
		// A commit writes the meta page the damaged one occupies (or the
		// other, whose next commit then does), replacing it.
		s.log.Warn().Str("path", path).Msg("opening at the previous commit: a commit record of the file is damaged")
		if err := guard("repairing the commit record", func() error {
			if err := db.Update(func(*bbolt.Tx) error { return nil }); err != nil {
				return err
			}
			return db.Update(func(*bbolt.Tx) error { return nil })
		}); err != nil {
			db.Close()
			return nil, fmt.Errorf("embedded: open %s: repair its commit record: %w", path, err)
		}
	}
	// Only with the lock held: the new file of another process's compaction
	// in progress is not a leftover.
	if err := removeLeftover(path + compactSuffix); err != nil {
		s.log.Warn().Err(err).Str("path", path).Msg("store opened with a leftover compaction file")
	}
	if err := guard("checking the schema", s.init); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	if err := guard("finishing an erasure", s.finishErasure); err != nil {
		// Serve the store all the same: the data is deleted, and the next
		// erasure or Compact tries again.
		s.log.Error().Err(err).Str("path", path).Msg("erasure not complete: deleted records remain on free pages")
	}
	if err := guard("loading the file", func() error {
		return s.db.View(func(tx *bbolt.Tx) (err error) {
			if s.ix, err = load(tx); err != nil {
				return fmt.Errorf("%w: %w", ErrDamaged, err)
			}
			s.lastAudit, err = lastAuditTime(tx)
			return err
		})
	}); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("embedded: load %s: %w", path, err)
	}
	s.log.Info().Str("path", path).Uint64("version", s.ix.version).
		Int("people", s.ix.people.len()).Int("organisations", s.ix.orgs.len()).Int("networks", s.ix.nets.len()).
		Int("ties", s.ix.ties.n).Int("affiliations", s.ix.affs.n).Int("memberships", s.ix.mems.n).
		Int("partnerships", s.ix.parts.n).Int64("bytes", fileSize(path)).Dur("took", time.Since(start)).Msg("store opened")
	return s, nil
}

// init creates the buckets of a new file, checks the schema of an old one
// and migrates a file of an earlier schema. A file that has buckets but not
// netgraph's is another program's, and is refused.
func (s *Store) init() error {
	var ready bool
	var schema uint64
	if err := s.db.View(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			var names []string
			err := tx.ForEach(func(name []byte, _ *bbolt.Bucket) error {
				names = append(names, fmt.Sprintf("%q", name))
				return nil
			})
			if err == nil && len(names) > 0 {
				err = fmt.Errorf("%w: a bbolt file of another program (its buckets are %s), not a netgraph store",
					ErrDamaged, strings.Join(names, ", "))
			}
			return err
		}
		v, err := decodeUint64(meta.Get(keySchema))
		if err != nil {
			return fmt.Errorf("%w: schema version: %w", ErrDamaged, err)
		}
		if v > schemaVersion || v < 1 {
			return fmt.Errorf("schema version %d; this build reads version %d", v, schemaVersion)
		}
		schema = v
		ready = true
		for _, b := range allBuckets {
			ready = ready && tx.Bucket(b) != nil
		}
		return nil
	}); err != nil {
		return err
	}
	if ready && schema == schemaVersion {
		return nil
	}
	return s.db.Update(func(tx *bbolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if schema == 1 {
			if err := sealAll(tx); err != nil {
				return fmt.Errorf("migrate to schema %d: %w", schemaVersion, err)
			}
			s.log.Info().Str("path", s.path).Msg("store file migrated to schema 2: every value has a checksum")
		}
		if err := meta.Put(keySchema, encodeUint64(schemaVersion)); err != nil {
			return err
		}
		if meta.Get(keyVersion) == nil {
			return meta.Put(keyVersion, encodeUint64(0))
		}
		return nil
	})
}

// sealAll seals every value of a schema 1 file (see seal), in one
// transaction, in batches so that no cursor walks a bucket it changes.
func sealAll(tx *bbolt.Tx) error {
	const batch = 10_000
	for _, name := range allBuckets {
		b := tx.Bucket(name)
		if bytes.Equal(name, bucketMeta) || b == nil {
			continue
		}
		var from []byte
		for {
			c := b.Cursor()
			k, v := c.First()
			if from != nil {
				k, v = c.Seek(from)
				if k != nil && bytes.Equal(k, from) {
					k, v = c.Next()
				}
			}
			var keys, vals [][]byte
			for ; k != nil && len(keys) < batch; k, v = c.Next() {
				keys, vals = append(keys, bytes.Clone(k)), append(vals, seal(k, bytes.Clone(v)))
			}
			for i := range keys {
				if err := b.Put(keys[i], vals[i]); err != nil {
					return err
				}
			}
			if len(keys) < batch {
				break
			}
			from = keys[len(keys)-1]
		}
	}
	return nil
}

// Close closes the file. Calls after Close fail with EUNAVAILABLE.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.ix = nil
	s.mu.Unlock()
	// bbolt waits for read transactions (ReadGraph) to end; with the index
	// released first, a ReadGraph callback that reads the store fails fast
	// instead of waiting for Close.
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("embedded: close %s: %w", s.path, err)
	}
	s.log.Info().Str("path", s.path).Msg("store closed")
	return nil
}

// finishErasure compacts the file if an erasure's compaction did not finish.
func (s *Store) finishErasure() error {
	pending, err := s.erasurePending()
	if err != nil || !pending {
		return err
	}
	s.log.Warn().Str("path", s.path).Msg("finishing an erasure: compacting the file")
	return s.compact(context.Background())
}

// Ping reports whether the store is open.
func (s *Store) Ping(ctx context.Context) error {
	return s.read(ctx, func(*index) error { return nil })
}

// DataVersion returns the number of committed changes.
func (s *Store) DataVersion(ctx context.Context) (v uint64, err error) {
	err = s.read(ctx, func(ix *index) error {
		v = ix.version
		return nil
	})
	return v, err
}

var errClosed = netgraph.Errorf(netgraph.EUNAVAILABLE, "the store is closed")

// read runs fn on the index with the read lock held. fn must copy out
// whatever it returns.
func (s *Store) read(ctx context.Context, fn func(ix *index) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return errClosed
	}
	return fn(s.ix)
}

// view runs fn in a read transaction of the file. The transaction begins
// under dbmu, so a compaction cannot close the file between the moment a
// reader takes the handle and the moment its transaction begins; closing
// the old handle then waits for the transactions open on it, which keep
// reading the old file (the same data) to their end.
func (s *Store) view(ctx context.Context, fn func(tx *bbolt.Tx) error) error {
	if err := s.read(ctx, func(*index) error { return nil }); err != nil {
		return err
	}
	s.dbmu.RLock()
	tx, err := s.db.Begin(false)
	s.dbmu.RUnlock()
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return errClosed
	}
	if err != nil {
		return fmt.Errorf("embedded: read %s: %w", s.path, err)
	}
	defer tx.Rollback()
	return guard("reading the file", func() error { return fn(tx) })
}

// change is what a mutation does once its checks have passed: write makes
// it in the file, in the transaction that mutate commits, and apply makes it
// in the index once that transaction has committed (apply cannot fail). The
// zero change changes nothing.
type change struct {
	write func(tx *bbolt.Tx) error
	apply func(ix *index)
}

// mutation checks a request against the index and returns the change that
// makes it, or an error: what mutate runs (see there).
type mutation func(ix *index) (change, error)

// mutate runs a mutation with the write lock held. check validates the
// request against the index (which, under the write lock, is the file's
// state) and returns the change, or an error; a change with no write means
// nothing to change. mutate commits the change's write, bumping the data
// version and adding the audit entry for op in the same transaction, and then
// applies the change to the index. An error from check or the transaction
// leaves file, index and audit log as they were.
func (s *Store) mutate(ctx context.Context, op netgraph.AuditEntry, check mutation) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.mutateLocked(ctx, op, check)
}

// mutateLocked is mutate for a caller that holds the write lock.
func (s *Store) mutateLocked(ctx context.Context, op netgraph.AuditEntry, check mutation) error {
	if s.closed { // closed is only set with wmu held, so reading it here is safe
		return errClosed
	}
	if err := ctx.Err(); err != nil { // given up while waiting for other writers
		return err
	}
	c, err := check(s.ix)
	if err != nil || c.write == nil {
		return err
	}
	v := s.ix.version + 1
	entry := s.stampAudit(ctx, op)
	if err := guard("writing to the file", func() error {
		return s.db.Update(func(tx *bbolt.Tx) error {
			if err := c.write(tx); err != nil {
				return err
			}
			if err := put(tx, bucketAudit, []byte(entry.ID), encodeAuditEntry(&entry)); err != nil {
				return err
			}
			return tx.Bucket(bucketMeta).Put(keyVersion, encodeUint64(v))
		})
	}); err != nil {
		var e *netgraph.Error
		if errors.As(err, &e) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return fmt.Errorf("embedded: commit to %s: %w", s.path, err)
	}
	s.lastAudit = entry.At
	s.mu.Lock()
	c.apply(s.ix)
	s.ix.version = v
	s.mu.Unlock()
	return nil
}

// put writes key and value, sealed (see seal), to bucket b of tx.
func put(tx *bbolt.Tx, b []byte, key, value []byte) error {
	return tx.Bucket(b).Put(key, seal(key, value))
}

// del deletes key from bucket b of tx.
func del(tx *bbolt.Tx, b []byte, key []byte) error { return tx.Bucket(b).Delete(key) }

// fileSize returns the size of the store's file, for logs.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return -1
	}
	return fi.Size()
}
