package analysis_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/netgraph/netgraph/engine"
)

// TestResultTop: cutting a long analysis's lists to their first k (Result.Top)
// gives what an analysis asked for k gives, for the demo's whole graph and
// each of its networks, so that one cached analysis serves every list length
// (and "top 10" is the start of "top 50").
func TestResultTop(t *testing.T) {
	ctx := context.Background()
	store := seededDemo(t)
	scopes := demoNetworkScopes(t, store)
	long := engine.New(store, engine.Options{Seed: 1, Top: 50})
	for _, k := range []int{1, 10} {
		short := engine.New(store, engine.Options{Seed: 1, Top: k})
		for _, scope := range scopes {
			l, err := long.Analyse(ctx, scope)
			if err != nil {
				t.Fatal(err)
			}
			s, err := short.Analyse(ctx, scope)
			if err != nil {
				t.Fatal(err)
			}
			cut := l.Result.Top(k)
			for _, list := range []struct {
				name      string
				got, want any
			}{
				{"connectors", cut.Connectors, s.Result.Connectors},
				{"sponsors", cut.Sponsors, s.Result.Sponsors},
				{"introductions", cut.Introductions, s.Result.Introductions},
			} {
				if !reflect.DeepEqual(list.got, list.want) {
					t.Errorf("scope %+v, top %d: %s cut from top 50\n%+v\nwant\n%+v", scope, k, list.name, list.got, list.want)
				}
			}
		}
	}
}
