package embedded_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// damagedFile writes a store file of a few hundred people, closes it and
// returns its path and bytes.
func damagedFile(t testing.TB, people int) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "netgraph.db")
	s, err := embedded.Open(path, embedded.WithErasureCompaction(false))
	if err != nil {
		t.Fatal(err)
	}
	fillStore(t, s, people)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, b
}

// openDamaged writes b to a new file and opens it; it returns the error.
func openDamaged(t testing.TB, b []byte, opts ...embedded.Option) (*embedded.Store, string, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := embedded.Open(path, opts...)
	return s, path, err
}

// wantDamaged fails unless err wraps ErrDamaged, names path and says want.
func wantDamaged(t *testing.T, err error, path, want string) {
	t.Helper()
	if !errors.Is(err, embedded.ErrDamaged) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v; want ErrDamaged naming %s and saying %q", err, path, want)
	}
}

// TestOpenRefusesEmptyAndForeignFiles: bbolt made a 0-byte file a fresh,
// empty store without a word, and adopted another program's bbolt file.
func TestOpenRefusesEmptyAndForeignFiles(t *testing.T) {
	_, path, err := openDamaged(t, []byte{})
	wantDamaged(t, err, path, "empty (0 bytes)")
	if fi, _ := os.Stat(path); fi.Size() != 0 {
		t.Errorf("the empty file was written to: %d bytes", fi.Size())
	}

	_, path, err = openDamaged(t, bytes.Repeat([]byte("name,email\nAnn,ann@example.org\n"), 500))
	wantDamaged(t, err, path, "not a netgraph store")

	path = filepath.Join(t.TempDir(), "other.db")
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bbolt.Tx) error { _, err := tx.CreateBucket([]byte("invoices")); return err }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = embedded.Open(path)
	wantDamaged(t, err, path, `another program (its buckets are "invoices")`)
}

// metaTxid returns the transaction id in the meta page at offset off.
func metaTxid(b []byte, off int) uint64 { return binary.LittleEndian.Uint64(b[off+16+48:]) }

// TestOpenRefusesLostCommit damages the newest of bbolt's two meta pages:
// bbolt silently opened the older one, losing the last acknowledged tie. Open
// refuses unless the operator accepts the loss; accepted, it repairs the
// record.
func TestOpenRefusesLostCommit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	s := embeddedtest.MustOpen(t, path)
	ctx := t.Context()
	a, _ := s.CreatePerson(ctx, netgraph.PersonCreate{Name: "Ann"})
	b, _ := s.CreatePerson(ctx, netgraph.PersonCreate{Name: "Ben"})
	if _, err := s.Connect(ctx, netgraph.TieCreate{From: a.ID, To: b.ID}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	newest, older := 0, page
	if metaTxid(good, page) > metaTxid(good, 0) {
		newest, older = page, 0
	}
	for name, off := range map[string]int{"FlippedChecksum": newest + 16 + 20, "Zeroed": -1} {
		t.Run(name, func(t *testing.T) {
			bad := bytes.Clone(good)
			if off < 0 {
				clear(bad[newest : newest+page])
			} else {
				bad[off] ^= 0x40
			}
			_, path, err := openDamaged(t, bad)
			wantDamaged(t, err, path, "newest commit record may be lost")
			t.Log(err)

			s, _, err := openDamaged(t, bad, embedded.WithAcceptRollback(true))
			if err != nil {
				t.Fatalf("with the rollback accepted: %v", err)
			}
			ties, err := s.TiesByPerson(ctx, []string{a.ID})
			if err != nil || len(ties[0]) != 0 {
				t.Errorf("ties after the rollback: %v, %v; want none (the tie was the lost commit)", ties, err)
			}
			s.Close()
		})
	}
	// The older meta page damaged: nothing is lost, and Open says nothing.
	bad := bytes.Clone(good)
	bad[older+16+20] ^= 0x40
	s, path, err = openDamaged(t, bad)
	if err != nil {
		t.Fatalf("older meta page damaged: %v", err)
	}
	if ties, err := s.TiesByPerson(ctx, []string{a.ID}); err != nil || len(ties[0]) != 1 {
		t.Errorf("ties: %v, %v; want the one", ties, err)
	}
	s.Close()
	// And it was repaired: both pages valid again.
	if _, err := embedded.Open(path, embedded.WithLockTimeout(0)); err != nil {
		t.Errorf("reopening: %v", err)
	}
}

// TestOpenRefusesFlippedValue flips one byte of a person's name on disk: the
// value's checksum finds it, where before the wrong name was served.
func TestOpenRefusesFlippedValue(t *testing.T) {
	_, good := damagedFile(t, 50)
	i := bytes.Index(good, []byte(controlName))
	if i < 0 {
		t.Fatal("the control person's name is not in the file")
	}
	bad := bytes.Clone(good)
	bad[i+3] ^= 0x01
	_, path, err := openDamaged(t, bad)
	wantDamaged(t, err, path, "checksum mismatch")
	t.Log(err)
}

// TestOpenRefusesTruncatedFile cuts the file in half.
func TestOpenRefusesTruncatedFile(t *testing.T) {
	_, good := damagedFile(t, 300)
	_, path, err := openDamaged(t, good[:len(good)/2])
	wantDamaged(t, err, path, "truncated")
	t.Log(err)
}

// TestOpenMigratesSchema1 opens a file written before values had checksums.
func TestOpenMigratesSchema1(t *testing.T) {
	path, _ := damagedFile(t, 300)
	if err := embedded.Unseal(path); err != nil {
		t.Fatal(err)
	}
	s := embeddedtest.MustOpen(t, path)
	l, err := s.People(t.Context(), netgraph.PersonFilter{NameContains: controlName}, netgraph.Page{})
	if err != nil || l.TotalCount != 1 {
		t.Fatalf("after migration: %v, %v", l, err)
	}
	if n, err := s.ReadGraph(t.Context(), func(netgraph.Record) error { return nil }); err != nil {
		t.Fatalf("ReadGraph after migration: %v (version %d)", err, n)
	}
}

// damage applies one kind of damage to a copy of file: op picks truncation,
// flipped bytes, a zeroed page or a run of junk bytes, at offset off.
func damage(file []byte, op uint8, off uint32, n uint16, val byte) []byte {
	b := bytes.Clone(file)
	if len(b) == 0 {
		return b
	}
	at := int(off) % len(b)
	switch op % 4 {
	case 0:
		return b[:at]
	case 1:
		for i := range int(n%16) + 1 {
			if at+i < len(b) {
				b[at+i] ^= val | 1
			}
		}
	case 2:
		page := at / 4096 * 4096
		clear(b[page:min(page+4096, len(b))])
	case 3:
		for i := range int(n % 512) {
			if at+i < len(b) {
				b[at+i] = val
			}
		}
	}
	return b
}

// useDamaged opens b and, if that succeeds, reads everything the store
// reads from its file. Nothing may panic or fault; errors are fine.
func useDamaged(t testing.TB, b []byte) {
	s, path, err := openDamaged(t, b, embedded.WithLockTimeout(0))
	if err != nil {
		if !errors.Is(err, embedded.ErrDamaged) && !strings.Contains(err.Error(), path) {
			t.Fatalf("Open failed without naming the file: %v", err)
		}
		return
	}
	defer s.Close()
	ctx := context.Background()
	_, _ = s.ReadGraph(ctx, func(netgraph.Record) error { return nil })
	_, _ = s.AuditEntries(ctx, netgraph.AuditFilter{}, netgraph.Page{First: netgraph.MaxPageSize})
	_, _ = s.AuditEntries(ctx, netgraph.AuditFilter{Operation: netgraph.OpConnect}, netgraph.Page{})
	l, err := s.People(ctx, netgraph.PersonFilter{}, netgraph.Page{First: 3})
	if err == nil && len(l.Items) > 0 {
		_, _ = s.TiesByPerson(ctx, []string{l.Items[0].ID})
		_, _ = s.UpdatePerson(ctx, l.Items[0].ID, netgraph.PersonUpdate{Title: new("Checked")})
	}
}

// TestOpenDamagedPages zeroes, and then scrambles, each page of a real file
// in turn, and truncates it at each page: Open refuses or serves, but never
// panics or faults (a SIGSEGV would end the test binary).
func TestOpenDamagedPages(t *testing.T) {
	_, good := damagedFile(t, 200)
	pages := len(good) / 4096
	for p := range pages {
		useDamaged(t, damage(good, 2, uint32(p*4096), 0, 0))
		useDamaged(t, damage(good, 3, uint32(p*4096+100), 300, 0xA5))
		useDamaged(t, damage(good, 0, uint32(p*4096+2048), 0, 0))
	}
	t.Logf("%d pages, each zeroed, scrambled and cut", pages)
}

// FuzzOpenDamaged opens damaged copies of a real store file: truncated, with
// flipped bytes, zeroed pages or junk written over them. Nothing may panic or
// fault. CI runs it briefly (.ci/fuzz-store.sh).
func FuzzOpenDamaged(f *testing.F) {
	_, good := damagedFile(f, 150)
	for _, seed := range []struct {
		op  uint8
		off uint32
		n   uint16
		val byte
	}{
		{0, uint32(len(good) / 2), 0, 0}, {1, 4096 + 16 + 20, 1, 0x40}, {2, 4096 * 2, 0, 0},
		{2, 4096 * 3, 0, 0}, {3, 4096*4 + 64, 200, 0xFF}, {1, uint32(len(good) - 100), 8, 0x80},
	} {
		f.Add(seed.op, seed.off, seed.n, seed.val)
	}
	f.Fuzz(func(t *testing.T, op uint8, off uint32, n uint16, val byte) {
		useDamaged(t, damage(good, op, off, n, val))
	})
}
