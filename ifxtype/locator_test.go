package ifxtype

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// TestColumnPlanLOKind: a BLOB or CLOB column is an opaque column named
// by its extended id or, when the server sends only the name, by it.
func TestColumnPlanLOKind(t *testing.T) {
	for _, c := range []struct {
		kind ColumnKind
		xid  int32
		name string
		want LOKind
		ok   bool
	}{
		{ColOpaque, sqli.XIDBlob, "", BLOB, true},
		{ColOpaque, sqli.XIDClob, "", CLOB, true},
		{ColOpaque, 0, "BLOB", BLOB, true},
		{ColOpaque, 0, "clob", CLOB, true},
		{ColOpaque, 0, "lvarchar", 0, false},
		{ColText, sqli.XIDClob, "clob", 0, false},
	} {
		ci := ColumnPlan{Kind: c.kind, Desc: sqli.ColumnDesc{ExtendedID: c.xid, ExtendedName: c.name}}
		got, ok := ci.LOKind()
		if got != c.want || ok != c.ok || ci.IsLO() != c.ok {
			t.Errorf("%v %d %q: LOKind() = %v, %v; want %v, %v", c.kind, c.xid, c.name, got, ok, c.want, c.ok)
		}
	}
}

// TestParseLocatorWire: the 72 bytes, or 144 hex digits; any other size
// is an error.
func TestParseLocatorWire(t *testing.T) {
	raw := bytes.Repeat([]byte{0xab}, LocatorSize)
	for _, b := range [][]byte{raw, []byte(strings.Repeat("ab", LocatorSize))} {
		l, err := ParseLocatorWire(b, CLOB)
		if err != nil || l.Kind != CLOB || !bytes.Equal(l.Raw[:], raw) {
			t.Errorf("ParseLocatorWire(%d bytes) = %v, %v", len(b), l, err)
		}
	}
	for _, b := range [][]byte{nil, raw[:71], []byte(strings.Repeat("zz", LocatorSize))} {
		if _, err := ParseLocatorWire(b, BLOB); err == nil {
			t.Errorf("ParseLocatorWire(%d bytes) accepted", len(b))
		}
	}
}
