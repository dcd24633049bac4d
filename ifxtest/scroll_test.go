package ifxtest

import (
	"fmt"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// A SELECT ... FOR UPDATE prepares, but IDS refuses to open it as a scroll
// cursor with -526 ("Updates are not allowed on a scroll cursor"), and the
// statement and connection stay usable: informix-driver's suite expects
// the scroll OPEN to raise. The same statement opens as a plain cursor.
func TestScrollOpenForUpdateRefused(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE s (i INT)")
	c.exec("INSERT INTO s VALUES (1)")
	c.exec("INSERT INTO s VALUES (2)")
	c.exec("INSERT INTO s VALUES (3)")

	r := c.roundTrip(&sqli.Prepare{SQL: "SELECT i FROM s FOR UPDATE"}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		t.Fatalf("PREPARE: %+v", r.err)
	}
	id := &sqli.ID{StatementID: r.describe.StmtID}
	r = c.roundTrip(id, &sqli.CurName{Name: "sc1"}, sqli.Scroll{}, sqli.Open{})
	if r.err == nil || r.err.SQLCode != -526 {
		t.Fatalf("scroll OPEN of FOR UPDATE: %+v", r.err)
	}
	if r := c.roundTrip(id, &sqli.SFetch{ScrollType: sqli.ScrollAbsolute, Row: 1, BufSize: 4096}); r.err == nil || len(r.tuples) != 0 {
		t.Errorf("SFETCH after a refused OPEN: %+v, %d rows", r.err, len(r.tuples))
	}
	c.roundTrip(id, sqli.Release{})

	// Without SCROLL the same statement opens and fetches.
	_, rows, _, err := c.query("SELECT i FROM s FOR UPDATE", 4096)
	if err != nil || len(rows) != 3 {
		t.Fatalf("plain cursor FOR UPDATE: %v, %d rows", err, len(rows))
	}

	// A scroll cursor without FOR UPDATE reaches every row, in any order.
	r = c.roundTrip(&sqli.Prepare{SQL: "SELECT i FROM s ORDER BY i"}, sqli.NDescribe{}, sqli.WantDone{})
	d := r.describe
	id = &sqli.ID{StatementID: d.StmtID}
	if r := c.roundTrip(id, &sqli.CurName{Name: "sc2"}, sqli.Scroll{}, sqli.Open{}); r.err != nil {
		t.Fatalf("scroll OPEN: %+v", r.err)
	}
	for _, step := range []struct {
		typ  int16
		row  int32
		want string
	}{{sqli.ScrollLast, 0, "3"}, {sqli.ScrollAbsolute, 1, "1"}, {sqli.ScrollNext, 0, "2"}, {sqli.ScrollAbsolute, 3, "3"}} {
		r := c.roundTrip(id, &sqli.SFetch{ScrollType: step.typ, Row: step.row, BufSize: 4096})
		if r.err != nil || len(r.tuples) != 1 {
			t.Fatalf("SFETCH %d/%d: %+v, %d rows", step.typ, step.row, r.err, len(r.tuples))
		}
		v, err := decodeRow(d, r.tuples[0])
		if err != nil || len(v) != 1 || fmt.Sprint(v[0]) != step.want {
			t.Errorf("SFETCH %d/%d = %v %v, want %s", step.typ, step.row, v, err, step.want)
		}
	}
	c.roundTrip(id, sqli.Close{})
	c.roundTrip(id, sqli.Release{})
}

// A scroll fetch (SQ_SFETCH) on a cursor opened without SCROLL is refused
// with -482, the code whose text in IBM's message catalog (as JDBC prints
// it) is "Invalid operation on a non-SCROLL cursor."; the cursor stays
// open and its sequential fetch goes on from where it was.
func TestScrollFetchOnSequentialCursorRefused(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE s (i INT)")
	c.exec("INSERT INTO s VALUES (1)")
	c.exec("INSERT INTO s VALUES (2)")

	r := c.roundTrip(&sqli.Prepare{SQL: "SELECT i FROM s ORDER BY i"}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		t.Fatalf("PREPARE: %+v", r.err)
	}
	d := r.describe
	id := &sqli.ID{StatementID: d.StmtID}
	if r := c.roundTrip(id, &sqli.CurName{Name: "seq1"}, sqli.Open{}); r.err != nil {
		t.Fatalf("OPEN: %+v", r.err)
	}
	if got := firstValue(t, d, c.roundTrip(id, &sqli.NFetch{BufSize: 4})); got != "1" {
		t.Fatalf("first NFETCH = %s, want 1", got)
	}
	for _, step := range []struct {
		typ int16
		row int32
	}{{sqli.ScrollAbsolute, 1}, {sqli.ScrollLast, 0}} {
		r := c.roundTrip(id, &sqli.SFetch{ScrollType: step.typ, Row: step.row, BufSize: 4096})
		if r.err == nil || r.err.SQLCode != -482 || len(r.tuples) != 0 {
			t.Fatalf("SFETCH %d/%d on a sequential cursor: err %+v, %d rows; want -482", step.typ, step.row, r.err, len(r.tuples))
		}
	}
	if got := firstValue(t, d, c.roundTrip(id, &sqli.NFetch{BufSize: 4})); got != "2" {
		t.Errorf("NFETCH after the refused SFETCHes = %s, want 2", got)
	}
	c.roundTrip(id, sqli.Close{})
	c.roundTrip(id, sqli.Release{})
}
