package app

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graphfile"
)

// ExportFormats are the formats WriteExport writes: JSON lines for import,
// GEXF for Gephi, GraphML for Cytoscape and igraph.
var ExportFormats = []string{"jsonl", "gexf", "graphml"}

// ExportSummary is what WriteExport wrote: the data version it reflects and
// the records (for GEXF and GraphML, only People and Ties: nodes and edges).
type ExportSummary struct {
	Version uint64
	Counts  RecordCounts
}

// WriteExport writes the whole graph of store to w in format (one of
// ExportFormats), stamped now. `netgraph export` and the service's /export
// use it alike, so that both give the same file of the same data.
func WriteExport(ctx context.Context, store netgraph.Store, w io.Writer, format string, now time.Time, logger zerolog.Logger) (ExportSummary, error) {
	var sum ExportSummary
	switch format {
	case "jsonl":
		counts, version, err := Export(ctx, store, w, now)
		return ExportSummary{Version: version, Counts: counts}, err
	case "gexf", "graphml":
		g, version, err := WholeNetworkFile(ctx, store, logger)
		if err != nil {
			return sum, err
		}
		sum = ExportSummary{Version: version, Counts: RecordCounts{People: len(g.Nodes), Ties: len(g.Edges)}}
		if format == "graphml" {
			return sum, graphfile.WriteGraphML(w, g)
		}
		return sum, graphfile.WriteGEXF(w, g)
	}
	return sum, netgraph.Invalid("format", "export format %q: want jsonl, gexf or graphml", format)
}

// WholeNetworkFile analyses the whole graph of store with an engine of its
// own and makes its network file (NetworkFile), returning the data version
// it reflects. `netgraph export --format gexf|graphml` and the service's
// /export use it alike.
func WholeNetworkFile(ctx context.Context, store netgraph.Store, logger zerolog.Logger) (*graphfile.Graph, uint64, error) {
	eng := engine.New(store, engine.Options{Logger: logger, MaxEntries: 1})
	a, err := eng.AnalyseFor(ctx, engine.Scope{}, engine.Everything)
	if err != nil {
		return nil, 0, fmt.Errorf("analyse: %w", err)
	}
	g, err := NetworkFile(ctx, store, a.View)
	return g, a.Snapshot.Version(), err
}
