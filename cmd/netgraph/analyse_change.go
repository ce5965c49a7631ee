package main

import (
	"errors"

	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/edgelist"
)

// checkNetworkInput checks that analyse has one network to read: an edge
// list, or an attendance list (whose tie strengths are the events shared,
// so --weight does not apply, and whose people are everyone who attended).
func checkNetworkInput(edges, attendance, weight, nodes, baseline string) error {
	switch {
	case edges == "" && attendance == "":
		return usageError{errors.New("--edges is required (or --attendance for an attendance list)")}
	case edges != "" && attendance != "":
		return usageError{errors.New("--edges and --attendance both name the network: give one")}
	case attendance != "" && weight != "":
		return usageError{errors.New("--weight does not apply to --attendance: ties are weighted by the events shared")}
	case attendance != "" && nodes != "":
		return usageError{errors.New("--nodes does not apply to --attendance: its people are those who attended")}
	case attendance != "" && baseline != "":
		return usageError{errors.New("--baseline compares edge lists; it does not apply to --attendance")}
	}
	return nil
}

// readNetwork reads the network analyse works on.
func readNetwork(edges, attendance, nodes string, opts edgelist.Options) (*analysis.Snapshot, error) {
	if attendance == "-" && opts.Stdin != nil {
		return edgelist.ReadAttendance(opts.Stdin, "stdin", opts.Delimiter)
	}
	if attendance != "" {
		return edgelist.ReadAttendanceFile(attendance, opts.Delimiter)
	}
	return edgelist.ReadFiles(edges, nodes, opts)
}

// compareWithBaseline reads the baseline edge list with the same nodes file
// and options (weight column, delimiter) and compares it with the network
// read now.
func compareWithBaseline(now *analysis.Snapshot, baseline, nodes string, opts edgelist.Options, directed bool) (*analysis.Comparison, error) {
	before, err := edgelist.ReadFiles(baseline, nodes, opts)
	if err != nil {
		return nil, err
	}
	c := analysis.Compare(before, now, directed)
	return &c, nil
}
