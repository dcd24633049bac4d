package ifx_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Nothing in the repository may cite files outside it: facts taken from
// outside notes are restated in docs/PROTOCOL.md and cited there.
func TestRepositoryIsSelfContained(t *testing.T) {
	banned := []string{"../" + "shared/", "STATEMENTS" + ".md", "SESSION" + ".md", "shared/" + "protocol", "shared/" + "reference"}
	checked := 0
	for _, path := range repositoryFiles(t) {
		switch filepath.Ext(path) {
		case ".go", ".md", ".py", ".sh", ".hex", ".txt", ".java", ".json", "":
		default:
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			if os.IsNotExist(err) {
				continue // deleted in the working tree
			}
			t.Fatal(err)
		}
		checked++
		for _, s := range banned {
			if strings.Contains(string(b), s) {
				t.Errorf("%s cites %q, outside the repository", path, s)
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d files checked", checked)
	}
}

// repositoryFiles lists the files git tracks or would track (not what it
// ignores, such as the venvs and caches the conformance suites create);
// outside a git checkout, every regular file but those in hidden folders.
func repositoryFiles(t *testing.T) []string {
	out, err := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err == nil {
		return strings.FieldsFunc(string(out), func(r rune) bool { return r == 0 })
	}
	var files []string
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
