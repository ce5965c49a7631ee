package auth_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/auth"
)

const (
	testIssuer   = "https://id.example.org/"
	testAudience = "netgraph"
)

// Signing keys, generated once per test run.
var (
	rsaKey = sync.OnceValue(func() *rsa.PrivateKey { return mustKey(rsa.GenerateKey(rand.Reader, 2048)) })
	ecKey  = sync.OnceValue(func() *ecdsa.PrivateKey { return mustKey(ecdsa.GenerateKey(elliptic.P256(), rand.Reader)) })
)

func mustKey[K any](k K, err error) K {
	if err != nil {
		panic(err)
	}
	return k
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// rsaJWK and ecJWK write a public key as a JWK.
func rsaJWK(kid string, pub *rsa.PublicKey) map[string]any {
	return map[string]any{"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
		"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes())}
}

func ecJWK(kid string, pub *ecdsa.PublicKey) map[string]any {
	raw, err := pub.Bytes() // 0x04 || X || Y
	if err != nil {
		panic(err)
	}
	return map[string]any{"kty": "EC", "kid": kid, "crv": "P-256", "x": b64(raw[1:33]), "y": b64(raw[33:])}
}

func jwksJSON(keys ...map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"keys": keys})
	if err != nil {
		panic(err)
	}
	return b
}

// jwksServer serves a JWKS that tests may replace, counting the fetches.
type jwksServer struct {
	*httptest.Server
	mu      sync.Mutex
	body    []byte
	fetches atomic.Int32
}

func newJWKSServer(t testing.TB, body []byte, tls bool) *jwksServer {
	t.Helper()
	s := &jwksServer{body: body}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fetches.Add(1)
		s.mu.Lock()
		defer s.mu.Unlock()
		w.Header().Set("Content-Type", "application/jwk-set+json")
		w.Write(s.body)
	})
	if tls {
		s.Server = httptest.NewTLSServer(h)
	} else {
		s.Server = httptest.NewServer(h)
	}
	t.Cleanup(s.Close)
	return s
}

func (s *jwksServer) set(body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.body = body
}

// clock is a settable time for the verifier.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

var epoch = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// claims returns valid claims at epoch, changed by the given edits.
func claims(edits ...func(jwt.MapClaims)) jwt.MapClaims {
	c := jwt.MapClaims{
		"iss": testIssuer, "aud": testAudience, "sub": "user-42", "role": "analyst",
		"iat": epoch.Add(-time.Minute).Unix(), "exp": epoch.Add(time.Hour).Unix(),
	}
	for _, e := range edits {
		e(c)
	}
	return c
}

func sign(t testing.TB, method jwt.SigningMethod, kid string, key any, c jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, c)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newVerifier returns a verifier reading the JWKS at loc, on clk's time.
func newVerifier(t testing.TB, loc string, clk *clock, edit func(*auth.JWTConfig)) *auth.JWTVerifier {
	t.Helper()
	cfg := auth.JWTConfig{JWKS: loc, Issuer: testIssuer, Audience: testAudience, Now: clk.Now}
	if edit != nil {
		edit(&cfg)
	}
	v, err := auth.NewJWTVerifier(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestJWTVerify(t *testing.T) {
	srv := newJWKSServer(t, jwksJSON(rsaJWK("rsa-1", &rsaKey().PublicKey), ecJWK("ec-1", &ecKey().PublicKey)), false)
	clk := &clock{now: epoch}
	v := newVerifier(t, srv.URL, clk, nil)

	pubDER, err := x509.MarshalPKIXPublicKey(&rsaKey().PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})
	otherRSA := mustKey(rsa.GenerateKey(rand.Reader, 2048))

	rs256 := func(c jwt.MapClaims) string { return sign(t, jwt.SigningMethodRS256, "rsa-1", rsaKey(), c) }
	for _, c := range []struct {
		name  string
		token string
		want  netgraph.Caller
		err   string // part of the error; "" for success
	}{
		{"ValidRS256", rs256(claims()), netgraph.Caller{Subject: "jwt:user-42", Role: netgraph.RoleAnalyst}, ""},
		{"ValidES256", sign(t, jwt.SigningMethodES256, "ec-1", ecKey(), claims()), netgraph.Caller{Subject: "jwt:user-42", Role: netgraph.RoleAnalyst}, ""},
		{"NoKid", sign(t, jwt.SigningMethodES256, "", ecKey(), claims()), netgraph.Caller{Subject: "jwt:user-42", Role: netgraph.RoleAnalyst}, ""},
		{"AudienceArray", rs256(claims(func(c jwt.MapClaims) { c["aud"] = []string{"other", testAudience} })),
			netgraph.Caller{Subject: "jwt:user-42", Role: netgraph.RoleAnalyst}, ""},
		{"RoleArrayHighest", rs256(claims(func(c jwt.MapClaims) { c["role"] = []any{"viewer", "superuser", "facilitator", "analyst"} })),
			netgraph.Caller{Subject: "jwt:user-42", Role: netgraph.RoleFacilitator}, ""},
		{"ExpiredWithinLeeway", rs256(claims(func(c jwt.MapClaims) { c["exp"] = epoch.Add(-10 * time.Second).Unix() })),
			netgraph.Caller{Subject: "jwt:user-42", Role: netgraph.RoleAnalyst}, ""},

		{"Expired", rs256(claims(func(c jwt.MapClaims) { c["exp"] = epoch.Add(-2 * time.Minute).Unix() })), netgraph.Caller{}, "token is expired"},
		{"NoExpiry", rs256(claims(func(c jwt.MapClaims) { delete(c, "exp") })), netgraph.Caller{}, "exp claim is required"},
		{"NotYetValid", rs256(claims(func(c jwt.MapClaims) { c["nbf"] = epoch.Add(2 * time.Minute).Unix() })), netgraph.Caller{}, "token is not valid yet"},
		{"IssuedInFuture", rs256(claims(func(c jwt.MapClaims) { c["iat"] = epoch.Add(2 * time.Minute).Unix() })), netgraph.Caller{}, "used before issued"},
		{"WrongIssuer", rs256(claims(func(c jwt.MapClaims) { c["iss"] = "https://evil.example.org/" })), netgraph.Caller{}, "invalid issuer"},
		{"NoIssuer", rs256(claims(func(c jwt.MapClaims) { delete(c, "iss") })), netgraph.Caller{}, "iss claim is required"},
		{"WrongAudience", rs256(claims(func(c jwt.MapClaims) { c["aud"] = "someone-else" })), netgraph.Caller{}, "invalid audience"},
		{"MissingRole", rs256(claims(func(c jwt.MapClaims) { delete(c, "role") })), netgraph.Caller{}, `"role" claim names no known role`},
		{"UnknownRole", rs256(claims(func(c jwt.MapClaims) { c["role"] = []any{"Admin", "root", 7} })), netgraph.Caller{}, "no known role"},
		{"MissingSubject", rs256(claims(func(c jwt.MapClaims) { delete(c, "sub") })), netgraph.Caller{}, "no sub claim"},
		{"SubjectWithNewline", rs256(claims(func(c jwt.MapClaims) { c["sub"] = "user-42\nlevel=admin" })), netgraph.Caller{}, "sub claim has control"},
		{"SubjectWithRightToLeftOverride", rs256(claims(func(c jwt.MapClaims) { c["sub"] = "user-\u202e24" })), netgraph.Caller{}, "sub claim has control"},
		{"SubjectWithZeroWidthSpace", rs256(claims(func(c jwt.MapClaims) { c["sub"] = "user\u200b-42" })), netgraph.Caller{}, "sub claim has control"},
		{"LongSubject", rs256(claims(func(c jwt.MapClaims) { c["sub"] = strings.Repeat("s", 257) })), netgraph.Caller{}, "sub claim is longer"},
		{"WrongAlgRS384", sign(t, jwt.SigningMethodRS384, "rsa-1", rsaKey(), claims()), netgraph.Caller{}, "signing method RS384 is invalid"},
		{"WrongAlgPS256", sign(t, jwt.SigningMethodPS256, "rsa-1", rsaKey(), claims()), netgraph.Caller{}, "signing method PS256 is invalid"},
		{"AlgNone", sign(t, jwt.SigningMethodNone, "rsa-1", jwt.UnsafeAllowNoneSignatureType, claims()), netgraph.Caller{}, "signing method none is invalid"},
		{"HS256ForgedWithPublicKeyPEM", sign(t, jwt.SigningMethodHS256, "rsa-1", pubPEM, claims()), netgraph.Caller{}, "signing method HS256 is invalid"},
		{"HS256ForgedWithPublicKeyDER", sign(t, jwt.SigningMethodHS256, "rsa-1", pubDER, claims()), netgraph.Caller{}, "signing method HS256 is invalid"},
		{"ES256HeaderOnRSAKid", sign(t, jwt.SigningMethodES256, "rsa-1", ecKey(), claims()), netgraph.Caller{}, `no ES256 key with kid "rsa-1"`},
		{"UnknownKid", sign(t, jwt.SigningMethodRS256, "rsa-9", rsaKey(), claims()), netgraph.Caller{}, `no RS256 key with kid "rsa-9"`},
		{"SignedByOtherKey", sign(t, jwt.SigningMethodRS256, "rsa-1", otherRSA, claims()), netgraph.Caller{}, "signature is invalid"},
		{"Garbage", "a.b.c", netgraph.Caller{}, "malformed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := v.Verify(context.Background(), c.token)
			if c.err == "" {
				if err != nil || got != c.want {
					t.Fatalf("Verify = %+v, %v; want %+v", got, err, c.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Fatalf("Verify = %+v, %v; want an error with %q", got, err, c.err)
			}
			if strings.Contains(err.Error(), c.token) {
				t.Errorf("error repeats the token: %v", err)
			}
		})
	}
}

func TestJWTRoleClaim(t *testing.T) {
	srv := newJWKSServer(t, jwksJSON(ecJWK("ec-1", &ecKey().PublicKey)), false)
	clk := &clock{now: epoch}
	for _, c := range []struct {
		name, claim string
		edit        func(jwt.MapClaims)
		want        netgraph.Role
	}{
		{"TopLevel", "groups", func(c jwt.MapClaims) { c["groups"] = []any{"viewer", "admin"} }, netgraph.RoleAdmin},
		{"DottedPath", "realm_access.roles", func(c jwt.MapClaims) {
			c["realm_access"] = map[string]any{"roles": []any{"offline_access", "facilitator"}}
		}, netgraph.RoleFacilitator},
		{"NameWithDots", "https://netgraph.example.org/role", func(c jwt.MapClaims) {
			c["https://netgraph.example.org/role"] = "viewer"
		}, netgraph.RoleViewer},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := newVerifier(t, srv.URL, clk, func(cfg *auth.JWTConfig) { cfg.RoleClaim = c.claim })
			got, err := v.Verify(context.Background(), sign(t, jwt.SigningMethodES256, "ec-1", ecKey(), claims(c.edit)))
			if err != nil || got.Role != c.want {
				t.Fatalf("Verify = %+v, %v; want role %s", got, err, c.want)
			}
		})
	}
}

// TestJWKSRefresh checks that an unknown kid makes the verifier read the JWKS
// again, at most once per refresh interval, so that a rotated key works and
// made-up kids cannot hammer the issuer.
func TestJWKSRefresh(t *testing.T) {
	srv := newJWKSServer(t, jwksJSON(rsaJWK("rsa-1", &rsaKey().PublicKey)), true)
	clk := &clock{now: epoch}
	v := newVerifier(t, srv.URL, clk, func(cfg *auth.JWTConfig) {
		cfg.Client = srv.Client()
		cfg.RefreshInterval = time.Minute
		cfg.MaxKeyAge = time.Hour
	})
	if n := srv.fetches.Load(); n != 1 {
		t.Fatalf("%d fetches at start, want 1", n)
	}
	verify := func(kid string, key crypto.Signer, method jwt.SigningMethod) error {
		_, err := v.Verify(context.Background(), sign(t, method, kid, key, claims(func(c jwt.MapClaims) {
			now := clk.Now()
			c["iat"], c["exp"] = now.Unix(), now.Add(time.Hour).Unix()
		})))
		return err
	}
	if err := verify("rsa-1", rsaKey(), jwt.SigningMethodRS256); err != nil {
		t.Fatal(err)
	}

	// The issuer rotates to a new key; netgraph has not heard yet, and a
	// refresh happened too recently to try again.
	srv.set(jwksJSON(rsaJWK("rsa-1", &rsaKey().PublicKey), ecJWK("ec-2", &ecKey().PublicKey)))
	if err := verify("ec-2", ecKey(), jwt.SigningMethodES256); err == nil {
		t.Fatal("a kid unknown within the refresh interval was accepted")
	}
	if n := srv.fetches.Load(); n != 1 {
		t.Fatalf("%d fetches, want still 1 within the refresh interval", n)
	}

	clk.Add(time.Minute)
	if err := verify("ec-2", ecKey(), jwt.SigningMethodES256); err != nil {
		t.Fatalf("rotated key after the refresh interval: %v", err)
	}
	if n := srv.fetches.Load(); n != 2 {
		t.Fatalf("%d fetches, want 2", n)
	}

	// Many tokens with made-up kids cause no more fetches.
	for i := range 20 {
		if err := verify("made-up-"+string(rune('a'+i)), ecKey(), jwt.SigningMethodES256); err == nil {
			t.Fatal("made-up kid accepted")
		}
	}
	if n := srv.fetches.Load(); n != 2 {
		t.Fatalf("%d fetches after made-up kids, want 2", n)
	}

	// A withdrawn key stops working once the keys are older than MaxKeyAge.
	srv.set(jwksJSON(ecJWK("ec-2", &ecKey().PublicKey)))
	clk.Add(time.Hour)
	if err := verify("rsa-1", rsaKey(), jwt.SigningMethodRS256); err == nil {
		t.Fatal("withdrawn key still accepted after MaxKeyAge")
	}
	if n := srv.fetches.Load(); n != 3 {
		t.Fatalf("%d fetches, want 3", n)
	}

	// If the issuer is down, the keys already loaded stay in use.
	srv.set([]byte("<html>oops</html>"))
	clk.Add(2 * time.Hour)
	if err := verify("ec-2", ecKey(), jwt.SigningMethodES256); err != nil {
		t.Fatalf("a failed refresh dropped the loaded keys: %v", err)
	}
}

// TestJWKSWeakKeySkipped checks that a 1024-bit RSA key beside sound keys
// is skipped with a warning, and the sound keys verify tokens.
func TestJWKSWeakKeySkipped(t *testing.T) {
	small := mustKey(rsa.GenerateKey(rand.Reader, 1024))
	path := filepath.Join(t.TempDir(), "jwks.json")
	if err := os.WriteFile(path, jwksJSON(rsaJWK("old", &small.PublicKey), ecJWK("ec-1", &ecKey().PublicKey)), 0o600); err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	v := newVerifier(t, path, &clock{now: epoch}, func(c *auth.JWTConfig) { c.Logger = zerolog.New(&logs) })
	if _, err := v.Verify(context.Background(), sign(t, jwt.SigningMethodES256, "ec-1", ecKey(), claims())); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(context.Background(), sign(t, jwt.SigningMethodRS256, "old", small, claims())); err == nil {
		t.Error("a token signed by the skipped key was accepted")
	}
	if !strings.Contains(logs.String(), `"level":"warn"`) || !strings.Contains(logs.String(), `kid \"old\") skipped: RSA key has 1024 bits`) {
		t.Errorf("no warning about the weak key: %s", logs.String())
	}
}

func TestJWKSFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jwks.json")
	if err := os.WriteFile(path, jwksJSON(ecJWK("ec-1", &ecKey().PublicKey)), 0o600); err != nil {
		t.Fatal(err)
	}
	clk := &clock{now: epoch}
	v := newVerifier(t, path, clk, nil)
	if _, err := v.Verify(context.Background(), sign(t, jwt.SigningMethodES256, "ec-1", ecKey(), claims())); err != nil {
		t.Fatal(err)
	}
}

func TestNewJWTVerifierErrors(t *testing.T) {
	dir := t.TempDir()
	file := func(body []byte) string {
		f, err := os.CreateTemp(dir, "jwks")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.Write(body); err != nil {
			t.Fatal(err)
		}
		return f.Name()
	}
	good := file(jwksJSON(ecJWK("ec-1", &ecKey().PublicKey)))
	small := mustKey(rsa.GenerateKey(rand.Reader, 1024))
	for _, c := range []struct {
		name string
		cfg  auth.JWTConfig
		want string
	}{
		{"NoJWKS", auth.JWTConfig{Issuer: testIssuer, Audience: testAudience}, "JWKS file or URL is required"},
		{"NoIssuer", auth.JWTConfig{JWKS: good, Audience: testAudience}, "issuer is required"},
		{"NoAudience", auth.JWTConfig{JWKS: good, Issuer: testIssuer}, "audience is required"},
		{"PlainHTTP", auth.JWTConfig{JWKS: "http://id.example.org/jwks.json", Issuer: testIssuer, Audience: testAudience}, "want https"},
		{"OtherScheme", auth.JWTConfig{JWKS: "ftp://id.example.org/jwks.json", Issuer: testIssuer, Audience: testAudience}, "want https"},
		{"MissingFile", auth.JWTConfig{JWKS: filepath.Join(dir, "nope"), Issuer: testIssuer, Audience: testAudience}, "no such file"},
		{"NotJSON", auth.JWTConfig{JWKS: file([]byte("nope")), Issuer: testIssuer, Audience: testAudience}, "not a JSON key set"},
		{"OnlyUnusableKeys", auth.JWTConfig{JWKS: file(jwksJSON(
			map[string]any{"kty": "oct", "k": "c2VjcmV0"},
			map[string]any{"kty": "OKP", "crv": "Ed25519", "x": "AAAA"},
			func() map[string]any { k := rsaJWK("enc", &rsaKey().PublicKey); k["use"] = "enc"; return k }(),
		)), Issuer: testIssuer, Audience: testAudience}, "no RS256 or ES256 signing key"},
		{"SmallRSA", auth.JWTConfig{JWKS: file(jwksJSON(rsaJWK("small", &small.PublicKey))), Issuer: testIssuer, Audience: testAudience}, "1024 bits"},
		{"ECPointOffCurve", auth.JWTConfig{JWKS: file(jwksJSON(map[string]any{"kty": "EC", "crv": "P-256",
			"x": b64(make([]byte, 32)), "y": b64(append(make([]byte, 31), 1))})), Issuer: testIssuer, Audience: testAudience}, "P-256 key"},
		{"DuplicateKid", auth.JWTConfig{JWKS: file(jwksJSON(ecJWK("k", &ecKey().PublicKey), rsaJWK("k", &rsaKey().PublicKey))),
			Issuer: testIssuer, Audience: testAudience}, `two keys with kid "k"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := auth.NewJWTVerifier(context.Background(), c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v, want %q", err, c.want)
			}
		})
	}
	t.Run("ServerError", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		defer srv.Close()
		_, err := auth.NewJWTVerifier(context.Background(), auth.JWTConfig{JWKS: srv.URL, Issuer: testIssuer, Audience: testAudience})
		if err == nil || !strings.Contains(err.Error(), "HTTP 404") {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("RedirectToPlainHTTP", func(t *testing.T) {
		// A redirect may not lead where the URL itself could not point:
		// plain http on a host other than loopback.
		srv := httptest.NewServer(http.RedirectHandler("http://jwks.example.invalid/keys", http.StatusFound))
		defer srv.Close()
		_, err := auth.NewJWTVerifier(context.Background(), auth.JWTConfig{JWKS: srv.URL, Issuer: testIssuer, Audience: testAudience})
		if err == nil || !strings.Contains(err.Error(), "want https") {
			t.Fatalf("error = %v, want the redirect refused", err)
		}
	})
	t.Run("Timeout", func(t *testing.T) {
		release := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}))
		defer srv.Close()
		defer close(release)
		start := time.Now()
		_, err := auth.NewJWTVerifier(context.Background(), auth.JWTConfig{JWKS: srv.URL, Issuer: testIssuer, Audience: testAudience,
			FetchTimeout: 100 * time.Millisecond})
		if err == nil || time.Since(start) > 5*time.Second {
			t.Fatalf("error = %v after %v, want a timeout", err, time.Since(start))
		}
	})
}
