package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph/generated"
)

// Access control lives in the schema: every Query and Mutation field carries
// @hasRole with the least role it needs, and personal data carries @personal
// (TestEveryRootFieldHasRole fails for a root field without @hasRole). The
// two directives below are the only code that decides who may see what;
// resolvers never check roles. A directive the server does not implement
// fails its field (gqlgen's "not implemented"), so a new directive cannot
// silently let everyone through.

// directives implements the schema's directives.
func directives() generated.DirectiveRoot {
	return generated.DirectiveRoot{HasRole: hasRole, Personal: personal}
}

// hasRole implements @hasRole: the field runs only for a caller with at
// least role; otherwise it fails with EFORBIDDEN (EUNAUTHENTICATED without a
// caller) before its resolver reads or changes anything.
func hasRole(ctx context.Context, _ any, next graphql.Resolver, role netgraph.Role) (any, error) {
	if err := netgraph.Require(ctx, role); err != nil {
		return nil, err
	}
	return next(ctx)
}

// personal implements @personal: the field is null for a caller below role,
// without an error, so that one query serves every role.
func personal(ctx context.Context, _ any, next graphql.Resolver, role netgraph.Role) (any, error) {
	if netgraph.Require(ctx, role) != nil {
		return nil, nil
	}
	return next(ctx)
}
