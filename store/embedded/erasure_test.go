package embedded_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// The canary is the person erased in these tests; every one of its values
// is unlike anything else in the file, so that finding it in the file's bytes
// means the erasure left it there.
var canary = netgraph.Person{ID: "per_canary", ExternalID: "ext-Erasure-Canary-8417",
	Name: "Zyxwvut-Erasure-Canary", Email: "canary@erasure.example", Title: "Canary-Title-Plokij",
	Interests: []string{"Canary-Interest-Qwerty", "Canary-Interest-Asdfgh"}}

// canaryTraces are the canary's values searched for in the file.
func canaryTraces() []string {
	return append([]string{canary.ExternalID, canary.Name, canary.Email, canary.Title, canaryDismissalReason}, canary.Interests...)
}

// canaryDismissalReason is the reason of a dismissed introduction of the
// canary: facilitators' free text about them, erased with them.
const canaryDismissalReason = "Canary-Dismissal-Reason-Lkjhg"

// controlName is the name of a person who is not erased: finding it proves
// that the scan of the file finds what is there.
const controlName = "Control-Person-Mnbvcx"

// fillStore gives the store at path n people (the canary among them, and the
// control), each tied to a few others, an organisation and a network with
// the canary in them, written by many transactions so that the file's pages
// have been freed and reused as in use. It returns the people's ids.
func fillStore(t testing.TB, s *embedded.Store, n int) []string {
	t.Helper()
	ctx := t.Context()
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("per_%06d", i)
	}
	const batch = 100
	for lo := 0; lo < n; lo += batch {
		var recs []netgraph.Record
		for i := lo; i < min(lo+batch, n); i++ {
			p := &netgraph.Person{ID: ids[i], ExternalID: fmt.Sprintf("staff-%d", i), Name: fmt.Sprintf("Person %d", i),
				Email: fmt.Sprintf("person%d@example.org", i), Interests: []string{"Falls", "Sepsis"}, Consent: true,
				CreatedAt: now, UpdatedAt: now}
			if i == n/3 {
				p.Name = controlName
			}
			recs = append(recs, netgraph.Record{Person: p})
		}
		// Ties to people of this and earlier batches.
		for i := lo; i < min(lo+batch, n); i++ {
			for _, j := range []int{i - 1, i - 7, i / 2} {
				if j >= 0 && j != i {
					recs = append(recs, netgraph.Record{Tie: &netgraph.Tie{From: ids[i], To: ids[j], Kind: netgraph.TieKnows,
						Strength: 1, Since: now}})
				}
			}
		}
		if err := s.Import(ctx, recs); err != nil {
			t.Fatal(err)
		}
	}
	// The canary, by the mutations a user would make.
	c := canary
	c.ID = ""
	p, err := s.CreatePerson(ctx, netgraph.PersonCreate{ExternalID: c.ExternalID, Name: c.Name, Email: c.Email,
		Title: c.Title, Interests: c.Interests, Consent: new(true)})
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range []int{0, n / 2, n - 1} {
		if _, err := s.Connect(ctx, netgraph.TieCreate{From: p.ID, To: ids[j], Kind: netgraph.TieCollaborates}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DismissIntroduction(ctx, netgraph.DismissalCreate{A: p.ID, B: ids[1], Reason: canaryDismissalReason}); err != nil {
		t.Fatal(err)
	}
	org, err := s.CreateOrganisation(ctx, netgraph.OrganisationCreate{Name: "Canary Trust"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddAffiliation(ctx, netgraph.Affiliation{PersonID: p.ID, OrganisationID: org.ID, Role: "Canary-Role-Zxcvb"}); err != nil {
		t.Fatal(err)
	}
	net, err := s.CreateNetwork(ctx, netgraph.NetworkCreate{Name: "Canary Network", Type: netgraph.NetworkTypes[0]})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMembership(ctx, netgraph.Membership{PersonID: p.ID, NetworkID: net.ID}); err != nil {
		t.Fatal(err)
	}
	return append(ids, p.ID)
}

// fileHolds returns which of strs the file at path holds, byte for byte.
func fileHolds(t *testing.T, path string, strs ...string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	found := make(map[string]bool)
	for _, s := range strs {
		if bytes.Contains(b, []byte(s)) {
			found[s] = true
		}
	}
	return found
}

// canaryID returns the id the canary was given in s.
func canaryID(t *testing.T, s *embedded.Store) string {
	t.Helper()
	l, err := s.People(t.Context(), netgraph.PersonFilter{NameContains: canary.Name}, netgraph.Page{})
	if err != nil || len(l.Items) != 1 {
		t.Fatalf("finding the canary: %v, %v", l, err)
	}
	return l.Items[0].ID
}

// TestErasureLeavesNoTraceInFile erases a person from a store of 2,000 and
// reads the file's bytes at once, with no write after the erasure to reuse
// the freed pages: none of the person's values may be there. Without the
// compaction they are, which shows that the scan finds them, until the next
// Open finishes the erasure.
func TestErasureLeavesNoTraceInFile(t *testing.T) {
	for _, tc := range []struct {
		name       string
		compaction bool
	}{
		{"Compaction", true},
		{"WithoutCompaction", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "netgraph.db")
			s := embeddedtest.MustOpen(t, path)
			fillStore(t, s, 2000)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if got := fileHolds(t, path, canaryTraces()...); len(got) != len(canaryTraces()) {
				t.Fatalf("before the erasure the file holds only %v of the canary", got)
			}

			s = embeddedtest.MustOpen(t, path, embedded.WithErasureCompaction(tc.compaction))
			if err := s.DeletePerson(t.Context(), canaryID(t, s)); err != nil {
				t.Fatal(err)
			}
			found := fileHolds(t, path, append(canaryTraces(), controlName)...)
			if !found[controlName] {
				t.Fatalf("the file does not hold %q, who was not erased: the scan is broken", controlName)
			}
			delete(found, controlName)
			switch {
			case tc.compaction && len(found) > 0:
				t.Errorf("after DeletePerson the file still holds the erased person's %v", found)
			case !tc.compaction && len(found) == 0:
				t.Errorf("without compaction the file holds none of the erased person's values; " +
					"the test no longer shows that compaction is needed")
			}
			if _, err := s.Person(t.Context(), "per_000001"); err != nil {
				t.Errorf("a person after the erasure: %v", err)
			}
			if tc.compaction {
				return
			}
			// The file records the erasure as unfinished: the next Open
			// finishes it.
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			embeddedtest.MustOpen(t, path, embedded.WithErasureCompaction(false))
			if got := fileHolds(t, path, append(canaryTraces(), controlName)...); len(got) != 1 || !got[controlName] {
				t.Errorf("after reopening the file holds %v; want only the control", got)
			}
		})
	}
}

// TestCompactRemovesReplacedValues checks what the documentation of
// UpdatePerson promises: a replaced e-mail address is gone from the file
// after Compact.
func TestCompactRemovesReplacedValues(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	s := embeddedtest.MustOpen(t, path)
	ids := fillStore(t, s, 500)
	const oldEmail, newEmail = "old-address-wsxedc@erasure.example", "new-address-rfvtgb@erasure.example" // as the store keeps them, lower case
	ctx := t.Context()
	if _, err := s.UpdatePerson(ctx, ids[10], netgraph.PersonUpdate{Email: new(oldEmail)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdatePerson(ctx, ids[10], netgraph.PersonUpdate{Email: new(newEmail)}); err != nil {
		t.Fatal(err)
	}
	t.Logf("after UpdatePerson the file holds %v", fileHolds(t, path, oldEmail, newEmail))
	before := fileSize(t, path)
	if err := s.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if got := fileHolds(t, path, oldEmail, newEmail); got[oldEmail] || !got[newEmail] {
		t.Errorf("after Compact the file holds %v; want only the new address", got)
	}
	t.Logf("file %d bytes before Compact, %d after", before, fileSize(t, path))
	p, err := s.Person(ctx, ids[10])
	if err != nil || p.Email != newEmail {
		t.Errorf("person after Compact: %v, %v", p, err)
	}
	// The store goes on writing to the compacted file.
	if _, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: "After Compact"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Compact(ctx); netgraph.ErrorCode(err) != netgraph.EUNAVAILABLE {
		t.Errorf("Compact after Close: %v; want EUNAVAILABLE", err)
	}
	s = embeddedtest.MustOpen(t, path)
	if l, err := s.People(ctx, netgraph.PersonFilter{NameContains: "After Compact"}, netgraph.Page{}); err != nil || l.TotalCount != 1 {
		t.Errorf("a person created after Compact, after reopening: %v, %v", l, err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestErasureWithConcurrentReaders erases people while readers of the index
// and of the file (ReadGraph, AuditEntries) run and a writer writes: no
// reader may fail or see a closed file. Run it with -race.
func TestErasureWithConcurrentReaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	s := embeddedtest.MustOpen(t, path)
	ids := fillStore(t, s, 300)
	ctx := t.Context()
	const erasers, erasuresEach, readers = 3, 4, 4

	var readersDone, writersDone sync.WaitGroup
	stop := make(chan struct{})
	for r := range readers {
		readersDone.Go(func() {
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				people := 0
				if _, err := s.ReadGraph(ctx, func(rec netgraph.Record) error {
					if rec.Person != nil {
						people++
					}
					return nil
				}); err != nil {
					t.Errorf("reader %d: ReadGraph: %v", r, err)
					return
				}
				if people == 0 {
					t.Errorf("reader %d: ReadGraph streamed no people", r)
				}
				if _, err := s.AuditEntries(ctx, netgraph.AuditFilter{}, netgraph.Page{First: 5}); err != nil {
					t.Errorf("reader %d: AuditEntries: %v", r, err)
					return
				}
				if _, err := s.AuditEntries(ctx, netgraph.AuditFilter{Operation: netgraph.OpDeletePerson}, netgraph.Page{First: 5}); err != nil {
					t.Errorf("reader %d: AuditEntries filtered: %v", r, err)
					return
				}
				if _, err := s.People(ctx, netgraph.PersonFilter{}, netgraph.Page{First: 20}); err != nil {
					t.Errorf("reader %d: People: %v", r, err)
					return
				}
				if _, err := s.TiesByPerson(ctx, ids[:10]); err != nil {
					t.Errorf("reader %d: TiesByPerson: %v", r, err)
					return
				}
				if err := s.Ping(ctx); err != nil {
					t.Errorf("reader %d: Ping: %v", r, err)
					return
				}
			}
		})
	}
	for e := range erasers {
		writersDone.Go(func() {
			for i := range erasuresEach {
				if err := s.DeletePerson(ctx, ids[50+e*erasuresEach+i]); err != nil {
					t.Errorf("eraser %d: DeletePerson: %v", e, err)
				}
			}
		})
	}
	writersDone.Go(func() {
		for i := range 20 {
			if _, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: fmt.Sprintf("Newcomer %d", i)}); err != nil {
				t.Errorf("writer: CreatePerson: %v", err)
			}
		}
		if err := s.Compact(ctx); err != nil {
			t.Errorf("Compact: %v", err)
		}
	})
	writersDone.Wait()
	close(stop)
	readersDone.Wait()

	want := len(ids) - erasers*erasuresEach + 20
	people := 0
	if _, err := s.ReadGraph(ctx, func(rec netgraph.Record) error {
		if rec.Person != nil {
			people++
		}
		return nil
	}); err != nil || people != want {
		t.Errorf("ReadGraph after the erasures: %d people, %v; want %d", people, err, want)
	}
	if l, err := s.People(ctx, netgraph.PersonFilter{}, netgraph.Page{First: 1}); err != nil || l.TotalCount != want {
		t.Errorf("People after the erasures: %v, %v; want %d", l, err, want)
	}
}

// TestOpenRemovesLeftoverCompaction opens a store whose compaction was cut
// short, leaving its half-written new file: Open removes it and serves the
// file at path.
func TestOpenRemovesLeftoverCompaction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	s := embeddedtest.MustOpen(t, path)
	p, err := s.CreatePerson(t.Context(), netgraph.PersonCreate{Name: "Ann"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	leftover := embedded.CompactTempPath(path)
	if err := os.WriteFile(leftover, good[:len(good)/2], 0o600); err != nil {
		t.Fatal(err)
	}

	s = embeddedtest.MustOpen(t, path)
	if _, err := os.Stat(leftover); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the leftover compaction file is still there: %v", err)
	}
	if got, err := s.Person(t.Context(), p.ID); err != nil || got.Name != "Ann" {
		t.Errorf("person after Open: %v, %v", got, err)
	}
}

// TestOpenFinishesErasure makes an erasure's compaction fail (its new file's
// path is taken by a directory): DeletePerson reports it, the person is gone
// from the store but not from the file, and the store goes on working; the
// next Open, once the path is free, finishes the erasure.
func TestOpenFinishesErasure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	s := embeddedtest.MustOpen(t, path)
	fillStore(t, s, 300)
	ctx := t.Context()
	id := canaryID(t, s)
	blocker := embedded.CompactTempPath(path)
	if err := os.MkdirAll(filepath.Join(blocker, "in-the-way"), 0o700); err != nil {
		t.Fatal(err)
	}

	err := s.DeletePerson(ctx, id)
	if err == nil {
		t.Fatal("DeletePerson succeeded though its compaction could not")
	}
	t.Log(err)
	if !errors.Is(err, netgraph.ErrErasedNotCompacted) {
		t.Errorf("DeletePerson's error does not wrap ErrErasedNotCompacted: %v", err)
	}
	if !strings.Contains(err.Error(), "is erased") || !strings.Contains(err.Error(), id) {
		t.Errorf("DeletePerson's error does not say that %s is erased: %v", id, err)
	}
	// Before any other write, which could reuse the freed pages.
	if got := fileHolds(t, path, canary.Name); !got[canary.Name] {
		t.Fatal("the file no longer holds the canary though the compaction failed; the test shows nothing")
	}
	if _, err := s.Person(ctx, id); netgraph.ErrorCode(err) != netgraph.ENOTFOUND {
		t.Errorf("the person after the failed compaction: %v; want ENOTFOUND", err)
	}
	if _, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: "Still writable"}); err != nil {
		t.Errorf("a write after the failed compaction: %v", err)
	}
	if _, err := s.ReadGraph(ctx, func(netgraph.Record) error { return nil }); err != nil {
		t.Errorf("ReadGraph after the failed compaction: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	if err := os.RemoveAll(blocker); err != nil {
		t.Fatal(err)
	}
	s = embeddedtest.MustOpen(t, path)
	if got := fileHolds(t, path, append(canaryTraces(), controlName)...); len(got) != 1 || !got[controlName] {
		t.Errorf("after reopening the file holds %v; want only the control", got)
	}
	if l, err := s.People(ctx, netgraph.PersonFilter{NameContains: "Still writable"}, netgraph.Page{}); err != nil || l.TotalCount != 1 {
		t.Errorf("the write after the failed compaction, after reopening: %v, %v", l, err)
	}
}

// TestCompactFinishesErasure is TestOpenFinishesErasure with the erasure
// finished by Compact (netgraph compact) rather than by the next Open; and
// an unrelated failure of DeletePerson does not claim an erasure.
func TestCompactFinishesErasure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	s := embeddedtest.MustOpen(t, path)
	fillStore(t, s, 100)
	ctx := t.Context()
	id := canaryID(t, s)
	blocker := embedded.CompactTempPath(path)
	if err := os.MkdirAll(filepath.Join(blocker, "in-the-way"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePerson(ctx, id); !errors.Is(err, netgraph.ErrErasedNotCompacted) {
		t.Fatalf("DeletePerson with a failing compaction: %v; want ErrErasedNotCompacted", err)
	}
	if err := s.DeletePerson(ctx, id); netgraph.ErrorCode(err) != netgraph.ENOTFOUND || errors.Is(err, netgraph.ErrErasedNotCompacted) {
		t.Errorf("DeletePerson again: %v; want ENOTFOUND alone", err)
	}
	if got := fileHolds(t, path, canary.Name); !got[canary.Name] {
		t.Fatal("the file no longer holds the canary though the compaction failed; the test shows nothing")
	}
	if err := s.Compact(ctx); err == nil {
		t.Error("Compact succeeded with its path blocked")
	}
	if err := os.RemoveAll(blocker); err != nil {
		t.Fatal(err)
	}
	if err := s.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if got := fileHolds(t, path, append(canaryTraces(), controlName)...); len(got) != 1 || !got[controlName] {
		t.Errorf("after Compact the file holds %v; want only the control", got)
	}
}

// TestLockAfterCompaction checks that the compacted file is locked as the
// old one was: a second Open fails fast, and an Open that was waiting for
// the old file's lock when the compaction replaced it does not take the old
// file (which would leave two stores writing, one to a deleted file) but
// goes on waiting for the new one.
func TestLockAfterCompaction(t *testing.T) {
	t.Run("SecondOpenFailsFast", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "netgraph.db")
		s := embeddedtest.MustOpen(t, path)
		p, err := s.CreatePerson(t.Context(), netgraph.PersonCreate{Name: "Ann"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeletePerson(t.Context(), p.ID); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if s2, err := embedded.Open(path); err == nil {
			s2.Close()
			t.Fatal("second Open of the compacted file succeeded")
		} else if !errors.Is(err, embedded.ErrLocked) {
			t.Errorf("second Open: %v; want ErrLocked", err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("second Open took %s; want about a second", d)
		}
	})
	t.Run("OpenWaitingDuringCompaction", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "netgraph.db")
		s := embeddedtest.MustOpen(t, path)
		p, err := s.CreatePerson(t.Context(), netgraph.PersonCreate{Name: "Ann"})
		if err != nil {
			t.Fatal(err)
		}
		const wait = 2 * time.Second
		done := make(chan error, 1)
		go func() {
			s2, err := embedded.Open(path, embedded.WithLockTimeout(wait))
			if err == nil {
				s2.Close()
			}
			done <- err
		}()
		time.Sleep(300 * time.Millisecond) // the second Open is waiting for the old file's lock
		if err := s.DeletePerson(t.Context(), p.ID); err != nil {
			t.Fatal(err)
		}
		if err := <-done; !errors.Is(err, embedded.ErrLocked) {
			t.Errorf("an Open waiting during the compaction: %v; want ErrLocked", err)
		}
		if _, err := s.CreatePerson(t.Context(), netgraph.PersonCreate{Name: "Bob"}); err != nil {
			t.Errorf("write after the waiting Open gave up: %v", err)
		}
	})
}

// erasureChildEnv names the store file an erasure crash child erases from;
// when it is not set, TestErasureCrashChild does nothing.
const erasureChildEnv = "NETGRAPH_ERASURE_CHILD_STORE"

// TestErasureCrashChild is the child process of TestErasureCrashSafety: it
// erases the store's people one by one until it is killed, printing "D id"
// after the store has acknowledged each erasure.
func TestErasureCrashChild(t *testing.T) {
	s := openChildStore(t, erasureChildEnv)
	ctx := t.Context()
	var ids []string
	_, err := s.ReadGraph(ctx, func(r netgraph.Record) error {
		if r.Person != nil {
			ids = append(ids, r.Person.ID)
		}
		return nil
	})
	childCheck(err)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	for _, id := range ids {
		childCheck(s.DeletePerson(ctx, id))
		fmt.Println("D", id)
	}
	time.Sleep(30 * time.Second) // until the parent kills it, or it gives up
}

// TestErasureCrashSafety kills a process that is erasing people (SIGKILL, at
// a random moment: mostly during a compaction, which is most of an
// erasure's time) and checks, after each kill, that the store opens, that
// every acknowledged erasure is done, that no leftover compaction file
// remains, and that no person missing from the store has a trace in the
// file, whether their erasure was acknowledged or cut short.
func TestErasureCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	path := filepath.Join(t.TempDir(), "erasure.db")
	s := embeddedtest.MustOpen(t, path)
	const n = 400
	ids := fillStore(t, s, n)[:n] // without the canary, who has no e-mail of the pattern below
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	email := func(i int) string { return fmt.Sprintf("person%d@example.org", i) }

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 4))
	erased := make(map[string]bool)
	leftovers, finished := 0, 0
	for round := range 6 {
		record := func(line string) {
			switch f := strings.Fields(line); {
			case len(f) == 2 && f[0] == "D":
				erased[f[1]] = true
			case len(f) > 0 && f[0] == "ERROR":
				t.Errorf("child: %s", line)
			}
		}
		killChild(t, "TestErasureCrashChild", erasureChildEnv, path, 1+rng.IntN(5),
			time.Duration(rng.IntN(20_000))*time.Microsecond, record)

		if _, err := os.Stat(embedded.CompactTempPath(path)); err == nil {
			leftovers++
		}
		var log bytes.Buffer
		s, err := embedded.Open(path, embedded.WithLogger(zerolog.New(&log)))
		if err != nil {
			t.Fatalf("round %d: open after the crash: %v", round, err)
		}
		if strings.Contains(log.String(), "finishing an erasure") {
			finished++
		}
		if _, err := os.Stat(embedded.CompactTempPath(path)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("round %d: the leftover compaction file is still there after Open: %v", round, err)
		}
		present := make(map[string]bool)
		if _, err := s.ReadGraph(t.Context(), func(r netgraph.Record) error {
			switch {
			case r.Person != nil:
				present[r.Person.ID] = true
			case r.Tie != nil && (!present[r.Tie.From] || !present[r.Tie.To]):
				t.Errorf("round %d: tie %s–%s refers to a person who is not stored", round, r.Tie.From, r.Tie.To)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			switch {
			case erased[id] && present[id]:
				t.Errorf("round %d: acknowledged erasure of %s lost", round, id)
			case !present[id] && bytes.Contains(b, []byte(email(i))):
				t.Errorf("round %d: %s is not in the store, but their e-mail is in the file", round, id)
			case present[id] && !bytes.Contains(b, []byte(email(i))):
				t.Errorf("round %d: %s is in the store, but their e-mail is not in the file: the scan is broken", round, id)
			}
		}
		t.Logf("round %d: %d erasures acknowledged, %d people left", round, len(erased), len(present))
	}
	t.Logf("%d kills left a compaction file behind; after %d, Open finished an erasure", leftovers, finished)
}
