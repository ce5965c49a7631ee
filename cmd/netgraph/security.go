package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph/auth"
	"github.com/netgraph/netgraph/server"
)

// apiKeysFileEnv names the API key file in the environment (see
// envNameOverrides). refusedAPIKeysEnv is the name the usual rule would give:
// a variable of that name looks like a place for the keys themselves, and a
// key put there would end up in an error message as a file name, so serve
// refuses to start when it is set.
const (
	apiKeysFileEnv    = "NETGRAPH_API_KEYS_FILE"
	refusedAPIKeysEnv = "NETGRAPH_API_KEYS"
)

// securityFlags are serve's access settings: who may call /graphql (API
// keys, JWTs, or, on loopback, anyone) and how much.
type securityFlags struct {
	APIKeysFile    string
	InsecureOpen   bool
	JWKS           string
	JWTIssuer      string
	JWTAudience    string
	JWTRoleClaim   string
	RateLimit      float64
	RateBurst      int
	RequestTimeout time.Duration
	// CORSOrigins is the comma-separated list of web origins whose pages
	// may call the API from a browser.
	CORSOrigins string
	// The HTTP server's connection limits.
	MaxConnections    int
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	IdleTimeout       time.Duration
}

// register defines the access flags on fs. Call access after parseFlags.
func (c *securityFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.APIKeysFile, "api-keys", "", "file of API keys, one \"ROLE TOKEN [NAME]\" a line; without keys or JWT the server is open: everyone is admin ("+refusedAPIKeysEnv+" is refused)")
	fs.BoolVar(&c.InsecureOpen, "insecure-open", false, "allow serving without API keys or JWT on an address other machines can reach")
	fs.StringVar(&c.JWKS, "jwt-jwks", "", "accept bearer JWTs (RS256, ES256) signed by the keys in this JWKS: a file path or an https URL")
	fs.StringVar(&c.JWTIssuer, "jwt-issuer", "", "required iss claim of JWTs")
	fs.StringVar(&c.JWTAudience, "jwt-audience", "", "required aud claim of JWTs")
	fs.StringVar(&c.JWTRoleClaim, "jwt-role-claim", auth.DefaultRoleClaim, "JWT claim holding the role (a string or a list; the highest of viewer, analyst, facilitator, admin counts); a dotted path reaches into objects")
	fs.Float64Var(&c.RateLimit, "rate-limit", 20, "requests a second each caller may make to /graphql on average; 0 for no limit")
	fs.IntVar(&c.RateBurst, "rate-burst", 40, "requests a caller may make at once above the average")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", 30*time.Second, "deadline of every request")
	fs.StringVar(&c.CORSOrigins, "cors-origins", "", "web `origins` (scheme://host[:port], comma-separated) whose pages may call the API from a browser; none by default, \"*\" is refused")
	c.MaxConnections = server.DefaultMaxConnections
	c.ReadHeaderTimeout, c.ReadTimeout, c.IdleTimeout = server.DefaultReadHeaderTimeout, server.DefaultReadTimeout, server.DefaultIdleTimeout
	fs.Var((*positiveInt)(&c.MaxConnections), "max-connections", "the most `connections` the server holds at once; over it an idle one is closed, or the new one answered 503")
	fs.Var((*positiveDuration)(&c.ReadHeaderTimeout), "read-header-timeout", "how long a client may take to send a request's headers")
	fs.Var((*positiveDuration)(&c.ReadTimeout), "read-timeout", "how long a client may take to send a whole request")
	fs.Var((*positiveDuration)(&c.IdleTimeout), "idle-timeout", "how long a kept-alive connection may wait for its next request")
}

// access builds the server's access settings: it loads the API keys, reads
// the JWKS, and refuses an open server on an address other machines can
// reach. Mistakes in the flags are usage errors; a key file or JWKS that
// cannot be read is not.
func (c *securityFlags) access(ctx context.Context, getenv func(string) string, addr string, logger zerolog.Logger) (server.Access, error) {
	if _, ok := lookupEnv(getenv, refusedAPIKeysEnv); ok {
		// Never echo the value: it may well be a key.
		return server.Access{}, usageError{fmt.Errorf("%s is not read: put the keys in a file and set %s (or --api-keys) to its path", refusedAPIKeysEnv, apiKeysFileEnv)}
	}
	a := server.Access{
		InsecureOpen:   c.InsecureOpen,
		RateLimit:      c.RateLimit,
		RateBurst:      c.RateBurst,
		RequestTimeout: c.RequestTimeout,
	}
	switch {
	case c.RateLimit < 0:
		return a, usageError{fmt.Errorf("--rate-limit %v: want requests per second, or 0 for no limit", c.RateLimit)}
	case c.RateLimit > 0 && c.RateBurst < 1:
		return a, usageError{fmt.Errorf("--rate-burst %d: want at least 1", c.RateBurst)}
	case c.RequestTimeout <= 0:
		return a, usageError{fmt.Errorf("--request-timeout %v: want a positive duration", c.RequestTimeout)}
	}
	origins, err := server.ParseCORSOrigins(c.CORSOrigins)
	if err != nil {
		return a, usageError{fmt.Errorf("--cors-origins: %w", err)}
	}
	a.CORSOrigins = origins
	switch {
	case c.JWKS == "" && (c.JWTIssuer != "" || c.JWTAudience != ""):
		return a, usageError{errors.New("--jwt-issuer and --jwt-audience need --jwt-jwks")}
	case c.JWKS != "" && (c.JWTIssuer == "" || c.JWTAudience == ""):
		return a, usageError{errors.New("--jwt-jwks needs --jwt-issuer and --jwt-audience: a token from another issuer or for another service must not be accepted")}
	}

	var keys *auth.Keys
	if c.APIKeysFile != "" {
		var err error
		if keys, err = auth.LoadKeys(c.APIKeysFile); err != nil {
			return a, err
		}
		if w := auth.FilePermissionWarning(c.APIKeysFile); w != "" {
			logger.Warn().Msg(w)
		}
	}
	var verifier *auth.JWTVerifier
	if c.JWKS != "" {
		var err error
		verifier, err = auth.NewJWTVerifier(ctx, auth.JWTConfig{
			JWKS:      c.JWKS,
			Issuer:    c.JWTIssuer,
			Audience:  c.JWTAudience,
			RoleClaim: c.JWTRoleClaim,
			Logger:    logger,
		})
		if err != nil {
			return a, err
		}
	}
	if keys != nil || verifier != nil {
		authn, err := auth.New(keys, verifier)
		if err != nil {
			return a, err
		}
		a.Authenticator = authn
		logger.Info().Int("api_keys", keys.Len()).Str("jwt_issuer", c.JWTIssuer).Str("jwt_audience", c.JWTAudience).
			Float64("rate_limit", c.RateLimit).Int("rate_burst", c.RateBurst).Dur("request_timeout", c.RequestTimeout).
			Msg("authentication required")
	}

	if len(origins) > 0 {
		e := logger.Info()
		if a.Authenticator == nil {
			e = logger.Warn().Bool("open_access", true)
		}
		e.Strs("cors_origins", origins).Msg("pages of these origins may call the API from a browser")
	}

	if err := server.CheckExposure(addr, a); errors.Is(err, server.ErrExposed) {
		return a, usageError{fmt.Errorf("refusing to serve without authentication on %s, which other machines can reach: "+
			"give --api-keys FILE (or --jwt-jwks), listen on a loopback address (--addr 127.0.0.1:PORT), or pass --insecure-open", addr)}
	} else if err != nil {
		return a, usageError{err}
	}
	return a, nil
}
