package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

func init() {
	register(command{name: "version", summary: "print the version, the commit it was built from, and the Go version", run: runVersion})
}

// runVersion runs `netgraph version`. The version and commit come from the
// build information Go records in every binary: the module version for
// `go install …@v1.2.3`, the VCS revision (and whether the tree was modified)
// for a build in a checkout.
func runVersion(_ context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "version", "Prints the version of this netgraph binary, the commit it was built from and the Go version.")
	if err := parseFlags(fs, args, env.Getenv); err != nil {
		return err
	}
	_, err := fmt.Fprintln(env.Stdout, versionLine(debug.ReadBuildInfo()))
	return err
}

// versionLine formats the build information as one line, such as
// "netgraph (devel) commit 1fac322e8a1b (modified) 2026-12-03T13:40:00Z go1.26.8 linux/amd64".
func versionLine(info *debug.BuildInfo, ok bool) string {
	version, commit, modified, at := "(unknown)", "", false, ""
	if ok {
		version = info.Main.Version
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			case "vcs.time":
				at = s.Value
			}
		}
	}
	line := "netgraph " + version
	if commit != "" {
		line += " commit " + commit[:min(len(commit), 12)]
		if modified {
			line += " (modified)"
		}
	}
	if at != "" {
		line += " " + at
	}
	return line + " " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}
