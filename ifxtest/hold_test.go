package ifxtest

import (
	"fmt"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// holdFixture opens testdb with a table of five rows and prepares a
// SELECT of them in order.
func holdFixture(t *testing.T) (*wireClient, *sqli.Describe) {
	t.Helper()
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE h (i INT)")
	for i := 1; i <= 5; i++ {
		c.exec(fmt.Sprintf("INSERT INTO h VALUES (%d)", i))
	}
	r := c.roundTrip(&sqli.Prepare{SQL: "SELECT i FROM h ORDER BY i"}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		t.Fatalf("PREPARE: %+v", r.err)
	}
	return c, r.describe
}

func firstValue(t *testing.T, d *sqli.Describe, r *reply) string {
	t.Helper()
	if r.err != nil || len(r.tuples) == 0 {
		t.Fatalf("fetch: %+v, %d rows", r.err, len(r.tuples))
	}
	v, err := decodeRow(d, r.tuples[0])
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(v[0])
}

// A cursor opened inside a transaction is closed by COMMIT WORK or
// ROLLBACK WORK, and a fetch from it then fails with -400; one opened
// WITH HOLD (SQ_HOLD, JDBC's HOLD_CURSORS_OVER_COMMIT) goes on where it
// was, sequential or scroll.
func TestCursorClosedAtTransactionEndUnlessHold(t *testing.T) {
	for _, end := range []struct {
		name string
		msgs []sqli.Message
	}{
		{"COMMIT message", []sqli.Message{sqli.CommitWork{}}},
		{"ROLLBACK message", []sqli.Message{&sqli.Rollback{}}},
		{"COMMIT WORK statement", []sqli.Message{&sqli.Command{SQL: "COMMIT WORK"}, sqli.NDescribe{}, sqli.Execute{}, sqli.Release{}}},
	} {
		for _, hold := range []bool{false, true} {
			for _, scroll := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/hold=%v/scroll=%v", end.name, hold, scroll), func(t *testing.T) {
					c, d := holdFixture(t)
					id := &sqli.ID{StatementID: d.StmtID}
					if r := c.roundTrip(sqli.Begin{}); r.err != nil {
						t.Fatalf("BEGIN: %+v", r.err)
					}
					open := []sqli.Message{id, &sqli.CurName{Name: "hc"}}
					if scroll {
						open = append(open, sqli.Scroll{})
					}
					if hold {
						open = append(open, sqli.Hold{})
					}
					open = append(open, sqli.Open{})
					if r := c.roundTrip(open...); r.err != nil {
						t.Fatalf("OPEN: %+v", r.err)
					}
					fetch := func(row int32) *reply {
						if scroll {
							return c.roundTrip(id, &sqli.SFetch{ScrollType: sqli.ScrollNext, Row: row, BufSize: 4096})
						}
						return c.roundTrip(id, &sqli.NFetch{BufSize: 4}) // one row per fetch
					}
					if got := firstValue(t, d, fetch(1)); got != "1" {
						t.Fatalf("first row %s", got)
					}
					if r := c.roundTrip(end.msgs...); r.err != nil {
						t.Fatalf("end of transaction: %+v", r.err)
					}
					r := fetch(2)
					if !hold {
						if r.err == nil || r.err.SQLCode != -400 {
							t.Fatalf("fetch after the transaction's end: %+v, %d rows; want -400", r.err, len(r.tuples))
						}
						return
					}
					if got := firstValue(t, d, r); got != "2" {
						t.Fatalf("hold cursor after the transaction's end: row %s, want 2", got)
					}
					c.roundTrip(id, sqli.Close{})
					// Reopened without HOLD, the cursor is an ordinary one again.
					c.roundTrip(sqli.Begin{})
					c.roundTrip(id, &sqli.CurName{Name: "hc2"}, sqli.Open{})
					c.roundTrip(sqli.CommitWork{})
					if r := c.roundTrip(id, &sqli.NFetch{BufSize: 4096}); r.err == nil || r.err.SQLCode != -400 {
						t.Fatalf("reopened without HOLD, fetch after COMMIT: %+v", r.err)
					}
				})
			}
		}
	}
}

// SFETCH NEXT names the row it wants: JDBC's beforeFirst() sends ABSOLUTE 1
// and its next() then NEXT 1, and takes the row of SQ_TUPID 1 (any other
// row is an internal error, -79716, for it).
func TestScrollNextFetchesTheRowItNames(t *testing.T) {
	c, d := holdFixture(t)
	id := &sqli.ID{StatementID: d.StmtID}
	c.roundTrip(id, &sqli.CurName{Name: "sn"}, sqli.Scroll{}, sqli.Open{})
	for _, step := range []struct {
		typ  int16
		row  int32
		want string
	}{{sqli.ScrollAbsolute, 4, "4"}, {sqli.ScrollAbsolute, 1, "1"}, {sqli.ScrollNext, 1, "1"}, {sqli.ScrollNext, 2, "2"}, {sqli.ScrollNext, 0, "3"}} {
		if got := firstValue(t, d, c.roundTrip(id, &sqli.SFetch{ScrollType: step.typ, Row: step.row, BufSize: 4096})); got != step.want {
			t.Errorf("SFETCH %d/%d: row %s, want %s", step.typ, step.row, got, step.want)
		}
	}
}
