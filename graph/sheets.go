package graph

import (
	"encoding/base64"
	"fmt"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
	"github.com/netgraph/netgraph/graph/model"
)

// MaxSpreadsheetBytes is how much importSpreadsheets takes at once, the
// files' bytes decoded: base64 makes them a third larger, and the request
// must stay within MaxBodyBytes. Larger files go through `netgraph import`.
const MaxSpreadsheetBytes = 512 << 10

// spreadsheetFiles decodes the uploaded files, refusing content that is not
// base64 and files that add up to more than MaxSpreadsheetBytes.
func spreadsheetFiles(files []*model.SpreadsheetFile) ([]app.SpreadsheetFile, error) {
	out := make([]app.SpreadsheetFile, len(files))
	total := 0
	for i, f := range files {
		data, err := base64.StdEncoding.DecodeString(f.Content)
		if err != nil {
			return nil, &netgraph.Error{Code: netgraph.EINVALID, Field: fmt.Sprintf("files[%d].content", i),
				Message: fmt.Sprintf("%s: the content is not base64: %v", f.Name, err)}
		}
		if total += len(data); total > MaxSpreadsheetBytes {
			return nil, &netgraph.Error{Code: netgraph.EINVALID, Field: "files",
				Message: fmt.Sprintf("the files add up to more than %d KiB, the most one upload takes (a request is at most %d KiB, base64 included); import larger files with `netgraph import`",
					MaxSpreadsheetBytes>>10, MaxBodyBytes>>10)}
		}
		out[i] = app.SpreadsheetFile{Name: f.Name, Data: data}
	}
	return out, nil
}

// spreadsheetImport maps what app.ImportSpreadsheets did to the schema's
// SpreadsheetImport.
func spreadsheetImport(u *app.SpreadsheetUpload, dryRun bool) *model.SpreadsheetImport {
	out := &model.SpreadsheetImport{DryRun: dryRun, Written: u.Written,
		Kinds: []*model.SpreadsheetKindCount{}, Problems: make([]*model.SpreadsheetProblem, len(u.Problems))}
	for i, p := range u.Problems {
		mp := &model.SpreadsheetProblem{File: p.Sheet, Message: p.Message}
		if p.Line > 0 {
			mp.Line = new(int32(p.Line))
		}
		if p.Column > 0 {
			mp.Column, mp.Header = new(int32(p.Column)), new(p.Header)
		}
		out.Problems[i] = mp
	}
	if u.Plan == nil {
		return out
	}
	out.Records = int32(len(u.Plan.Records))
	for _, k := range app.SheetKinds {
		if c, ok := u.Plan.Counts[k]; ok {
			out.Kinds = append(out.Kinds, &model.SpreadsheetKindCount{Kind: string(k),
				New: int32(c.New), Changed: int32(c.Changed), Unchanged: int32(c.Unchanged)})
		}
	}
	return out
}
