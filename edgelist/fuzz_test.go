package edgelist_test

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/edgelist"
)

// FuzzRead checks that Read never panics, that whatever it accepts is a
// well-formed snapshot holding every person named in a tie, and that whatever
// it rejects is blamed on a line.
func FuzzRead(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.[ct]sv"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed files in testdata: %v", err)
	}
	people, err := os.ReadFile(filepath.Join("testdata", "people.csv"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, []byte(nil), "")
		f.Add(data, people, "strength")
	}
	f.Add([]byte("s,t,w\na,b,1e400\n\"c\",d,2\n"), []byte("id\n\n x \n"), "w")
	f.Add([]byte("1,2\n2,3\n"), []byte(nil), "")                                   // no header
	f.Add([]byte("ann,bob\nbob,cy\n"), []byte("ann\n"), "")                        // no header, in either file
	f.Add([]byte("\uFEFF\n\"a;b\";to\tx\nc;d\te\n"), []byte("id;name\nc;C\n"), "") // separators in quotes

	f.Fuzz(func(t *testing.T, edges, nodes []byte, weight string) {
		opts := edgelist.Options{Weight: weight}
		if len(nodes) > 0 {
			opts.Nodes = bytes.NewReader(nodes)
		}
		g, err := edgelist.Read(bytes.NewReader(edges), opts)
		if err != nil {
			if !strings.Contains(err.Error(), "line ") {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		checkSnapshot(t, g)
		for id := range tiedIDs(t, edges) {
			v, ok := g.Index(id)
			if !ok || g.Degree(v) == 0 {
				t.Fatalf("person %q has a tie in the file but not in the snapshot", id)
			}
		}
	})
}

// tiedIDs returns the ids in the first two columns of every row after the
// header of an edge list Read accepted, parsed independently of Read.
func tiedIDs(t *testing.T, edges []byte) map[string]bool {
	r := csv.NewReader(bytes.NewReader(edges))
	r.Comma = edgelist.DetectDelimiter(edges)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("Read accepted a file encoding/csv rejects: %v", err)
	}
	ids := make(map[string]bool)
	header := true
	for _, row := range rows {
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		if header {
			header = false
			continue
		}
		ids[strings.TrimSpace(row[0])] = true
		ids[strings.TrimSpace(row[1])] = true
	}
	return ids
}

// checkSnapshot checks every neighbour list: in range, sorted, no self-ties,
// symmetric, and with valid strengths.
func checkSnapshot(t *testing.T, g *analysis.Snapshot) {
	ends := 0
	for v := range g.N() {
		nb, st := g.Neighbors(v), g.Strengths(v)
		if len(nb) != g.Degree(v) || len(st) != len(nb) {
			t.Fatalf("person %d: %d neighbours, degree %d, %d strengths", v, len(nb), g.Degree(v), len(st))
		}
		for k, w := range nb {
			switch {
			case w < 0 || int(w) >= g.N():
				t.Fatalf("person %d: neighbour %d out of range", v, w)
			case int(w) == v:
				t.Fatalf("person %d tied to themself", v)
			case k > 0 && nb[k-1] >= w:
				t.Fatalf("person %d: neighbours not strictly ascending: %v", v, nb)
			case !slices.Contains(g.Neighbors(int(w)), int32(v)):
				t.Fatalf("tie %d–%d is not symmetric", v, w)
			case !(st[k] > 0) || math.IsInf(st[k], 0) || (!g.Weighted() && st[k] != 1):
				t.Fatalf("tie %d–%d has strength %v (weighted %v)", v, w, st[k], g.Weighted())
			}
		}
		ends += len(nb)
	}
	if ends != 2*g.M() {
		t.Fatalf("%d tie ends for %d ties", ends, g.M())
	}
}
