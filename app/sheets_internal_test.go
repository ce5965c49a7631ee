package app

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestSheetColumnsDocumented checks docs/import.md's table of columns
// against the columns ReadSheets accepts, kind by kind, required ones in bold.
func TestSheetColumnsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/import.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range SheetKinds {
		row := regexp.MustCompile(`(?m)^\| ` + string(kind) + ` \| (.*) \|$`).FindSubmatch(doc)
		if row == nil {
			t.Errorf("docs/import.md has no row for %s", kind)
			continue
		}
		// The documented columns: the first word of each comma-separated
		// entry, outside parentheses.
		text := regexp.MustCompile(`\([^)]*\)`).ReplaceAllString(string(row[1]), "")
		var required, optional []string
		for entry := range strings.SplitSeq(text, ",") {
			entry = strings.TrimSpace(entry)
			if name, ok := strings.CutPrefix(entry, "**"); ok {
				required = append(required, strings.TrimSuffix(name, "**"))
			} else if entry != "" {
				optional = append(optional, strings.Fields(entry)[0])
			}
		}
		spec := sheetColumns[kind]
		if strings.Join(required, ",") != strings.Join(spec.required, ",") || strings.Join(optional, ",") != strings.Join(spec.optional, ",") {
			t.Errorf("%s: documented **%v** %v, accepted **%v** %v", kind, required, optional, spec.required, spec.optional)
		}
	}
}
