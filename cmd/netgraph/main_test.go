package main

import (
	"flag"
	"io"
	"testing"
)

// TestParseFlagsCommandLineWins checks that the command line wins over the
// environment, including over a flag it excludes: NETGRAPH_NETWORK does not
// clash with --organisation given on the command line.
func TestParseFlagsCommandLineWins(t *testing.T) {
	for _, tc := range []struct {
		name              string
		env               map[string]string
		args              []string
		network, org, top string
	}{
		{"EnvOnly", map[string]string{"NETGRAPH_NETWORK": "net_1", "NETGRAPH_TOP": "5"}, nil, "net_1", "", "5"},
		{"FlagOverEnv", map[string]string{"NETGRAPH_TOP": "5"}, []string{"--top", "7"}, "", "", "7"},
		{"ExclusiveFlagOverEnv", map[string]string{"NETGRAPH_NETWORK": "net_1"}, []string{"--organisation", "org_1"}, "", "org_1", ""},
		{"BothInEnvKept", map[string]string{"NETGRAPH_NETWORK": "net_1", "NETGRAPH_ORGANISATION": "org_1"}, nil, "net_1", "org_1", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			network := fs.String("network", "", "")
			org := fs.String("organisation", "", "")
			top := fs.String("top", "", "")
			if err := parseFlags(fs, tc.args, func(k string) string { return tc.env[k] }); err != nil {
				t.Fatal(err)
			}
			if *network != tc.network || *org != tc.org || *top != tc.top {
				t.Errorf("network, organisation, top = %q, %q, %q; want %q, %q, %q", *network, *org, *top, tc.network, tc.org, tc.top)
			}
		})
	}
}
