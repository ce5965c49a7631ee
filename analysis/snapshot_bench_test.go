package analysis

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"
)

// BenchmarkSnapshotMemory builds a snapshot of 1,000,000 people and 10,000,000
// ties (random pairs, strengths 1–10) and reports the heap it holds once
// built. The target is under 1 GiB. Run with:
//
//	go test ./analysis -run '^$' -bench SnapshotMemory -benchtime 1x
func BenchmarkSnapshotMemory(b *testing.B) {
	const people, ties = 1_000_000, 10_000_000
	b.ReportAllocs()
	for range b.N {
		ids := make([]string, people)
		for i := range ids {
			ids[i] = "per_" + strconv.Itoa(i)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		bld := NewBuilder(true)
		bld.Grow(people, ties)
		for _, id := range ids {
			bld.AddPerson(id)
		}
		for range ties {
			u, v := rng.IntN(people), rng.IntN(people)
			if u == v {
				continue
			}
			if err := bld.AddTie(ids[u], ids[v], float64(1+rng.IntN(10))); err != nil {
				b.Fatal(err)
			}
		}
		ids = nil
		g := bld.Build()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
		b.ReportMetric(float64(ms.HeapAlloc)/float64(g.N()+2*g.M()), "B/entry")
		runtime.KeepAlive(g)
	}
}
