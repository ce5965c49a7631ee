package main

import (
	"testing"
	"time"
)

func TestCheckConfig(t *testing.T) {
	ok := config{addr: "http://127.0.0.1:8080", duration: 30 * time.Second, concurrency: 16, maxRequests: 1000, writeShare: 0.2}
	for _, c := range []struct {
		name string
		edit func(*config)
		want bool
	}{
		{"Loopback", func(c *config) {}, true},
		{"Localhost", func(c *config) { c.addr = "http://localhost:9000" }, true},
		{"OtherLoopback", func(c *config) { c.addr = "http://127.0.0.2:9000" }, true},
		{"IPv6Loopback", func(c *config) { c.addr = "http://[::1]:9000" }, true},
		{"Private", func(c *config) { c.addr = "http://10.0.0.5:8080" }, false},
		{"Public", func(c *config) { c.addr = "https://netgraph.example.org" }, false},
		{"AllInterfaces", func(c *config) { c.addr = "http://0.0.0.0:8080" }, false},
		{"NoScheme", func(c *config) { c.addr = "127.0.0.1:8080" }, false},
		{"LongDuration", func(c *config) { c.duration = time.Hour }, false},
		{"NoDuration", func(c *config) { c.duration = 0 }, false},
		{"TooManyClients", func(c *config) { c.concurrency = 1000 }, false},
		{"NoRequests", func(c *config) { c.maxRequests = 0 }, false},
		{"WriteShare", func(c *config) { c.writeShare = 1.5 }, false},
	} {
		cfg := ok
		c.edit(&cfg)
		if _, err := checkConfig(cfg); (err == nil) != c.want {
			t.Errorf("%s: checkConfig(%+v) = %v, want ok=%v", c.name, cfg, err, c.want)
		}
	}
}

func TestPercentile(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[int]time.Duration{50: 50 * time.Millisecond, 95: 95 * time.Millisecond, 99: 99 * time.Millisecond, 100: 100 * time.Millisecond} {
		if got := percentile(lat, p); got != want {
			t.Errorf("p%d = %v, want %v", p, got, want)
		}
	}
	if got := percentile(nil, 99); got != 0 {
		t.Errorf("p99 of nothing = %v", got)
	}
}

func TestMix(t *testing.T) {
	m := newMix(map[string]bool{"networkHealth": true, "centrality": true, "unrelated": true}, 0.25)
	if len(m.analysis) != 2 {
		t.Fatalf("analysis fields %v, want centrality and networkHealth", m.analysis)
	}
	var writes float64
	for _, op := range m.ops {
		if op.write {
			writes += op.weight
		}
	}
	if share := writes / m.total; share < 0.249 || share > 0.251 {
		t.Errorf("write share %v, want 0.25", share)
	}
}
