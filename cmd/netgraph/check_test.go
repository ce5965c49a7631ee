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

// TestCheck runs netgraph check on a sound file, then on copies with a
// flipped byte in a value, a damaged newest commit record, a zeroed page and
// no bytes at all: each is reported where it is, with exit code 1.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	s, err := embedded.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	var ids []string
	for _, name := range []string{"Ann-Check-Canary", "Ben", "Cat", "Dev"} {
		p, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: name, Interests: []string{"falls"}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	for i := 1; i < len(ids); i++ {
		if _, err := s.Connect(ctx, netgraph.TieCreate{From: ids[0], To: ids[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	env, _, stderr := testEnv(nil)
	if code := run(ctx, []string{"check", "--db", db}, env); code != 0 || !strings.Contains(stderr.String(), "no problems") {
		t.Fatalf("sound file: exit %d, stderr %q", code, stderr)
	}
	// A file a running service holds is not checked mid-commit.
	s, err = embedded.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	env, _, stderr = testEnv(nil)
	if code := run(ctx, []string{"check", "--db", db}, env); code != 1 || !strings.Contains(stderr.String(), "in use") {
		t.Errorf("file in use: exit %d, stderr %q", code, stderr)
	}
	s.Close()
	good, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	newest := 0
	if le := func(o int) uint64 {
		var v uint64
		for i := 7; i >= 0; i-- {
			v = v<<8 | uint64(good[o+16+48+i])
		}
		return v
	}; le(4096) > le(0) {
		newest = 4096
	}
	for _, tc := range []struct {
		name   string
		damage func(b []byte) []byte
		want   string
	}{
		{"FlippedValue", func(b []byte) []byte {
			b[bytes.Index(b, []byte("Ann-Check-Canary"))+2] ^= 1
			return b
		}, "checksum mismatch"},
		{"LostCommit", func(b []byte) []byte { b[newest+16+8] ^= 1; return b }, "newest commit record may be lost"},
		{"ZeroedPage", func(b []byte) []byte { clear(b[2*4096 : 3*4096]); return b }, "page 2"},
		{"Truncated", func(b []byte) []byte { return b[:3*4096] }, "truncated"},
		{"Empty", func([]byte) []byte { return nil }, "empty (0 bytes)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "bad.db")
			if err := os.WriteFile(bad, tc.damage(bytes.Clone(good)), 0o600); err != nil {
				t.Fatal(err)
			}
			env, stdout, stderr := testEnv(nil)
			code := run(ctx, []string{"check", "--db", bad}, env)
			t.Logf("stdout %s stderr %s", stdout, stderr)
			if code != 1 || !strings.Contains(stdout.String(), bad+": ") || !strings.Contains(stdout.String(), tc.want) {
				t.Errorf("exit %d, stdout %q; want 1 and %q", code, stdout, tc.want)
			}
			if !strings.Contains(stderr.String(), "problem") {
				t.Errorf("stderr %q does not sum up", stderr)
			}
		})
	}
	// A lost commit is refused until the operator accepts it.
	lost := bytes.Clone(good)
	lost[newest+16+8] ^= 1
	bad := filepath.Join(dir, "lost.db")
	if err := os.WriteFile(bad, lost, 0o600); err != nil {
		t.Fatal(err)
	}
	env, stdout, stderr := testEnv(nil)
	if code := run(ctx, []string{"export", "--db", bad}, env); code != 1 || !strings.Contains(stderr.String(), "--accept-rollback") {
		t.Errorf("export of a file with a lost commit: exit %d, stderr %q", code, stderr)
	}
	env, stdout, stderr = testEnv(nil)
	if code := run(ctx, []string{"export", "--db", bad, "--accept-rollback"}, env); code != 0 ||
		!strings.Contains(stdout.String(), "Ann-Check-Canary") {
		t.Errorf("export with --accept-rollback: exit %d, stderr %q", code, stderr)
	}

	env, _, stderr = testEnv(nil)
	if code := run(ctx, []string{"check", "--db", filepath.Join(dir, "missing.db")}, env); code != 1 ||
		!strings.Contains(stderr.String(), "no such file") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
}
