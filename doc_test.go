package ahpsim_test

import (
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

const module = "github.com/ahpsim/ahpsim"

// outside names the imports from outside the module that doc.go's lines
// may list, by the prefixes of their import paths.
var outside = map[string][]string{
	"yaml":       {"go.yaml.in/yaml/"},
	"gonum/stat": {"gonum.org/v1/gonum/"},
	"gonum/plot": {"gonum.org/v1/plot", "golang.org/x/image/"},
	"excelize":   {"github.com/xuri/excelize/"},
}

// docLine is a line of doc.go's import table: "\tsim:  workforce, sim/sample".
var docLine = regexp.MustCompile(`^\t([a-z][a-z/]*):\s+(.+)$`)

// docImports reads the import table of doc.go: package -> what it may
// import (packages of the module, and names of the outside map).
func docImports(t *testing.T) map[string][]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	table := map[string][]string{}
	for line := range strings.SplitSeq(f.Doc.Text(), "\n") {
		m := docLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if _, dup := table[m[1]]; dup {
			t.Errorf("doc.go lists %s twice", m[1])
		}
		table[m[1]] = nil
		if m[2] != "standard library only" {
			table[m[1]] = strings.Split(m[2], ", ")
		}
	}
	if len(table) == 0 {
		t.Fatal("doc.go has no import table")
	}
	return table
}

// sourceImports reads the imports of every package of the module, from
// its non-test files: package (as doc.go names it) -> import paths.
func sourceImports(t *testing.T) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		if pkg == "." {
			pkg = "ahpsim"
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		if _, ok := got[pkg]; !ok {
			got[pkg] = []string{}
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !slices.Contains(got[pkg], p) {
				got[pkg] = append(got[pkg], p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// kind says what an import path is, in doc.go's terms: a package of the
// module ("sim/chart", "ahpsim"), a name of the outside map, or "" for
// the standard library.
func kind(t *testing.T, path string) string {
	switch {
	case path == module:
		return "ahpsim"
	case strings.HasPrefix(path, module+"/"):
		return strings.TrimPrefix(path, module+"/")
	case !strings.Contains(strings.Split(path, "/")[0], "."):
		return ""
	}
	for name, prefixes := range outside {
		for _, p := range prefixes {
			if strings.HasPrefix(path, p) {
				return name
			}
		}
	}
	t.Errorf("import %s is neither the module's, the standard library nor named in the outside map", path)
	return path
}

// TestImportsMatchDoc checks that each package imports exactly what
// doc.go's table says, and the rules the layout rests on.
func TestImportsMatchDoc(t *testing.T) {
	if _, err := os.Stat("go.mod"); err != nil {
		t.Fatal("run from the module root")
	}
	want, got := docImports(t), sourceImports(t)
	for pkg := range want {
		if _, ok := got[pkg]; !ok {
			t.Errorf("doc.go lists %s, which is not a package of the module", pkg)
		}
	}
	for pkg, paths := range got {
		allowed, listed := want[pkg]
		if !listed {
			t.Errorf("package %s is missing from doc.go's import table", pkg)
			continue
		}
		var uses []string
		for _, p := range paths {
			if k := kind(t, p); k != "" && !slices.Contains(uses, k) {
				uses = append(uses, k)
			}
		}
		for _, k := range uses {
			if !slices.Contains(allowed, k) {
				t.Errorf("%s imports %s, which doc.go does not list", pkg, k)
			}
		}
		for _, k := range allowed {
			if !slices.Contains(uses, k) {
				t.Errorf("doc.go says %s imports %s, but it does not", pkg, k)
			}
		}
		checkRules(t, pkg, uses)
	}
}

// checkRules holds the rules of the layout, whatever doc.go says.
func checkRules(t *testing.T, pkg string, uses []string) {
	for _, k := range uses {
		switch {
		case pkg == "workforce":
			t.Errorf("workforce imports %s (want the standard library only)", k)
		case k == "yaml" && pkg != "scenario":
			t.Errorf("%s imports YAML (want scenario the only one)", pkg)
		case k == "excelize" && pkg != "history" && pkg != "sim/workbook":
			t.Errorf("%s imports excelize (want history and sim/workbook the only ones)", pkg)
		case k == "gonum/plot" && pkg != "sim/chart":
			t.Errorf("%s imports gonum/plot (want sim/chart the only one)", pkg)
		case pkg == "sim" && (k == "scenario" || k == "examples" || strings.HasPrefix(k, "cmd/") || k == "sim/chart" || k == "sim/report"):
			t.Errorf("sim imports %s (the engine imports no front end, report or plotting)", k)
		case pkg == "sim/chart" && k != "workforce" && !strings.Contains(k, "gonum/plot"):
			t.Errorf("sim/chart imports %s (want gonum/plot and at most workforce)", k)
		}
	}
}
