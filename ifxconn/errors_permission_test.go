package ifxconn

import (
	"strings"
	"testing"

	"github.com/ifxgo/ifx/internal/errcat"
)

// TestCatalogPermissionAndMemoryCodes: -274 is IDS's "No DELETE
// permission" (informix-driver's catalog agrees), not a statement limit;
// -208 is what a session that ran out of memory gets, and the reason the
// server sends with it (ifxtest: its statement limit and what to do)
// reaches the message. Before, -272…-274 read "Informix error -274".
// IBM's catalog names the object: "No DELETE permission for %s.".
func TestCatalogPermissionAndMemoryCodes(t *testing.T) {
	for code, want := range map[int]string{
		-272: "No SELECT permission for t1.",
		-273: "No UPDATE permission for t1.",
		-274: "No DELETE permission for t1.",
	} {
		if got := errcat.Message(code, "t1"); got != want {
			t.Errorf("%d: %q, want %q", code, got, want)
		}
	}
	m := newServerError(-208, 0, 0, "the session holds 4096 prepared statements: close statements").Error()
	if !strings.Contains(m, "Memory allocation failed") || !strings.Contains(m, "close statements") {
		t.Errorf("-208 with its reason: %q", m)
	}
}
