package app

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/netgraph/netgraph"
)

// GraphReader is what an export reads: the whole graph at one data version.
type GraphReader interface {
	DataVersion(ctx context.Context) (uint64, error)
	ReadGraph(ctx context.Context, fn func(netgraph.Record) error) (version uint64, err error)
}

// Export writes the whole graph of s to w as an export file (see
// exportfile.go), stamped with now, and returns the counts and the data
// version exported. If s changes between reading its data version and
// reading its graph, Export fails without writing the end line, so import
// refuses what it wrote.
func Export(ctx context.Context, s GraphReader, w io.Writer, now time.Time) (RecordCounts, uint64, error) {
	var counts RecordCounts
	version, err := s.DataVersion(ctx)
	if err != nil {
		return counts, 0, fmt.Errorf("data version: %w", err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false) // names like "Smith & Jones" stay readable
	if err := enc.Encode(ExportHeader{Netgraph: exportMagic, Version: exportFormat, DataVersion: version, ExportedAt: now.UTC()}); err != nil {
		return counts, 0, err
	}
	read, err := s.ReadGraph(ctx, func(r netgraph.Record) error {
		counts.Add(r)
		return enc.Encode(r)
	})
	if err != nil {
		return counts, 0, fmt.Errorf("read graph: %w", err)
	}
	if read != version {
		// The header would name the wrong version; without the end line the
		// output is refused by import.
		return counts, 0, fmt.Errorf("the store changed as the export began (data version %d, then %d); run it again", version, read)
	}
	if err := enc.Encode(exportEnd{Netgraph: exportEndMarker, Records: counts.Total()}); err != nil {
		return counts, 0, err
	}
	return counts, version, bw.Flush()
}

// RecordCounts counts records by kind, for summaries and checks.
type RecordCounts struct {
	Organisations, Networks, People, Affiliations, Memberships, Ties, Partnerships int
}

// Add counts r.
func (c *RecordCounts) Add(r netgraph.Record) {
	switch {
	case r.Organisation != nil:
		c.Organisations++
	case r.Network != nil:
		c.Networks++
	case r.Person != nil:
		c.People++
	case r.Affiliation != nil:
		c.Affiliations++
	case r.Membership != nil:
		c.Memberships++
	case r.Tie != nil:
		c.Ties++
	case r.Partnership != nil:
		c.Partnerships++
	}
}

// Total is the number of records counted.
func (c RecordCounts) Total() int {
	return c.Organisations + c.Networks + c.People + c.Affiliations + c.Memberships + c.Ties + c.Partnerships
}

// String lists the counts in dependency order.
func (c RecordCounts) String() string {
	return fmt.Sprintf("%d organisations, %d networks, %d people, %d affiliations, %d memberships, %d ties, %d partnerships",
		c.Organisations, c.Networks, c.People, c.Affiliations, c.Memberships, c.Ties, c.Partnerships)
}
