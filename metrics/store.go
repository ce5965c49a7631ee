package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/netgraph/netgraph"
)

// Store returns store with every call timed into
// netgraph_store_call_duration_seconds by method, and failed calls counted
// into netgraph_store_errors_total by method and domain error code. Close
// is passed through untimed.
func (m *Metrics) Store(store netgraph.Store) netgraph.Store {
	return &timedStore{next: store, m: m}
}

// timedStore is the timing decorator Store returns. It implements every
// method itself, rather than embedding the store, so that a method added to
// netgraph.Store fails to compile here instead of going untimed.
type timedStore struct {
	next netgraph.Store
	m    *Metrics
}

var _ netgraph.Store = (*timedStore)(nil)

// observe records a call of method that started at start and ended with
// *err.
func (s *timedStore) observe(method string, start time.Time, err *error) {
	s.m.storeDuration.WithLabelValues(method).Observe(time.Since(start).Seconds())
	if *err != nil {
		s.m.storeErrors.With(prometheus.Labels{"method": method, "code": netgraph.ErrorCode(*err)}).Inc()
	}
}

// ReadGraph's time includes fn's, the caller's handling of each record: it
// is how long the caller held the read.
func (s *timedStore) ReadGraph(ctx context.Context, fn func(netgraph.Record) error) (version uint64, err error) {
	defer s.observe("ReadGraph", time.Now(), &err)
	return s.next.ReadGraph(ctx, fn)
}

func (s *timedStore) Close() error { return s.next.Close() }

func (s *timedStore) AddAffiliation(ctx context.Context, a netgraph.Affiliation) (_ *netgraph.Affiliation, err error) {
	defer s.observe("AddAffiliation", time.Now(), &err)
	return s.next.AddAffiliation(ctx, a)
}

func (s *timedStore) AddMembership(ctx context.Context, m netgraph.Membership) (_ *netgraph.Membership, err error) {
	defer s.observe("AddMembership", time.Now(), &err)
	return s.next.AddMembership(ctx, m)
}

func (s *timedStore) AffiliationsByOrganisation(ctx context.Context, organisationIDs []string) (_ [][]netgraph.Affiliation, err error) {
	defer s.observe("AffiliationsByOrganisation", time.Now(), &err)
	return s.next.AffiliationsByOrganisation(ctx, organisationIDs)
}

func (s *timedStore) AffiliationsByPerson(ctx context.Context, personIDs []string) (_ [][]netgraph.Affiliation, err error) {
	defer s.observe("AffiliationsByPerson", time.Now(), &err)
	return s.next.AffiliationsByPerson(ctx, personIDs)
}

func (s *timedStore) AuditEntries(ctx context.Context, f netgraph.AuditFilter, p netgraph.Page) (_ *netgraph.List[netgraph.AuditEntry], err error) {
	defer s.observe("AuditEntries", time.Now(), &err)
	return s.next.AuditEntries(ctx, f, p)
}

func (s *timedStore) Connect(ctx context.Context, c netgraph.TieCreate) (_ *netgraph.Tie, err error) {
	defer s.observe("Connect", time.Now(), &err)
	return s.next.Connect(ctx, c)
}

func (s *timedStore) CreateNetwork(ctx context.Context, c netgraph.NetworkCreate) (_ *netgraph.Network, err error) {
	defer s.observe("CreateNetwork", time.Now(), &err)
	return s.next.CreateNetwork(ctx, c)
}

func (s *timedStore) CreateOrganisation(ctx context.Context, c netgraph.OrganisationCreate) (_ *netgraph.Organisation, err error) {
	defer s.observe("CreateOrganisation", time.Now(), &err)
	return s.next.CreateOrganisation(ctx, c)
}

func (s *timedStore) CreatePartnership(ctx context.Context, p netgraph.Partnership) (_ *netgraph.Partnership, err error) {
	defer s.observe("CreatePartnership", time.Now(), &err)
	return s.next.CreatePartnership(ctx, p)
}

func (s *timedStore) CreatePerson(ctx context.Context, c netgraph.PersonCreate) (_ *netgraph.Person, err error) {
	defer s.observe("CreatePerson", time.Now(), &err)
	return s.next.CreatePerson(ctx, c)
}

func (s *timedStore) DataVersion(ctx context.Context) (_ uint64, err error) {
	defer s.observe("DataVersion", time.Now(), &err)
	return s.next.DataVersion(ctx)
}

func (s *timedStore) DeleteNetwork(ctx context.Context, id string) (err error) {
	defer s.observe("DeleteNetwork", time.Now(), &err)
	return s.next.DeleteNetwork(ctx, id)
}

func (s *timedStore) DeleteOrganisation(ctx context.Context, id string) (err error) {
	defer s.observe("DeleteOrganisation", time.Now(), &err)
	return s.next.DeleteOrganisation(ctx, id)
}

func (s *timedStore) DeletePerson(ctx context.Context, id string) (err error) {
	defer s.observe("DeletePerson", time.Now(), &err)
	return s.next.DeletePerson(ctx, id)
}

func (s *timedStore) Disconnect(ctx context.Context, k netgraph.TieKey) (err error) {
	defer s.observe("Disconnect", time.Now(), &err)
	return s.next.Disconnect(ctx, k)
}

func (s *timedStore) Import(ctx context.Context, records []netgraph.Record) (err error) {
	defer s.observe("Import", time.Now(), &err)
	return s.next.Import(ctx, records)
}

func (s *timedStore) MembershipsByNetwork(ctx context.Context, networkIDs []string) (_ [][]netgraph.Membership, err error) {
	defer s.observe("MembershipsByNetwork", time.Now(), &err)
	return s.next.MembershipsByNetwork(ctx, networkIDs)
}

func (s *timedStore) MembershipsByPerson(ctx context.Context, personIDs []string) (_ [][]netgraph.Membership, err error) {
	defer s.observe("MembershipsByPerson", time.Now(), &err)
	return s.next.MembershipsByPerson(ctx, personIDs)
}

func (s *timedStore) NetworkByExternalID(ctx context.Context, externalID string) (_ *netgraph.Network, err error) {
	defer s.observe("NetworkByExternalID", time.Now(), &err)
	return s.next.NetworkByExternalID(ctx, externalID)
}

func (s *timedStore) Network(ctx context.Context, id string) (_ *netgraph.Network, err error) {
	defer s.observe("Network", time.Now(), &err)
	return s.next.Network(ctx, id)
}

func (s *timedStore) Networks(ctx context.Context, f netgraph.NetworkFilter, p netgraph.Page) (_ *netgraph.List[*netgraph.Network], err error) {
	defer s.observe("Networks", time.Now(), &err)
	return s.next.Networks(ctx, f, p)
}

func (s *timedStore) NetworksByID(ctx context.Context, ids []string) (_ []*netgraph.Network, err error) {
	defer s.observe("NetworksByID", time.Now(), &err)
	return s.next.NetworksByID(ctx, ids)
}

func (s *timedStore) OrganisationByExternalID(ctx context.Context, externalID string) (_ *netgraph.Organisation, err error) {
	defer s.observe("OrganisationByExternalID", time.Now(), &err)
	return s.next.OrganisationByExternalID(ctx, externalID)
}

func (s *timedStore) Organisation(ctx context.Context, id string) (_ *netgraph.Organisation, err error) {
	defer s.observe("Organisation", time.Now(), &err)
	return s.next.Organisation(ctx, id)
}

func (s *timedStore) Organisations(ctx context.Context, f netgraph.OrganisationFilter, p netgraph.Page) (_ *netgraph.List[*netgraph.Organisation], err error) {
	defer s.observe("Organisations", time.Now(), &err)
	return s.next.Organisations(ctx, f, p)
}

func (s *timedStore) OrganisationsByID(ctx context.Context, ids []string) (_ []*netgraph.Organisation, err error) {
	defer s.observe("OrganisationsByID", time.Now(), &err)
	return s.next.OrganisationsByID(ctx, ids)
}

func (s *timedStore) PartnershipsByOrganisation(ctx context.Context, organisationIDs []string) (_ [][]netgraph.Partnership, err error) {
	defer s.observe("PartnershipsByOrganisation", time.Now(), &err)
	return s.next.PartnershipsByOrganisation(ctx, organisationIDs)
}

func (s *timedStore) People(ctx context.Context, f netgraph.PersonFilter, p netgraph.Page) (_ *netgraph.List[*netgraph.Person], err error) {
	defer s.observe("People", time.Now(), &err)
	return s.next.People(ctx, f, p)
}

func (s *timedStore) PeopleByID(ctx context.Context, ids []string) (_ []*netgraph.Person, err error) {
	defer s.observe("PeopleByID", time.Now(), &err)
	return s.next.PeopleByID(ctx, ids)
}

func (s *timedStore) PersonByExternalID(ctx context.Context, externalID string) (_ *netgraph.Person, err error) {
	defer s.observe("PersonByExternalID", time.Now(), &err)
	return s.next.PersonByExternalID(ctx, externalID)
}

func (s *timedStore) Person(ctx context.Context, id string) (_ *netgraph.Person, err error) {
	defer s.observe("Person", time.Now(), &err)
	return s.next.Person(ctx, id)
}

func (s *timedStore) Ping(ctx context.Context) (err error) {
	defer s.observe("Ping", time.Now(), &err)
	return s.next.Ping(ctx)
}

func (s *timedStore) RemoveAffiliation(ctx context.Context, personID string, organisationID string) (err error) {
	defer s.observe("RemoveAffiliation", time.Now(), &err)
	return s.next.RemoveAffiliation(ctx, personID, organisationID)
}

func (s *timedStore) RemoveMembership(ctx context.Context, personID string, networkID string) (err error) {
	defer s.observe("RemoveMembership", time.Now(), &err)
	return s.next.RemoveMembership(ctx, personID, networkID)
}

func (s *timedStore) RemovePartnership(ctx context.Context, a string, b string, kind netgraph.PartnershipKind) (err error) {
	defer s.observe("RemovePartnership", time.Now(), &err)
	return s.next.RemovePartnership(ctx, a, b, kind)
}

func (s *timedStore) TiesByPerson(ctx context.Context, personIDs []string) (_ [][]netgraph.Tie, err error) {
	defer s.observe("TiesByPerson", time.Now(), &err)
	return s.next.TiesByPerson(ctx, personIDs)
}

func (s *timedStore) UpdateAffiliation(ctx context.Context, a netgraph.Affiliation) (_ *netgraph.Affiliation, err error) {
	defer s.observe("UpdateAffiliation", time.Now(), &err)
	return s.next.UpdateAffiliation(ctx, a)
}

func (s *timedStore) UpdateMembership(ctx context.Context, m netgraph.Membership) (_ *netgraph.Membership, err error) {
	defer s.observe("UpdateMembership", time.Now(), &err)
	return s.next.UpdateMembership(ctx, m)
}

func (s *timedStore) UpdateNetwork(ctx context.Context, id string, u netgraph.NetworkUpdate) (_ *netgraph.Network, err error) {
	defer s.observe("UpdateNetwork", time.Now(), &err)
	return s.next.UpdateNetwork(ctx, id, u)
}

func (s *timedStore) UpdateOrganisation(ctx context.Context, id string, u netgraph.OrganisationUpdate) (_ *netgraph.Organisation, err error) {
	defer s.observe("UpdateOrganisation", time.Now(), &err)
	return s.next.UpdateOrganisation(ctx, id, u)
}

func (s *timedStore) UpdatePerson(ctx context.Context, id string, u netgraph.PersonUpdate) (_ *netgraph.Person, err error) {
	defer s.observe("UpdatePerson", time.Now(), &err)
	return s.next.UpdatePerson(ctx, id, u)
}

func (s *timedStore) UpdateTie(ctx context.Context, k netgraph.TieKey, u netgraph.TieUpdate) (_ *netgraph.Tie, err error) {
	defer s.observe("UpdateTie", time.Now(), &err)
	return s.next.UpdateTie(ctx, k, u)
}

func (s *timedStore) DismissIntroduction(ctx context.Context, c netgraph.DismissalCreate) (_ *netgraph.Dismissal, err error) {
	defer s.observe("DismissIntroduction", time.Now(), &err)
	return s.next.DismissIntroduction(ctx, c)
}

func (s *timedStore) Dismissals(ctx context.Context) (_ []netgraph.Dismissal, err error) {
	defer s.observe("Dismissals", time.Now(), &err)
	return s.next.Dismissals(ctx)
}

func (s *timedStore) RequestMembership(ctx context.Context, c netgraph.MembershipRequestCreate) (_ *netgraph.MembershipRequest, err error) {
	defer s.observe("RequestMembership", time.Now(), &err)
	return s.next.RequestMembership(ctx, c)
}

func (s *timedStore) DecideMembershipRequest(ctx context.Context, d netgraph.MembershipDecision) (_ *netgraph.MembershipRequest, err error) {
	defer s.observe("DecideMembershipRequest", time.Now(), &err)
	return s.next.DecideMembershipRequest(ctx, d)
}

func (s *timedStore) MembershipRequest(ctx context.Context, id string) (_ *netgraph.MembershipRequest, err error) {
	defer s.observe("MembershipRequest", time.Now(), &err)
	return s.next.MembershipRequest(ctx, id)
}

func (s *timedStore) MembershipRequests(ctx context.Context, f netgraph.MembershipRequestFilter, p netgraph.Page) (_ *netgraph.List[*netgraph.MembershipRequest], err error) {
	defer s.observe("MembershipRequests", time.Now(), &err)
	return s.next.MembershipRequests(ctx, f, p)
}
