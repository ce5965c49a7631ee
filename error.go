package netgraph

import (
	"errors"
	"fmt"
)

// Error codes. Every error the domain returns carries one; the edges (GraphQL,
// HTTP, CLI) translate codes exactly once.
const (
	EINVALID         = "invalid"         // bad input from the caller
	ENOTFOUND        = "not_found"       // an id that does not exist
	ECONFLICT        = "conflict"        // would break a uniqueness rule
	EUNAUTHENTICATED = "unauthenticated" // no or unknown credentials (GraphQL UNAUTHENTICATED)
	EFORBIDDEN       = "forbidden"       // the caller's role may not do this
	EUNAVAILABLE     = "unavailable"     // the store cannot be reached; worth retrying
	EINTERNAL        = "internal"        // a bug or an unexpected failure
)

// Error is a domain error: a code, the input field it concerns (if any) and a
// message fit to show the caller.
type Error struct {
	Code    string
	Field   string // the domain field at fault, e.g. "email" or "personId"; empty if none
	Message string
}

// Error implements error.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("netgraph: %s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("netgraph: %s: %s", e.Code, e.Message)
}

// Errorf returns an Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error about one input field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns an ENOTFOUND error naming what was not found.
func NotFound(field, what, id string) *Error {
	return &Error{Code: ENOTFOUND, Field: field, Message: fmt.Sprintf("%s %q not found", what, id)}
}

// ErrorCode returns the code of the first domain Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorField returns the input field of the first domain Error in err's chain.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ErrorMessage returns the caller-facing message of the first domain Error in
// err's chain, or a generic message for internal errors (whose details must not
// reach clients).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
