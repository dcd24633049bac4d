package ifxtest

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// TestSmallIntOverflowUsesTheCatalogText: a value past SMALLINT's range is
// -1214 with the engine catalog's text (IBM's wording), the one every
// other -1214 of ifxtest carries, never a text of its own.
func TestSmallIntOverflowUsesTheCatalogText(t *testing.T) {
	var c conn
	_, err := c.appendValue(nil, engine.Column{Type: int16(sqli.TypeSmallInt), Length: 2}, int64(40000))
	var e *engine.Error
	if !errors.As(err, &e) || e.SQLCode != -1214 {
		t.Fatalf("got %v, want -1214", err)
	}
	if want := engine.MessageText(-1214, ""); e.Message != want {
		t.Fatalf("message %q, want the catalog's %q", e.Message, want)
	}
}
