package sqltext

import "testing"

func TestForeignMarker(t *testing.T) {
	for _, tc := range []struct {
		sql    string
		marker string
		at     int
	}{
		{"SELECT * FROM t WHERE id = $1", "$1", 27},
		{"SELECT * FROM t WHERE id = :id AND x = :x", ":id", 27},
		{"SELECT * FROM t WHERE id = :1", ":1", 27},
		{"SELECT * FROM t WHERE id=@id", "@id", 25},
		{"@id", "@id", 0},
		// Not markers: in quotes or comments, Informix's own forms.
		{"SELECT '$1', ':id', \"@x\" FROM t -- $2\n/* :y */ { @z }", "", -1},
		{"SELECT * FROM stores@srv:customer", "", -1},
		{"SELECT * FROM stores:informix.customer", "", -1},
		{"SELECT '1'::INT, x::LVARCHAR FROM t", "", -1},
		{"SELECT a$1 FROM t", "", -1},
		{"SELECT price*$ FROM t", "", -1},
		{"SELECT ? FROM t", "", -1},
		{"", "", -1},
		{"x:", "", -1},
	} {
		m, at := ForeignMarker(tc.sql)
		if m != tc.marker || at != tc.at {
			t.Errorf("ForeignMarker(%q) = %q, %d; want %q, %d", tc.sql, m, at, tc.marker, tc.at)
		}
	}
}
