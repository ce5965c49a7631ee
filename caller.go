package netgraph

import "context"

// Role is an access role: what a caller of the API may do. Roles are
// ordered: each includes the ones before it. A person's part in a network is
// a MembershipRole, which is another thing.
type Role string

// Roles, from least to most privileged.
const (
	RoleViewer      Role = "viewer"      // read people, organisations, networks, ties, metrics
	RoleAnalyst     Role = "analyst"     // viewer + reports and exports
	RoleFacilitator Role = "facilitator" // analyst + create and change people, ties, memberships
	RoleAdmin       Role = "admin"       // everything, including erasure
)

var roleRank = map[Role]int{RoleViewer: 1, RoleAnalyst: 2, RoleFacilitator: 3, RoleAdmin: 4}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return roleRank[r] > 0 }

// Includes reports whether r grants everything other grants.
func (r Role) Includes(other Role) bool { return r.Valid() && roleRank[r] >= roleRank[other] }

// Caller is who is making a request: set once at the edge (HTTP middleware,
// CLI) and read wherever access or auditing needs it.
type Caller struct {
	// Subject identifies the caller in audit records (an API key's name or a
	// token's subject); never a secret.
	Subject string
	// Role is what the caller may do.
	Role Role
	// RequestID correlates log lines and error reports for one request.
	RequestID string
}

type callerKey struct{}

// WithCaller returns a context carrying the caller.
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// CallerFrom returns the caller carried by ctx, if any.
func CallerFrom(ctx context.Context) (Caller, bool) {
	c, ok := ctx.Value(callerKey{}).(Caller)
	return c, ok
}

// Require returns an error unless the caller in ctx has at least role r:
// EUNAUTHENTICATED when there is no caller, EFORBIDDEN when the role is too low.
func Require(ctx context.Context, r Role) error {
	c, ok := CallerFrom(ctx)
	if !ok {
		return Errorf(EUNAUTHENTICATED, "authentication required")
	}
	if !c.Role.Includes(r) {
		return Errorf(EFORBIDDEN, "role %q may not do this (needs %q)", c.Role, r)
	}
	return nil
}
