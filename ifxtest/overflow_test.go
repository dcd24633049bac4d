package ifxtest

import (
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// An INTEGER expression that overflows is an error, never a wrapped value
// (3,000,000,000 came back as -1,294,967,296 before).
func TestIntegerOverflowIsAnError(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	d, rows, _, err := c.query("SELECT value * 1000000000 FROM TABLE(ifx_generate(3)) AS g(value)", 4096)
	if err == nil {
		vals := []any{}
		for _, r := range rows {
			v, _ := decodeRow(d, r)
			vals = append(vals, v...)
		}
		if d.Columns[0].Type.Base() == sqli.TypeInt {
			t.Fatalf("overflowing INTEGER column returned %v", vals)
		}
		return // a wider type is also correct
	}
	if code := sqlCode(err); code != -1215 {
		t.Fatalf("err %v (SQLCODE %d), want -1215", err, code)
	}
}
