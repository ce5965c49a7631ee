package auth_test

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/auth"
)

func TestAuthenticate(t *testing.T) {
	srv := newJWKSServer(t, jwksJSON(ecJWK("ec-1", &ecKey().PublicKey)), false)
	clk := &clock{now: epoch}
	keys := mustParseKeys(t, "viewer "+viewerToken+"\nadmin "+adminToken+" ops\n")
	both, err := auth.New(keys, newVerifier(t, srv.URL, clk, nil))
	if err != nil {
		t.Fatal(err)
	}
	keysOnly, err := auth.New(keys, nil)
	if err != nil {
		t.Fatal(err)
	}
	token := sign(t, jwt.SigningMethodES256, "ec-1", ecKey(), claims())

	for _, c := range []struct {
		name    string
		a       *auth.Authenticator
		headers []string
		want    netgraph.Caller
		err     error
	}{
		{"APIKey", both, []string{"Bearer " + adminToken}, netgraph.Caller{Subject: "key:ops", Role: netgraph.RoleAdmin}, nil},
		{"SchemeAnyCase", keysOnly, []string{"bearer  " + viewerToken + " "}, netgraph.Caller{Subject: "key:" + hashPrefix(viewerToken), Role: netgraph.RoleViewer}, nil},
		{"JWT", both, []string{"Bearer " + token}, netgraph.Caller{Subject: "jwt:user-42", Role: netgraph.RoleAnalyst}, nil},
		{"JWTWithoutVerifier", keysOnly, []string{"Bearer " + token}, netgraph.Caller{}, auth.ErrInvalidCredentials},
		{"NoHeader", both, nil, netgraph.Caller{}, auth.ErrNoCredentials},
		{"EmptyBearer", both, []string{"Bearer "}, netgraph.Caller{}, auth.ErrInvalidCredentials},
		{"UnknownKey", both, []string{"Bearer not-a-key-0123456789"}, netgraph.Caller{}, auth.ErrInvalidCredentials},
		{"BasicScheme", both, []string{"Basic " + adminToken}, netgraph.Caller{}, auth.ErrInvalidCredentials},
		{"BareToken", both, []string{adminToken}, netgraph.Caller{}, auth.ErrInvalidCredentials},
		{"TwoHeaders", both, []string{"Bearer " + viewerToken, "Bearer " + adminToken}, netgraph.Caller{}, auth.ErrInvalidCredentials},
		{"BadJWT", both, []string{"Bearer " + token + "x"}, netgraph.Caller{}, auth.ErrInvalidCredentials},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/graphql", nil)
			for _, h := range c.headers {
				r.Header.Add("Authorization", h)
			}
			got, err := c.a.Authenticate(r)
			if !errors.Is(err, c.err) || got != c.want {
				t.Fatalf("Authenticate = %+v, %v; want %+v, %v", got, err, c.want, c.err)
			}
			if err != nil {
				for _, secret := range []string{adminToken, viewerToken, token} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("error repeats a token: %v", err)
					}
				}
			}
		})
	}
	if _, err := auth.New(nil, nil); err == nil {
		t.Error("New without keys or JWT succeeded")
	}
}
