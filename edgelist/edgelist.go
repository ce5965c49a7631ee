// Package edgelist reads a network from CSV files into an analysis snapshot,
// so that netgraph can analyse data exported from elsewhere (a spreadsheet, a
// CRM, NetworkX's write_edgelist with a header added).
//
// The edge file has a header row; its first two columns are the two people a
// tie joins, whatever the header calls them, and any further columns are
// ignored unless one is named as the tie strength. Ties are undirected: a row
// "b,a" is the same tie as "a,b". When a pair appears more than once, the
// strongest row is kept (see analysis.Builder.AddTie). An optional nodes file,
// also with a header, lists people by id in its first column so that people
// with no ties are part of the network.
//
// Files are read as a stream, one row at a time; only the snapshot being built
// is held in memory. Every error names the input and the line it concerns.
package edgelist

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
)

// Options says how to read the files.
type Options struct {
	// Weight names the edge-file column holding the tie strength: a finite
	// number of at least netgraph.MinStrength. Empty reads an unweighted network, where every
	// strength is 1.
	Weight string
	// Nodes optionally lists people: a header row, then one person per row
	// with the id in the first column (further columns are ignored, but for
	// Column). People
	// are numbered in the order they first appear, the nodes list first.
	Nodes io.Reader
	// Column names a column of the nodes file (such as "organisation") to
	// read: OnColumn is called with each row's person (as a snapshot index)
	// and their value in it. The other columns stay ignored.
	Column   string
	OnColumn func(person int, value string)
	// EdgesName and NodesName name the inputs in error messages, for example
	// "edges.csv". They default to "edge list" and "node list"; ReadFiles sets
	// them to the paths it opens.
	EdgesName, NodesName string
}

// Error is a problem with one line of an input. Its message reads like
// `edges.csv line 7: strength "abc" is not a number`.
type Error struct {
	File string // the input's name (Options.EdgesName or NodesName)
	Line int    // 1-based; for a read failure, the last line reached
	Err  error
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("%s line %d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the underlying error, such as analysis.ErrSelfTie.
func (e *Error) Unwrap() error { return e.Err }

// ReadFiles reads the edge file at edgesPath and, unless nodesPath is empty,
// the nodes file at nodesPath (opts.Nodes is then ignored). Errors name the
// files by the paths given.
func ReadFiles(edgesPath, nodesPath string, opts Options) (*analysis.Snapshot, error) {
	edges, err := os.Open(edgesPath)
	if err != nil {
		return nil, err
	}
	defer edges.Close()
	opts.EdgesName = edgesPath
	if nodesPath != "" {
		nodes, err := os.Open(nodesPath)
		if err != nil {
			return nil, err
		}
		defer nodes.Close()
		opts.Nodes, opts.NodesName = nodes, nodesPath
	}
	return Read(edges, opts)
}

// Read reads an edge list, and opts.Nodes if set, into a snapshot that is
// weighted when opts.Weight is set. Errors are *Error values naming the line.
func Read(edges io.Reader, opts Options) (*analysis.Snapshot, error) {
	if opts.EdgesName == "" {
		opts.EdgesName = "edge list"
	}
	if opts.NodesName == "" {
		opts.NodesName = "node list"
	}
	b := analysis.NewBuilder(opts.Weight != "")
	// A row is rarely shorter than 16 bytes ("1234,5678,3\r\n" is 13), and
	// people are usually several times fewer than ties. Only so much room is
	// made ahead, as a file of long rows holds far fewer ties than that; the
	// builder grows past it as needed.
	if size := sizeHint(edges); size > 0 {
		ties := int(min(size/16, maxTiesAhead))
		b.Grow(ties/4, ties)
	}
	if opts.Nodes != nil {
		if err := readNodes(b, opts.Nodes, opts.NodesName, opts.Column, opts.OnColumn); err != nil {
			return nil, err
		}
	}
	if err := readEdges(b, edges, opts.EdgesName, opts.Weight); err != nil {
		return nil, err
	}
	return b.Build(), nil
}

// maxTiesAhead bounds the ties Read makes room for from the input's size
// (16 MiB of them).
const maxTiesAhead = 1 << 20

// table reads CSV rows that must all have as many fields as the header, with
// spaces trimmed and blank lines skipped.
type table struct {
	r      *csv.Reader
	name   string
	header []string
	line   int // line of the row last returned
}

func newTable(in io.Reader, name string) (*table, error) {
	r := csv.NewReader(bufio.NewReaderSize(in, 64<<10))
	r.FieldsPerRecord = -1 // checked by row, so that blank lines of spaces can be skipped
	r.ReuseRecord = true
	t := &table{r: r, name: name}
	header, err := t.row()
	if err == io.EOF {
		return nil, &Error{File: name, Line: max(t.line, 1), Err: errors.New("missing header row")}
	}
	if err != nil {
		return nil, err
	}
	header[0] = strings.TrimSpace(strings.TrimPrefix(header[0], "\uFEFF")) // spreadsheets often start with a byte order mark
	t.header = append([]string(nil), header...)
	return t, nil
}

// row returns the next non-blank row with its fields trimmed, or io.EOF. The
// slice is reused by the next call.
func (t *table) row() ([]string, error) {
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			return nil, io.EOF
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			t.line = perr.Line
			if perr.StartLine != perr.Line { // an unclosed quote runs to the end of the file
				return nil, t.errorf("%w (in the row starting on line %d)", perr.Err, perr.StartLine)
			}
			return nil, &Error{File: t.name, Line: perr.Line, Err: perr.Err}
		}
		if err != nil {
			return nil, &Error{File: t.name, Line: t.line, Err: fmt.Errorf("read: %w", err)}
		}
		t.line, _ = t.r.FieldPos(0)
		blank := true
		for i, f := range rec {
			rec[i] = strings.TrimSpace(f)
			blank = blank && rec[i] == ""
		}
		if blank && len(rec) == 1 {
			continue // a line of spaces; encoding/csv already skips empty lines
		}
		if t.header != nil && len(rec) != len(t.header) {
			return nil, t.errorf("the header has %d columns but this row has %d", len(t.header), len(rec))
		}
		return rec, nil
	}
}

// checkID refuses an id in column col of rec (what names the column) that
// holds a control character (NUL, a line break, an escape), one that changes
// how text shows without showing itself (netgraph.HiddenChar: a right-to-left
// override, a zero-width space), or bytes that are not UTF-8: ids are printed
// in reports and tables, where such characters would forge or garble lines.
func (t *table) checkID(rec []string, col int, what string) error {
	id := rec[col]
	for i, r := range id {
		var why string
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(id[i:], "\uFFFD"):
			why = "a byte that is not UTF-8"
		case unicode.IsControl(r):
			why = "a control character"
		case netgraph.HiddenChar(r):
			why = "an invisible or text-direction character"
		default:
			continue
		}
		return t.errorf("column %d (%s): id %q holds %s (%U) at character %d", col+1, what, id, why, r,
			utf8.RuneCountInString(id[:i])+1)
	}
	return nil
}

func (t *table) errorf(format string, args ...any) *Error {
	return &Error{File: t.name, Line: t.line, Err: fmt.Errorf(format, args...)}
}

// each calls fn with every row left, until fn or reading fails.
func (t *table) each(fn func(rec []string) error) error {
	for {
		rec, err := t.row()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

func readNodes(b *analysis.Builder, in io.Reader, name, column string, onColumn func(int, string)) error {
	t, err := newTable(in, name)
	if err != nil {
		return err
	}
	col := -1
	if column != "" {
		if col, err = t.column(column); err != nil {
			return err
		}
		if col == 0 {
			return t.errorf("column %q is the id column", column)
		}
	}
	return t.each(func(rec []string) error {
		if rec[0] == "" {
			return t.errorf("empty id")
		}
		if err := t.checkID(rec, 0, "id"); err != nil {
			return err
		}
		v := b.AddPerson(rec[0])
		if col >= 0 && onColumn != nil {
			onColumn(v, rec[col])
		}
		return nil
	})
}

func readEdges(b *analysis.Builder, in io.Reader, name, weight string) error {
	t, err := newTable(in, name)
	if err != nil {
		return err
	}
	if len(t.header) < 2 {
		return t.errorf("the header must name at least two columns (source, target); it has %d", len(t.header))
	}
	col, err := weightColumn(t, weight)
	if err != nil {
		return err
	}
	return t.each(func(rec []string) error {
		a, c, strength := rec[0], rec[1], 1.0
		switch {
		case a == "":
			return t.errorf("empty source id")
		case c == "":
			return t.errorf("empty target id")
		case a == c:
			return t.errorf("%w (self-loop %q)", analysis.ErrSelfTie, a)
		}
		if err := t.checkID(rec, 0, "source"); err != nil {
			return err
		}
		if err := t.checkID(rec, 1, "target"); err != nil {
			return err
		}
		if col >= 0 {
			if strength, err = parseStrength(rec[col]); err != nil {
				return &Error{File: name, Line: t.line, Err: err}
			}
		}
		if err := b.AddTie(a, c, strength); err != nil {
			return &Error{File: name, Line: t.line, Err: err} // only ErrTooLarge is left
		}
		return nil
	})
}

// weightColumn returns the index of the named strength column, or -1 when
// the network is unweighted.
func weightColumn(t *table, weight string) (int, error) {
	if weight == "" {
		return -1, nil
	}
	col, err := t.column(weight)
	if err != nil {
		return 0, err
	}
	if col < 2 {
		return 0, t.errorf("strength column %q is the source or target column", weight)
	}
	return col, nil
}

// column returns the index of the header's column of that name.
func (t *table) column(name string) (int, error) {
	col := -1
	for i, h := range t.header {
		if h != name {
			continue
		}
		if col >= 0 {
			return 0, t.errorf("column %q appears more than once in the header", name)
		}
		col = i
	}
	if col < 0 {
		return 0, t.errorf("no column %q in the header (%s)", name, strings.Join(t.header, ", "))
	}
	return col, nil
}

func parseStrength(s string) (float64, error) {
	if s == "" {
		return 0, errors.New("missing strength")
	}
	w, err := strconv.ParseFloat(s, 64)
	var nerr *strconv.NumError
	switch {
	case errors.As(err, &nerr) && nerr.Err == strconv.ErrSyntax:
		return 0, fmt.Errorf("strength %q is not a number", s)
	case err != nil || math.IsInf(w, 0) || math.IsNaN(w):
		return 0, fmt.Errorf("strength %q is not a finite number", s)
	case w <= 0:
		return 0, fmt.Errorf("strength %q must be greater than 0", s)
	case w < netgraph.MinStrength:
		return 0, fmt.Errorf("strength %q is below the minimum tie strength %g; scale the column up", s, netgraph.MinStrength)
	}
	return w, nil
}

// sizeHint returns the number of bytes left in r when that is cheap to know.
func sizeHint(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		return int64(r.Len())
	case interface{ Stat() (fs.FileInfo, error) }: // os.File
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return 0
}
