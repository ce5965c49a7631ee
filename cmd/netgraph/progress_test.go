package main

import (
	"bytes"
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
