package server

import (
	"testing"
	"time"
)

// TestRateLimiter checks the token bucket's arithmetic and that idle callers
// are forgotten, so the map does not grow without bound.
func TestRateLimiter(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newRateLimiter(2, 4, func() time.Time { return now })

	for i := range 4 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("request %d within the burst refused", i+1)
		}
	}
	ok, wait := l.allow("a")
	if ok || wait != 500*time.Millisecond {
		t.Fatalf("past the burst: allow = %v, %v; want refused for 500ms", ok, wait)
	}
	// A refused request uses no token: after the wait, exactly one more.
	now = now.Add(500 * time.Millisecond)
	if ok, _ := l.allow("a"); !ok {
		t.Fatal("refused after the wait")
	}
	if ok, _ := l.allow("a"); ok {
		t.Fatal("two requests allowed after one token's wait")
	}
	if ok, _ := l.allow("b"); !ok {
		t.Fatal("another caller shares the bucket")
	}

	// Callers idle for longer than a refill (and a minute) are forgotten at
	// the next sweep.
	now = now.Add(sweepEvery)
	l.allow("c")
	l.mu.Lock()
	n := len(l.buckets)
	l.mu.Unlock()
	if n != 1 {
		t.Errorf("%d buckets after the sweep, want 1 (only c)", n)
	}
}
