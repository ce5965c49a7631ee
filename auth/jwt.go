package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"
	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
)

// Defaults of JWTConfig.
const (
	DefaultRoleClaim       = "role"
	DefaultLeeway          = 30 * time.Second
	DefaultRefreshInterval = 5 * time.Minute
	DefaultMaxKeyAge       = time.Hour
	DefaultFetchTimeout    = 10 * time.Second
	// maxSubjectLength is the longest sub claim accepted.
	maxSubjectLength = 256
)

// jwtMethods are the only signing algorithms accepted: asymmetric ones, so
// that knowing the public key is no help in forging a token. "none" and the
// HMAC family are refused.
var jwtMethods = []string{"RS256", "ES256"}

// JWTConfig says which bearer JWTs to accept.
type JWTConfig struct {
	// JWKS is where the issuer publishes its public keys: a file path, or
	// an https URL (http only for a loopback host). Required.
	JWKS string
	// Issuer must equal the token's iss claim. Required.
	Issuer string
	// Audience must be one of the token's aud claim. Required.
	Audience string
	// RoleClaim names the claim holding the caller's role: a string or an
	// array of strings, of which the highest known role counts. A name not
	// found at the top level is read as a dotted path ("realm_access.roles").
	// Default DefaultRoleClaim.
	RoleClaim string
	// Leeway allows for clock skew when checking exp, nbf and iat. Default
	// DefaultLeeway.
	Leeway time.Duration
	// RefreshInterval is the least time between two reads of the JWKS
	// caused by tokens with an unknown kid, so that made-up kids cannot make
	// netgraph hammer the issuer. Default DefaultRefreshInterval.
	RefreshInterval time.Duration
	// MaxKeyAge is how long keys are used before the JWKS is read again,
	// so that keys the issuer withdraws stop working. Default
	// DefaultMaxKeyAge.
	MaxKeyAge time.Duration
	// FetchTimeout bounds each read of a JWKS URL. Default
	// DefaultFetchTimeout.
	FetchTimeout time.Duration
	// Client fetches a JWKS URL; default http.DefaultClient (each fetch is
	// bounded by FetchTimeout).
	Client *http.Client
	// Now returns the current time; default time.Now.
	Now func() time.Time
	// Logger hears about JWKS refreshes and their failures.
	Logger zerolog.Logger
}

// JWTVerifier checks bearer JWTs against an issuer's published keys.
type JWTVerifier struct {
	cfg    JWTConfig
	parser *jwt.Parser
	fetch  func(context.Context) ([]byte, error)

	refreshMu sync.Mutex // one JWKS read at a time

	mu          sync.RWMutex
	keys        []publicKey
	loaded      time.Time // when keys were read
	lastAttempt time.Time // when the JWKS was last read, successfully or not
}

// NewJWTVerifier checks cfg and reads the JWKS once, so that a wrong
// location or a broken key set stops the service at start.
func NewJWTVerifier(ctx context.Context, cfg JWTConfig) (*JWTVerifier, error) {
	switch {
	case cfg.JWKS == "":
		return nil, errors.New("JWT: a JWKS file or URL is required")
	case cfg.Issuer == "":
		return nil, errors.New("JWT: an issuer is required")
	case cfg.Audience == "":
		return nil, errors.New("JWT: an audience is required")
	}
	if cfg.RoleClaim == "" {
		cfg.RoleClaim = DefaultRoleClaim
	}
	if cfg.Leeway <= 0 {
		cfg.Leeway = DefaultLeeway
	}
	if cfg.RefreshInterval <= 0 {
		cfg.RefreshInterval = DefaultRefreshInterval
	}
	if cfg.MaxKeyAge <= 0 {
		cfg.MaxKeyAge = DefaultMaxKeyAge
	}
	if cfg.FetchTimeout <= 0 {
		cfg.FetchTimeout = DefaultFetchTimeout
	}
	if cfg.Client == nil {
		cfg.Client = http.DefaultClient
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	fetch, err := jwksSource(cfg.JWKS, cfg.Client)
	if err != nil {
		return nil, err
	}
	v := &JWTVerifier{
		cfg:   cfg,
		fetch: fetch,
		parser: jwt.NewParser(
			jwt.WithValidMethods(jwtMethods),
			jwt.WithIssuer(cfg.Issuer),
			jwt.WithAudience(cfg.Audience),
			jwt.WithExpirationRequired(),
			jwt.WithIssuedAt(),
			jwt.WithLeeway(cfg.Leeway),
			jwt.WithTimeFunc(cfg.Now),
		),
	}
	if err := v.refresh(ctx, time.Time{}); err != nil {
		return nil, err
	}
	return v, nil
}

// Verify checks a JWT's signature and claims and returns its caller:
// Subject "jwt:" and the sub claim, Role the highest known role in the role
// claim. Errors describe the problem for the log; they never contain the
// token.
func (v *JWTVerifier) Verify(ctx context.Context, token string) (netgraph.Caller, error) {
	claims := jwt.MapClaims{}
	_, err := v.parser.ParseWithClaims(token, claims, func(t *jwt.Token) (any, error) {
		return v.keyFor(ctx, t)
	})
	if err != nil {
		return netgraph.Caller{}, err
	}
	sub, err := claims.GetSubject()
	if err != nil || sub == "" {
		return netgraph.Caller{}, errors.New("token has no sub claim")
	}
	if len(sub) > maxSubjectLength {
		return netgraph.Caller{}, fmt.Errorf("token's sub claim is longer than %d bytes", maxSubjectLength)
	}
	if !printableSubject(sub) {
		// The subject goes into the audit log and every log line of the
		// request: a newline would forge lines, U+202E reverse them.
		return netgraph.Caller{}, errors.New("token's sub claim has control, format or line-separator characters")
	}
	role, ok := highestRole(claimAt(claims, v.cfg.RoleClaim))
	if !ok {
		return netgraph.Caller{}, fmt.Errorf("token's %q claim names no known role", v.cfg.RoleClaim)
	}
	return netgraph.Caller{Subject: "jwt:" + sub, Role: role}, nil
}

// keyFor returns the key that should have signed t: the one with t's kid
// (reading the JWKS again if the kid is unknown and the last read is old
// enough), or, for a token without a kid, every key of t's algorithm.
func (v *JWTVerifier) keyFor(ctx context.Context, t *jwt.Token) (any, error) {
	kid, _ := t.Header["kid"].(string)
	alg := t.Method.Alg()

	v.mu.RLock()
	loaded, lastAttempt := v.loaded, v.lastAttempt
	v.mu.RUnlock()
	now := v.cfg.Now()
	if now.Sub(loaded) >= v.cfg.MaxKeyAge && now.Sub(lastAttempt) >= v.cfg.RefreshInterval {
		v.refreshQuietly(ctx, lastAttempt, "keys are old")
	}
	if key, ok := v.lookup(kid, alg); ok {
		return key, nil
	}
	if kid != "" {
		v.mu.RLock()
		lastAttempt = v.lastAttempt
		v.mu.RUnlock()
		if now.Sub(lastAttempt) >= v.cfg.RefreshInterval {
			v.refreshQuietly(ctx, lastAttempt, "unknown kid")
			if key, ok := v.lookup(kid, alg); ok {
				return key, nil
			}
		}
		return nil, fmt.Errorf("no %s key with kid %q", alg, kid)
	}
	return nil, fmt.Errorf("token has no kid and the JWKS has no %s key", alg)
}

// lookup finds the key for kid and alg; without a kid, the set of all keys of
// alg.
func (v *JWTVerifier) lookup(kid, alg string) (any, bool) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	var set jwt.VerificationKeySet
	for _, k := range v.keys {
		if k.alg != alg {
			continue
		}
		if kid != "" && k.kid == kid {
			return k.key, true
		}
		if kid == "" {
			set.Keys = append(set.Keys, k.key)
		}
	}
	return set, kid == "" && len(set.Keys) > 0
}

// refreshQuietly reads the JWKS again; a failure is logged and the keys
// already loaded stay in use.
func (v *JWTVerifier) refreshQuietly(ctx context.Context, seen time.Time, reason string) {
	if err := v.refresh(ctx, seen); err != nil {
		v.cfg.Logger.Warn().Err(err).Str("reason", reason).Msg("JWKS refresh failed; keeping the keys already loaded")
		return
	}
	v.cfg.Logger.Info().Str("reason", reason).Msg("JWKS refreshed")
}

// refresh reads the JWKS unless another refresh began after seen (the last
// attempt the caller knew of), in which case the caller uses its result.
// The read is detached from ctx's cancellation, as other requests may be
// waiting for it, and bounded by the fetch timeout.
func (v *JWTVerifier) refresh(ctx context.Context, seen time.Time) error {
	v.refreshMu.Lock()
	defer v.refreshMu.Unlock()
	v.mu.RLock()
	done := v.lastAttempt.After(seen)
	v.mu.RUnlock()
	if done {
		return nil
	}

	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), v.cfg.FetchTimeout)
	defer cancel()
	data, err := v.fetch(ctx)
	var keys []publicKey
	if err == nil {
		var warnings []string
		keys, warnings, err = parseJWKS(data)
		for _, w := range warnings {
			v.cfg.Logger.Warn().Str("jwks", v.cfg.JWKS).Msg(w)
		}
	}
	now := v.cfg.Now()
	v.mu.Lock()
	defer v.mu.Unlock()
	v.lastAttempt = now
	if err != nil {
		return fmt.Errorf("JWKS %s: %w", v.cfg.JWKS, err)
	}
	v.keys, v.loaded = keys, now
	return nil
}

// claimAt returns the claim called name, or, if there is none, the value at
// name read as a dotted path through nested objects.
func claimAt(claims jwt.MapClaims, name string) any {
	if v, ok := claims[name]; ok {
		return v
	}
	var cur any = map[string]any(claims)
	for part := range strings.SplitSeq(name, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
	}
	return cur
}

// highestRole returns the most privileged known role in v, a string or an
// array; unknown role names (including other spellings, such as "Admin")
// are ignored.
func highestRole(v any) (netgraph.Role, bool) {
	var names []string
	switch v := v.(type) {
	case string:
		names = []string{v}
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok {
				names = append(names, s)
			}
		}
	}
	var best netgraph.Role
	for _, name := range names {
		r := netgraph.Role(name)
		if r.Valid() && (best == "" || !best.Includes(r)) {
			best = r
		}
	}
	return best, best != ""
}

// printableSubject reports whether sub is valid UTF-8 without control
// characters, format characters (U+200B, U+202E, U+FEFF, …) or line and
// paragraph separators.
func printableSubject(sub string) bool {
	if !utf8.ValidString(sub) {
		return false
	}
	for _, r := range sub {
		if unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) {
			return false
		}
	}
	return true
}
