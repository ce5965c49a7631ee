package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/report"
)

func init() {
	register(command{name: "report", summary: "report on a network in the store: health, key people, roles, introductions", run: runReport})
}

// namesBatch is how many people one PeopleByID call asks for.
const namesBatch = netgraph.MaxPageSize

// runReport runs `netgraph report`: open the store, analyse the scope with
// the engine, name the people, print.
func runReport(ctx context.Context, env Env, args []string) (err error) {
	fs := newFlagSet(env, "report", `Analyses the whole graph, one network (--network) or one organisation
(--organisation) in the store and prints a report for analysts: health figures,
the top people by each metric with their roles, connectors, sponsors, holders
of the SPONSOR role, isolated and peripheral members, and suggested
introductions, each with its reasons. --format html writes the same report as
one page that works offline, with a map of the network coloured by community
and the distributions of degree and betweenness.
It names people, so it is for those entitled to see the store's data.`)
	var sf storeFlags
	sf.existing = true
	sf.register(fs)
	networkID := fs.String("network", "", "report on this network (id)")
	organisationID := fs.String("organisation", "", "report on this organisation (id)")
	var af analysisFlags
	af.register(fs, "markdown", engine.DefaultSampleAbove)
	timeout := fs.Duration("timeout", 30*time.Minute, "give up on the analysis after this long")
	logLevel := fs.String("log-level", "warn", "log level: trace, debug, info, warn or error")
	if err := parseFlags(fs, args, env.Getenv); err != nil {
		return err
	}
	if err := sf.resolve(fs, env.Getenv); err != nil {
		return err
	}
	scope := engine.Scope{NetworkID: *networkID, OrganisationID: *organisationID}
	if scope.Validate() != nil {
		return usageError{errors.New("give --network or --organisation, not both")}
	}
	f, err := af.check()
	if err != nil {
		return err
	}
	if *timeout <= 0 {
		return usageError{fmt.Errorf("--timeout must be positive (got %s)", *timeout)}
	}
	logger, err := newLogger(env.Stderr, "console", *logLevel)
	if err != nil {
		return err
	}

	progress := newProgress(env.Stderr)
	defer progress.Done()
	progress.Stage("opening " + sf.description())
	store, _, err := sf.openStore(ctx, logger)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close store: %w", cerr)
		}
	}()
	ctx = netgraph.WithCaller(ctx, netgraph.Caller{Subject: "cli:report", Role: netgraph.RoleAnalyst})

	title, err := scopeTitle(ctx, store, scope)
	if err != nil {
		return err
	}
	sample := af.sampleAbove
	if sample == 0 {
		sample = -1 // the engine reads 0 as its default and a negative number as always exact
	}
	steps := progress.Steps("analysing " + title)
	eng := engine.New(store, engine.Options{
		Logger: logger, Timeout: *timeout, SampleAbove: sample, Seed: af.seed, Top: af.top, MaxEntries: 1,
		Progress: func(_ engine.Scope, s analysis.Step) { steps(s) },
	})
	progress.Stage("reading " + title)
	a, err := eng.Analyse(ctx, scope)
	if err != nil {
		return err
	}
	progress.Stage(fmt.Sprintf("looking up the names of %d people", a.Snapshot.N()))
	names, err := personNames(ctx, store, a.Snapshot.IDs())
	if err != nil {
		return err
	}
	progress.Done()
	return report.Write(env.Stdout, f, &report.Report{
		Snapshot: a.Snapshot, Result: a.Result, Scope: title, Names: names, Roles: true, Introductions: true,
		Top: af.top, Seed: af.seed,
	})
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
