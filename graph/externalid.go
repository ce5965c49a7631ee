package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/netgraph/netgraph"
)

// A mutation's id argument that starts with netgraph.ExternalIDRef ("ext:")
// names the person, organisation or network by its external id, the id the
// import format and the systems it comes from know it by: connect(input:
// {from: "ext:crm-17", to: "per_…"}). personID, organisationID and
// networkID turn such an argument into the entity's id (any other id is
// returned as it is); an unknown external id is ENOTFOUND naming the
// argument.

func (r *Resolver) personID(ctx context.Context, field, id string) (string, error) {
	return byExternalID(ctx, field, "person", id, r.store.PersonByExternalID, func(p *netgraph.Person) string { return p.ID })
}

func (r *Resolver) organisationID(ctx context.Context, field, id string) (string, error) {
	return byExternalID(ctx, field, "organisation", id, r.store.OrganisationByExternalID,
		func(o *netgraph.Organisation) string { return o.ID })
}

func (r *Resolver) networkID(ctx context.Context, field, id string) (string, error) {
	return byExternalID(ctx, field, "network", id, r.store.NetworkByExternalID, func(n *netgraph.Network) string { return n.ID })
}

func byExternalID[T any](ctx context.Context, field, what, id string, lookup func(context.Context, string) (T, error), idOf func(T) string) (string, error) {
	ext, ok := strings.CutPrefix(id, netgraph.ExternalIDRef)
	if !ok {
		return id, nil
	}
	v, err := lookup(ctx, ext)
	if netgraph.ErrorCode(err) == netgraph.ENOTFOUND {
		return "", &netgraph.Error{Code: netgraph.ENOTFOUND, Field: field, Message: fmt.Sprintf("no %s has the external id %q", what, ext)}
	}
	if err != nil {
		return "", err
	}
	return idOf(v), nil
}

// idArg is an id argument of a mutation: its field name for errors, the
// resolver that reads it, and where it is held, rewritten in place.
type idArg struct {
	field string
	kind  func(r *Resolver, ctx context.Context, field, id string) (string, error)
	id    *string
}

func person(field string, id *string) idArg { return idArg{field, (*Resolver).personID, id} }
func organisation(field string, id *string) idArg {
	return idArg{field, (*Resolver).organisationID, id}
}
func network(field string, id *string) idArg { return idArg{field, (*Resolver).networkID, id} }

// ids rewrites each argument given by external id to the entity's id.
func (r *Resolver) ids(ctx context.Context, args ...idArg) error {
	for _, a := range args {
		id, err := a.kind(r, ctx, a.field, *a.id)
		if err != nil {
			return err
		}
		*a.id = id
	}
	return nil
}
