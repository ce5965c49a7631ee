package analysis

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
)

func TestEigenvectorMatchesNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			x, err := Eigenvector(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			r.assertCloseEach(t, g, "eigenvector", x, 1e-10)
		})
	}
}

func TestEigenvectorHasUnitNormAndDoesNotDependOnWorkers(t *testing.T) {
	g := weightedNetwork(3000, 20000, 4)
	var one, two []float64
	var err1, err2 error
	withProcs(1, func() { one, err1 = Eigenvector(context.Background(), g) })
	withProcs(2, func() { two, err2 = Eigenvector(context.Background(), g) })
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !slices.Equal(one, two) {
		t.Error("GOMAXPROCS=1 and 2 give different results")
	}
	sq := 0.0
	for _, x := range one {
		sq += x * x
	}
	if math.Abs(sq-1) > 1e-12 {
		t.Errorf("squared norm %v; want 1", sq)
	}
}

func TestEigenvectorEdgeCases(t *testing.T) {
	for _, tc := range structureEdgeCases() {
		t.Run(tc.name, func(t *testing.T) {
			x, err := Eigenvector(context.Background(), tc.g)
			if err != nil {
				t.Fatal(err)
			}
			if len(x) != tc.g.N() {
				t.Fatalf("got %d values for %d people", len(x), tc.g.N())
			}
			// Every edge case is symmetric: everyone scores alike.
			for _, v := range x {
				if want := 1 / math.Sqrt(float64(len(x))); math.Abs(v-want) > 1e-12 {
					t.Errorf("got %v; want %v for everyone", x, want)
					break
				}
			}
		})
	}
}

func TestEigenvectorCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Eigenvector(ctx, clusteredNetwork(100, 2, 0.1, 1)); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}
