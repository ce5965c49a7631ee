// Command abuse runs each attack class of issue 10 against a real
// `netgraph serve` on loopback and checks that the server holds: every
// attack refused (or answered within its limits) in under 100 ms (95 in
// 100: the cores are shared), the
// server's memory under +200 MB after 100 refused 1 MB documents, a cheap
// concurrent query's p99 under 50 ms during the attacks, and the server
// healthy after. It prints the figures. .ci/abuse.sh builds and starts the
// server and runs it:
//
//	go run ./.ci/abuse -url http://127.0.0.1:PORT -pid PID -viewer KEY -admin KEY
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Bounds the attacks must keep to.
const (
	maxRefusal   = 100 * time.Millisecond
	maxRSSGrowth = 200 << 20
	maxCheapP99  = 50 * time.Millisecond
)

var (
	baseURL   = flag.String("url", "", "the server's base URL")
	pid       = flag.Int("pid", 0, "the server's process id, for its memory")
	viewerKey = flag.String("viewer", "", "a viewer's API key")
	adminKey  = flag.String("admin", "", "an admin's API key, to set up a large organisation")
	maxConns  = flag.Int("max-connections", 0, "the server's --max-connections")
)

var client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}

type result struct {
	status int
	body   []byte
	took   time.Duration
}

func (r result) codes() []string {
	var resp struct {
		Errors []struct {
			Extensions struct{ Code string } `json:"extensions"`
		} `json:"errors"`
	}
	json.Unmarshal(r.body, &resp)
	var out []string
	for _, e := range resp.Errors {
		out = append(out, e.Extensions.Code)
	}
	return out
}

func send(method, key, contentType string, body []byte, query url.Values) result {
	target := *baseURL + "/graphql"
	if query != nil {
		target += "?" + query.Encode()
	}
	req, _ := http.NewRequest(method, target, bytes.NewReader(body))
	if body == nil {
		req.Body = nil
	}
	req.Header.Set("Authorization", "Bearer "+key)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return result{status: -1, body: []byte(err.Error()), took: time.Since(start)}
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return result{status: res.StatusCode, body: b, took: time.Since(start)}
}

func post(key, query string, vars map[string]any) result {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return send(http.MethodPost, key, "application/json", b, nil)
}

var failures []string

func check(ok bool, format string, args ...any) {
	if !ok {
		failures = append(failures, fmt.Sprintf(format, args...))
		fmt.Printf("  FAIL "+format+"\n", args...)
	}
}

// attack sends a request n times (with a fresh comment where it is a
// document, so that no cache can help) and checks that each is refused, 95
// in 100 in under maxRefusal.
type attack struct {
	name   string
	n      int
	send   func(i int) result
	refuse func(r result) bool
}

func (a attack) run() {
	var took []time.Duration
	refused := 0
	for i := range a.n {
		r := a.send(i)
		took = append(took, r.took)
		if a.refuse(r) {
			refused++
		} else if refused+1 == i+1 {
			fmt.Printf("  %s: not refused: HTTP %d %.300s\n", a.name, r.status, r.body)
		}
	}
	slices.Sort(took)
	p95 := took[len(took)*95/100]
	fmt.Printf("%-34s %4d sent, %4d refused, median %7.2f ms, p95 %7.2f ms, max %7.2f ms\n", a.name, a.n, refused,
		ms(took[len(took)/2]), ms(p95), ms(took[len(took)-1]))
	check(refused == a.n, "%s: %d of %d refused", a.name, refused, a.n)
	// The 95th percentile, not the maximum: the machine's cores are
	// shared, and one scheduling pause is no finding.
	check(p95 < maxRefusal, "%s: p95 of refusals %v, want under %v", a.name, p95, maxRefusal)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func hasCode(want ...string) func(result) bool {
	return func(r result) bool {
		for _, c := range r.codes() {
			if slices.Contains(want, c) {
				return true
			}
		}
		return false
	}
}

func status(want int) func(result) bool { return func(r result) bool { return r.status == want } }

func rss() int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", *pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

func repeat(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
	}
	return b.String()
}

// bigOrganisation creates an organisation of n people as the admin and
// returns its id.
func bigOrganisation(n int) string {
	r := post(*adminKey, `mutation { createOrganisation(input: {name: "Abuse Trust", sector: NHS_TRUST}) { id } }`, nil)
	var out struct {
		Data struct{ CreateOrganisation struct{ ID string } }
	}
	json.Unmarshal(r.body, &out)
	org := out.Data.CreateOrganisation.ID
	for start := 0; start < n; start += 50 {
		q := "mutation {" + repeat(50, func(i int) string {
			return fmt.Sprintf(` p%d: createPerson(input: {name: "Abuse Person %d", title: "Nurse", profession: "Nurse"}) { id }`, i, start+i)
		}) + " }"
		var people struct {
			Data map[string]struct{ ID string }
		}
		json.Unmarshal(post(*adminKey, q, nil).body, &people)
		q = "mutation {" + repeat(50, func(i int) string {
			return fmt.Sprintf(` a%d: addAffiliation(personId: %q, organisationId: %q) { role }`, i, people.Data[fmt.Sprintf("p%d", i)].ID, org)
		}) + " }"
		post(*adminKey, q, nil)
	}
	return org
}

func main() {
	flag.Parse()
	if *baseURL == "" || *viewerKey == "" || *adminKey == "" {
		fmt.Fprintln(os.Stderr, "abuse: -url, -viewer and -admin are required")
		os.Exit(2)
	}
	start := time.Now()
	org := bigOrganisation(300)
	fmt.Printf("set up an organisation of 300 people in %v\n", time.Since(start).Round(time.Millisecond))

	// The cheap query, every 20 ms, all through the attacks.
	stop := make(chan struct{})
	var cheap []time.Duration
	var cheapFailed int
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				r := post(*viewerKey, `{ dataVersion }`, nil)
				if r.status != http.StatusOK || !bytes.Contains(r.body, []byte(`"dataVersion"`)) {
					cheapFailed++
				}
				cheap = append(cheap, r.took)
			}
		}
	})

	rssBefore := rss()
	typenames := "{" + strings.Repeat(" __typename", 30_000) + " }"
	mebibyte := "{" + strings.Repeat(" dataVersion", (1<<20-200)/12) + " }"
	oneField := "{" + strings.Repeat(" dataVersion", 2000) + " }"
	chain := "query { ...F0 }" + repeat(6000, func(i int) string {
		return fmt.Sprintf("\nfragment F%d on Query { v%d: dataVersion ...F%d }", i, i, i+1)
	}) + "\nfragment F6000 on Query { dataVersion }"
	aliasDoc := repeat(1, func(int) string {
		return "{" + repeat(60_000, func(i int) string { return fmt.Sprintf(" a%d: __typename", i) }) + " }"
	})[:1<<20-300]
	introspection := "{" + repeat(1500, func(i int) string {
		return fmt.Sprintf(" s%d: __schema { types { fields { args { name } } } }", i)
	}) + " }"
	listAttack := "query($o: ID!) {" + repeat(100, func(i int) string {
		return fmt.Sprintf(" o%d: organisation(id: $o) { people { id name title profession } }", i)
	}) + " }"
	directives := "{ dataVersion" + strings.Repeat(" @x", 15_000) + " }"
	fmt.Printf("\n%-34s %s\n", "attack", "figures (2 shared cores)")

	fresh := func(q string) func(i int) result {
		return func(i int) result { return post(*viewerKey, fmt.Sprintf("# %d\n%s", i, q), nil) }
	}
	tooBig := hasCode("QUERY_TOO_LARGE", "QUERY_TOO_COMPLEX", "QUERY_TOO_DEEP")
	for _, a := range []attack{
		{"30,000 __typename (330 KB)", 20, fresh(typenames), tooBig},
		{"1 MiB of fields", 20, fresh(mebibyte), tooBig},
		{"one field 2,000 times", 20, fresh(oneField), tooBig},
		{"chain of 6,000 fragments", 20, fresh(chain), tooBig},
		{"1,500 aliased introspections", 20, fresh(introspection), tooBig},
		{"unpaged list: 100 × 300 people", 20, func(i int) result {
			return post(*viewerKey, fmt.Sprintf("# %d\n%s", i, listAttack), map[string]any{"o": org})
		}, hasCode("QUERY_TOO_COMPLEX")},
		{"15,000 unknown directives", 20, fresh(directives), func(r result) bool {
			return len(r.codes()) <= 51 && len(r.body) < 64<<10
		}},
		{"duplicate query keys", 20, func(int) result {
			return send(http.MethodPost, *viewerKey, "application/json", []byte(`{"query":"{ dataVersion }","query":"{ people { totalCount } }"}`), nil)
		}, status(http.StatusBadRequest)},
		{"junk after the JSON body", 20, func(int) result {
			return send(http.MethodPost, *viewerKey, "application/json", []byte(`{"query":"{ dataVersion }"} junk`), nil)
		}, status(http.StatusBadRequest)},
		{"invalid UTF-8", 20, func(int) result {
			return send(http.MethodPost, *viewerKey, "application/json", []byte("{\"query\":\"{ people(filter: {region: \\\"\xff\\\"}) { totalCount } }\"}"), nil)
		}, status(http.StatusBadRequest)},
		{"mutation over GET", 20, func(int) result {
			return send(http.MethodGet, *viewerKey, "", nil, url.Values{"query": {`mutation { deletePerson(id: "x") }`}})
		}, hasCode("BAD_REQUEST")},
		{"Int variable 1.5", 20, func(int) result {
			return send(http.MethodPost, *viewerKey, "application/json", []byte(`{"query":"query($n: Int) { people(first: $n) { totalCount } }","variables":{"n":1.5}}`), nil)
		}, func(r result) bool {
			return bytes.Contains(r.body, []byte("$n")) && bytes.Contains(r.body, []byte("whole number"))
		}},
	} {
		a.run()
	}

	// Memory: 100 refused documents of 1 MB, all different.
	mem := attack{"100 refused 1 MB alias documents", 100, fresh(aliasDoc), tooBig}
	mem.run()
	rssAfter := rss()
	fmt.Printf("%-34s before %d MB, after %d MB, growth %+d MB\n", "server RSS", rssBefore>>20, rssAfter>>20, (rssAfter-rssBefore)>>20)
	check(rssAfter-rssBefore < maxRSSGrowth, "RSS grew by %d MB, want under %d MB", (rssAfter-rssBefore)>>20, maxRSSGrowth>>20)

	// Connections: idle keep-alive ones beyond the cap, and slow headers.
	if *maxConns > 0 {
		var idle []net.Conn
		for range *maxConns + 100 {
			c, err := net.Dial("tcp", strings.TrimPrefix(*baseURL, "http://"))
			if err != nil {
				break
			}
			fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
			http.ReadResponse(bufio.NewReader(c), nil)
			idle = append(idle, c)
		}
		r := post(*viewerKey, `{ dataVersion }`, nil)
		fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", *pid))
		fmt.Printf("%-34s %d opened, server holds %d descriptors, a new caller got HTTP %d in %.2f ms\n",
			"idle connections over the cap", len(idle), len(fds), r.status, ms(r.took))
		check(r.status == http.StatusOK, "a caller beside %d idle connections got HTTP %d", len(idle), r.status)
		check(len(fds) < *maxConns+64, "the server holds %d descriptors with a cap of %d connections", len(fds), *maxConns)
		for _, c := range idle {
			c.Close()
		}
	}

	close(stop)
	wg.Wait()
	slices.Sort(cheap)
	p99 := cheap[len(cheap)*99/100]
	fmt.Printf("%-34s %d sent, %d failed, median %.2f ms, p99 %.2f ms, max %.2f ms\n", "cheap query during the attacks",
		len(cheap), cheapFailed, ms(cheap[len(cheap)/2]), ms(p99), ms(cheap[len(cheap)-1]))
	check(cheapFailed == 0, "%d cheap queries failed", cheapFailed)
	check(p99 < maxCheapP99, "cheap query p99 %v, want under %v", p99, maxCheapP99)

	res, err := client.Get(*baseURL + "/readyz")
	healthy := err == nil && res.StatusCode == http.StatusOK
	r := post(*viewerKey, `{ people(first: 3) { totalCount edges { node { name } } } }`, nil)
	fmt.Printf("%-34s readyz %v, a page of people HTTP %d in %.2f ms\n", "after", healthy, r.status, ms(r.took))
	check(healthy && r.status == http.StatusOK && len(r.codes()) == 0, "server unhealthy after the attacks")

	fmt.Printf("\nabuse: %d checks failed, in %v\n", len(failures), time.Since(start).Round(time.Millisecond))
	if len(failures) > 0 {
		os.Exit(1)
	}
}
