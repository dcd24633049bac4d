package ifxtest

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// TestSmallIntOverflowUsesTheCatalogText: a value past SMALLINT's range is
// -1214 (INTEGER's -1215) with the engine catalog's text (IBM's wording),
// the one every other such error of ifxtest carries, never a text of its
// own.
func TestSmallIntOverflowUsesTheCatalogText(t *testing.T) {
	for _, tc := range []struct {
		typ  sqli.TypeCode
		v    int64
		code int
	}{
		{sqli.TypeSmallInt, 40000, -1214},
		{sqli.TypeInt, 1 << 40, -1215},
	} {
		var c conn
		_, err := c.appendValue(nil, engine.Column{Type: int16(tc.typ), Length: 4}, tc.v)
		var e *engine.Error
		if !errors.As(err, &e) || e.SQLCode != tc.code {
			t.Fatalf("%v: got %v, want %d", tc.typ, err, tc.code)
		}
		if want := engine.MessageText(tc.code, ""); e.Message != want {
			t.Fatalf("%v: message %q, want the catalog's %q", tc.typ, e.Message, want)
		}
	}
}
