package app

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"time"
)

// SpreadsheetFile is one spreadsheet sent whole, as the dashboard uploads it:
// its file name (which says its format and, for a CSV file, its kind) and
// its bytes.
type SpreadsheetFile struct {
	Name string
	Data []byte
}

// SheetProblem is one fault of an upload, where it is: the sheet (a file, or
// "workbook.xlsx:Sheet"), its line and column (0 when the fault is the whole
// file or row) and the column's header.
type SheetProblem struct {
	Sheet   string
	Line    int
	Column  int
	Header  string
	Message string
}

// SpreadsheetUpload is what importing uploaded spreadsheets did, or with a
// dry run would do: the plan (nil when there are problems), or every problem
// found, in which case nothing was written.
type SpreadsheetUpload struct {
	Plan     *SheetPlan
	Problems []SheetProblem
	// Written says the plan's records were written: not a dry run, and no
	// problems.
	Written bool
}

// ImportSpreadsheets reads uploaded spreadsheets and imports them into s, all
// or nothing, as ImportSheets does (`netgraph import` on the same files gives
// the same result). A fault in the files is not an error but a problem in
// the result, so that the uploader sees every one at once; the error is for
// the store's and the context's failures.
func ImportSpreadsheets(ctx context.Context, s SheetStore, files []SpreadsheetFile, now time.Time, dryRun bool) (*SpreadsheetUpload, error) {
	var sheets []Sheet
	var problems []SheetProblem
	for _, f := range files {
		read, err := ReadSheets(f.Name, bytes.NewReader(f.Data))
		if err != nil {
			problems = append(problems, sheetProblems(f.Name, err)...)
			continue
		}
		sheets = append(sheets, read...)
	}
	if len(problems) > 0 {
		// Rows of the other files may name people in the unreadable one:
		// checking them now would only add faults that are not theirs.
		return &SpreadsheetUpload{Problems: problems}, nil
	}
	plan, err := ImportSheets(ctx, s, sheets, now, dryRun)
	if err != nil {
		if p := sheetProblems("", err); p != nil {
			return &SpreadsheetUpload{Problems: p}, nil
		}
		return nil, err
	}
	return &SpreadsheetUpload{Plan: plan, Written: !dryRun && len(plan.Records) > 0}, nil
}

// sheetProblems lists the faults err holds, located when they are CellErrors
// and otherwise put on file (the whole file); nil when err is not a fault of
// the sheets (file is "" and no CellError).
func sheetProblems(file string, err error) []SheetProblem {
	var cells []*CellError
	var many SheetProblems
	var one *CellError
	switch {
	case errors.As(err, &many):
		cells = many
	case errors.As(err, &one):
		cells = []*CellError{one}
	case file != "":
		return []SheetProblem{{Sheet: file, Message: strings.TrimPrefix(err.Error(), file+": ")}}
	default:
		return nil
	}
	out := make([]SheetProblem, len(cells))
	for i, c := range cells {
		out[i] = SheetProblem{Sheet: c.Sheet, Line: c.Line, Column: c.Column, Header: c.Header, Message: c.Err.Error()}
	}
	return out
}
