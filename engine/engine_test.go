package engine_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// countingStore counts the reads the engine makes and can hold ReadGraph
// until gate is closed.
type countingStore struct {
	netgraph.Store
	graphReads atomic.Int32
	versions   atomic.Int32
	gate       chan struct{} // nil: ReadGraph does not wait
	reading    chan struct{} // if non-nil, receives a value when ReadGraph starts
}

func (s *countingStore) DataVersion(ctx context.Context) (uint64, error) {
	s.versions.Add(1)
	return s.Store.DataVersion(ctx)
}

func (s *countingStore) ReadGraph(ctx context.Context, fn func(netgraph.Record) error) (uint64, error) {
	s.graphReads.Add(1)
	if s.reading != nil {
		s.reading <- struct{}{}
	}
	if s.gate != nil {
		select {
		case <-s.gate:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return s.Store.ReadGraph(ctx, fn)
}

// world is a small graph built through the Store:
//
//	organisations: trust (ann, bob, cat, fay), library (dan, eve, fay)
//	networks: learning (ann LEAD, bob, cat, dan SPONSOR), advocacy (dan, eve, fay), empty
//	ties: ann–bob (COLLABORATES 5 and KNOWS 2), bob–cat, cat–ann, cat–dan, dan–eve, eve–fay; gus has none
type world struct {
	store                        netgraph.Store
	trust, library               string
	learning, advocacy, empty    string
	ann, bob, cat, dan, eve, fay string
	gus                          string
}

func newWorld(t *testing.T, s netgraph.Store) *world {
	t.Helper()
	ctx := t.Context()
	w := &world{store: s}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	org := func(name string) string {
		o, err := s.CreateOrganisation(ctx, netgraph.OrganisationCreate{Name: name, Sector: netgraph.SectorNHSTrust})
		must(err)
		return o.ID
	}
	net := func(name string) string {
		n, err := s.CreateNetwork(ctx, netgraph.NetworkCreate{Name: name, Type: netgraph.NetworkLearning})
		must(err)
		return n.ID
	}
	person := func(name string, interests ...string) string {
		p, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: name, Region: "Yorkshire", Interests: interests})
		must(err)
		return p.ID
	}
	w.trust, w.library = org("Leeds Trust"), org("City Library")
	w.learning, w.advocacy, w.empty = net("Learning"), net("Advocacy"), net("Empty")
	w.ann, w.bob, w.cat = person("Ann", "dementia"), person("Bob", "dementia"), person("Cat")
	w.dan, w.eve, w.fay = person("Dan", "literacy"), person("Eve"), person("Fay", "Literacy")
	w.gus = person("Gus")
	for _, a := range [][2]string{{w.ann, w.trust}, {w.bob, w.trust}, {w.cat, w.trust}, {w.fay, w.trust},
		{w.dan, w.library}, {w.eve, w.library}, {w.fay, w.library}} {
		_, err := s.AddAffiliation(ctx, netgraph.Affiliation{PersonID: a[0], OrganisationID: a[1]})
		must(err)
	}
	for _, m := range []netgraph.Membership{
		{PersonID: w.ann, NetworkID: w.learning, Role: netgraph.MembershipLead},
		{PersonID: w.bob, NetworkID: w.learning},
		{PersonID: w.cat, NetworkID: w.learning},
		{PersonID: w.dan, NetworkID: w.learning, Role: netgraph.MembershipSponsor},
		{PersonID: w.dan, NetworkID: w.advocacy},
		{PersonID: w.eve, NetworkID: w.advocacy},
		{PersonID: w.fay, NetworkID: w.advocacy},
	} {
		_, err := s.AddMembership(ctx, m)
		must(err)
	}
	for _, c := range []netgraph.TieCreate{
		{From: w.ann, To: w.bob, Kind: netgraph.TieCollaborates, Strength: new(5.0)},
		{From: w.bob, To: w.ann, Kind: netgraph.TieKnows, Strength: new(2.0)},
		{From: w.bob, To: w.cat},
		{From: w.cat, To: w.ann},
		{From: w.cat, To: w.dan},
		{From: w.dan, To: w.eve},
		{From: w.eve, To: w.fay},
	} {
		_, err := s.Connect(ctx, c)
		must(err)
	}
	return w
}

func ids(a *engine.Analysis) []string { return slices.Sorted(slices.Values(a.Snapshot.IDs())) }

func sorted(x ...string) []string { return slices.Sorted(slices.Values(x)) }

func TestAnalyse_Scopes(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	e := engine.New(w.store, engine.Options{})
	ctx := t.Context()

	t.Run("WholeGraph", func(t *testing.T) {
		a, err := e.Analyse(ctx, engine.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ids(a), sorted(w.ann, w.bob, w.cat, w.dan, w.eve, w.fay, w.gus); !slices.Equal(got, want) {
			t.Errorf("people %v, want %v", got, want)
		}
		if a.Snapshot.M() != 6 {
			t.Errorf("%d ties, want 6 (two kinds between ann and bob count once)", a.Snapshot.M())
		}
		if !a.Snapshot.Weighted() {
			t.Error("snapshot is not weighted")
		}
		// The strongest of ann and bob's ties is kept.
		u, _ := a.Snapshot.Index(w.ann)
		v, _ := a.Snapshot.Index(w.bob)
		i := slices.Index(a.Snapshot.Neighbors(u), int32(v))
		if s := a.Snapshot.Strengths(u)[i]; s != 5 {
			t.Errorf("ann–bob strength %v, want 5", s)
		}
		// Whole-graph roles are every membership role.
		d, _ := a.Snapshot.Index(w.dan)
		if got := a.Snapshot.Profile(d).Roles; !slices.Equal(sorted(got...), []string{"MEMBER", "SPONSOR"}) {
			t.Errorf("dan's roles %v, want MEMBER and SPONSOR", got)
		}
		f, _ := a.Snapshot.Index(w.fay)
		if got := a.Snapshot.Profile(f).Organisations; len(got) != 2 || got[0].Name == "" {
			t.Errorf("fay's organisations %v, want two with names", got)
		}
		// Introductions count a shared sector and region, and their
		// reasons name people.
		if p := a.Snapshot.Profile(f); !slices.Equal(p.Sectors, []string{"NHS trust"}) || p.Region != "Yorkshire" || p.Name != "Fay" {
			t.Errorf("fay's sectors %q, region %q, name %q; want NHS trust (both organisations), Yorkshire, Fay", p.Sectors, p.Region, p.Name)
		}
		if g, _ := a.Snapshot.Index(w.gus); !slices.Contains(a.Result.Isolated, g) {
			t.Errorf("gus is not isolated: %v", a.Result.Isolated)
		}
		if a.Version() == 0 || a.Result.Provenance.Version != a.Version() {
			t.Errorf("version %d, provenance %d", a.Version(), a.Result.Provenance.Version)
		}
		if !a.Result.Metrics.Has(analysis.AllMetrics) || a.Result.Sponsors == nil || a.Result.Introductions == nil {
			t.Errorf("metrics %v, sponsors %v, introductions %v: want everything", a.Result.Metrics, a.Result.Sponsors, a.Result.Introductions)
		}
		pm, ok := a.Person(w.cat)
		if !ok || pm.ID != w.cat || pm.Degree != 3 {
			t.Errorf("Person(cat) = %+v, %v; want degree 3", pm, ok)
		}
		members := 0
		for _, c := range a.Communities {
			members += len(c.MemberIDs)
			if len(c.MemberIDs) != c.Size {
				t.Errorf("community %d: %d ids for %d members", c.ID, len(c.MemberIDs), c.Size)
			}
		}
		if members != 7 {
			t.Errorf("communities hold %d people, want 7", members)
		}
		if p, ok := a.Person(w.ann); !ok || p.Community >= len(a.Communities) ||
			!slices.Contains(a.Communities[p.Community].MemberIDs, w.ann) {
			t.Errorf("ann's community %d does not list her: %+v", p.Community, a.Communities)
		}
	})

	t.Run("Network", func(t *testing.T) {
		a, err := e.Analyse(ctx, engine.Scope{NetworkID: w.learning})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ids(a), sorted(w.ann, w.bob, w.cat, w.dan); !slices.Equal(got, want) {
			t.Errorf("people %v, want %v", got, want)
		}
		if a.Snapshot.M() != 4 {
			t.Errorf("%d ties, want 4", a.Snapshot.M())
		}
		d, _ := a.Snapshot.Index(w.dan)
		if got := a.Snapshot.Profile(d).Roles; !slices.Equal(got, []string{"SPONSOR"}) {
			t.Errorf("dan's roles in the network %v, want [SPONSOR]", got)
		}
		if !slices.ContainsFunc(a.Result.SponsorRoleHolders, func(c analysis.RoleCandidate) bool { return c.Person == d }) {
			t.Error("dan, who holds the SPONSOR role, is not among the role holders")
		}
	})

	t.Run("EmptyNetwork", func(t *testing.T) {
		a, err := e.Analyse(ctx, engine.Scope{NetworkID: w.empty})
		if err != nil {
			t.Fatal(err)
		}
		if a.Snapshot.N() != 0 {
			t.Errorf("%d people, want 0", a.Snapshot.N())
		}
	})

	t.Run("Organisation", func(t *testing.T) {
		a, err := e.Analyse(ctx, engine.Scope{OrganisationID: w.trust})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ids(a), sorted(w.ann, w.bob, w.cat, w.fay); !slices.Equal(got, want) {
			t.Errorf("people %v, want %v", got, want)
		}
		if a.Snapshot.M() != 3 {
			t.Errorf("%d ties, want 3", a.Snapshot.M())
		}
	})

	t.Run("ErrUnknownScope", func(t *testing.T) {
		for _, tc := range []struct {
			scope engine.Scope
			field string
		}{
			{engine.Scope{NetworkID: "nope"}, "scope.networkId"},
			{engine.Scope{OrganisationID: "nope"}, "scope.organisationId"},
		} {
			_, err := e.Analyse(ctx, tc.scope)
			if netgraph.ErrorCode(err) != netgraph.ENOTFOUND || netgraph.ErrorField(err) != tc.field {
				t.Errorf("%s: %v; want ENOTFOUND on %s", tc.scope, err, tc.field)
			}
		}
	})

	t.Run("ErrBothScopes", func(t *testing.T) {
		_, err := e.Analyse(ctx, engine.Scope{NetworkID: w.learning, OrganisationID: w.trust})
		if netgraph.ErrorCode(err) != netgraph.EINVALID || netgraph.ErrorField(err) != "scope" {
			t.Errorf("%v; want EINVALID on scope", err)
		}
	})
}

func TestIntroductions(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	e := engine.New(w.store, engine.Options{})
	a, err := e.Analyse(t.Context(), engine.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	intros, err := a.Introductions(w.gus, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(intros) == 0 || intros[0].ForID != w.gus {
		t.Errorf("introductions for gus %+v; want some, from gus", intros)
	}

	learning, err := e.Analyse(t.Context(), engine.Scope{NetworkID: w.learning})
	if err != nil {
		t.Fatal(err)
	}
	_, err = learning.Introductions(w.eve, 3)
	if netgraph.ErrorCode(err) != netgraph.ENOTFOUND || netgraph.ErrorField(err) != "personId" {
		t.Errorf("eve is not in the learning network: %v; want ENOTFOUND on personId", err)
	}
}

func TestAnalyse_Cache(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	cs := &countingStore{Store: w.store}
	e := engine.New(cs, engine.Options{})
	ctx := t.Context()

	first, err := e.Analyse(ctx, engine.Scope{NetworkID: w.learning})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("Hit", func(t *testing.T) {
		again, err := e.Analyse(ctx, engine.Scope{NetworkID: w.learning})
		if err != nil {
			t.Fatal(err)
		}
		if again != first {
			t.Error("second call computed a new analysis")
		}
		if n := cs.graphReads.Load(); n != 1 {
			t.Errorf("%d graph reads, want 1", n)
		}
	})

	t.Run("OtherScopeSharesTheRead", func(t *testing.T) {
		if _, err := e.Analyse(ctx, engine.Scope{OrganisationID: w.library}); err != nil {
			t.Fatal(err)
		}
		if n := cs.graphReads.Load(); n != 1 {
			t.Errorf("%d graph reads, want 1 (one read per data version)", n)
		}
	})

	t.Run("RecomputeAfterWrite", func(t *testing.T) {
		if _, err := w.store.Connect(ctx, netgraph.TieCreate{From: w.ann, To: w.dan}); err != nil {
			t.Fatal(err)
		}
		after, err := e.Analyse(ctx, engine.Scope{NetworkID: w.learning})
		if err != nil {
			t.Fatal(err)
		}
		if after == first || after.Version() <= first.Version() {
			t.Errorf("version %d after a write, was %d; want a new analysis", after.Version(), first.Version())
		}
		if after.Snapshot.M() != 5 {
			t.Errorf("%d ties after connecting ann and dan, want 5", after.Snapshot.M())
		}
		if n := cs.graphReads.Load(); n != 2 {
			t.Errorf("%d graph reads, want 2", n)
		}
	})

	t.Run("Purge", func(t *testing.T) {
		before := cs.graphReads.Load()
		e.Purge()
		if _, err := e.Analyse(ctx, engine.Scope{NetworkID: w.learning}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Analyse(ctx, engine.Scope{OrganisationID: w.library}); err != nil {
			t.Fatal(err)
		}
		if n := cs.graphReads.Load() - before; n != 1 {
			t.Errorf("%d graph reads after Purge, want 1", n)
		}
	})
}

func TestAnalyse_MaxEntries(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	cs := &countingStore{Store: w.store}
	e := engine.New(cs, engine.Options{MaxEntries: 2})
	ctx := t.Context()
	analyse := func(s engine.Scope) *engine.Analysis {
		t.Helper()
		a, err := e.Analyse(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	learning := analyse(engine.Scope{NetworkID: w.learning})
	analyse(engine.Scope{NetworkID: w.advocacy})
	if analyse(engine.Scope{NetworkID: w.learning}) != learning { // now the most recently used
		t.Fatal("learning was not cached")
	}
	analyse(engine.Scope{}) // evicts advocacy, the least recently used
	if analyse(engine.Scope{NetworkID: w.learning}) != learning {
		t.Error("learning was evicted; want the least recently used (advocacy) to go")
	}
}

func TestAnalyse_Concurrent(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	const callers = 8
	cs := &countingStore{Store: w.store, gate: make(chan struct{})}
	e := engine.New(cs, engine.Options{})
	base := cs.versions.Load()

	var wg sync.WaitGroup
	results := make([]*engine.Analysis, callers)
	errs := make([]error, callers)
	for i := range callers {
		wg.Go(func() { results[i], errs[i] = e.Analyse(t.Context(), engine.Scope{NetworkID: w.learning}) })
	}
	// Every caller has asked for the version while the one computation is
	// held at its read; then let it go.
	for cs.versions.Load()-base < callers {
		time.Sleep(time.Millisecond)
	}
	close(cs.gate)
	wg.Wait()
	for i := range callers {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if results[i] != results[0] {
			t.Errorf("caller %d got a different analysis", i)
		}
	}
	if n := cs.graphReads.Load(); n != 1 {
		t.Errorf("%d graph reads for %d concurrent callers, want 1", n, callers)
	}
}

func TestAnalyse_CancelWaiting(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	cs := &countingStore{Store: w.store, gate: make(chan struct{}), reading: make(chan struct{}, 1)}
	e := engine.New(cs, engine.Options{})

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := e.Analyse(ctx, engine.Scope{})
		done <- err
	}()
	<-cs.reading // the computation has started and is held
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled caller got %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a cancelled caller is still waiting")
	}

	// The computation carried on for others: a patient caller gets it
	// without a second read.
	close(cs.gate)
	a, err := e.Analyse(t.Context(), engine.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Snapshot.N() != 7 {
		t.Errorf("%d people, want 7", a.Snapshot.N())
	}
	if n := cs.graphReads.Load(); n != 1 {
		t.Errorf("%d graph reads, want 1: the cancelled caller's computation should have been kept", n)
	}
}

func TestAnalyse_Timeout(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	cs := &countingStore{Store: w.store, gate: make(chan struct{})}
	defer close(cs.gate)
	e := engine.New(cs, engine.Options{Timeout: 20 * time.Millisecond})
	_, err := e.Analyse(t.Context(), engine.Scope{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the engine's timeout", err)
	}
}

func TestAnalyse_DeletedPerson(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	e := engine.New(w.store, engine.Options{})
	ctx := t.Context()
	scopes := []engine.Scope{{}, {NetworkID: w.learning}, {OrganisationID: w.trust}}
	for _, s := range scopes {
		if _, err := e.Analyse(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	// The erasure changes the data version, so every scope is recomputed
	// even before the engine is purged.
	if err := w.store.DeletePerson(ctx, w.cat); err != nil {
		t.Fatal(err)
	}
	for _, s := range scopes {
		a, err := e.Analyse(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if appears(a, w.cat) {
			t.Errorf("%s: the deleted person still appears", s)
		}
		if _, ok := a.Person(w.cat); ok {
			t.Errorf("%s: Person finds the deleted person", s)
		}
	}
	a, err := e.Analyse(ctx, engine.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Introductions(w.cat, 5); netgraph.ErrorCode(err) != netgraph.ENOTFOUND {
		t.Errorf("introductions for the deleted person: %v, want ENOTFOUND", err)
	}
}

// appears reports whether id is anywhere in a.
func appears(a *engine.Analysis, id string) bool {
	if slices.Contains(a.Snapshot.IDs(), id) {
		return true
	}
	for _, p := range a.Result.People {
		if p.ID == id {
			return true
		}
	}
	for _, c := range a.Communities {
		if slices.Contains(c.MemberIDs, id) {
			return true
		}
	}
	h := a.Health()
	if slices.Contains(h.ArticulationPoints, id) ||
		slices.ContainsFunc(h.Bridges, func(b [2]string) bool { return b[0] == id || b[1] == id }) {
		return true
	}
	return false
}
