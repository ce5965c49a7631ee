package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph/server"
)

const testAPIKey = "admin-0123456789abcdef"

// writeSecurityFile writes text to a new file in a temporary directory.
func writeSecurityFile(tb testing.TB, name, text string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// parseSecurity parses args and vars as serve would and builds the access
// settings for addr.
func parseSecurity(t *testing.T, vars map[string]string, addr string, args ...string) (securityFlags, server.Access, error) {
	t.Helper()
	env, _, _ := testEnv(vars)
	var c securityFlags
	fs := newFlagSet(env, "serve", "")
	c.register(fs)
	if err := parseFlags(fs, args, env.Getenv); err != nil {
		return c, server.Access{}, err
	}
	a, err := c.access(context.Background(), env.Getenv, addr, zerolog.Nop())
	return c, a, err
}

// jwksFile writes a JWKS with one fresh P-256 key.
func jwksFile(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := key.PublicKey.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	set, _ := json.Marshal(map[string]any{"keys": []any{map[string]any{
		"kty": "EC", "crv": "P-256", "kid": "k1", "x": b64(raw[1:33]), "y": b64(raw[33:]),
	}}})
	return writeSecurityFile(t, "jwks.json", string(set))
}

// TestKeyFileReadableByOthers checks that serve warns about an API key
// file other users may read, and not about one only its owner may.
func TestKeyFileReadableByOthers(t *testing.T) {
	for _, mode := range []os.FileMode{0o644, 0o600} {
		keys := writeSecurityFile(t, "keys", "admin "+testAPIKey+"\n")
		if err := os.Chmod(keys, mode); err != nil {
			t.Fatal(err)
		}
		env, _, _ := testEnv(nil)
		var c securityFlags
		fs := newFlagSet(env, "serve", "")
		c.register(fs)
		if err := parseFlags(fs, []string{"--api-keys", keys}, env.Getenv); err != nil {
			t.Fatal(err)
		}
		var logs strings.Builder
		if _, err := c.access(context.Background(), env.Getenv, "127.0.0.1:1", zerolog.New(&logs)); err != nil {
			t.Fatal(err)
		}
		warned := strings.Contains(logs.String(), `"level":"warn"`) && strings.Contains(logs.String(), "chmod 600")
		if warned != (mode == 0o644) {
			t.Errorf("mode %04o: warned %v: %s", mode, warned, logs.String())
		}
	}
}

// TestConnectionFlags checks the HTTP server's limits: their defaults, and
// that values from the command line reach the server's configuration.
func TestConnectionFlags(t *testing.T) {
	c, _, err := parseSecurity(t, nil, "127.0.0.1:1")
	if err != nil || c.MaxConnections != server.DefaultMaxConnections || c.IdleTimeout != server.DefaultIdleTimeout ||
		c.ReadTimeout != server.DefaultReadTimeout || c.ReadHeaderTimeout != server.DefaultReadHeaderTimeout {
		t.Errorf("defaults: %+v, %v", c, err)
	}
	c, _, err = parseSecurity(t, map[string]string{"NETGRAPH_IDLE_TIMEOUT": "10s"}, "127.0.0.1:1",
		"--max-connections", "64", "--read-header-timeout", "2s", "--read-timeout", "20s")
	if err != nil || c.MaxConnections != 64 || c.IdleTimeout != 10*time.Second || c.ReadTimeout != 20*time.Second || c.ReadHeaderTimeout != 2*time.Second {
		t.Errorf("set: %+v, %v", c, err)
	}
	if _, _, err := parseSecurity(t, nil, "127.0.0.1:1", "--max-connections", "0"); err == nil {
		t.Error("--max-connections 0 accepted")
	}
}

func TestSecurityFlags(t *testing.T) {
	keys := writeSecurityFile(t, "keys", "admin "+testAPIKey+"\n")
	jwks := jwksFile(t)

	t.Run("Defaults", func(t *testing.T) {
		c, a, err := parseSecurity(t, nil, "127.0.0.1:8080")
		if err != nil {
			t.Fatal(err)
		}
		if a.Authenticator != nil || a.RateLimit != 20 || a.RateBurst != 40 || a.RequestTimeout != 30*time.Second || a.InsecureOpen {
			t.Errorf("defaults: %+v", a)
		}
		if c.JWTRoleClaim != "role" {
			t.Errorf("role claim %q, want role", c.JWTRoleClaim)
		}
	})
	t.Run("Flags", func(t *testing.T) {
		_, a, err := parseSecurity(t, nil, "0.0.0.0:8080", "--api-keys", keys, "--rate-limit", "2.5", "--rate-burst", "5", "--request-timeout", "5s")
		if err != nil {
			t.Fatal(err)
		}
		if a.Authenticator == nil || a.RateLimit != 2.5 || a.RateBurst != 5 || a.RequestTimeout != 5*time.Second {
			t.Errorf("access: %+v", a)
		}
	})
	t.Run("KeysFileFromEnvironment", func(t *testing.T) {
		c, a, err := parseSecurity(t, map[string]string{"NETGRAPH_API_KEYS_FILE": keys, "NETGRAPH_RATE_LIMIT": "0"}, "0.0.0.0:8080")
		if err != nil {
			t.Fatal(err)
		}
		if a.Authenticator == nil || c.APIKeysFile != keys || a.RateLimit != 0 {
			t.Errorf("NETGRAPH_API_KEYS_FILE not used: %+v %+v", c, a)
		}
	})
	t.Run("FlagWinsOverEnvironment", func(t *testing.T) {
		c, _, err := parseSecurity(t, map[string]string{"NETGRAPH_API_KEYS_FILE": "/nope"}, "127.0.0.1:1", "--api-keys", keys)
		if err != nil || c.APIKeysFile != keys {
			t.Fatalf("api keys file %q, %v; want the flag's", c.APIKeysFile, err)
		}
	})
	t.Run("DerivedVariableRefused", func(t *testing.T) {
		_, _, err := parseSecurity(t, map[string]string{"NETGRAPH_API_KEYS": testAPIKey}, "127.0.0.1:1")
		if !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), "NETGRAPH_API_KEYS_FILE") {
			t.Fatalf("error = %v, want a usage error pointing to NETGRAPH_API_KEYS_FILE", err)
		}
		if strings.Contains(err.Error(), testAPIKey) {
			t.Errorf("error repeats the key: %v", err)
		}
	})
	t.Run("CORSOrigins", func(t *testing.T) {
		_, a, err := parseSecurity(t, map[string]string{"NETGRAPH_CORS_ORIGINS": "https://Dash.example.org, http://localhost:5173"}, "127.0.0.1:1")
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"https://dash.example.org", "http://localhost:5173"}; !slices.Equal(a.CORSOrigins, want) {
			t.Errorf("NETGRAPH_CORS_ORIGINS gave %q, want %q", a.CORSOrigins, want)
		}
		_, a, err = parseSecurity(t, nil, "127.0.0.1:1")
		if err != nil || a.CORSOrigins != nil {
			t.Errorf("default CORS origins %q, %v; want none", a.CORSOrigins, err)
		}
		_, _, err = parseSecurity(t, nil, "127.0.0.1:1", "--cors-origins", "*")
		if !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), "--cors-origins") {
			t.Errorf(`--cors-origins "*": error = %v, want a usage error naming the flag`, err)
		}
	})
	t.Run("JWT", func(t *testing.T) {
		_, a, err := parseSecurity(t, nil, "0.0.0.0:8080", "--jwt-jwks", jwks, "--jwt-issuer", "https://id.example.org/", "--jwt-audience", "netgraph")
		if err != nil || a.Authenticator == nil {
			t.Fatalf("access = %+v, %v", a, err)
		}
	})
	t.Run("InsecureOpen", func(t *testing.T) {
		_, a, err := parseSecurity(t, nil, "0.0.0.0:8080", "--insecure-open")
		if err != nil || a.Authenticator != nil || !a.InsecureOpen {
			t.Fatalf("access = %+v, %v", a, err)
		}
	})

	for _, c := range []struct {
		name  string
		vars  map[string]string
		addr  string
		args  []string
		usage bool
		want  string
	}{
		{"OpenOnAllInterfaces", nil, ":8080", nil, true, "refusing to serve without authentication on :8080"},
		{"OpenOnPublicAddress", nil, "192.0.2.1:8080", nil, true, "--insecure-open"},
		{"NegativeRate", nil, "127.0.0.1:1", []string{"--rate-limit", "-1"}, true, "--rate-limit"},
		{"ZeroBurst", nil, "127.0.0.1:1", []string{"--rate-burst", "0"}, true, "--rate-burst"},
		{"ZeroTimeout", nil, "127.0.0.1:1", []string{"--request-timeout", "0s"}, true, "--request-timeout"},
		{"IssuerWithoutJWKS", nil, "127.0.0.1:1", []string{"--jwt-issuer", "x"}, true, "need --jwt-jwks"},
		{"JWKSWithoutAudience", nil, "127.0.0.1:1", []string{"--jwt-jwks", jwks, "--jwt-issuer", "x"}, true, "--jwt-audience"},
		{"MissingKeysFile", nil, "127.0.0.1:1", []string{"--api-keys", filepath.Join(t.TempDir(), "nope")}, false, "no such file"},
		{"BadKeysFile", nil, "127.0.0.1:1", []string{"--api-keys", writeSecurityFile(t, "bad", "admin short\n")}, false, "line 1:"},
		{"MissingJWKS", nil, "127.0.0.1:1", []string{"--jwt-jwks", "/nope.json", "--jwt-issuer", "x", "--jwt-audience", "y"}, false, "no such file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := parseSecurity(t, c.vars, c.addr, c.args...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v, want %q", err, c.want)
			}
			if isUsage := errors.As(err, new(usageError)); isUsage != c.usage {
				t.Errorf("usage error = %v, want %v", isUsage, c.usage)
			}
		})
	}
}

// TestServeRequiresKey runs serve with an API key file: /graphql needs the
// key, the health checks do not, and an open server on all interfaces is
// refused at start.
func TestServeRequiresKey(t *testing.T) {
	keys := writeSecurityFile(t, "keys", "viewer "+testAPIKey+" dashboard\n")
	s := startServe(t, "--db", filepath.Join(t.TempDir(), "netgraph.db"), "--api-keys", keys)

	post := func(key string) int {
		req, _ := http.NewRequest("POST", s.url+"/graphql", strings.NewReader(`{"query":"{ dataVersion }"}`))
		req.Header.Set("Content-Type", "application/json")
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := post(""); got != http.StatusUnauthorized {
		t.Errorf("without a key: %d, want 401", got)
	}
	if got := post(testAPIKey); got != http.StatusOK {
		t.Errorf("with the key: %d, want 200", got)
	}
	if code := s.stop(t); code != 0 {
		t.Fatalf("exit %d", code)
	}
	log := s.stderr.String()
	if !strings.Contains(log, `"subject":"key:dashboard"`) || strings.Contains(log, testAPIKey) {
		t.Errorf("log should name the key, never show it:\n%s", log)
	}
	if strings.Contains(log, "OPEN ACCESS") {
		t.Errorf("a server with keys warned about open access")
	}

	t.Run("OpenRefusedOnAllInterfaces", func(t *testing.T) {
		env, _, stderr := testEnv(map[string]string{"NETGRAPH_ADDR": "0.0.0.0:0"})
		if code := run(context.Background(), []string{"serve", "--db", filepath.Join(t.TempDir(), "x.db")}, env); code != 2 {
			t.Fatalf("exit %d, want 2:\n%s", code, stderr)
		}
		if !strings.Contains(stderr.String(), "--insecure-open") {
			t.Errorf("stderr does not say how to proceed:\n%s", stderr)
		}
	})
	t.Run("OpenWarns", func(t *testing.T) {
		open := startServe(t, "--db", filepath.Join(t.TempDir(), "netgraph.db"))
		open.stop(t)
		if !strings.Contains(open.stderr.String(), `"level":"warn"`) || !strings.Contains(open.stderr.String(), "OPEN ACCESS") {
			t.Errorf("an open server did not warn:\n%s", open.stderr)
		}
	})
}
