// Package engine runs analyses over a Store: builds snapshots per scope and
// caches results per (scope, data version, metric).
//
// It is the layer between the store and its readers (GraphQL resolvers,
// reports): store → snapshot → analysis → resolver. A caller says what it
// needs (Need); the engine computes only that and what it depends on, and
// keeps it until the data changes, so that a later caller needing more has
// only the rest computed. The engine reads the store, then computes: it never
// holds a store lock while computing, so a running analysis blocks neither
// reads nor writes.
//
// With Options.ServeStale (the service), a caller is never kept waiting by a
// recomputation after a write: it gets the last completed analysis, marked
// stale, while a newer one is computed in the background, debounced across
// bursts of writes. A failed computation is remembered and retried with
// backoff rather than restarted by every request.
package engine

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
)

// Defaults for Options left at zero.
const (
	DefaultTimeout = 2 * time.Minute
	// DefaultSampleAbove: KADABRA, at the default ε, is exact below about
	// 9,000 people anyway (it falls back when sampling would not save work),
	// and 100 times faster than Brandes at 10,000.
	DefaultSampleAbove = 5_000
	// DefaultEstimateClosenessAbove is where a search from everyone (O(nm))
	// gives way to Eppstein–Wang sampling.
	DefaultEstimateClosenessAbove = 50_000
	DefaultMaxEntries             = 64
	DefaultDebounce               = 2 * time.Second
	DefaultRetryAfter             = 10 * time.Second
	MaxRetryAfter                 = 10 * time.Minute
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
	// EstimateClosenessAbove is the number of people above which closeness
	// and harmonic are estimated by sampling (see analysis.Options);
	// negative means always exact.
	EstimateClosenessAbove int
	// Seed drives Louvain and sampling, so results are repeatable.
	Seed uint64
	// Clock stamps results (Provenance.ComputedAt) and times retries;
	// time.Now if nil.
	Clock netgraph.Clock
	// MaxEntries bounds the number of scopes whose analyses are kept; the
	// least recently used goes first.
	MaxEntries int
	// Top is the length of the connector, sponsor and introduction lists
	// kept in each analysis; zero means analysis.MaxTop, the longest an
	// edge hands out.
	Top int
	// ServeStale makes a caller whose scope's data changed since its last
	// analysis get that analysis (marked Stale) at once, while a new one is
	// computed in the background; without it the caller waits for the new
	// one.
	ServeStale bool
	// Debounce is how long the background recomputation waits after the
	// last change it has seen, so that a burst of writes costs one.
	Debounce time.Duration
	// RetryAfter is how long a failed computation is remembered before it
	// is tried again; it doubles with each further failure up to
	// MaxRetryAfter.
	RetryAfter time.Duration
	// Progress, if set, is told how each computation is getting on.
	Progress func(Scope, analysis.Step)
	// Observer, if set, is told of every cache lookup and every computation
	// that ends, for the service's metrics.
	Observer Observer
}

// Observer watches the engine at work. Its methods are called with the
// engine's lock held or from its computations' goroutines, so they must be
// quick and safe for concurrent use.
type Observer interface {
	// Looked is told how a caller's request for an analysis of scope was
	// met.
	Looked(scope Scope, result Lookup)
	// Computed is told that a computation for scope ended after took, with
	// err nil if it succeeded.
	Computed(scope Scope, took time.Duration, err error)
}

// Lookup is how a request for an analysis was met.
type Lookup string

// The ways a request for an analysis is met.
const (
	// LookupHit: a cached analysis of the current data version covered it.
	LookupHit Lookup = "hit"
	// LookupStale: an older cached analysis covered it and was served
	// (ServeStale) while a newer one is computed.
	LookupStale Lookup = "stale"
	// LookupShared: it waits for a computation another caller started.
	LookupShared Lookup = "shared"
	// LookupMiss: nothing cached or running covered it; a computation was
	// started.
	LookupMiss Lookup = "miss"
	// LookupFailed: a recent computation for it failed and is not yet due
	// for a retry; the caller gets its error.
	LookupFailed Lookup = "failed"
)

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
	latest uint64
	base   *base
	scopes map[Scope]*scopeState
	tick   uint64 // LRU clock
}

// scopeState is what the engine holds for one scope.
type scopeState struct {
	// done are the completed analyses, none covering another of the same
	// or an older version; older ones are kept, to be served stale, until a
	// newer one covers what they hold.
	done    []*Analysis
	flights []*flight
	// failures are the computations that failed, by what they were for.
	failures map[Need]*failure
	// refresh is the debounced background recomputation, if one is
	// scheduled, for refreshSeen, the newest version seen when it was
	// last (re)set; refreshFirst is when it was first set.
	refresh      *time.Timer
	refreshSeen  uint64
	refreshFirst time.Time
	used         uint64
}

// flight is a computation in progress; done is closed when a and err are
// set.
type flight struct {
	asked   Need   // what the caller who started it needed
	need    Need   // that and what the prior analysis held
	version uint64 // the data version it was started for
	gen     uint64
	started time.Time
	done    chan struct{}
	a       *Analysis
	err     error

	progress analysis.Step // guarded by Engine.mu
}

// failure is a computation that failed, remembered so that it is not
// started again before retryAt.
type failure struct {
	err      error
	at       time.Time
	retryAt  time.Time
	attempts int
	version  uint64
}

// New returns an engine over store.
func New(store netgraph.Store, opts Options) *Engine {
	opts = opts.withDefaults()
	return &Engine{
		store:  store,
		opts:   opts,
		log:    opts.Logger.With().Str("component", "engine").Logger(),
		scopes: map[Scope]*scopeState{},
	}
}

// SameFigures reports whether an engine made with opts computes the figures
// e computes: the same sampling thresholds, error bounds and seed, and lists
// no longer than e's (a shorter list is the start of e's; see
// analysis.Result.Top). A caller that would make such an engine can use e's
// cached analyses instead.
func (e *Engine) SameFigures(opts Options) bool {
	o := opts.withDefaults()
	return o.SampleAbove == e.opts.SampleAbove && o.EstimateClosenessAbove == e.opts.EstimateClosenessAbove &&
		o.Epsilon == e.opts.Epsilon && o.Delta == e.opts.Delta && o.Seed == e.opts.Seed && o.Top <= e.opts.Top
}

// withDefaults returns o with every unset option at its default.
func (opts Options) withDefaults() Options {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	switch {
	case opts.SampleAbove == 0:
		opts.SampleAbove = DefaultSampleAbove
	case opts.SampleAbove < 0:
		opts.SampleAbove = 0 // analysis reads 0 as always exact
	}
	switch {
	case opts.EstimateClosenessAbove == 0:
		opts.EstimateClosenessAbove = DefaultEstimateClosenessAbove
	case opts.EstimateClosenessAbove < 0:
		opts.EstimateClosenessAbove = 0
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.MaxEntries <= 0 {
		opts.MaxEntries = DefaultMaxEntries
	}
	if opts.Top <= 0 {
		opts.Top = analysis.MaxTop
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.RetryAfter <= 0 {
		opts.RetryAfter = DefaultRetryAfter
	}
	return opts
}

// Analyse returns the full analysis of scope (Everything); see AnalyseFor.
func (e *Engine) Analyse(ctx context.Context, scope Scope) (*Analysis, error) {
	return e.AnalyseFor(ctx, scope, Everything)
}

// AnalyseFor returns an analysis of scope at the store's current data
// version holding at least what need asks, computing what is missing.
// Concurrent callers share computations; each stops waiting when its own ctx
// ends (returning ctx's error), while the computation carries on for the
// others and the cache, bounded by Options.Timeout. With Options.ServeStale,
// a caller whose need an older analysis covers gets it at once, marked
// Stale. A computation that failed is not started again for the same need
// before its retry time: the caller gets its error. Errors: EINVALID (field
// "scope") for a bad scope, ENOTFOUND (field "scope.networkId" or
// "scope.organisationId") for an unknown network or organisation, and the
// store's and the computation's errors.
func (e *Engine) AnalyseFor(ctx context.Context, scope Scope, need Need) (*Analysis, error) {
	if err := scope.Validate(); err != nil {
		return nil, fmt.Errorf("engine: analyse: %w", err)
	}
	version, err := e.DataVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("engine: analyse %s: %w", scope, err)
	}
	return e.AnalyseAt(ctx, scope, version, need)
}

// DataVersion returns the store's data version.
func (e *Engine) DataVersion(ctx context.Context) (uint64, error) {
	v, err := e.store.DataVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("data version: %w", err)
	}
	return v, nil
}

// AnalyseAt is AnalyseFor for a caller that has just read the store's data
// version (DataVersion), such as one asking for several needs of a scope in
// one request.
func (e *Engine) AnalyseAt(ctx context.Context, scope Scope, version uint64, need Need) (*Analysis, error) {
	if err := scope.Validate(); err != nil {
		return nil, fmt.Errorf("engine: analyse: %w", err)
	}
	for {
		a, f, err := e.lookup(ctx, scope, version, need)
		if a != nil || err != nil {
			return a, err
		}
		select {
		case <-f.done:
			if f.err != nil {
				return nil, fmt.Errorf("engine: analyse %s: %w", scope, f.err)
			}
			if f.need.Covers(need) {
				return f.a, nil
			}
			// It was for less than this caller needs: look again, with
			// what it computed in the cache.
		case <-ctx.Done():
			return nil, fmt.Errorf("engine: analyse %s: %w", scope, context.Cause(ctx))
		}
	}
}

// lookup returns a cached analysis of scope for need, or the flight to wait
// for, starting one if none will do, or the remembered error of a failed
// computation not yet due for a retry.
func (e *Engine) lookup(ctx context.Context, scope Scope, version uint64, need Need) (*Analysis, *flight, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a, f, result, err := e.find(ctx, scope, version, need)
	if e.opts.Observer != nil {
		e.opts.Observer.Looked(scope, result)
	}
	return a, f, err
}

// find is lookup's search, saying how the request was met. e.mu must be
// held.
func (e *Engine) find(ctx context.Context, scope Scope, version uint64, need Need) (*Analysis, *flight, Lookup, error) {
	e.observe(version)
	st := e.state(scope)
	now := e.opts.Clock()

	var stale *Analysis
	for _, a := range st.done {
		if !a.Has.Covers(need) {
			continue
		}
		if a.Version() >= version {
			return a, nil, LookupHit, nil
		}
		if stale == nil || a.Version() > stale.Version() {
			stale = a
		}
	}
	if stale != nil && e.opts.ServeStale {
		e.scheduleRefresh(scope, st)
		return stale.stale(e.latest), nil, LookupStale, nil
	}
	for _, f := range st.flights {
		if f.version >= version && f.gen == e.gen && f.need.Covers(need) {
			return nil, f, LookupShared, nil
		}
	}
	if fl, ok := st.failures[need]; ok && now.Before(fl.retryAt) {
		return nil, nil, LookupFailed, fmt.Errorf("engine: analyse %s: %w (failed %s ago; next try in %s)", scope, fl.err,
			now.Sub(fl.at).Round(time.Second), fl.retryAt.Sub(now).Round(time.Second))
	}
	// A flight running for something else goes on beside this one: a cheap
	// metric is not kept waiting by an expensive one. They share the read
	// of the store and the snapshot.
	return nil, e.start(ctx, scope, st, version, need), LookupMiss, nil
}

// state returns the state of scope, creating it. e.mu must be held.
func (e *Engine) state(scope Scope) *scopeState {
	st, ok := e.scopes[scope]
	if !ok {
		st = &scopeState{failures: map[Need]*failure{}}
		e.scopes[scope] = st
	}
	e.tick++
	st.used = e.tick
	e.evict()
	return st
}

// start starts a computation of need for scope at version (or newer),
// adding to it what the newest analysis of that version already holds, so
// that it is reused rather than computed again. e.mu must be held.
func (e *Engine) start(ctx context.Context, scope Scope, st *scopeState, version uint64, need Need) *flight {
	var prior *Analysis
	for _, a := range st.done {
		if a.Version() >= version && (prior == nil || bits.OnesCount32(uint32(a.Has.Metrics)) > bits.OnesCount32(uint32(prior.Has.Metrics))) {
			prior = a
		}
	}
	asked := need
	if prior != nil {
		need = need.Union(prior.Has)
	}
	f := &flight{asked: asked, need: need, version: version, gen: e.gen, started: e.opts.Clock(), done: make(chan struct{})}
	st.flights = append(st.flights, f)
	// Detached from ctx (keeping its values, such as the caller) so that
	// this caller's impatience does not cancel it for the others.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), e.opts.Timeout)
	go func() {
		defer cancel()
		e.run(cctx, scope, f, prior)
	}()
	return f
}

// scheduleRefresh schedules scope's background recomputation Debounce
// after the newest change seen: a newer version seen restarts the wait, so
// that a burst of writes costs one recomputation, but never beyond
// maxDebounces × Debounce after the first, so that a steady stream of writes
// does not put it off for ever. e.mu must be held.
func (e *Engine) scheduleRefresh(scope Scope, st *scopeState) {
	now := time.Now()
	if st.refresh != nil {
		if st.refreshSeen < e.latest && now.Sub(st.refreshFirst) < maxDebounces*e.opts.Debounce {
			st.refresh.Reset(e.opts.Debounce)
			st.refreshSeen = e.latest
		}
		return
	}
	gen := e.gen
	st.refreshSeen, st.refreshFirst = e.latest, now
	st.refresh = time.AfterFunc(e.opts.Debounce, func() { e.refresh(scope, gen) })
}

// maxDebounces bounds how long writes can put off a recomputation.
const maxDebounces = 5

// refresh recomputes, at the store's current version, what the stale
// analyses of scope hold, unless a computation is already on its way or
// failed too recently.
func (e *Engine) refresh(scope Scope, gen uint64) {
	ctx := context.Background()
	version, err := e.store.DataVersion(ctx)
	e.mu.Lock()
	defer e.mu.Unlock()
	st, ok := e.scopes[scope]
	if !ok || gen != e.gen {
		return
	}
	st.refresh = nil
	if err != nil {
		e.log.Warn().Err(err).Str("scope", scope.String()).Msg("background analysis: data version")
		return
	}
	e.observe(version)
	var need Need
	stale := false
	for _, a := range st.done {
		if a.Version() < version {
			need, stale = need.Union(a.Has), true
		}
	}
	if !stale {
		return
	}
	for _, f := range st.flights {
		if f.version >= version && f.gen == e.gen && f.need.Covers(need) {
			return
		}
	}
	if fl, ok := st.failures[need]; ok && e.opts.Clock().Before(fl.retryAt) {
		// Try again when it is due, if nobody asks first.
		st.refreshSeen, st.refreshFirst = e.latest, time.Now()
		st.refresh = time.AfterFunc(fl.retryAt.Sub(e.opts.Clock()), func() { e.refresh(scope, gen) })
		return
	}
	e.start(ctx, scope, st, version, need)
}

// Purge drops every cached base and analysis, remembered failure and
// scheduled recomputation, so that data erased from the store leaves memory
// at once and no stale result holding it is ever served. Computations in
// progress finish for the callers waiting on them but are not cached.
func (e *Engine) Purge() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.gen++
	e.base = nil
	for _, st := range e.scopes {
		if st.refresh != nil {
			st.refresh.Stop()
		}
	}
	clear(e.scopes)
	e.log.Debug().Msg("cache purged")
}

// observe notes that the store is at version. Without ServeStale, it drops
// whatever reflects an older one. e.mu must be held.
func (e *Engine) observe(version uint64) {
	if version <= e.latest {
		return
	}
	e.latest = version
	if e.base != nil && e.base.version < version {
		e.base = nil
	}
	if e.opts.ServeStale {
		return
	}
	for _, st := range e.scopes {
		st.done = slices.DeleteFunc(st.done, func(a *Analysis) bool { return a.Version() < version })
	}
}

// run computes a flight, caches it if it is still current, and hands it to
// the waiting callers.
func (e *Engine) run(ctx context.Context, scope Scope, f *flight, prior *Analysis) {
	start := time.Now()
	a, err := e.compute(ctx, scope, f, prior)
	if e.opts.Observer != nil {
		e.opts.Observer.Computed(scope, time.Since(start), err)
	}

	e.mu.Lock()
	st, ok := e.scopes[scope]
	if ok && f.gen == e.gen {
		st.flights = slices.DeleteFunc(st.flights, func(x *flight) bool { return x == f })
		if err == nil {
			e.observe(a.Version())
			delete(st.failures, f.asked)
			if a.Version() >= e.latest || e.opts.ServeStale {
				st.put(a)
			}
		} else if code := netgraph.ErrorCode(err); code != netgraph.ENOTFOUND && code != netgraph.EINVALID {
			e.remember(st, f, err)
		}
	}
	e.mu.Unlock()

	if err != nil {
		// ENOTFOUND and EINVALID are the caller's business; anything else is worth a line.
		if code := netgraph.ErrorCode(err); code != netgraph.ENOTFOUND && code != netgraph.EINVALID {
			e.log.Warn().Err(err).Str("scope", scope.String()).Uint64("version", f.version).
				Str("need", f.need.String()).Dur("took", time.Since(start)).Msg("analysis failed")
		}
	} else {
		e.log.Info().Str("scope", scope.String()).Uint64("version", a.Version()).
			Int("people", a.Snapshot.N()).Int("ties", a.Snapshot.M()).Str("need", f.need.String()).
			Bool("exact", a.Result.Provenance.Exact).Dur("took", time.Since(start)).Msg("analysis computed")
	}
	f.a, f.err = a, err
	close(f.done)
}

// remember records a failed flight with its retry time, doubling the wait
// after each further failure. e.mu must be held.
func (e *Engine) remember(st *scopeState, f *flight, err error) {
	now := e.opts.Clock()
	fl := st.failures[f.asked]
	if fl == nil {
		fl = &failure{}
		st.failures[f.asked] = fl
	}
	wait := e.opts.RetryAfter
	for range fl.attempts {
		wait = min(2*wait, MaxRetryAfter)
	}
	fl.err, fl.at, fl.retryAt, fl.version = err, now, now.Add(wait), f.version
	fl.attempts++
}

// put adds a completed analysis, dropping those it covers and those of older
// versions whose need it covers. e.mu must be held.
func (st *scopeState) put(a *Analysis) {
	st.done = slices.DeleteFunc(st.done, func(o *Analysis) bool {
		return o.Version() <= a.Version() && a.Has.Covers(o.Has)
	})
	st.done = append(st.done, a)
}

// evict drops the least recently used scopes beyond MaxEntries. e.mu must be
// held.
func (e *Engine) evict() {
	for len(e.scopes) > e.opts.MaxEntries {
		var oldest Scope
		var used uint64
		first := true
		for s, st := range e.scopes {
			if first || st.used < used {
				oldest, used, first = s, st.used, false
			}
		}
		if st := e.scopes[oldest]; st.refresh != nil {
			st.refresh.Stop()
		}
		delete(e.scopes, oldest)
	}
}

// compute builds the snapshot of scope from a base at least as new as the
// flight's version and analyses it, reusing prior if it is of the same
// snapshot. A panic becomes an EINTERNAL error: the computation runs on its
// own goroutine, beyond any caller's recovery.
func (e *Engine) compute(ctx context.Context, scope Scope, f *flight, prior *Analysis) (a *Analysis, err error) {
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
	var g *analysis.Snapshot
	var priorResult *analysis.Result
	if prior != nil && prior.Version() >= f.version {
		g, priorResult = prior.Snapshot, prior.Result
	} else {
		b, err := e.baseAt(ctx, f.version, f.gen)
		if err != nil {
			return nil, err
		}
		if g, err = b.snapshot(scope); err != nil {
			return nil, err
		}
	}
	paths := analysis.PathsIfFree
	if f.need.Paths {
		paths = analysis.PathsAlways
	}
	metrics := f.need.Metrics
	if metrics == 0 {
		metrics = analysis.MetricDegree // zero would mean every metric
	}
	r, err := analysis.Analyse(ctx, g, analysis.Options{
		Metrics:     metrics,
		Paths:       paths,
		Seed:        e.opts.Seed,
		SampleAbove: e.opts.SampleAbove,
		Epsilon:     e.opts.Epsilon,
		Delta:       e.opts.Delta,

		EstimateClosenessAbove: e.opts.EstimateClosenessAbove,
		Roles:                  f.need.Roles,
		Introductions:          f.need.Introductions,
		Top:                    e.opts.Top,
		Prior:                  priorResult,
		Progress: func(s analysis.Step) {
			e.mu.Lock()
			f.progress = s
			e.mu.Unlock()
			if e.opts.Progress != nil {
				e.opts.Progress(scope, s)
			}
		},
	})
	if err != nil {
		return nil, err
	}
	r.Provenance.ComputedAt = e.opts.Clock().UTC()
	has := Need{Metrics: r.Metrics, Paths: r.HasPaths(), Roles: r.HasRoles(), Introductions: r.HasIntroductions()}
	return newAnalysis(scope, g, r, has), nil
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
