package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/netgraph/netgraph"
)

func init() {
	register(command{name: "import", summary: "load a file written by export into a store", run: runImport})
}

const importSynopsis = `netgraph import [flags] FILE loads FILE, written by "netgraph export", into a
store (the embedded file --db, or Neo4j). Records keep their ids and replace
whatever has the same id, so importing a file again changes nothing more.

It reads FILE twice. The first pass checks all of it and imports nothing if
anything is wrong, naming the line: the header and end lines, every record's
fields, that every relation's people, organisations and networks come earlier
in the file or are already in the store, and that no external id would name
two entities. The second pass imports the records in batches of --batch, each
batch one transaction. If the store fails part way (a lost connection, say),
the batches before the failure stay imported: run the same import again to
complete it. A counts summary goes to stderr.`

// maxLine is the longest line import reads; a record is a few kilobytes.
const maxLine = 16 << 20

// runImport runs `netgraph import`.
func runImport(ctx context.Context, env Env, args []string) (err error) {
	var (
		sf                  storeFlags
		batch               int
		logFormat, logLevel string
	)
	fs := newFlagSet(env, "import", importSynopsis)
	sf.register(fs)
	fs.IntVar(&batch, "batch", 1000, "records per transaction")
	fs.StringVar(&logFormat, "log-format", "console", "log format: json or console")
	fs.StringVar(&logLevel, "log-level", "warn", "log level: trace, debug, info, warn or error")
	flagArgs, files := splitArgs(fs, args)
	if err := parseFlags(fs, flagArgs, env.Getenv); err != nil {
		return err
	}
	if err := sf.resolve(fs, env.Getenv); err != nil {
		return err
	}
	switch {
	case len(files) != 1:
		return usageError{fmt.Errorf("name one export file to import (got %d arguments)", len(files))}
	case files[0] == "-":
		return usageError{errors.New("import reads its file twice (to check it, then to load it), so it needs a file, not standard input")}
	case batch < 1:
		return usageError{fmt.Errorf("--batch %d: want at least 1", batch)}
	}
	path := files[0]
	logger, err := newLogger(env.Stderr, logFormat, logLevel)
	if err != nil {
		return err
	}

	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close() // read only: nothing to lose on close

	store, desc, err := sf.openStore(ctx, logger)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("close store: %w", cerr))
		}
	}()

	before, err := store.DataVersion(ctx)
	if err != nil {
		return fmt.Errorf("data version of %s: %w", desc, err)
	}
	known, err := storeEntities(ctx, store)
	if err != nil {
		return fmt.Errorf("read the entities of %s: %w", desc, err)
	}
	header, counts, err := checkExport(ctx, f, known)
	if err != nil {
		return fmt.Errorf("%s: %w (nothing imported)", path, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	imported, err := importExport(ctx, f, store, batch)
	if err != nil {
		if imported.total() == 0 {
			return fmt.Errorf("import %s into %s: %w (nothing imported)", path, desc, err)
		}
		return fmt.Errorf("import %s into %s: %w (the first %d records stay imported; run the import again to complete it)",
			path, desc, err, imported.total())
	}
	if imported != counts {
		return fmt.Errorf("import %s into %s: the file changed while it was imported (checked %s; imported %s)", path, desc, counts, imported)
	}
	after, err := store.DataVersion(ctx)
	if err != nil {
		return fmt.Errorf("data version of %s: %w", desc, err)
	}
	fmt.Fprintf(env.Stderr, "imported %d records into %s (exported at data version %d on %s): %s; data version %d → %d\n",
		counts.total(), desc, header.DataVersion, header.ExportedAt.Format(time.RFC3339), counts, before, after)
	return nil
}

// splitArgs separates flags and their values from other arguments, so FILE
// may come before or after the flags; after "--" everything is an argument.
func splitArgs(fs *flag.FlagSet, args []string) (flags, rest []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(rest, args[i+1:]...)
		case len(a) < 2 || a[0] != '-':
			rest = append(rest, a)
		default:
			flags = append(flags, a)
			name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if f := fs.Lookup(name); f != nil && !hasValue && !isBoolFlag(f) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	return flags, rest
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// exportLine is any line of an export file: the header, a record, or the end.
type exportLine struct {
	netgraph.Record
	Netgraph    string     `json:"netgraph"`
	Version     int        `json:"version"`
	DataVersion uint64     `json:"dataVersion"`
	ExportedAt  *time.Time `json:"exportedAt"`
	Records     *int       `json:"records"`
}

// isMeta reports whether the line is a header or end line rather than a record.
func (l *exportLine) isMeta() bool { return l.Netgraph != "" }

// exportReader reads an export file line by line, each line in bounded memory.
type exportReader struct {
	sc   *bufio.Scanner
	line int // number of the last line read, from 1
}

func newExportReader(r io.Reader) *exportReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	return &exportReader{sc: sc}
}

// next returns the next line, decoded and checked for its shape (one record,
// or header or end fields alone); io.EOF after the last line.
func (er *exportReader) next() (exportLine, error) {
	var l exportLine
	if !er.sc.Scan() {
		err := er.sc.Err()
		if errors.Is(err, bufio.ErrTooLong) {
			return l, fmt.Errorf("line %d: longer than %d MiB", er.line+1, maxLine>>20)
		}
		if err == nil {
			err = io.EOF
		}
		return l, err
	}
	er.line++
	dec := json.NewDecoder(bytes.NewReader(er.sc.Bytes()))
	dec.DisallowUnknownFields() // a misspelt field would otherwise be dropped silently
	if err := dec.Decode(&l); err != nil {
		return l, fmt.Errorf("line %d: %w", er.line, err)
	}
	if dec.More() {
		return l, fmt.Errorf("line %d: more than one JSON value", er.line)
	}
	if l.isMeta() && l.Record != (netgraph.Record{}) ||
		!l.isMeta() && (l.Version != 0 || l.DataVersion != 0 || l.ExportedAt != nil || l.Records != nil) {
		return l, fmt.Errorf("line %d: a line is either a record or a netgraph header or end line, not both", er.line)
	}
	return l, nil
}

// readHeader reads and checks the header line.
func (er *exportReader) readHeader() (exportHeader, error) {
	l, err := er.next()
	switch {
	case errors.Is(err, io.EOF):
		return exportHeader{}, errors.New("the file is empty: not a netgraph export")
	case err != nil:
		return exportHeader{}, fmt.Errorf("not a netgraph export: %w", err)
	case l.Netgraph != exportMagic:
		return exportHeader{}, fmt.Errorf(`line 1: not a netgraph export: the first line must be its header, {"netgraph":"export","version":%d,…}`, exportFormat)
	case l.Version != exportFormat:
		return exportHeader{}, fmt.Errorf("line 1: export format version %d; this netgraph reads version %d", l.Version, exportFormat)
	case l.ExportedAt == nil:
		return exportHeader{}, errors.New("line 1: the header has no exportedAt")
	}
	return exportHeader{Netgraph: l.Netgraph, Version: l.Version, DataVersion: l.DataVersion, ExportedAt: *l.ExportedAt}, nil
}

// readRecord reads the next record; io.EOF after a well-formed end line that
// closes the file.
func (er *exportReader) readRecord(seen int) (netgraph.Record, error) {
	l, err := er.next()
	if errors.Is(err, io.EOF) {
		return netgraph.Record{}, fmt.Errorf("the file ends after line %d without its end line: the export was cut short or did not finish", er.line)
	}
	if err != nil {
		return netgraph.Record{}, err
	}
	if !l.isMeta() {
		return l.Record, nil
	}
	switch {
	case l.Netgraph != exportEndMarker:
		return netgraph.Record{}, fmt.Errorf("line %d: unexpected %q line", er.line, l.Netgraph)
	case l.Records == nil || *l.Records != seen:
		n := "none"
		if l.Records != nil {
			n = fmt.Sprint(*l.Records)
		}
		return netgraph.Record{}, fmt.Errorf("line %d: the end line counts %s records, the file holds %d", er.line, n, seen)
	}
	if _, err := er.next(); !errors.Is(err, io.EOF) {
		return netgraph.Record{}, fmt.Errorf("line %d: more after the end line", er.line)
	}
	return netgraph.Record{}, io.EOF
}

// checkExport is the first pass: it reads the whole file and checks that
// importing it into a store holding known would succeed. It returns the
// header and the counts.
func checkExport(ctx context.Context, r io.Reader, known *entityIndex) (exportHeader, recordCounts, error) {
	var counts recordCounts
	er := newExportReader(r)
	header, err := er.readHeader()
	if err != nil {
		return header, counts, err
	}
	for {
		rec, err := er.readRecord(counts.total())
		if errors.Is(err, io.EOF) {
			return header, counts, nil
		}
		if err != nil {
			return header, counts, err
		}
		if err := ctx.Err(); err != nil {
			return header, counts, err
		}
		clean, err := rec.Clean()
		if err == nil {
			err = known.add(clean)
		}
		if err != nil {
			return header, counts, fmt.Errorf("line %d: %w", er.line, err)
		}
		counts.add(clean)
	}
}

// importExport is the second pass: it imports the records of a checked file
// in batches, and returns the counts of what it imported.
func importExport(ctx context.Context, r io.Reader, s netgraph.Store, size int) (recordCounts, error) {
	var done recordCounts
	er := newExportReader(r)
	if _, err := er.readHeader(); err != nil {
		return done, err
	}
	batch := make([]netgraph.Record, 0, size)
	first := er.line + 1 // line of batch[0]
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := s.Import(ctx, batch); err != nil {
			return fmt.Errorf("lines %d–%d: %w", first, first+len(batch)-1, err)
		}
		for _, rec := range batch {
			done.add(rec)
		}
		batch, first = make([]netgraph.Record, 0, size), er.line+1
		return nil
	}
	for {
		rec, err := er.readRecord(done.total() + len(batch))
		if errors.Is(err, io.EOF) {
			return done, flush()
		}
		if err != nil {
			return done, err
		}
		if batch = append(batch, rec); len(batch) == size {
			if err := flush(); err != nil {
				return done, err
			}
		}
	}
}

// entityIndex holds the organisations, networks and people a store will hold
// once the records read so far are imported, with their external ids, so the
// first pass can check relations and external ids as the store would.
type entityIndex struct {
	organisations, networks, people entityIDs
}

// entityIDs maps the ids of one kind of entity to their external ids and back.
type entityIDs struct {
	ext  map[string]string // external id → id
	byID map[string]string // id → external id, "" for none
}

func newEntityIndex() *entityIndex {
	newIDs := func() entityIDs { return entityIDs{ext: map[string]string{}, byID: map[string]string{}} }
	return &entityIndex{organisations: newIDs(), networks: newIDs(), people: newIDs()}
}

// put records an entity as Store.Import would write it: replacing the one
// with its id releases that one's external id, and an external id may name
// one entity only.
func (e *entityIDs) put(what, id, ext string) error {
	if old, ok := e.byID[id]; ok && old != "" && old != ext {
		delete(e.ext, old)
	}
	if ext != "" {
		if cur, ok := e.ext[ext]; ok && cur != id {
			return &netgraph.Error{Code: netgraph.ECONFLICT, Field: what + ".externalId",
				Message: fmt.Sprintf("external id %q already names %s %s (in the store or earlier in the file)", ext, what, cur)}
		}
		e.ext[ext] = id
	}
	e.byID[id] = ext
	return nil
}

// need returns ENOTFOUND on field unless id is known.
func (e *entityIDs) need(field, what, id string) error {
	if _, ok := e.byID[id]; !ok {
		return &netgraph.Error{Code: netgraph.ENOTFOUND, Field: field,
			Message: fmt.Sprintf("%s %q is neither earlier in the file nor in the store", what, id)}
	}
	return nil
}

// add checks a cleaned record against the index and adds it.
func (ix *entityIndex) add(r netgraph.Record) error {
	switch {
	case r.Organisation != nil:
		return ix.organisations.put("organisation", r.Organisation.ID, r.Organisation.ExternalID)
	case r.Network != nil:
		return ix.networks.put("network", r.Network.ID, r.Network.ExternalID)
	case r.Person != nil:
		return ix.people.put("person", r.Person.ID, r.Person.ExternalID)
	case r.Affiliation != nil:
		return cmp.Or(ix.people.need("affiliation.personId", "person", r.Affiliation.PersonID),
			ix.organisations.need("affiliation.organisationId", "organisation", r.Affiliation.OrganisationID))
	case r.Membership != nil:
		return cmp.Or(ix.people.need("membership.personId", "person", r.Membership.PersonID),
			ix.networks.need("membership.networkId", "network", r.Membership.NetworkID))
	case r.Tie != nil:
		return cmp.Or(ix.people.need("tie.from", "person", r.Tie.From),
			ix.people.need("tie.to", "person", r.Tie.To))
	case r.Partnership != nil:
		return cmp.Or(ix.organisations.need("partnership.from", "organisation", r.Partnership.From),
			ix.organisations.need("partnership.to", "organisation", r.Partnership.To))
	}
	return nil
}

// storeEntities reads the organisations, networks and people s holds. They
// come first in ReadGraph's order, so the stream stops at the first relation.
func storeEntities(ctx context.Context, s netgraph.Store) (*entityIndex, error) {
	ix := newEntityIndex()
	stopped := false
	errStop := errors.New("entities read")
	_, err := s.ReadGraph(ctx, func(r netgraph.Record) error {
		if r.Organisation == nil && r.Network == nil && r.Person == nil {
			stopped = true
			return errStop
		}
		return ix.add(r)
	})
	if err != nil && !stopped {
		return nil, err
	}
	return ix, nil
}
