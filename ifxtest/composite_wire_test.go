package ifxtest

import (
	"bytes"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// A NULL composite keeps its 4-byte length (informix-driver's live capture:
// 00 00 00 08 | 01 | 00 00 00 00 | 03 78 79 7a), and a present one is its
// text form in the same envelope.
func TestCompositeTupleEnvelope(t *testing.T) {
	c := loginTestDB(t)
	c.exec("CREATE TABLE t_nullset (a INT, s SET(INT NOT NULL), b VARCHAR(10))")
	c.exec("INSERT INTO t_nullset VALUES (7, SET{1,2}, 'abc')")
	c.exec("INSERT INTO t_nullset VALUES (8, NULL, 'xyz')")
	d, rows := queryRows(t, c, "SELECT a, s, b FROM t_nullset ORDER BY a")
	col := d.Columns[1]
	if col.Type.Base() != sqli.TypeSet || col.ExtendedName != "SET(integer not null)" || col.ExtendedID < 2048 {
		t.Fatalf("SET column described as %v xid %d %q", col.Type, col.ExtendedID, col.ExtendedName)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	text := "SET{1          ,2          }"
	want0 := append([]byte{0, 0, 0, 7, 0, 0, 0, 0, byte(len(text))}, text...)
	want0 = append(want0, 3, 'a', 'b', 'c')
	if !bytes.Equal(rows[0], want0) {
		t.Errorf("row 1\n got % x\nwant % x", rows[0], want0)
	}
	want1 := []byte{0, 0, 0, 8, 1, 0, 0, 0, 0, 3, 'x', 'y', 'z'}
	if !bytes.Equal(rows[1], want1) {
		t.Errorf("row 2\n got % x\nwant % x", rows[1], want1)
	}
}

// JDBC's getDatabaseProductVersion runs this statement.
func TestDbinfoFromTableSetLiteral(t *testing.T) {
	c := loginTestDB(t)
	d, rows := queryRows(t, c, "select dbinfo('version','full') from  table (set{1});")
	if len(d.Columns) != 1 || len(rows) != 1 {
		t.Fatalf("%d columns, %d rows", len(d.Columns), len(rows))
	}
}
