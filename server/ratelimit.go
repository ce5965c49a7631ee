package server

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// sweepEvery is how often the rate limiter forgets idle callers.
const sweepEvery = time.Minute

// rateLimiter keeps a token bucket per caller.
type rateLimiter struct {
	limit rate.Limit
	burst int
	// idle is how long a bucket must go unused before it is forgotten: by
	// then it has refilled, so forgetting it changes nothing.
	idle time.Duration
	now  func() time.Time

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	limiter *rate.Limiter
	seen    time.Time
}

// newRateLimiter allows perSecond requests a second per caller on average,
// and burst at once.
func newRateLimiter(perSecond float64, burst int, now func() time.Time) *rateLimiter {
	refill := time.Duration(float64(burst) / perSecond * float64(time.Second))
	return &rateLimiter{
		limit:   rate.Limit(perSecond),
		burst:   burst,
		idle:    max(refill, sweepEvery),
		now:     now,
		buckets: map[string]*bucket{},
	}
}

// allow takes a token from key's bucket; if there is none, it reports how
// long until there will be.
func (l *rateLimiter) allow(key string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	b := l.buckets[key]
	if b == nil {
		b = &bucket{limiter: rate.NewLimiter(l.limit, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	if now.Sub(l.lastSweep) >= sweepEvery {
		for k, b := range l.buckets {
			if now.Sub(b.seen) >= l.idle {
				delete(l.buckets, k)
			}
		}
		l.lastSweep = now
	}
	l.mu.Unlock()

	r := b.limiter.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}
