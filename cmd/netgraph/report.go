package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/report"
)

func init() {
	register(command{name: "report", summary: "report on a network in the store: health, key people, roles, introductions", run: runReport})
}

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
	var rf remoteFlags
	rf.register(fs)
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
	if err := rf.check(); err != nil {
		return err
	}
	logger, err := newLogger(env.Stderr, "console", *logLevel)
	if err != nil {
		return err
	}

	progress := newProgress(env.Stderr)
	defer progress.Done()
	if rf.URL != "" {
		// The service computes it as below, with these options (app.Report).
		q := url.Values{"format": {string(f)}, "top": {strconv.Itoa(af.top)}, "seed": {strconv.FormatUint(af.seed, 10)},
			"sample-above": {strconv.Itoa(af.sampleAbove)}}
		if scope.NetworkID != "" {
			q.Set("network", scope.NetworkID)
		}
		if scope.OrganisationID != "" {
			q.Set("organisation", scope.OrganisationID)
		}
		progress.Stage("asking " + rf.URL + " for the report")
		var buf bytes.Buffer
		if err := rf.get(ctx, env.Getenv, "/report", q, &buf); err != nil {
			return err
		}
		progress.Done()
		_, err := env.Stdout.Write(buf.Bytes())
		return err
	}
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

	rep, err := app.Report(ctx, store, app.ReportOptions{
		Scope: scope, Top: af.top, Seed: af.seed, SampleAbove: af.sampleAbove, Timeout: *timeout, Logger: logger,
		Stage: progress.Stage, Steps: progress.Steps,
	})
	if err != nil {
		return err
	}
	progress.Done()
	return report.Write(env.Stdout, f, rep)
}
