package app

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/xuri/excelize/v2"
)

// SheetStore is what a spreadsheet import reads and writes.
type SheetStore interface {
	GraphReader
	RecordImporter
}

// SheetCount is what an import does to the rows of one kind.
type SheetCount struct {
	New, Changed, Unchanged int
}

// SheetPlan is what importing a set of sheets does: the records it writes
// (new and changed ones only) and the counts per kind.
type SheetPlan struct {
	Records []netgraph.Record
	Counts  map[SheetKind]SheetCount
}

// String summarises the plan, a kind a line, in import order.
func (p *SheetPlan) String() string {
	var b strings.Builder
	for _, k := range SheetKinds {
		if c, ok := p.Counts[k]; ok {
			fmt.Fprintf(&b, "%s: %d new, %d changed, %d unchanged\n", k, c.New, c.Changed, c.Unchanged)
		}
	}
	return b.String()
}

// ImportSheets imports spreadsheets into s, all or nothing: every row is
// checked first (SheetProblems names the sheet, line and column of each
// fault), then everything that is new or changed is written in one Import,
// one transaction. Rows match what the store holds by external id, so
// importing the same files again changes nothing; a column a sheet leaves
// out leaves that field as it is, and an empty cell clears it. Nothing is
// deleted. With dryRun it only returns the plan.
func ImportSheets(ctx context.Context, s SheetStore, sheets []Sheet, now time.Time, dryRun bool) (*SheetPlan, error) {
	plan, err := PlanSheets(ctx, s, sheets, now)
	if err != nil || dryRun || len(plan.Records) == 0 {
		return plan, err
	}
	if err := s.Import(ctx, plan.Records); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return plan, nil
}

// MaxSheetProblems is how many faults a plan lists before it stops looking:
// enough to fix a sheet in one go, not a wall of one mistake repeated.
const MaxSheetProblems = 100

// SheetProblems are the faults found in a set of sheets, in the order of the
// rows (at most MaxSheetProblems). Its message is one fault a line.
type SheetProblems []*CellError

func (p SheetProblems) Error() string {
	lines := make([]string, len(p))
	for i, e := range p {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives errors.As each fault.
func (p SheetProblems) Unwrap() []error {
	errs := make([]error, len(p))
	for i, e := range p {
		errs[i] = e
	}
	return errs
}

// PlanSheets works out what importing sheets into s would write, checking
// every row; it writes nothing. Faulty rows make it fail with SheetProblems,
// every fault found (up to MaxSheetProblems), not just the first.
func PlanSheets(ctx context.Context, s GraphReader, sheets []Sheet, now time.Time) (*SheetPlan, error) {
	p := &sheetPlanner{plan: &SheetPlan{Counts: map[SheetKind]SheetCount{}}, now: now.UTC(),
		extLines: map[string]string{}}
	if err := p.readStore(ctx, s); err != nil {
		return nil, err
	}
	ordered := slices.Clone(sheets)
	slices.SortStableFunc(ordered, func(a, b Sheet) int {
		return slices.Index(SheetKinds, a.Kind) - slices.Index(SheetKinds, b.Kind)
	})
	var problems SheetProblems
	for i := range ordered {
		sh := &ordered[i]
		c := p.plan.Counts[sh.Kind]
		for _, r := range sh.Rows {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if len(problems) == MaxSheetProblems {
				return nil, problems
			}
			rec, old, err := p.row(sh, r)
			var cellErr *CellError
			if errors.As(err, &cellErr) {
				problems = append(problems, cellErr)
				continue
			}
			if err != nil {
				return nil, err
			}
			clean, err := rec.Clean()
			if err != nil {
				problems = append(problems, sh.errorAt(r, fieldColumn(err), errors.New(netgraph.ErrorMessage(err))))
				continue
			}
			switch {
			case old == nil:
				c.New++
			case sameRecord(clean, *old):
				c.Unchanged++
				continue
			default:
				c.Changed++
			}
			p.plan.Records = append(p.plan.Records, clean)
		}
		p.plan.Counts[sh.Kind] = c
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return p.plan, nil
}

// sheetPlanner holds what the store has, and what earlier rows added, by
// external id and by relation key.
type sheetPlanner struct {
	plan *SheetPlan
	now  time.Time

	people        map[string]*netgraph.Person // by external id
	organisations map[string]*netgraph.Organisation
	networks      map[string]*netgraph.Network
	affiliations  map[[2]string]*netgraph.Affiliation // by person id, organisation id
	memberships   map[[2]string]*netgraph.Membership
	ties          map[netgraph.TieKey]*netgraph.Tie
	partnerships  map[partnershipKey]*netgraph.Partnership

	// extLines names where each external id or relation was given, so that
	// a second row for it says where the first is ("people.csv line 4").
	extLines map[string]string
}

func (p *sheetPlanner) readStore(ctx context.Context, s GraphReader) error {
	p.people, p.organisations, p.networks = map[string]*netgraph.Person{}, map[string]*netgraph.Organisation{}, map[string]*netgraph.Network{}
	p.affiliations, p.memberships = map[[2]string]*netgraph.Affiliation{}, map[[2]string]*netgraph.Membership{}
	p.ties, p.partnerships = map[netgraph.TieKey]*netgraph.Tie{}, map[partnershipKey]*netgraph.Partnership{}
	_, err := s.ReadGraph(ctx, func(r netgraph.Record) error {
		switch {
		case r.Person != nil && r.Person.ExternalID != "":
			p.people[r.Person.ExternalID] = r.Person
		case r.Organisation != nil && r.Organisation.ExternalID != "":
			p.organisations[r.Organisation.ExternalID] = r.Organisation
		case r.Network != nil && r.Network.ExternalID != "":
			p.networks[r.Network.ExternalID] = r.Network
		case r.Affiliation != nil:
			p.affiliations[[2]string{r.Affiliation.PersonID, r.Affiliation.OrganisationID}] = r.Affiliation
		case r.Membership != nil:
			p.memberships[[2]string{r.Membership.PersonID, r.Membership.NetworkID}] = r.Membership
		case r.Tie != nil:
			p.ties[r.Tie.Key()] = r.Tie
		case r.Partnership != nil:
			p.partnerships[keyOf(r.Partnership)] = r.Partnership
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the store: %w", err)
	}
	return nil
}

// partnershipKey is a partnership's identity: undirected, so its ends in
// order, and its kind.
type partnershipKey struct {
	a, b string
	kind netgraph.PartnershipKind
}

func keyOf(pt *netgraph.Partnership) partnershipKey {
	return partnershipKey{min(pt.From, pt.To), max(pt.From, pt.To), pt.Kind}
}

// once refuses a second row for the same entity or relation.
func (p *sheetPlanner) once(sh *Sheet, r SheetRow, column, key string) error {
	if first, dup := p.extLines[key]; dup {
		return sh.errorAt(r, column, fmt.Errorf("given twice: also on %s", first))
	}
	p.extLines[key] = fmt.Sprintf("%s line %d", sh.Name, r.Line)
	return nil
}

// row turns one row into a record, with the record the store already has
// for it (nil if none).
func (p *sheetPlanner) row(sh *Sheet, r SheetRow) (netgraph.Record, *netgraph.Record, error) {
	has := func(col string) bool { return slices.Contains(sh.Columns, col) }
	cell := func(col string) string { return sh.cell(r, col) }
	// set copies a column's value into *dst when the sheet has the column.
	set := func(dst *string, col string) {
		if has(col) {
			*dst = cell(col)
		}
	}
	switch sh.Kind {
	case SheetPeople:
		ext := cell("external_id")
		if err := p.entityOnce(sh, r, "person", ext); err != nil {
			return netgraph.Record{}, nil, err
		}
		q, old := &netgraph.Person{ID: netgraph.NewID(netgraph.PersonIDPrefix), Consent: true, CreatedAt: p.now}, (*netgraph.Record)(nil)
		if have := p.people[ext]; have != nil {
			cp := *have
			q, old = &cp, &netgraph.Record{Person: have}
			q.Interests = slices.Clone(have.Interests)
		}
		q.ExternalID, q.Name, q.UpdatedAt = ext, cell("name"), p.now
		set(&q.Email, "email")
		set(&q.Title, "title")
		set(&q.Profession, "profession")
		set(&q.Region, "region")
		if has("interests") {
			q.Interests = splitList(cell("interests"))
		}
		if has("consent") && cell("consent") != "" {
			c, err := parseYesNo(cell("consent"))
			if err != nil {
				return netgraph.Record{}, nil, sh.errorAt(r, "consent", err)
			}
			q.Consent = c
		}
		p.people[ext] = q
		return netgraph.Record{Person: q}, old, nil

	case SheetOrganisations:
		ext := cell("external_id")
		if err := p.entityOnce(sh, r, "organisation", ext); err != nil {
			return netgraph.Record{}, nil, err
		}
		o, old := &netgraph.Organisation{ID: netgraph.NewID(netgraph.OrganisationIDPrefix), CreatedAt: p.now}, (*netgraph.Record)(nil)
		if have := p.organisations[ext]; have != nil {
			cp := *have
			o, old = &cp, &netgraph.Record{Organisation: have}
		}
		o.ExternalID, o.Name, o.UpdatedAt = ext, cell("name"), p.now
		if has("sector") {
			o.Sector = netgraph.Sector(enumValue(cell("sector")))
		}
		set(&o.Region, "region")
		p.organisations[ext] = o
		return netgraph.Record{Organisation: o}, old, nil

	case SheetNetworks:
		ext := cell("external_id")
		if err := p.entityOnce(sh, r, "network", ext); err != nil {
			return netgraph.Record{}, nil, err
		}
		n, old := &netgraph.Network{ID: netgraph.NewID(netgraph.NetworkIDPrefix), CreatedAt: p.now}, (*netgraph.Record)(nil)
		if have := p.networks[ext]; have != nil {
			cp := *have
			n, old = &cp, &netgraph.Record{Network: have}
		}
		n.ExternalID, n.Name, n.Type, n.UpdatedAt = ext, cell("name"), netgraph.NetworkType(enumValue(cell("type"))), p.now
		set(&n.Purpose, "purpose")
		set(&n.Region, "region")
		set(&n.Specialty, "specialty")
		if err := p.networkProfile(sh, r, n); err != nil {
			return netgraph.Record{}, nil, err
		}
		p.networks[ext] = n
		return netgraph.Record{Network: n}, old, nil

	case SheetAffiliations:
		person, err := p.person(sh, r, "person")
		if err != nil {
			return netgraph.Record{}, nil, err
		}
		org, err := p.organisation(sh, r, "organisation")
		if err != nil {
			return netgraph.Record{}, nil, err
		}
		key := [2]string{person, org}
		if err := p.once(sh, r, "person", fmt.Sprint("affiliation", key)); err != nil {
			return netgraph.Record{}, nil, err
		}
		a, old := &netgraph.Affiliation{PersonID: person, OrganisationID: org}, (*netgraph.Record)(nil)
		if have := p.affiliations[key]; have != nil {
			cp := *have
			a, old = &cp, &netgraph.Record{Affiliation: have}
		}
		set(&a.Role, "role")
		if err := p.date(sh, r, "since", &a.Since); err != nil {
			return netgraph.Record{}, nil, err
		}
		return netgraph.Record{Affiliation: a}, old, nil

	case SheetMemberships:
		person, err := p.person(sh, r, "person")
		if err != nil {
			return netgraph.Record{}, nil, err
		}
		nw, err := p.network(sh, r, "network")
		if err != nil {
			return netgraph.Record{}, nil, err
		}
		key := [2]string{person, nw}
		if err := p.once(sh, r, "person", fmt.Sprint("membership", key)); err != nil {
			return netgraph.Record{}, nil, err
		}
		m, old := &netgraph.Membership{PersonID: person, NetworkID: nw}, (*netgraph.Record)(nil)
		if have := p.memberships[key]; have != nil {
			cp := *have
			m, old = &cp, &netgraph.Record{Membership: have}
		}
		if has("role") {
			m.Role = netgraph.MembershipRole(enumValue(cell("role")))
		}
		if err := p.date(sh, r, "since", &m.Since); err != nil {
			return netgraph.Record{}, nil, err
		}
		return netgraph.Record{Membership: m}, old, nil

	case SheetTies:
		from, err := p.person(sh, r, "from")
		if err != nil {
			return netgraph.Record{}, nil, err
		}
		to, err := p.person(sh, r, "to")
		if err != nil {
			return netgraph.Record{}, nil, err
		}
		kind := netgraph.TieKnows
		if cell("kind") != "" {
			kind = netgraph.TieKind(enumValue(cell("kind")))
		}
		key := netgraph.NewTieKey(from, to, kind)
		if err := p.once(sh, r, "from", fmt.Sprint("tie", key)); err != nil {
			return netgraph.Record{}, nil, err
		}
		t, old := &netgraph.Tie{From: from, To: to, Kind: kind, Strength: netgraph.DefaultStrength, Since: p.now}, (*netgraph.Record)(nil)
		if have := p.ties[key]; have != nil {
			cp := *have
			t, old = &cp, &netgraph.Record{Tie: have}
		}
		if s := cell("strength"); s != "" {
			v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
			if err != nil {
				return netgraph.Record{}, nil, sh.errorAt(r, "strength", fmt.Errorf("%q is not a number", s))
			}
			t.Strength = v
		}
		var since *time.Time
		if err := p.date(sh, r, "since", &since); err != nil {
			return netgraph.Record{}, nil, err
		}
		if since != nil {
			t.Since = *since
		}
		if err := p.date(sh, r, "last_interaction", &t.LastInteraction); err != nil {
			return netgraph.Record{}, nil, err
		}
		return netgraph.Record{Tie: t}, old, nil

	case SheetPartnerships:
		from, err := p.organisation(sh, r, "from")
		if err != nil {
			return netgraph.Record{}, nil, err
		}
		to, err := p.organisation(sh, r, "to")
		if err != nil {
			return netgraph.Record{}, nil, err
		}
		pt := &netgraph.Partnership{From: from, To: to, Kind: netgraph.PartnershipKind(enumValue(cell("kind")))}
		if pt.Kind == "" {
			pt.Kind = netgraph.PartnershipInformal
		}
		key := keyOf(pt)
		if err := p.once(sh, r, "from", fmt.Sprint("partnership", key)); err != nil {
			return netgraph.Record{}, nil, err
		}
		var old *netgraph.Record
		if have := p.partnerships[key]; have != nil {
			cp := *have
			pt, old = &cp, &netgraph.Record{Partnership: have}
		}
		if err := p.date(sh, r, "since", &pt.Since); err != nil {
			return netgraph.Record{}, nil, err
		}
		return netgraph.Record{Partnership: pt}, old, nil
	}
	return netgraph.Record{}, nil, fmt.Errorf("%s: unknown kind %q", sh.Name, sh.Kind)
}

func (p *sheetPlanner) entityOnce(sh *Sheet, r SheetRow, what, ext string) error {
	if ext == "" {
		return sh.errorAt(r, "external_id", errors.New("empty: every row needs the id the spreadsheet knows it by"))
	}
	return p.once(sh, r, "external_id", what+" "+ext)
}

// person, organisation and network find the id of the entity a cell names by
// external id, among the rows imported so far and the store.
func (p *sheetPlanner) person(sh *Sheet, r SheetRow, col string) (string, error) {
	if q := p.people[sh.cell(r, col)]; q != nil {
		return q.ID, nil
	}
	return "", p.unknown(sh, r, col, SheetPeople)
}

func (p *sheetPlanner) organisation(sh *Sheet, r SheetRow, col string) (string, error) {
	if o := p.organisations[sh.cell(r, col)]; o != nil {
		return o.ID, nil
	}
	return "", p.unknown(sh, r, col, SheetOrganisations)
}

func (p *sheetPlanner) network(sh *Sheet, r SheetRow, col string) (string, error) {
	if n := p.networks[sh.cell(r, col)]; n != nil {
		return n.ID, nil
	}
	return "", p.unknown(sh, r, col, SheetNetworks)
}

func (p *sheetPlanner) unknown(sh *Sheet, r SheetRow, col string, kind SheetKind) error {
	v := sh.cell(r, col)
	if v == "" {
		return sh.errorAt(r, col, errors.New("empty"))
	}
	return sh.errorAt(r, col, fmt.Errorf("no row of %s and nobody in the store has the external id %q", kind, v))
}

// networkProfile copies the register's columns of row r into n: the ones
// the sheet has, so that a sheet without them leaves a network's profile as
// it is. An empty policy or status is the default.
func (p *sheetPlanner) networkProfile(sh *Sheet, r SheetRow, n *netgraph.Network) error {
	has := func(col string) bool { return slices.Contains(sh.Columns, col) }
	for col, dst := range map[string]*string{"aims": &n.Aims, "contact_name": &n.ContactName,
		"contact_email": &n.ContactEmail, "website": &n.Website} {
		if has(col) {
			*dst = sh.cell(r, col)
		}
	}
	if has("host_organisation") {
		n.HostOrganisationID = ""
		if sh.cell(r, "host_organisation") != "" {
			id, err := p.organisation(sh, r, "host_organisation")
			if err != nil {
				return err
			}
			n.HostOrganisationID = id
		}
	}
	if has("membership_policy") {
		n.MembershipPolicy = netgraph.MembershipPolicy(enumValue(sh.cell(r, "membership_policy")))
	}
	if has("status") {
		n.Status = netgraph.NetworkStatus(enumValue(sh.cell(r, "status")))
	}
	for prefix, dst := range map[string]**netgraph.Document{"terms_of_reference": &n.TermsOfReference,
		"memorandum": &n.Memorandum} {
		if !has(prefix+"_title") && !has(prefix+"_link") && !has(prefix+"_review_date") {
			continue
		}
		var d netgraph.Document
		if *dst != nil {
			d = **dst
		}
		if has(prefix + "_title") {
			d.Title = sh.cell(r, prefix+"_title")
		}
		if has(prefix + "_link") {
			d.Link = sh.cell(r, prefix+"_link")
		}
		if err := p.date(sh, r, prefix+"_review_date", &d.ReviewDate); err != nil {
			return err
		}
		*dst = &d // an empty one is none: the record's validation drops it
	}
	return nil
}

// date parses a date column into *dst when the sheet has the column: an
// empty cell clears it. Dates are ISO 8601 (2026-03-01, or a full RFC 3339
// time); in a workbook, a cell formatted as a date arrives as its serial
// number and is read as one.
func (p *sheetPlanner) date(sh *Sheet, r SheetRow, col string, dst **time.Time) error {
	if !slices.Contains(sh.Columns, col) {
		return nil
	}
	v := sh.cell(r, col)
	if v == "" {
		*dst = nil
		return nil
	}
	t, err := parseDate(v, sh.Workbook)
	if err != nil {
		return sh.errorAt(r, col, err)
	}
	*dst = &t
	return nil
}

func parseDate(v string, workbook bool) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), nil
	}
	if serial, err := strconv.ParseFloat(v, 64); err == nil && workbook && serial >= 1 && serial < 2958466 {
		t, err := excelize.ExcelDateToTime(serial, false)
		if err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD", v)
}

// splitList splits a cell of several values ("diabetes; falls prevention").
func splitList(v string) []string {
	var out []string
	for item := range strings.SplitSeq(v, ";") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

func parseYesNo(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "yes", "y", "true", "1":
		return true, nil
	case "no", "n", "false", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q: write yes or no", v)
}

// enumValue turns a cell such as "NHS trust" or "clinical-operational" into
// the domain's spelling of an enumerated value (NHS_TRUST,
// CLINICAL_OPERATIONAL), which the record's validation then checks.
func enumValue(v string) string {
	return strings.ToUpper(canonicalColumn(v))
}

// fieldColumn names the column behind a domain validation error's field
// ("input.email" or "email" → email, "personId" → person).
func fieldColumn(err error) string {
	var e *netgraph.Error
	if !errors.As(err, &e) {
		return ""
	}
	f := e.Field
	// A document's field ("network.termsOfReference.link") is a column of its
	// own (terms_of_reference_link).
	for doc, col := range map[string]string{"termsOfReference.": "terms_of_reference_", "memorandum.": "memorandum_"} {
		if i := strings.Index(f, doc); i >= 0 {
			part := f[i+len(doc):]
			if part == "reviewDate" {
				part = "review_date"
			}
			return col + part
		}
	}
	if i := strings.LastIndexByte(f, '.'); i >= 0 {
		f = f[i+1:]
	}
	if i := strings.IndexByte(f, '['); i >= 0 {
		f = f[:i]
	}
	if c, ok := map[string]string{"externalId": "external_id", "personId": "person", "organisationId": "organisation",
		"networkId": "network", "lastInteraction": "last_interaction", "hostOrganisationId": "host_organisation",
		"contactName": "contact_name", "contactEmail": "contact_email", "membershipPolicy": "membership_policy"}[f]; ok {
		return c
	}
	return f
}

// sameRecord reports whether two records hold the same values, leaving out
// when they were last changed.
func sameRecord(a, b netgraph.Record) bool {
	strip := func(r netgraph.Record) netgraph.Record {
		switch {
		case r.Person != nil:
			cp := *r.Person
			cp.UpdatedAt = time.Time{}
			if len(cp.Interests) == 0 {
				cp.Interests = nil
			}
			r.Person = &cp
		case r.Organisation != nil:
			cp := *r.Organisation
			cp.UpdatedAt = time.Time{}
			r.Organisation = &cp
		case r.Network != nil:
			cp := *r.Network
			cp.UpdatedAt = time.Time{}
			r.Network = &cp
		}
		return r
	}
	return reflect.DeepEqual(strip(a), strip(b))
}
