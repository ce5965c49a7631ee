package edgelist

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/netgraph/netgraph/analysis"
)

// ReadAttendanceFile reads an attendance list (see ReadAttendance) from a file.
func ReadAttendanceFile(path string, delim rune) (*analysis.Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAttendance(f, path, delim)
}

// ReadAttendance reads who attended which event — a header naming the
// columns "person" and "event" (in any order, among any others), then one
// attendance a row — and returns the co-attendance network: people tied by
// the number of events they both attended, as the tie strength (NetworkX's
// bipartite.weighted_projected_graph). Everyone who attended is in the
// network, alone at their events or not; attending twice counts once.
//
// An event with k attendees makes k(k−1)/2 pairs, so a 1,000-person
// conference alone makes half a million: the projection is what the figures
// are of, and its size is the price.
//
// delim separates the columns (',', ';' or '\t'); zero tells it from the
// header line, as for edge lists (see DetectDelimiter).
func ReadAttendance(in io.Reader, name string, delim rune) (*analysis.Snapshot, error) {
	t, err := newTable(in, name, delim)
	if err != nil {
		return nil, err
	}
	person, event := -1, -1
	for i, h := range t.header {
		switch strings.ToLower(h) {
		case "person":
			person = i
		case "event":
			event = i
		}
	}
	if person < 0 || event < 0 {
		return nil, t.errorf("the header must name the columns person and event; it has %s", strings.Join(t.header, ", "))
	}

	// Attendees per event, in the order they first appear.
	var order []string
	attendees := map[string][]string{}
	b := analysis.NewBuilder(true)
	err = t.each(func(rec []string) error {
		p, e := rec[person], rec[event]
		switch {
		case p == "":
			return t.errorf("column %d (person): empty id", person+1)
		case e == "":
			return t.errorf("column %d (event): empty id", event+1)
		}
		if err := t.checkID(rec, person, "person"); err != nil {
			return err
		}
		if err := t.checkID(rec, event, "event"); err != nil {
			return err
		}
		b.AddPerson(p)
		if _, ok := attendees[e]; !ok {
			order = append(order, e)
		}
		attendees[e] = append(attendees[e], strings.Clone(p))
		return nil
	})
	if err != nil {
		return nil, err
	}

	shared := map[[2]string]int{}
	for _, e := range order {
		people := attendees[e]
		slices.Sort(people)
		people = slices.Compact(people)
		for i, a := range people {
			for _, c := range people[i+1:] {
				shared[[2]string{a, c}]++
			}
		}
	}
	pairs := make([][2]string, 0, len(shared))
	for p := range shared {
		pairs = append(pairs, p)
	}
	// Ties are added in a fixed order so that the snapshot is the same on
	// every run (map order is not).
	slices.SortFunc(pairs, func(x, y [2]string) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	for _, p := range pairs {
		if err := b.AddTie(p[0], p[1], float64(shared[p])); err != nil {
			return nil, &Error{File: name, Line: t.line, Err: fmt.Errorf("co-attendance network: %w", err)}
		}
	}
	return b.Build(), nil
}
