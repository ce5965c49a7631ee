package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	tail := " " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
	cases := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"NoBuildInfo", nil, false, "netgraph (unknown)" + tail},
		{"Release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true, "netgraph v1.2.3" + tail},
		{"Checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "1fac322e8a1b7c0d9e8f7a6b5c4d3e2f1a0b9c8d"},
			{Key: "vcs.modified", Value: "true"},
			{Key: "vcs.time", Value: "2026-12-03T13:40:00Z"},
		}}, true, "netgraph (devel) commit 1fac322e8a1b (modified) 2026-12-03T13:40:00Z" + tail},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := versionLine(c.info, c.ok); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestVersionCommand(t *testing.T) {
	var out, errOut strings.Builder
	code := run(t.Context(), []string{"version"}, Env{Getenv: func(string) string { return "" }, Stdout: &out, Stderr: &errOut})
	if code != 0 || !strings.HasPrefix(out.String(), "netgraph ") || !strings.Contains(out.String(), runtime.Version()) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
}
