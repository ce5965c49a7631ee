package netgraph_test

import (
	"strings"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
)

func ptr[T any](v T) *T { return &v }

func TestPersonCreateValidation(t *testing.T) {
	now := time.Now()
	for _, tc := range []struct {
		name  string
		in    netgraph.PersonCreate
		field string
	}{
		{"EmptyName", netgraph.PersonCreate{Name: "  "}, "name"},
		{"LongName", netgraph.PersonCreate{Name: strings.Repeat("a", 201)}, "name"},
		{"ControlCharacter", netgraph.PersonCreate{Name: "a\x00b"}, "name"},
		{"BadEmail", netgraph.PersonCreate{Name: "Ann", Email: "ann@"}, "email"},
		{"EmailWithDisplayName", netgraph.PersonCreate{Name: "Ann", Email: "Ann <ann@x.org>"}, "email"},
		{"EmailWithoutDomainDot", netgraph.PersonCreate{Name: "Ann", Email: "ann@localhost"}, "email"},
		{"LongInterest", netgraph.PersonCreate{Name: "Ann", Interests: []string{strings.Repeat("x", 101)}}, "interests"},
		{"LongTitle", netgraph.PersonCreate{Name: "Ann", Title: strings.Repeat("t", 201)}, "title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.in.NewPerson("p1", now)
			if netgraph.ErrorCode(err) != netgraph.EINVALID || netgraph.ErrorField(err) != tc.field {
				t.Fatalf("got %v; want EINVALID on %s", err, tc.field)
			}
		})
	}
}

func TestPersonCreateNormalises(t *testing.T) {
	p, err := netgraph.PersonCreate{Name: " Ann Lee ", Email: "Ann.Lee@NHS.net",
		Interests: []string{"Diabetes", " diabetes", "", "Falls"}}.NewPerson("p1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Ann Lee" || p.Email != "ann.lee@nhs.net" || !p.Consent ||
		strings.Join(p.Interests, "|") != "Diabetes|Falls" {
		t.Errorf("got %+v", p)
	}
}

func TestEmailErrorOmitsTheAddress(t *testing.T) {
	_, err := netgraph.PersonCreate{Name: "Ann", Email: "ann.lee@nhs"}.NewPerson("p1", time.Now())
	if netgraph.ErrorField(err) != "email" || strings.Contains(err.Error(), "ann.lee") {
		t.Errorf("got %v; want EINVALID on input.email without the address, which is personal data", err)
	}
}

func TestTieCreateValidation(t *testing.T) {
	now := time.Now()
	for _, tc := range []struct {
		name  string
		in    netgraph.TieCreate
		field string
	}{
		{"Self", netgraph.TieCreate{From: "a", To: "a"}, "to"},
		{"NoFrom", netgraph.TieCreate{To: "a"}, "from"},
		{"ZeroStrength", netgraph.TieCreate{From: "a", To: "b", Strength: ptr(0.0)}, "strength"},
		{"StrengthTooHigh", netgraph.TieCreate{From: "a", To: "b", Strength: ptr(10.5)}, "strength"},
		{"UnknownKind", netgraph.TieCreate{From: "a", To: "b", Kind: "FRIENDS"}, "kind"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.in.NewTie(now)
			if netgraph.ErrorCode(err) != netgraph.EINVALID || netgraph.ErrorField(err) != tc.field {
				t.Fatalf("got %v; want EINVALID on %s", err, tc.field)
			}
		})
	}
	tie, err := netgraph.TieCreate{From: "b", To: "a"}.NewTie(now)
	if err != nil || tie.Kind != netgraph.TieKnows || tie.Strength != 1 || tie.Key() != netgraph.NewTieKey("a", "b", netgraph.TieKnows) {
		t.Errorf("defaults: got %+v, %v", tie, err)
	}
}

func TestEnumsAreChecked(t *testing.T) {
	now := time.Now()
	if _, err := (netgraph.OrganisationCreate{Name: "X", Sector: "SHOP"}).NewOrganisation("o", now); netgraph.ErrorField(err) != "sector" {
		t.Errorf("sector: %v", err)
	}
	if _, err := (netgraph.NetworkCreate{Name: "X"}).NewNetwork("n", now); netgraph.ErrorField(err) != "type" {
		t.Errorf("missing network type: %v", err)
	}
	m := netgraph.Membership{PersonID: "p", NetworkID: "n", Role: "BOSS"}
	if err := m.Validate(); netgraph.ErrorField(err) != "role" {
		t.Errorf("membership role: %v", err)
	}
	pt := netgraph.Partnership{From: "o", To: "o"}
	if err := pt.Validate(); netgraph.ErrorCode(err) != netgraph.EINVALID {
		t.Errorf("self partnership: %v", err)
	}
}

func TestRequire(t *testing.T) {
	ctx := t.Context()
	if netgraph.ErrorCode(netgraph.Require(ctx, netgraph.RoleViewer)) != netgraph.EUNAUTHENTICATED {
		t.Error("no caller should be unauthorised")
	}
	ctx = netgraph.WithCaller(ctx, netgraph.Caller{Subject: "k1", Role: netgraph.RoleAnalyst})
	if err := netgraph.Require(ctx, netgraph.RoleViewer); err != nil {
		t.Errorf("analyst as viewer: %v", err)
	}
	if netgraph.ErrorCode(netgraph.Require(ctx, netgraph.RoleAdmin)) != netgraph.EFORBIDDEN {
		t.Error("analyst as admin should be forbidden")
	}
}
