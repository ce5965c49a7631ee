package engine

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
)

// State is where the analysis of a scope stands.
type State string

// The states of a scope's analysis.
const (
	StateNone    State = "NONE"    // nothing computed or computing
	StateCurrent State = "CURRENT" // results of the newest data version seen are held
	StateStale   State = "STALE"   // only results of older data are held; newer ones are on their way
	StateFailed  State = "FAILED"  // the last computation failed and waits for its retry
)

// Status is how the analysis of one scope stands.
type Status struct {
	Scope Scope
	State State
	// Version is that of the newest completed analysis (0: none); Latest
	// the newest data version the engine has seen.
	Version, Latest uint64
	// Has is what the completed analyses of Version hold.
	Has Need
	// Computing says that a computation runs, started at Started, now at
	// Step.
	Computing bool
	Started   time.Time
	Step      analysis.Step
	// LastError is why the last computation failed, in words fit for any
	// caller; empty if none failed since the last success. Failures counts
	// the failures in a row, RetryAt is when the next try is due.
	LastError string
	Failures  int
	RetryAt   time.Time
}

// Status returns how the analysis of scope stands.
func (e *Engine) Status(scope Scope) Status {
	e.mu.Lock()
	defer e.mu.Unlock()
	st, ok := e.scopes[scope]
	if !ok {
		return Status{Scope: scope, State: StateNone, Latest: e.latest}
	}
	return e.status(scope, st)
}

// Statuses returns the status of every scope the engine holds or computes
// an analysis of, ordered by scope.
func (e *Engine) Statuses() []Status {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Status, 0, len(e.scopes))
	for scope, st := range e.scopes {
		out = append(out, e.status(scope, st))
	}
	slices.SortFunc(out, func(a, b Status) int {
		return cmp.Or(cmp.Compare(a.Scope.NetworkID, b.Scope.NetworkID), cmp.Compare(a.Scope.OrganisationID, b.Scope.OrganisationID))
	})
	return out
}

// status describes st. e.mu must be held.
func (e *Engine) status(scope Scope, st *scopeState) Status {
	s := Status{Scope: scope, State: StateNone, Latest: e.latest}
	// Analyses of one version computed side by side (two fields of one
	// request needing different metrics) are all held: report what they
	// hold together, whichever finished last.
	for _, a := range st.done {
		switch {
		case a.Version() > s.Version:
			s.Version, s.Has = a.Version(), a.Has
		case a.Version() == s.Version:
			s.Has = s.Has.Union(a.Has)
		}
	}
	for _, f := range st.flights {
		if !s.Computing || f.started.Before(s.Started) {
			s.Computing, s.Started, s.Step = true, f.started, f.progress
		}
	}
	var last *failure
	for _, fl := range st.failures {
		if last == nil || fl.at.After(last.at) {
			last = fl
		}
	}
	if last != nil {
		s.LastError, s.Failures, s.RetryAt = describeFailure(last.err, e.opts.Timeout), last.attempts, last.retryAt
	}
	switch {
	case s.Version > 0 && s.Version >= e.latest:
		s.State = StateCurrent
	case last != nil && !s.Computing:
		s.State = StateFailed
	case s.Version > 0:
		s.State = StateStale
	}
	return s
}

// describeFailure says why a computation failed without internal detail:
// a timeout as such, a domain error by its message, anything else as an
// internal error (the log has the detail).
func describeFailure(err error, timeout time.Duration) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out (the analysis timeout is " + timeout.String() + ")"
	case errors.Is(err, analysis.ErrNotConverged):
		return "an iterative metric did not converge"
	}
	var de *netgraph.Error
	if errors.As(err, &de) && de.Code != netgraph.EINTERNAL {
		return netgraph.ErrorMessage(err)
	}
	return "internal error (see the service log)"
}
