package main

import (
	"encoding/json"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestAnalyseBaseline checks `analyse --baseline` against NetworkX
// (testdata/change/comparison.json, written by analysis/testdata/change.py):
// an undirected network a year on, and two waves of a directed advice survey.
func TestAnalyseBaseline(t *testing.T) {
	raw, err := os.ReadFile("testdata/change/comparison.json")
	if err != nil {
		t.Fatal(err)
	}
	var fixture struct{ Want map[string]map[string]any }
	if err := json.Unmarshal(raw, &fixture); err != nil {
		t.Fatal(err)
	}
	for name, extra := range map[string][]string{"karate": nil, "advice": {"--directed"}} {
		t.Run(name, func(t *testing.T) {
			dir := "testdata/change/" + name
			args := append([]string{"analyse", "--edges", dir + "-after.csv", "--baseline", dir + "-before.csv",
				"--nodes", dir + "-nodes.csv", "--metrics", "degree", "--format", "json"}, extra...)
			code, out, stderr := runCommand(t, nil, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var got struct{ Comparison map[string]any }
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			want := fixture.Want[name]
			if len(got.Comparison) != len(want) {
				t.Errorf("keys %v, want %v", keys(got.Comparison), keys(want))
			}
			for k, w := range want {
				g := got.Comparison[k]
				if wf, ok := w.(float64); ok {
					if gf, ok := g.(float64); !ok || math.Abs(gf-wf) > 1e-15 {
						t.Errorf("%s = %v, want %v", k, g, w)
					}
					continue
				}
				if !reflect.DeepEqual(g, w) && !(isEmpty(g) && isEmpty(w)) {
					t.Errorf("%s = %v\nwant %v", k, g, w)
				}
			}
		})
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func isEmpty(v any) bool {
	l, ok := v.([]any)
	return v == nil || ok && len(l) == 0
}

// TestAnalyseAttendance: `analyse --attendance` gives the figures of the
// co-attendance network, the same as analysing NetworkX's weighted
// projection of the same attendance list as an edge list.
func TestAnalyseAttendance(t *testing.T) {
	run := func(args ...string) map[string]map[string]any {
		t.Helper()
		code, out, stderr := runCommand(t, nil, append([]string{"analyse", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var r struct{ Nodes []map[string]any }
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		byID := map[string]map[string]any{}
		for _, n := range r.Nodes {
			byID[n["id"].(string)] = n
		}
		return byID
	}
	got := run("--attendance", "../../edgelist/testdata/attendance.csv")
	want := run("--edges", "testdata/change/projection.csv", "--nodes", "testdata/change/projection-nodes.csv", "--weight", "weight")
	if len(got) != len(want) || len(got) < 30 {
		t.Fatalf("%d people, want %d", len(got), len(want))
	}
	compared := 0
	for id, w := range want {
		for k, wv := range w {
			wf, ok := wv.(float64)
			if !ok || k == "community" { // community labels depend on the order people are read in
				continue
			}
			gf, _ := got[id][k].(float64)
			if math.Abs(gf-wf) > 1e-9*math.Max(1, math.Abs(wf)) {
				t.Errorf("%s %s = %v, want %v", id, k, got[id][k], wv)
			}
			compared++
		}
	}
	if compared < 30*8 {
		t.Errorf("only %d figures compared", compared)
	}
}

func TestAnalyseNetworkInputUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{}, "--edges is required (or --attendance"},
		{[]string{"--edges", "a.csv", "--attendance", "b.csv"}, "give one"},
		{[]string{"--attendance", "b.csv", "--weight", "w"}, "--weight does not apply to --attendance"},
		{[]string{"--attendance", "b.csv", "--baseline", "c.csv"}, "--baseline compares edge lists"},
		{[]string{"--edges", "a.csv", "--directed"}, "--directed applies to brokerage roles (--group) and to the comparison with --baseline only"},
	} {
		code, _, stderr := runCommand(t, nil, append([]string{"analyse"}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d: %s", c.args, code, stderr)
		}
	}
}
