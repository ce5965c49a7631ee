package analysis

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestStanding works standings out by hand: 40 people with betweenness
// 0, 1, …, 36 and three at 37 (a percentile), and 11 people (a place).
func TestStanding(t *testing.T) {
	large := make([]float64, 40)
	for v := range large {
		large[v] = float64(min(v, 37))
	}
	small := []float64{0, 0, 1, 2, 3, 3, 4, 5, 6, 9, 9}
	tests := []struct {
		values []float64
		x      float64
		want   string
	}{
		{large, 37, "betweenness in the top 3%"},     // place 1 of 40: 2.5% rounded up
		{large, 36, "betweenness in the top 10%"},    // place 4 (three above)
		{large, 20, "betweenness in the top 50%"},    // place 20 (19 above)
		{large, 19, "betweenness in the bottom 50%"}, // place 21 would be the top 53%; 20 at or below
		{large, 10, "betweenness in the bottom 28%"}, // 11 at or below: 27.5%
		{large, 0, "betweenness in the bottom 3%"},
		{small, 9, "betweenness ranks joint 1st of 11"},
		{small, 6, "betweenness ranks 3rd of 11"},
		{small, 3, "betweenness ranks joint 6th of 11"}, // 9, 9, 6, 5, 4 above
		{small, 0, "betweenness ranks joint 10th of 11"},
	}
	for _, tt := range tests {
		if got := newRanks(tt.values).standing("betweenness", "", tt.x); got != tt.want {
			t.Errorf("standing of %v among %d: %q; want %q", tt.x, len(tt.values), got, tt.want)
		}
	}
	for k, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 102: "102nd", 111: "111th"} {
		if got := ordinal(k); got != want {
			t.Errorf("ordinal(%d) = %q; want %q", k, got, want)
		}
	}
}

// ringMembers is n people, each tied to the next and in a community of
// their own, so that everyone's ties reach two communities.
func ringMembers(t *testing.T, n int) (*Snapshot, []int32) {
	t.Helper()
	var members []testMember
	var ties [][2]string
	community := make([]int32, n)
	for v := range n {
		members = append(members, testMember{id: strconv.Itoa(v)})
		ties = append(ties, [2]string{strconv.Itoa(v), strconv.Itoa((v + 1) % n)})
		community[v] = int32(v)
	}
	return buildNetwork(t, members, ties), community
}

// ids names candidates.
func ids(g *Snapshot, cands []RoleCandidate) []string {
	out := []string{}
	for _, c := range cands {
		out = append(out, g.ID(c.Person))
	}
	return out
}

// TestConnectorThresholdByHand: everyone's ties reach two communities, so
// only betweenness decides. In 11 people with betweenness
//
//	0.5, 0.3, 0.3, 0.1, 0.05, 0.01, 0, 0, 0, 0, 0   (mean 1.26/11 ≈ 0.115)
//
// a connector and everyone with betweenness at least theirs must be at most
// 11 × 10% = 1.1 people: only person 0, though six have positive betweenness
// (and 1, 2 are above the mean). In 20 people with the same figures (and
// more zeros) 2 may be named, but 1 and 2 tie, and with 0 they are 3: only 0
// again; in 30 people all three. When everyone has betweenness 0.2, nobody
// is above the mean; and 9 people have nobody in their top 10%.
func TestConnectorThresholdByHand(t *testing.T) {
	figures := []float64{0.5, 0.3, 0.3, 0.1, 0.05, 0.01}
	figure := func(v int) float64 {
		if v < len(figures) {
			return figures[v]
		}
		return 0
	}
	tests := []struct {
		name        string
		n           int
		betweenness func(v int) float64
		want        []string
	}{
		{"11 people", 11, figure, []string{"0"}},
		{"20 people", 20, figure, []string{"0"}},
		{"30 people", 30, figure, []string{"0", "1", "2"}},
		{"all alike", 20, func(int) float64 { return 0.2 }, []string{}},
		{"9 people", 9, figure, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, community := ringMembers(t, tt.n)
			m := RoleMetrics{Community: community}
			for v := range tt.n {
				m.Betweenness = append(m.Betweenness, tt.betweenness(v))
			}
			if got := ids(g, Connectors(g, m, 10)); !slicesEqual(got, tt.want) {
				t.Errorf("connectors %q; want %q", got, tt.want)
			}
		})
	}
	g, community := ringMembers(t, 30)
	m := RoleMetrics{Community: community, Betweenness: make([]float64, 30)}
	copy(m.Betweenness, figures)
	if got := ids(g, Connectors(g, m, 2)); !slicesEqual(got, []string{"0", "1"}) {
		t.Errorf("top 2 connectors %q; want the first 2 of 0, 1, 2", got)
	}
}

// TestSponsorThresholdByHand: with no organisations recorded, a sponsor's
// score is the mean of their eigenvector and PageRank percentiles. With
// both falling from person 0 down, person v of n scores 1 − v/(n − 1): in 11
// people 1, 0.9, 0.8, …, and 11 × 10% = 1.1 keeps person 0 only; in 20, 2
// keeps 0 and 1 (1 and 0.947, both above 0.75). When
// everyone's figures are alike everyone scores 0.5, below 0.75; 9 people
// have nobody in their top 10%.
func TestSponsorThresholdByHand(t *testing.T) {
	falling := func(v int) float64 { return 1 / float64(v+1) }
	tests := []struct {
		name   string
		n      int
		figure func(v int) float64
		want   []string
	}{
		{"11 people", 11, falling, []string{"0"}},
		{"20 people", 20, falling, []string{"0", "1"}},
		{"all alike", 20, func(int) float64 { return 0.05 }, []string{}},
		{"9 people", 9, falling, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _ := ringMembers(t, tt.n)
			var m RoleMetrics
			for v := range tt.n {
				m.Eigenvector = append(m.Eigenvector, tt.figure(v))
				m.PageRank = append(m.PageRank, tt.figure(v))
			}
			got := Sponsors(g, m, 10)
			if ids := ids(g, got); !slicesEqual(ids, tt.want) {
				t.Errorf("sponsors %q; want %q", ids, tt.want)
			}
			if len(got) > 0 && (tt.n == 20 && !near(got[1].Score, 1-1.0/19) || !near(got[0].Score, 1)) {
				t.Errorf("scores %v, %v; want 1 and 1 − 1/19", got[0].Score, got[len(got)-1].Score)
			}
		})
	}
}

func slicesEqual(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00") && len(a) == len(b)
}

// standingClaim matches what a reason says of where a person stands.
var standingClaim = regexp.MustCompile(`(betweenness|eigenvector|PageRank)(?: \(estimated\))? (?:in the (top|bottom) (\d+)%|ranks (joint )?(\d+)(?:st|nd|rd|th) of (\d+))`)

// scientific matches a number in exponent notation.
var scientific = regexp.MustCompile(`\d[eE][-+]?\d|NaN|Inf`)

// CheckReasonClaims checks every reason of r's connectors, sponsors and
// holders of the SPONSOR role against the evidence and the figures of
// everyone in scope, counting anew (not with the code under test): each
// standing stated is the one defined in reasons.go and stated once per
// metric, verdicts agree with it, counts agree with the evidence, every
// role holder meets its threshold, and no figure is in exponent notation.
// It returns how many standings it checked.
func CheckReasonClaims(t testing.TB, g *Snapshot, r *Result) int {
	t.Helper()
	n := len(r.People)
	values := map[string][]float64{}
	for _, p := range r.People {
		values["betweenness"] = append(values["betweenness"], p.Betweenness)
		values["eigenvector"] = append(values["eigenvector"], p.Eigenvector)
		values["PageRank"] = append(values["PageRank"], p.PageRank)
	}
	// where counts the people above, equal to and below x.
	where := func(metric string, x float64) (above, equal, below int) {
		for _, y := range values[metric] {
			switch {
			case y > x:
				above++
			case y == x:
				equal++
			default:
				below++
			}
		}
		return
	}
	ceil := func(k int) int { return int(math.Ceil(100 * float64(k) / float64(n))) }
	checked := 0
	lists := []struct {
		role  string
		cands []RoleCandidate
	}{{"connector", r.Connectors}, {"sponsor", r.Sponsors}, {"SPONSOR role holder", r.SponsorRoleHolders}}
	for _, list := range lists {
		for _, c := range list.cands {
			who := list.role + " " + g.ID(c.Person)
			ev := c.Evidence
			figure := map[string]float64{"betweenness": ev.Betweenness, "eigenvector": ev.Eigenvector, "PageRank": ev.PageRank}
			stated := map[string]bool{}
			for _, reason := range c.Reasons {
				if scientific.MatchString(reason) {
					t.Errorf("%s: reason %q has a figure in exponent notation", who, reason)
				}
				for _, claim := range standingClaim.FindAllStringSubmatch(reason, -1) {
					checked++
					metric := claim[1]
					if stated[metric] {
						t.Errorf("%s: %s stated twice: %q", who, metric, c.Reasons)
					}
					stated[metric] = true
					above, equal, below := where(metric, figure[metric])
					switch {
					case claim[2] == "top":
						p, _ := strconv.Atoi(claim[3])
						if n < rankInWordsBelow || p != ceil(above+1) || p > 50 {
							t.Errorf("%s: %q; %d of %d people are above, so top %d%%", who, reason, above, n, ceil(above+1))
						}
					case claim[2] == "bottom":
						q, _ := strconv.Atoi(claim[3])
						if n < rankInWordsBelow || q != ceil(below+equal) || ceil(above+1) <= 50 {
							t.Errorf("%s: %q; %d of %d people are at or below, %d above", who, reason, below+equal, n, above)
						}
					default:
						place, _ := strconv.Atoi(claim[5])
						of, _ := strconv.Atoi(claim[6])
						if n >= rankInWordsBelow || of != n || place != above+1 || (claim[4] != "") != (equal > 1) {
							t.Errorf("%s: %q; %d of %d people are above, %d equal", who, reason, above, n, equal)
						}
					}
					topPct, bottomPct := ceil(above+1), ceil(below+equal)
					switch {
					case strings.Contains(reason, "poorly placed"):
						if g.Degree(c.Person) > 0 && bottomPct > poorlyPlacedPercent {
							t.Errorf("%s: %q but %d%% are at or below", who, reason, bottomPct)
						}
					case strings.Contains(reason, "well placed"):
						if topPct > poorlyPlacedPercent {
							t.Errorf("%s: %q but only the top %d%%", who, reason, topPct)
						}
					case strings.Contains(reason, "fairly placed"):
						if topPct <= poorlyPlacedPercent || bottomPct <= poorlyPlacedPercent {
							t.Errorf("%s: %q but top %d%%, bottom %d%%", who, reason, topPct, bottomPct)
						}
					}
					if metric == "eigenvector" && !ev.HasSponsorRole && list.role == "sponsor" &&
						strings.Contains(reason, "tied to well-connected people") != (topPct <= wellConnectedPercent) {
						t.Errorf("%s: %q, and eigenvector in the top %d%%", who, reason, topPct)
					}
				}
				var k int
				if _, err := fmt.Sscanf(reason, "articulation point: %d", &k); err == nil && k != ev.CutOff {
					t.Errorf("%s: %q, evidence cuts off %d", who, reason, ev.CutOff)
				}
				if _, err := fmt.Sscanf(reason, "ties reach %d organisations", &k); err == nil && k != len(ev.Organisations) {
					t.Errorf("%s: %q, evidence %d organisations", who, reason, len(ev.Organisations))
				}
				if _, err := fmt.Sscanf(reason, "ties reach %d organisations", &k); err != nil && strings.HasPrefix(reason, "ties reach ") {
					checkCommunitiesReached(t, who, reason, ev.Communities, r.Communities)
				}
				if _, err := fmt.Sscanf(reason, "%d of their ties are bridges", &k); err == nil && k != ev.BridgesCut {
					t.Errorf("%s: %q, evidence %d bridges", who, reason, ev.BridgesCut)
				}
			}
			if len(c.Reasons) == 0 || g.Degree(c.Person) > 0 && len(stated) == 0 {
				t.Errorf("%s: no standing among the reasons %q", who, c.Reasons)
			}
			above, equal, _ := where("betweenness", ev.Betweenness)
			mean := 0.0
			for _, b := range values["betweenness"] {
				mean += b / float64(n)
			}
			if list.role == "connector" && (ev.Betweenness <= mean || 10*(above+equal) > n) {
				t.Errorf("%s: betweenness %v (mean %v) with %d of %d people above is below the threshold", who, ev.Betweenness, mean, above, n)
			}
			if list.role == "sponsor" && (c.Score <= sponsorMinScore || g.Degree(c.Person) == 0) {
				t.Errorf("%s: score %v is below the threshold", who, c.Score)
			}
			if list.role == "SPONSOR role holder" && !ev.HasSponsorRole {
				t.Errorf("%s does not hold the role", who)
			}
		}
	}
	checked += checkIntroductionClaims(t, g, r.Introductions)
	return checked
}

// drawInClaim matches what a draw-in reason says of the person inside.
var drawInClaim = regexp.MustCompile(`^brings in .*, who (has no ties yet|hangs on by a single tie), through .*, who has (\d+) ties(?: \((?:(\d+) of the (\d+) people|(\d+)% of the people) in scope have fewer\))?$`)

// checkIntroductionClaims checks introductions against the snapshot: the
// parts add up to the score (at most 100), each reason is a part's why, no
// two people cut off are paired without a mutual contact, and the counts
// and shares a reason states are the ones the ties give. It returns how
// many claims it checked.
func checkIntroductionClaims(t testing.TB, g *Snapshot, intros []Introduction) int {
	t.Helper()
	checked := 0
	for _, in := range intros {
		who := "introduction " + g.ID(in.A) + "–" + g.ID(in.B)
		sum := 0.0
		for i, p := range in.Parts {
			sum += p.Points
			if i >= len(in.Reasons) || in.Reasons[i] != p.Why || p.Points <= 0 {
				t.Errorf("%s: part %+v against reasons %q", who, p, in.Reasons)
			}
		}
		if math.Abs(min(sum, IntroductionScale)-in.Score) > 1e-9 || in.Score > IntroductionScale {
			t.Errorf("%s: score %v, parts add up to %v", who, in.Score, sum)
		}
		if g.Degree(in.A) <= 1 && g.Degree(in.B) <= 1 && len(in.MutualContacts) == 0 {
			t.Errorf("%s: both are cut off", who)
		}
		for _, reason := range in.Reasons {
			if scientific.MatchString(reason) {
				t.Errorf("%s: reason %q has a figure in exponent notation", who, reason)
			}
			var k int
			if _, err := fmt.Sscanf(reason, "%d mutual contact", &k); err == nil && k != len(in.MutualContacts) {
				t.Errorf("%s: %q, %d mutual contacts", who, reason, len(in.MutualContacts))
			}
			m := drawInClaim.FindStringSubmatch(reason)
			if m == nil {
				continue
			}
			checked++
			out, inside := in.A, in.B
			if g.Degree(in.B) <= 1 {
				out, inside = in.B, in.A
			}
			d := g.Degree(inside)
			fewer := 0
			for v := range g.N() {
				if g.Degree(v) < d {
					fewer++
				}
			}
			ties, _ := strconv.Atoi(m[2])
			if d < 2 || ties != d || (m[1] == "has no ties yet") != (g.Degree(out) == 0) {
				t.Errorf("%s: %q; they have %d and %d ties", who, reason, g.Degree(out), d)
			}
			switch {
			case m[3] != "":
				k, _ := strconv.Atoi(m[3])
				n, _ := strconv.Atoi(m[4])
				if k != fewer || n != g.N() || n >= rankInWordsBelow {
					t.Errorf("%s: %q; %d of %d have fewer ties", who, reason, fewer, g.N())
				}
			case m[5] != "":
				p, _ := strconv.Atoi(m[5])
				if p != 100*fewer/g.N() || p == 0 || g.N() < rankInWordsBelow {
					t.Errorf("%s: %q; %d of %d have fewer ties", who, reason, fewer, g.N())
				}
			default:
				if fewer != 0 && 100*fewer/g.N() != 0 {
					t.Errorf("%s: %q says nothing of the %d of %d with fewer ties", who, reason, fewer, g.N())
				}
			}
		}
	}
	return checked
}

// checkCommunitiesReached checks a reason listing the communities a
// person's ties reach: it names the first listShown of them, by name,
// and says how many more there are.
func checkCommunitiesReached(t testing.TB, who, reason string, reached []int, communities []Community) {
	t.Helper()
	if len(reached) < 2 {
		t.Errorf("%s: %q, but ties reach %d communities", who, reason, len(reached))
	}
	for _, c := range reached[:min(len(reached), listShown)] {
		if c >= len(communities) || !strings.Contains(reason, communities[c].Name) {
			t.Errorf("%s: %q does not name community %d", who, reason, c)
		}
	}
	if rest := len(reached) - listShown; rest > 1 && !strings.HasSuffix(reason, fmt.Sprintf(" and %d more communities", rest)) {
		t.Errorf("%s: %q; %d more communities are reached", who, reason, rest)
	}
}

// TestReasonClaimsMatchEvidence checks the reasons given on every graph of
// the NetworkX fixture (karate club, Florentine families, Les Misérables,
// …) and on the broker network, with its holders of the SPONSOR role.
func TestReasonClaimsMatchEvidence(t *testing.T) {
	graphs := map[string]*Snapshot{"brokers": brokerNetwork(t)}
	for _, ref := range loadReference(t) {
		graphs[ref.Name] = ref.snapshot()
	}
	for name, g := range graphs {
		t.Run(name, func(t *testing.T) {
			r, err := Analyse(context.Background(), g, Options{Metrics: MetricDegree, Roles: true, Introductions: true, Seed: 1, Top: 1000})
			if err != nil {
				t.Fatal(err)
			}
			checked := CheckReasonClaims(t, g, r)
			t.Logf("%d standings checked, %d connectors, %d sponsors, %d SPONSOR role holders", checked, len(r.Connectors), len(r.Sponsors), len(r.SponsorRoleHolders))
			if checked == 0 {
				t.Errorf("no standings stated (%d connectors, %d sponsors)", len(r.Connectors), len(r.Sponsors))
			}
		})
	}
}
