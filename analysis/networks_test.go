package analysis

import (
	"runtime"
	"strconv"

	"github.com/netgraph/netgraph/internal/holmekim"
)

// The networks the tests and benchmarks build, and how they run kernels.

// namedNetwork is a test network with the name of its subtest.
type namedNetwork struct {
	name string
	g    *Snapshot
}

// snapshotOf builds an unweighted snapshot of people "0".."n-1" and the given
// ties.
func snapshotOf(n int, ties ...[2]int) *Snapshot {
	b := NewBuilder(false)
	for v := range n {
		b.AddPerson(strconv.Itoa(v))
	}
	for _, t := range ties {
		if err := b.AddTie(strconv.Itoa(t[0]), strconv.Itoa(t[1]), 1); err != nil {
			panic(err)
		}
	}
	return b.Build()
}

// clusteredNetwork returns a Holme–Kim power-law network with clustering,
// generated like networkx.powerlaw_cluster_graph(n, m, p) (see holmekim).
// Deterministic for a seed.
func clusteredNetwork(n, m int, p float64, seed uint64) *Snapshot {
	b := NewBuilder(false)
	b.Grow(n, n*m)
	for v := range n {
		b.AddPerson(strconv.Itoa(v))
	}
	for _, t := range holmekim.Ties(n, m, p, seed) {
		if err := b.AddTie(strconv.Itoa(int(t[0])), strconv.Itoa(int(t[1])), 1); err != nil {
			panic(err)
		}
	}
	return b.Build()
}

// withProcs runs f with GOMAXPROCS set to procs, to check that parallel
// kernels give the same answer on any number of CPUs.
func withProcs(procs int, f func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	f()
}
