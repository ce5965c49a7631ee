package edgelist_test

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/edgelist"
)

// TestReadAttendance checks the co-attendance network against NetworkX's
// bipartite.weighted_projected_graph (testdata/attendance.json, written by
// analysis/testdata/change.py from testdata/attendance.csv).
func TestReadAttendance(t *testing.T) {
	raw, err := os.ReadFile("testdata/attendance.json")
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		People []string
		Ties   [][3]any
	}
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	g, err := edgelist.ReadAttendanceFile("testdata/attendance.csv", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(slices.Values(g.IDs())); !slices.Equal(got, want.People) {
		t.Errorf("people %v\nwant %v", got, want.People)
	}
	if g.M() != len(want.Ties) {
		t.Errorf("%d ties, want %d", g.M(), len(want.Ties))
	}
	if !g.Weighted() {
		t.Error("not weighted")
	}
	for _, tie := range want.Ties {
		a, _ := g.Index(tie[0].(string))
		b, _ := g.Index(tie[1].(string))
		i := slices.Index(g.Neighbors(a), int32(b))
		if i < 0 {
			t.Errorf("tie %v missing", tie)
			continue
		}
		if got := g.Strengths(a)[i]; got != tie[2].(float64) {
			t.Errorf("tie %s–%s strength %v, want %v events", tie[0], tie[1], got, tie[2])
		}
	}
}

func TestReadAttendance_Errors(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"NoHeader":     {"", "attendance.csv line 1: missing header row"},
		"NoEventCol":   {"person,date\na,b\n", "attendance.csv line 1: the header must name the columns person and event; it has person, date"},
		"EmptyPerson":  {"person,event\na,e1\n,e1\n", "attendance.csv line 3: column 1 (person): empty id"},
		"EmptyEvent":   {"event,person\ne1,a\n,b\n", "attendance.csv line 3: column 1 (event): empty id"},
		"ShortRow":     {"person,event\na\n", "attendance.csv line 2: the header has 2 columns but this row has 1"},
		"UnclosedQuot": {"person,event\n\"a,e1\n", "attendance.csv line 2"},
		"NULInPerson":  {"person,event\na\x00,e1\n", `attendance.csv line 2: column 1 (person): id "a\x00" holds a control character (U+0000) at character 2`},
		"BidiInEvent":  {"event,person\ne\u2066,a\n", `attendance.csv line 2: column 1 (event): id "e\u2066" holds an invisible or text-direction character (U+2066) at character 2`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := edgelist.ReadAttendance(strings.NewReader(c.in), "attendance.csv", 0)
			var lineErr *edgelist.Error
			if !errors.As(err, &lineErr) || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("error %v, want one starting %q", err, c.want)
			}
		})
	}
}

// TestReadAttendance_Delimiter: a named delimiter is used as named (a
// comma is then data); zero tells a semicolon-separated file from its
// header line.
func TestReadAttendance_Delimiter(t *testing.T) {
	const in = "person;event;note\na;e1;x,y\nb;e1;z\n"
	g, err := edgelist.ReadAttendance(strings.NewReader(in), "attendance.csv", ';')
	if err != nil {
		t.Fatal(err)
	}
	if g.N() != 2 || g.M() != 1 {
		t.Errorf("with ';' named: %d people, %d ties; want 2 people tied once", g.N(), g.M())
	}
	if _, err := edgelist.ReadAttendance(strings.NewReader(in), "attendance.csv", '\t'); err == nil {
		t.Error("with tab named, a file without tabs was read; want the header refused")
	}
	g, err = edgelist.ReadAttendance(strings.NewReader("person;event\na;e1\nb;e1\n"), "attendance.csv", 0)
	if err != nil || g.N() != 2 || g.M() != 1 {
		t.Errorf("semicolons told from the header: %v, %v", g, err)
	}
}
