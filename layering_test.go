package ifx_test

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// The packages' layers, lowest first: a package may import only packages
// of lower layers (docs/ARCHITECTURE.md). Packages of one layer do not
// import each other. Internal packages serve every layer, so they may
// import only the lowest ones; ifxtest judges the client independently
// and imports none of the driver's layers.
var layers = map[string]int{
	"sqli":    0,
	"ifxtype": 1,
	"ifxconn": 2,
	".":       3, // package ifx
	"stdlib":  4,
	"ifxpool": 4,
}

// internalCeiling raises the highest layer an internal package may
// import, for the test environment, which parses IFX_TEST_DSN with the
// driver's one DSN parser.
var internalCeiling = map[string]int{"internal/testenv": 2}

const module = "github.com/ifxgo/ifx"

// layerOf returns the layer of a package of this module (path relative to
// the module, "." for the root), and whether it is in the layering.
func layerOf(rel string) (int, bool) {
	l, ok := layers[rel]
	return l, ok
}

// layerViolations lists the imports of graph (package → its imports,
// paths relative to the module) that point up or sideways.
func layerViolations(graph map[string][]string) []string {
	var bad []string
	for pkg, imps := range graph {
		from, layered := layerOf(pkg)
		for _, imp := range imps {
			to, ok := layerOf(imp)
			if !ok {
				continue
			}
			switch {
			case layered && (to > from || to == from && imp != pkg):
				bad = append(bad, fmt.Sprintf("%s (layer %d) imports %s (layer %d)", pkg, from, imp, to))
			case !layered && strings.HasPrefix(pkg, "internal/") && to > max(layers["ifxtype"], internalCeiling[pkg]):
				bad = append(bad, fmt.Sprintf("%s (internal) imports %s (layer %d)", pkg, imp, to))
			case !layered && (pkg == "ifxtest" || strings.HasPrefix(pkg, "ifxtest/")) && to > layers["ifxtype"]:
				bad = append(bad, fmt.Sprintf("%s (the test server) imports %s (layer %d)", pkg, imp, to))
			}
		}
	}
	return bad
}

// TestImportGraphPointsOneWay fails when a package imports one above it:
// sqli ← ifxtype ← ifxconn ← ifx ← (stdlib, ifxpool). It reads the
// module's import graph (non-test imports and in-package test imports)
// with go list.
func TestImportGraphPointsOneWay(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}} {{join .TestImports \" \"}}", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	rel := func(p string) (string, bool) {
		if p == module {
			return ".", true
		}
		r, ok := strings.CutPrefix(p, module+"/")
		return r, ok
	}
	graph := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg, ok := rel(f[0])
		if !ok {
			continue
		}
		graph[pkg] = nil
		for _, imp := range f[1:] {
			if r, ok := rel(imp); ok {
				graph[pkg] = append(graph[pkg], r)
			}
		}
	}
	for _, p := range []string{".", "sqli", "ifxtype", "ifxconn", "stdlib", "ifxpool"} {
		if _, ok := graph[p]; !ok {
			t.Fatalf("go list did not list package %q", p)
		}
	}
	for _, v := range layerViolations(graph) {
		t.Error(v)
	}
}

// TestLayerViolationsFindsUpwardImports checks the checker on a graph
// with every kind of violation.
func TestLayerViolationsFindsUpwardImports(t *testing.T) {
	bad := layerViolations(map[string][]string{
		"ifxconn":          {"sqli", "ifxtype", "."}, // up
		"stdlib":           {".", "ifxpool"},         // sideways
		"internal/sqltext": {"ifxconn"},              // internal above ifxtype
		"ifxtest":          {"sqli", "ifxconn"},      // the test server on the driver
		"ifxtype":          {"sqli", "internal/x"},   // fine
		"cmd/ifxsql":       {".", "stdlib"},          // fine: not layered
	})
	if len(bad) != 4 {
		t.Fatalf("%d violations, want 4: %q", len(bad), bad)
	}
}
