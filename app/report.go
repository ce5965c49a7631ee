package app

import (
	"context"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/report"
)

// ReportOptions say what a report covers and how its analysis is computed.
type ReportOptions struct {
	// Scope is the network, organisation or (zero) whole graph reported on.
	Scope engine.Scope
	// Top is the length of every list; Seed drives Louvain and sampling.
	Top  int
	Seed uint64
	// SampleAbove is the number of people above which betweenness is
	// sampled; 0 means always exact.
	SampleAbove int
	// Timeout bounds the analysis.
	Timeout time.Duration
	Logger  zerolog.Logger
	// Stage and Steps, if set, are told what the report is doing, for a
	// progress display.
	Stage func(text string)
	Steps func(title string) func(analysis.Step)
	// Cached, if set, is the service's engine: when it computes the figures
	// these options ask for (engine.Engine.SameFigures), the report is of
	// its cached analysis, cut to Top, rather than a fresh one.
	Cached *engine.Engine
}

// namesBatch is how many people one PeopleByID call asks for.
const namesBatch = netgraph.MaxPageSize

// Report analyses a scope of store with an engine of its own (so that the
// options, not a service's, decide how), or takes the analysis from
// Options.Cached when that computes the same figures, and returns the report
// of it, with people named. Both `netgraph report` and the service's /report
// use it, so that the two give the same report of the same data. Errors:
// ENOTFOUND for an unknown network or organisation, and the store's and
// analysis's.
func Report(ctx context.Context, store netgraph.Store, o ReportOptions) (*report.Report, error) {
	stage := o.Stage
	if stage == nil {
		stage = func(string) {}
	}
	title, err := scopeTitle(ctx, store, o.Scope)
	if err != nil {
		return nil, err
	}
	sample := o.SampleAbove
	if sample == 0 {
		sample = -1 // the engine reads 0 as its default and a negative number as always exact
	}
	opts := engine.Options{Logger: o.Logger, Timeout: o.Timeout, SampleAbove: sample, Seed: o.Seed, Top: o.Top, MaxEntries: 1}
	if o.Steps != nil {
		steps := o.Steps("analysing " + title)
		opts.Progress = func(_ engine.Scope, s analysis.Step) { steps(s) }
	}
	var eng *engine.Engine
	if o.Cached != nil && o.Cached.SameFigures(opts) {
		eng = o.Cached
	} else {
		eng = engine.New(store, opts)
	}
	stage("reading " + title)
	a, err := eng.Analyse(ctx, o.Scope)
	if err != nil {
		return nil, err
	}
	stage(fmt.Sprintf("looking up the names of %d people", a.Snapshot.N()))
	names, err := personNames(ctx, store, a.Snapshot.IDs())
	if err != nil {
		return nil, err
	}
	return &report.Report{
		Snapshot: a.Snapshot, Result: a.Result.Top(o.Top), Scope: title, Names: names, Roles: true, Introductions: true,
		Top: o.Top, Seed: o.Seed,
	}, nil
}

// scopeTitle names the scope for the report, checking that its network or
// organisation exists (ENOTFOUND otherwise).
func scopeTitle(ctx context.Context, store netgraph.Store, scope engine.Scope) (string, error) {
	switch {
	case scope.NetworkID != "":
		n, err := store.Network(ctx, scope.NetworkID)
		if err != nil {
			return "", fmt.Errorf("network %s: %w", scope.NetworkID, err)
		}
		return fmt.Sprintf("network %s (%s)", n.Name, n.ID), nil
	case scope.OrganisationID != "":
		o, err := store.Organisation(ctx, scope.OrganisationID)
		if err != nil {
			return "", fmt.Errorf("organisation %s: %w", scope.OrganisationID, err)
		}
		return fmt.Sprintf("organisation %s (%s)", o.Name, o.ID), nil
	}
	return "the whole graph", nil
}

// personNames returns the names of the people with the given ids, read in
// batches; people erased since the analysis are left out.
func personNames(ctx context.Context, store netgraph.Store, ids []string) (map[string]string, error) {
	names := make(map[string]string, len(ids))
	for start := 0; start < len(ids); start += namesBatch {
		batch := ids[start:min(start+namesBatch, len(ids))]
		people, err := store.PeopleByID(ctx, batch)
		if err != nil {
			return nil, fmt.Errorf("look up people: %w", err)
		}
		for _, p := range people {
			if p != nil {
				names[p.ID] = p.Name
			}
		}
	}
	return names, nil
}
