package edgelist_test

import (
	"maps"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/edgelist"
)

// TestReadColumn: Options.Column passes one column of the nodes file per
// person; the other columns stay ignored.
func TestReadColumn(t *testing.T) {
	values := map[int]string{}
	g, err := edgelist.Read(strings.NewReader("source,target\nb,a\nc,b\na,b\n"), edgelist.Options{
		Nodes:    strings.NewReader("id,notes,region\na,x,North East\nb,y,\n"),
		Column:   "region",
		OnColumn: func(v int, value string) { values[v] = value },
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
	if g.N() != 3 || g.M() != 2 {
		t.Errorf("%d people, %d ties; want 3 and 2", g.N(), g.M())
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
