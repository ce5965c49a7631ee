package edgelist_test

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/edgelist"
)

// ties returns every tie of g as "a|b" (ids sorted) with its strength.
func ties(g *analysis.Snapshot) map[string]float64 {
	out := make(map[string]float64)
	for v := range g.N() {
		for k, w := range g.Neighbors(v) {
			if a, b := g.ID(v), g.ID(int(w)); a < b {
				out[a+"|"+b] = g.Strengths(v)[k]
			}
		}
	}
	return out
}

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name   string
		edges  string
		nodes  string // "" for none
		weight string
		people []string // in index order
		ties   map[string]float64
	}{
		{
			name:   "Unweighted",
			edges:  "source,target\na,b\nb,c\n",
			people: []string{"a", "b", "c"},
			ties:   map[string]float64{"a|b": 1, "b|c": 1},
		},
		{
			name:   "HeaderNamesAreFree",
			edges:  "who,knows whom\nx,y\n",
			people: []string{"x", "y"},
			ties:   map[string]float64{"x|y": 1},
		},
		{
			name:   "UnweightedIgnoresExtraColumns",
			edges:  "s,t,strength,kind\na,b,not a number,\nb,c,,friend\n",
			people: []string{"a", "b", "c"},
			ties:   map[string]float64{"a|b": 1, "b|c": 1},
		},
		{
			name:   "WeightColumnAnywhereAfterTheFirstTwo",
			edges:  "s,t,kind,w\na,b,colleague,2.5\nb,c,friend,1e-2\n",
			weight: "w",
			people: []string{"a", "b", "c"},
			ties:   map[string]float64{"a|b": 2.5, "b|c": 0.01},
		},
		{
			name:   "RepeatedPairsKeepTheStrongest",
			edges:  "s,t,w\na,b,1\nb,a,4\na,b,2\n",
			weight: "w",
			people: []string{"a", "b"},
			ties:   map[string]float64{"a|b": 4},
		},
		{
			name:   "SpacesTrimmedAndBlankLinesSkipped",
			edges:  "  s , t , w \n\n   \n a , b , 2 \n\t\n b,c,3\n",
			weight: "w",
			people: []string{"a", "b", "c"},
			ties:   map[string]float64{"a|b": 2, "b|c": 3},
		},
		{
			name:   "QuotedIDs",
			edges:  "s,t\n\"O'Neil, Mary\",\"Zoë \"\"Z\"\" Ng\"\n",
			people: []string{"O'Neil, Mary", `Zoë "Z" Ng`},
			ties:   map[string]float64{`O'Neil, Mary|Zoë "Z" Ng`: 1},
		},
		{
			name:   "NodesListComesFirstAndAddsIsolates",
			edges:  "s,t\nb,c\n",
			nodes:  "id,name\nlonely,L\nc,C\n\nlonely,again\n",
			people: []string{"lonely", "c", "b"},
			ties:   map[string]float64{"b|c": 1},
		},
		{
			name:   "HeaderOnly",
			edges:  "s,t\n",
			nodes:  "id\nsolo\n",
			people: []string{"solo"},
			ties:   map[string]float64{},
		},
		{
			name:   "Semicolons",
			edges:  "from;to;w\n\"Lee; Ann\";b;2.5\nb;c;1\n",
			weight: "w",
			people: []string{"Lee; Ann", "b", "c"},
			ties:   map[string]float64{"Lee; Ann|b": 2.5, "b|c": 1},
		},
		{
			name:   "Tabs",
			edges:  "from\tto\tnote\na\tb\tmet, twice\n",
			people: []string{"a", "b"},
			ties:   map[string]float64{"a|b": 1},
		},
		{
			name:   "SeparatorInQuotesDoesNotCount",
			edges:  "\"from;who\",to\na,b\n",
			people: []string{"a", "b"},
			ties:   map[string]float64{"a|b": 1},
		},
		{
			name:   "SeparatorFromTheFirstLineThatIsNotBlank",
			edges:  "\n  \nfrom;to\na;b\n",
			people: []string{"a", "b"},
			ties:   map[string]float64{"a|b": 1},
		},
		{
			name:   "ByteOrderMark",
			edges:  "\uFEFFs,t,w\na,b,2\n",
			weight: "w",
			people: []string{"a", "b"},
			ties:   map[string]float64{"a|b": 2},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := edgelist.Options{Weight: tc.weight}
			if tc.nodes != "" {
				opts.Nodes = strings.NewReader(tc.nodes)
			}
			g, err := edgelist.Read(strings.NewReader(tc.edges), opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := g.IDs(); !slices.Equal(got, tc.people) {
				t.Errorf("people = %q; want %q", got, tc.people)
			}
			if got := ties(g); !maps.Equal(got, tc.ties) {
				t.Errorf("ties = %v; want %v", got, tc.ties)
			}
			if g.Weighted() != (tc.weight != "") {
				t.Errorf("Weighted() = %v", g.Weighted())
			}
		})
	}
}

func TestReadFiles(t *testing.T) {
	g, err := edgelist.ReadFiles(filepath.Join("testdata", "weighted.csv"), filepath.Join("testdata", "people.csv"),
		edgelist.Options{Weight: "strength"})
	if err != nil {
		t.Fatal(err)
	}
	wantPeople := []string{"alice", "erin", "bob", "frank", "carol", "Smith, Jane", "dave"}
	if !slices.Equal(g.IDs(), wantPeople) {
		t.Errorf("people = %q; want %q", g.IDs(), wantPeople)
	}
	wantTies := map[string]float64{"alice|bob": 5, "bob|carol": 1.5, "Smith, Jane|alice": 3, "carol|dave": 0.25}
	if got := ties(g); !maps.Equal(got, wantTies) {
		t.Errorf("ties = %v; want %v", got, wantTies)
	}

	t.Run("ErrorNamesTheFile", func(t *testing.T) {
		path := filepath.Join("testdata", "weighted.csv")
		_, err := edgelist.ReadFiles(path, "", edgelist.Options{Weight: "kind"})
		if want := path + ` line 2: strength "colleague" is not a number`; err == nil || err.Error() != want {
			t.Errorf("got %v; want %s", err, want)
		}
	})
	t.Run("MissingFile", func(t *testing.T) {
		if _, err := edgelist.ReadFiles(filepath.Join("testdata", "missing.csv"), "", edgelist.Options{}); err == nil {
			t.Error("no error for a missing file")
		}
	})
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edges   string
		nodes   string // "" for none
		weight  string
		file    string // input named in the message; "edges.csv" unless set
		line    int
		message string // expected after "line N: "
	}{
		{"Empty", "", "", "", "", 1, "missing header row"},
		{"OnlyBlankLines", "\n\n", "", "", "", 1, "missing header row"},
		{"OneColumn", "source\na\n", "", "", "", 1, "the header must name at least two columns (source, target); it has 1, separated by commas"},
		{"NoWeightColumn", "s,t,kind\na,b,c\n", "", "w", "", 1, `no column "w" in the header (s, t, kind)`},
		{"WeightIsSource", "s,t,w\na,b,1\n", "", "s", "", 1, `strength column "s" is the source or target column`},
		{"WeightTwice", "s,t,w,w\na,b,1,2\n", "", "w", "", 1, `column "w" appears more than once in the header`},
		{"NotANumber", "s,t,w\na,b,1\n\nb,c,2\n\n\nc,d,abc\n", "", "w", "", 7, `strength "abc" is not a number`},
		{"Zero", "s,t,w\na,b,0\n", "", "w", "", 2, `strength "0" must be greater than 0`},
		{"Negative", "s,t,w\na,b,1\nb,c,-2\n", "", "w", "", 3, `strength "-2" must be greater than 0`},
		{"NaN", "s,t,w\na,b,NaN\n", "", "w", "", 2, `strength "NaN" is not a finite number`},
		{"Infinite", "s,t,w\na,b,+Inf\n", "", "w", "", 2, `strength "+Inf" is not a finite number`},
		{"Overflow", "s,t,w\na,b,1e400\n", "", "w", "", 2, `strength "1e400" is not a finite number`},
		{"MissingStrength", "s,t,w\na,b, \n", "", "w", "", 2, "missing strength"},
		{"SelfLoop", "s,t\nb,c\na,a\n", "", "", "", 3, `a tie must join two different people (self-loop "a")`},
		{"SelfLoopAfterTrimming", "s,t\na , a\n", "", "", "", 2, `self-loop "a"`},
		{"EmptySource", "s,t\n,b\n", "", "", "", 2, "empty source id"},
		{"EmptyTarget", "s,t\na,  \n", "", "", "", 2, "empty target id"},
		{"TooFewFields", "s,t,w\na,b,1\nc,d\n", "", "w", "", 3, "the header has 3 columns but this row has 2"},
		{"TooManyFields", "s,t\na,b\nc,d,1\n", "", "", "", 3, "the header has 2 columns but this row has 3"},
		{"BareQuote", "s,t\na,b\nc,d\"d\n", "", "", "", 3, `bare " in non-quoted-field`},
		{"UnterminatedQuote", "s,t\na,b\n\"c,d\n\n", "", "", "", 4, `extraneous or missing " in quoted-field (in the row starting on line 3)`},
		{"LineCountsQuotedNewlines", "s,t,note\na,c,\"x\ny\"\nd,d,z\n", "", "", "", 4, "self-loop"},
		{"NodesEmpty", "s,t\na,b\n", "\n", "", "nodes.csv", 1, "missing header row"},
		{"NodesEmptyID", "s,t\na,b\n", "id,name\nx,X\n ,Y\n", "", "nodes.csv", 3, "empty id"},
		{"NodesFieldCount", "s,t\na,b\n", "id,name\nx,X\ny\n", "", "nodes.csv", 3, "the header has 2 columns but this row has 1"},
		{"BelowMinimumStrength", "s,t,w\na,b,1\nb,c,0.005\n", "", "w", "", 3, `strength "0.005" is below the minimum tie strength 0.01`},
		{"SubnormalStrength", "s,t,w\na,b,5e-324\n", "", "w", "", 2, `strength "5e-324" is below the minimum tie strength 0.01`},
		{"NULInSource", "s,t\na,b\na\x00b,c\n", "", "", "", 3, `column 1 (source): id "a\x00b" holds a control character (U+0000) at character 2`},
		{"EscapeInTarget", "s,t\na,b\x1b[2J\n", "", "", "", 2, `column 2 (target): id "b\x1b[2J" holds a control character (U+001B) at character 2`},
		{"OverrideInSource", "s,t\nAnn\u202eeL,b\n", "", "", "", 2, `column 1 (source): id "Ann\u202eeL" holds an invisible or text-direction character (U+202E) at character 4`},
		{"ZeroWidthInTarget", "s,t\na,\u200bb\n", "", "", "", 2, `holds an invisible or text-direction character (U+200B) at character 1`},
		{"NotUTF8", "s,t\na\xffb,c\n", "", "", "", 2, `column 1 (source): id "a\xffb" holds a byte that is not UTF-8 (U+FFFD) at character 2`},
		{"NodesControl", "s,t\na,b\n", "id\nx\n\"y\tz\"\n", "", "nodes.csv", 3, `column 1 (id): id "y\tz" holds a control character (U+0009) at character 2`},
		{"NodesNameControl", "s,t\na,b\n", "id,name\nx,\"X\x1b[2J\"\n", "", "nodes.csv", 2, `column 2 (name): name "X\x1b[2J" holds a control character (U+001B)`},
		{"NoHeaderNumericIDs", "1,2\n2,3\n", "", "", "", 1, `no header row: column 1 holds "1" and column 2 "2", ids rather than column names; add a header such as "from,to,strength"`},
		{"NoHeaderStrength", "alice,bob,3\nbob,carol,2\n", "", "", "", 1, `no header row: column 3 holds the number "3", a strength rather than a column name; add a header such as "from,to,strength"`},
		{"NoHeaderSemicolons", "alice;bob;3\n", "", "", "", 1, `add a header such as "from;to;strength"`},
		{"NoHeaderIDTiedLater", "alice,bob\nbob,carol\ncarol,dave\n", "", "", "", 1, `no header row: column 2 holds "bob", the id of a person in the network, so the first row is data; add a header such as "from,to,strength"`},
		{"NoHeaderIDInNodes", "ann,bob\ncy,dee\n", "id\nann\n", "", "", 1, `no header row: column 1 holds "ann", the id of a person`},
		{"NodesNoHeader", "s,t\nann,bob\n", "ann\nbob\n", "", "nodes.csv", 1, `no header row: column 1 holds "ann", the id of a person in the network, so the first row is data; add a header such as "id,name,organisation"`},
		{"NodesNoHeaderNumeric", "s,t\n1,2\n", "7\n8\n", "", "nodes.csv", 1, `no header row: column 1 holds the number "7", an id rather than a column name`},
		{"DecimalComma", "from;to;w\na;b;2,5\n", "", "w", "", 2, `strength "2,5" is not a number`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := edgelist.Options{Weight: tc.weight, EdgesName: "edges.csv", NodesName: "nodes.csv"}
			if tc.nodes != "" {
				opts.Nodes = strings.NewReader(tc.nodes)
			}
			g, err := edgelist.Read(strings.NewReader(tc.edges), opts)
			if err == nil {
				t.Fatalf("no error; read %d people, %d ties", g.N(), g.M())
			}
			file := tc.file
			if file == "" {
				file = "edges.csv"
			}
			if prefix := fmt.Sprintf("%s line %d: ", file, tc.line); !strings.HasPrefix(err.Error(), prefix) ||
				!strings.Contains(err.Error(), tc.message) {
				t.Errorf("got %q; want %q", err, prefix+tc.message)
			}
			var e *edgelist.Error
			if !errors.As(err, &e) || e.Line != tc.line || e.File != file {
				t.Errorf("got %#v; want an *edgelist.Error for %s line %d", err, file, tc.line)
			}
		})
	}
}

func TestReadErrorsWrapSentinels(t *testing.T) {
	_, err := edgelist.Read(strings.NewReader("s,t\na,a\n"), edgelist.Options{})
	if !errors.Is(err, analysis.ErrSelfTie) {
		t.Errorf("self-loop error %v does not wrap analysis.ErrSelfTie", err)
	}
	if !strings.HasPrefix(err.Error(), "edge list line 2: ") {
		t.Errorf("unnamed input: got %q; want it called the edge list", err)
	}
	broken := io.MultiReader(strings.NewReader("s,t\na,b\n"), iotest.ErrReader(io.ErrUnexpectedEOF))
	if _, err := edgelist.Read(broken, edgelist.Options{}); !errors.Is(err, io.ErrUnexpectedEOF) ||
		!strings.Contains(err.Error(), "line ") {
		t.Errorf("read failure: got %v; want io.ErrUnexpectedEOF with a line", err)
	}
}

// bigFile is an edge file that says it is 1 GiB long (as a large file of a
// few long rows would) but holds a few short rows.
type bigFile struct{ *strings.Reader }

func (bigFile) Len() int { return 1 << 30 }

// TestReadSizesFromTheInputWithinBounds checks that the room made ahead from
// the input's size is bounded: the size says little of how many ties a file
// holds when its rows are long.
func TestReadSizesFromTheInputWithinBounds(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	g, err := edgelist.Read(bigFile{strings.NewReader("source,target,notes\na,b,long\nb,c,long\n")}, edgelist.Options{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if g.M() != 2 {
		t.Errorf("%d ties; want 2", g.M())
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 64<<20 {
		t.Errorf("reading 2 ties allocated %d MiB", allocated>>20)
	}
}

// TestReadNodeColumns: the nodes file's name and organisation columns, in
// any case and among others, give names (Options.Names) and organisations
// (the snapshot's profiles); empty cells give none.
func TestReadNodeColumns(t *testing.T) {
	names := map[string]string{}
	g, err := edgelist.Read(strings.NewReader("from,to\na,b\nb,c\n"), edgelist.Options{
		Nodes: strings.NewReader("id,region,Name,Organization\na,North,Ann Lee,Acme Trust\nb,South,,\nd,,Dee,Acme Trust\n"),
		Names: names,
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"a": "Ann Lee", "d": "Dee"}; !maps.Equal(names, want) {
		t.Errorf("names %v; want %v", names, want)
	}
	orgs := map[string]string{}
	for v := range g.N() {
		for _, o := range g.Profile(v).Organisations {
			orgs[g.ID(v)] += o.ID + "/" + o.Name
		}
	}
	if want := map[string]string{"a": "Acme Trust/Acme Trust", "d": "Acme Trust/Acme Trust"}; !maps.Equal(orgs, want) {
		t.Errorf("organisations %v; want %v", orgs, want)
	}
}

// TestReadDelimiter: Options.Delimiter names the separator instead of
// telling it from the header line.
func TestReadDelimiter(t *testing.T) {
	g, err := edgelist.Read(strings.NewReader("from;to,note\na;b,x\n"), edgelist.Options{Delimiter: ';'})
	if err != nil {
		t.Fatal(err)
	}
	if got := ties(g); !maps.Equal(got, map[string]float64{"a|b,x": 1}) {
		t.Errorf("ties %v", got)
	}
	_, err = edgelist.Read(strings.NewReader("from,to\na,b\n"), edgelist.Options{Delimiter: '\t'})
	if want := "edge list line 1: the header must name at least two columns (source, target); it has 1, separated by tabs"; err == nil || err.Error() != want {
		t.Errorf("got %v; want %s", err, want)
	}
}

func TestDetectDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		"":                      ',',
		"from,to\n":             ',',
		"from;to;strength\n":    ';',
		"from\tto\n":            '\t',
		"\uFEFF\n\nfrom;to\n":   ';',
		"\"a,b,c\";to\n":        ';',
		"from;to,kind,strength": ',',
		"id\n":                  ',',
	} {
		if got := edgelist.DetectDelimiter([]byte(in)); got != want {
			t.Errorf("DetectDelimiter(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestReadFilesStdin: "-" reads Options.Stdin, named "stdin" in messages.
func TestReadFilesStdin(t *testing.T) {
	g, err := edgelist.ReadFiles("-", filepath.Join("testdata", "people.csv"), edgelist.Options{Stdin: strings.NewReader("from,to\nalice,zed\n")})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := g.Index("zed"); !ok || g.M() != 1 {
		t.Errorf("read %d ties, people %q", g.M(), g.IDs())
	}
	_, err = edgelist.ReadFiles("-", "", edgelist.Options{Stdin: strings.NewReader("from,to\na,a\n")})
	if err == nil || !strings.HasPrefix(err.Error(), "stdin line 2: ") {
		t.Errorf("got %v; want an error on stdin line 2", err)
	}
	if _, err := edgelist.ReadFiles("-", "-", edgelist.Options{Stdin: strings.NewReader("")}); err == nil {
		t.Error("both files from stdin: no error")
	}
}
