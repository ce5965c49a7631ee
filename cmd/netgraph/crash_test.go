package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded"
)

// TestCrashBinary kills the real binary mid-stream: it builds netgraph, serves
// a database, streams createPerson and connect mutations from a few clients,
// sends SIGKILL at a random moment, restarts on the same database, and checks
// that every write acknowledged with HTTP 200 and no errors survived, and that
// the store is consistent. A few rounds; at the end the file is also checked
// directly, through ReadGraph.
func TestCrashBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it a few times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "netgraph")
	build := exec.Command("go", append([]string{"build", "-o", bin}, raceFlag()...)...)
	build.Args = append(build.Args, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "crash.db")

	const rounds, writers = 4, 4
	var acked ackedWrites
	for round := range rounds {
		p := startBinary(t, bin, db)
		if round > 0 {
			p.verify(t, &acked)
		}
		// Stream writes and kill the server while they run.
		before := acked.count()
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() { p.stream(fmt.Sprintf("r%d-w%d", round, w), &acked) })
		}
		time.Sleep(time.Duration(150+rand.IntN(500)) * time.Millisecond)
		p.kill(t)
		wg.Wait()
		after := acked.count()
		t.Logf("round %d: %d people and %d ties acknowledged before SIGKILL", round+1, after.people-before.people, after.ties-before.ties)
		if after.people == before.people {
			t.Fatalf("round %d: no write was acknowledged before the kill:\n%s", round+1, p.stderr)
		}
	}

	// A last restart checks the final round, then a clean stop and a look
	// at the file itself.
	p := startBinary(t, bin, db)
	p.verify(t, &acked)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("serve after SIGTERM: %v\n%s", err, p.stderr)
	}
	checkStoreFile(t, db, &acked)
}

// raceFlag is ["-race"] if this test binary has the race detector: the
// server is then checked for races under load too, and the build reuses
// the packages the test run compiled.
func raceFlag() []string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" && s.Value == "true" {
				return []string{"-race"}
			}
		}
	}
	return nil
}

// ackedWrites are the writes the server acknowledged.
type ackedWrites struct {
	mu     sync.Mutex
	people map[string]string // id → externalId
	ties   [][2]string       // from, to (kind KNOWS)
}

type writeCounts struct{ people, ties int }

func (a *ackedWrites) count() writeCounts {
	a.mu.Lock()
	defer a.mu.Unlock()
	return writeCounts{len(a.people), len(a.ties)}
}

func (a *ackedWrites) person(id, externalID string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.people == nil {
		a.people = map[string]string{}
	}
	a.people[id] = externalID
}

func (a *ackedWrites) tie(from, to string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ties = append(a.ties, [2]string{from, to})
}

// binary is one running `netgraph serve`.
type binary struct {
	cmd    *exec.Cmd
	url    string
	stderr *syncBuffer
	client *http.Client
}

// startBinary runs bin serve on db at a free loopback port and waits until it
// is ready.
func startBinary(t *testing.T, bin, db string) *binary {
	t.Helper()
	addr := freeAddr(t)
	p := &binary{url: "http://" + addr, stderr: &syncBuffer{}, client: &http.Client{Timeout: 10 * time.Second}}
	// The check reads 50 people with all their ties in one request, which
	// costs more than the default query cost limit allows a client.
	p.cmd = exec.Command(bin, "serve", "--db", db, "--addr", addr, "--rate-limit", "0", "--log-level", "warn",
		"--max-query-complexity", "1000000")
	p.cmd.Env = []string{"PATH=" + os.Getenv("PATH")} // no NETGRAPH_* from the test's environment
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := p.client.Get(p.url + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve not ready after 30s:\n%s", p.stderr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (p *binary) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p.cmd.Wait() // "signal: killed"
}

// gqlResponse is a GraphQL response with data left raw.
type gqlResponse struct {
	Data   json.RawMessage
	Errors []struct{ Message string }
}

// do posts a GraphQL request; ok means HTTP 200 with no errors.
func (p *binary) do(query string, vars map[string]any) (json.RawMessage, bool, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, false, err
	}
	res, err := p.client.Post(p.url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, false, err
	}
	defer res.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return nil, false, err
	}
	return out.Data, res.StatusCode == http.StatusOK && len(out.Errors) == 0, nil
}

// stream creates people named after prefix, each connected to the one
// before, recording what the server acknowledges, until the server stops
// answering.
func (p *binary) stream(prefix string, acked *ackedWrites) {
	prev := ""
	for i := 0; ; i++ {
		ext := fmt.Sprintf("crash-%s-%d", prefix, i)
		data, ok, err := p.do(`mutation Create($input: CreatePersonInput!) { createPerson(input: $input) { id externalId } }`,
			map[string]any{"input": map[string]any{"externalId": ext, "name": "Crash " + ext, "profession": "Tester"}})
		if err != nil {
			return // killed
		}
		var created struct {
			CreatePerson struct{ ID, ExternalID string }
		}
		if !ok || json.Unmarshal(data, &created) != nil || created.CreatePerson.ExternalID != ext {
			continue
		}
		id := created.CreatePerson.ID
		acked.person(id, ext)
		if prev != "" {
			_, ok, err := p.do(`mutation Connect($input: ConnectInput!) { connect(input: $input) { kind } }`,
				map[string]any{"input": map[string]any{"from": prev, "to": id, "kind": "KNOWS", "strength": 2}})
			if err != nil {
				return
			}
			if ok {
				acked.tie(prev, id)
			}
		}
		prev = id
	}
}

// verify checks, through the API, that every acknowledged person and tie is
// there and that paging through people finds exactly totalCount of them.
func (p *binary) verify(t *testing.T, acked *ackedWrites) {
	t.Helper()
	acked.mu.Lock()
	defer acked.mu.Unlock()

	// Every acknowledged person, with their ties, 50 to a request.
	ids := make([]string, 0, len(acked.people))
	for id := range acked.people {
		ids = append(ids, id)
	}
	ties := map[[2]string]bool{}
	for start := 0; start < len(ids); start += 50 {
		batch := ids[start:min(start+50, len(ids))]
		var q strings.Builder
		q.WriteString("query Check {")
		for i, id := range batch {
			fmt.Fprintf(&q, " p%d: person(id: %q) { id externalId ties(first: 500) { edges { node { kind from { id } to { id } } } } }", i, id)
		}
		q.WriteString(" }")
		data, ok, err := p.do(q.String(), nil)
		if err != nil || !ok {
			t.Fatalf("check query: ok=%v err=%v\n%s", ok, err, p.stderr)
		}
		var got map[string]*struct {
			ID, ExternalID string
			Ties           struct {
				Edges []struct {
					Node struct {
						Kind     string
						From, To struct{ ID string }
					}
				}
			}
		}
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatal(err)
		}
		for i, id := range batch {
			person := got[fmt.Sprintf("p%d", i)]
			if person == nil || person.ID != id || person.ExternalID != acked.people[id] {
				t.Fatalf("acknowledged person %s (%s) lost after SIGKILL: got %+v", id, acked.people[id], person)
			}
			for _, e := range person.Ties.Edges {
				if e.Node.Kind == "KNOWS" {
					ties[[2]string{e.Node.From.ID, e.Node.To.ID}] = true
				}
			}
		}
	}
	for _, tie := range acked.ties {
		if !ties[tie] {
			t.Fatalf("acknowledged tie %s → %s lost after SIGKILL", tie[0], tie[1])
		}
	}

	// The list agrees with its count.
	seen := map[string]bool{}
	total, after := -1, ""
	for {
		data, ok, err := p.do(`query Page($after: String) { people(first: 500, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
			map[string]any{"after": after})
		if err != nil || !ok {
			t.Fatalf("people page: ok=%v err=%v", ok, err)
		}
		var page struct {
			People struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct{ Node struct{ ID string } }
			}
		}
		if err := json.Unmarshal(data, &page); err != nil {
			t.Fatal(err)
		}
		total = page.People.TotalCount
		for _, e := range page.People.Edges {
			if seen[e.Node.ID] {
				t.Fatalf("person %s listed twice", e.Node.ID)
			}
			seen[e.Node.ID] = true
		}
		if !page.People.PageInfo.HasNextPage {
			break
		}
		after = page.People.PageInfo.EndCursor
	}
	if len(seen) != total || total < len(acked.people) {
		t.Fatalf("people: %d listed, totalCount %d, %d acknowledged", len(seen), total, len(acked.people))
	}
}

// checkStoreFile opens the database file directly and checks that its whole
// graph holds together: every acknowledged write is in it, and every tie
// joins two people that exist.
func checkStoreFile(t *testing.T, db string, acked *ackedWrites) {
	t.Helper()
	store, err := embedded.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := netgraph.WithCaller(context.Background(), netgraph.Caller{Subject: "test", Role: netgraph.RoleAdmin})
	people := map[string]bool{}
	ties := map[[2]string]bool{}
	_, err = store.ReadGraph(ctx, func(r netgraph.Record) error {
		switch {
		case r.Person != nil:
			people[r.Person.ID] = true
		case r.Tie != nil:
			if !people[r.Tie.From] || !people[r.Tie.To] {
				return fmt.Errorf("tie %s → %s joins a person who is not there", r.Tie.From, r.Tie.To)
			}
			ties[[2]string{r.Tie.From, r.Tie.To}] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id := range acked.people {
		if !people[id] {
			t.Errorf("acknowledged person %s not in the file", id)
		}
	}
	for _, tie := range acked.ties {
		if !ties[tie] {
			t.Errorf("acknowledged tie %s → %s not in the file", tie[0], tie[1])
		}
	}
}
