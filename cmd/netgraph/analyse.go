package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/edgelist"
	"github.com/netgraph/netgraph/report"
)

func init() {
	register(command{name: "analyse", summary: "analyse a network read from CSV edge and node lists", run: runAnalyse})
}

// runAnalyse runs `netgraph analyse`: read the CSV files, analyse, print.
func runAnalyse(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "analyse", `Reads a network from a CSV edge list (a header row, then one tie per row: the
first two columns are the people it joins) and prints its metrics to stdout.
--format json is the contract other programs read: {"graph", "nodes",
"introductions", "provenance"}, each node with only the metrics computed.`)
	edges := fs.String("edges", "", "CSV edge list to read (required)")
	nodes := fs.String("nodes", "", "optional CSV list of people (id in the first column), so people without ties count")
	weight := fs.String("weight", "", "edge-list column holding tie strengths (default: unweighted)")
	metrics := fs.String("metrics", "", "comma-separated metrics to compute (default all): "+analysis.AllMetrics.String())
	intros := fs.Bool("introductions", false, "suggest introductions even when only some metrics are asked for (always with all metrics)")
	var af analysisFlags
	af.register(fs, "json", 0)
	if err := parseFlags(fs, args, env.Getenv); err != nil {
		return err
	}
	if *edges == "" {
		return usageError{errors.New("--edges is required")}
	}
	set, err := analysis.ParseMetrics(*metrics)
	if err != nil {
		return usageError{fmt.Errorf("--metrics: %w", err)}
	}
	f, err := af.check()
	if err != nil {
		return err
	}

	g, err := edgelist.ReadFiles(*edges, *nodes, edgelist.Options{Weight: *weight})
	if err != nil {
		return err
	}
	// Everything asked for: roles and introductions come almost free, the
	// metrics they need being computed anyway.
	all := set == 0 || set == analysis.AllMetrics
	res, err := analysis.Analyse(ctx, g, analysis.Options{
		Metrics:       set,
		Seed:          af.seed,
		SampleAbove:   af.sampleAbove,
		Roles:         all,
		Introductions: all || *intros,
		Top:           af.top,
	})
	if err != nil {
		return err
	}
	return report.Write(env.Stdout, f, &report.Report{
		Snapshot: g, Result: res, Source: *edges, Roles: all, Introductions: all || *intros, Top: af.top, Seed: af.seed,
	})
}
