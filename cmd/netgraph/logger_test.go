package main

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// TestNewLogger: "auto" writes JSON lines when the output is not a terminal
// (as here, a buffer), and durations carry their unit.
func TestNewLogger(t *testing.T) {
	var b bytes.Buffer
	logger, err := newLogger(&b, "auto", "info")
	if err != nil {
		t.Fatal(err)
	}
	logger.Info().Dur("took", 25200*time.Microsecond).Msg("done")
	var line map[string]any
	if err := json.Unmarshal(b.Bytes(), &line); err != nil {
		t.Fatalf("not a JSON line: %q", b.String())
	}
	if line["took"] != "25.2ms" {
		t.Errorf("took = %#v, want \"25.2ms\"", line["took"])
	}
	if _, err := newLogger(&b, "xml", "info"); err == nil {
		t.Error("format xml accepted")
	}
}
