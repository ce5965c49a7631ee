package neo4jstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
)

func TestMapError(t *testing.T) {
	constraint := &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed",
		Msg: "Node(12) already exists with label `Person` and property `externalId` = 'secret-ext'"}
	tests := []struct {
		name string
		err  error
		code string
	}{
		{"uniqueness constraint", constraint, netgraph.ECONFLICT},
		{"wrapped uniqueness constraint", fmt.Errorf("run: %w", constraint), netgraph.ECONFLICT},
		{"relationship constraint", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintViolation"}, netgraph.ECONFLICT},
		{"connection refused", &neo4j.ConnectivityError{Inner: errors.New("dial tcp 10.0.0.9:7687: connect: connection refused")}, netgraph.EUNAVAILABLE},
		{"no routing table", &neo4j.ConnectivityError{Inner: errors.New("Unable to retrieve routing table from core-1:7687")}, netgraph.EUNAVAILABLE},
		{"network error", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("no route to host")}, netgraph.EUNAVAILABLE},
		{"retries exhausted on deadlocks", &neo4j.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 30s)",
			Errors: []error{&neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected"}}}, netgraph.EUNAVAILABLE},
		{"retries exhausted on a dead connection", &neo4j.TransactionExecutionLimit{Cause: "too many failed connection attempts",
			Errors: []error{&neo4j.ConnectivityError{Inner: errors.New("EOF")}}}, netgraph.EUNAVAILABLE},
		{"retries exhausted, constraint last", &neo4j.TransactionExecutionLimit{Errors: []error{constraint}}, netgraph.ECONFLICT},
		{"database unavailable", &neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable"}, netgraph.EUNAVAILABLE},
		{"not the leader", &neo4j.Neo4jError{Code: "Neo.ClientError.Cluster.NotALeader"}, netgraph.EUNAVAILABLE},
		{"bad credentials", &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized"}, netgraph.EUNAVAILABLE},
		{"forbidden", &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Forbidden"}, netgraph.EUNAVAILABLE},
		{"token expired", &neo4j.TokenExpiredError{Code: "Neo.ClientError.Security.TokenExpired"}, netgraph.EUNAVAILABLE},
		{"no such database", &neo4j.Neo4jError{Code: "Neo.ClientError.Database.DatabaseNotFound"}, netgraph.EUNAVAILABLE},
		{"syntax error (a bug)", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}, netgraph.EINTERNAL},
		{"usage error (a bug)", &neo4j.UsageError{Message: "session closed"}, netgraph.EINTERNAL},
		{"anything else", errors.New("boom"), netgraph.EINTERNAL},
	}
	for _, tc := range tests {
		err := mapError("create person", tc.err)
		if got := netgraph.ErrorCode(err); got != tc.code {
			t.Errorf("%s: code %q; want %q (%v)", tc.name, got, tc.code, err)
		}
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: the driver's error is not in the chain of %v", tc.name, err)
		}
		if !strings.Contains(err.Error(), "create person") {
			t.Errorf("%s: %q does not name the operation", tc.name, err)
		}
		// Callers see a message of ours, never the server's (it may quote data).
		if msg := netgraph.ErrorMessage(err); strings.Contains(msg, "secret-ext") || strings.Contains(msg, "Neo.") {
			t.Errorf("%s: caller-facing message %q leaks server detail", tc.name, msg)
		}
	}
}

func TestMapErrorKeepsDomainErrors(t *testing.T) {
	in := netgraph.NotFound("input.to", "person", "per_X")
	if err := mapError("connect", in); err != in {
		t.Errorf("got %v; want the domain error unchanged", err)
	}
	if mapError("connect", nil) != nil {
		t.Error("nil error mapped to non-nil")
	}
}

func TestFailureKeepsCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := failure(ctx, "read graph", &neo4j.ConnectivityError{Inner: errors.New("reading canceled")})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled in the chain", err)
	}
	in := netgraph.Invalid("input.name", "must not be empty")
	if err := failure(ctx, "create person", in); err != in {
		t.Errorf("a domain error under a cancelled context became %v", err)
	}
}

func TestRedactError(t *testing.T) {
	const secret = "hunter2-pw"
	err := &storeError{op: "connect", domain: &netgraph.Error{Code: netgraph.EUNAVAILABLE, Message: "cannot reach"},
		cause: errors.New("auth hunter2-pw refused")}
	got := redactError(err, secret)
	if strings.Contains(got.Error(), secret) || netgraph.ErrorCode(got) != netgraph.EUNAVAILABLE {
		t.Errorf("redacted %q (code %q); want no secret, code kept", got, netgraph.ErrorCode(got))
	}
	clean := errors.New("nothing to hide")
	if redactError(clean, secret) != clean || redactError(err, "") != error(err) {
		t.Error("an error without the secret, or with no secret set, was changed")
	}
}

func TestDriverLog(t *testing.T) {
	var buf bytes.Buffer
	l := driverLog{zerolog.New(&buf).Level(zerolog.InfoLevel)}
	l.Error("pool", "1", errors.New("connection reset"))
	l.Warnf("router", "1", "dropping %s", "core-2:7687")
	l.Infof("driver", "1", "created")
	l.Debugf("bolt", "1", "sent RUN")
	out := buf.String()
	if !strings.Contains(out, `"level":"warn"`) || !strings.Contains(out, "connection reset") ||
		!strings.Contains(out, "dropping core-2:7687") {
		t.Errorf("driver errors and warnings not logged as warnings: %s", out)
	}
	if strings.Contains(out, "created") || strings.Contains(out, "sent RUN") {
		t.Errorf("driver info and debug lines logged at info: %s", out)
	}
}
