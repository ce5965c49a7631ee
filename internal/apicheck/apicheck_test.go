package apicheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// testHelpers are the packages that exist for tests: their names are meant
// for tests, and their uses of other names do not count.
var testHelpers = []string{"store/storetest", "store/embedded/embeddedtest", "store/neo4jstore/neo4jtest",
	"internal/holmekim", "internal/apicheck"}

// allowed are exported names that only tests use, each for a reason.
var allowed = map[string]string{
	"web.AssetPaths": "the embedded assets are web's alone; the server's routing and access tests walk every one",
}

// stdMethods are the methods that standard interfaces call by name, and so
// are used where no source names them.
var stdMethods = map[string]bool{"Error": true, "String": true, "Unwrap": true, "Is": true, "As": true,
	"ServeHTTP": true, "MarshalJSON": true, "UnmarshalJSON": true, "MarshalText": true, "UnmarshalText": true,
	"MarshalGQL": true, "UnmarshalGQL": true, "Format": true, "Len": true, "Less": true, "Swap": true,
	"Push": true, "Pop": true, "Read": true, "Write": true, "Close": true}

const module = "github.com/netgraph/netgraph"

var generated = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

// TestNoExportedNameOnlyForTests checks that every exported function, method,
// type, variable and constant declared outside tests and test helpers is
// named somewhere else outside them: a package's name bare in that package
// or after the package's import name elsewhere, a method's name anywhere. It
// reads source without type-checking, so a method's name that two things
// share hides one of them; it is a guard, cheap enough to run with every
// test, not a proof.
func TestNoExportedNameOnlyForTests(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	type decl struct {
		pkg, name, pos string
		method         bool
	}
	type file struct {
		pkg string // its directory, "." for the module's root
		f   *ast.File
	}
	var decls []decl
	declared := map[token.Pos]bool{}
	usedName := map[string]bool{}     // any identifier, for methods
	usedInPkg := map[[2]string]bool{} // {package, name}, for the rest
	fset := token.NewFileSet()
	var files []file
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata" ||
				slices.Contains(testHelpers, rel)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(rel))
		files = append(files, file{pkg, f})
		if generated.Match(src) {
			return nil // its names are the schema's, not ours to choose
		}
		add := func(id *ast.Ident, name string) {
			if id.IsExported() {
				declared[id.Pos()] = true
				decls = append(decls, decl{pkg, name, fset.Position(id.Pos()).String(), strings.Contains(name, ".")})
			}
		}
		for _, dl := range f.Decls {
			switch dl := dl.(type) {
			case *ast.FuncDecl:
				if dl.Recv == nil {
					add(dl.Name, dl.Name.Name)
				} else if r := receiver(dl.Recv.List[0].Type); ast.IsExported(r) && !stdMethods[dl.Name.Name] {
					// An unexported type's methods are not API: other
					// packages reach them only through interfaces.
					add(dl.Name, r+"."+dl.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range dl.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						add(s.Name, s.Name.Name)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							add(n, n.Name)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		imports := map[string]string{} // import name → package directory
		for _, im := range f.f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			dir, ok := strings.CutPrefix(path, module+"/")
			if path == module {
				dir, ok = ".", true
			}
			if !ok {
				continue
			}
			name := filepath.Base(path)
			if im.Name != nil {
				name = im.Name.Name
			}
			imports[name] = dir
		}
		qualified := map[token.Pos]bool{}
		ast.Inspect(f.f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok {
					if dir, ok := imports[x.Name]; ok {
						usedInPkg[[2]string{dir, n.Sel.Name}] = true
						qualified[n.Sel.Pos()] = true
					}
				}
			case *ast.Ident:
				if !declared[n.Pos()] && !qualified[n.Pos()] {
					usedName[n.Name] = true
					usedInPkg[[2]string{f.pkg, n.Name}] = true
				}
			}
			return true
		})
	}
	if len(decls) < 100 {
		t.Fatalf("found %d exported names under %s; is the walk broken?", len(decls), root)
	}
	for _, d := range decls {
		name := d.name[strings.LastIndex(d.name, ".")+1:]
		key := filepath.Base(d.pkg) + "." + d.name
		if d.pkg == "." {
			key = "netgraph." + d.name
		}
		used := usedInPkg[[2]string{d.pkg, name}]
		if d.method {
			used = usedName[name]
		}
		if !used && allowed[key] == "" {
			t.Errorf("%s: %s is used only by tests, or by nothing: unexport it, move it into a test file, or delete it",
				d.pos, key)
		}
	}
}

// receiver names a method's receiver type: T for T, *T, T[K] and *T[K].
func receiver(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return "?"
		}
	}
}
