package netgraph

import "time"

// Person is someone in a network. Name, e-mail and the rest are personal data:
// they are shown only to callers entitled to them, kept out of logs, and erased
// with the person.
type Person struct {
	ID         string   `json:"id"`
	ExternalID string   `json:"externalId,omitempty"` // optional client-supplied id, unique; for idempotent import
	Name       string   `json:"name"`
	Email      string   `json:"email,omitempty"` // optional; lower-cased
	Title      string   `json:"title,omitempty"`
	Profession string   `json:"profession,omitempty"`
	Region     string   `json:"region,omitempty"`
	Interests  []string `json:"interests,omitempty"` // topics; unique case-insensitively, first spelling kept
	// Consent is true when the person agrees to be suggested for introductions.
	Consent   bool      `json:"consent"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// PersonCreate is the input to create a person. Consent defaults to true.
type PersonCreate struct {
	ExternalID string
	Name       string
	Email      string
	Title      string
	Profession string
	Region     string
	Interests  []string
	Consent    *bool
}

// NewPerson validates c and returns the person it describes, with the given id
// and creation time. Errors name the person's field ("name", "email").
func (c PersonCreate) NewPerson(id string, now time.Time) (*Person, error) {
	p := &Person{ID: id, Consent: true, CreatedAt: now, UpdatedAt: now}
	var err error
	if p.ExternalID, err = cleanExternalID("externalId", c.ExternalID); err != nil {
		return nil, err
	}
	if c.Consent != nil {
		p.Consent = *c.Consent
	}
	u := PersonUpdate{Name: &c.Name, Email: &c.Email, Title: &c.Title, Profession: &c.Profession,
		Region: &c.Region, Interests: &c.Interests}
	if err := u.apply(p); err != nil {
		return nil, err
	}
	return p, nil
}

// PersonUpdate changes some of a person's fields; nil fields are left alone.
type PersonUpdate struct {
	Name       *string
	Email      *string
	Title      *string
	Profession *string
	Region     *string
	Interests  *[]string
	Consent    *bool
}

// Empty reports whether u sets no field: an update with nothing to change,
// which stores answer with the person as they are, writing nothing (no
// audit entry, no new data version).
func (u PersonUpdate) Empty() bool { return u == PersonUpdate{} }

// Apply validates u and returns a copy of p with the changes applied and
// UpdatedAt set to now. p is not modified.
func (u PersonUpdate) Apply(p *Person, now time.Time) (*Person, error) {
	q := *p
	q.Interests = append([]string(nil), p.Interests...)
	if err := u.apply(&q); err != nil {
		return nil, err
	}
	if u.Consent != nil {
		q.Consent = *u.Consent
	}
	q.UpdatedAt = now
	return &q, nil
}

func (u PersonUpdate) apply(p *Person) (err error) {
	if u.Name != nil {
		if p.Name, err = cleanName("name", *u.Name, MaxNameLength); err != nil {
			return err
		}
	}
	if u.Email != nil {
		if p.Email, err = cleanEmail("email", *u.Email); err != nil {
			return err
		}
	}
	for _, f := range []struct {
		field string
		in    *string
		out   *string
	}{
		{"title", u.Title, &p.Title},
		{"profession", u.Profession, &p.Profession},
		{"region", u.Region, &p.Region},
	} {
		if f.in == nil {
			continue
		}
		if *f.out, err = cleanText(f.field, *f.in, MaxTextLength); err != nil {
			return err
		}
	}
	if u.Interests != nil {
		if p.Interests, err = cleanInterests("interests", *u.Interests); err != nil {
			return err
		}
	}
	return nil
}

// PersonFilter narrows a list of people; zero fields match everyone. Text
// matches are case-insensitive: NameContains is a substring, the others exact.
type PersonFilter struct {
	NameContains   string
	OrganisationID string // people affiliated with this organisation
	NetworkID      string // members of this network
	Profession     string
	Region         string
	Interest       string
}
