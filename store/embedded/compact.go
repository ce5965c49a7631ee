package embedded

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/netgraph/netgraph"
)

// Erasure and compaction.
//
// bbolt never overwrites a page in place: a transaction writes the pages it
// changes elsewhere and frees the old ones, which keep their bytes until a
// later write happens to reuse them. So after DeletePerson commits, the
// person's name, e-mail, interests and ties are still in the file, on free
// pages. To make erasure erase, DeletePerson then rewrites the file, holding
// the write lock throughout:
//
//  1. it copies every live record into a new file beside the old one (path +
//     compactSuffix) with bbolt.Compact, and fsyncs it;
//  2. it renames the new file over the old one and fsyncs the directory;
//  3. it swaps the new file's handle in for writers and for readers of the
//     file (ReadGraph, AuditEntries), and closes the old one, which waits for
//     the read transactions already open on it.
//
// A crash leaves one complete file at path: the old one until the rename,
// the new one after it. The delete's own transaction also sets
// keyErasurePending in the meta bucket, which the rewritten file does not
// have; Open finds it in a file whose rewrite did not finish (a crash, or a
// failure such as a full disk) and rewrites the file before serving it, and
// removes a leftover new file first.
//
// The new file is locked (flock) from its creation, so no other process can
// open it while it is being written or once it is at path. A process that
// was already waiting at Open for the old file's lock gets it when the old
// file is closed; openLocked then sees that the file it holds is no longer
// at path and waits for the new one's lock instead.
//
// What this does not reach: copies of the file (backups, snapshots), and
// the file system's or the disk's own handling of freed blocks of the old
// file; full-disk encryption is the answer to those.

// compactSuffix names the new file a compaction writes beside the store's.
const compactSuffix = ".compact"

// compactTxSize is how many bytes of keys and values Compact copies per
// transaction of the new file; the new file is not synced until the end, so
// this bounds memory, not fsyncs.
const compactTxSize = 4 << 20

// Compact rewrites the file with only its live records, so that nothing
// deleted or replaced survives on its free pages, and returns the space they
// took to the file system. DeletePerson does this itself; Compact is for the
// rest: after deleting organisations or networks, after UpdatePerson or
// Import replaced a person's name or e-mail, or after an erasure whose
// compaction failed. Writers wait for it; ctx is looked at
// before the copy and before the new file replaces the old one.
func (s *Store) Compact(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed {
		return errClosed
	}
	if err := s.compact(ctx); err != nil {
		return fmt.Errorf("embedded: %w", err)
	}
	return nil
}

// compact rewrites the file as described above. It is called with the write
// lock held (or from Open, before the store is shared). An error before the
// rename leaves the old file in use and removes the new one. Its errors
// begin "compact <path>".
func (s *Store) compact(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	start := time.Now()
	tmp := s.path + compactSuffix
	fi, err := os.Stat(s.path)
	if err != nil {
		return fmt.Errorf("compact %s: %w", s.path, err)
	}
	if err := removeLeftover(tmp); err != nil {
		return fmt.Errorf("compact %s: %w", s.path, err)
	}
	dst, err := bbolt.Open(tmp, 0o600, &bbolt.Options{
		FreelistType:    bbolt.FreelistMapType,
		PageSize:        s.db.Info().PageSize,
		InitialMmapSize: int(fi.Size()),
		// Nothing reads the new file before it is complete: one fsync at
		// the end does.
		NoSync: true, NoGrowSync: true,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			return os.OpenFile(name, flag|os.O_EXCL, perm) // a file of our own, or nothing
		},
	})
	if err != nil {
		return fmt.Errorf("compact %s: create %s: %w", s.path, tmp, err)
	}
	if err := s.writeCompacted(ctx, dst, tmp, fi.Mode().Perm()); err != nil {
		dst.Close()
		os.Remove(tmp)
		return fmt.Errorf("compact %s: %w", s.path, err)
	}
	dst.NoSync, dst.NoGrowSync = false, false

	if err := os.Rename(tmp, s.path); err != nil {
		dst.Close()
		os.Remove(tmp)
		return fmt.Errorf("compact %s: %w", s.path, err)
	}
	// The new file is at path: from here on it is the store's. What fails
	// now is only logged: if the rename is lost to a crash for want of the
	// directory's fsync, the old file comes back with its erasure mark, and
	// Open compacts it again.
	s.dbmu.Lock()
	old := s.db
	s.db = dst
	s.dbmu.Unlock()
	if err := syncDir(filepath.Dir(s.path)); err != nil {
		s.log.Warn().Err(err).Str("path", s.path).Msg("compacted file in place, but its directory not synced")
	}
	if err := old.Close(); err != nil { // waits for read transactions open on it
		s.log.Warn().Err(err).Str("path", s.path).Msg("compacted file in place, but the old one not closed cleanly")
	}
	s.log.Info().Str("path", s.path).Int64("bytesBefore", fi.Size()).Int64("bytes", fileSize(s.path)).
		Dur("took", time.Since(start)).Msg("store file compacted")
	return nil
}

// writeCompacted copies the live records of the store's file into dst (at
// path tmp), clears the erasure mark in the copy, gives it the old file's
// permissions and syncs it.
func (s *Store) writeCompacted(ctx context.Context, dst *bbolt.DB, tmp string, perm fs.FileMode) error {
	if err := bbolt.Compact(dst, s.db, compactTxSize); err != nil {
		return fmt.Errorf("copy to %s: %w", tmp, err)
	}
	if err := dst.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMeta).Delete(keyErasurePending)
	}); err != nil {
		return fmt.Errorf("copy to %s: %w", tmp, err)
	}
	if err := os.Chmod(tmp, perm); err != nil {
		return err
	}
	if err := dst.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp, err)
	}
	return ctx.Err()
}

// erasurePending reports whether the file holds records that an erasure
// deleted but a compaction has not yet removed.
func (s *Store) erasurePending() (pending bool, err error) {
	err = s.db.View(func(tx *bbolt.Tx) error {
		pending = tx.Bucket(bucketMeta).Get(keyErasurePending) != nil
		return nil
	})
	return pending, err
}

// markErasure makes the transaction of an erasure also set the mark that
// compact clears, so that Open finishes an erasure whose compaction did not.
func markErasure(check mutation) mutation {
	return alsoWrite(check, func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyErasurePending, []byte{1})
	})
}

// alsoWrite makes the transaction of check's change, if it writes, also
// run then after its own write.
func alsoWrite(check mutation, then func(tx *bbolt.Tx) error) mutation {
	return func(ix *index) (change, error) {
		c, err := check(ix)
		if err != nil || c.write == nil {
			return c, err
		}
		write := c.write
		c.write = func(tx *bbolt.Tx) error {
			if err := write(tx); err != nil {
				return err
			}
			return then(tx)
		}
		return c, nil
	}
}

// erase is mutate for a mutation that erases personal data (what, for
// messages): it marks the erasure unfinished in the mutation's transaction
// and then, with the write lock still held, compacts the file, which clears
// the mark (unless erasureCompaction is off). If
// the compaction fails, the data is deleted (the index and the file agree
// it is gone) but still on free pages of the file, and erase says so with
// an error that wraps netgraph.ErrErasedNotCompacted; the next DeletePerson,
// Compact or Open removes it.
func (s *Store) erase(ctx context.Context, what string, op netgraph.AuditEntry, check mutation) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.mutateLocked(ctx, op, markErasure(check)); err != nil || !s.erasureCompaction {
		return err
	}
	// The delete is committed: finish the erasure even if the caller has
	// given up waiting.
	if err := s.compact(context.WithoutCancel(ctx)); err != nil {
		s.log.Error().Err(err).Str("path", s.path).Msg("erasure not complete: deleted records remain on free pages")
		return fmt.Errorf("embedded: %s: %w (retried at the next Open or by netgraph compact): %w", what, netgraph.ErrErasedNotCompacted, err)
	}
	return nil
}

// removeLeftover removes the new file of a compaction that did not finish.
func removeLeftover(tmp string) error {
	if err := os.Remove(tmp); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// syncDir fsyncs directory dir, so that a rename in it survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

// openLocked opens the bbolt file at path, waiting up to timeout (zero:
// for ever) for another process to release its lock. If the file it locked
// is no longer the one at path, its holder having swapped in a compacted
// file in the meantime, it lets go and waits for the lock of the file at
// path, within the same timeout.
func openLocked(path string, timeout time.Duration) (*bbolt.DB, error) {
	deadline := time.Now().Add(timeout)
	for {
		wait := timeout
		if timeout > 0 {
			if wait = time.Until(deadline); wait <= 0 {
				return nil, berrors.ErrTimeout
			}
		}
		var f *os.File
		db, err := bbolt.Open(path, 0o600, &bbolt.Options{
			Timeout:      wait,
			FreelistType: bbolt.FreelistMapType, // faster than the array freelist on large files
			OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
				var err error
				f, err = os.OpenFile(name, flag, perm)
				return f, err
			},
		})
		if err != nil {
			return nil, err
		}
		held, err := f.Stat()
		if err != nil {
			db.Close()
			return nil, err
		}
		at, err := os.Stat(path)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			db.Close()
			return nil, err
		}
		if err == nil && os.SameFile(held, at) {
			return db, nil
		}
		db.Close()
	}
}
