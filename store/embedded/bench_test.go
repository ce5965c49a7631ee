package embedded_test

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded"
)

// The benchmark store: people, organisations, networks and ties in the
// proportions of a large regional deployment.
const (
	benchPeople        = 100_000
	benchTies          = 1_000_000
	benchOrganisations = 1_000
	benchNetworks      = 100
)

var benchStore struct {
	once sync.Once
	path string
	err  error
}

// benchStorePath returns a store file with the benchmark graph, built once and
// kept in the temporary directory between runs (delete it to rebuild).
func benchStorePath(b *testing.B) string {
	b.Helper()
	benchStore.once.Do(func() {
		benchStore.path = filepath.Join(os.TempDir(),
			fmt.Sprintf("netgraph-bench-v2-%dpeople-%dties.db", benchPeople, benchTies))
		if _, err := os.Stat(benchStore.path); err == nil {
			return
		}
		start := time.Now()
		benchStore.err = buildBenchStore(b.Context(), benchStore.path)
		b.Logf("built %s in %s", benchStore.path, time.Since(start).Round(time.Millisecond))
	})
	if benchStore.err != nil {
		b.Fatal(benchStore.err)
	}
	return benchStore.path
}

func benchPersonID(i int) string { return fmt.Sprintf("per_%08d", i) }

// buildBenchStore writes the benchmark graph with Import in large batches (one
// transaction each), into a temporary file renamed into place when complete.
func buildBenchStore(ctx context.Context, path string) error {
	tmp := path + ".building"
	os.Remove(tmp)
	s, err := embedded.Open(tmp)
	if err != nil {
		return err
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

	var batch []netgraph.Record
	flush := func(force bool) error {
		if len(batch) < 100_000 && !force {
			return nil
		}
		err := s.Import(ctx, batch)
		batch = batch[:0]
		return err
	}
	add := func(r netgraph.Record) error {
		batch = append(batch, r)
		return flush(false)
	}

	professions := []string{"Nursing", "Medicine", "Pharmacy", "Librarianship", "Social work", "Public health", "Management"}
	regions := []string{"North East", "North West", "Yorkshire", "Midlands", "East", "London", "South East", "South West"}
	interests := []string{"Diabetes", "Falls", "Sepsis", "Health literacy", "Dementia", "Stroke", "Frailty", "Data"}
	for i := range benchOrganisations {
		if err := add(netgraph.Record{Organisation: &netgraph.Organisation{ID: fmt.Sprintf("org_%06d", i),
			Name: fmt.Sprintf("Organisation %d", i), Sector: netgraph.Sectors[i%len(netgraph.Sectors)],
			Region: regions[i%len(regions)], CreatedAt: now, UpdatedAt: now}}); err != nil {
			return err
		}
	}
	for i := range benchNetworks {
		if err := add(netgraph.Record{Network: &netgraph.Network{ID: fmt.Sprintf("net_%06d", i),
			Name: fmt.Sprintf("Network %d", i), Type: netgraph.NetworkTypes[i%len(netgraph.NetworkTypes)],
			Region: regions[i%len(regions)], CreatedAt: now, UpdatedAt: now}}); err != nil {
			return err
		}
	}
	for i := range benchPeople {
		p := &netgraph.Person{ID: benchPersonID(i), ExternalID: fmt.Sprintf("staff-%d", i),
			Name: fmt.Sprintf("Person %d", i), Email: fmt.Sprintf("person%d@example.org", i),
			Title: "Lead", Profession: professions[rng.IntN(len(professions))], Region: regions[rng.IntN(len(regions))],
			Interests: []string{interests[rng.IntN(4)], interests[4+rng.IntN(4)]}, Consent: true, CreatedAt: now, UpdatedAt: now}
		if err := add(netgraph.Record{Person: p}); err != nil {
			return err
		}
	}
	for i := range benchPeople {
		for j := range 1 + rng.IntN(2) {
			if err := add(netgraph.Record{Affiliation: &netgraph.Affiliation{PersonID: benchPersonID(i),
				OrganisationID: fmt.Sprintf("org_%06d", (i+j*7919)%benchOrganisations), Role: "Lead"}}); err != nil {
				return err
			}
		}
		if i%3 == 0 {
			if err := add(netgraph.Record{Membership: &netgraph.Membership{PersonID: benchPersonID(i),
				NetworkID: fmt.Sprintf("net_%06d", i%benchNetworks), Role: netgraph.MembershipMember}}); err != nil {
				return err
			}
		}
	}
	// Distinct ties in key order, so that each batch writes one stretch of the
	// file's tree.
	type key struct{ a, b, kind int32 }
	seen := make(map[key]bool, benchTies)
	keys := make([]key, 0, benchTies)
	for len(keys) < benchTies {
		a, b := int32(rng.IntN(benchPeople)), int32(rng.IntN(benchPeople))
		if a == b {
			continue
		}
		k := key{min(a, b), max(a, b), int32(rng.IntN(len(netgraph.TieKinds)))}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(x, y key) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b), cmp.Compare(netgraph.TieKinds[x.kind], netgraph.TieKinds[y.kind]))
	})
	for _, k := range keys {
		from, to := benchPersonID(int(k.a)), benchPersonID(int(k.b))
		if rng.IntN(2) == 0 {
			from, to = to, from
		}
		t := &netgraph.Tie{From: from, To: to, Kind: netgraph.TieKinds[k.kind], Strength: 1 + float64(rng.IntN(9)), Since: now}
		if err := add(netgraph.Record{Tie: t}); err != nil {
			return err
		}
	}
	if err := flush(true); err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// BenchmarkOpen100kPeople1MTies times startup: opening the file and loading
// the index of 100,000 people and 1,000,000 ties.
func BenchmarkOpen100kPeople1MTies(b *testing.B) {
	path := benchStorePath(b)
	b.ReportAllocs()
	var heap uint64
	for b.Loop() {
		s, err := embedded.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = ms.HeapAlloc
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(heap)/(1<<20), "heap-MiB")
}

// BenchmarkPeoplePage times what a GraphQL page of 50 people with their
// affiliations, organisations and ties costs the store: one list and three
// batch reads, from a random place in the list.
func BenchmarkPeoplePage(b *testing.B) {
	path := benchStorePath(b)
	s, err := embedded.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := b.Context()
	rng := rand.New(rand.NewPCG(3, 4))
	var took []time.Duration
	ties := 0
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		l, err := s.People(ctx, netgraph.PersonFilter{}, netgraph.Page{First: 50, After: benchPersonID(rng.IntN(benchPeople - 50))})
		if err != nil {
			b.Fatal(err)
		}
		ids := make([]string, len(l.Items))
		for i, p := range l.Items {
			ids[i] = p.ID
		}
		affs, err := s.AffiliationsByPerson(ctx, ids)
		if err != nil {
			b.Fatal(err)
		}
		tl, err := s.TiesByPerson(ctx, ids)
		if err != nil {
			b.Fatal(err)
		}
		var orgIDs []string
		for _, as := range affs {
			for _, a := range as {
				orgIDs = append(orgIDs, a.OrganisationID)
			}
		}
		if _, err := s.OrganisationsByID(ctx, orgIDs); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		for _, ts := range tl {
			ties += len(ts)
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(ties)/float64(len(took)), "ties/page")
}

// BenchmarkErasure100kPeople1MTies times DeletePerson on the benchmark store,
// with the compaction that removes the erased records from the file and
// without it. The compaction copies the whole file, so its cost grows with
// the file, not with the person erased.
func BenchmarkErasure100kPeople1MTies(b *testing.B) {
	src := benchStorePath(b)
	for _, bc := range []struct {
		name       string
		compaction bool
	}{
		{"Compaction", true},
		{"WithoutCompaction", false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "netgraph.db")
			if err := copyFile(src, path); err != nil {
				b.Fatal(err)
			}
			s, err := embedded.Open(path, embedded.WithErasureCompaction(bc.compaction))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			before := fileSizeOf(b, path)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if err := s.DeletePerson(b.Context(), benchPersonID(i)); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(before)/(1<<20), "file-MiB-before")
			b.ReportMetric(float64(fileSizeOf(b, path))/(1<<20), "file-MiB-after")
		})
	}
}

// copyFile copies the file at src to dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func fileSizeOf(b *testing.B, path string) int64 {
	b.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return fi.Size()
}
