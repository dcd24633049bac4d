package engine

import "testing"

// TestColumnSubstringOperator: column[first,last] on the character types,
// BYTE and TEXT (IBM's SQL Syntax, "Using the Substring Operator": first
// above zero and not above last; SQL Reference, "TEXT data type":
// `SELECT cat_descr[1,75]`), in the select list and in WHERE.
func TestColumnSubstringOperator(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE cust (n INT, lname CHAR(15), phone VARCHAR(18), b BYTE, x TEXT)")
	exec(t, s, "INSERT INTO cust VALUES (1, 'Albertson', '415-356-2340', ?, ?)", []byte{0, 1, 2, 3}, "a long text")
	exec(t, s, "INSERT INTO cust VALUES (2, 'Greenburg', '415-887-7235', NULL, NULL)")

	eq(t, "CHAR and VARCHAR", query(t, s, "SELECT lname[7,9], phone[5,7] FROM cust ORDER BY n"),
		[][]Value{{"son", "356"}, {"urg", "887"}})
	eq(t, "in WHERE", query(t, s, "SELECT n FROM cust WHERE phone[5,7] = '356'"), [][]Value{{int64(1)}})
	eq(t, "CHAR past its value", query(t, s, "SELECT lname[8,12] FROM cust WHERE n = 2"), [][]Value{{"rg   "}})
	eq(t, "BYTE and TEXT", query(t, s, "SELECT b[2,3], x[3,6] FROM cust ORDER BY n"),
		[][]Value{{[]byte{1, 2}, "long"}, {nil, nil}})

	st := describe(t, s, "SELECT lname[7,9], phone[5,7], b[1,2], x[1,75], lname[1,40] FROM cust")
	for i, want := range []struct{ code, length int }{{TypeChar, 3}, {TypeVarchar, 3}, {TypeByte, -1}, {TypeText, -1}, {TypeChar, 15}} {
		c := st.Columns[i]
		if int(c.Type&0xff) != want.code || want.length >= 0 && int(c.Length) != want.length {
			t.Errorf("column %d: type %d length %d, want %d length %d", i, c.Type, c.Length, want.code, want.length)
		}
	}

	for _, q := range []string{
		"SELECT lname[0,2] FROM cust",
		"SELECT lname[3,2] FROM cust",
		"SELECT lname[2] FROM cust",
		"SELECT lname[1,?] FROM cust",
		"SELECT n[1,2] FROM cust",
		"SELECT 'abc'[1,2] FROM cust",
	} {
		wantErr(t, s, -201, q)
	}
}
