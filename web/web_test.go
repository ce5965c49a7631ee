package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/web"
)

func get(t *testing.T, path string, header http.Header) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	web.Handler().ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

// TestPages checks each page and the assets it refers to: served with their
// content types and the Content-Security-Policy, revalidated by ETag, and
// loading nothing from another origin.
func TestPages(t *testing.T) {
	absolute := regexp.MustCompile(`(?i)(?:src|href)="(?:https?:)?//`)
	refs := regexp.MustCompile(`(?:src|href)="([^"]+)"`)
	types := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
	for path := range web.Pages {
		t.Run(path, func(t *testing.T) {
			res, page := get(t, path, nil)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
				t.Fatalf("GET %s = %d %q", path, res.StatusCode, res.Header.Get("Content-Type"))
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "connect-src 'self'") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
			if m := absolute.FindString(page); m != "" {
				t.Errorf("%s refers to another origin: %q", path, m)
			}
			var scripts int
			for _, ref := range refs.FindAllStringSubmatch(page, -1) {
				if _, page := web.Pages[ref[1]]; ref[1] == "data:," || page {
					continue
				}
				if !strings.HasPrefix(ref[1], web.AssetPrefix) {
					t.Errorf("%s refers to %q, outside %s", path, ref[1], web.AssetPrefix)
					continue
				}
				ext := ref[1][strings.LastIndex(ref[1], "."):]
				if ext == ".js" {
					scripts++
				}
				res, body := get(t, ref[1], nil)
				if res.StatusCode != 200 || res.Header.Get("Content-Type") != types[ext] || len(body) < 100 {
					t.Errorf("GET %s = %d %q (%d bytes), want 200 %q", ref[1], res.StatusCode, res.Header.Get("Content-Type"), len(body), types[ext])
				}
				again, _ := get(t, ref[1], http.Header{"If-None-Match": {res.Header.Get("ETag")}})
				if again.StatusCode != http.StatusNotModified {
					t.Errorf("GET %s with its ETag = %d, want 304", ref[1], again.StatusCode)
				}
			}
			if scripts == 0 {
				t.Errorf("%s loads no script", path)
			}
			if res.Header.Get("Cache-Control") != "no-cache" {
				t.Errorf("%s Cache-Control = %q, want no-cache so that a new binary's page shows at once", path, res.Header.Get("Cache-Control"))
			}
		})
	}
}

// TestNotFound checks that only the pages and the built assets are served.
func TestNotFound(t *testing.T) {
	for _, path := range []string{"/assets/", "/assets/nope.js", "/assets/../web.go", "/web.go", "/dist/graphiql.html",
		"/graphiql.html", "/src/graphiql/main.js", "/package.json", "/nope", "/assets/a/b.js"} {
		if res, _ := get(t, path, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
	}
}

// TestAssetPaths checks that every listed asset is served.
func TestAssetPaths(t *testing.T) {
	paths := web.AssetPaths()
	if len(paths) == 0 {
		t.Fatal("no assets embedded: was dist/ built?")
	}
	for _, p := range paths {
		if res, _ := get(t, p, nil); res.StatusCode != 200 {
			t.Errorf("GET %s = %d", p, res.StatusCode)
		}
	}
}
