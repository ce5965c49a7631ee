package app_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeLayoutNamesEveryUseCase checks that the README's layout names
// every file of app, so that each use case is found in one guess there.
func TestReadmeLayoutNamesEveryUseCase(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, layout, ok := strings.Cut(string(readme), "## Developing")
	if !ok {
		t.Fatal("the README has no Developing section")
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "app.go" {
			continue
		}
		if !strings.Contains(layout, f) {
			t.Errorf("the README's layout does not name app/%s", f)
		}
	}
}
