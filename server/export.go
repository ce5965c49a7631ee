package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/report"
)

// exportTypes are the media types of the export and report formats.
var exportTypes = map[string]string{
	"jsonl":    "application/x-ndjson",
	"gexf":     "application/gexf+xml",
	"graphml":  "application/graphml+xml",
	"json":     "application/json",
	"csv":      "text/csv; charset=utf-8",
	"table":    "text/plain; charset=utf-8",
	"markdown": "text/markdown; charset=utf-8",
}

// export serves GET /export?format=jsonl|gexf|graphml: the whole graph as
// `netgraph export` writes it (app.WriteExport), so that it can be taken
// while the service runs, and the dashboard can offer "open in Gephi". JSON
// lines hold everything, e-mail addresses and people who have not consented
// included, so they are for admins; GEXF and GraphML (names, metrics, roles,
// organisations) for analysts and up, like `netgraph report`.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "jsonl"
	}
	if !slices.Contains(app.ExportFormats, format) {
		graph.WriteError(w, http.StatusBadRequest, graph.CodeBadUserInput, fmt.Sprintf("format %q: want jsonl, gexf or graphml", format))
		return
	}
	need := netgraph.RoleAnalyst
	if format == "jsonl" {
		need = netgraph.RoleAdmin
	}
	if !s.mayRead(w, r, need) || !s.takeHeavy(w, r) {
		return
	}
	defer s.releaseHeavy()
	w.Header().Set("Content-Type", exportTypes[format])
	w.Header().Set("Content-Disposition", `attachment; filename="netgraph.`+format+`"`)
	w.Header().Set("Cache-Control", "no-store")
	var sum app.ExportSummary
	var err error
	if format == "jsonl" {
		// Streamed: a failure part way ends the connection, so the client
		// sees an error, not a file without its end line.
		sum, err = app.WriteExport(r.Context(), s.cfg.Store, w, format, time.Now(), s.cfg.Logger)
		if err != nil {
			s.cfg.Logger.Error().Err(err).Str("request_id", requestID(r.Context())).Msg("export failed part way")
			panic(http.ErrAbortHandler)
		}
	} else if sum, err = s.bufferedExport(w, r, format); err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	s.cfg.Logger.Info().Str("request_id", requestID(r.Context())).Str("format", format).Uint64("version", sum.Version).
		Int("records", sum.Counts.Total()).Msg("exported")
}

// bufferedExport computes a GEXF or GraphML export whole before answering,
// so that a failed analysis is answered with its error.
func (s *Server) bufferedExport(w http.ResponseWriter, r *http.Request, format string) (app.ExportSummary, error) {
	var buf bytes.Buffer
	sum, err := app.WriteExport(r.Context(), s.cfg.Store, &buf, format, time.Now(), s.cfg.Logger)
	if err != nil {
		return sum, err
	}
	_, _ = w.Write(buf.Bytes()) // the client gone: nothing to be done
	return sum, nil
}

// report serves GET /report: the report `netgraph report` prints, of the
// scope and with the options its flags name (network, organisation, format,
// top, seed, sample-above), computed by app.Report as the command computes
// it, for analysts and up.
func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o, format, msg := reportOptions(q)
	if msg != "" {
		graph.WriteError(w, http.StatusBadRequest, graph.CodeBadUserInput, msg)
		return
	}
	if !s.mayRead(w, r, netgraph.RoleAnalyst) || !s.takeHeavy(w, r) {
		return
	}
	defer s.releaseHeavy()
	o.Logger = s.cfg.Logger
	o.Timeout = s.cfg.Access.RequestTimeout
	o.Cached = s.cfg.Engine
	rep, err := app.Report(r.Context(), s.cfg.Store, o)
	if err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, format, rep); err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	ct := exportTypes[string(format)]
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

// reportOptions reads /report's parameters, with `netgraph report`'s
// defaults; msg says what is wrong with them.
func reportOptions(q url.Values) (o app.ReportOptions, f report.Format, msg string) {
	o = app.ReportOptions{
		Scope: engine.Scope{NetworkID: q.Get("network"), OrganisationID: q.Get("organisation")},
		Top:   report.DefaultTop, SampleAbove: engine.DefaultSampleAbove,
	}
	if o.Scope.Validate() != nil {
		return o, "", "give network or organisation, not both"
	}
	f = report.Markdown
	if v := q.Get("format"); v != "" {
		var err error
		if f, err = report.ParseFormat(v); err != nil {
			return o, "", "format: " + err.Error()
		}
	}
	for _, p := range []struct {
		name string
		min  int
		dst  *int
	}{{"top", 1, &o.Top}, {"sample-above", 0, &o.SampleAbove}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < p.min {
				return o, "", fmt.Sprintf("%s %q: want a whole number of at least %d", p.name, v, p.min)
			}
			*p.dst = n
		}
	}
	if v := q.Get("seed"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return o, "", fmt.Sprintf("seed %q: want a whole number", v)
		}
		o.Seed = n
	}
	return o, f, ""
}

// mayRead answers 403 and returns false unless the caller holds role need.
func (s *Server) mayRead(w http.ResponseWriter, r *http.Request, need netgraph.Role) bool {
	c, _ := netgraph.CallerFrom(r.Context())
	if c.Role.Includes(need) {
		return true
	}
	graph.WriteError(w, http.StatusForbidden, graph.CodeForbidden, fmt.Sprintf("%s needs the %s role", r.URL.Path, need))
	return false
}

// takeHeavy waits for the one slot for whole-graph work (exports and
// reports, each a full analysis or read of the store) until the request's
// deadline, so that a burst of them cannot take every core; it answers 503
// and returns false if the slot stays taken.
func (s *Server) takeHeavy(w http.ResponseWriter, r *http.Request) bool {
	select {
	case s.heavy <- struct{}{}:
		return true
	case <-r.Context().Done():
		w.Header().Set("Retry-After", "10")
		graph.WriteError(w, http.StatusServiceUnavailable, graph.CodeUnavailable, "another export or report is running: retry later")
		return false
	}
}

func (s *Server) releaseHeavy() { <-s.heavy }

// writeDomainError answers a failed export or report: ENOTFOUND as 404,
// EINVALID as 400, a deadline as 503, anything else as 500 with the request
// id, logged.
func (s *Server) writeDomainError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case netgraph.ErrorCode(err) == netgraph.ENOTFOUND:
		graph.WriteError(w, http.StatusNotFound, graph.CodeNotFound, err.Error())
	case netgraph.ErrorCode(err) == netgraph.EINVALID:
		graph.WriteError(w, http.StatusBadRequest, graph.CodeBadUserInput, err.Error())
	case r.Context().Err() != nil && errorsIsContext(err):
		graph.WriteError(w, http.StatusServiceUnavailable, graph.CodeTimeout, "not finished within the request timeout (--request-timeout); run it against the store with the service stopped, or raise the timeout")
	default:
		id := requestID(r.Context())
		s.cfg.Logger.Error().Err(err).Str("request_id", id).Str("path", r.URL.Path).Msg("export or report failed")
		graph.WriteError(w, http.StatusInternalServerError, graph.CodeInternal, "internal error (request "+id+")")
	}
}

func errorsIsContext(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}
