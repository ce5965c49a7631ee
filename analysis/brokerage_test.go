package analysis

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"
)

// brokerageReference is one network of testdata/brokerage.json, written by
// testdata/brokerage.R with R's sna::brokerage. Score rows are in sna's
// column order: w_I, w_O, b_IO, b_OI, b_O, t.
type brokerageReference struct {
	Name     string              `json:"name"`
	Directed bool                `json:"directed"`
	Nodes    []string            `json:"nodes"`
	Group    []string            `json:"group"`
	Ties     [][2]int32          `json:"ties"`
	Raw      [][6]referenceFloat `json:"raw"`
	Expected [][6]referenceFloat `json:"expected"`
	SD       [][6]referenceFloat `json:"sd"`
	Z        [][6]referenceFloat `json:"z"`
}

// referenceFloat is a number, or one of the strings "NaN", "Inf", "-Inf".
type referenceFloat float64

func (f *referenceFloat) UnmarshalJSON(data []byte) error {
	var s string
	if json.Unmarshal(data, &s) == nil {
		x, err := strconv.ParseFloat(s, 64)
		*f = referenceFloat(x)
		return err
	}
	return json.Unmarshal(data, (*float64)(f))
}

func loadBrokerageReference(t *testing.T) []brokerageReference {
	t.Helper()
	data, err := os.ReadFile("testdata/brokerage.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Networks []brokerageReference `json:"networks"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Networks) < 4 {
		t.Fatalf("fixture holds %d networks", len(file.Networks))
	}
	return file.Networks
}

// digraph is the reference network as brokerage reads it: directed
// networks from each tie's direction, undirected ones read both ways.
func (r *brokerageReference) digraph(t *testing.T) (*Digraph, []int32, []string) {
	t.Helper()
	g := directedSnapshot(t, r.Nodes, r.Ties)
	d := BothWays(g)
	if r.Directed {
		d = DirectedTies(g)
	}
	group, groups := labelGroups(r.Group)
	return d, group, groups
}

// directedSnapshot is a snapshot of people with the given ids and a tie
// from a to c for every arc {a, c}.
func directedSnapshot(t *testing.T, ids []string, arcs [][2]int32) *Snapshot {
	t.Helper()
	b := NewBuilder(false)
	for _, id := range ids {
		b.AddPerson(id)
	}
	for _, e := range arcs {
		if err := b.AddTie(ids[e[0]], ids[e[1]], 1); err != nil {
			t.Fatal(err)
		}
	}
	return b.Build()
}

// labelGroups numbers the distinct names in order of first appearance.
func labelGroups(names []string) ([]int32, []string) {
	var groups []string
	group := make([]int32, len(names))
	for v, name := range names {
		i := slices.Index(groups, name)
		if i < 0 {
			i = len(groups)
			groups = append(groups, name)
		}
		group[v] = int32(i)
	}
	return group, groups
}

func TestBrokerageMatchesSNA(t *testing.T) {
	for _, r := range loadBrokerageReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			d, group, groups := r.digraph(t)
			br, err := ComputeBrokerage(context.Background(), d, group, groups)
			if err != nil {
				t.Fatal(err)
			}
			if br.Directed != r.Directed {
				t.Errorf("Directed = %v; want %v", br.Directed, r.Directed)
			}
			for _, f := range []struct {
				name string
				got  []BrokerageScores
				want [][6]referenceFloat
			}{{"raw", br.Raw, r.Raw}, {"expected", br.Expected, r.Expected}, {"sd", br.SD, r.SD}, {"z", br.Z, r.Z}} {
				for v := range r.Nodes {
					got := f.got[v].roles()
					for i, want := range f.want[v] {
						if !sameFloat(*got[i], float64(want), 1e-9) {
							t.Errorf("person %s %s[%d] = %v; sna %v", r.Nodes[v], f.name, i, *got[i], want)
						}
					}
				}
			}
		})
	}
}

// sameFloat compares within a relative tolerance, NaN equal to NaN and
// infinities to themselves.
func sameFloat(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
		return math.IsNaN(a) && math.IsNaN(b) || a == b
	}
	return math.Abs(a-b) <= tol*max(1, math.Abs(b))
}

func TestBrokerageReasons(t *testing.T) {
	// Two State agency staff (0, 1) both tied to 2, who is tied to two
	// charity staff (3, 4); 1 also knows 3. Directed: 0 → 2, 1 → 2,
	// 2 → 3, 2 → 4, 1 → 3, 3 → 5, 4 → 5 (5 a charity).
	d := DirectedTies(directedSnapshot(t, []string{"0", "1", "2", "3", "4", "5"},
		[][2]int32{{0, 2}, {1, 2}, {2, 3}, {2, 4}, {1, 3}, {3, 5}, {4, 5}}))
	groups := []string{"State agencies", "Charities"}
	group := []int32{0, 0, 0, 1, 1, 1}
	br, err := ComputeBrokerage(context.Background(), d, group, groups)
	if err != nil {
		t.Fatal(err)
	}
	// 2 brokers 0→3, 0→4, 1→4 (1→3 is direct): representative, 3 pairs.
	if got := br.Raw[2]; got != (BrokerageScores{Representative: 3, Total: 3}) {
		t.Errorf("person 2: %+v", got)
	}
	// 3 and 4 broker 2→5: gatekeepers; 3 also 1→5.
	if got := br.Raw[3]; got != (BrokerageScores{Gatekeeper: 2, Total: 2}) {
		t.Errorf("person 3: %+v", got)
	}
	for _, tc := range []struct {
		v    int
		want []string
	}{
		{2, []string{"brokers 3 contacts from State agencies out to others"}},
		{3, []string{"brokers 2 contacts from others into Charities"}},
		{4, []string{"brokers 1 contact from others into Charities"}},
		{0, nil},
	} {
		if got := br.Reasons[tc.v]; !slices.Equal(got, tc.want) {
			t.Errorf("person %d: reasons %q; want %q", tc.v, got, tc.want)
		}
	}

	// Undirected: said so, and each pair counts both ways.
	g := snapshotOf(3, [2]int{0, 1}, [2]int{1, 2})
	br, err = ComputeBrokerage(context.Background(), BothWays(g), []int32{0, 1, 0}, []string{"Library", "NHS trust"})
	if err != nil {
		t.Fatal(err)
	}
	if got := br.Raw[1]; got != (BrokerageScores{Itinerant: 2, Total: 2}) {
		t.Errorf("undirected broker: %+v", got)
	}
	if want := "brokers 2 contacts within Library, from outside it (ties read both ways)"; !slices.Equal(br.Reasons[1], []string{want}) {
		t.Errorf("undirected reason %q; want %q", br.Reasons[1], want)
	}
}

func TestBrokerageBadInput(t *testing.T) {
	d := DirectedTies(directedSnapshot(t, []string{"a", "b"}, [][2]int32{{0, 1}, {0, 1}}))
	if d.Arcs() != 1 || len(d.Out(0)) != 1 || len(d.In(1)) != 1 || len(d.Out(1)) != 0 {
		t.Errorf("a repeated tie a→b: %d arcs, out(a) %v, in(b) %v, out(b) %v", d.Arcs(), d.Out(0), d.In(1), d.Out(1))
	}
	if both := DirectedTies(directedSnapshot(t, []string{"a", "b"}, [][2]int32{{0, 1}, {1, 0}})); both.Arcs() != 2 {
		t.Errorf("a pair tied both ways: %d arcs", both.Arcs())
	}
	if _, err := ComputeBrokerage(context.Background(), d, []int32{0}, []string{"a"}); err == nil {
		t.Error("too few labels accepted")
	}
	if _, err := ComputeBrokerage(context.Background(), d, []int32{0, 1}, []string{"a"}); err == nil {
		t.Error("label out of range accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := clusteredNetwork(2000, 3, 0.3, 1)
	if _, err := ComputeBrokerage(ctx, BothWays(big), make([]int32, big.N()), []string{"all"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
