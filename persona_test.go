package ifx_test

import (
	"strings"
	"testing"
)

// eachPersona's subtests, and their own subtests, talk to a server that
// presents the persona's release.
func TestEachPersonaPresentsItsRelease(t *testing.T) {
	if realServer() {
		t.Skip("IFX_TEST_DSN: the real server has one release")
	}
	var seen []string
	eachPersona(t, func(t *testing.T) {
		rel := t.Name()[strings.LastIndexByte(t.Name(), '/')+1:]
		seen = append(seen, rel)
		want := "Version " + strings.TrimSuffix(rel, ".0") + "."
		if v := connect(t, "testdb").ServerInfo().Version; !strings.Contains(v, want) {
			t.Errorf("server version %q, want %q", v, want)
		}
		t.Run("nested", func(t *testing.T) {
			if v := connect(t, "testdb").ServerInfo().Version; !strings.Contains(v, want) {
				t.Errorf("nested: server version %q, want %q", v, want)
			}
		})
	})
	if strings.Join(seen, " ") != "15.0 14.10 12.10" {
		t.Fatalf("personas run: %v", seen)
	}
}
