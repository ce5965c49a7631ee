package netgraph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
)

func TestNewIDIsUniqueAndSortsByCreation(t *testing.T) {
	ids := make([]string, 10000)
	for i := range ids {
		ids[i] = netgraph.NewID(netgraph.PersonIDPrefix)
	}
	if !slices.IsSorted(ids) {
		t.Fatal("ids made in sequence do not sort in sequence")
	}
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			t.Fatalf("duplicate id %s", ids[i])
		}
	}
	if !strings.HasPrefix(ids[0], "per_") || len(ids[0]) != 4+26 {
		t.Errorf("id %q: want per_ and 26 characters", ids[0])
	}
}
