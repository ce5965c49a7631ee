package graph_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// TestCommunityNames checks that a community is named by what its members
// share wherever it appears: Query.communities (with what the name is made
// of), Person.metrics, the scope's map and the network's health; a
// community whose members share nothing is "community N".
func TestCommunityNames(t *testing.T) {
	c := newClientConfig(t, graph.Config{Store: embeddedtest.MustOpenTemp(t), MaxComplexity: 1 << 30}, &syncBuffer{})
	w := newSmallWorld(c)

	type shared struct {
		Kind, Value string
		Members     int
	}
	var out struct {
		Communities []struct {
			ID       int
			Name     string
			SharedBy []shared
			Members  struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		NetworkHealth struct{ CommunityNames []string }
		ScopeGraph    struct {
			People struct {
				Nodes []struct {
					ID, CommunityName string
					Community         int
				}
			}
		}
	}
	c.do(`{
	  communities { id name sharedBy { kind value members } members(first: 50) { edges { node { id } } } }
	  networkHealth { communityNames }
	  scopeGraph { people { nodes { id community communityName } } }
	}`, nil, &out)

	nameOf := map[string]string{} // person → their community's name
	var names []string
	for _, cm := range out.Communities {
		names = append(names, cm.Name)
		var members []string
		for _, e := range cm.Members.Edges {
			members = append(members, e.Node.ID)
			nameOf[e.Node.ID] = cm.Name
		}
		switch {
		case slices.Contains(members, w.dan):
			// cat and dan work at the library, and only they, or the
			// library is not what most members share.
			if want := []shared{{"ORGANISATION", "City Library", 2}}; len(members) == 2 && (cm.Name != "City Library" || !slices.Equal(cm.SharedBy, want)) {
				t.Errorf("community of %q: %q made of %+v; want City Library", members, cm.Name, cm.SharedBy)
			}
		case slices.Contains(members, w.ann):
			if cm.Name != "North Trust" || len(cm.SharedBy) != 1 || cm.SharedBy[0].Kind != "ORGANISATION" {
				t.Errorf("community of ann %q: %q made of %+v; want North Trust", members, cm.Name, cm.SharedBy)
			}
		case slices.Contains(members, w.eve):
			if want := "community " + strconv.Itoa(cm.ID); cm.Name != want || len(cm.SharedBy) != 0 {
				t.Errorf("eve's community %d: %q made of %+v; want %q", cm.ID, cm.Name, cm.SharedBy, want)
			}
		}
	}
	t.Logf("communities %q", names)
	if !slices.Equal(out.NetworkHealth.CommunityNames, names) {
		t.Errorf("health names %q; communities %q", out.NetworkHealth.CommunityNames, names)
	}
	for _, p := range out.ScopeGraph.People.Nodes {
		if p.CommunityName != nameOf[p.ID] || p.CommunityName != names[p.Community] {
			t.Errorf("map: %s in community %d %q; communities say %q", p.ID, p.Community, p.CommunityName, nameOf[p.ID])
		}
	}
	for _, id := range []string{w.ann, w.dan, w.eve} {
		var m struct {
			Person struct {
				Metrics struct {
					Community     int
					CommunityName string
				}
			}
		}
		c.do(`query($id: ID!) { person(id: $id) { metrics { community communityName } } }`, map[string]any{"id": id}, &m)
		if got := m.Person.Metrics; got.CommunityName != nameOf[id] || got.CommunityName != names[got.Community] {
			t.Errorf("metrics of %s: community %d %q; want %q", id, got.Community, got.CommunityName, nameOf[id])
		}
	}
}
