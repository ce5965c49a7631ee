package graph

import (
	"context"
	"testing"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
)

// FuzzDecodeCursor checks that no "after" argument makes decodeCursor panic,
// that one it refuses reaches the client as BAD_USER_INPUT on "after", and
// that every cursor encodeCursor makes decodes to its key in its own list
// and is refused by the others.
func FuzzDecodeCursor(f *testing.F) {
	kinds := []string{personCursor, organisationCursor, networkCursor, tieCursor}
	for _, seed := range []string{
		"", "x", "====", "cGVyc29uOg", // "person:" with no key
		encodeCursor(personCursor, "per_01HZX"), encodeCursor(tieCursor, "per_01HZX:KNOWS"),
		encodeCursor(networkCursor, "net:with:colons"), "cGVyc29uOnBlcl8x\n", "cGVyc29uOnBlcl8x==",
		"\x00\xff", "per_01HZX",
	} {
		f.Add(seed)
	}
	r := newResolver(Config{Logger: zerolog.Nop()})
	ctx := netgraph.WithCaller(context.Background(), netgraph.Caller{RequestID: "fuzz"})
	f.Fuzz(func(t *testing.T, after string) {
		for _, kind := range kinds {
			key, err := decodeCursor(kind, &after)
			if err != nil {
				if key != "" {
					t.Fatalf("decodeCursor(%q, %q) returned key %q with error %v", kind, after, key, err)
				}
				e := r.presentError(ctx, err)
				if e.Extensions["code"] != CodeBadUserInput || e.Extensions["field"] != "after" {
					t.Fatalf("bad cursor %q presented as %q %v, want BAD_USER_INPUT on after", after, e.Message, e.Extensions)
				}
				continue
			}
			if after != "" && key == "" {
				t.Fatalf("decodeCursor(%q, %q) accepted a cursor without a key", kind, after)
			}
		}

		// after as a key: its cursor round-trips in its own list only.
		if after == "" {
			return
		}
		for _, kind := range kinds {
			cursor := encodeCursor(kind, after)
			for _, other := range kinds {
				key, err := decodeCursor(other, &cursor)
				switch {
				case other == kind && (err != nil || key != after):
					t.Fatalf("cursor for %s key %q decodes to %q, %v", kind, after, key, err)
				case other != kind && err == nil:
					t.Fatalf("a %s cursor (key %q) was accepted by the %s list", kind, after, other)
				}
			}
		}
	})
}
