package analysis

import (
	"slices"
	"testing"
)

func TestNameCommunity(t *testing.T) {
	org := func(v string) attribute { return attribute{attributeOrganisation, v} }
	prof := func(v string) attribute { return attribute{attributeProfession, v} }
	region := func(v string) attribute { return attribute{attributeRegion, v} }
	interest := func(v string) attribute { return attribute{attributeInterest, v} }
	for _, tc := range []struct {
		name       string
		attributes [][]attribute
		members    []int
		want       string
		shared     []int // members behind each part of the name
	}{
		{
			"organisation before profession at equal shares",
			[][]attribute{
				{org("Leeds Teaching Hospitals"), prof("Nurse"), region("Yorkshire")},
				{org("Leeds Teaching Hospitals"), prof("Nurse"), region("North East")},
				{org("leeds teaching hospitals"), prof("nurse"), interest("diabetes")},
			},
			[]int{0, 1, 2}, "Leeds Teaching Hospitals, Nurse", []int{3, 3},
		},
		{
			"most members first, then kind",
			[][]attribute{
				{org("City Library"), region("North West"), interest("health literacy")},
				{org("City Library"), region("North West"), interest("health literacy")},
				{org("County Council"), region("North West"), interest("health literacy")},
				{org("County Council"), region("North West"), interest("falls prevention")},
			},
			[]int{0, 1, 2, 3}, "North West, health literacy", []int{4, 3},
		},
		{
			"at least half, and at most two parts",
			[][]attribute{
				{org("A"), prof("GP"), region("South West")},
				{org("A"), prof("GP"), region("South West")},
				{org("B"), prof("Pharmacist"), region("London")},
				{org("C"), prof("Nurse"), region("London")},
			},
			[]int{0, 1, 2, 3}, "A, GP", []int{2, 2},
		},
		{
			"no majority: the commonest with its count",
			[][]attribute{
				{interest("diabetes")}, {interest("diabetes")}, {interest("stroke")},
				{interest("asthma")}, {interest("dementia")},
			},
			[]int{0, 1, 2, 3, 4}, "diabetes (2 of 5)", []int{2},
		},
		{
			"nothing shared",
			[][]attribute{{interest("a")}, {interest("b")}, {interest("c")}},
			[]int{0, 1, 2}, "", nil,
		},
		{
			"a value held twice by one person counts once; blanks ignored",
			[][]attribute{{interest("Diabetes"), interest("diabetes"), org(" ")}, {}, {}},
			[]int{0, 1, 2}, "", nil,
		},
		{
			"only the members count",
			[][]attribute{{org("X")}, {org("Y")}, {org("Y")}, {org("X")}},
			[]int{1, 2}, "Y", []int{2},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := nameCommunity(tc.members, tc.attributes)
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
			if again := nameCommunity(reversed, tc.attributes); again.Name != got.Name {
				t.Errorf("members reversed: %q; first %q", again.Name, got.Name)
			}
		})
	}
}
