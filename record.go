package netgraph

import "strings"

// Clean validates a record for Import and returns a copy with its entity
// cleaned as on creation (text trimmed, e-mail lower-cased, defaults applied),
// ids and timestamps kept. Errors name the field under the record's kind
// ("person.name", "tie.from"). It does not check that referenced ids exist:
// that is the store's job.
func (r Record) Clean() (Record, error) {
	var out Record
	var kind string
	var err error
	n := 0
	if p := r.Person; p != nil {
		n, kind = n+1, "person"
		if err = checkRecordID(p.ID); err == nil {
			c := PersonCreate{ExternalID: p.ExternalID, Name: p.Name, Email: p.Email, Title: p.Title,
				Profession: p.Profession, Region: p.Region, Interests: p.Interests, Consent: &p.Consent}
			if out.Person, err = c.NewPerson(p.ID, p.CreatedAt); err == nil {
				out.Person.UpdatedAt = p.UpdatedAt
			}
		}
	}
	if o := r.Organisation; o != nil {
		n, kind = n+1, "organisation"
		if err = checkRecordID(o.ID); err == nil {
			c := OrganisationCreate{ExternalID: o.ExternalID, Name: o.Name, Sector: o.Sector, Region: o.Region}
			if out.Organisation, err = c.NewOrganisation(o.ID, o.CreatedAt); err == nil {
				out.Organisation.UpdatedAt = o.UpdatedAt
			}
		}
	}
	if nw := r.Network; nw != nil {
		n, kind = n+1, "network"
		if err = checkRecordID(nw.ID); err == nil {
			c := NetworkCreate{ExternalID: nw.ExternalID, Name: nw.Name, Type: nw.Type, Purpose: nw.Purpose,
				Region: nw.Region, Specialty: nw.Specialty, Aims: nw.Aims, HostOrganisationID: nw.HostOrganisationID,
				ContactName: nw.ContactName, ContactEmail: nw.ContactEmail, MembershipPolicy: nw.MembershipPolicy,
				Website: nw.Website, TermsOfReference: nw.TermsOfReference, Memorandum: nw.Memorandum,
				Status: nw.Status}
			if out.Network, err = c.NewNetwork(nw.ID, nw.CreatedAt); err == nil {
				out.Network.UpdatedAt = nw.UpdatedAt
			}
		}
	}
	if a := r.Affiliation; a != nil {
		n, kind = n+1, "affiliation"
		c := *a
		if err = c.Validate(); err == nil {
			out.Affiliation = &c
		}
	}
	if m := r.Membership; m != nil {
		n, kind = n+1, "membership"
		c := *m
		if err = c.Validate(); err == nil {
			out.Membership = &c
		}
	}
	if t := r.Tie; t != nil {
		n, kind = n+1, "tie"
		c := TieCreate{From: t.From, To: t.To, Kind: t.Kind, Strength: &t.Strength, Since: &t.Since,
			LastInteraction: t.LastInteraction}
		out.Tie, err = c.NewTie(t.Since)
	}
	if p := r.Partnership; p != nil {
		n, kind = n+1, "partnership"
		c := *p
		if err = c.Validate(); err == nil {
			out.Partnership = &c
		}
	}
	if n != 1 {
		return Record{}, Invalid("", "a record must hold exactly one entity or relation (got %d)", n)
	}
	if err != nil {
		e, ok := err.(*Error)
		if !ok {
			return Record{}, err
		}
		return Record{}, &Error{Code: e.Code, Field: kind + "." + e.Field,
			Message: e.Message}
	}
	return out, nil
}

// checkRecordID checks the id of an imported entity: non-empty, without
// surrounding spaces (which no id netgraph makes has, and which would make
// two ids look the same), printable and no longer than an external id.
func checkRecordID(id string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	if id != strings.TrimSpace(id) {
		return Invalid("id", "must not start or end with spaces")
	}
	return checkText("id", id, MaxExternalID)
}
