package analysis

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Reasons are read by facilitators, so they are written in plain words, in
// one place: where a person stands on a metric is said as a percentile of
// the people in scope ("betweenness in the top 5%") or, in a scope of fewer
// than rankInWordsBelow people, as a place ("eigenvector ranks 2nd of 11"),
// once per metric and person and never as a raw figure (the figures are in
// the evidence). Counts are whole numbers ("3 of their ties are bridges");
// lists of names are English prose.

// rankInWordsBelow is the size of scope below which a standing is said as a
// place rather than a percentile: in 11 people, "ranks 6th of 11" says more
// than "top 55%".
const rankInWordsBelow = 20

// ranks places a value among the values of a metric, one per person in
// scope.
type ranks struct{ sorted []float64 }

func newRanks(x []float64) ranks {
	s := slices.Clone(x)
	slices.Sort(s)
	return ranks{s}
}

// count returns how many values are below x and how many equal it.
func (r ranks) count(x float64) (below, equal int) {
	below, _ = slices.BinarySearch(r.sorted, x)
	// The end of the equal values by binary search too: thousands of people
	// may share a degree.
	upto := below + sort.Search(len(r.sorted)-below, func(i int) bool { return r.sorted[below+i] > x })
	return below, upto - below
}

// place is 1 plus the number of values above x: 1 for the highest, equal
// values sharing a place (1, 2, 2, 4).
func (r ranks) place(x float64) int {
	below, equal := r.count(x)
	return len(r.sorted) - below - equal + 1
}

// atLeast is the number of values at or above x.
func (r ranks) atLeast(x float64) int {
	below, _ := slices.BinarySearch(r.sorted, x)
	return len(r.sorted) - below
}

// topPercent is the smallest whole percentage p such that x is within the
// top p% of values: 100 × place / n, rounded up.
func (r ranks) topPercent(x float64) int {
	return ceilPercent(r.place(x), len(r.sorted))
}

// bottomPercent is the share of values at or below x, as a whole percentage
// rounded up.
func (r ranks) bottomPercent(x float64) int {
	below, equal := r.count(x)
	return ceilPercent(below+equal, len(r.sorted))
}

// percentile is the mid-rank of x among the values scaled to 0..1: 0 for the
// lowest value, 1 for the highest, tied values sharing the mean of their
// places.
func (r ranks) percentile(x float64) float64 {
	n := len(r.sorted)
	if n <= 1 {
		return 1
	}
	below, equal := r.count(x)
	return (float64(below) + float64(max(equal-1, 0))/2) / float64(n-1)
}

// standing says where x stands among the values of metric, for a reason:
// "betweenness in the top 5%" when that is at most half, otherwise
// "eigenvector in the bottom 18%" (each as topPercent and bottomPercent
// define it); in a scope of fewer than rankInWordsBelow people "PageRank
// ranks 2nd of 11" or "ranks joint 3rd of 11" (place as defined there).
// qualifier follows the metric's name ("betweenness (estimated)").
func (r ranks) standing(metric, qualifier string, x float64) string {
	name := metric + qualifier
	n := len(r.sorted)
	if n < rankInWordsBelow {
		joint := ""
		if _, equal := r.count(x); equal > 1 {
			joint = "joint "
		}
		return fmt.Sprintf("%s ranks %s%s of %d", name, joint, ordinal(r.place(x)), n)
	}
	if top := r.topPercent(x); top <= 50 {
		return fmt.Sprintf("%s in the top %d%%", name, top)
	}
	return fmt.Sprintf("%s in the bottom %d%%", name, r.bottomPercent(x))
}

func ceilPercent(k, n int) int {
	if n == 0 {
		return 0
	}
	return max(1, (100*k+n-1)/n)
}

// ordinal says 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ….
func ordinal(k int) string {
	suffix := "th"
	if k%100 < 11 || k%100 > 13 {
		switch k % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(k) + suffix
}

// listShown is how many names a reason lists before summarising the rest.
const listShown = 4

// joinList joins names as English prose: "A", "A and B", "A, B and C",
// "A, B, C, D and 3 more organisations" (or "and one other") beyond shown
// names; noun is plural.
func joinList(names []string, shown int, noun string) string {
	if len(names) > shown {
		if rest := len(names) - shown; rest > 1 {
			return strings.Join(names[:shown], ", ") + fmt.Sprintf(" and %d more %s", rest, noun)
		}
		return strings.Join(names[:shown], ", ") + " and one other"
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// communitiesNamed says what communities are called in a reason: each
// name (see Community.Name) in quotation marks, since a name may hold a
// comma ("“Leeds Teaching Hospitals, Nurse”, community 7 and “Bradford
// Council”"), or "community N" for a community without one.
func communitiesNamed(ids []int, names []string) []string {
	out := make([]string, len(ids))
	for i, c := range ids {
		if c >= 0 && c < len(names) && names[c] != CommunityNumber(c) {
			out[i] = "“" + names[c] + "”"
		} else {
			out[i] = CommunityNumber(c)
		}
	}
	return out
}

// communityNames are the names of communities, by number.
func communityNames(communities []Community) []string {
	if communities == nil {
		return nil
	}
	out := make([]string, len(communities))
	for _, c := range communities {
		out[c.ID] = c.Name
	}
	return out
}

// plural says "1 person" or "12 people".
func plural(k int, one, many string) string {
	if k == 1 {
		return "1 " + one
	}
	return strconv.Itoa(k) + " " + many
}

// The reasons of an introduction, one per part of its score (see
// Introductions).

func mutualContactsReason(k int) string { return plural(k, "mutual contact", "mutual contacts") }

func sameOrganisationReason(orgs string) string { return "both at " + orgs }

func sameSectorReason(sector string) string { return "both work in the " + sector + " sector" }

func sameRegionReason(region string) string { return "both in the region " + region }

func sharedInterestsReason(interests []string) string {
	if len(interests) == 1 {
		return "shared interest: " + interests[0]
	}
	return "shared interests: " + strings.Join(interests, ", ")
}

func bridgeReason(orgs string) string { return "links " + orgs }

// drawInReason names the member drawn in (with d ties, 0 or 1) and the
// person inside (with ties, more than below of the n people in scope have),
// saying a share as a whole percentage rounded down.
func drawInReason(name string, d int, other string, ties, below, n int) string {
	cutOff := "who has no ties yet"
	if d == 1 {
		cutOff = "who hangs on by a single tie"
	}
	s := fmt.Sprintf("brings in %s, %s, through %s, who has %d ties", name, cutOff, other, ties)
	switch pct := 100 * below / max(n, 1); {
	case below == 0:
	case n < rankInWordsBelow:
		s += fmt.Sprintf(" (%d of the %d people in scope have fewer)", below, n)
	case pct > 0:
		s += fmt.Sprintf(" (%d%% of the people in scope have fewer)", pct)
	}
	return s
}
