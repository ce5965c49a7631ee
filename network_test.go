package netgraph_test

import (
	"strings"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
)

func TestNetworkProfileValidation(t *testing.T) {
	now := time.Now()
	review := func(y int) *time.Time { return ptr(time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC)) }
	base := func(f func(*netgraph.NetworkCreate)) netgraph.NetworkCreate {
		c := netgraph.NetworkCreate{Name: "Northern Diabetes", Type: netgraph.NetworkManagedClinical}
		f(&c)
		return c
	}
	for _, tc := range []struct {
		name  string
		in    netgraph.NetworkCreate
		field string
	}{
		{"WebsiteWithoutScheme", base(func(c *netgraph.NetworkCreate) { c.Website = "example.org" }), "website"},
		{"WebsiteJavascript", base(func(c *netgraph.NetworkCreate) { c.Website = "javascript:alert(1)" }), "website"},
		{"WebsiteFTP", base(func(c *netgraph.NetworkCreate) { c.Website = "ftp://example.org/" }), "website"},
		{"WebsiteWithoutHost", base(func(c *netgraph.NetworkCreate) { c.Website = "https:///path" }), "website"},
		{"WebsiteWithPassword", base(func(c *netgraph.NetworkCreate) { c.Website = "https://a:b@example.org/" }), "website"},
		{"BadPolicy", base(func(c *netgraph.NetworkCreate) { c.MembershipPolicy = "WHOEVER" }), "membershipPolicy"},
		{"BadStatus", base(func(c *netgraph.NetworkCreate) { c.Status = "ASLEEP" }), "status"},
		{"BadContactEmail", base(func(c *netgraph.NetworkCreate) { c.ContactEmail = "office@" }), "contactEmail"},
		{"LongAims", base(func(c *netgraph.NetworkCreate) { c.Aims = strings.Repeat("a", 2001) }), "aims"},
		{"DocumentLinkNotWeb", base(func(c *netgraph.NetworkCreate) {
			c.TermsOfReference = &netgraph.Document{Title: "Terms", Link: "file:///etc/passwd"}
		}), "termsOfReference.link"},
		{"DocumentWithoutTitle", base(func(c *netgraph.NetworkCreate) {
			c.Memorandum = &netgraph.Document{Link: "https://example.org/mou.pdf"}
		}), "memorandum.title"},
		{"ReviewDateTypo", base(func(c *netgraph.NetworkCreate) {
			c.TermsOfReference = &netgraph.Document{Title: "Terms", ReviewDate: review(20026)}
		}), "termsOfReference.reviewDate"},
		{"ReviewDateLongAgo", base(func(c *netgraph.NetworkCreate) {
			c.Memorandum = &netgraph.Document{Title: "MoU", ReviewDate: review(1066)}
		}), "memorandum.reviewDate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.in.NewNetwork("n1", now)
			if netgraph.ErrorCode(err) != netgraph.EINVALID || netgraph.ErrorField(err) != tc.field {
				t.Fatalf("got %v; want EINVALID on %s", err, tc.field)
			}
		})
	}
}

func TestNetworkProfileDefaultsAndNormalises(t *testing.T) {
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	local := time.Date(2027, 3, 31, 0, 0, 0, 0, time.FixedZone("BST", 3600))
	n, err := netgraph.NetworkCreate{Name: "N", Type: netgraph.NetworkOperationalDelivery,
		ContactEmail: " Office@Network.NHS.uk ", Website: " https://network.nhs.uk/ ",
		TermsOfReference: &netgraph.Document{Title: " Terms of reference ", ReviewDate: &local},
		Memorandum:       &netgraph.Document{}}.NewNetwork("n1", now)
	if err != nil {
		t.Fatal(err)
	}
	if n.MembershipPolicy != netgraph.PolicyByRequest || n.Status != netgraph.StatusActive {
		t.Errorf("policy %q, status %q; want the defaults BY_REQUEST, ACTIVE", n.MembershipPolicy, n.Status)
	}
	if n.ContactEmail != "office@network.nhs.uk" || n.Website != "https://network.nhs.uk/" {
		t.Errorf("contact %q, website %q; want them trimmed, the e-mail lower-cased", n.ContactEmail, n.Website)
	}
	if d := n.TermsOfReference; d == nil || d.Title != "Terms of reference" || d.ReviewDate.Location() != time.UTC ||
		!d.ReviewDate.Equal(local) {
		t.Errorf("terms of reference %+v; want the title trimmed, the review date in UTC", d)
	}
	if n.Memorandum != nil {
		t.Errorf("memorandum %+v; want an empty document to be none", n.Memorandum)
	}

	// An update changes what it names; an empty document removes one.
	u, err := netgraph.NetworkUpdate{Status: ptr(netgraph.StatusDormant),
		TermsOfReference: &netgraph.Document{}}.Apply(n, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if u.Status != netgraph.StatusDormant || u.TermsOfReference != nil || u.Website != n.Website ||
		n.TermsOfReference == nil {
		t.Errorf("after update %+v (before %+v)", u, n)
	}
}

func TestNetworkFilterMatchesText(t *testing.T) {
	n := &netgraph.Network{Name: "Library Partnership", Purpose: "Evidence for staff", Specialty: "Dementia"}
	for text, want := range map[string]bool{"": true, "library": true, "EVIDENCE": true, "demen": true, "stroke": false} {
		if got := (netgraph.NetworkFilter{Text: text}).MatchesText(n); got != want {
			t.Errorf("Text %q matches %v; want %v", text, got, want)
		}
	}
}
