// Package auth says who is calling netgraph over HTTP. A request carries a
// bearer token (RFC 6750) in its Authorization header: either one of the API
// keys in the keys file, or a JWT signed by a trusted issuer (RS256 or ES256,
// keys from its JWKS, RFC 7517/7519). The result is a netgraph.Caller with a
// Subject fit for audit records and a Role.
//
// Tokens are never logged or put in error messages: keys are known by a
// label, JWTs by their subject.
package auth

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/netgraph/netgraph"
)

// Authentication failures. Every error from Authenticate wraps one of them;
// the rest of its message is detail for the log, never the token.
var (
	// ErrNoCredentials means the request has no bearer token.
	ErrNoCredentials = errors.New("no credentials")
	// ErrInvalidCredentials means the bearer token is not a known API key
	// nor a valid JWT.
	ErrInvalidCredentials = errors.New("invalid credentials")
)

// Authenticator checks bearer tokens against API keys and, if configured,
// JWTs. An API key is tried first; a token that is not one is tried as a JWT.
type Authenticator struct {
	keys *Keys
	jwt  *JWTVerifier
}

// New returns an Authenticator for the given keys and JWT verifier; either
// may be nil, not both.
func New(keys *Keys, jwt *JWTVerifier) (*Authenticator, error) {
	if keys.Len() == 0 && jwt == nil {
		return nil, errors.New("auth: neither API keys nor JWT verification configured")
	}
	return &Authenticator{keys: keys, jwt: jwt}, nil
}

// Authenticate returns the caller whose credentials r carries, without its
// RequestID. The error wraps ErrNoCredentials or ErrInvalidCredentials.
func (a *Authenticator) Authenticate(r *http.Request) (netgraph.Caller, error) {
	token, err := bearerToken(r.Header)
	if err != nil {
		return netgraph.Caller{}, err
	}
	if k, ok := a.keys.Lookup(token); ok {
		return netgraph.Caller{Subject: k.Subject, Role: k.Role}, nil
	}
	if a.jwt == nil {
		return netgraph.Caller{}, fmt.Errorf("%w: not a known API key", ErrInvalidCredentials)
	}
	if strings.Count(token, ".") != 2 {
		return netgraph.Caller{}, fmt.Errorf("%w: neither a known API key nor a JWT", ErrInvalidCredentials)
	}
	c, err := a.jwt.Verify(r.Context(), token)
	if err != nil {
		return netgraph.Caller{}, fmt.Errorf("%w: JWT: %w", ErrInvalidCredentials, err)
	}
	return c, nil
}

// bearerToken returns the token of an "Authorization: Bearer TOKEN" header.
func bearerToken(h http.Header) (string, error) {
	values := h.Values("Authorization")
	switch len(values) {
	case 0:
		return "", ErrNoCredentials
	case 1:
	default:
		return "", fmt.Errorf("%w: more than one Authorization header", ErrInvalidCredentials)
	}
	scheme, token, ok := strings.Cut(strings.TrimSpace(values[0]), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", fmt.Errorf("%w: Authorization header is not \"Bearer TOKEN\"", ErrInvalidCredentials)
	}
	return strings.TrimSpace(token), nil
}
