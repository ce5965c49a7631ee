package graph

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/netgraph/netgraph"
)

// Error codes (extensions.code): the one table of every code netgraph
// answers with, from GraphQL and from the HTTP layer (server) alike, each
// written by presentError or WriteError. gqlgen's own GRAPHQL_PARSE_FAILED
// and GRAPHQL_VALIDATION_FAILED pass through unchanged.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeUnavailable     = "UNAVAILABLE"
	CodeTimeout         = "TIMEOUT"
	CodeInternal        = "INTERNAL_SERVER_ERROR"
	// CodeBadRequest marks a request that is no GraphQL request: a body
	// that is not JSON, too large (HTTP 413) or not UTF-8, keys given
	// twice, a method other than GET and POST.
	CodeBadRequest = "BAD_REQUEST"
	// CodeRateLimited: the caller made too many requests (HTTP 429).
	CodeRateLimited = "RATE_LIMITED"
	// CodeUnsupportedMediaType: a POST that is not application/json (HTTP
	// 415).
	CodeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
	// CodeTooManyErrors marks the error that stands for those a response
	// left out (see MaxErrors).
	CodeTooManyErrors = "TOO_MANY_ERRORS"

	// Operations refused for their size (limits.go). They are protocol
	// errors to gqlgen, answered like parse and validation errors (see
	// requestErrorWriter): HTTP 200 for application/json, 400 for clients
	// that accept application/graphql-response+json, without data.
	CodeQueryTooLarge   = "QUERY_TOO_LARGE"
	CodeQueryTooDeep    = "QUERY_TOO_DEEP"
	CodeQueryTooComplex = "QUERY_TOO_COMPLEX"
)

// WriteError answers a request refused before GraphQL executes it, by the
// HTTP layer or the GraphQL handler, with status and a GraphQL-shaped body:
// one error with message and code. It is the one writer of such answers.
// A w that is an ErrorCodeRecorder is told the code.
func WriteError(w http.ResponseWriter, status int, code, message string) {
	if rec, ok := w.(ErrorCodeRecorder); ok {
		rec.RecordErrorCode(code)
	}
	body, _ := json.Marshal(struct {
		Errors gqlerror.List `json:"errors"`
	}{gqlerror.List{{Message: message, Extensions: map[string]any{"code": code}}}}) // cannot fail: strings only
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// ErrorCodeRecorder is a response writer that wants to know the code of an
// error WriteError answers with, as the server's request log and metrics
// do: such answers never pass the GraphQL handler's OperationInfo.
type ErrorCodeRecorder interface {
	RecordErrorCode(code string)
}

// domainCodes maps domain error codes to GraphQL ones; EINTERNAL and anything
// unknown become CodeInternal.
var domainCodes = map[string]string{
	netgraph.EINVALID:         CodeBadUserInput,
	netgraph.ENOTFOUND:        CodeNotFound,
	netgraph.ECONFLICT:        CodeConflict,
	netgraph.EUNAUTHENTICATED: CodeUnauthenticated,
	netgraph.EFORBIDDEN:       CodeForbidden,
	netgraph.EUNAVAILABLE:     CodeUnavailable,
}

// presentError is the one place where errors become what clients see:
//
//   - a domain error gets its code and, if it has one, its field as an
//     argument path (argumentField: "email" becomes "input.email");
//   - an error while reading an argument (a bad Time, say) is BAD_USER_INPUT
//     on that argument;
//   - a request that ran past its deadline is TIMEOUT;
//   - gqlgen's own parse and validation errors keep their codes;
//   - anything else is internal: the client gets a generic message and the
//     request id, and the full error is logged.
func (r *Resolver) presentError(ctx context.Context, err error) *gqlerror.Error {
	presented := graphql.DefaultErrorPresenter(ctx, err)
	// Work on a copy: gqlgen may hand the same error to more than one place.
	e := *presented
	e.Extensions = maps.Clone(presented.Extensions)
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}

	argPath := argumentPath(ctx, e.Path)
	var de *netgraph.Error
	switch {
	case errors.As(err, &de):
		code, ok := domainCodes[de.Code] // EINTERNAL is deliberately absent
		if !ok {
			return r.internalError(ctx, &e, err)
		}
		e.Message = de.Message
		e.Extensions["code"] = code
		if field := cmp.Or(argumentField(ctx, de.Field), argPath); field != "" {
			e.Extensions["field"] = field
		}
	case errors.Is(err, context.DeadlineExceeded):
		// The request (or an analysis) ran past its deadline: the client's
		// to retry or narrow, not a bug to hide.
		e.Message = "the request ran past its deadline; try again, or ask for less"
		e.Extensions["code"] = CodeTimeout
	case e.Extensions["code"] != nil:
		// gqlgen's parse, validation and complexity errors. A bad variable
		// (an unknown enum value, a wrong type) is reported on the path
		// ["variable", name, ...]; say which in the message too.
		if strings.HasPrefix(e.Message, "cannot use value ") && strings.HasSuffix(e.Message, " as Int") {
			// gqlparser's words for 1.5 or 2.0 where an Int goes.
			e.Message = "want an Int: a whole number such as 2, without a fraction or exponent (not 2.0 or 1.5)"
		}
		if v := variablePath(e.Path); v != "" && !strings.HasPrefix(e.Message, "variable ") {
			e.Message = "variable " + v + ": " + e.Message
		}
	case argPath != "":
		e.Extensions["code"] = CodeBadUserInput
		e.Extensions["field"] = argPath
	case e.Err == nil:
		// An error gqlgen made about the request itself, before execution.
		e.Extensions["code"] = CodeBadRequest
		// gqlgen echoes an undecodable body back; keep request content out
		// of responses (and whatever logs them).
		if msg, _, cut := strings.Cut(e.Message, " body:"); cut {
			e.Message = msg
		}
	default:
		return r.internalError(ctx, &e, err)
	}
	return &e
}

// internalError logs err in full and returns e with a generic message, the
// internal code and the request id.
func (r *Resolver) internalError(ctx context.Context, e *gqlerror.Error, err error) *gqlerror.Error {
	requestID := requestID(ctx)
	if !errors.Is(err, errLogged) {
		r.logger.Error().Err(err).Str("requestId", requestID).Str("path", e.Path.String()).
			Msg("graphql: internal error")
	}
	e.Message = "internal error (request " + requestID + ")"
	e.Extensions = map[string]any{"code": CodeInternal, "requestId": requestID}
	return e
}

// errLogged marks an error that has been logged already (a recovered panic,
// with its stack).
var errLogged = errors.New("already logged")

// recoverPanic turns a panic in a resolver into an internal error, logging it
// with its stack.
func (r *Resolver) recoverPanic(ctx context.Context, p any) error {
	requestID := requestID(ctx)
	r.logger.Error().Str("requestId", requestID).Str("panic", fmt.Sprint(p)).
		Str("path", graphql.GetPath(ctx).String()).Bytes("stack", debug.Stack()).
		Msg("graphql: panic")
	return fmt.Errorf("panic: %v: %w", p, errLogged)
}

// argumentPath returns the path of the argument an error is about
// ("input.since"), or "" if it is not about an argument. gqlgen reports an
// argument error on the field's response path followed by the argument path.
func argumentPath(ctx context.Context, path ast.Path) string {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return ""
	}
	fieldPath := fc.Path()
	if len(path) <= len(fieldPath) || path[:len(fieldPath)].String() != fieldPath.String() {
		return ""
	}
	return joinPath(path[len(fieldPath):])
}

// variablePath returns "$name.field" for a path into a variable's value, ""
// for any other path.
func variablePath(path ast.Path) string {
	if len(path) < 2 || path[0] != ast.PathName("variable") {
		return ""
	}
	return "$" + joinPath(path[1:])
}

// joinPath writes a path as "input.interests.2".
func joinPath(path ast.Path) string {
	parts := make([]string, len(path))
	for i, el := range path {
		switch el := el.(type) {
		case ast.PathName:
			parts[i] = string(el)
		case ast.PathIndex:
			parts[i] = strconv.Itoa(int(el))
		}
	}
	return strings.Join(parts, ".")
}

// requestID returns the id of the request in ctx, for error reports.
func requestID(ctx context.Context) string {
	if c, ok := netgraph.CallerFrom(ctx); ok && c.RequestID != "" {
		return c.RequestID
	}
	return "unknown"
}

// MaxErrors is the most errors a response carries; past it, one more error
// (TOO_MANY_ERRORS) says how many were left out. A document of a thousand
// unknown directives gets 50 errors, not a thousand.
const MaxErrors = 50

// capErrors cuts a response's errors down to MaxErrors and one that counts
// the rest.
func capErrors(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp != nil && len(resp.Errors) > MaxErrors {
		dropped := len(resp.Errors) - MaxErrors
		resp.Errors = append(resp.Errors[:MaxErrors:MaxErrors], &gqlerror.Error{
			Message:    fmt.Sprintf("%d more errors left out", dropped),
			Extensions: map[string]any{"code": CodeTooManyErrors},
		})
	}
	return resp
}
