package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netgraph/netgraph"
)

// mapError turns an error from the driver into a domain error for operation
// op, deciding by the error's type and Neo4j status code, never its text.
// Domain errors raised inside a transaction pass through unchanged; errors
// with no domain meaning are wrapped as they are (EINTERNAL).
func mapError(op string, err error) error {
	var de *netgraph.Error
	if err == nil || errors.As(err, &de) {
		return err
	}
	code, msg := classify(err)
	if code == netgraph.EINTERNAL {
		return fmt.Errorf("neo4jstore: %s: %w", op, err)
	}
	return &storeError{op: op, domain: &netgraph.Error{Code: code, Message: msg}, cause: err}
}

// failure maps err for operation op, keeping a cancelled or expired ctx as
// the reason when it is one: the driver reports those in several ways.
func failure(ctx context.Context, op string, err error) error {
	var de *netgraph.Error
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.As(err, &de) {
		return fmt.Errorf("neo4jstore: %s: %w (%v)", op, ctxErr, err)
	}
	return mapError(op, err)
}

// Neo4j status codes with a domain meaning.
const (
	codeConstraintValidation = "Neo.ClientError.Schema.ConstraintValidationFailed"
	codeConstraintViolation  = "Neo.ClientError.Schema.ConstraintViolation"
	codeDatabaseNotFound     = "Neo.ClientError.Database.DatabaseNotFound"
	codeUnauthorized         = "Neo.ClientError.Security.Unauthorized"
)

// classify returns the domain code of a driver error and a message fit for
// callers (no server detail).
func classify(err error) (code, message string) {
	var (
		limit   *neo4j.TransactionExecutionLimit
		conn    *neo4j.ConnectivityError
		nerr    *neo4j.Neo4jError
		expired *neo4j.TokenExpiredError
		netErr  net.Error
	)
	switch {
	case errors.As(err, &limit):
		// The driver gave up retrying: judge by the last failure, and a
		// transaction that kept failing for a retryable reason is unavailable.
		if len(limit.Errors) > 0 {
			if code, message := classify(limit.Errors[len(limit.Errors)-1]); code != netgraph.EINTERNAL {
				return code, message
			}
		}
		return netgraph.EUNAVAILABLE, "neo4j did not complete the transaction in time; try again"
	case errors.As(err, &conn), errors.As(err, &netErr):
		return netgraph.EUNAVAILABLE, "neo4j cannot be reached"
	case errors.As(err, &expired):
		return netgraph.EUNAVAILABLE, "the store's neo4j credentials have expired"
	case errors.As(err, &nerr):
		switch {
		case nerr.Code == codeConstraintValidation, nerr.Code == codeConstraintViolation:
			return netgraph.ECONFLICT, "the change would break a uniqueness rule"
		case nerr.Code == codeUnauthorized:
			return netgraph.EUNAVAILABLE, "neo4j refused the store's credentials"
		case nerr.HasSecurityCode():
			return netgraph.EUNAVAILABLE, "neo4j refused the store access"
		case nerr.Code == codeDatabaseNotFound:
			return netgraph.EUNAVAILABLE, "the store's neo4j database does not exist"
		case nerr.IsRetriable():
			return netgraph.EUNAVAILABLE, "neo4j is busy or changing leader; try again"
		}
	}
	return netgraph.EINTERNAL, "internal error"
}

// storeError is a domain error caused by a driver error: callers see the
// domain code and message, logs see the cause too.
type storeError struct {
	op     string
	domain *netgraph.Error
	cause  error
}

func (e *storeError) Error() string {
	return fmt.Sprintf("neo4jstore: %s: %s: %v", e.op, e.domain.Message, e.cause)
}

func (e *storeError) Unwrap() []error { return []error{e.domain, e.cause} }

// redact removes secret from s.
func redact(s, secret string) string {
	if secret == "" {
		return s
	}
	return strings.ReplaceAll(s, secret, "[REDACTED]")
}

// redactError returns err, or if its text contains secret, an error with the
// same domain code whose text does not. The driver keeps credentials out of
// its errors; this makes sure of it for the errors Open returns.
func redactError(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return &redactedError{
		text:   redact(err.Error(), secret),
		domain: &netgraph.Error{Code: netgraph.ErrorCode(err), Message: redact(netgraph.ErrorMessage(err), secret)},
	}
}

type redactedError struct {
	text   string
	domain *netgraph.Error
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.domain }
