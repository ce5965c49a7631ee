// Package engine runs analyses over a Store: builds snapshots per scope and
// caches results per (scope, data version).
//
// It is the layer between the store and its readers (GraphQL resolvers,
// reports): store → snapshot → analysis → resolver. An analysis computes every
// metric, the roles and the network-wide introductions of a scope at once,
// because the expensive part (paths through the whole network) is shared by
// all of them, and keeps the result until the data changes. The engine reads
// the store, then computes: it never holds a store lock while computing, so a
// running analysis blocks neither reads nor writes.
package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
)

// Defaults for Options left at zero.
const (
	DefaultTimeout     = 2 * time.Minute
	DefaultSampleAbove = 20_000
	DefaultMaxEntries  = 64
	DefaultTop         = 50
)

// Options configure an Engine. Zero fields take the defaults above.
type Options struct {
	Logger zerolog.Logger
	// Timeout bounds one analysis. It runs apart from the callers waiting for
	// it, so that one caller giving up does not spoil it for the others.
	Timeout time.Duration
	// SampleAbove is the number of people above which betweenness is
	// estimated by sampling (see analysis.Options); negative means always
	// exact.
	SampleAbove int
	// Epsilon and Delta bound the sampling error (see analysis.Options).
	Epsilon, Delta float64
	// Seed drives Louvain and sampling, so results are repeatable.
	Seed uint64
	// Clock stamps results (Provenance.ComputedAt); time.Now if nil.
	Clock netgraph.Clock
	// MaxEntries bounds the number of cached analyses (one per scope); the
	// least recently used goes first.
	MaxEntries int
	// Top is the length of the connector, sponsor and introduction lists
	// kept in each analysis.
	Top int
}

// Engine computes and caches analyses of a store's graph. It is safe for
// concurrent use.
type Engine struct {
	store netgraph.Store
	opts  Options
	log   zerolog.Logger

	// baseMu is held while the base is read from the store, so that
	// analyses of several scopes wait for one read instead of each reading.
	baseMu sync.Mutex

	mu sync.Mutex
	// gen counts Purges: work started under an older generation is not
	// cached.
	gen uint64
	// latest is the newest data version seen.
	latest  uint64
	base    *base
	results map[Scope]*entry
	flights map[flightKey]*flight
	tick    uint64 // LRU clock
}

// entry is a cached analysis.
type entry struct {
	a    *Analysis
	used uint64
}

// flightKey identifies one computation.
type flightKey struct {
	scope   Scope
	version uint64
	gen     uint64
}

// flight is a computation in progress; done is closed when a and err are set.
type flight struct {
	done chan struct{}
	a    *Analysis
	err  error
}

// New returns an engine over store.
func New(store netgraph.Store, opts Options) *Engine {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	switch {
	case opts.SampleAbove == 0:
		opts.SampleAbove = DefaultSampleAbove
	case opts.SampleAbove < 0:
		opts.SampleAbove = 0 // analysis reads 0 as always exact
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.MaxEntries <= 0 {
		opts.MaxEntries = DefaultMaxEntries
	}
	if opts.Top <= 0 {
		opts.Top = DefaultTop
	}
	return &Engine{
		store:   store,
		opts:    opts,
		log:     opts.Logger.With().Str("component", "engine").Logger(),
		results: map[Scope]*entry{},
		flights: map[flightKey]*flight{},
	}
}

// Analyse returns the analysis of scope at the store's current data version,
// computing it if it is not cached. Concurrent callers for the same scope and
// version share one computation; each stops waiting when its own ctx ends
// (returning ctx's error), while the computation carries on for the others
// and the cache, bounded by Options.Timeout. Errors: EINVALID (field "scope")
// for a bad scope, ENOTFOUND (field "scope.networkId" or
// "scope.organisationId") for an unknown network or organisation, and the
// store's errors.
func (e *Engine) Analyse(ctx context.Context, scope Scope) (*Analysis, error) {
	if err := scope.Validate(); err != nil {
		return nil, fmt.Errorf("engine: analyse: %w", err)
	}
	version, err := e.store.DataVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("engine: analyse %s: data version: %w", scope, err)
	}

	e.mu.Lock()
	e.observe(version)
	if c, ok := e.results[scope]; ok && c.a.Version() >= version {
		e.tick++
		c.used = e.tick
		e.mu.Unlock()
		return c.a, nil
	}
	key := flightKey{scope, version, e.gen}
	f, ok := e.flights[key]
	if !ok {
		f = &flight{done: make(chan struct{})}
		e.flights[key] = f
		// Detached from ctx (keeping its values, such as the caller) so that
		// this caller's impatience does not cancel it for the others.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), e.opts.Timeout)
		go func() {
			defer cancel()
			e.run(cctx, key, f)
		}()
	}
	e.mu.Unlock()

	select {
	case <-f.done:
		if f.err != nil {
			return nil, fmt.Errorf("engine: analyse %s: %w", scope, f.err)
		}
		return f.a, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("engine: analyse %s: %w", scope, context.Cause(ctx))
	}
}

// Introductions returns up to top suggested introductions for one person
// (top ≤ 0: every candidate) within scope, best first, with the analysis they
// come from; see analysis.Introductions. ENOTFOUND (field "personId") if the
// person is not in the scope; otherwise the errors of Analyse.
func (e *Engine) Introductions(ctx context.Context, scope Scope, personID string, top int) ([]analysis.Introduction, *Analysis, error) {
	a, err := e.Analyse(ctx, scope)
	if err != nil {
		return nil, nil, err
	}
	intros, err := a.Introductions(personID, top)
	if err != nil {
		return nil, nil, err
	}
	return intros, a, nil
}

// Introductions returns up to top suggested introductions for one person
// (top ≤ 0: every candidate) within this analysis's scope, best first; see
// analysis.Introductions. ENOTFOUND (field "personId") if the person is not
// in the scope.
func (a *Analysis) Introductions(personID string, top int) ([]analysis.Introduction, error) {
	v, ok := a.Snapshot.Index(personID)
	if !ok {
		return nil, fmt.Errorf("engine: introductions: %w", &netgraph.Error{
			Code: netgraph.ENOTFOUND, Field: "personId",
			Message: fmt.Sprintf("person %q is not in %s", personID, a.Scope),
		})
	}
	return analysis.Introductions(a.Snapshot, v, a.community, top), nil
}

// Purge drops every cached base and analysis, so that data erased from the
// store leaves memory at once. Computations in progress finish for the
// callers waiting on them but are not cached.
func (e *Engine) Purge() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.gen++
	e.base = nil
	clear(e.results)
	e.log.Debug().Msg("cache purged")
}

// observe notes that the store is at version, dropping whatever reflects an
// older one. e.mu must be held.
func (e *Engine) observe(version uint64) {
	if version <= e.latest {
		return
	}
	e.latest = version
	if e.base != nil && e.base.version < version {
		e.base = nil
	}
	for scope, c := range e.results {
		if c.a.Version() < version {
			delete(e.results, scope)
		}
	}
}

// run computes the analysis of a flight, caches it if it is still current,
// and hands it to the waiting callers.
func (e *Engine) run(ctx context.Context, key flightKey, f *flight) {
	start := time.Now()
	a, err := e.compute(ctx, key.scope, key.version, key.gen)

	e.mu.Lock()
	if err == nil {
		e.observe(a.Version())
		if key.gen == e.gen && a.Version() >= e.latest {
			e.put(key.scope, a)
		}
	}
	delete(e.flights, key)
	e.mu.Unlock()

	if err != nil {
		// ENOTFOUND and EINVALID are the caller's business; anything else is worth a line.
		if code := netgraph.ErrorCode(err); code != netgraph.ENOTFOUND && code != netgraph.EINVALID {
			e.log.Warn().Err(err).Str("scope", key.scope.String()).Uint64("version", key.version).
				Dur("took", time.Since(start)).Msg("analysis failed")
		}
	} else {
		e.log.Info().Str("scope", key.scope.String()).Uint64("version", a.Version()).
			Int("people", a.Snapshot.N()).Int("ties", a.Snapshot.M()).
			Bool("exact", a.Result.Provenance.Exact).Dur("took", time.Since(start)).Msg("analysis computed")
	}
	f.a, f.err = a, err
	close(f.done)
}

// compute builds the snapshot of scope from a base at least as new as
// version and analyses it. A panic becomes an EINTERNAL error: the
// computation runs on its own goroutine, beyond any caller's recovery.
func (e *Engine) compute(ctx context.Context, scope Scope, version, gen uint64) (a *Analysis, err error) {
	defer func() {
		if p := recover(); p != nil {
			e.log.Error().Interface("panic", p).Bytes("stack", debug.Stack()).Msg("analysis panicked")
			a, err = nil, netgraph.Errorf(netgraph.EINTERNAL, "analysis failed: %v", p)
		}
	}()
	defer func() {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
			err = fmt.Errorf("%w (the analysis timeout is %s)", err, e.opts.Timeout)
		}
	}()
	b, err := e.baseAt(ctx, version, gen)
	if err != nil {
		return nil, err
	}
	g, err := b.snapshot(scope)
	if err != nil {
		return nil, err
	}
	r, err := analysis.Analyse(ctx, g, analysis.Options{
		Seed:          e.opts.Seed,
		SampleAbove:   e.opts.SampleAbove,
		Epsilon:       e.opts.Epsilon,
		Delta:         e.opts.Delta,
		Roles:         true,
		Introductions: true,
		Top:           e.opts.Top,
	})
	if err != nil {
		return nil, err
	}
	r.Provenance.ComputedAt = e.opts.Clock().UTC()
	return newAnalysis(scope, g, r), nil
}

// baseAt returns a base at least as new as version, reading the store unless
// the cached one will do.
func (e *Engine) baseAt(ctx context.Context, version, gen uint64) (*base, error) {
	e.baseMu.Lock()
	defer e.baseMu.Unlock()
	e.mu.Lock()
	b := e.base
	e.mu.Unlock()
	if b != nil && b.version >= version {
		return b, nil
	}
	start := time.Now()
	b, err := readBase(ctx, e.store)
	if err != nil {
		return nil, err
	}
	e.log.Debug().Uint64("version", b.version).Int("people", len(b.ids)).Int("ties", len(b.ties)).
		Dur("took", time.Since(start)).Msg("graph read")
	e.mu.Lock()
	e.observe(b.version)
	if gen == e.gen && b.version >= e.latest {
		e.base = b
	}
	e.mu.Unlock()
	return b, nil
}

// put caches an analysis, evicting the least recently used beyond
// MaxEntries. e.mu must be held.
func (e *Engine) put(scope Scope, a *Analysis) {
	e.tick++
	e.results[scope] = &entry{a: a, used: e.tick}
	for len(e.results) > e.opts.MaxEntries {
		var oldest Scope
		var used uint64
		first := true
		for s, c := range e.results {
			if first || c.used < used {
				oldest, used, first = s, c.used, false
			}
		}
		delete(e.results, oldest)
	}
}
