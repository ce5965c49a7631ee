package app

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/netgraph/netgraph/edgelist"
)

// SheetKind is what the rows of a spreadsheet describe. A file's kind comes
// from its name (people.csv, 2026-ties.csv) and a workbook sheet's from the
// sheet's name (People, Ties); docs/import.md lists the columns of each.
type SheetKind string

// The kinds of sheet, in the order they are imported: entities before the
// relations that name them.
const (
	SheetOrganisations SheetKind = "organisations"
	SheetNetworks      SheetKind = "networks"
	SheetPeople        SheetKind = "people"
	SheetAffiliations  SheetKind = "affiliations"
	SheetMemberships   SheetKind = "memberships"
	SheetTies          SheetKind = "ties"
	SheetPartnerships  SheetKind = "partnerships"
)

// SheetKinds lists every kind in import order.
var SheetKinds = []SheetKind{SheetOrganisations, SheetNetworks, SheetPeople, SheetAffiliations,
	SheetMemberships, SheetTies, SheetPartnerships}

// sheetColumns are each kind's columns, the required ones first; a sheet's
// header names some of them in any order. Entities are named by external id
// (the id the spreadsheet's owner uses), relations by the external ids of
// their ends.
var sheetColumns = map[SheetKind]struct{ required, optional []string }{
	SheetPeople:        {[]string{"external_id", "name"}, []string{"email", "title", "profession", "region", "interests", "consent"}},
	SheetOrganisations: {[]string{"external_id", "name"}, []string{"sector", "region"}},
	SheetNetworks: {[]string{"external_id", "name", "type"}, []string{"purpose", "region", "specialty",
		// The register's profile; host_organisation is an organisation's external id.
		"aims", "host_organisation", "contact_name", "contact_email", "membership_policy", "website", "status",
		"terms_of_reference_title", "terms_of_reference_link", "terms_of_reference_review_date",
		"memorandum_title", "memorandum_link", "memorandum_review_date"}},
	SheetAffiliations: {[]string{"person", "organisation"}, []string{"role", "since"}},
	SheetMemberships:  {[]string{"person", "network"}, []string{"role", "since"}},
	SheetTies:         {[]string{"from", "to"}, []string{"kind", "strength", "since", "last_interaction"}},
	SheetPartnerships: {[]string{"from", "to"}, []string{"kind", "since"}},
}

// kindWords are the words of a file or sheet name that say its kind.
var kindWords = map[string]SheetKind{
	"people": SheetPeople, "persons": SheetPeople,
	"organisations": SheetOrganisations, "organizations": SheetOrganisations, "orgs": SheetOrganisations,
	"networks":     SheetNetworks,
	"affiliations": SheetAffiliations,
	"memberships":  SheetMemberships,
	"ties":         SheetTies, "connections": SheetTies,
	"partnerships": SheetPartnerships,
}

// Sheet is one table of a spreadsheet: a CSV file, or one sheet of a
// workbook.
type Sheet struct {
	// Name names the sheet in errors: the file ("people.csv"), or the
	// workbook and sheet ("members.xlsx:People").
	Name string
	Kind SheetKind
	// Columns are the header's column names, canonical (lower case, words
	// joined by "_"), aligned with each row's cells.
	Columns []string
	Rows    []SheetRow
	// Workbook is set for a sheet of a workbook, whose date cells arrive as
	// serial numbers.
	Workbook bool
}

// SheetRow is one row of a sheet with the line (or workbook row) it was on.
type SheetRow struct {
	Line  int
	Cells []string
}

// cell returns the row's value in the named column, "" if the sheet has no
// such column.
func (s *Sheet) cell(r SheetRow, column string) string {
	if i := slices.Index(s.Columns, column); i >= 0 && i < len(r.Cells) {
		return r.Cells[i]
	}
	return ""
}

// CellError is a problem with one cell, or one row, of a sheet. Its message
// reads like `people.csv line 4, column 3 (email): "ann@" is not an e-mail
// address`.
type CellError struct {
	Sheet  string
	Line   int
	Column int    // 1-based; 0 when the problem is the whole row
	Header string // the column's name, when Column is set
	Err    error
}

func (e *CellError) Error() string {
	if e.Column == 0 {
		return fmt.Sprintf("%s line %d: %v", e.Sheet, e.Line, e.Err)
	}
	return fmt.Sprintf("%s line %d, column %d (%s): %v", e.Sheet, e.Line, e.Column, e.Header, e.Err)
}

func (e *CellError) Unwrap() error { return e.Err }

// errorAt returns a CellError for the named column of row r (the whole row
// if the sheet has no such column).
func (s *Sheet) errorAt(r SheetRow, column string, err error) *CellError {
	e := &CellError{Sheet: s.Name, Line: r.Line, Err: err}
	if i := slices.Index(s.Columns, column); i >= 0 {
		e.Column, e.Header = i+1, column
	}
	return e
}

// MaxSheetBytes bounds the size of one spreadsheet file read by ReadSheets.
const MaxSheetBytes = 64 << 20

// ReadSheets reads a spreadsheet: a CSV file (comma, semicolon or tab
// separated, told apart by its header line) or an XLSX workbook, whose
// sheets that are not named after a kind are left out. name is the file's
// name, which says its format (by extension) and, for a CSV file, its kind.
func ReadSheets(name string, r io.Reader) ([]Sheet, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSheetBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxSheetBytes {
		return nil, fmt.Errorf("%s: larger than %d MiB", name, MaxSheetBytes>>20)
	}
	base := filepath.Base(name)
	switch strings.ToLower(filepath.Ext(base)) {
	case ".csv", ".tsv", ".txt":
		kind, err := sheetKind(strings.TrimSuffix(base, filepath.Ext(base)))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		s, err := readCSVSheet(name, kind, data)
		if err != nil {
			return nil, err
		}
		return []Sheet{*s}, nil
	case ".xlsx", ".xlsm":
		return readWorkbook(name, data)
	}
	return nil, fmt.Errorf("%s: not a spreadsheet netgraph reads (.csv, .tsv or .xlsx)", name)
}

// sheetKind finds the one kind word among the words of a name.
func sheetKind(name string) (SheetKind, error) {
	var found []SheetKind
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if k, ok := kindWords[w]; ok && !slices.Contains(found, k) {
			found = append(found, k)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("the name %q does not say what its rows are: name it after one of %s", name, kindList())
	}
	return "", fmt.Errorf("the name %q names more than one kind of row (%s)", name, strings.Join(asStrings(found), ", "))
}

func kindList() string { return strings.Join(asStrings(SheetKinds), ", ") }

func asStrings[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func readCSVSheet(name string, kind SheetKind, data []byte) (*Sheet, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not UTF-8 text (save it as \"CSV UTF-8\")", name)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // spreadsheets often start with a byte order mark
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = edgelist.DetectDelimiter(data) // comma, semicolon (Excel in much of Europe) or tab
	cr.FieldsPerRecord = -1
	var rows [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return nil, &CellError{Sheet: name, Line: perr.Line, Column: perr.Column, Header: "", Err: perr.Err}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		rows, lines = append(rows, rec), append(lines, line)
	}
	return newSheet(name, kind, rows, lines)
}

func readWorkbook(name string, data []byte) ([]Sheet, error) {
	wb, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: not a workbook netgraph can read: %w", name, err)
	}
	defer wb.Close()
	var sheets []Sheet
	for _, sheetName := range wb.GetSheetList() {
		kind, err := sheetKind(sheetName)
		if err != nil {
			continue // a sheet of notes or pivots: not for import
		}
		// Raw values: a date cell is its serial number rather than text in
		// whatever format the cell shows, and a number is not rounded to
		// its display.
		rows, err := wb.GetRows(sheetName, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("%s:%s: %w", name, sheetName, err)
		}
		lines := make([]int, len(rows))
		for i := range rows {
			lines[i] = i + 1
		}
		s, err := newSheet(name+":"+sheetName, kind, rows, lines)
		if err != nil {
			return nil, err
		}
		s.Workbook = true
		sheets = append(sheets, *s)
	}
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%s: no sheet is named after a kind of row (%s)", name, kindList())
	}
	return sheets, nil
}

// newSheet checks the header of rows against the kind's columns and keeps
// the rows that are not blank, their cells trimmed.
func newSheet(name string, kind SheetKind, rows [][]string, lines []int) (*Sheet, error) {
	s := &Sheet{Name: name, Kind: kind}
	start := slices.IndexFunc(rows, func(r []string) bool { return !blank(r) })
	if start < 0 {
		return nil, &CellError{Sheet: name, Line: 1, Err: errors.New("empty: a header row naming the columns is needed")}
	}
	spec := sheetColumns[kind]
	known := append(slices.Clone(spec.required), spec.optional...)
	for i, h := range rows[start] {
		col := canonicalColumn(h)
		e := &CellError{Sheet: name, Line: lines[start], Column: i + 1, Header: h}
		switch {
		case col == "":
			e.Err = errors.New("a column has no name")
		case !slices.Contains(known, col):
			e.Err = fmt.Errorf("%s have no column %q (their columns: %s)", kind, h, strings.Join(known, ", "))
		case slices.Contains(s.Columns, col):
			e.Err = fmt.Errorf("column %q appears twice", h)
		}
		if e.Err != nil {
			return nil, e
		}
		s.Columns = append(s.Columns, col)
	}
	for _, req := range spec.required {
		if !slices.Contains(s.Columns, req) {
			return nil, &CellError{Sheet: name, Line: lines[start], Err: fmt.Errorf("the header has no %q column; %s need %s", req, kind, strings.Join(spec.required, ", "))}
		}
	}
	for i := start + 1; i < len(rows); i++ {
		if blank(rows[i]) {
			continue
		}
		if len(rows[i]) > len(s.Columns) && !blank(rows[i][len(s.Columns):]) {
			return nil, &CellError{Sheet: name, Line: lines[i], Column: len(s.Columns) + 1, Header: "(none)",
				Err: fmt.Errorf("a value beyond the header's %d columns", len(s.Columns))}
		}
		cells := make([]string, len(s.Columns))
		for j := range min(len(rows[i]), len(cells)) {
			cells[j] = strings.TrimSpace(rows[i][j])
		}
		s.Rows = append(s.Rows, SheetRow{Line: lines[i], Cells: cells})
	}
	return s, nil
}

// canonicalColumn turns a header cell such as "External ID" or "last-interaction"
// into a column name: lower case, words joined by "_".
func canonicalColumn(h string) string {
	words := strings.FieldsFunc(strings.ToLower(strings.TrimSpace(h)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(words, "_")
}

func blank(cells []string) bool {
	return !slices.ContainsFunc(cells, func(c string) bool { return strings.TrimSpace(c) != "" })
}
