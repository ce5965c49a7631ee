package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/rs/cors"
)

// corsMaxAge is how long, in seconds, a browser may reuse a preflight's
// answer: ten minutes spares a dashboard one OPTIONS request per query
// without keeping a removed origin allowed for long.
const corsMaxAge = 600

// ParseCORSOrigins reads a comma-separated allow-list of web origins
// ("https://dash.example.org,http://localhost:5173") into their canonical
// form (lower case, no trailing slash). Each must be a bare http or https
// origin: scheme, host and optional port, nothing more. "*" and wildcards are
// refused: a listed origin's scripts may call the API with whatever key its
// user holds, and on an open server they act as admin, so every origin is
// named on purpose. An empty list allows no cross-origin access.
func ParseCORSOrigins(list string) ([]string, error) {
	var origins []string
	for _, o := range strings.Split(list, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		canon, err := canonicalOrigin(o)
		if err != nil {
			return nil, fmt.Errorf("CORS origin %q: %w", o, err)
		}
		origins = append(origins, canon)
	}
	return origins, nil
}

// canonicalOrigin checks that o is a bare origin and returns it in lower
// case without a trailing slash, as browsers send it in the Origin header.
func canonicalOrigin(o string) (string, error) {
	if strings.Contains(o, "*") {
		return "", errors.New("wildcards are not accepted: name each origin (scheme://host[:port]) that may call the API")
	}
	u, err := url.Parse(strings.TrimSuffix(o, "/"))
	switch {
	case err != nil:
		return "", errors.New("not a URL: want scheme://host[:port]")
	case u.Scheme != "http" && u.Scheme != "https":
		return "", errors.New("want an http or https origin, scheme://host[:port]")
	case u.Host == "" || u.Hostname() == "":
		return "", errors.New("no host: want scheme://host[:port]")
	case u.User != nil || u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return "", errors.New("an origin is scheme://host[:port] only, without user, path, query or fragment")
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}

// withCORS lets the browser pages of the listed origins call the API: it
// answers their preflight requests (OPTIONS with Access-Control-Request-*)
// itself, before authentication, since browsers send preflights without
// credentials, and adds Access-Control-Allow-Origin to their other requests.
// Requests from other origins get no CORS headers, so browsers keep their
// pages from reading the answers. Without origins it changes nothing.
//
// Credentials mode stays off (no Access-Control-Allow-Credentials): callers
// authenticate with Authorization: Bearer, which a page sends explicitly,
// not with cookies a browser would attach to a forged request.
func withCORS(origins []string, h http.Handler) http.Handler {
	if len(origins) == 0 {
		return h // rs/cors reads an empty list as "every origin"
	}
	return cors.New(cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		// What a GraphQL client sends: JSON, its key or token, and an id to
		// find its request in the log.
		AllowedHeaders: []string{"Content-Type", "Authorization", RequestIDHeader},
		// What a dashboard may want to read of an answer.
		ExposedHeaders: []string{RequestIDHeader, OpenAccessHeader, "Retry-After", "WWW-Authenticate", "Content-Disposition"},
		MaxAge:         corsMaxAge,
	}).Handler(h)
}
