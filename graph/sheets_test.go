package graph_test

import (
	"encoding/base64"
	"strconv"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph"
)

const importSheets = `mutation($files: [SpreadsheetFile!]!, $dryRun: Boolean!) {
  importSpreadsheets(files: $files, dryRun: $dryRun) {
    dryRun written records
    kinds { kind new changed unchanged }
    problems { file line column header message }
  }
}`

type spreadsheetImport struct {
	DryRun, Written bool
	Records         int
	Kinds           []struct {
		Kind                    string
		New, Changed, Unchanged int
	}
	Problems []struct {
		File, Message string
		Line, Column  *int
		Header        *string
	}
}

// sheetFiles makes the files argument from name, content pairs.
func sheetFiles(nameContent ...string) []any {
	var files []any
	for i := 0; i < len(nameContent); i += 2 {
		files = append(files, map[string]any{"name": nameContent[i],
			"content": base64.StdEncoding.EncodeToString([]byte(nameContent[i+1]))})
	}
	return files
}

// upload runs importSpreadsheets, which must not fail, as c.
func upload(t *testing.T, c *client, dryRun bool, files []any) spreadsheetImport {
	t.Helper()
	var out struct{ ImportSpreadsheets spreadsheetImport }
	c.with(t).do(importSheets, map[string]any{"files": files, "dryRun": dryRun}, &out)
	return out.ImportSpreadsheets
}

// kinds is the counts of an import as "kind new/changed/unchanged" words.
func (s spreadsheetImport) kinds() string {
	var words []string
	for _, k := range s.Kinds {
		words = append(words, k.Kind+" "+strconv.Itoa(k.New)+"/"+strconv.Itoa(k.Changed)+"/"+strconv.Itoa(k.Unchanged))
	}
	return strings.Join(words, ", ")
}

const (
	sheetPeople = "external_id,name,email\np1,Ann Lee,ann@example.org\np2,Ben Okafor,\n"
	sheetTies   = "from,to,kind,strength\np1,p2,collaborates,6\n"
)

func TestImportSpreadsheets(t *testing.T) {
	admin := mustOpenClient(t)
	facilitator := admin.asRole(netgraph.RoleFacilitator)
	files := sheetFiles("people.csv", sheetPeople, "ties.csv", sheetTies)

	t.Run("DryRunWritesNothing", func(t *testing.T) {
		before := admin.with(t).dataVersion()
		got := upload(t, facilitator, true, files)
		if !got.DryRun || got.Written || got.Records != 3 || got.kinds() != "people 2/0/0, ties 1/0/0" || len(got.Problems) != 0 {
			t.Errorf("dry run %+v (%s)", got, got.kinds())
		}
		if after := admin.with(t).dataVersion(); after != before {
			t.Errorf("a dry run moved the data version from %s to %s", before, after)
		}
	})

	t.Run("BadRowsWriteNothing", func(t *testing.T) {
		before := admin.with(t).dataVersion()
		bad := sheetFiles("people.csv", "external_id,name,email\np1,Ann Lee,ann@\np2,Ben Okafor,\n",
			"ties.csv", "from,to,kind,strength\np1,p2,collaborates,11\np1,p9,knows,1\n")
		got := upload(t, facilitator, false, bad)
		if got.Written || got.Records != 0 || len(got.Kinds) != 0 {
			t.Errorf("with problems %+v", got)
		}
		want := []string{"people.csv 2 3 email", "ties.csv 2 4 strength", "ties.csv 3 2 to"}
		if len(got.Problems) != len(want) {
			t.Fatalf("problems %+v, want %d", got.Problems, len(want))
		}
		for i, p := range got.Problems {
			where := p.File + " " + strconv.Itoa(*p.Line) + " " + strconv.Itoa(*p.Column) + " " + *p.Header
			if where != want[i] || p.Message == "" {
				t.Errorf("problem %d at %q (%s), want at %q", i, where, p.Message, want[i])
			}
		}
		if after := admin.with(t).dataVersion(); after != before {
			t.Errorf("a refused import moved the data version from %s to %s", before, after)
		}
	})

	t.Run("UnreadableFile", func(t *testing.T) {
		got := upload(t, facilitator, true, sheetFiles("members.csv", "a,b\n", "people.csv", sheetPeople))
		if len(got.Problems) != 1 || got.Problems[0].File != "members.csv" || got.Problems[0].Line != nil ||
			!strings.Contains(got.Problems[0].Message, "does not say what its rows are") {
			t.Errorf("problems %+v", got.Problems)
		}
	})

	t.Run("ViewersAndAnalystsRefused", func(t *testing.T) {
		for _, role := range []netgraph.Role{netgraph.RoleViewer, netgraph.RoleAnalyst} {
			if e := admin.asRole(role).with(t).fail(importSheets, map[string]any{"files": files, "dryRun": true}); e.code() != "FORBIDDEN" {
				t.Errorf("as %s: %+v", role, e)
			}
		}
	})

	t.Run("ImportThenAgainUpdatesInPlace", func(t *testing.T) {
		got := upload(t, facilitator, false, files)
		if got.DryRun || !got.Written || got.Records != 3 {
			t.Fatalf("import %+v", got)
		}
		var people struct {
			People struct {
				Edges []struct {
					Node struct{ ID, Name, ExternalID string }
				}
			}
		}
		const query = `{ people(first: 10) { edges { node { id name externalId } } } }`
		admin.with(t).do(query, nil, &people)
		if len(people.People.Edges) != 2 {
			t.Fatalf("people %+v", people)
		}
		if h := admin.with(t).data(`{ networkHealth { people ties } }`, nil); h != `{"networkHealth":{"people":2,"ties":1}}` {
			t.Errorf("the analysis after the import: %s", h)
		}

		before := admin.with(t).dataVersion()
		again := upload(t, facilitator, false, files)
		if again.Written || again.Records != 0 || again.kinds() != "people 0/0/2, ties 0/0/1" {
			t.Errorf("again %+v (%s)", again, again.kinds())
		}
		if after := admin.with(t).dataVersion(); after != before {
			t.Errorf("importing the same files again moved the data version from %s to %s", before, after)
		}

		changed := upload(t, facilitator, false, sheetFiles("people.csv", strings.Replace(sheetPeople, "Ben Okafor", "Ben Okafor-Smith", 1)))
		if !changed.Written || changed.kinds() != "people 0/1/1" {
			t.Errorf("changed %+v (%s)", changed, changed.kinds())
		}
		var after struct {
			People struct {
				Edges []struct {
					Node struct{ ID, Name, ExternalID string }
				}
			}
		}
		admin.with(t).do(query, nil, &after)
		ids := map[string]string{}
		for _, e := range people.People.Edges {
			ids[e.Node.ExternalID] = e.Node.ID
		}
		for _, e := range after.People.Edges {
			p := e.Node
			if p.ID != ids[p.ExternalID] {
				t.Errorf("person %s has a new id %s, was %s", p.ExternalID, p.ID, ids[p.ExternalID])
			}
			if p.ExternalID == "p2" && p.Name != "Ben Okafor-Smith" {
				t.Errorf("p2 is named %q", p.Name)
			}
		}
	})
}

func TestImportSpreadsheets_BadInput(t *testing.T) {
	c := mustOpenClient(t)
	notBase64 := []any{map[string]any{"name": "people.csv", "content": "not base64!"}}
	if e := c.fail(importSheets, map[string]any{"files": notBase64, "dryRun": true}); e.code() != "BAD_USER_INPUT" || e.field() != "files[0].content" {
		t.Errorf("not base64: %+v", e)
	}
	big := sheetFiles("people.csv", "external_id,name\n"+strings.Repeat("p,Ann\n", graph.MaxSpreadsheetBytes/6+1))
	e := c.fail(importSheets, map[string]any{"files": big, "dryRun": true})
	if e.code() != "BAD_USER_INPUT" || e.field() != "files" || !strings.Contains(e.Message, "netgraph import") {
		t.Errorf("too large: %+v", e)
	}
	// The largest upload, base64-encoded, fits in a request with room to spare.
	if n := base64.StdEncoding.EncodedLen(graph.MaxSpreadsheetBytes); n > graph.MaxBodyBytes*9/10 {
		t.Errorf("MaxSpreadsheetBytes encodes to %d bytes, too close to MaxBodyBytes %d", n, graph.MaxBodyBytes)
	}
}
