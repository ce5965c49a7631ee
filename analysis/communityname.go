package analysis

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Attribute is one thing a person is known by, such as their organisation,
// profession, region or an interest.
type Attribute struct {
	Kind  AttributeKind
	Value string
}

// AttributeKind is what an attribute says about a person. Kinds are listed
// in the order a community's name prefers them.
type AttributeKind int

// The kinds of attribute a community can be named by.
const (
	AttributeOrganisation AttributeKind = iota
	AttributeProfession
	AttributeRegion
	AttributeInterest
)

// String names the kind in lower case, as reports print it: "organisation",
// "profession", "region" or "interest".
func (k AttributeKind) String() string {
	switch k {
	case AttributeOrganisation:
		return "organisation"
	case AttributeProfession:
		return "profession"
	case AttributeRegion:
		return "region"
	case AttributeInterest:
		return "interest"
	}
	return "attribute " + strconv.Itoa(int(k))
}

// SharedAttribute is an attribute and how many members of a community hold
// it.
type SharedAttribute struct {
	Attribute
	Members int
}

// CommunityName is a name for a community made of what its members share.
type CommunityName struct {
	// Name reads like "Leeds Teaching Hospitals, Nurse" or, when no value is
	// held by half the members, "diabetes (3 of 8)"; it is empty when the
	// members share nothing (callers then fall back to a number).
	Name string
	// Shared are the attributes the name is made of, most members first.
	Shared []SharedAttribute
	// Size is the number of members.
	Size int
}

// maxNameParts is how many shared attributes a name joins at most.
const maxNameParts = 2

// NameCommunity names the community of the given members by what they
// share: the values (compared case-insensitively, spelt as the
// lowest-numbered member holding it spells it) held
// by at least half of them, at most two, most members first, then in the
// order of AttributeKind (organisation before profession, region and
// interests), then alphabetically; or, when no value reaches half, the
// commonest one held by at least two members, with its count. attributes[v]
// are person v's; a value held twice by one person counts once. It is a
// pure function: the same members and attributes always give the same name.
func NameCommunity(members []int, attributes [][]Attribute) CommunityName {
	type key struct {
		kind  AttributeKind
		value string
	}
	counts := map[key]*SharedAttribute{}
	shownBy := map[key]int{} // the person whose spelling is shown
	for _, v := range members {
		if v < 0 || v >= len(attributes) {
			continue
		}
		seen := map[key]bool{}
		for _, a := range attributes[v] {
			value := strings.TrimSpace(a.Value)
			if value == "" {
				continue
			}
			k := key{a.Kind, strings.ToLower(value)}
			if seen[k] {
				continue
			}
			seen[k] = true
			s, ok := counts[k]
			if !ok {
				s = &SharedAttribute{Attribute: Attribute{Kind: a.Kind}}
				counts[k] = s
			}
			s.Members++
			if by, ok := shownBy[k]; !ok || v < by {
				shownBy[k], s.Value = v, value
			}
		}
	}
	all := make([]SharedAttribute, 0, len(counts))
	for _, s := range counts {
		all = append(all, *s)
	}
	slices.SortFunc(all, func(a, b SharedAttribute) int {
		return cmp.Or(cmp.Compare(b.Members, a.Members), cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(strings.ToLower(a.Value), strings.ToLower(b.Value)))
	})
	n := len(members)
	out := CommunityName{Size: n}
	for _, s := range all {
		if 2*s.Members < n || len(out.Shared) == maxNameParts {
			break
		}
		out.Shared = append(out.Shared, s)
	}
	if len(out.Shared) > 0 {
		parts := make([]string, len(out.Shared))
		for i, s := range out.Shared {
			parts[i] = s.Value
		}
		out.Name = strings.Join(parts, ", ")
		return out
	}
	if len(all) > 0 && all[0].Members >= 2 {
		out.Shared = all[:1]
		out.Name = all[0].Value + " (" + strconv.Itoa(all[0].Members) + " of " + strconv.Itoa(n) + ")"
	}
	return out
}
