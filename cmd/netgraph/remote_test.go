package main

import (
	"regexp"
	"strings"
	"testing"
)

// timestamps matches the times a report or export is stamped with
// (RFC 3339, and the Markdown report's "2026-12-04 15:04:05 UTC").
var timestamps = regexp.MustCompile(`\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?( ?UTC|Z)`)

// TestReportExportURL checks that report and export with --url, asking a
// running service, print exactly what they print from the store file
// (only the time each was made differs), and that the service refuses
// callers whose role may not have them.
func TestReportExportURL(t *testing.T) {
	db, _ := seededDB(t)
	const (
		adminKey   = "admin-key-0123456789abcdef"
		analystKey = "analyst-key-0123456789abcdef"
		viewerKey  = "viewer-key-0123456789abcdef"
	)
	keys := writeSecurityFile(t, "keys", "admin "+adminKey+"\nanalyst "+analystKey+"\nviewer "+viewerKey+"\n")
	commands := [][]string{
		{"report", "--format", "markdown", "--top", "5"},
		{"report", "--format", "json", "--seed", "7"},
		{"report", "--format", "csv"},
		{"export"},
		{"export", "--format", "gexf"},
		{"export", "--format", "graphml"},
	}
	local := make([]string, len(commands))
	for i, args := range commands {
		code, stdout, stderr := runCommand(t, nil, append(args, "--db", db)...)
		if code != 0 || stdout == "" {
			t.Fatalf("%v --db: exit %d, %d bytes:\n%s", args, code, len(stdout), stderr)
		}
		local[i] = stdout
	}

	s := startServe(t, "--db", db, "--api-keys", keys)
	for i, args := range commands {
		code, stdout, stderr := runCommand(t, map[string]string{"NETGRAPH_TOKEN": adminKey}, append(args, "--url", s.url)...)
		if code != 0 {
			t.Errorf("%v --url: exit %d:\n%s", args, code, stderr)
			continue
		}
		if want, got := timestamps.ReplaceAllString(local[i], "TIME"), timestamps.ReplaceAllString(stdout, "TIME"); got != want {
			t.Errorf("%v --url differs from --db (%d bytes, want %d):\n%.1500s", args, len(got), len(want), textFromDifference(got, want))
		}
	}

	t.Run("Roles", func(t *testing.T) {
		for _, c := range []struct {
			key  string
			args []string
			ok   bool
		}{
			{analystKey, []string{"export", "--format", "gexf"}, true},
			{analystKey, []string{"export"}, false}, // JSON lines hold e-mail addresses: admins only
			{viewerKey, []string{"report"}, false},
			{viewerKey, []string{"export", "--format", "graphml"}, false},
			{"wrong-key-0123456789abcdef", []string{"report"}, false},
		} {
			code, _, stderr := runCommand(t, map[string]string{"NETGRAPH_TOKEN": c.key}, append(c.args, "--url", s.url)...)
			if (code == 0) != c.ok {
				t.Errorf("%s %v: exit %d, want success %v:\n%s", c.key[:6], c.args, code, c.ok, stderr)
			}
			if !c.ok && !strings.Contains(stderr, "FORBIDDEN") && !strings.Contains(stderr, "UNAUTHENTICATED") {
				t.Errorf("%s %v: the refusal does not give the service's code:\n%s", c.key[:6], c.args, stderr)
			}
		}
	})
	t.Run("TokenFile", func(t *testing.T) {
		token := writeSecurityFile(t, "token", analystKey+"\n")
		code, stdout, stderr := runCommand(t, nil, "report", "--format", "markdown", "--top", "5", "--url", s.url, "--token-file", token)
		if code != 0 || timestamps.ReplaceAllString(stdout, "TIME") != timestamps.ReplaceAllString(local[0], "TIME") {
			t.Errorf("report --token-file: exit %d:\n%s", code, stderr)
		}
	})
}

// textFromDifference returns got from a little before where it first differs
// from want.
func textFromDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	return got[max(0, i-200):]
}
