package server

import (
	"net"
	"net/http"
)

// serveMetricsLocally serves /metrics on the main listener to clients on
// this machine only: a Prometheus beside the service, or an operator's
// curl. The metrics hold no personal data, but operation names are the
// clients' own choice and timings say what people are doing, so they are
// not for whoever can reach the API. A request that came through a proxy
// (Forwarded or X-Forwarded-For) is refused too, since a reverse proxy on
// the same machine makes every outside client look local. To scrape from
// elsewhere, serve /metrics on an address of its own (Config.MetricsAddr).
func serveMetricsLocally(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		ip := net.ParseIP(host)
		proxied := r.Header.Get("Forwarded") != "" || r.Header.Get("X-Forwarded-For") != ""
		if err != nil || ip == nil || !ip.IsLoopback() || proxied {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte("/metrics is served here to clients on this machine only; serve it on an address of its own with --metrics-addr\n"))
			return
		}
		h.ServeHTTP(w, r)
	})
}
