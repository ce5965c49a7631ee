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
// with no ties are part of the network; its columns "name" (or "label") and
// "organisation" (or "organization") give their names and where they work.
//
// A header is required, and a first row that looks like data is refused
// rather than read as one (see Read): a file without one would
// otherwise lose its first tie without a word. Columns are separated by
// commas, semicolons (as spreadsheets save CSV in much of Europe) or tabs,
// whichever the header line holds most of, unless Options.Delimiter names one.
//
// Files are read as a stream, one row at a time; only the snapshot being built
// is held in memory. Every error names the input and the line it concerns.
package edgelist

import (
	"bufio"
	"bytes"
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
	// with the id in the first column; its name, organisation, profession
	// and region columns (NameColumns, OrganisationColumns, "profession",
	// "region") and Column are read, any others ignored. People are numbered in the order they first appear, the
	// nodes list first.
	Nodes io.Reader
	// Column names a column of the nodes file (such as "organisation") to
	// read: OnColumn is called with each row's person (as a snapshot index)
	// and their value in it. The other columns stay ignored.
	Column   string
	OnColumn func(person int, value string)
	// Names, when not nil, is filled with each person's name from the nodes
	// file's name column (NameColumns), by id. People without one are left
	// out.
	Names map[string]string
	// Delimiter separates the columns of every file: ',', ';' or '\t'. Zero
	// tells it from each file's header line (see DetectDelimiter).
	Delimiter rune
	// Stdin is read for a path "-" given to ReadFiles.
	Stdin io.Reader
	// EdgesName and NodesName name the inputs in error messages, for example
	// "edges.csv". They default to "edge list" and "node list"; ReadFiles sets
	// them to the paths it opens ("stdin" for "-").
	EdgesName, NodesName string
}

// NameColumns and OrganisationColumns are the nodes-file columns read as a
// person's name and organisation, compared case-insensitively; the first
// of the header's columns to match is read.
var (
	NameColumns         = []string{"name", "label"}
	OrganisationColumns = []string{"organisation", "organization"}
)

// professionColumns and regionColumns are the nodes-file columns read as a
// person's profession and region, which name communities with their
// organisation (see analysis.NameCommunity).
var (
	professionColumns = []string{"profession"}
	regionColumns     = []string{"region"}
)

// Delimiters are the column separators a file may use.
var Delimiters = []rune{',', ';', '\t'}

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
// Either path may be "-" for opts.Stdin (read as "stdin"), but not both.
func ReadFiles(edgesPath, nodesPath string, opts Options) (*analysis.Snapshot, error) {
	if edgesPath == "-" && nodesPath == "-" {
		return nil, errors.New("the edge and node lists cannot both be read from stdin (-)")
	}
	edges, edgesName, closeEdges, err := open(edgesPath, opts.Stdin)
	if err != nil {
		return nil, err
	}
	defer closeEdges()
	opts.EdgesName = edgesName
	if nodesPath != "" {
		nodes, nodesName, closeNodes, err := open(nodesPath, opts.Stdin)
		if err != nil {
			return nil, err
		}
		defer closeNodes()
		opts.Nodes, opts.NodesName = nodes, nodesName
	}
	return Read(edges, opts)
}

// open opens the file at path, or stdin for "-", and returns it with its
// name for messages and how to close it.
func open(path string, stdin io.Reader) (io.Reader, string, func(), error) {
	if path == "-" {
		if stdin == nil {
			return nil, "", nil, errors.New("- names stdin, which there is none of here")
		}
		return stdin, "stdin", func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", nil, err
	}
	return f, path, func() { f.Close() }, nil
}

// Read reads an edge list, and opts.Nodes if set, into a snapshot that is
// weighted when opts.Weight is set. Errors are *Error values naming the line.
//
// A header row that looks like data is refused on line 1, naming the column:
// an edge header whose first two cells are both numbers, or with a number in
// a later cell (a strength); a nodes header whose first cell is a number; and,
// once everything is read, a header's id cell that is the id of a person in
// the network. Only a header of made-up names, used nowhere else, passes for
// one when it is data.
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
	var nodes *table
	if opts.Nodes != nil {
		var err error
		if nodes, err = readNodes(b, opts.Nodes, &opts); err != nil {
			return nil, err
		}
	}
	edgeTable, err := readEdges(b, edges, opts.EdgesName, opts.Weight, opts.Delimiter)
	if err != nil {
		return nil, err
	}
	g := b.Build()
	// A header cell that is a person's id is a row of data taken for the
	// header: the tie or person it holds would be lost.
	if nodes != nil {
		if err := nodes.headerNamesNobody(g, 1, "id,name,organisation"); err != nil {
			return nil, err
		}
	}
	if err := edgeTable.headerNamesNobody(g, 2, "from,to,strength"); err != nil {
		return nil, err
	}
	return g, nil
}

// noHeader is the error for a first row that holds data rather than column
// names, with the header to add (example, its columns separated by commas).
func noHeader(file string, col int, why string, delim rune, example string) *Error {
	return &Error{File: file, Line: 1, Err: fmt.Errorf("no header row: column %d %s; add a header such as %q",
		col+1, why, strings.ReplaceAll(example, ",", string(delim)))}
}

// headerNamesNobody refuses a header whose first idColumns cells (the id
// columns) are ids of people in g, named in the file's rows or the other
// file's.
func (t *table) headerNamesNobody(g *analysis.Snapshot, idColumns int, example string) error {
	for col, cell := range t.header[:min(idColumns, len(t.header))] {
		if _, ok := g.Index(cell); ok {
			return noHeader(t.name, col, fmt.Sprintf("holds %q, the id of a person in the network, so the first row is data", cell), t.delim, example)
		}
	}
	return nil
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
	line   int  // line of the row last returned
	delim  rune // the column separator
}

// newTable reads in with columns separated by delim, or by the separator its
// header line holds most of when delim is 0.
func newTable(in io.Reader, name string, delim rune) (*table, error) {
	buf := bufio.NewReaderSize(in, 64<<10)
	if delim == 0 {
		delim = DetectDelimiter(peekHeader(buf))
	}
	r := csv.NewReader(buf)
	r.Comma = delim
	r.FieldsPerRecord = -1 // checked by row, so that blank lines of spaces can be skipped
	r.ReuseRecord = true
	t := &table{r: r, name: name, delim: delim}
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

// peekHeader returns the start of buf's input up to its header line (the
// first that is not blank) or as far as the buffer holds, without reading
// past it: on a pipe, the header line is enough to wait for.
func peekHeader(buf *bufio.Reader) []byte {
	for n := 512; ; n *= 2 {
		n = min(n, buf.Size())
		start, err := buf.Peek(n)
		if _, complete := headerLine(start); complete || err != nil || n == buf.Size() {
			return start
		}
	}
}

// headerLine returns the first line of start that is not blank (a byte
// order mark removed), and whether it is complete (ends in a line break).
func headerLine(start []byte) (line []byte, complete bool) {
	start = bytes.TrimPrefix(start, []byte("\uFEFF"))
	for len(start) > 0 {
		line, rest, found := bytes.Cut(start, []byte("\n"))
		if len(bytes.TrimSpace(line)) > 0 {
			return line, found
		}
		start = rest
	}
	return nil, false
}

// DetectDelimiter tells the column separator of a CSV file from its start:
// of comma, semicolon and tab (Delimiters), the one its header line (the
// first that is not blank) holds most of outside quotes, comma when it holds
// none.
func DetectDelimiter(start []byte) rune {
	line, _ := headerLine(start)
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(line) {
		if c == '"' {
			quoted = !quoted
		} else if !quoted {
			counts[c]++
		}
	}
	best := ','
	for _, d := range Delimiters {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
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
	return t.checkText(rec, col, what, "id")
}

// checkText is checkID for any text the reports print (noun says what it
// is: an id, a name).
func (t *table) checkText(rec []string, col int, what, noun string) error {
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
		return t.errorf("column %d (%s): %s %q holds %s (%U) at character %d", col+1, what, noun, id, why, r,
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

// readNodes reads the nodes file: a person per row, their id in the first
// column, their name and organisation from the columns so named, and
// opts.Column passed to opts.OnColumn. It returns the table, for its header.
func readNodes(b *analysis.Builder, in io.Reader, opts *Options) (*table, error) {
	t, err := newTable(in, opts.NodesName, opts.Delimiter)
	if err != nil {
		return nil, err
	}
	if isNumber(t.header[0]) {
		return nil, noHeader(t.name, 0, fmt.Sprintf("holds the number %q, an id rather than a column name", t.header[0]), t.delim, "id,name,organisation")
	}
	col := -1
	if opts.Column != "" {
		if col, err = t.column(opts.Column); err != nil {
			return nil, err
		}
		if col == 0 {
			return nil, t.errorf("column %q is the id column", opts.Column)
		}
	}
	nameCol, orgCol := t.columnOf(NameColumns), t.columnOf(OrganisationColumns)
	professionCol, regionCol := t.columnOf(professionColumns), t.columnOf(regionColumns)
	err = t.each(func(rec []string) error {
		if rec[0] == "" {
			return t.errorf("empty id")
		}
		if err := t.checkID(rec, 0, "id"); err != nil {
			return err
		}
		v := b.AddPerson(rec[0])
		if col >= 0 && opts.OnColumn != nil {
			opts.OnColumn(v, rec[col])
		}
		if nameCol > 0 && rec[nameCol] != "" {
			if err := t.checkText(rec, nameCol, t.header[nameCol], "name"); err != nil {
				return err
			}
			if opts.Names != nil {
				opts.Names[rec[0]] = strings.Clone(rec[nameCol])
			}
		}
		var p analysis.Profile
		for _, f := range []struct {
			col  int
			noun string
			set  func(string)
		}{
			{orgCol, "organisation", func(org string) { p.Organisations = []analysis.Group{{ID: org, Name: org}} }},
			{professionCol, "profession", func(s string) { p.Profession = s }},
			{regionCol, "region", func(s string) { p.Region = s }},
		} {
			if f.col > 0 && rec[f.col] != "" {
				if err := t.checkText(rec, f.col, t.header[f.col], f.noun); err != nil {
					return err
				}
				f.set(strings.Clone(rec[f.col]))
			}
		}
		if p.Organisations != nil || p.Profession != "" || p.Region != "" {
			b.SetProfile(rec[0], p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// readEdges reads the edge file and returns the table, for its header. A header whose two
// id cells are both numbers, or with a number past them (a strength), is a
// row of data: the file has no header.
func readEdges(b *analysis.Builder, in io.Reader, name, weight string, delim rune) (*table, error) {
	t, err := newTable(in, name, delim)
	if err != nil {
		return nil, err
	}
	if len(t.header) < 2 {
		return nil, t.errorf("the header must name at least two columns (source, target); it has %d, separated by %s",
			len(t.header), delimiterName(t.delim))
	}
	if isNumber(t.header[0]) && isNumber(t.header[1]) {
		return nil, noHeader(name, 0, fmt.Sprintf("holds %q and column 2 %q, ids rather than column names", t.header[0], t.header[1]), t.delim, "from,to,strength")
	}
	for c := 2; c < len(t.header); c++ {
		if isNumber(t.header[c]) {
			return nil, noHeader(name, c, fmt.Sprintf("holds the number %q, a strength rather than a column name", t.header[c]), t.delim, "from,to,strength")
		}
	}
	col, err := weightColumn(t, weight)
	if err != nil {
		return nil, err
	}
	err = t.each(func(rec []string) error {
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
	if err != nil {
		return nil, err
	}
	return t, nil
}

// isNumber reports whether a header cell is a number, which a column name
// is not.
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// delimiterName names a separator for messages.
func delimiterName(d rune) string {
	switch d {
	case ',':
		return "commas"
	case ';':
		return "semicolons"
	case '\t':
		return "tabs"
	}
	return strconv.QuoteRune(d)
}

// columnOf returns the index of the header's first column named one of
// names (case-insensitively), or -1.
func (t *table) columnOf(names []string) int {
	for i, h := range t.header {
		for _, n := range names {
			if strings.EqualFold(h, n) {
				return i
			}
		}
	}
	return -1
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
