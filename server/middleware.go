package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"runtime/debug"
	"slices"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph/graph"
)

// RequestIDHeader carries a request's id in and out.
const RequestIDHeader = "X-Request-Id"

type requestIDKey struct{}

// requestID returns the id withRequestID gave the request.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// withRequestID takes the request id from the X-Request-Id header, or makes
// one if it is missing or unfit for logs, and echoes it in the response.
func withRequestID(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !validRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set(RequestIDHeader, id)
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// validRequestID accepts up to 128 letters, digits and -_.:/ so that a
// client's id cannot forge log lines.
func validRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, c := range []byte(id) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '-', c == '_', c == '.', c == ':', c == '/':
		default:
			return false
		}
	}
	return true
}

// newRequestID returns 16 random hex digits.
func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// withRecovery turns a panic in a handler into a 500 and an error log line
// with the stack, so one bad request cannot take the server down. The
// response says nothing of the panic, only the request id to report, in a
// GraphQL-shaped error like every internal error.
func (s *Server) withRecovery(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // the handler gave up on purpose; net/http handles it quietly
			}
			s.cfg.Logger.Error().Str("request_id", requestID(r.Context())).
				Str("panic", fmt.Sprint(v)).Bytes("stack", debug.Stack()).Msg("handler panicked")
			if rec, ok := w.(*recorder); !ok || !rec.wrote {
				id := requestID(r.Context())
				graph.WriteError(w, http.StatusInternalServerError, graph.CodeInternal, "internal error (request "+id+")")
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// withLogging writes one line per request: method, path, status, duration,
// size and request id, the caller's subject (or why authentication failed),
// and for GraphQL the operation's name, type, error count and error codes. It never logs query strings, variables or bodies,
// which may hold personal data. Health checks that pass are logged at debug
// level so probes do not drown the log.
func (s *Server) withLogging(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, op := graph.WithOperationInfo(r.Context())
		info := &requestInfo{}
		ctx = context.WithValue(ctx, requestInfoKey{}, info)
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r.WithContext(ctx))
		took := time.Since(start)

		level := zerolog.InfoLevel
		switch {
		case rec.status >= 500:
			level = zerolog.ErrorLevel
		case (r.URL.Path == "/healthz" || r.URL.Path == "/readyz") && rec.status < 300:
			level = zerolog.DebugLevel
		}
		e := s.cfg.Logger.WithLevel(level).
			Str("method", r.Method).
			Str("path", r.URL.Path).
			Int("status", rec.status).
			Dur("duration", took).
			Int64("bytes", rec.bytes).
			Str("request_id", requestID(r.Context()))
		if info.subject != "" {
			e = e.Str("subject", info.subject)
		}
		if info.authError != "" {
			e = e.Str("auth_error", info.authError)
		}
		if r.URL.Path == "/graphql" {
			codes := op.Codes
			for _, c := range rec.codes {
				if !slices.Contains(codes, c) {
					codes = append(codes, c)
				}
			}
			e = e.Str("operation", op.Name).Str("operation_type", op.Type).Int("errors", op.Errors+len(rec.codes))
			if len(codes) > 0 {
				e = e.Strs("codes", codes)
			}
			if s.cfg.Metrics != nil {
				s.cfg.Metrics.ObserveRequest(op.Type, op.Name, took, codes)
			}
		}
		e.Msg("request")
	})
}

// requestInfo is what inner steps tell withLogging about a request.
type requestInfo struct {
	subject   string // the caller's Subject, once known
	authError string // why authentication failed; never a credential
}

type requestInfoKey struct{}

// requestInfoFrom returns the request's requestInfo; outside withLogging, a
// throwaway one.
func requestInfoFrom(ctx context.Context) *requestInfo {
	if info, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return info
	}
	return &requestInfo{}
}

// recorder remembers the status and size of a response, and the codes of
// the errors graph.WriteError answered with.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
	codes  []string
}

// RecordErrorCode implements graph.ErrorCodeRecorder.
func (r *recorder) RecordErrorCode(code string) { r.codes = append(r.codes, code) }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer (flushing,
// deadlines).
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Flush passes flushes through, for streamed responses.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
