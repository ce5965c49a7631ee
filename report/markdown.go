package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes a report for analysts: health figures, the top people
// by each metric with their organisations and roles, connectors, sponsors
// and holders of the SPONSOR role with the reasons, isolated and peripheral
// members with the evidence and a
// suggested introduction, suggested introductions with their reasons, and
// the communities.
func WriteMarkdown(w io.Writer, r *Report) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	d := r.document()
	fmt.Fprintf(bw, "# %s\n\n%s\n", mdText(d.Title), d.Summary)
	for i := range d.Sections {
		writeMarkdownSection(bw, &d.Sections[i], "##")
	}
	fmt.Fprintf(bw, "\n---\n\n%s\n", d.Footer)
	return bw.Flush()
}

// writeMarkdownSection writes s under a heading of the given level ("##"),
// its subsections one level down.
func writeMarkdownSection(w *bufio.Writer, s *section, level string) {
	fmt.Fprintf(w, "\n%s %s\n\n", level, s.Title)
	if s.Intro != "" {
		w.WriteString(s.Intro + "\n")
		if s.Table != nil || s.Note != "" {
			w.WriteString("\n")
		}
	}
	if s.Table != nil {
		writeMarkdownTable(w, s.Table)
		if s.Note != "" {
			w.WriteString("\n")
		}
	}
	if s.Note != "" {
		w.WriteString(s.Note + "\n")
	}
	for i := range s.Subsections {
		writeMarkdownSection(w, &s.Subsections[i], level+"#")
	}
}

func writeMarkdownTable(w *bufio.Writer, t *table) {
	var head, rule strings.Builder
	for _, c := range t.Columns {
		head.WriteString("| " + c.Title + " ")
		if c.Numeric {
			rule.WriteString("|--:")
		} else {
			rule.WriteString("|---")
		}
	}
	w.WriteString(head.String() + "|\n" + rule.String() + "|\n")
	for _, row := range t.Rows {
		for _, c := range row {
			w.WriteString("| " + mdCell(c) + " ")
		}
		w.WriteString("|\n")
	}
}

// mdCell renders a cell: text escaped, a person as "Name (`id`)" or "`id`".
func mdCell(c cell) string {
	var b strings.Builder
	for _, s := range c {
		switch {
		case s.PersonID == "":
			b.WriteString(mdText(s.Text))
		case s.HasName():
			b.WriteString(mdText(s.Text) + " (" + mdCode(s.PersonID) + ")")
		default:
			b.WriteString(mdCode(s.PersonID))
		}
	}
	return b.String()
}

// mdText escapes text for a Markdown table cell: characters that would
// start formatting or end the cell are escaped, line breaks become spaces,
// and other control characters are dropped.
func mdText(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n' || c == '\r' || c == '\t':
			b.WriteByte(' ')
		case c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0:
		case strings.ContainsRune("\\|*_`<>[]#", c):
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// mdCode shows an id as code, or as escaped text if it holds a backtick.
func mdCode(s string) string {
	if s == "" || strings.ContainsAny(s, "`\n\r") {
		return mdText(s)
	}
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}
