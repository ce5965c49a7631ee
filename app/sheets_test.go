package app_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
	"github.com/xuri/excelize/v2"
)

var sheetTime = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)

// readSheetDir reads every file of testdata/sheets.
func readSheetDir(t *testing.T, dir string) []app.Sheet {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var sheets []app.Sheet
	for _, e := range entries {
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		s, err := app.ReadSheets(e.Name(), f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		sheets = append(sheets, s...)
	}
	return sheets
}

func graphOf(t *testing.T, s netgraph.Store) (records []netgraph.Record) {
	t.Helper()
	if _, err := s.ReadGraph(context.Background(), func(r netgraph.Record) error {
		records = append(records, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return records
}

func TestImportSheets(t *testing.T) {
	ctx := context.Background()
	s := embeddedtest.MustOpenTemp(t)
	sheets := readSheetDir(t, "testdata/sheets")

	plan, err := app.ImportSheets(ctx, s, sheets, sheetTime, false)
	if err != nil {
		t.Fatal(err)
	}
	want := "organisations: 2 new, 0 changed, 0 unchanged\nnetworks: 1 new, 0 changed, 0 unchanged\n" +
		"people: 3 new, 0 changed, 0 unchanged\naffiliations: 2 new, 0 changed, 0 unchanged\n" +
		"memberships: 2 new, 0 changed, 0 unchanged\nties: 3 new, 0 changed, 0 unchanged\n" +
		"partnerships: 1 new, 0 changed, 0 unchanged\n"
	if plan.String() != want {
		t.Errorf("plan:\n%s\nwant:\n%s", plan, want)
	}

	// What the store holds, field by field.
	people := map[string]*netgraph.Person{}
	var ties []netgraph.Tie
	var org *netgraph.Organisation
	var nw *netgraph.Network
	var members []netgraph.Membership
	var part *netgraph.Partnership
	for _, r := range graphOf(t, s) {
		switch {
		case r.Person != nil:
			people[r.Person.ExternalID] = r.Person
		case r.Tie != nil:
			ties = append(ties, *r.Tie)
		case r.Organisation != nil && r.Organisation.ExternalID == "leeds-th":
			org = r.Organisation
		case r.Network != nil:
			nw = r.Network
		case r.Membership != nil:
			members = append(members, *r.Membership)
		case r.Partnership != nil:
			part = r.Partnership
		}
	}
	ann, ben := people["p1"], people["p2"]
	if ann == nil || ann.Email != "ann.lee@example.nhs.uk" || !slices.Equal(ann.Interests, []string{"diabetes", "falls prevention"}) || !ann.Consent {
		t.Errorf("Ann: %+v", ann)
	}
	if ben == nil || ben.Consent || ben.Profession != "Librarian" {
		t.Errorf("Ben: %+v", ben)
	}
	if org == nil || org.Sector != netgraph.SectorNHSTrust || org.Region != "Yorkshire" {
		t.Errorf("organisation: %+v", org)
	}
	if nw == nil || nw.Type != netgraph.NetworkManagedClinical || nw.Purpose != "Better diabetes care" {
		t.Errorf("network: %+v", nw)
	}
	if nw != nil && (nw.HostOrganisationID != org.ID || nw.ContactEmail != "diabetes.office@example.nhs.uk" ||
		nw.MembershipPolicy != netgraph.PolicyByRequest || nw.Status != netgraph.StatusActive ||
		nw.Website != "https://diabetes.example.nhs.uk/" || nw.Aims == "" || nw.Memorandum != nil ||
		nw.TermsOfReference == nil || nw.TermsOfReference.Title != "Terms of reference 2025" ||
		nw.TermsOfReference.ReviewDate == nil || !nw.TermsOfReference.ReviewDate.Equal(time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC))) {
		t.Errorf("network's profile: %+v (terms of reference %+v)", nw, nw.TermsOfReference)
	}
	if len(members) != 2 || !slices.ContainsFunc(members, func(m netgraph.Membership) bool {
		return m.PersonID == ann.ID && m.Role == netgraph.MembershipLead
	}) {
		t.Errorf("memberships: %+v", members)
	}
	if part == nil || part.Kind != netgraph.PartnershipMoU || part.Since == nil || !part.Since.Equal(time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("partnership: %+v", part)
	}
	strengths := map[netgraph.TieKind][]float64{}
	for _, tie := range ties {
		strengths[tie.Kind] = append(strengths[tie.Kind], tie.Strength)
	}
	if !slices.Equal(strengths[netgraph.TieCollaborates], []float64{6}) || len(strengths[netgraph.TieKnows]) != 2 ||
		!slices.Contains(strengths[netgraph.TieKnows], 2.5) || !slices.Contains(strengths[netgraph.TieKnows], 1) {
		t.Errorf("ties: %+v", ties)
	}

	t.Run("AgainChangesNothing", func(t *testing.T) {
		before, _ := s.DataVersion(ctx)
		plan, err := app.ImportSheets(ctx, s, readSheetDir(t, "testdata/sheets"), sheetTime.Add(time.Hour), false)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Records) != 0 || plan.Counts[app.SheetPeople] != (app.SheetCount{Unchanged: 3}) || plan.Counts[app.SheetTies] != (app.SheetCount{Unchanged: 3}) {
			t.Errorf("re-import: %d records, %s", len(plan.Records), plan)
		}
		if after, _ := s.DataVersion(ctx); after != before {
			t.Errorf("data version %d → %d", before, after)
		}
	})

	t.Run("UpdatesInPlace", func(t *testing.T) {
		// A sheet with only some columns changes those and keeps the rest.
		sheets, err := app.ReadSheets("people-update.csv", strings.NewReader("external_id,name,profession\np1,Ann Lee,Matron\np4,Dev Patel,Pharmacist\n"))
		if err != nil {
			t.Fatal(err)
		}
		plan, err := app.ImportSheets(ctx, s, sheets, sheetTime.Add(2*time.Hour), false)
		if err != nil {
			t.Fatal(err)
		}
		if plan.Counts[app.SheetPeople] != (app.SheetCount{New: 1, Changed: 1}) {
			t.Errorf("plan %s", plan)
		}
		got, err := s.Person(ctx, ann.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Profession != "Matron" || got.Email != ann.Email || !got.CreatedAt.Equal(ann.CreatedAt) || !slices.Equal(got.Interests, ann.Interests) {
			t.Errorf("Ann after update: %+v", got)
		}
	})

	t.Run("DryRunWritesNothing", func(t *testing.T) {
		before, _ := s.DataVersion(ctx)
		sheets, _ := app.ReadSheets("people.csv", strings.NewReader("external_id,name\np9,New Person\n"))
		plan, err := app.ImportSheets(ctx, s, sheets, sheetTime, true)
		if err != nil || plan.Counts[app.SheetPeople] != (app.SheetCount{New: 1}) {
			t.Fatalf("plan %v, %v", plan, err)
		}
		if after, _ := s.DataVersion(ctx); after != before {
			t.Errorf("a dry run changed the data version %d → %d", before, after)
		}
	})
}

// TestImportSheets_AllOrNothing: a fault in the last row of the last sheet
// leaves the store as it was.
func TestImportSheets_AllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := embeddedtest.MustOpenTemp(t)
	sheets := readSheetDir(t, "testdata/sheets")
	bad, err := app.ReadSheets("ties.csv", strings.NewReader("from,to,strength\np1,p2,3\np2,p3,11\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range sheets {
		if sheets[i].Kind == app.SheetTies {
			sheets[i] = bad[0]
		}
	}
	if _, err := app.ImportSheets(ctx, s, sheets, sheetTime, false); err == nil || !strings.HasPrefix(err.Error(), "ties.csv line 3, column 3 (strength): ") {
		t.Fatalf("error %v", err)
	}
	if n := len(graphOf(t, s)); n != 0 {
		t.Errorf("%d records written", n)
	}
}

func TestReadSheets_Errors(t *testing.T) {
	cases := map[string]struct{ name, in, want string }{
		"UnknownKind":    {"members2.csv", "a,b\n", `members2.csv: the name "members2" does not say what its rows are`},
		"TwoKinds":       {"people-ties.csv", "a\n", `people-ties.csv: the name "people-ties" names more than one kind of row`},
		"NotSpreadsheet": {"people.json", "{}", "people.json: not a spreadsheet netgraph reads"},
		"UnknownColumn":  {"people.csv", "external_id,name,emial\n", `people.csv line 1, column 3 (emial): people have no column "emial"`},
		"MissingColumn":  {"ties.csv", "from,kind\n", `ties.csv line 1: the header has no "to" column`},
		"TwiceColumn":    {"people.csv", "external_id,name,Name\n", `people.csv line 1, column 3 (Name): column "Name" appears twice`},
		"Empty":          {"people.csv", "\n\n", "people.csv line 1: empty"},
		"BeyondHeader":   {"people.csv", "external_id,name\np1,Ann,extra\n", "people.csv line 2, column 3 ((none)): a value beyond the header's 2 columns"},
		"NotUTF8":        {"people.csv", "external_id,name\np1,\xff\n", "people.csv: not UTF-8 text"},
		"BadQuote":       {"people.csv", "external_id,name\np1,\"Ann\n", "people.csv line 2"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := app.ReadSheets(c.name, strings.NewReader(c.in))
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("error %v\nwant one starting %q", err, c.want)
			}
		})
	}
}

func TestPlanSheets_RowErrors(t *testing.T) {
	ctx := context.Background()
	s := embeddedtest.MustOpenTemp(t)
	people, err := app.ReadSheets("people.csv", strings.NewReader("external_id,name\np1,Ann\np2,Ben\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.ImportSheets(ctx, s, people, sheetTime, false); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct{ name, in, want string }{
		"NoExternalID":  {"people.csv", "external_id,name\n,Ann\n", "people.csv line 2, column 1 (external_id): empty"},
		"Twice":         {"people.csv", "external_id,name\np1,Ann\np1,Ann\n", "people.csv line 3, column 1 (external_id): given twice: also on people.csv line 2"},
		"BadEmail":      {"people.csv", "external_id,name,email\np1,Ann,ann@\n", "people.csv line 2, column 3 (email): "},
		"NoName":        {"people.csv", "external_id,name\np1,\n", "people.csv line 2, column 2 (name): "},
		"BadConsent":    {"people.csv", "external_id,name,consent\np1,Ann,maybe\n", `people.csv line 2, column 3 (consent): "maybe": write yes or no`},
		"UnknownPerson": {"ties.csv", "from,to\np1,p7\n", `ties.csv line 2, column 2 (to): no row of people and nobody in the store has the external id "p7"`},
		"BadSector":     {"organisations.csv", "external_id,name,sector\no1,Org,spaceport\n", "organisations.csv line 2, column 3 (sector): "},
		"BadDate":       {"ties.csv", "from,to,since\np1,p2,03/04/2024\n", `ties.csv line 2, column 3 (since): "03/04/2024" is not a date: write it as YYYY-MM-DD`},
		"SelfTie":       {"ties.csv", "from,to\np1,p1\n", "ties.csv line 2"},
		"BadWebsite": {"networks.csv", "external_id,name,type,website\nn1,Net,learning,www.example.org\n",
			"networks.csv line 2, column 4 (website): must be a web address"},
		"BadPolicy": {"networks.csv", "external_id,name,type,membership_policy\nn1,Net,learning,ask nicely\n",
			"networks.csv line 2, column 4 (membership_policy): "},
		"BadReviewDate": {"networks.csv", "external_id,name,type,memorandum_title,memorandum_review_date\nn1,Net,learning,MoU,2o26-01-01\n",
			`networks.csv line 2, column 5 (memorandum_review_date): "2o26-01-01" is not a date`},
		"DocumentWithoutTitle": {"networks.csv", "external_id,name,type,memorandum_link\nn1,Net,learning,https://x.org/m\n",
			"networks.csv line 2"},
		"UnknownHost": {"networks.csv", "external_id,name,type,host_organisation\nn1,Net,learning,nowhere\n",
			`networks.csv line 2, column 4 (host_organisation): no row of organisations and nobody in the store has the external id "nowhere"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			sheets, err := app.ReadSheets(c.name, strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			_, err = app.PlanSheets(ctx, s, sheets, sheetTime)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("error %v\nwant one starting %q", err, c.want)
			}
		})
	}
}

// TestReadSheets_Workbook reads an XLSX workbook whose sheets are named after
// kinds (others are left out), with a date cell formatted as a date.
func TestReadSheets_Workbook(t *testing.T) {
	wb := excelize.NewFile()
	defer wb.Close()
	if err := wb.SetSheetName("Sheet1", "People"); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{{"External ID", "Name", "Consent"}, {"p1", "Ann Lee", true}, {"p2", "Ben Okafor", false}}
	for i, r := range rows {
		if err := wb.SetSheetRow("People", "A"+string(rune('1'+i)), &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"Ties", "Notes"} {
		if _, err := wb.NewSheet(name); err != nil {
			t.Fatal(err)
		}
	}
	ties := [][]any{{"from", "to", "strength", "since"}, {"p1", "p2", 4.5, time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)}}
	for i, r := range ties {
		if err := wb.SetSheetRow("Ties", "A"+string(rune('1'+i)), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := wb.SetCellValue("Notes", "A1", "not for import"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	sheets, err := app.ReadSheets("members.xlsx", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) != 2 || sheets[0].Name != "members.xlsx:People" || sheets[1].Kind != app.SheetTies {
		t.Fatalf("sheets %+v", sheets)
	}
	s := embeddedtest.MustOpenTemp(t)
	if _, err := app.ImportSheets(context.Background(), s, sheets, sheetTime, false); err != nil {
		t.Fatal(err)
	}
	var tie *netgraph.Tie
	consent := map[string]bool{}
	for _, r := range graphOf(t, s) {
		if r.Tie != nil {
			tie = r.Tie
		}
		if r.Person != nil {
			consent[r.Person.ExternalID] = r.Person.Consent
		}
	}
	if tie == nil || tie.Strength != 4.5 || !tie.Since.Equal(time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("tie %+v", tie)
	}
	if !consent["p1"] || consent["p2"] {
		t.Errorf("consent %v", consent)
	}
}

// TestImportSheets_Templates imports the templates docs/import.md points to.
func TestImportSheets_Templates(t *testing.T) {
	s := embeddedtest.MustOpenTemp(t)
	plan, err := app.ImportSheets(context.Background(), s, readSheetDir(t, "../docs/templates"), sheetTime, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range app.SheetKinds {
		if plan.Counts[k].New == 0 {
			t.Errorf("the templates have no %s", k)
		}
	}
}

// TestPlanSheets_EveryProblem: a plan lists every faulty row, not only the
// first, and stops at MaxSheetProblems.
func TestPlanSheets_EveryProblem(t *testing.T) {
	ctx := context.Background()
	s := embeddedtest.MustOpenTemp(t)
	sheets, err := app.ReadSheets("people.csv", strings.NewReader("external_id,name,email\np1,Ann,ann@\np2,Ben,\n,Cat,\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = app.PlanSheets(ctx, s, sheets, sheetTime)
	var problems app.SheetProblems
	if !errors.As(err, &problems) || len(problems) != 2 || problems[0].Line != 2 || problems[1].Line != 4 {
		t.Fatalf("error %v, want the faults of lines 2 and 4", err)
	}
	if lines := strings.Split(err.Error(), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], "people.csv line 4, column 1 (external_id): empty") {
		t.Errorf("message %q", err)
	}

	many := "external_id,name\n" + strings.Repeat(",Ann\n", app.MaxSheetProblems+5)
	sheets, err = app.ReadSheets("people.csv", strings.NewReader(many))
	if err != nil {
		t.Fatal(err)
	}
	if _, err = app.PlanSheets(ctx, s, sheets, sheetTime); !errors.As(err, &problems) || len(problems) != app.MaxSheetProblems {
		t.Errorf("%d problems, want MaxSheetProblems", len(problems))
	}
}
