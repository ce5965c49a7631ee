package embedded

import (
	"context"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// The audit log is the audit bucket: one entry per committed mutation, keyed
// by entry id, written by mutate in the mutation's transaction. Entry ids are
// made under the write lock, so they sort in commit order, and entry times
// never go backwards in that order (stampAudit), so a scan newest first can
// stop at AuditFilter.Since. (A clock set back across a restart could make
// new ids sort before old ones; NewID keeps order only within a process.)
//
// The log is not held in the in-memory index: admins read it rarely, so it
// is read from the file on demand, and a large log costs disk, not memory.

// defaultAuditScanLimit is how many entries one filtered AuditEntries call
// may examine: under a second in one read transaction (BenchmarkAuditFilter:
// about 150 ms a million), which keeps writers from growing the file while it
// lasts. Entries after Until are skipped without counting; the scan stops at
// the first entry before Since.
const defaultAuditScanLimit = 5_000_000

// audit returns what a mutation records in the audit log.
func audit(op string, ids ...string) netgraph.AuditEntry {
	return netgraph.AuditEntry{Operation: op, IDs: ids}
}

// auditKind returns what a mutation of a tie or partnership records.
func auditKind[K ~string](op string, a, b string, kind K) netgraph.AuditEntry {
	return netgraph.AuditEntry{Operation: op, IDs: []string{a, b}, Kind: string(kind)}
}

// stampAudit completes the audit entry of a mutation about to commit. It is
// called with the write lock held. The time is the store's clock, held at the
// previous entry's time if the clock has stepped back.
func (s *Store) stampAudit(ctx context.Context, op netgraph.AuditEntry) netgraph.AuditEntry {
	at := s.now()
	if at.Before(s.lastAudit) {
		at = s.lastAudit
	}
	return op.Stamp(ctx, at)
}

// lastAuditTime returns the time of the newest audit entry in the file, or
// the zero time if there is none.
func lastAuditTime(tx *bbolt.Tx) (time.Time, error) {
	k, v := tx.Bucket(bucketAudit).Cursor().Last()
	if k == nil {
		return time.Time{}, nil
	}
	body, err := unseal(k, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("audit entry %s: %w", k, err)
	}
	t, err := auditTimeOf(body)
	if err != nil {
		return time.Time{}, fmt.Errorf("audit entry %s: %w", k, err)
	}
	return t, nil
}

// AuditEntries lists the audit entries f matches, newest first, from one read
// transaction of the file. Without a filter it reads only the page; with one
// it examines every entry in the since–until window, and refuses (EINVALID
// on "since") a window of more than five million entries.
func (s *Store) AuditEntries(ctx context.Context, f netgraph.AuditFilter, p netgraph.Page) (*netgraph.List[netgraph.AuditEntry], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	out := &netgraph.List[netgraph.AuditEntry]{Items: []netgraph.AuditEntry{}}
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketAudit)
		if f == (netgraph.AuditFilter{}) {
			return auditPage(b, p, out)
		}
		return auditScan(ctx, b, f, p, s.auditScanLimit, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readAuditEntry decodes the audit entry with key k and sealed value v.
func readAuditEntry(k, v []byte) (netgraph.AuditEntry, error) {
	body, err := unseal(k, v)
	if err != nil {
		return netgraph.AuditEntry{}, fmt.Errorf("audit entry %s: %w", k, err)
	}
	return decodeAuditEntry(string(k), body)
}

// auditPage reads one page of the whole log: the entries before p.After,
// newest first, and the number of entries.
func auditPage(b *bbolt.Bucket, p netgraph.Page, out *netgraph.List[netgraph.AuditEntry]) error {
	out.TotalCount = b.Stats().KeyN
	c := b.Cursor()
	var k, v []byte
	if p.After == "" {
		k, v = c.Last()
	} else if k, v = c.Seek([]byte(p.After)); k == nil {
		k, v = c.Last() // every entry is older than the cursor
	} else {
		k, v = c.Prev()
	}
	for ; k != nil; k, v = c.Prev() {
		if len(out.Items) == p.First {
			out.HasNextPage = true
			break
		}
		e, err := readAuditEntry(k, v)
		if err != nil {
			return fmt.Errorf("embedded: read audit log: %w", err)
		}
		out.Items = append(out.Items, e)
	}
	return nil
}

// auditScan reads the entries f matches, newest first: it counts them all
// and keeps the page before p.After. It examines at most limit entries.
func auditScan(ctx context.Context, b *bbolt.Bucket, f netgraph.AuditFilter, p netgraph.Page, limit int, out *netgraph.List[netgraph.AuditEntry]) error {
	c := b.Cursor()
	n, examined := 0, 0
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		if n++; n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if f.Since != nil || f.Until != nil {
			at, err := auditTimeOf(v)
			if err != nil {
				return fmt.Errorf("embedded: read audit entry %s: %w", k, err)
			}
			if f.Since != nil && at.Before(*f.Since) {
				break // every older entry is older still
			}
			if f.Until != nil && !at.Before(*f.Until) {
				continue
			}
		}
		if examined++; examined > limit {
			return netgraph.Invalid("since", "the filter reaches more than %d audit entries; give a shorter time window", limit)
		}
		e, err := readAuditEntry(k, v)
		if err != nil {
			return fmt.Errorf("embedded: read audit log: %w", err)
		}
		if !f.Match(&e) {
			continue
		}
		out.TotalCount++
		switch {
		case p.After != "" && string(k) >= p.After:
		case len(out.Items) < p.First:
			out.Items = append(out.Items, e)
		default:
			out.HasNextPage = true
		}
	}
	return nil
}
