package graph

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
)

// OperationInfo describes one GraphQL request for the request log: what was
// asked and how it went. It holds nothing personal: no variables, no values,
// no error messages.
type OperationInfo struct {
	// Name is the operation's name ("" for an anonymous operation).
	Name string
	// Type is "query", "mutation" or "subscription"; "" if the request could
	// not be parsed.
	Type string
	// Errors counts the errors in the response.
	Errors int
	// Codes lists the distinct extensions.code values of those errors, in
	// order of first appearance.
	Codes []string
}

type operationInfoKey struct{}

// WithOperationInfo returns a context that collects an OperationInfo while the
// handler serves a request made with it. Read the OperationInfo after the
// handler returns:
//
//	ctx, info := graph.WithOperationInfo(r.Context())
//	h.ServeHTTP(w, r.WithContext(ctx))
//	log.Info().Str("operation", info.Name).Str("type", info.Type).Int("errors", info.Errors)…
func WithOperationInfo(ctx context.Context) (context.Context, *OperationInfo) {
	info := &OperationInfo{}
	return context.WithValue(ctx, operationInfoKey{}, info), info
}

// operationRecorder is the gqlgen extension that fills in the OperationInfo.
// It intercepts responses rather than operations because requests that fail
// to parse or validate produce a response but never start an operation.
type operationRecorder struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = operationRecorder{}

func (operationRecorder) ExtensionName() string { return "OperationRecorder" }

func (operationRecorder) Validate(graphql.ExecutableSchema) error { return nil }

func (operationRecorder) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	info, ok := ctx.Value(operationInfoKey{}).(*OperationInfo)
	if !ok {
		return resp
	}
	if graphql.HasOperationContext(ctx) {
		oc := graphql.GetOperationContext(ctx)
		info.Name = oc.OperationName
		if oc.Operation != nil {
			info.Type = string(oc.Operation.Operation)
			if info.Name == "" {
				info.Name = oc.Operation.Name
			}
		}
	}
	if resp != nil {
		info.Errors += len(resp.Errors)
		for _, e := range resp.Errors {
			if code, ok := e.Extensions["code"].(string); ok && !slices.Contains(info.Codes, code) {
				info.Codes = append(info.Codes, code)
			}
		}
	}
	return resp
}
