package server

import (
	"context"
	"errors"
	"fmt"
	"math"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/auth"
	"github.com/netgraph/netgraph/graph"
)

// Defaults of Access.
const (
	DefaultRequestTimeout = 30 * time.Second
)

// OpenAccessHeader is set to "open" on /graphql responses of a server
// without authentication, so that clients (the IDE) can warn about it.
const OpenAccessHeader = "X-Netgraph-Access"

// anonymous is the subject of every caller of an open server.
const anonymous = "anonymous"

// Authenticator says who made a request. Its errors are logged, never shown
// to the client; they must not contain credentials. auth.Authenticator is
// the real one.
type Authenticator interface {
	Authenticate(r *http.Request) (netgraph.Caller, error)
}

// Access is who may use /graphql and how much. The zero value is an open
// server (everyone an anonymous admin), bound to loopback, without rate limit,
// with the default request timeout.
type Access struct {
	// Authenticator identifies the caller of every /graphql request; a
	// request it refuses gets 401. Nil makes the server open: every request
	// acts as an anonymous admin.
	Authenticator Authenticator
	// InsecureOpen lets an open server listen on an address other machines
	// can reach (see CheckExposure).
	InsecureOpen bool
	// RateLimit is how many /graphql requests a second each caller may make
	// on average; 0 means no limit.
	RateLimit float64
	// RateBurst is how many requests a caller may make at once, beyond the
	// average; at least 1 when RateLimit is set.
	RateBurst int
	// RequestTimeout is the deadline of every request's context; 0 means
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
	// CORSOrigins are the web origins (scheme://host[:port], as
	// ParseCORSOrigins returns them) whose pages may call the API from a
	// browser; none means no cross-origin access.
	CORSOrigins []string
}

// Validate checks the limits.
func (a Access) Validate() error {
	switch {
	case a.RateLimit < 0 || math.IsNaN(a.RateLimit) || math.IsInf(a.RateLimit, 0):
		return fmt.Errorf("rate limit %v: want a number of requests per second, or 0 for none", a.RateLimit)
	case a.RateLimit > 0 && a.RateBurst < 1:
		return fmt.Errorf("rate burst %d: want at least 1", a.RateBurst)
	case a.RequestTimeout < 0:
		return fmt.Errorf("request timeout %v: want a positive duration", a.RequestTimeout)
	}
	for _, o := range a.CORSOrigins {
		if canon, err := canonicalOrigin(o); err != nil || canon != o {
			return fmt.Errorf("CORS origin %q: want a bare origin such as https://dash.example.org (see ParseCORSOrigins)", o)
		}
	}
	return nil
}

// ErrExposed is returned by CheckExposure.
var ErrExposed = errors.New("refusing to serve without authentication on an address other machines can reach")

// CheckExposure refuses an open server (no Authenticator) listening on addr
// unless addr is a loopback address or InsecureOpen is set: anyone on the
// network would be an administrator of personal data. "localhost" counts as
// loopback; an empty host (all interfaces) or any other name does not.
func CheckExposure(addr string, a Access) error {
	if a.Authenticator != nil || a.InsecureOpen {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen address %q: %w", addr, err)
	}
	if auth.IsLoopbackHost(host) {
		return nil
	}
	return fmt.Errorf("%w (%s): configure API keys or JWT verification, listen on a loopback address such as 127.0.0.1, or allow open access explicitly", ErrExposed, addr)
}

// isLoopbackHostHeader reports whether a request's Host header ("host" or
// "host:port") names a loopback host. An open server listens on loopback
// only, so any other name is a web page's that an attacker has pointed at
// 127.0.0.1 (DNS rebinding), whose scripts the browser would otherwise let
// read and change everything here.
func isLoopbackHostHeader(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]") // no port
	}
	return host != "" && auth.IsLoopbackHost(host)
}

// withTimeout gives every request a context deadline, so that store reads
// and analyses stop when a request has taken too long.
func withTimeout(d time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// withCaller records who is calling in the request context. With an
// Authenticator, a request it refuses gets 401 and goes no further; without
// one, everyone is an anonymous admin and responses say access is open.
func (s *Server) withCaller(h http.Handler) http.Handler {
	authn := s.cfg.Access.Authenticator
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := requestInfoFrom(r.Context())
		var c netgraph.Caller
		if authn == nil {
			w.Header().Set(OpenAccessHeader, "open")
			if !s.cfg.Access.InsecureOpen && !isLoopbackHostHeader(r.Host) {
				info.authError = "open access: request not addressed to a loopback host"
				graph.WriteError(w, http.StatusForbidden, graph.CodeForbidden,
					"an open server answers only requests addressed to a loopback host (127.0.0.1, [::1], localhost)")
				return
			}
			c = netgraph.Caller{Subject: anonymous, Role: netgraph.RoleAdmin}
		} else {
			var err error
			c, err = authn.Authenticate(r)
			if err != nil {
				info.authError = err.Error()
				if !errors.Is(err, auth.ErrNoCredentials) && !s.allowFailedLogin(w, r) {
					return
				}
				challenge, msg := `Bearer realm="netgraph"`, "authentication required: send Authorization: Bearer <API key or token>"
				if !errors.Is(err, auth.ErrNoCredentials) {
					challenge, msg = `Bearer realm="netgraph", error="invalid_token"`, "invalid credentials"
				}
				w.Header().Set("WWW-Authenticate", challenge)
				graph.WriteError(w, http.StatusUnauthorized, graph.CodeUnauthenticated, msg)
				return
			}
		}
		c.RequestID = requestID(r.Context())
		info.subject = c.Subject
		h.ServeHTTP(w, r.WithContext(netgraph.WithCaller(r.Context(), c)))
	})
}

// allowFailedLogin counts a request with wrong credentials against its
// client address, so guessing keys is as rate-limited as using one; past the
// limit it answers 429 and returns false.
func (s *Server) allowFailedLogin(w http.ResponseWriter, r *http.Request) bool {
	if s.limiter == nil {
		return true
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	return s.allow(w, "failed-login@"+host)
}

// allow takes one request from key's bucket, or answers 429 with Retry-After
// and returns false.
func (s *Server) allow(w http.ResponseWriter, key string) bool {
	ok, wait := s.limiter.allow(key)
	if !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		graph.WriteError(w, http.StatusTooManyRequests, graph.CodeRateLimited, "too many requests: slow down and retry after the time in Retry-After")
	}
	return ok
}

// withRateLimit refuses a caller's request with 429 when the caller has used
// up its burst; Retry-After says when to try again. Anonymous callers of an
// open server are told apart by their IP address.
func (s *Server) withRateLimit(h http.Handler) http.Handler {
	if s.limiter == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := netgraph.CallerFrom(r.Context())
		key := c.Subject
		if key == anonymous {
			host, _, _ := net.SplitHostPort(r.RemoteAddr)
			key = anonymous + "@" + host
		}
		if s.allow(w, key) {
			h.ServeHTTP(w, r)
		}
	})
}

// requireJSONPost refuses a POST whose body is not declared as JSON in UTF-8
// with 415. GraphQL over HTTP asks for application/json; refusing the form
// and text types that an HTML form or a simple cross-site fetch may send
// without a CORS preflight keeps other web pages from making a browser change
// data here (CSRF).
func requireJSONPost(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && !isJSONUTF8(r.Header.Get("Content-Type")) {
			w.Header().Set("Accept-Post", "application/json")
			graph.WriteError(w, http.StatusUnsupportedMediaType, graph.CodeUnsupportedMediaType,
				"POST a GraphQL request as Content-Type: application/json")
			return
		}
		h.ServeHTTP(w, r)
	})
}

func isJSONUTF8(contentType string) bool {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "application/json" {
		return false
	}
	cs, ok := params["charset"]
	return !ok || strings.EqualFold(cs, "utf-8")
}
