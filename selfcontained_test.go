package ifx_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Nothing in the repository may cite files outside it: facts taken from
// outside notes are restated in docs/PROTOCOL.md and cited there.
func TestRepositoryIsSelfContained(t *testing.T) {
	banned := []string{"../" + "shared/", "STATEMENTS" + ".md", "SESSION" + ".md", "shared/" + "protocol", "shared/" + "reference"}
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == ".git" || name == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".md", ".py", ".sh", ".hex", ".txt", ".java", ".json", "":
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		for _, s := range banned {
			if strings.Contains(string(b), s) {
				t.Errorf("%s cites %q, outside the repository", path, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d files checked", checked)
	}
}
