// Command stores measures the embedded store and the Neo4j store side by side
// on the same generated graph, at the scale the project aims for (by default
// 100,000 people, 500,000 ties, 1,000 organisations and 50 networks), and
// prints each figure for both stores with their ratio and the target:
//
//   - import: the whole graph through Store.Import, in batches (as netgraph
//     import sends them);
//   - page p99: a page of 20 people after a random cursor, with their
//     affiliations, organisations and ties (what the dashboard's people page
//     asks for), over many pages;
//   - snapshot: the whole-graph analysis snapshot, ReadGraph into
//     analysis.Builder;
//   - write p99: UpdatePerson of one field, over many writes.
//
// The embedded store runs on a temporary file; Neo4j is the one NEO4J_URI,
// NEO4J_USERNAME and NEO4J_PASSWORD name (scripts/neo4j start prints them),
// whose database it EMPTIES first. Without NEO4J_URI only the embedded store
// is measured.
//
//	eval "$(scripts/neo4j start .neo4j)"
//	go run ./bench/stores                  # the full size
//	go run ./bench/stores -people 10000 -ties 50000 -orgs 100 -networks 10
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/store/embedded"
	"github.com/netgraph/netgraph/store/neo4jstore"
)

type size struct{ people, ties, orgs, networks int }

var reuse bool

// result holds one store's figures.
type result struct {
	imp, pageP99, snapshot, writeP99 time.Duration
}

func main() {
	var sz size
	flag.IntVar(&sz.people, "people", 100_000, "people")
	flag.IntVar(&sz.ties, "ties", 500_000, "ties")
	flag.IntVar(&sz.orgs, "orgs", 1_000, "organisations")
	flag.IntVar(&sz.networks, "networks", 50, "networks")
	pages := flag.Int("pages", 300, "pages read for the page p99")
	writes := flag.Int("writes", 300, "writes for the write p99")
	batch := flag.Int("batch", 5_000, "records per Import call")
	flag.BoolVar(&reuse, "reuse", false, "keep the graph already in Neo4j if it has as many people (no import figure)")
	flag.Parse()
	if err := run(sz, *pages, *writes, *batch); err != nil {
		fmt.Fprintln(os.Stderr, "stores:", err)
		os.Exit(1)
	}
}

func run(sz size, pages, writes, batch int) error {
	ctx := netgraph.WithCaller(context.Background(), netgraph.Caller{Subject: "bench", Role: netgraph.RoleAdmin})
	records, ids := generate(sz)
	fmt.Printf("graph: %d people, %d ties, %d organisations, %d networks (%d records); %d pages, %d writes\n",
		sz.people, sz.ties, sz.orgs, sz.networks, len(records), pages, writes)

	dir, err := os.MkdirTemp("", "bench-stores")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	emb, err := embedded.Open(filepath.Join(dir, "bench.db"))
	if err != nil {
		return err
	}
	defer emb.Close()
	onFile, err := measure(ctx, "embedded", emb, records, ids, pages, writes, batch)
	if err != nil {
		return fmt.Errorf("embedded: %w", err)
	}

	var neo *result
	if uri := os.Getenv("NEO4J_URI"); uri != "" {
		cfg := neo4jstore.Config{URI: uri, Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"),
			Database: os.Getenv("NEO4J_DATABASE"), Logger: zerolog.New(os.Stderr).Level(zerolog.ErrorLevel)}
		s, err := neo4jstore.Open(ctx, cfg)
		if err != nil {
			return err
		}
		defer s.Close()
		l, err := s.People(ctx, netgraph.PersonFilter{}, netgraph.Page{First: 1})
		if err != nil {
			return err
		}
		load := records
		if reuse && l.TotalCount == sz.people {
			load = nil
		} else if err := clear(ctx, cfg); err != nil {
			return fmt.Errorf("empty the neo4j database: %w", err)
		}
		if neo, err = measure(ctx, "neo4j", s, load, ids, pages, writes, batch); err != nil {
			return fmt.Errorf("neo4j: %w", err)
		}
	}

	fmt.Printf("\n%-34s %12s %12s %16s %10s\n", "", "embedded", "neo4j", "neo4j/embedded", "target")
	row := func(name string, e, n time.Duration, target string) {
		if neo == nil {
			fmt.Printf("%-34s %12s %12s %16s %10s\n", name, round(e), "-", "-", target)
			return
		}
		fmt.Printf("%-34s %12s %12s %16.1f %10s\n", name, round(e), round(n), float64(n)/float64(e), target)
	}
	var n result
	if neo != nil {
		n = *neo
	}
	row("import", onFile.imp, n.imp, "< 60s")
	row("page of 20 with orgs and ties, p99", onFile.pageP99, n.pageP99, "< 50ms")
	row("whole-graph snapshot", onFile.snapshot, n.snapshot, "< 5s")
	row("write (UpdatePerson), p99", onFile.writeP99, n.writeP99, "< 30ms")
	return nil
}

func round(d time.Duration) time.Duration {
	switch {
	case d > time.Second:
		return d.Round(10 * time.Millisecond)
	case d > time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}

// measure takes the four figures on s, which must be empty, or hold the
// graph already if records is nil.
func measure(ctx context.Context, name string, s netgraph.Store, records []netgraph.Record, ids []string, pages, writes, batch int) (*result, error) {
	var r result
	start := time.Now()
	for i := 0; i < len(records); i += batch {
		if err := s.Import(ctx, records[i:min(i+batch, len(records))]); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	r.imp = time.Since(start)
	fmt.Fprintf(os.Stderr, "%s: imported in %s\n", name, r.imp)

	rng := rand.New(rand.NewPCG(1, 2))
	sorted := slices.Sorted(slices.Values(ids))
	// The first calls of each statement compile it (on Neo4j) or warm caches:
	// a few unmeasured pages and writes come first.
	const warmUp = 10
	var took []time.Duration
	for i := range pages + warmUp {
		after := sorted[rng.IntN(len(sorted))]
		start := time.Now()
		if err := page(ctx, s, after); err != nil {
			return nil, fmt.Errorf("page: %w", err)
		}
		if i >= warmUp {
			took = append(took, time.Since(start))
		}
	}
	r.pageP99 = p99(took)

	start = time.Now()
	b := analysis.NewBuilder(true)
	if _, err := s.ReadGraph(ctx, func(rec netgraph.Record) error {
		switch {
		case rec.Person != nil:
			b.AddPerson(rec.Person.ID)
		case rec.Tie != nil:
			return b.AddTie(rec.Tie.From, rec.Tie.To, rec.Tie.Strength)
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	g := b.Build()
	r.snapshot = time.Since(start)
	fmt.Fprintf(os.Stderr, "%s: snapshot of %d people and %d ties in %s\n", name, g.N(), g.M(), r.snapshot)

	took = took[:0]
	for i := range writes + warmUp {
		title := fmt.Sprintf("Title %d", i)
		id := ids[rng.IntN(len(ids))]
		start := time.Now()
		if _, err := s.UpdatePerson(ctx, id, netgraph.PersonUpdate{Title: &title}); err != nil {
			return nil, fmt.Errorf("write: %w", err)
		}
		if i >= warmUp {
			took = append(took, time.Since(start))
		}
	}
	r.writeP99 = p99(took)
	return &r, nil
}

// page reads what a dashboard's people page shows: 20 people after the
// cursor, with their organisations and ties.
func page(ctx context.Context, s netgraph.Store, after string) error {
	l, err := s.People(ctx, netgraph.PersonFilter{}, netgraph.Page{First: 20, After: after})
	if err != nil {
		return err
	}
	ids := make([]string, len(l.Items))
	for i, p := range l.Items {
		ids[i] = p.ID
	}
	affs, err := s.AffiliationsByPerson(ctx, ids)
	if err != nil {
		return err
	}
	var orgs []string
	for _, as := range affs {
		for _, a := range as {
			orgs = append(orgs, a.OrganisationID)
		}
	}
	if _, err := s.OrganisationsByID(ctx, orgs); err != nil {
		return err
	}
	_, err = s.TiesByPerson(ctx, ids)
	return err
}

func p99(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[min(len(d)-1, len(d)*99/100)]
}

// generate makes the graph: organisations, networks, people each working at
// one organisation and a third of them in a network, and ties between random
// pairs (distinct pairs, mostly within an organisation). Deterministic.
func generate(sz size) ([]netgraph.Record, []string) {
	rng := rand.New(rand.NewPCG(42, 42))
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var recs []netgraph.Record
	orgs := make([]string, sz.orgs)
	for i := range orgs {
		orgs[i] = fmt.Sprintf("%sbench%05d", netgraph.OrganisationIDPrefix, i)
		recs = append(recs, netgraph.Record{Organisation: &netgraph.Organisation{ID: orgs[i], Name: fmt.Sprintf("Organisation %d", i),
			Sector: netgraph.SectorOther, Region: "North East", CreatedAt: now, UpdatedAt: now}})
	}
	nets := make([]string, sz.networks)
	for i := range nets {
		nets[i] = fmt.Sprintf("%sbench%05d", netgraph.NetworkIDPrefix, i)
		recs = append(recs, netgraph.Record{Network: &netgraph.Network{ID: nets[i], Name: fmt.Sprintf("Network %d", i),
			Type: netgraph.NetworkLearning, CreatedAt: now, UpdatedAt: now}})
	}
	people := make([]string, sz.people)
	orgOf := make([]int, sz.people)
	for i := range people {
		people[i] = fmt.Sprintf("%sbench%07d", netgraph.PersonIDPrefix, i)
		recs = append(recs, netgraph.Record{Person: &netgraph.Person{ID: people[i], Name: fmt.Sprintf("Person %d", i),
			Email: fmt.Sprintf("person%d@example.org", i), Profession: "Nurse", Region: "North East",
			Interests: []string{fmt.Sprintf("topic %d", i%200)}, Consent: true, CreatedAt: now, UpdatedAt: now}})
	}
	for i, id := range people {
		orgOf[i] = rng.IntN(sz.orgs)
		recs = append(recs, netgraph.Record{Affiliation: &netgraph.Affiliation{PersonID: id, OrganisationID: orgs[orgOf[i]]}})
	}
	for i, id := range people {
		if sz.networks > 0 && i%3 == 0 {
			recs = append(recs, netgraph.Record{Membership: &netgraph.Membership{PersonID: id, NetworkID: nets[rng.IntN(sz.networks)],
				Role: netgraph.MembershipMember}})
		}
	}
	seen := make(map[[2]int]bool, sz.ties)
	for len(seen) < sz.ties {
		a, b := rng.IntN(sz.people), rng.IntN(sz.people)
		if a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		if seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		recs = append(recs, netgraph.Record{Tie: &netgraph.Tie{From: people[a], To: people[b], Kind: netgraph.TieKnows,
			Strength: float64(1 + rng.IntN(10)), Since: now}})
	}
	return recs, people
}

// clear empties the Neo4j database in batches (one transaction for a large
// graph would need more memory than the server is given).
func clear(ctx context.Context, cfg neo4jstore.Config) error {
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	db := cfg.Database
	if db == "" {
		db = neo4jstore.DefaultDatabase
	}
	sess := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}
