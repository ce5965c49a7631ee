package edgelist_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/edgelist"
)

// TestReadColumnAndDirection: Options.Column passes one column of the nodes
// file per person, and OnTie each row's direction, which the snapshot drops.
func TestReadColumnAndDirection(t *testing.T) {
	values := map[int]string{}
	var arcs [][2]int
	g, err := edgelist.Read(strings.NewReader("source,target\nb,a\nc,b\na,b\n"), edgelist.Options{
		Nodes:    strings.NewReader("id,notes,region\na,x,North East\nb,y,\n"),
		Column:   "region",
		OnColumn: func(v int, value string) { values[v] = value },
		OnTie:    func(s, c int) { arcs = append(arcs, [2]int{s, c}) },
	})
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]string{}
	for v, value := range values {
		named[g.ID(v)] = value
	}
	if want := map[string]string{"a": "North East", "b": ""}; !maps.Equal(named, want) {
		t.Errorf("column values %v; want %v", named, want)
	}
	var got []string
	for _, a := range arcs {
		got = append(got, g.ID(a[0])+">"+g.ID(a[1]))
	}
	if want := []string{"b>a", "c>b", "a>b"}; !slices.Equal(got, want) {
		t.Errorf("rows %v; want %v", got, want)
	}
	if g.M() != 2 {
		t.Errorf("%d ties; want 2 (b>a and a>b are one tie)", g.M())
	}

	for _, tc := range []struct{ column, want string }{
		{"sector", `node list line 1: no column "sector" in the header (id, notes, region)`},
		{"id", `node list line 1: column "id" is the id column`},
	} {
		_, err := edgelist.Read(strings.NewReader("source,target\na,b\n"), edgelist.Options{
			Nodes: strings.NewReader("id,notes,region\na,x,y\n"), Column: tc.column,
		})
		if err == nil || err.Error() != tc.want {
			t.Errorf("column %q: %v; want %s", tc.column, err, tc.want)
		}
	}
}
