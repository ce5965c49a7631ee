package app

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/netgraph/netgraph"
)

// An export file is JSON lines: a header, one netgraph.Record per line in the
// order Store.ReadGraph gives (so every relation follows what it joins), and
// an end line that counts the records. Import refuses a file without the
// header or the end line, so a file cut short is never taken for a whole
// graph. Field names are the domain types' JSON names:
//
//	{"netgraph":"export","version":1,"dataVersion":42,"exportedAt":"2025-01-02T03:04:05Z"}
//	{"organisation":{"id":"…","name":"…",…}}
//	…
//	{"netgraph":"end","records":1234}
const (
	exportFormat    = 1        // the file format version this netgraph writes and reads
	exportMagic     = "export" // "netgraph" of the header line
	exportEndMarker = "end"    // "netgraph" of the end line
)

// maxExportLine is the longest line an export file may hold; a record is a
// few kilobytes.
const maxExportLine = 16 << 20

// ExportHeader is the first line of an export file.
type ExportHeader struct {
	Netgraph    string    `json:"netgraph"`    // "export"
	Version     int       `json:"version"`     // exportFormat
	DataVersion uint64    `json:"dataVersion"` // the store's data version the records reflect
	ExportedAt  time.Time `json:"exportedAt"`
}

// exportEnd is the last line of an export file: it says the export finished
// and how many records precede it.
type exportEnd struct {
	Netgraph string `json:"netgraph"` // exportEndMarker
	Records  int    `json:"records"`
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

// LineError is a fault in an export file, at a line and, where known, a
// column (both from 1; column 0 when the fault is the whole line's).
type LineError struct {
	Line, Column int
	Err          error
}

// Error implements error: "line 3: column 12: …".
func (e *LineError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("line %d: column %d: %v", e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

// Unwrap returns the fault.
func (e *LineError) Unwrap() error { return e.Err }

// exportReader reads an export file line by line, each line in bounded memory.
type exportReader struct {
	sc   *bufio.Scanner
	line int // number of the last line read, from 1
	keys lineKeys
}

func newExportReader(r io.Reader) *exportReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxExportLine)
	return &exportReader{sc: sc}
}

// errorAt returns err at the current line, at the column of the key its
// domain field names ("person.name"), if it names one on this line.
func (er *exportReader) errorAt(err error) error {
	return &LineError{Line: er.line, Column: er.keys[strings.ToLower(netgraph.ErrorField(err))], Err: err}
}

// next returns the next line, decoded and checked for its shape (one record,
// or header or end fields alone); io.EOF after the last line.
func (er *exportReader) next() (exportLine, error) {
	var l exportLine
	if !er.sc.Scan() {
		err := er.sc.Err()
		if errors.Is(err, bufio.ErrTooLong) {
			return l, &LineError{Line: er.line + 1, Err: fmt.Errorf("longer than %d MiB", maxExportLine>>20)}
		}
		if err == nil {
			err = io.EOF
		}
		return l, err
	}
	er.line++
	b := er.sc.Bytes()
	keys, err := scanKeys(b)
	if err != nil {
		return l, &LineError{Line: er.line, Column: err.column, Err: err}
	}
	er.keys = keys
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields() // a misspelt field would otherwise be dropped silently
	if err := dec.Decode(&l); err != nil {
		return l, &LineError{Line: er.line, Err: err}
	}
	if dec.More() {
		return l, &LineError{Line: er.line, Err: errors.New("more than one JSON value")}
	}
	if l.isMeta() && l.Record != (netgraph.Record{}) ||
		!l.isMeta() && (l.Version != 0 || l.DataVersion != 0 || l.ExportedAt != nil || l.Records != nil) {
		return l, &LineError{Line: er.line, Err: errors.New("a line is either a record or a netgraph header or end line, not both")}
	}
	return l, nil
}

// readHeader reads and checks the header line.
func (er *exportReader) readHeader() (ExportHeader, error) {
	l, err := er.next()
	switch {
	case errors.Is(err, io.EOF):
		return ExportHeader{}, errors.New("the file is empty: not a netgraph export")
	case err != nil:
		return ExportHeader{}, fmt.Errorf("not a netgraph export: %w", err)
	case l.Netgraph != exportMagic:
		return ExportHeader{}, fmt.Errorf(`line 1: not a netgraph export: the first line must be its header, {"netgraph":"export","version":%d,…}`, exportFormat)
	case l.Version != exportFormat:
		return ExportHeader{}, fmt.Errorf("line 1: export format version %d; this netgraph reads version %d", l.Version, exportFormat)
	case l.ExportedAt == nil:
		return ExportHeader{}, errors.New("line 1: the header has no exportedAt")
	}
	return ExportHeader{Netgraph: l.Netgraph, Version: l.Version, DataVersion: l.DataVersion, ExportedAt: *l.ExportedAt}, nil
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
		return netgraph.Record{}, &LineError{Line: er.line, Err: fmt.Errorf("unexpected %q line", l.Netgraph)}
	case l.Records == nil || *l.Records != seen:
		n := "none"
		if l.Records != nil {
			n = fmt.Sprint(*l.Records)
		}
		return netgraph.Record{}, &LineError{Line: er.line, Err: fmt.Errorf("the end line counts %s records, the file holds %d", n, seen)}
	}
	if _, err := er.next(); !errors.Is(err, io.EOF) {
		return netgraph.Record{}, &LineError{Line: er.line, Err: errors.New("more after the end line")}
	}
	return netgraph.Record{}, io.EOF
}

// lineKeys maps the lower-cased path of every key of a line ("person.name")
// to its column.
type lineKeys map[string]int

// keyError is a fault found while scanning a line's keys.
type keyError struct {
	column int
	msg    string
}

func (e *keyError) Error() string { return e.msg }

// scanKeys walks the JSON of one line and returns where each object key
// sits. It refuses a key that appears twice in one object: encoding/json
// would keep the last silently (and it matches keys without regard to case,
// so "name" and "Name" are the same key). Syntax errors are left to the
// decoder, which reports them.
func scanKeys(line []byte) (lineKeys, *keyError) {
	keys := lineKeys{}
	dec := json.NewDecoder(bytes.NewReader(line))
	var value func(path string, depth int) (*keyError, bool)
	// value reads one value; false when the line is not valid JSON.
	value = func(path string, depth int) (*keyError, bool) {
		if depth > maxKeyDepth {
			return &keyError{column: int(dec.InputOffset()) + 1, msg: "nested too deep for a record"}, true
		}
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				start := dec.InputOffset()
				tok, err := dec.Token()
				if err != nil {
					return nil, false
				}
				key, _ := tok.(string)
				k := strings.ToLower(key)
				col := keyColumn(line, start)
				if seen[k] {
					return &keyError{column: col, msg: fmt.Sprintf("key %q appears twice in one object", key)}, true
				}
				seen[k] = true
				p := k
				if path != "" {
					p = path + "." + k
				}
				keys[p] = col
				if kerr, ok := value(p, depth+1); kerr != nil || !ok {
					return kerr, ok
				}
			}
		case json.Delim('['):
			for dec.More() {
				if kerr, ok := value(path+"[]", depth+1); kerr != nil || !ok {
					return kerr, ok
				}
			}
		default:
			return nil, true
		}
		_, err = dec.Token() // the closing delimiter
		return nil, err == nil
	}
	kerr, _ := value("", 0)
	return keys, kerr
}

// maxKeyDepth is how deep scanKeys follows nested values; a record nests
// three deep.
const maxKeyDepth = 32

// keyColumn returns the column (from 1) of the key whose token starts after
// offset: the decoder's offset is before any separator and space.
func keyColumn(line []byte, offset int64) int {
	i := int(offset)
	for i < len(line) && line[i] != '"' {
		i++
	}
	return i + 1
}
