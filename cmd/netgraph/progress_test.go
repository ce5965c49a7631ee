package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/analysis"
)

// TestProgressQuiet checks that progress writes nothing where stderr is not
// a terminal (a pipe, a file, a test).
func TestProgressQuiet(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf)
	p.Stage("reading")
	p.Steps("analysing")(analysis.Step{Done: 1, Total: 3, Stage: "pagerank"})
	r := strings.NewReader("a line\n")
	if got := p.Reader("checking graph.jsonl", r, r.Size()); got != io.Reader(r) {
		t.Error("Reader wrapped a reader although nothing is shown")
	}
	p.Done()
	if buf.Len() != 0 {
		t.Errorf("wrote %q to a writer that is not a terminal", buf.String())
	}
}

// TestProgressSteps checks what a terminal is shown: the stage, then a bar
// of the analysis's steps naming the step running, cleared at the end.
func TestProgressSteps(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf} // as newProgress makes it for a terminal, redrawing at every step
	p.Stage("reading ties.csv")
	steps := p.Steps("analysing 7 people")
	steps(analysis.Step{Done: 0, Total: 4, Stage: "structure"})
	steps(analysis.Step{Done: 2, Total: 4, Stage: "pagerank"})
	p.Done()
	out := buf.String()
	for _, want := range []string{"reading ties.csv", "analysing 7 people: pagerank", "(2/4"} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal output lacks %q:\n%q", want, out)
		}
	}
	if !strings.HasSuffix(out, "\r") {
		t.Errorf("the last line is not cleared: %q", out[max(0, len(out)-40):])
	}
}

// TestProgressReader checks what a terminal is shown while a file is read:
// its name and the bytes read of its size, cleared at the end.
func TestProgressReader(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf}
	content := strings.Repeat("x", 2048)
	got, err := io.ReadAll(p.Reader("checking graph.jsonl", strings.NewReader(content), int64(len(content))))
	if err != nil || string(got) != content {
		t.Fatalf("read %d bytes, %v; want the %d bytes passed through", len(got), err, len(content))
	}
	p.Done()
	out := buf.String()
	for _, want := range []string{"checking graph.jsonl", "/2.0 kB", "%"} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal output lacks %q:\n%q", want, out)
		}
	}
	if !strings.HasSuffix(out, "\r") {
		t.Errorf("the last line is not cleared: %q", out[max(0, len(out)-40):])
	}
}
