package report

import (
	"io"
	"strconv"
	"strings"
)

// WriteCSV writes one row per person, in snapshot order, after a header: id;
// name, roles and organisations when Report.Names is set; a column per
// computed metric (named as in JSON; NaN is an empty cell); and, with
// Report.Roles, "labels": the role lists the person is on ("connector 2;
// sponsor 5", "isolated", "peripheral"); and, when communities were
// computed, "communityName" last (see analysis.Community.Name). Lists within
// a cell are separated by "; ".
func WriteCSV(w io.Writer, r *Report) error {
	cols := r.computed()
	var labels map[int][]string
	if r.Roles {
		labels = r.labels()
	}
	b := make([]byte, 0, 64<<10)
	b = append(b, "id"...)
	if r.Names != nil {
		b = append(b, ",name,roles,organisations"...)
	}
	for _, c := range cols {
		b = append(b, ',')
		b = append(b, c.Name...)
	}
	if r.Roles {
		b = append(b, ",labels"...)
	}
	named := r.Result.Communities != nil
	if named {
		b = append(b, ",communityName"...)
	}
	b = append(b, '\n')
	for v := range r.Result.People {
		p := &r.Result.People[v]
		b = appendCSVField(b, p.ID)
		if r.Names != nil {
			prof := r.Snapshot.Profile(v)
			b = append(b, ',')
			b = appendCSVText(b, r.name(v))
			b = append(b, ',')
			b = appendCSVText(b, strings.Join(prof.Roles, "; "))
			b = append(b, ',')
			b = appendCSVText(b, groupNames(prof.Organisations))
		}
		for _, c := range cols {
			b = append(b, ',')
			x := c.Value(p)
			switch {
			case x != x: // NaN: empty
			case c.Int:
				b = strconv.AppendInt(b, int64(x), 10)
			default:
				b = strconv.AppendFloat(b, x, 'g', -1, 64)
			}
		}
		if r.Roles {
			b = append(b, ',')
			b = appendCSVField(b, strings.Join(labels[v], "; "))
		}
		if named {
			b = append(b, ',')
			b = appendCSVText(b, r.Result.CommunityName(p.Community))
		}
		b = append(b, '\n')
		if len(b) >= 32<<10 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(b)
	return err
}

// appendCSVText appends free text typed into the store (names,
// organisations) with a leading =, +, - or @ defused, so that a spreadsheet
// opening the file does not run it as a formula. Ids are left as they are:
// they must match the input.
func appendCSVText(b []byte, s string) []byte {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) && !isNumber(s) {
		s = "'" + s
	}
	return appendCSVField(b, s)
}

// appendCSVField appends s, quoted if it needs to be (RFC 4180).
func appendCSVField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") && strings.TrimSpace(s) == s {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
