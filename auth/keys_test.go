package auth_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/auth"
)

const (
	viewerToken = "view-0123456789abcdef"
	adminToken  = "admin-0123456789abcdef"
)

// mustParseKeys parses a key file's text or fails the test.
func mustParseKeys(tb testing.TB, text string) *auth.Keys {
	tb.Helper()
	ks, err := auth.ParseKeys(strings.NewReader(text))
	if err != nil {
		tb.Fatal(err)
	}
	return ks
}

func TestParseKeys(t *testing.T) {
	t.Run("Valid", func(t *testing.T) {
		ks := mustParseKeys(t, "# netgraph keys\n\n"+
			"viewer "+viewerToken+"\n"+
			"  admin\t"+adminToken+"  ops-team  \n"+
			"   # indented comment\n"+
			"analyst analyst-0123456789abcdef\r\n"+
			"facilitator fac-0123456789abcdef@x\n")
		want := []auth.Key{
			{Subject: "key:" + hashPrefix(viewerToken), Role: netgraph.RoleViewer, Line: 3},
			{Subject: "key:ops-team", Role: netgraph.RoleAdmin, Line: 4},
			{Subject: "key:" + hashPrefix("analyst-0123456789abcdef"), Role: netgraph.RoleAnalyst, Line: 6},
			{Subject: "key:" + hashPrefix("fac-0123456789abcdef@x"), Role: netgraph.RoleFacilitator, Line: 7},
		}
		got := ks.Keys()
		if len(got) != len(want) {
			t.Fatalf("got %d keys, want %d", len(got), len(want))
		}
		for i := range want {
			if got[i].Subject != want[i].Subject || got[i].Role != want[i].Role || got[i].Line != want[i].Line {
				t.Errorf("key %d = %+v, want %+v", i, got[i], want[i])
			}
		}
	})
	t.Run("Empty", func(t *testing.T) {
		if ks := mustParseKeys(t, "# nothing yet\n\n"); ks.Len() != 0 {
			t.Errorf("Len = %d, want 0", ks.Len())
		}
	})

	for _, c := range []struct {
		name, text, want string
	}{
		{"UnknownRole", "viewer " + viewerToken + "\nboss boss-0123456789abcdef", "line 2: first field is not a role"},
		{"TokenFirst", "\n" + adminToken + " admin", "line 2: first field is not a role"},
		{"RoleCase", "Admin " + adminToken, "line 1: first field is not a role"},
		{"NoToken", "admin", "line 1: want ROLE TOKEN [NAME], found 1 fields"},
		{"TooManyFields", "admin " + adminToken + " name extra", "line 1: want ROLE TOKEN [NAME], found 4 fields"},
		{"ShortToken", "admin short-token", "line 1: token has 11 characters; want at least 16"},
		{"LongToken", "admin " + strings.Repeat("x", 513), "line 1: token has 513 characters; want at most 512"},
		{"NonASCIIToken", "admin tøken-0123456789abcdef", "line 1: token has characters other than visible ASCII"},
		{"DuplicateToken", "viewer " + adminToken + "\n# x\nadmin " + adminToken, "line 3: same token as line 1"},
		{"DuplicateName", "viewer " + viewerToken + " a\nadmin " + adminToken + " a", "line 2: same name as line 1"},
		{"BadName", "admin " + adminToken + " na/me", "line 1: name must be"},
		{"LongLine", "admin " + strings.Repeat("x", 5000), "line 1: longer than 4096 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := auth.ParseKeys(strings.NewReader(c.text))
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("error = %v, want %q", err, c.want)
			}
			assertNoToken(t, err.Error(), c.text)
		})
	}
}

func hashPrefix(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:4])
}

// assertNoToken fails if msg repeats any token-sized field of input.
func assertNoToken(tb testing.TB, msg, input string) {
	tb.Helper()
	for _, f := range strings.Fields(input) {
		if len(f) >= auth.MinTokenLength && strings.Contains(msg, f) {
			tb.Fatalf("error %q repeats %q from the input", msg, f)
		}
	}
}

func TestLoadKeys(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	t.Run("Valid", func(t *testing.T) {
		ks, err := auth.LoadKeys(write("keys", "admin "+adminToken+"\n"))
		if err != nil || ks.Len() != 1 {
			t.Fatalf("LoadKeys = %v, %v; want one key", ks.Keys(), err)
		}
	})
	t.Run("Missing", func(t *testing.T) {
		if _, err := auth.LoadKeys(filepath.Join(dir, "nope")); err == nil || !strings.Contains(err.Error(), "no such file") {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("NoKeys", func(t *testing.T) {
		if _, err := auth.LoadKeys(write("empty", "# none\n")); err == nil || !strings.Contains(err.Error(), "has no keys") {
			t.Fatalf("error = %v, want a file without keys refused", err)
		}
	})
	t.Run("BadLineNamesFile", func(t *testing.T) {
		path := write("bad", "admin "+adminToken+"\nviewer short\n")
		_, err := auth.LoadKeys(path)
		if err == nil || !strings.Contains(err.Error(), path+": line 2:") {
			t.Fatalf("error = %v, want the file and line named", err)
		}
	})
}

func TestKeysLookup(t *testing.T) {
	ks := mustParseKeys(t, "viewer "+viewerToken+"\nadmin "+adminToken+" ops\n")
	for _, c := range []struct {
		token   string
		subject string
		role    netgraph.Role
		ok      bool
	}{
		{viewerToken, "key:" + hashPrefix(viewerToken), netgraph.RoleViewer, true},
		{adminToken, "key:ops", netgraph.RoleAdmin, true},
		{adminToken + "x", "", "", false},
		{adminToken[:len(adminToken)-1], "", "", false},
		{"", "", "", false},
	} {
		k, ok := ks.Lookup(c.token)
		if ok != c.ok || k.Subject != c.subject || k.Role != c.role {
			t.Errorf("Lookup(%q) = %+v, %v; want %s %s %v", c.token, k, ok, c.subject, c.role, c.ok)
		}
	}
	var none *auth.Keys
	if _, ok := none.Lookup(adminToken); ok {
		t.Error("nil Keys found a key")
	}
}

// FuzzParseKeys checks that ParseKeys never panics, that every error names
// its line and repeats no token, and that what it accepts is well formed.
func FuzzParseKeys(f *testing.F) {
	f.Add("viewer " + viewerToken + "\nadmin " + adminToken + " ops\n")
	f.Add("# comment\n\nanalyst analyst-0123456789abcdef\r\n")
	f.Add("boss boss-0123456789abcdef")
	f.Add("admin short")
	f.Add("admin " + adminToken + "\nviewer " + adminToken)
	f.Add("admin " + adminToken + " a b")
	f.Add("\x00\xff admin\t\v" + adminToken)
	lineErr := regexp.MustCompile(`^line \d+: `)
	f.Fuzz(func(t *testing.T, text string) {
		ks, err := auth.ParseKeys(strings.NewReader(text))
		if err != nil {
			if !lineErr.MatchString(err.Error()) {
				t.Fatalf("error %q does not start with its line", err)
			}
			assertNoToken(t, err.Error(), text)
			return
		}
		subjects := map[string]bool{}
		for _, k := range ks.Keys() {
			if !k.Role.Valid() || !strings.HasPrefix(k.Subject, "key:") || k.Line < 1 || subjects[k.Subject] {
				t.Fatalf("accepted a malformed or duplicate key %+v", k)
			}
			subjects[k.Subject] = true
		}
	})
}
