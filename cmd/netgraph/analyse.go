package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"

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
first two columns are the people it joins; "-" reads it from stdin) and prints
its metrics to stdout. Columns are separated by commas, semicolons or tabs,
told from each file's header line unless --delimiter names one. A first row
that looks like data (numbers, or ids of people in the network) is refused:
the files need a header.
--format json is the contract other programs read: {"graph", "nodes",
"introductions", "provenance"}, each node with only the metrics computed.`)
	edges := fs.String("edges", "", "CSV edge list to read, - for stdin (required unless --attendance)")
	attendance := fs.String("attendance", "", "CSV of who attended which event (columns person, event), instead of --edges: analyses the co-attendance network, people tied by the number of events they shared")
	baseline := fs.String("baseline", "", "CSV edge list of the same network earlier: adds \"comparison\", how it changed since (--nodes and --directed apply to both)")
	nodes := fs.String("nodes", "", "optional CSV list of people (id in the first column), so people without ties count; its columns name (or label) and organisation give names and organisations to the output, reasons and roles; organisation, profession and region name communities")
	delimiter := fs.String("delimiter", "", `column separator of every file: "," ";" or "tab" (default: told from each file's header line)`)
	weight := fs.String("weight", "", "edge-list column holding tie strengths (default: unweighted)")
	metrics := fs.String("metrics", "", "comma-separated metrics to compute (default all): "+analysis.AllMetrics.String())
	intros := fs.Bool("introductions", false, "suggest introductions even when only some metrics are asked for (always with all metrics)")
	groupBy := fs.String("group", "", "nodes-file column grouping people (organisation, region, ...): adds brokerage roles per person (people without a value are grouped as \"no COLUMN\")")
	directed := fs.Bool("directed", false, "with --group: each edge row is a tie from source to target (default: ties are read both ways)")
	whatIf := fs.String("what-if", "", "comma-separated ids of people: adds what becomes of the network if they leave (\"whatIf\")")
	keyPlayers := fs.Int("key-players", 0, "adds the K people whose leaving would fragment the network most, chosen greedily (\"keyPlayers\")")
	var af analysisFlags
	af.register(fs, "json", 0)
	if err := parseFlags(fs, args, env.Getenv); err != nil {
		return err
	}
	if err := checkNetworkInput(*edges, *attendance, *weight, *nodes, *baseline); err != nil {
		return err
	}
	set, err := analysis.ParseMetrics(*metrics)
	if err != nil {
		return usageError{fmt.Errorf("--metrics: %w", err)}
	}
	f, err := af.check()
	if err != nil {
		return err
	}
	switch {
	case *groupBy != "" && *nodes == "":
		return usageError{errors.New("--group names a column of the --nodes file, which is missing")}
	case *directed && *groupBy == "" && *baseline == "":
		return usageError{errors.New("--directed applies to brokerage roles (--group) and to the comparison with --baseline only")}
	case *keyPlayers < 0:
		return usageError{fmt.Errorf("--key-players must be at least 1 (got %d)", *keyPlayers)}
	}

	delim, err := parseDelimiter(*delimiter)
	if err != nil {
		return err
	}
	if *baseline == "-" && (*edges == "-" || *nodes == "-") || *nodes == "-" && *baseline != "" {
		return usageError{errors.New("stdin (-) can be read once: --baseline and --nodes read the nodes file again, and only one of the files can be -")}
	}

	progress := newProgress(env.Stderr)
	defer progress.Done()
	progress.Stage("reading " + cmp.Or(*edges, *attendance))
	names := map[string]string{}
	opts := edgelist.Options{Weight: *weight, Delimiter: delim, Names: names, Stdin: env.Stdin}
	var groupOf map[int]string
	if *groupBy != "" {
		groupOf = map[int]string{}
		opts.Column, opts.OnColumn = *groupBy, func(v int, value string) { groupOf[v] = value }
	}
	g, err := readNetwork(*edges, *attendance, *nodes, opts)
	if err != nil {
		return err
	}
	leaving, err := peopleLeaving(g, *whatIf)
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
		Progress:      progress.Steps(fmt.Sprintf("analysing %d people", g.N())),
	})
	if err != nil {
		return err
	}
	progress.Done()
	rep := &report.Report{
		Snapshot: g, Result: res, Source: cmp.Or(*edges, *attendance), Roles: all, Introductions: all || *intros, Top: af.top, Seed: af.seed,
	}
	if len(names) > 0 || hasOrganisations(g) {
		rep.Names = names // the outputs then show names and organisations
	}
	if *groupBy != "" {
		if rep.Brokerage, err = brokerage(ctx, g, *directed, groupOf, *groupBy); err != nil {
			return err
		}
		rep.GroupBy = *groupBy
	}
	if rep.Fragmentation, err = fragmentation(ctx, g, res); err != nil {
		return err
	}
	if leaving != nil {
		w, err := analysis.WhatIfLeft(ctx, g, leaving)
		if err != nil {
			return err
		}
		rep.WhatIf = &w
	}
	if *keyPlayers > 0 {
		k, err := analysis.KeyPlayersFragment(ctx, g, *keyPlayers)
		if err != nil {
			return err
		}
		rep.KeyPlayers = &k
	}
	if *baseline != "" {
		if rep.Comparison, err = compareWithBaseline(g, *baseline, *nodes, edgelist.Options{Weight: *weight, Delimiter: delim, Stdin: env.Stdin}, *directed); err != nil {
			return err
		}
	}
	return report.Write(env.Stdout, f, rep)
}

// parseDelimiter reads --delimiter: "," ";" or a tab ("tab" or "\t"), or
// empty to tell each file's from its header line.
func parseDelimiter(s string) (rune, error) {
	switch s {
	case "":
		return 0, nil
	case ",", "comma":
		return ',', nil
	case ";", "semicolon":
		return ';', nil
	case "\t", `\t`, "tab":
		return '\t', nil
	}
	return 0, usageError{fmt.Errorf(`--delimiter %q: use "," ";" or "tab"`, s)}
}

// hasOrganisations reports whether anyone in g has an organisation (from
// the nodes file).
func hasOrganisations(g *analysis.Snapshot) bool {
	for v := range g.N() {
		if len(g.Profile(v).Organisations) > 0 {
			return true
		}
	}
	return false
}

// peopleLeaving returns the people named by --what-if (nil when it is
// empty), or a usage error naming an id not in the network.
func peopleLeaving(g *analysis.Snapshot, list string) ([]int, error) {
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	people := []int{}
	for id := range strings.SplitSeq(list, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		v, ok := g.Index(id)
		if !ok {
			return nil, usageError{fmt.Errorf("--what-if: no person %q in the network", id)}
		}
		people = append(people, v)
	}
	return people, nil
}

// fragmentation is the network's fragmentation and, when the analysis
// searched from every person anyway (for closeness or harmonic centrality),
// its distance fragmentation: from harmonic centrality when the network is
// unweighted, by another such search otherwise.
func fragmentation(ctx context.Context, g *analysis.Snapshot, res *analysis.Result) (*report.Fragmentation, error) {
	f := &report.Fragmentation{Fragmentation: analysis.Fragmentation(g)}
	if !res.Metrics.Has(analysis.MetricCloseness) && !res.Metrics.Has(analysis.MetricHarmonic) {
		return f, nil
	}
	if res.Metrics.Has(analysis.MetricHarmonic) && !g.Weighted() {
		harmonic := make([]float64, g.N())
		for v := range harmonic {
			harmonic[v] = res.People[v].Harmonic
		}
		df := analysis.DistanceFragmentationFromHarmonic(g, harmonic)
		f.DistanceFragmentation = &df
		return f, nil
	}
	df, err := analysis.DistanceFragmentation(ctx, g)
	if err != nil {
		return nil, err
	}
	f.DistanceFragmentation = &df
	return f, nil
}

// brokerage computes everyone's brokerage roles, grouped by the value each
// person has in the column (people with none form the group "no COLUMN"),
// on the ties as the rows run (source to target) if directed and read both
// ways otherwise.
func brokerage(ctx context.Context, g *analysis.Snapshot, directed bool, groupOf map[int]string, column string) (*analysis.Brokerage, error) {
	d := analysis.BothWays(g)
	if directed {
		d = analysis.DirectedTies(g)
	}
	group := make([]int32, g.N())
	var groups []string
	label := map[string]int32{}
	for v := range group {
		name := groupOf[v]
		if name == "" {
			name = "no " + column
		}
		c, ok := label[name]
		if !ok {
			c = int32(len(groups))
			label[name] = c
			groups = append(groups, name)
		}
		group[v] = c
	}
	return analysis.ComputeBrokerage(ctx, d, group, groups)
}
