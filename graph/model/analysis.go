package model

import (
	"time"

	"github.com/netgraph/netgraph/analysis"
)

// The analysis views: what the analysis fields of the schema return, built
// from an engine analysis by package graph. They hold people by id; the
// schema fields that return people have resolvers that load them. Every
// float in them is finite: NaN and infinities become null in nullable fields
// and 0 elsewhere before they get here.

// Provenance says what an analysis result reflects and how it was computed.
// Its JSON (in personal data exports) has the schema's field names.
type Provenance struct {
	ComputedAt time.Time `json:"computedAt"`
	// DataVersion is the analysed data version as a decimal string.
	DataVersion string `json:"dataVersion"`
	// Exact is false when betweenness was sampled; SampleSize, ErrorBound
	// and ErrorProbability are then set.
	Exact            bool     `json:"exact"`
	SampleSize       *int32   `json:"sampleSize,omitempty"`
	ErrorBound       *float64 `json:"errorBound,omitempty"`
	ErrorProbability *float64 `json:"errorProbability,omitempty"`
	// Scope describes the scope in words; NetworkID or OrganisationID is set
	// for a network or organisation scope.
	Scope          string  `json:"scope"`
	NetworkID      *string `json:"networkId,omitempty"`
	OrganisationID *string `json:"organisationId,omitempty"`
	People         int32   `json:"people"`
	Ties           int32   `json:"ties"`
	// Stale says that the data has changed since (it is at
	// LatestDataVersion) and a newer result is on its way.
	Stale             bool                `json:"stale"`
	LatestDataVersion string              `json:"latestDataVersion"`
	Metrics           []*MetricProvenance `json:"metrics"`
}

// RoleEvidence are the figures behind a role candidate.
type RoleEvidence struct {
	Betweenness    float64
	Eigenvector    float64
	PageRank       float64
	Communities    []int32
	CommunityNames []string
	Organisations  []string
	BridgesCut     int32
	Articulation   bool
	CutOff         int32
	HasSponsorRole bool
}

// CentralityScore is a person's score on a centrality metric.
type CentralityScore struct {
	PersonID   string
	Score      float64
	Rank       int32
	Provenance *Provenance
}

// RoleCandidate is a person proposed as a connector or sponsor.
type RoleCandidate struct {
	PersonID   string
	Score      float64
	Rank       int32
	Reasons    []string
	Evidence   *RoleEvidence
	Provenance *Provenance
}

// Introduction is a suggested introduction of the person asked about to the
// person PersonID.
type Introduction struct {
	PersonID         string
	Score            float64
	Parts            []analysis.IntroductionPart
	MutualContactIDs []string
	SharedInterests  []string
	Bridges          []string
	Reasons          []string
	Provenance       *Provenance
}

// SuggestedIntroduction is a suggested introduction, found in the whole
// scope, of person AID to the Introduction's PersonID (the schema's b).
type SuggestedIntroduction struct {
	AID string
	Introduction
}

// Community is a community of an analysis with its members' ids, in the
// analysis' order (members are paged by position).
type Community struct {
	ID            int32
	Size          int32
	Name          string
	SharedBy      []*SharedAttribute
	MemberIDs     []string
	Organisations []string
	Interests     []string
	Provenance    *Provenance
}

// NetworkHealth are the whole-network figures of a scope.
type NetworkHealth struct {
	People                    int32
	Ties                      int32
	Density                   float64
	Components                int32
	LargestComponentShare     float64
	AverageClustering         float64
	Transitivity              float64
	Modularity                *float64
	Communities               int32
	CommunityNames            []string
	ArticulationPointIDs      []string
	Bridges                   []*Bridge
	DegreeCentralization      float64
	BetweennessCentralization *float64
	AveragePathLength         *float64
	Diameter                  *float64
	Isolated                  int32
	Peripheral                int32
	Provenance                *Provenance
}

// Bridge is a tie, between persons AID and BID, whose removal would split its
// component.
type Bridge struct {
	AID, BID string
}
