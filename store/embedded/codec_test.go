package embedded

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
)

func TestCodecRoundTrip(t *testing.T) {
	created := time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC)
	early := time.Date(1901, 1, 1, 0, 0, 0, 1, time.UTC)
	p := netgraph.Person{ID: "per_1", ExternalID: "x", Name: "Ann Lee", Email: "ann@x.org", Title: "Matron",
		Profession: "Nursing", Region: "North", Interests: []string{"Falls", "Sepsis"}, Consent: true,
		CreatedAt: created, UpdatedAt: created.Add(time.Second)}
	gotP, err := decodePerson(p.ID, encodePerson(&p))
	if err != nil || !reflect.DeepEqual(gotP, p) {
		t.Errorf("person: got %+v, %v; want %+v", gotP, err, p)
	}
	o := netgraph.Organisation{ID: "org_1", Name: "Trust", Sector: netgraph.SectorNHSTrust, Region: "North", CreatedAt: early, UpdatedAt: created}
	if got, err := decodeOrganisation(o.ID, encodeOrganisation(&o)); err != nil || !reflect.DeepEqual(got, o) {
		t.Errorf("organisation: got %+v, %v; want %+v", got, err, o)
	}
	n := netgraph.Network{ID: "net_1", Name: "Stroke", Type: netgraph.NetworkLearning, Purpose: "p", Specialty: "s",
		CreatedAt: created, UpdatedAt: created, Aims: "a", HostOrganisationID: "org_1", ContactName: "Office",
		ContactEmail: "office@x.org", MembershipPolicy: netgraph.PolicyOpen, Website: "https://x.org/",
		TermsOfReference: &netgraph.Document{Title: "ToR", Link: "https://x.org/tor", ReviewDate: &early},
		Memorandum:       &netgraph.Document{Title: "MoU"}, Status: netgraph.StatusClosed}
	if got, err := decodeNetwork(n.ID, encodeNetwork(&n)); err != nil || !reflect.DeepEqual(got, n) {
		t.Errorf("network: got %+v, %v; want %+v", got, err, n)
	}
	role, since, err := decodeRole(encodeRole("Lead", &early), nil)
	if err != nil || role != "Lead" || !since.Equal(early) {
		t.Errorf("role: got %q, %v, %v", role, since, err)
	}
	tie := netgraph.Tie{From: "b", To: "a", Kind: netgraph.TieAdvises, Strength: 2.5, Since: early, LastInteraction: &created}
	tv, err := decodeTie(encodeTie(&tie))
	if err != nil || !tv.reversed || !tv.hasLast || tv.strength != 2.5 || !tv.since.time().Equal(early) || !tv.last.time().Equal(created) {
		t.Errorf("tie: got %+v, %v", tv, err)
	}
}

// TestNetworkWithoutProfile checks that a network written before networks
// had profiles reads back with the profile's defaults.
func TestNetworkWithoutProfile(t *testing.T) {
	created := time.Date(2024, 2, 29, 9, 0, 0, 0, time.UTC)
	e := encoder{}
	e.byte(valueFormat)
	for _, s := range []string{"ext-1", "Stroke", "LEARNING", "p", "North", "s"} {
		e.str(s)
	}
	e.time(created)
	e.time(created)
	want := netgraph.Network{ID: "net_1", ExternalID: "ext-1", Name: "Stroke", Type: netgraph.NetworkLearning,
		Purpose: "p", Region: "North", Specialty: "s", CreatedAt: created, UpdatedAt: created,
		MembershipPolicy: netgraph.DefaultMembershipPolicy, Status: netgraph.DefaultNetworkStatus}
	if got, err := decodeNetwork("net_1", e.b); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, %v; want %+v", got, err, want)
	}
	// A value cut inside its profile is corrupt, not an old value.
	n := want
	n.TermsOfReference = &netgraph.Document{Title: "ToR", ReviewDate: &created}
	v := encodeNetwork(&n)
	for cut := len(e.b) + 1; cut < len(v); cut++ {
		if _, err := decodeNetwork("net_1", v[:cut]); !errors.Is(err, errCorrupt) {
			t.Errorf("network cut to %d of %d bytes: %v; want errCorrupt", cut, len(v), err)
		}
	}
}

// TestCodecCorrupt checks that every truncation of a value is reported as
// corrupt rather than misread or panicking.
func TestCodecCorrupt(t *testing.T) {
	now := time.Now().UTC()
	p := netgraph.Person{ID: "per_1", Name: "Ann", Interests: []string{"Falls"}, CreatedAt: now, UpdatedAt: now}
	tie := netgraph.Tie{From: "a", To: "b", Kind: netgraph.TieKnows, Strength: 1, Since: now, LastInteraction: &now}
	for name, v := range map[string][]byte{"person": encodePerson(&p), "tie": encodeTie(&tie), "role": encodeRole("Lead", &now)} {
		for n := range len(v) {
			var err error
			switch name {
			case "person":
				_, err = decodePerson(p.ID, v[:n])
			case "tie":
				_, err = decodeTie(v[:n])
			case "role":
				_, _, err = decodeRole(v[:n], nil)
			}
			if !errors.Is(err, errCorrupt) {
				t.Errorf("%s truncated to %d of %d bytes: %v; want errCorrupt", name, n, len(v), err)
			}
		}
	}
	if _, err := decodePerson("per_1", append(encodePerson(&p), 0)); !errors.Is(err, errCorrupt) {
		t.Errorf("person with a trailing byte: %v; want errCorrupt", err)
	}
}

// TestAuditEntryCodec checks the round trip of an audit entry, and that every
// truncation is reported as corrupt.
func TestAuditEntryCodec(t *testing.T) {
	at := time.Date(2025, 3, 1, 12, 0, 0, 123, time.UTC)
	for _, e := range []netgraph.AuditEntry{
		{ID: "aud_1", At: at, Subject: "key:ops", Role: netgraph.RoleAdmin, RequestID: "req-1",
			Operation: netgraph.OpConnect, IDs: []string{"per_2", "per_1"}, Kind: "KNOWS"},
		{ID: "aud_2", At: at, Subject: netgraph.AuditSystem, Operation: netgraph.OpImport, Count: 70_000},
	} {
		v := encodeAuditEntry(&e)
		if got, err := decodeAuditEntry(e.ID, v); err != nil || !reflect.DeepEqual(got, e) {
			t.Errorf("got %+v, %v; want %+v", got, err, e)
		}
		if got, err := auditTimeOf(v); err != nil || !got.Equal(at) {
			t.Errorf("time alone: %v, %v; want %v", got, err, at)
		}
		for n := range len(v) {
			if _, err := decodeAuditEntry(e.ID, v[:n]); !errors.Is(err, errCorrupt) {
				t.Errorf("%s truncated to %d of %d bytes: %v; want errCorrupt", e.ID, n, len(v), err)
			}
		}
	}
}
