package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// notCompacting is a store whose DeletePerson erases but then fails to
// compact, as the embedded store does on a full disk.
type notCompacting struct{ *graphReadCounter }

func (s notCompacting) DeletePerson(ctx context.Context, id string) error {
	if err := s.graphReadCounter.DeletePerson(ctx, id); err != nil {
		return err
	}
	return fmt.Errorf("embedded: erase person %s: %w: no space left on device", id, netgraph.ErrErasedNotCompacted)
}

// TestDeletePersonErasedButNotCompacted checks that deletePerson says the
// person is erased when the store erased them but could not compact its
// file (issue 10, item 7): the field is true, an UNAVAILABLE error says what
// is left to do, and the cached analyses are purged as on any erasure.
func TestDeletePersonErasedButNotCompacted(t *testing.T) {
	counter := &graphReadCounter{Store: embeddedtest.MustOpenTemp(t)}
	c, _ := newAnalysisClient(t, notCompacting{counter})
	cat := c.createPerson("Cat")
	const query = `{ people(first: 10) { edges { node { id metrics { degree } } } } }`
	c.data(query, nil)
	version, err := strconv.ParseUint(c.dataVersion(), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	counter.frozen.Store(version) // only a purge makes the engine read again
	reads := counter.graphReads.Load()

	_, resp := c.post(context.Background(), `mutation($id: ID!) { deletePerson(id: $id) }`, map[string]any{"id": cat})
	var data struct{ DeletePerson bool }
	if err := json.Unmarshal(resp.Data, &data); err != nil || !data.DeletePerson {
		t.Errorf("data %s, want deletePerson true: the person is erased", resp.Data)
	}
	if len(resp.Errors) != 1 || resp.Errors[0].code() != "UNAVAILABLE" || !strings.Contains(resp.Errors[0].Message, "is erased") ||
		strings.Contains(resp.Errors[0].Message, "no space") {
		t.Errorf("errors %+v, want one UNAVAILABLE saying the person is erased (and not the store's detail)", resp.Errors)
	}
	c.data(`{ centrality(metric: DEGREE) { score } }`, nil)
	if n := counter.graphReads.Load(); n != reads+1 {
		t.Errorf("graph read %d times after the erasure, want once: the engine's cache was not purged", n-reads)
	}
}
