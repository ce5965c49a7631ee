// Command load drives a netgraph on this machine with a dashboard's mix of
// requests and checks that nothing was lost or corrupted:
//
//	go run ./bench/load -addr http://127.0.0.1:8080 -duration 30s -concurrency 16 -key TOKEN
//
// Reads: pages of people with their organisations, memberships and ties; a
// person by id; organisations with their people and partnerships; networks
// with their members; and the analysis fields the schema has (introspection
// says which). Writes: createPerson, connect (a new person to a known one)
// and updatePerson (of people this run created), so the data already there is
// left as it was apart from the new people and their ties.
//
// It reports throughput and p50/p95/p99 latency per operation and overall,
// and errors by kind. Then it checks the counts: people and ties afterwards
// must equal those before plus the creates and connects the server
// acknowledged (HTTP 200, no errors), and every acknowledged person must read
// back. It exits 1 if a check fails.
//
// Only loopback addresses are accepted, and the run is bounded by -duration
// and -max-requests. A server's default rate limit (20 requests a second per
// key) throttles a load test: start it with --rate-limit 0, or expect 429s.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"
)

// Bounds on the flags, so that a typo cannot start an endless run.
const (
	maxDuration    = 10 * time.Minute
	maxConcurrency = 256
)

func main() {
	cfg := config{}
	flag.StringVar(&cfg.addr, "addr", "http://127.0.0.1:8080", "netgraph's base URL; loopback addresses only")
	flag.DurationVar(&cfg.duration, "duration", 30*time.Second, "how long to send requests (at most 10m)")
	flag.IntVar(&cfg.concurrency, "concurrency", 16, "clients sending requests at once (at most 256)")
	flag.StringVar(&cfg.key, "key", os.Getenv("NETGRAPH_API_KEY"), "API key or token (sent as Authorization: Bearer; env NETGRAPH_API_KEY); needs the facilitator role for the writes")
	flag.Int64Var(&cfg.maxRequests, "max-requests", 1_000_000, "stop after this many requests")
	flag.Float64Var(&cfg.writeShare, "writes", 0.2, "share of requests that write, 0 to 1")
	flag.Uint64Var(&cfg.seed, "seed", 1, "seed of the request mix")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

type config struct {
	addr        string
	duration    time.Duration
	concurrency int
	key         string
	maxRequests int64
	writeShare  float64
	seed        uint64
}

type usageError struct{ error }

// checkConfig refuses settings outside the bounds, and any address that is
// not this machine's.
func checkConfig(cfg config) (*url.URL, error) {
	u, err := url.Parse(cfg.addr)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usageError{fmt.Errorf("-addr %q: want a URL such as http://127.0.0.1:8080", cfg.addr)}
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	if !strings.EqualFold(host, "localhost") && (ip == nil || !ip.IsLoopback()) {
		return nil, usageError{fmt.Errorf("-addr %s: only loopback addresses (127.0.0.0/8, ::1, localhost) may be load-tested", host)}
	}
	switch {
	case cfg.duration <= 0 || cfg.duration > maxDuration:
		return nil, usageError{fmt.Errorf("-duration %v: want more than 0 and at most %v", cfg.duration, maxDuration)}
	case cfg.concurrency < 1 || cfg.concurrency > maxConcurrency:
		return nil, usageError{fmt.Errorf("-concurrency %d: want 1 to %d", cfg.concurrency, maxConcurrency)}
	case cfg.maxRequests < 1:
		return nil, usageError{fmt.Errorf("-max-requests %d: want at least 1", cfg.maxRequests)}
	case cfg.writeShare < 0 || cfg.writeShare > 1:
		return nil, usageError{fmt.Errorf("-writes %v: want 0 to 1", cfg.writeShare)}
	}
	return u.JoinPath("graphql"), nil
}

func run(ctx context.Context, cfg config, out io.Writer) error {
	endpoint, err := checkConfig(cfg)
	if err != nil {
		return err
	}
	c := &client{
		endpoint: endpoint.String(),
		key:      cfg.key,
		http: &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{
			MaxIdleConns: cfg.concurrency, MaxIdleConnsPerHost: cfg.concurrency, IdleConnTimeout: time.Minute,
		}},
	}

	// What the schema offers, and the data to aim at.
	fields, err := c.queryFields(ctx)
	if err != nil {
		return fmt.Errorf("introspection: %w", err)
	}
	before, err := c.census(ctx)
	if err != nil {
		return fmt.Errorf("count before: %w", err)
	}
	if len(before.people) < 2 {
		return fmt.Errorf("need at least 2 people to aim at; serve with --demo")
	}
	mix := newMix(fields, cfg.writeShare)
	fmt.Fprintf(out, "netgraph load: %s, %v, %d clients, writes %.0f%%, analysis fields: %s\n",
		endpoint, cfg.duration, cfg.concurrency, cfg.writeShare*100, strings.Join(mix.analysis, ", "))
	fmt.Fprintf(out, "before: %d people, %d ties\n", before.peopleCount, before.tieCount)

	// The run.
	runID := fmt.Sprintf("%x", time.Now().UnixNano()&0xffffffff)
	l := &loader{client: c, mix: mix, data: before, runID: runID, maxRequests: cfg.maxRequests}
	start := time.Now()
	deadline := start.Add(cfg.duration)
	results := make([][]sample, cfg.concurrency)
	var wg sync.WaitGroup
	for w := range cfg.concurrency {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(cfg.seed, uint64(w)))
			results[w] = l.work(ctx, deadline, w, rng)
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	report(out, mix, slices.Concat(results...), elapsed)

	// The checks, on a context of their own: the run's may have ended.
	checkCtx, cancelCheck := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancelCheck()
	return l.check(checkCtx, out)
}

// client sends GraphQL requests.
type client struct {
	endpoint string
	key      string
	http     *http.Client
}

// gqlError is one error of a response.
type gqlError struct {
	Message    string
	Extensions struct{ Code string }
}

// outcome is what happened to one request: "" for success, else the kind of
// failure (an HTTP status, a GraphQL error code, or "transport").
type outcome string

func (c *client) do(ctx context.Context, query string, vars map[string]any, into any) (outcome, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return "client", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return "client", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json, application/json")
	if c.key != "" {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return "transport", err
	}
	defer res.Body.Close()
	var resp struct {
		Data   json.RawMessage
		Errors []gqlError
	}
	if err := json.NewDecoder(res.Body).Decode(&resp); err != nil {
		return outcome(fmt.Sprintf("HTTP %d", res.StatusCode)), fmt.Errorf("HTTP %d, body not JSON: %w", res.StatusCode, err)
	}
	if len(resp.Errors) > 0 {
		code := resp.Errors[0].Extensions.Code
		if code == "" {
			code = fmt.Sprintf("HTTP %d", res.StatusCode)
		}
		return outcome(code), fmt.Errorf("HTTP %d: %s: %s", res.StatusCode, code, resp.Errors[0].Message)
	}
	if res.StatusCode != http.StatusOK {
		return outcome(fmt.Sprintf("HTTP %d", res.StatusCode)), fmt.Errorf("HTTP %d", res.StatusCode)
	}
	if into != nil {
		if err := json.Unmarshal(resp.Data, into); err != nil {
			return "client", fmt.Errorf("decode data: %w", err)
		}
	}
	return "", nil
}

// queryFields returns the names of the Query type's fields.
func (c *client) queryFields(ctx context.Context) (map[string]bool, error) {
	var data struct {
		Schema struct {
			QueryType struct{ Fields []struct{ Name string } }
		} `json:"__schema"`
	}
	if _, err := c.do(ctx, `query Fields { __schema { queryType { fields { name } } } }`, nil, &data); err != nil {
		return nil, err
	}
	fields := map[string]bool{}
	for _, f := range data.Schema.QueryType.Fields {
		fields[f.Name] = true
	}
	return fields, nil
}

// census is the data as one walk over all people sees it.
type census struct {
	peopleCount int
	tieCount    int // each tie is in both its people's lists
	people      []string
	cursors     []string // the end cursor of every page of 20 people
}

// census pages through every person, adding up their ties.
func (c *client) census(ctx context.Context) (*census, error) {
	const q = `query Census($after: String) {
  people(first: 500, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id ties(first: 1) { totalCount } } }
  }
}`
	cs := &census{}
	ends, after := 0, ""
	for {
		var data struct {
			People struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct {
					Cursor string
					Node   struct {
						ID   string
						Ties struct{ TotalCount int }
					}
				}
			}
		}
		var vars map[string]any
		if after != "" {
			vars = map[string]any{"after": after}
		}
		if _, err := c.do(ctx, q, vars, &data); err != nil {
			return nil, err
		}
		cs.peopleCount = data.People.TotalCount
		for _, e := range data.People.Edges {
			cs.people = append(cs.people, e.Node.ID)
			ends += e.Node.Ties.TotalCount
			if len(cs.people)%20 == 0 {
				cs.cursors = append(cs.cursors, e.Cursor)
			}
		}
		if !data.People.PageInfo.HasNextPage {
			break
		}
		after = data.People.PageInfo.EndCursor
	}
	if len(cs.people) != cs.peopleCount {
		return nil, fmt.Errorf("listed %d people but totalCount is %d", len(cs.people), cs.peopleCount)
	}
	if ends%2 != 0 {
		return nil, fmt.Errorf("the people's tie counts add up to an odd %d: a tie is missing at one end", ends)
	}
	cs.tieCount = ends / 2
	return cs, nil
}

// An operation is one kind of request in the mix.
type operation struct {
	name   string
	weight float64
	write  bool
}

// mix is the request mix: reads and writes, each by weight.
type mix struct {
	ops      []operation
	total    float64
	analysis []string // the analysis fields present, in the mix
}

// analysisQueries are the analysis requests, by the Query field they need.
var analysisQueries = map[string]string{
	"centrality":             `query Centrality { centrality(metric: PAGERANK, top: 10) { rank score person { id name } } }`,
	"connectors":             `query Connectors { connectors(top: 10) { rank score reasons person { id name } } }`,
	"sponsors":               `query Sponsors { sponsors(top: 10) { rank score reasons person { id name } } }`,
	"communities":            `query Communities { communities { id size organisations interests } }`,
	"networkHealth":          `query Health { networkHealth { people ties density components largestComponentShare averageClustering modularity } }`,
	"suggestedIntroductions": `query Suggested { suggestedIntroductions(top: 10) { a { id name } b { id name } score reasons } }`,
	"isolatedMembers":        `query Isolated { isolatedMembers { id name } }`,
	"peripheralMembers":      `query Peripheral { peripheralMembers { id name } }`,
	"introductions":          `query Introductions($id: ID!) { introductions(personId: $id, top: 5) { person { id name } score reasons } }`,
}

func newMix(fields map[string]bool, writeShare float64) *mix {
	m := &mix{}
	reads := []operation{
		{name: "peoplePage", weight: 30},
		{name: "person", weight: 30},
		{name: "organisations", weight: 10},
		{name: "networks", weight: 10},
	}
	for name := range analysisQueries {
		if fields[name] {
			m.analysis = append(m.analysis, name)
		}
	}
	sort.Strings(m.analysis)
	for _, name := range m.analysis {
		reads = append(reads, operation{name: name, weight: 20 / float64(len(m.analysis))})
	}
	writes := []operation{
		{name: "createPerson", weight: 40, write: true},
		{name: "connect", weight: 30, write: true},
		{name: "updatePerson", weight: 30, write: true},
	}
	// Scale reads and writes to their shares (their weights add up to 100).
	for _, op := range reads {
		op.weight *= (1 - writeShare)
		m.ops = append(m.ops, op)
	}
	for _, op := range writes {
		op.weight *= writeShare
		m.ops = append(m.ops, op)
	}
	for _, op := range m.ops {
		m.total += op.weight
	}
	return m
}

func (m *mix) pick(rng *rand.Rand) operation {
	x := rng.Float64() * m.total
	for _, op := range m.ops {
		if x < op.weight {
			return op
		}
		x -= op.weight
	}
	return m.ops[len(m.ops)-1]
}

// sample is one request's result.
type sample struct {
	op      string
	latency time.Duration
	outcome outcome
}

// loader runs the mix and remembers the writes the server acknowledged.
type loader struct {
	client      *client
	mix         *mix
	data        *census
	runID       string
	maxRequests int64
	sent        atomic.Int64

	mu      sync.Mutex
	created map[string]string // id → externalId of acknowledged creates
	ids     []string          // the same ids, to pick from
	ties    int               // acknowledged connects
	pairs   map[[2]string]bool
}

// work sends requests until the deadline passes, the request budget is
// spent or ctx ends (Ctrl-C). A request under way at the deadline is let
// finish: cutting it off would leave a write done but not acknowledged, and
// the counts could not be checked.
func (l *loader) work(ctx context.Context, deadline time.Time, worker int, rng *rand.Rand) []sample {
	var samples []sample
	for n := 0; ctx.Err() == nil && time.Now().Before(deadline) && l.sent.Add(1) <= l.maxRequests; n++ {
		op := l.mix.pick(rng)
		start := time.Now()
		name, out := l.one(ctx, op, worker, n, rng)
		if ctx.Err() != nil {
			break // interrupted
		}
		samples = append(samples, sample{op: name, latency: time.Since(start), outcome: out})
	}
	return samples
}

// one sends one request of op and returns the operation it became (a write
// that needs a person of this run becomes createPerson until there is one).
func (l *loader) one(ctx context.Context, op operation, worker, n int, rng *rand.Rand) (string, outcome) {
	c := l.client
	randomPerson := func() string { return l.data.people[rng.IntN(len(l.data.people))] }
	switch op.name {
	case "peoplePage":
		vars := map[string]any{}
		if len(l.data.cursors) > 0 && rng.IntN(4) > 0 {
			vars["after"] = l.data.cursors[rng.IntN(len(l.data.cursors))]
		}
		out, _ := c.do(ctx, `query PeoplePage($after: String) {
  people(first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id name title profession region interests
      organisations { id name sector }
      memberships { role network { id name } }
      ties(first: 5) { totalCount edges { node { kind strength from { id name } to { id name } } } } } }
  }
}`, vars, nil)
		return op.name, out
	case "person":
		out, _ := c.do(ctx, `query Person($id: ID!) {
  person(id: $id) { id name email title profession region interests consent createdAt
    affiliations { role organisation { id name } }
    networks { id name type }
    ties(first: 20) { totalCount edges { node { kind strength since from { id name } to { id name } } } } }
}`, map[string]any{"id": randomPerson()}, nil)
		return op.name, out
	case "organisations":
		out, _ := c.do(ctx, `query Organisations {
  organisations(first: 20) { totalCount edges { node { id name sector region
    people { id name } partnerships { kind to { name } } } } }
}`, nil, nil)
		return op.name, out
	case "networks":
		out, _ := c.do(ctx, `query Networks {
  networks(first: 10) { totalCount edges { node { id name type purpose
    members { role person { id name profession } } } } }
}`, nil, nil)
		return op.name, out
	case "createPerson":
		return op.name, l.create(ctx, worker, n, rng)
	case "connect":
		from, ok := l.ownPerson(rng)
		if !ok {
			return "createPerson", l.create(ctx, worker, n, rng)
		}
		to := randomPerson()
		kind := []string{"KNOWS", "COLLABORATES", "ADVISES"}[rng.IntN(3)]
		pair := [2]string{from, to + "/" + kind}
		l.mu.Lock()
		taken := l.pairs[pair]
		l.pairs[pair] = true // claimed, so no other client sends it too
		l.mu.Unlock()
		if taken { // rare: read instead
			return l.one(ctx, operation{name: "person"}, worker, n, rng)
		}
		out, _ := c.do(ctx, `mutation Connect($input: ConnectInput!) { connect(input: $input) { kind strength } }`,
			map[string]any{"input": map[string]any{"from": from, "to": to, "kind": kind, "strength": 1 + rng.IntN(9)}}, nil)
		if out == "" {
			l.mu.Lock()
			l.ties++
			l.mu.Unlock()
		}
		return op.name, out
	case "updatePerson":
		id, ok := l.ownPerson(rng)
		if !ok {
			return "createPerson", l.create(ctx, worker, n, rng)
		}
		out, _ := c.do(ctx, `mutation Update($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id title } }`,
			map[string]any{"id": id, "input": map[string]any{"title": fmt.Sprintf("Load title %d", rng.IntN(1000)), "interests": []string{"load testing"}}}, nil)
		return op.name, out
	default:
		vars := map[string]any{}
		if op.name == "introductions" {
			vars["id"] = randomPerson()
		}
		out, _ := c.do(ctx, analysisQueries[op.name], vars, nil)
		return op.name, out
	}
}

// create adds a person of this run and remembers it if acknowledged.
func (l *loader) create(ctx context.Context, worker, n int, rng *rand.Rand) outcome {
	ext := fmt.Sprintf("load-%s-%d-%d", l.runID, worker, n)
	var data struct {
		CreatePerson struct{ ID, ExternalID string }
	}
	out, _ := l.client.do(ctx, `mutation Create($input: CreatePersonInput!) { createPerson(input: $input) { id externalId } }`,
		map[string]any{"input": map[string]any{
			"externalId": ext, "name": "Load Tester " + ext, "profession": "Tester",
			"region": []string{"North", "South", "East", "West"}[rng.IntN(4)], "interests": []string{"load testing"},
		}}, &data)
	if out == "" && data.CreatePerson.ExternalID == ext {
		l.mu.Lock()
		if l.created == nil {
			l.created, l.pairs = map[string]string{}, map[[2]string]bool{}
		}
		l.created[data.CreatePerson.ID] = ext
		l.ids = append(l.ids, data.CreatePerson.ID)
		l.mu.Unlock()
	}
	return out
}

// ownPerson picks a person this run created.
func (l *loader) ownPerson(rng *rand.Rand) (string, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.ids) == 0 {
		return "", false
	}
	return l.ids[rng.IntN(len(l.ids))], true
}

// report prints throughput and latency per operation and overall.
func report(out io.Writer, m *mix, samples []sample, elapsed time.Duration) {
	byOp := map[string][]sample{}
	for _, s := range samples {
		byOp[s.op] = append(byOp[s.op], s)
	}
	names := make([]string, 0, len(byOp))
	for name := range byOp {
		names = append(names, name)
	}
	sort.Strings(names)
	fmt.Fprintf(out, "\n%d requests in %.1fs: %.0f requests/s\n\n", len(samples), elapsed.Seconds(), float64(len(samples))/elapsed.Seconds())
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "operation\trequests\treq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\terrors\t")
	line := func(name string, ss []sample) {
		lat := make([]time.Duration, len(ss))
		errs := 0
		for i, s := range ss {
			lat[i] = s.latency
			if s.outcome != "" {
				errs++
			}
		}
		slices.Sort(lat)
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t\n", name, len(ss), float64(len(ss))/elapsed.Seconds(),
			ms(percentile(lat, 50)), ms(percentile(lat, 95)), ms(percentile(lat, 99)), ms(percentile(lat, 100)), errs)
	}
	for _, name := range names {
		line(name, byOp[name])
	}
	line("ALL", samples)
	tw.Flush()

	kinds := map[string]int{}
	for _, s := range samples {
		if s.outcome != "" {
			kinds[s.op+": "+string(s.outcome)]++
		}
	}
	if len(kinds) > 0 {
		fmt.Fprintln(out, "\nerrors by kind:")
		keys := make([]string, 0, len(kinds))
		for k := range kinds {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(out, "  %-50s %d\n", k, kinds[k])
		}
	}
}

// percentile returns the p-th percentile of sorted latencies (nearest rank).
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(i-1, 0)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// check compares the counts with those before plus the acknowledged writes,
// and reads every acknowledged person back.
func (l *loader) check(ctx context.Context, out io.Writer) error {
	after, err := l.client.census(ctx)
	if err != nil {
		return fmt.Errorf("count after: %w", err)
	}
	l.mu.Lock()
	created, ties := len(l.created), l.ties
	l.mu.Unlock()
	before := l.data
	wantPeople, wantTies := before.peopleCount+created, before.tieCount+ties
	fmt.Fprintf(out, "\nafter: %d people (before %d + %d acknowledged creates = %d), %d ties (before %d + %d acknowledged connects = %d)\n",
		after.peopleCount, before.peopleCount, created, wantPeople, after.tieCount, before.tieCount, ties, wantTies)
	var problems []string
	if after.peopleCount != wantPeople {
		problems = append(problems, fmt.Sprintf("%d people, want %d", after.peopleCount, wantPeople))
	}
	if after.tieCount != wantTies {
		problems = append(problems, fmt.Sprintf("%d ties, want %d", after.tieCount, wantTies))
	}

	// Every acknowledged person reads back, 100 to a request.
	ids := slices.Sorted(func(yield func(string) bool) {
		for id := range l.created {
			if !yield(id) {
				return
			}
		}
	})
	missing := 0
	for start := 0; start < len(ids); start += 100 {
		batch := ids[start:min(start+100, len(ids))]
		var q strings.Builder
		q.WriteString("query ReadBack {")
		for i, id := range batch {
			fmt.Fprintf(&q, " p%d: person(id: %q) { id externalId }", i, id)
		}
		q.WriteString(" }")
		var data map[string]*struct{ ID, ExternalID string }
		if _, err := l.client.do(ctx, q.String(), nil, &data); err != nil {
			return fmt.Errorf("read back: %w", err)
		}
		for i, id := range batch {
			p := data[fmt.Sprintf("p%d", i)]
			if p == nil || p.ID != id || p.ExternalID != l.created[id] {
				missing++
			}
		}
	}
	fmt.Fprintf(out, "read back: %d of %d acknowledged people\n", len(ids)-missing, len(ids))
	if missing > 0 {
		problems = append(problems, fmt.Sprintf("%d acknowledged people missing or changed", missing))
	}
	if len(problems) > 0 {
		return fmt.Errorf("data check failed: %s", strings.Join(problems, "; "))
	}
	fmt.Fprintln(out, "data check: ok")
	return nil
}
