package ifxtest

import (
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// TestInterruptInsideTransaction is issue 18's repro over the wire: BEGIN;
// insert 'first'; a long INSERT … SELECT interrupted by the client's
// urgent byte (-213); insert 'third'; ROLLBACK. IDS keeps the transaction
// across the interrupt, so the ROLLBACK leaves no row. ifxtest used to
// lose the transaction to SQLite's rollback and commit 'third' on its
// own.
func TestInterruptInsideTransaction(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	other := dialWire(t, srv.Addr())
	other.login(sqli.JDBCOffer)
	other.openDB("testdb")
	c.exec("CREATE TABLE tint (v VARCHAR(10))")
	for _, verb := range []string{"ROLLBACK WORK", "COMMIT WORK"} {
		c.exec("DELETE FROM tint")
		c.exec("BEGIN WORK")
		c.exec("INSERT INTO tint VALUES ('first')")
		r := c.roundTrip(&sqli.Prepare{SQL: "INSERT INTO tint SELECT 'x' FROM TABLE(ifx_generate(2000000000))"}, sqli.NDescribe{}, sqli.WantDone{})
		if r.err != nil {
			t.Fatal(r.err)
		}
		id := &sqli.ID{StatementID: r.describe.StmtID}
		c.send(id, sqli.Execute{})
		time.Sleep(100 * time.Millisecond)
		sendOOB(t, c.nc)
		r, err := c.read()
		if err != nil {
			t.Fatal(err)
		}
		if r.err == nil || r.err.SQLCode != -213 {
			t.Fatalf("interrupted INSERT: %+v", r.err)
		}
		c.roundTrip(id, sqli.Release{})
		c.exec("INSERT INTO tint VALUES ('third')")
		c.exec(verb)
		want := "0"
		if verb == "COMMIT WORK" {
			want = "2"
		}
		if n := countRows(t, other, "SELECT COUNT(*) FROM tint WHERE v IN ('first', 'third')"); n != want {
			t.Errorf("after %s: %s rows, want %s", verb, n, want)
		}
		if n := countRows(t, other, "SELECT COUNT(*) FROM tint"); n != want {
			t.Errorf("after %s: %s rows in all, want %s", verb, n, want)
		}
	}
}
