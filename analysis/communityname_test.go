package analysis

import (
	"slices"
	"testing"
)

func TestNameCommunity(t *testing.T) {
	org := func(v string) Attribute { return Attribute{AttributeOrganisation, v} }
	prof := func(v string) Attribute { return Attribute{AttributeProfession, v} }
	region := func(v string) Attribute { return Attribute{AttributeRegion, v} }
	interest := func(v string) Attribute { return Attribute{AttributeInterest, v} }
	for _, tc := range []struct {
		name       string
		attributes [][]Attribute
		members    []int
		want       string
		shared     []int // members behind each part of the name
	}{
		{
			"organisation before profession at equal shares",
			[][]Attribute{
				{org("Leeds Teaching Hospitals"), prof("Nurse"), region("Yorkshire")},
				{org("Leeds Teaching Hospitals"), prof("Nurse"), region("North East")},
				{org("leeds teaching hospitals"), prof("nurse"), interest("diabetes")},
			},
			[]int{0, 1, 2}, "Leeds Teaching Hospitals, Nurse", []int{3, 3},
		},
		{
			"most members first, then kind",
			[][]Attribute{
				{org("City Library"), region("North West"), interest("health literacy")},
				{org("City Library"), region("North West"), interest("health literacy")},
				{org("County Council"), region("North West"), interest("health literacy")},
				{org("County Council"), region("North West"), interest("falls prevention")},
			},
			[]int{0, 1, 2, 3}, "North West, health literacy", []int{4, 3},
		},
		{
			"at least half, and at most two parts",
			[][]Attribute{
				{org("A"), prof("GP"), region("South West")},
				{org("A"), prof("GP"), region("South West")},
				{org("B"), prof("Pharmacist"), region("London")},
				{org("C"), prof("Nurse"), region("London")},
			},
			[]int{0, 1, 2, 3}, "A, GP", []int{2, 2},
		},
		{
			"no majority: the commonest with its count",
			[][]Attribute{
				{interest("diabetes")}, {interest("diabetes")}, {interest("stroke")},
				{interest("asthma")}, {interest("dementia")},
			},
			[]int{0, 1, 2, 3, 4}, "diabetes (2 of 5)", []int{2},
		},
		{
			"nothing shared",
			[][]Attribute{{interest("a")}, {interest("b")}, {interest("c")}},
			[]int{0, 1, 2}, "", nil,
		},
		{
			"a value held twice by one person counts once; blanks ignored",
			[][]Attribute{{interest("Diabetes"), interest("diabetes"), org(" ")}, {}, {}},
			[]int{0, 1, 2}, "", nil,
		},
		{
			"only the members count",
			[][]Attribute{{org("X")}, {org("Y")}, {org("Y")}, {org("X")}},
			[]int{1, 2}, "Y", []int{2},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := NameCommunity(tc.members, tc.attributes)
			if got.Name != tc.want || got.Size != len(tc.members) {
				t.Errorf("name %q (size %d); want %q (size %d)", got.Name, got.Size, tc.want, len(tc.members))
			}
			var members []int
			for _, s := range got.Shared {
				members = append(members, s.Members)
			}
			if !slices.Equal(members, tc.shared) {
				t.Errorf("shared %+v; want members %v", got.Shared, tc.shared)
			}
			// Pure: the same input, in any order of members, gives the same name.
			reversed := slices.Clone(tc.members)
			slices.Reverse(reversed)
			if again := NameCommunity(reversed, tc.attributes); again.Name != got.Name {
				t.Errorf("members reversed: %q; first %q", again.Name, got.Name)
			}
		})
	}
}

// TestNameCommunities checks the names a result gives its communities:
// "community N" when the members share nothing (no profiles at all here for
// the second), and a name two communities would share told apart by number
// on the smaller.
func TestNameCommunities(t *testing.T) {
	b := NewBuilder(false)
	nurse := Profile{Profession: "Nurse", Region: "London"}
	for i, p := range []Profile{nurse, nurse, {}, {}, nurse, {Profession: "nurse"}} {
		b.SetProfile(string(rune('a'+i)), p)
	}
	g := b.Build()
	communities := summariseCommunities(g, []int32{0, 0, 1, 1, 2, 2})
	var got []string
	for _, c := range communities {
		got = append(got, c.Name)
	}
	want := []string{"Nurse, London", "community 1", "Nurse, London (community 2)"}
	if !slices.Equal(got, want) {
		t.Errorf("names %q; want %q", got, want)
	}
	if communities[1].Shared != nil || len(communities[2].Shared) != 2 || communities[2].Shared[0].Kind != AttributeProfession {
		t.Errorf("shared %+v, %+v", communities[1].Shared, communities[2].Shared)
	}
	reason := joinList(communitiesNamed([]int{0, 1, 2}, communityNames(communities)), listShown, "communities")
	if want := "“Nurse, London”, community 1 and “Nurse, London (community 2)”"; reason != want {
		t.Errorf("reason lists %q; want %q", reason, want)
	}
}
