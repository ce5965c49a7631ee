package graph

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"
)

// Batching defaults: a batch goes out batchWait after the latest key joined
// it, so keys that keep arriving (sibling resolvers on a busy machine) keep
// gathering; it goes out batchMaxWait after its first key at the latest, or
// sooner when maxBatch keys have gathered.
const (
	batchWait    = time.Millisecond
	batchMaxWait = 10 * time.Millisecond
	maxBatch     = 500
)

// loader batches and caches loads by key for one request (a dataloader).
// Resolvers of sibling fields ask for one key each; the loader gathers the
// keys that arrive within its wait and fetches them with one batch call.
// Results, including "not found" (the zero V), are cached until clear; errors
// are not, so a later load tries again.
type loader[K comparable, V any] struct {
	// fetch returns one value per key, aligned with keys.
	fetch    func(ctx context.Context, keys []K) ([]V, error)
	wait     time.Duration
	maxWait  time.Duration
	maxBatch int

	mu    sync.Mutex
	cache map[K]*result[V]
	batch *batch[K, V] // the batch gathering keys, if any
}

// result is the outcome of loading one key; done closes when it is known.
type result[V any] struct {
	done chan struct{}
	val  V
	err  error
}

type batch[K comparable, V any] struct {
	keys    []K
	results []*result[V]
	timer   *time.Timer
	started time.Time
}

func newLoader[K comparable, V any](fetch func(context.Context, []K) ([]V, error)) *loader[K, V] {
	return &loader[K, V]{fetch: fetch, wait: batchWait, maxWait: batchMaxWait, maxBatch: maxBatch, cache: make(map[K]*result[V])}
}

// load returns the value for key.
func (l *loader[K, V]) load(ctx context.Context, key K) (V, error) {
	return l.enqueue(ctx, key).get(ctx)
}

// loadAll returns the values for keys, aligned with keys; all go in the same
// batch.
func (l *loader[K, V]) loadAll(ctx context.Context, keys []K) ([]V, error) {
	pending := make([]*result[V], len(keys))
	for i, k := range keys {
		pending[i] = l.enqueue(ctx, k)
	}
	vals := make([]V, len(keys))
	for i, r := range pending {
		v, err := r.get(ctx)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	return vals, nil
}

// prime caches a value already at hand, unless key is cached already.
func (l *loader[K, V]) prime(key K, v V) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.cache[key]; !ok {
		r := &result[V]{done: make(chan struct{}), val: v}
		close(r.done)
		l.cache[key] = r
	}
}

// clear forgets every cached value, so later loads see later writes. Loads in
// flight still complete.
func (l *loader[K, V]) clear() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.cache)
}

// enqueue returns the cached or pending result for key, adding the key to the
// gathering batch if it is neither. The first key of a batch starts its timer;
// each later key restarts it, up to the batch's longest wait; the batch's
// fetch runs with its first key's context.
func (l *loader[K, V]) enqueue(ctx context.Context, key K) *result[V] {
	l.mu.Lock()
	defer l.mu.Unlock()
	if r, ok := l.cache[key]; ok {
		return r
	}
	r := &result[V]{done: make(chan struct{})}
	l.cache[key] = r
	b := l.batch
	if b == nil {
		b = &batch[K, V]{started: time.Now()}
		l.batch = b
		b.timer = time.AfterFunc(l.wait, func() { l.dispatch(ctx, b) })
	} else if time.Since(b.started)+l.wait <= l.maxWait {
		// If the timer has fired already, its dispatch is waiting for the
		// lock and will send this key too; the second run Reset schedules
		// finds the batch gone and returns.
		b.timer.Reset(l.wait)
	}
	b.keys = append(b.keys, key)
	b.results = append(b.results, r)
	if len(b.keys) >= l.maxBatch {
		b.timer.Stop()
		l.batch = nil
		go l.run(ctx, b)
	}
	return r
}

// dispatch sends b when its wait is over, unless it went out when it filled.
func (l *loader[K, V]) dispatch(ctx context.Context, b *batch[K, V]) {
	l.mu.Lock()
	if l.batch != b {
		l.mu.Unlock()
		return
	}
	l.batch = nil
	l.mu.Unlock()
	l.run(ctx, b)
}

// run fetches a batch and hands each waiting load its result.
func (l *loader[K, V]) run(ctx context.Context, b *batch[K, V]) {
	vals, err := l.safeFetch(ctx, b.keys)
	if err == nil && len(vals) != len(b.keys) {
		err = fmt.Errorf("batch load: got %d values for %d keys", len(vals), len(b.keys))
	}
	if err != nil {
		l.mu.Lock()
		for i, k := range b.keys {
			if l.cache[k] == b.results[i] {
				delete(l.cache, k)
			}
		}
		l.mu.Unlock()
	}
	for i, r := range b.results {
		if err != nil {
			r.err = err
		} else {
			r.val = vals[i]
		}
		close(r.done)
	}
}

// safeFetch calls fetch, turning a panic into an error: the batch runs on its
// own goroutine, where a panic would end the process and leave the waiting
// loads hanging.
func (l *loader[K, V]) safeFetch(ctx context.Context, keys []K) (vals []V, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("batch load panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return l.fetch(ctx, keys)
}

// get waits for the result or for ctx to end.
func (r *result[V]) get(ctx context.Context) (V, error) {
	select {
	case <-r.done:
		return r.val, r.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}
