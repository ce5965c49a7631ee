// Package ide serves netgraph's in-browser GraphQL IDE: a query editor,
// variables, results, an operation picker, a schema explorer built from
// introspection, example queries and a local history. It is one HTML, one
// script and one stylesheet, embedded in the binary, and loads nothing from
// elsewhere, so it works offline.
package ide

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed index.html app.js style.css
var files embed.FS

// ContentSecurityPolicy lets the IDE load only its own files and talk only to
// its own origin.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
	"img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// contentTypes are fixed here rather than taken from the system's MIME
// table, which varies between machines.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
}

// asset is one embedded file, ready to serve.
type asset struct {
	body        []byte
	contentType string
	etag        string
}

// assets are the IDE's files by name; "index.html" is also served for "/".
var assets = func() map[string]asset {
	m := make(map[string]asset)
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		panic(err) // the embedded directory is always readable
	}
	for _, e := range entries {
		body, err := files.ReadFile(e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(body)
		m[e.Name()] = asset{
			body:        body,
			contentType: contentTypes[path.Ext(e.Name())],
			etag:        `"` + hex.EncodeToString(sum[:8]) + `"`,
		}
	}
	return m
}()

// Handler serves the IDE: index.html at "/" and the other files by name
// ("/app.js"). Mount it at the site root for "/" and under a prefix with
// http.StripPrefix for the rest, as index.html loads "ide/app.js".
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" {
			name = "index.html"
		}
		a, ok := assets[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("ETag", a.etag)
		h.Set("Cache-Control", "no-cache") // revalidate, so a new binary's IDE shows at once
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
	})
}
