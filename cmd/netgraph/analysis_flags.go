package main

import (
	"flag"
	"fmt"

	"github.com/netgraph/netgraph/report"
)

// analysisFlags are the flags analyse and report share: the output format,
// the length of lists, the seed and when betweenness is sampled.
type analysisFlags struct {
	format      string
	top         int
	seed        uint64
	sampleAbove int
}

// register defines the flags on fs, with the command's default format and
// sampling threshold.
func (f *analysisFlags) register(fs *flag.FlagSet, format string, sampleAbove int) {
	fs.StringVar(&f.format, "format", format, "output: json, csv, table (top people per metric), markdown, html (one page with a map of the network and plots), gexf (Gephi) or graphml (Cytoscape, igraph)")
	fs.IntVar(&f.top, "top", report.DefaultTop, "people per metric or ranking; length of role and introduction lists")
	fs.Uint64Var(&f.seed, "seed", 0, "seed for Louvain and betweenness sampling, so runs repeat exactly")
	fs.IntVar(&f.sampleAbove, "sample-above", sampleAbove, "estimate betweenness by sampling above this many people (0: always exact)")
}

// check checks the parsed flags and returns the output format.
func (f *analysisFlags) check() (report.Format, error) {
	format, err := report.ParseFormat(f.format)
	if err != nil {
		return "", usageError{fmt.Errorf("--format: %w", err)}
	}
	if f.top < 1 {
		return "", usageError{fmt.Errorf("--top must be at least 1 (got %d)", f.top)}
	}
	if f.sampleAbove < 0 {
		return "", usageError{fmt.Errorf("--sample-above must not be negative (got %d)", f.sampleAbove)}
	}
	return format, nil
}
