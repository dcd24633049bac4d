package engine

import (
	"strings"
	"testing"

	"github.com/ifxgo/ifx/internal/errcat"
)

// The engine keeps its own catalog, but a client shows the driver's
// (internal/errcat) text for the codes the engine sends: the two must say
// the same for every code they share.
func TestMessagesAgreeWithDriverCatalog(t *testing.T) {
	shared := 0
	for _, code := range errcat.Codes() {
		mine, ok := messages[code]
		if !ok {
			continue
		}
		shared++
		if theirs, _ := errcat.Text(code); mine != theirs {
			t.Errorf("%d: engine %q, driver %q", code, mine, theirs)
		}
	}
	// The engine words ISAM codes as IBM's catalog does ("ISAM error:
	// record is locked."); the driver keeps the part after the prefix.
	isamShared := 0
	for _, code := range errcat.ISAMCodes() {
		mine, ok := messages[code]
		if !ok {
			continue
		}
		isamShared++
		theirs, _ := errcat.ISAMMessage(code)
		got := strings.TrimSuffix(strings.TrimPrefix(mine, "ISAM error: "), ".")
		if !strings.EqualFold(got, theirs) {
			t.Errorf("ISAM %d: engine %q, driver %q", code, mine, theirs)
		}
	}
	if shared < 35 || isamShared < 6 {
		t.Errorf("only %d SQLCODEs and %d ISAM codes shared", shared, isamShared)
	}
}

// Every SQLCODE the engine sends has a text in the driver's catalog, so
// a client never shows one bare ("Informix error -324").
func TestDriverCatalogCoversEngineCodes(t *testing.T) {
	for code := range messages {
		if _, ok := errcat.Text(code); ok {
			continue
		}
		if _, ok := errcat.ISAMMessage(code); ok {
			continue
		}
		t.Errorf("%d (%q) is missing from internal/errcat", code, messages[code])
	}
}
