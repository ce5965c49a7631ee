package auth

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
)

// maxJWKSBytes is the largest JWKS document read.
const maxJWKSBytes = 1 << 20

// minRSABits is the smallest RSA modulus accepted.
const minRSABits = 2048

// publicKey is one verification key from a JWKS.
type publicKey struct {
	kid string
	alg string // RS256 or ES256
	key crypto.PublicKey
}

// jwk is a JSON Web Key (RFC 7517) as far as netgraph reads it.
type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Use string `json:"use"`
	Alg string `json:"alg"`
	// RSA (RFC 7518 §6.3.1)
	N string `json:"n"`
	E string `json:"e"`
	// EC (RFC 7518 §6.2.1)
	Crv string `json:"crv"`
	X   string `json:"x"`
	Y   string `json:"y"`
}

// parseJWKS reads a JWK Set and returns its RS256 and ES256 signing keys.
// Keys of other kinds (encryption keys, other curves, other algorithms) are
// skipped; so are RSA keys too weak to trust (fewer than minRSABits), each
// with a warning, so that one stale key of an identity provider does not
// stop the server while the others are sound. A set with no usable key, or
// a usable-looking key that is broken, is an error.
func parseJWKS(data []byte) (keys []publicKey, warnings []string, err error) {
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, nil, fmt.Errorf("JWKS is not a JSON key set: %w", err)
	}
	kids := map[string]bool{}
	for i, k := range set.Keys {
		if k.Use != "" && k.Use != "sig" {
			continue
		}
		var pk publicKey
		var err error
		switch {
		case k.Kty == "RSA" && (k.Alg == "" || k.Alg == "RS256"):
			pk, err = parseRSAJWK(k)
		case k.Kty == "EC" && k.Crv == "P-256" && (k.Alg == "" || k.Alg == "ES256"):
			pk, err = parseECJWK(k)
		default:
			continue // not a key netgraph verifies with
		}
		var weak weakKeyError
		if errors.As(err, &weak) {
			warnings = append(warnings, fmt.Sprintf("JWKS key %d (kid %q) skipped: %v", i, k.Kid, err))
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("JWKS key %d (kid %q): %w", i, k.Kid, err)
		}
		if kids[k.Kid] && k.Kid != "" {
			return nil, nil, fmt.Errorf("JWKS has two keys with kid %q", k.Kid)
		}
		kids[k.Kid] = true
		keys = append(keys, pk)
	}
	if len(keys) == 0 {
		msg := "JWKS has no RS256 or ES256 signing key"
		if len(warnings) > 0 {
			msg += " (" + strings.Join(warnings, "; ") + ")"
		}
		return nil, warnings, errors.New(msg)
	}
	return keys, warnings, nil
}

// weakKeyError is a well-formed key too weak to trust.
type weakKeyError struct{ bits int }

func (e weakKeyError) Error() string {
	return fmt.Sprintf("RSA key has %d bits; want at least %d", e.bits, minRSABits)
}

func parseRSAJWK(k jwk) (publicKey, error) {
	n, err := base64.RawURLEncoding.DecodeString(k.N)
	if err != nil || len(n) == 0 {
		return publicKey{}, errors.New("RSA modulus n is not base64url")
	}
	e, err := base64.RawURLEncoding.DecodeString(k.E)
	if err != nil || len(e) == 0 || len(e) > 4 {
		return publicKey{}, errors.New("RSA exponent e is not a base64url integer of at most 4 bytes")
	}
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	if pub.N.BitLen() < minRSABits {
		return publicKey{}, weakKeyError{pub.N.BitLen()}
	}
	if pub.E < 3 || pub.E%2 == 0 {
		return publicKey{}, errors.New("RSA exponent e is not an odd number above 2")
	}
	return publicKey{kid: k.Kid, alg: "RS256", key: pub}, nil
}

func parseECJWK(k jwk) (publicKey, error) {
	x, errX := base64.RawURLEncoding.DecodeString(k.X)
	y, errY := base64.RawURLEncoding.DecodeString(k.Y)
	if errX != nil || errY != nil || len(x) != 32 || len(y) != 32 {
		return publicKey{}, errors.New("P-256 coordinates x and y must be 32 bytes each, base64url")
	}
	point := append(append([]byte{4}, x...), y...) // uncompressed SEC 1 encoding
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), point)
	if err != nil {
		return publicKey{}, fmt.Errorf("P-256 key: %w", err)
	}
	return publicKey{kid: k.Kid, alg: "ES256", key: pub}, nil
}

// jwksSource returns a function that reads the JWKS at loc: an https URL
// (http only for a loopback host, for a local identity provider) fetched with
// client, or else a file path.
func jwksSource(loc string, client *http.Client) (func(context.Context) ([]byte, error), error) {
	if !strings.Contains(loc, "://") {
		return func(context.Context) ([]byte, error) { return readFileLimited(loc) }, nil
	}
	u, err := url.Parse(loc)
	if err != nil {
		return nil, fmt.Errorf("JWKS URL: %w", err)
	}
	if err := checkJWKSURL(u); err != nil {
		return nil, err
	}
	// Follow a redirect only to where the URL itself could have pointed, so
	// a redirect cannot downgrade to plain http or reach into other hosts'
	// plain-http services.
	c := *client
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("JWKS URL: too many redirects")
		}
		return checkJWKSURL(req.URL)
	}
	return func(ctx context.Context) ([]byte, error) { return fetchJWKS(ctx, &c, u.String()) }, nil
}

// checkJWKSURL accepts https URLs, and http only on a loopback host (for a
// local identity provider).
func checkJWKSURL(u *url.URL) error {
	switch {
	case u.Scheme == "https" && u.Host != "":
	case u.Scheme == "http" && IsLoopbackHost(u.Hostname()):
	default:
		return fmt.Errorf("JWKS URL %s: want https (http only on a loopback host)", u.Redacted())
	}
	return nil
}

func readFileLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("JWKS file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxJWKSBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read JWKS file %s: %w", path, err)
	}
	if len(data) > maxJWKSBytes {
		return nil, fmt.Errorf("JWKS file %s is larger than %d bytes", path, maxJWKSBytes)
	}
	return data, nil
}

func fetchJWKS(ctx context.Context, client *http.Client, loc string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, loc, nil)
	if err != nil {
		return nil, fmt.Errorf("JWKS request: %w", err)
	}
	req.Header.Set("Accept", "application/jwk-set+json, application/json")
	res, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch JWKS: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch JWKS %s: HTTP %d", req.URL.Redacted(), res.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, maxJWKSBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch JWKS %s: %w", req.URL.Redacted(), err)
	}
	if len(data) > maxJWKSBytes {
		return nil, fmt.Errorf("JWKS at %s is larger than %d bytes", req.URL.Redacted(), maxJWKSBytes)
	}
	return data, nil
}

// IsLoopbackHost reports whether host (a name or IP, without port) is this
// machine: "localhost" or a loopback IP. It is netgraph's one loopback
// check: the server's open-access rules use it too.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
