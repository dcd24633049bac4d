package ifxtest

import (
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// JDBC 15.0.0.1.1 with IFX_USEPUT=1 running executeBatch of three rows
// (conformance/probes/insertcursor, runs a_eot_int3 and a_eot_b3): the
// group that opens the insert cursor of statement 0 and carries the rows.
const (
	// "INSERT INTO put_i VALUES (?)" with 0, 1, 2: one SQ_PUT of 3 rows of
	// 4 bytes, then the empty "ID EOT" group.
	jdbcPutInts = "00040000000300125f696678633030303030303030303030303100060011000000040003000000000000000100000002000c"
	// "INSERT INTO put_t VALUES (?, ?, ?)" (INTEGER, VARCHAR(20),
	// DECIMAL(10,2)): SQ_RET_TYPE, then one SQ_PUT per row; row 2 has
	// NULL in both last columns.
	jdbcPutRows = "00040000000300125f69667863303030303030303030303030310006006400000003000200000004000d00000014000500000a0200110000000d000100000000027630c019000000000000110000000d000100000001027631c101190000000000110000000c0001000000020100000000000000000c"
)

func TestInsertCursorJDBCBytes(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE put_i (i INTEGER)")
	c.exec("CREATE TABLE put_t (id INTEGER, v VARCHAR(20), d DECIMAL(10,2))")
	for _, tc := range []struct {
		sql, group, check string
		want              []any // the check's row
	}{
		{"INSERT INTO put_i VALUES (?)", jdbcPutInts, "SELECT COUNT(*), SUM(i) FROM put_i", []any{int64(3), "3"}},
		// Rows (0, "v0", 0.25), (1, "v1", 1.25), (2, NULL, NULL).
		{"INSERT INTO put_t VALUES (?, ?, ?)", jdbcPutRows,
			"SELECT COUNT(*), COUNT(v), SUM(d), MAX(v), SUM(id) FROM put_t", []any{int64(3), int64(2), "1.50", "v1", "3"}},
	} {
		r := c.roundTrip(&sqli.Prepare{NumParams: int16(countPlaceholders(tc.sql)), SQL: tc.sql}, sqli.NDescribe{}, sqli.WantDone{})
		if r.err != nil || r.describe.StmtID != 0 && r.describe.StmtID != 1 {
			t.Fatalf("%s: %+v", tc.sql, r.err)
		}
		group, _ := hex.DecodeString(tc.group)
		group[3] = byte(r.describe.StmtID) // JDBC's statement was 0
		c.write(group)
		rep, err := c.read()
		if err != nil || rep.err != nil || rep.done == nil || rep.done.Rows != 3 {
			t.Fatalf("%s: %v %+v %v", tc.sql, err, rep.err, rep.tags)
		}
		// The empty group that ends JDBC's fixed-width path, then CLOSE.
		id := &sqli.ID{StatementID: r.describe.StmtID}
		if rep := c.roundTrip(id); len(rep.tags) != 1 {
			t.Fatalf("ID EOT: %v", rep.tags)
		}
		c.roundTrip(id, sqli.Close{})
		d, rows, _, err := c.query(tc.check, 4096)
		if err != nil || len(rows) != 1 {
			t.Fatal(err)
		}
		got, err := decodeRow(d, rows[0])
		if err != nil || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: %v (%v), want %v", tc.check, got, err, tc.want)
		}
		c.roundTrip(id, sqli.Release{})
	}
	if v := srv.Violations(); len(v) != 0 {
		t.Fatal(v)
	}
}

// TestInsertCursorError: a row the table refuses stops the group; the
// reply counts the rows inserted before it, and the rest of the group's
// rows are read and dropped.
func TestInsertCursorError(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE put_u (i INTEGER PRIMARY KEY)")
	r := c.roundTrip(&sqli.Prepare{NumParams: 1, SQL: "INSERT INTO put_u VALUES (?)"}, sqli.NDescribe{}, sqli.WantDone{})
	id := &sqli.ID{StatementID: r.describe.StmtID}
	put := func(vals ...int32) *sqli.Put {
		m := &sqli.Put{RowLen: 4, N: int16(len(vals))}
		for _, v := range vals {
			m.Data = sqli.AppendPutRow(m.Data, sqli.AppendInt32(nil, v))
		}
		return m
	}
	rep := c.roundTrip(id, &sqli.CurName{Name: "_ifxc0000000000001"}, sqli.Open{}, put(1, 2, 3), put(4, 2, 5), put(6))
	if rep.err == nil || rep.err.SQLCode != -268 || rep.done == nil || rep.done.Rows != 4 {
		t.Fatalf("%+v %+v %v", rep.err, rep.done, rep.tags)
	}
	_, rows, _, err := c.query("SELECT i FROM put_u", 4096)
	if err != nil || len(rows) != 4 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	// SQ_PUT without an open insert cursor.
	if rep := c.roundTrip(id, sqli.Close{}, id, put(9)); rep.err == nil {
		t.Error("SQ_PUT after CLOSE was accepted")
	}
}
