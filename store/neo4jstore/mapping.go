package neo4jstore

import (
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/netgraph/netgraph"
)

// This file translates between domain values and what the driver sends and
// returns: parameter maps going in, records, nodes and relationships coming
// out.

// Parameters: a property set to nil is absent in Neo4j.

// personProps returns the properties of a (:Person) node.
func personProps(p *netgraph.Person) map[string]any {
	return map[string]any{
		"id":         p.ID,
		"externalId": optString(p.ExternalID),
		"name":       p.Name,
		"email":      p.Email,
		"title":      p.Title,
		"profession": p.Profession,
		"region":     p.Region,
		"interests":  optStrings(p.Interests),
		"consent":    p.Consent,
		"createdAt":  p.CreatedAt.UTC(),
		"updatedAt":  p.UpdatedAt.UTC(),
	}
}

// organisationProps returns the properties of an (:Organisation) node.
func organisationProps(o *netgraph.Organisation) map[string]any {
	return map[string]any{
		"id":         o.ID,
		"externalId": optString(o.ExternalID),
		"name":       o.Name,
		"sector":     string(o.Sector),
		"region":     o.Region,
		"createdAt":  o.CreatedAt.UTC(),
		"updatedAt":  o.UpdatedAt.UTC(),
	}
}

// networkProps returns the properties of a (:Network) node.
func networkProps(n *netgraph.Network) map[string]any {
	props := map[string]any{
		"id":         n.ID,
		"externalId": optString(n.ExternalID),
		"name":       n.Name,
		"type":       string(n.Type),
		"purpose":    n.Purpose,
		"region":     n.Region,
		"specialty":  n.Specialty,
		"createdAt":  n.CreatedAt.UTC(),
		"updatedAt":  n.UpdatedAt.UTC(),
		// The register's profile. A property holds no map, so each
		// document is three properties named after it; an absent document
		// is none of them.
		"aims":               optString(n.Aims),
		"hostOrganisationId": optString(n.HostOrganisationID),
		"contactName":        optString(n.ContactName),
		"contactEmail":       optString(n.ContactEmail),
		"membershipPolicy":   string(n.MembershipPolicy),
		"website":            optString(n.Website),
		"status":             string(n.Status),
	}
	documentProps(props, "termsOfReference", n.TermsOfReference)
	documentProps(props, "memorandum", n.Memorandum)
	return props
}

// documentProps sets the properties of document d, named prefix+"Title",
// prefix+"Link" and prefix+"ReviewDate"; a document has a title, so that
// property tells an absent document from an empty one.
func documentProps(props map[string]any, prefix string, d *netgraph.Document) {
	if d == nil {
		props[prefix+"Title"], props[prefix+"Link"], props[prefix+"ReviewDate"] = nil, nil, nil
		return
	}
	props[prefix+"Title"], props[prefix+"Link"], props[prefix+"ReviewDate"] = d.Title, optString(d.Link), optTime(d.ReviewDate)
}

// affiliationProps returns the properties of a WORKS_AT relationship.
func affiliationProps(a *netgraph.Affiliation) map[string]any {
	return map[string]any{"role": a.Role, "since": optTime(a.Since)}
}

// membershipProps returns the properties of a MEMBER_OF relationship.
func membershipProps(m *netgraph.Membership) map[string]any {
	return map[string]any{"role": string(m.Role), "since": optTime(m.Since)}
}

// tieProps returns the properties of a TIE relationship, its key included.
func tieProps(t *netgraph.Tie) map[string]any {
	return map[string]any{
		"key":             tieKey(t.Key()),
		"kind":            string(t.Kind),
		"strength":        t.Strength,
		"since":           t.Since.UTC(),
		"lastInteraction": optTime(t.LastInteraction),
	}
}

// partnershipProps returns the properties of a PARTNERS_WITH relationship,
// its key included.
func partnershipProps(p *netgraph.Partnership) map[string]any {
	return map[string]any{
		"key":   partnershipKey(p.From, p.To, p.Kind),
		"kind":  string(p.Kind),
		"since": optTime(p.Since),
	}
}

// tieKey is the TIE.key of the tie k names: "<A>|<B>|<KIND>" with A < B.
func tieKey(k netgraph.TieKey) string {
	return pairKey(k.A, k.B, string(k.Kind))
}

// partnershipKey is the PARTNERS_WITH.key of the partnership of kind between
// organisations a and b, in either order.
func partnershipKey(a, b string, kind netgraph.PartnershipKind) string {
	return pairKey(a, b, string(kind))
}

// keySeparator joins the parts of a tie's or a partnership's key; the ids
// of people and organisations never hold it (checkKeyedID).
const keySeparator = "|"

func pairKey(a, b, kind string) string {
	if b < a {
		a, b = b, a
	}
	return a + keySeparator + b + keySeparator + kind
}

func optString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// optLower is a case-insensitive text filter's parameter: nil when unset.
func optLower(s string) any {
	if s == "" {
		return nil
	}
	return strings.ToLower(s)
}

// optStrings keeps nil apart from empty: nil is stored as no property, empty
// as an empty list.
func optStrings(s []string) any {
	if s == nil {
		return nil
	}
	return s
}

// optTime sends times as UTC: the driver sends a time's location by name, and
// Neo4j knows no zone called "Local".
func optTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// Results.

// value returns column key of rec as a T.
func value[T any](rec *neo4j.Record, key string) (T, error) {
	var zero T
	v, ok := rec.Get(key)
	if !ok {
		return zero, fmt.Errorf("record has no column %q", key)
	}
	t, ok := v.(T)
	if !ok {
		return zero, fmt.Errorf("column %q is %T, want %T", key, v, zero)
	}
	return t, nil
}

// properties reads typed properties of a node or relationship, keeping the
// first error. Absent properties read as zero values.
type properties struct {
	what string // the entity, for errors
	m    map[string]any
	err  error
}

func (p *properties) fail(key string, v any, want string) {
	if p.err == nil {
		p.err = fmt.Errorf("%s: property %s is %T, want %s", p.what, key, v, want)
	}
}

func (p *properties) str(key string) string {
	switch v := p.m[key].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		p.fail(key, v, "string")
		return ""
	}
}

func (p *properties) boolean(key string) bool {
	switch v := p.m[key].(type) {
	case nil:
		return false
	case bool:
		return v
	default:
		p.fail(key, v, "boolean")
		return false
	}
}

func (p *properties) float(key string) float64 {
	switch v := p.m[key].(type) {
	case nil:
		return 0
	case float64:
		return v
	case int64:
		return float64(v)
	default:
		p.fail(key, v, "float")
		return 0
	}
}

func (p *properties) integer(key string) int64 {
	switch v := p.m[key].(type) {
	case nil:
		return 0
	case int64:
		return v
	default:
		p.fail(key, v, "integer")
		return 0
	}
}

// strs reads a list of strings: nil when absent, empty when empty.
func (p *properties) strs(key string) []string {
	switch v := p.m[key].(type) {
	case nil:
		return nil
	case []string:
		return v
	case []any:
		out := make([]string, len(v))
		for i, x := range v {
			s, ok := x.(string)
			if !ok {
				p.fail(key, x, "list of strings")
				return nil
			}
			out[i] = s
		}
		return out
	default:
		p.fail(key, v, "list of strings")
		return nil
	}
}

// optTime reads a time as UTC; nil when absent. The store writes DATETIMEs,
// which the driver returns as time.Time; a LOCAL DATETIME written by hand is
// taken to be UTC.
func (p *properties) optTime(key string) *time.Time {
	var t time.Time
	switch v := p.m[key].(type) {
	case nil:
		return nil
	case time.Time:
		t = v.UTC()
	case dbtype.LocalDateTime:
		l := time.Time(v)
		t = time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC)
	default:
		p.fail(key, v, "datetime")
		return nil
	}
	return &t
}

func (p *properties) time(key string) time.Time {
	if t := p.optTime(key); t != nil {
		return *t
	}
	return time.Time{}
}

// node returns column key of rec, which must hold a node.
func node(rec *neo4j.Record, key string) (*properties, error) {
	n, err := value[dbtype.Node](rec, key)
	if err != nil {
		return nil, err
	}
	id, _ := n.Props["id"].(string)
	return &properties{what: key + " " + id, m: n.Props}, nil
}

// personFrom reads a person from column key of rec.
func personFrom(rec *neo4j.Record, key string) (*netgraph.Person, error) {
	p, err := node(rec, key)
	if err != nil {
		return nil, err
	}
	out := &netgraph.Person{
		ID:         p.str("id"),
		ExternalID: p.str("externalId"),
		Name:       p.str("name"),
		Email:      p.str("email"),
		Title:      p.str("title"),
		Profession: p.str("profession"),
		Region:     p.str("region"),
		Interests:  p.strs("interests"),
		Consent:    p.boolean("consent"),
		CreatedAt:  p.time("createdAt"),
		UpdatedAt:  p.time("updatedAt"),
	}
	return out, p.err
}

// organisationFrom reads an organisation from column key of rec.
func organisationFrom(rec *neo4j.Record, key string) (*netgraph.Organisation, error) {
	p, err := node(rec, key)
	if err != nil {
		return nil, err
	}
	out := &netgraph.Organisation{
		ID:         p.str("id"),
		ExternalID: p.str("externalId"),
		Name:       p.str("name"),
		Sector:     netgraph.Sector(p.str("sector")),
		Region:     p.str("region"),
		CreatedAt:  p.time("createdAt"),
		UpdatedAt:  p.time("updatedAt"),
	}
	return out, p.err
}

// networkFrom reads a network from column key of rec.
func networkFrom(rec *neo4j.Record, key string) (*netgraph.Network, error) {
	p, err := node(rec, key)
	if err != nil {
		return nil, err
	}
	out := &netgraph.Network{
		ID:         p.str("id"),
		ExternalID: p.str("externalId"),
		Name:       p.str("name"),
		Type:       netgraph.NetworkType(p.str("type")),
		Purpose:    p.str("purpose"),
		Region:     p.str("region"),
		Specialty:  p.str("specialty"),
		CreatedAt:  p.time("createdAt"),
		UpdatedAt:  p.time("updatedAt"),

		Aims:               p.str("aims"),
		HostOrganisationID: p.str("hostOrganisationId"),
		ContactName:        p.str("contactName"),
		ContactEmail:       p.str("contactEmail"),
		MembershipPolicy:   netgraph.MembershipPolicy(p.str("membershipPolicy")),
		Website:            p.str("website"),
		TermsOfReference:   p.document("termsOfReference"),
		Memorandum:         p.document("memorandum"),
		Status:             netgraph.NetworkStatus(p.str("status")),
	}
	out.SetDefaults() // a network written before networks had profiles
	return out, p.err
}

// document reads the document documentProps wrote under prefix; nil when
// it has no title.
func (p *properties) document(prefix string) *netgraph.Document {
	if p.m[prefix+"Title"] == nil {
		return nil
	}
	return &netgraph.Document{Title: p.str(prefix + "Title"), Link: p.str(prefix + "Link"),
		ReviewDate: p.optTime(prefix + "ReviewDate")}
}

// relRow is a relationship as the relation statements return it: the ids of
// its start and end nodes (fromId, toId), its properties (rel), and for
// by-owner reads the id it was asked for (owner).
type relRow struct {
	owner    string
	from, to string
	props    *properties
}

func relRowFrom(rec *neo4j.Record) (relRow, error) {
	var r relRow
	var err error
	if r.from, err = value[string](rec, "fromId"); err != nil {
		return r, err
	}
	if r.to, err = value[string](rec, "toId"); err != nil {
		return r, err
	}
	rel, err := value[dbtype.Relationship](rec, "rel")
	if err != nil {
		return r, err
	}
	r.props = &properties{what: rel.Type + " " + r.from + "->" + r.to, m: rel.Props}
	if _, ok := rec.Get("owner"); ok {
		r.owner, err = value[string](rec, "owner")
	}
	return r, err
}

func affiliationFrom(r relRow) (netgraph.Affiliation, error) {
	a := netgraph.Affiliation{PersonID: r.from, OrganisationID: r.to,
		Role: r.props.str("role"), Since: r.props.optTime("since")}
	return a, r.props.err
}

func membershipFrom(r relRow) (netgraph.Membership, error) {
	m := netgraph.Membership{PersonID: r.from, NetworkID: r.to,
		Role: netgraph.MembershipRole(r.props.str("role")), Since: r.props.optTime("since")}
	return m, r.props.err
}

func tieFrom(r relRow) (netgraph.Tie, error) {
	t := netgraph.Tie{From: r.from, To: r.to, Kind: netgraph.TieKind(r.props.str("kind")),
		Strength: r.props.float("strength"), Since: r.props.time("since"),
		LastInteraction: r.props.optTime("lastInteraction")}
	return t, r.props.err
}

func partnershipFrom(r relRow) (netgraph.Partnership, error) {
	p := netgraph.Partnership{From: r.from, To: r.to, Kind: netgraph.PartnershipKind(r.props.str("kind")),
		Since: r.props.optTime("since")}
	return p, r.props.err
}
