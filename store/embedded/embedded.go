// Package embedded is netgraph's default store: one bbolt file, with no server
// to run.
//
// The file is the source of truth. It has a bucket per entity type and
// relation, an external-id index per entity type, and a meta bucket with the
// schema version and the data version. Every mutation is one bbolt write
// transaction that validates (with the domain's rules), checks references and
// uniqueness, writes, and bumps the data version; bbolt syncs the file before
// the transaction returns, so an acknowledged write survives a crash.
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
// Only one process may open a file at a time; a second Open fails after the
// lock timeout (one second unless WithLockTimeout says otherwise).
package embedded

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/netgraph/netgraph"
)

// ErrLocked is returned (wrapped) by Open when another process holds the file.
var ErrLocked = errors.New("store file is in use by another process")

// Store is a netgraph.Store in one bbolt file.
type Store struct {
	db          *bbolt.DB
	path        string
	log         zerolog.Logger
	now         netgraph.Clock
	lockTimeout time.Duration
	// auditScanLimit caps the entries a filtered AuditEntries call examines.
	auditScanLimit int

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

// WithClock sets the clock that stamps creation and update times (default:
// time.Now).
func WithClock(c netgraph.Clock) Option { return func(s *Store) { s.now = c } }

// WithLockTimeout sets how long Open waits for another process to release the
// file (default: one second).
func WithLockTimeout(d time.Duration) Option { return func(s *Store) { s.lockTimeout = d } }

// Open opens the store in the file at path, creating it if need be, and loads
// its index. It fails with ErrLocked if another process has the file open.
func Open(path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, log: zerolog.Nop(), now: time.Now, lockTimeout: time.Second,
		auditScanLimit: defaultAuditScanLimit}
	for _, o := range opts {
		o(s)
	}
	start := time.Now()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{
		Timeout:      s.lockTimeout,
		FreelistType: bbolt.FreelistMapType, // faster than the array freelist on large files
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("embedded: open %s: %w (waited %s for its lock)", path, ErrLocked, s.lockTimeout)
	}
	if err != nil {
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	s.db = db
	if err := s.init(); err != nil {
		db.Close()
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	if err := db.View(func(tx *bbolt.Tx) (err error) {
		if s.ix, err = load(tx); err != nil {
			return err
		}
		s.lastAudit, err = lastAuditTime(tx)
		return err
	}); err != nil {
		db.Close()
		return nil, fmt.Errorf("embedded: load %s: %w", path, err)
	}
	s.log.Info().Str("path", path).Uint64("version", s.ix.version).
		Int("people", s.ix.people.len()).Int("organisations", s.ix.orgs.len()).Int("networks", s.ix.nets.len()).
		Int("ties", s.ix.ties.n).Int("affiliations", s.ix.affs.n).Int("memberships", s.ix.mems.n).
		Int("partnerships", s.ix.parts.n).Int64("bytes", fileSize(path)).Dur("took", time.Since(start)).Msg("store opened")
	return s, nil
}

// init creates the buckets of a new file, and checks the schema of an old one.
func (s *Store) init() error {
	var ready bool
	if err := s.db.View(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		v, err := decodeUint64(meta.Get(keySchema))
		if err != nil {
			return fmt.Errorf("schema version: %w", err)
		}
		if v != schemaVersion {
			return fmt.Errorf("schema version %d; this build reads version %d", v, schemaVersion)
		}
		ready = true
		for _, b := range allBuckets {
			ready = ready && tx.Bucket(b) != nil
		}
		return nil
	}); err != nil || ready {
		return err
	}
	return s.db.Update(func(tx *bbolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if meta.Get(keySchema) == nil {
			if err := meta.Put(keySchema, encodeUint64(schemaVersion)); err != nil {
				return err
			}
		}
		if meta.Get(keyVersion) == nil {
			return meta.Put(keyVersion, encodeUint64(0))
		}
		return nil
	})
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

// mutate runs a mutation with the write lock held. check validates the
// request against the index (which, under the write lock, is the file's
// state) and returns the transaction that makes the change and the change to
// the index, or an error; no transaction means nothing to change. mutate
// commits the transaction, bumping the data version and adding the audit
// entry for op in it, and then applies the change to the index. An error from
// check or the transaction leaves file, index and audit log as they were.
func (s *Store) mutate(ctx context.Context, op netgraph.AuditEntry, check func(ix *index) (write func(tx *bbolt.Tx) error, apply func(ix *index), err error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed { // closed is only set with wmu held, so reading it here is safe
		return errClosed
	}
	if err := ctx.Err(); err != nil { // given up while waiting for other writers
		return err
	}
	write, apply, err := check(s.ix)
	if err != nil || write == nil {
		return err
	}
	v := s.ix.version + 1
	entry := s.stampAudit(ctx, op)
	if err := s.db.Update(func(tx *bbolt.Tx) error {
		if err := write(tx); err != nil {
			return err
		}
		if err := put(tx, bucketAudit, []byte(entry.ID), encodeAuditEntry(&entry)); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keyVersion, encodeUint64(v))
	}); err != nil {
		var e *netgraph.Error
		if errors.As(err, &e) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return fmt.Errorf("embedded: commit to %s: %w", s.path, err)
	}
	s.lastAudit = entry.At
	s.mu.Lock()
	apply(s.ix)
	s.ix.version = v
	s.mu.Unlock()
	return nil
}

// put writes key and value to bucket b of tx.
func put(tx *bbolt.Tx, b []byte, key, value []byte) error { return tx.Bucket(b).Put(key, value) }

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
