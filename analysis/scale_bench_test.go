package analysis

import (
	"context"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// BenchmarkMillion times every kernel once on a Holme–Kim network of
// 1,000,000 people and about 5,000,000 ties (like
// networkx.powerlaw_cluster_graph(1000000, 5, 0.3)), and reports the heap the
// snapshot holds. The targets are a snapshot under 1 GiB and each O(m) metric
// under 10 s. Each kernel also reports cpu-s, the CPU time the process used
// (all threads, garbage collection included), which other work on a shared
// machine disturbs less than the wall time. It needs about 2 GB and a few
// minutes, so it runs only when asked:
//
//	NETGRAPH_SCALE_BENCH=1 go test ./analysis -run '^$' -bench Million -benchtime 1x
func BenchmarkMillion(b *testing.B) {
	if os.Getenv("NETGRAPH_SCALE_BENCH") == "" {
		b.Skip("set NETGRAPH_SCALE_BENCH=1 to run")
	}
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	g := clusteredNetwork(1_000_000, 5, 0.3, 42)
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
	b.Run("snapshot", func(b *testing.B) {
		for b.Loop() {
		}
		b.ReportMetric(held, "snapshot-MiB")
	})
	ctx := context.Background()
	kernels := []struct {
		name string
		run  func() error
	}{
		{"degree", func() error { Degrees(g); return nil }},
		{"strength", func() error { TotalStrengths(g); return nil }},
		{"components", func() error { Components(g); return nil }},
		{"core", func() error { CoreNumbers(g); return nil }},
		{"articulation-points", func() error { ArticulationPoints(g); return nil }},
		{"bridges", func() error { Bridges(g); return nil }},
		{"clustering", func() error { Clustering(g); return nil }},
		{"transitivity", func() error { Transitivity(g); return nil }},
		{"pagerank", func() error { _, err := PageRank(ctx, g, 0.85); return err }},
		{"eigenvector", func() error { _, err := Eigenvector(ctx, g); return err }},
		{"louvain", func() error { _, err := Louvain(ctx, g, 1); return err }},
		{"constraint", func() error { Constraint(g); return nil }},
		{"sampled-betweenness/epsilon=0.02", func() error { _, _, err := SampledBetweenness(ctx, g, 0.02, 0.1, 1); return err }},
		{"sampled-closeness/epsilon=0.05", func() error { _, _, _, err := SampledCloseness(ctx, g, 0.05, 0.1, 1); return err }},
	}
	for _, k := range kernels {
		b.Run(k.name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				if err := k.run(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s")
		})
	}
}

// cpuTime is the user and system time the process has used.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
