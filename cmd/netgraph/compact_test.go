package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded"
)

func TestCompact(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	s, err := embedded.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.CreatePerson(t.Context(), netgraph.PersonCreate{Name: "Qwertzuiop-Compact-Canary"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdatePerson(t.Context(), p.ID, netgraph.PersonUpdate{Name: ptrTo("Renamed")}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	env, _, stderr := testEnv(nil)
	if code := run(t.Context(), []string{"compact", "--db", db}, env); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "compacted "+db) {
		t.Errorf("stderr = %q", stderr)
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("Qwertzuiop-Compact-Canary")) || !bytes.Contains(raw, []byte("Renamed")) {
		t.Error("the replaced name is still in the file, or the live one is not")
	}

	env, _, stderr = testEnv(nil)
	if code := run(t.Context(), []string{"compact", "--db", filepath.Join(t.TempDir(), "missing.db")}, env); code != 1 ||
		!strings.Contains(stderr.String(), "no such file") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
}

func ptrTo[T any](v T) *T { return &v }
