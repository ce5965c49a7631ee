package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WriteTable writes, for a terminal, the top people by each computed metric
// (Report.Top of them) in aligned columns: rank, id, name and roles when
// Report.Names is set, and the value. The lowest constraint ranks first.
func WriteTable(w io.Writer, r *Report) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	h := &r.Result.Graph
	head := peopleCount(h.People) + ", " + count(h.Ties, "tie", "ties") + ", " + count(h.Components, "component", "components")
	if r.Scope != "" {
		head = r.Scope + ": " + head
	}
	bw.WriteString(printable(head) + "\n")
	top := r.top()
	for _, c := range r.computed() {
		if !c.Ranked {
			continue
		}
		rows := [][]string{{"#", "id"}}
		if r.Names != nil {
			rows[0] = append(rows[0], "name")
		}
		rows[0] = append(rows[0], c.Name)
		if r.Names != nil {
			rows[0] = append(rows[0], "roles")
		}
		for i, v := range r.ranking(c, top) {
			row := []string{strconv.Itoa(i + 1), r.Snapshot.ID(v)}
			if r.Names != nil {
				row = append(row, r.name(v))
			}
			row = append(row, value(c.Value(&r.Result.People[v]), c.Int))
			if r.Names != nil {
				row = append(row, strings.Join(r.Snapshot.Profile(v).Roles, ", "))
			}
			rows = append(rows, row)
		}
		bw.WriteString("\n" + c.Title + "\n")
		valueCol := 2
		if r.Names != nil {
			valueCol = 3
		}
		writeAligned(bw, rows, func(col int) bool { return col == 0 || col == valueCol })
	}
	return bw.Flush()
}

// writeAligned writes rows as columns two spaces apart, indented by two;
// columns for which right says so are right-aligned.
func writeAligned(w *bufio.Writer, rows [][]string, right func(col int) bool) {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			row[i] = printable(cell)
			widths[i] = max(widths[i], utf8.RuneCountInString(row[i]))
		}
	}
	for _, row := range rows {
		var line strings.Builder
		line.WriteString("  ")
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i > 0 {
				line.WriteString("  ")
			}
			if right(i) {
				line.WriteString(pad + cell)
			} else if i < len(row)-1 {
				line.WriteString(cell + pad)
			} else {
				line.WriteString(cell)
			}
		}
		w.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

// printable replaces control characters, which could move a terminal's
// cursor or change its colours, with U+FFFD.
func printable(s string) string {
	return strings.Map(func(c rune) rune {
		if c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 {
			return utf8.RuneError
		}
		return c
	}, s)
}
