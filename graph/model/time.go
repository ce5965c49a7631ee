// Package model holds the GraphQL types that have no domain counterpart
// (connections, edges, page info, a few inputs, the analysis views in
// analysis.go) and the Time scalar. Domain types are bound directly in
// gqlgen.yml; models_gen.go is generated.
package model

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/netgraph/netgraph"
)

// MarshalTime writes a Time scalar: RFC 3339 in UTC, with fractional seconds
// only when there are any.
func MarshalTime(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.UTC().Format(time.RFC3339Nano)))
	})
}

// UnmarshalTime reads a Time scalar. A value that is not an RFC 3339 string is
// an EINVALID error; its field is the argument path, which the error
// presenter fills in.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, netgraph.Invalid("", "must be an RFC 3339 date-time string such as \"2024-05-01T09:30:00Z\" (got %s)", describe(v))
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, netgraph.Invalid("", "must be an RFC 3339 date-time such as \"2024-05-01T09:30:00Z\" (got %q)", s)
	}
	return t, nil
}

// describe names the JSON type of a scalar value, for error messages.
func describe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case json.Number, int, int64, float64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	default:
		return fmt.Sprintf("a %T", v)
	}
}
