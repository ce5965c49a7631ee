// Package web serves netgraph's browser front end: the dashboard at "/" and
// GraphiQL at "/graphiql", built from the sources beside this file (npm run
// build, see README.md) into dist/, which is committed and embedded here, so
// that the binary needs nothing else and works offline.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
)

//go:embed all:dist
var dist embed.FS

// ContentSecurityPolicy lets the pages load only their own files and talk
// only to their own origin. GraphiQL's fonts are inlined in its stylesheet
// (data: URLs); the map's layout runs in a worker loaded from the origin.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"font-src 'self' data:; img-src 'self' data:; connect-src 'self'; worker-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Pages maps the paths the server routes here to their files in dist/.
var Pages = map[string]string{
	"/":         "index.html",
	"/graphiql": "graphiql.html",
}

// AssetPrefix is the path under which the pages load their scripts,
// stylesheets and worker (Vite's assets directory).
const AssetPrefix = "/assets/"

// contentTypes are fixed here rather than taken from the system's MIME
// table, which varies between machines.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".svg":   "image/svg+xml",
	".woff2": "font/woff2",
}

// asset is one embedded file, ready to serve.
type asset struct {
	body        []byte
	contentType string
	etag        string
}

// assets holds every file of dist/ by its path there ("index.html",
// "assets/graphiql-1a2b3c.js").
var assets = func() map[string]asset {
	m := make(map[string]asset)
	err := fs.WalkDir(dist, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		m[strings.TrimPrefix(p, "dist/")] = asset{
			body:        body,
			contentType: contentTypes[path.Ext(p)],
			etag:        `"` + hex.EncodeToString(sum[:8]) + `"`,
		}
		return nil
	})
	if err != nil {
		panic(err) // the embedded directory is always readable
	}
	return m
}()

// Handler serves the pages (Pages) and their assets (under AssetPrefix);
// anything else is 404. Pages are revalidated on every load, so that a new
// binary's front end shows at once; assets carry a hash of their content in
// their name and are cached for good.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, page := Pages[r.URL.Path]
		if !page {
			rest, ok := strings.CutPrefix(r.URL.Path, AssetPrefix)
			if !ok || rest == "" || strings.Contains(rest, "/") {
				http.NotFound(w, r)
				return
			}
			name = "assets/" + rest
		}
		a, ok := assets[name]
		if !ok || a.contentType == "" {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("ETag", a.etag)
		if page {
			h.Set("Cache-Control", "no-cache")
		} else {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
	})
}

// AssetPaths returns the paths of every asset Handler serves besides the
// pages ("/assets/graphiql-1a2b3c.js"), sorted.
func AssetPaths() []string {
	var paths []string
	for name := range assets {
		if rest, ok := strings.CutPrefix(name, "assets/"); ok {
			paths = append(paths, AssetPrefix+rest)
		}
	}
	slices.Sort(paths)
	return paths
}
