package embedded_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded"
)

// crashChildEnv names the store file a crash child writes to; when it is not
// set, TestCrashChild does nothing.
const crashChildEnv = "NETGRAPH_CRASH_CHILD_STORE"

// TestCrashChild is the child process of TestCrashSafety: it creates people
// and ties until it is killed, printing each one after the store has
// acknowledged it: "P id" for a person, "T from to kind" for a tie.
func TestCrashChild(t *testing.T) {
	s := openChildStore(t, crashChildEnv)
	ctx := t.Context()
	var people []string
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	// Stop on its own in case the parent never kills it.
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		p, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: fmt.Sprintf("Person %d", len(people))})
		childCheck(err)
		fmt.Println("P", p.ID)
		if len(people) > 0 {
			tie, err := s.Connect(ctx, netgraph.TieCreate{From: p.ID, To: people[rng.IntN(len(people))],
				Kind: netgraph.TieKinds[rng.IntN(len(netgraph.TieKinds))]})
			childCheck(err)
			fmt.Println("T", tie.From, tie.To, tie.Kind)
		}
		people = append(people, p.ID)
	}
	s.Close()
}

// TestCrashSafety kills a process that is writing to the store (SIGKILL, at a
// random moment) and checks that every write it acknowledged survived and
// that the store is consistent; several times over the same file.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 2))

	people := make(map[string]bool)
	var ties []netgraph.TieKey
	acks := 0
	record := func(line string) {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "P":
			people[f[1]] = true
			acks++
		case len(f) == 4 && f[0] == "T":
			ties = append(ties, netgraph.NewTieKey(f[1], f[2], netgraph.TieKind(f[3])))
			acks++
		case len(f) > 0 && f[0] == "ERROR":
			t.Errorf("child: %s", line)
		}
	}

	for round := range 4 {
		// Kill it at a random moment after some writes, mid-write as likely as not.
		killChild(t, "TestCrashChild", crashChildEnv, path, 50+rng.IntN(200),
			time.Duration(rng.IntN(2000))*time.Microsecond, record)
		t.Logf("round %d: %d acknowledged writes so far", round, acks)
		checkAfterCrash(t, path, people, ties, acks)
	}
}

// checkAfterCrash opens the store and checks that it holds every acknowledged
// person and tie, that every tie's people exist, and that the data version
// counts exactly the writes the file holds (each write added one record).
func checkAfterCrash(t *testing.T, path string, people map[string]bool, ties []netgraph.TieKey, acks int) {
	t.Helper()
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatalf("reopen after crash: %v", err)
	}
	defer s.Close()
	ctx := t.Context()

	stored := make(map[string]bool)
	storedTies := make(map[netgraph.TieKey]bool)
	v, err := s.ReadGraph(ctx, func(r netgraph.Record) error {
		switch {
		case r.Person != nil:
			stored[r.Person.ID] = true
		case r.Tie != nil:
			if !stored[r.Tie.From] || !stored[r.Tie.To] {
				t.Errorf("tie %s–%s refers to a person who is not stored", r.Tie.From, r.Tie.To)
			}
			storedTies[r.Tie.Key()] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id := range people {
		if !stored[id] {
			t.Errorf("acknowledged person %s lost", id)
		}
	}
	for _, k := range ties {
		if !storedTies[k] {
			t.Errorf("acknowledged tie %v lost", k)
		}
	}
	if v < uint64(acks) || v != uint64(len(stored)+len(storedTies)) {
		t.Errorf("version %d; want at least %d acknowledged writes and exactly %d, one per stored record",
			v, acks, len(stored)+len(storedTies))
	}
	// The index agrees with the file.
	ids := make([]string, 0, len(stored))
	for id := range stored {
		ids = append(ids, id)
	}
	got, err := s.PeopleByID(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range got {
		if p == nil {
			t.Errorf("person %s streamed but not readable", ids[i])
		}
	}
	l, err := s.People(ctx, netgraph.PersonFilter{}, netgraph.Page{First: 1})
	if err != nil || l.TotalCount != len(stored) {
		t.Errorf("People total %v, %v; want %d", l, err, len(stored))
	}
}
