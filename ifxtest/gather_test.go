package ifxtest

import (
	"strconv"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// The server gathers a request group's one-row INSERTs into one SQLite
// transaction (gather.go, engine/gather.go). These tests drive it over
// the wire, as a driver's batch does: SQ_ID, then SQ_BIND and SQ_EXECUTE
// per row, then SQ_EOT.

// batchGroup encodes the messages of one batch request group running the
// prepared statement id once per value of ids (without SQ_EOT).
func batchGroup(c *wireClient, id int16, ids ...int32) []byte {
	msgs := []sqli.Message{&sqli.ID{StatementID: id}}
	for _, v := range ids {
		msgs = append(msgs, &sqli.Bind{Values: []sqli.BindValue{bindInt(v)}}, sqli.Execute{})
	}
	var b []byte
	for _, m := range msgs {
		b = m.Encode(b, c.feat)
	}
	return b
}

// prepareInsert prepares the one-parameter INSERT q and returns its id.
func prepareInsert(t *testing.T, c *wireClient, q string) int16 {
	t.Helper()
	r := c.roundTrip(&sqli.Prepare{NumParams: 1, SQL: q}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		t.Fatalf("%s: %d", q, r.err.SQLCode)
	}
	return r.describe.StmtID
}

// dones counts the SQ_DONE replies of a response group.
func dones(r *reply) int {
	n := 0
	for _, tag := range r.tags {
		if tag == sqli.TagDone {
			n++
		}
	}
	return n
}

func dialTestDB(t *testing.T, srv *Server) *wireClient {
	t.Helper()
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	return c
}

// TestBatchGroupDuplicateKeepsEarlierRows: a duplicate key in the middle
// of one request group of INSERTs is answered after the SQ_DONE of each
// row before it, with -268; those rows stay (committed outside a
// transaction, part of it inside), the rest of the group is not run.
func TestBatchGroupDuplicateKeepsEarlierRows(t *testing.T) {
	srv := NewServer(t)
	c, other := dialTestDB(t, srv), dialTestDB(t, srv)
	c.exec("CREATE TABLE bgd (id INT PRIMARY KEY)")
	id := prepareInsert(t, c, "INSERT INTO bgd VALUES (?)")
	for _, verb := range []string{"", "COMMIT WORK", "ROLLBACK WORK"} {
		c.exec("DELETE FROM bgd")
		if verb != "" {
			c.exec("BEGIN WORK")
		}
		c.write(sqli.EOT{}.Encode(batchGroup(c, id, 1, 2, 3, 2, 5, 6), c.feat))
		r, err := c.read()
		if err != nil {
			t.Fatal(err)
		}
		if r.err == nil || r.err.SQLCode != -268 || dones(r) != 3 {
			t.Fatalf("%q: %d SQ_DONE then %+v, want 3 then -268", verb, dones(r), r.err)
		}
		if verb != "" {
			c.exec(verb)
		}
		want := "3"
		if verb == "ROLLBACK WORK" {
			want = "0"
		}
		if n := countRows(t, other, "SELECT COUNT(*) FROM bgd WHERE id IN (1, 2, 3)"); n != want {
			t.Errorf("%q: %s of the rows before the duplicate, want %s", verb, n, want)
		}
		if n := countRows(t, other, "SELECT COUNT(*) FROM bgd"); n != want {
			t.Errorf("%q: %s rows in all, want %s", verb, n, want)
		}
	}
}

// TestBatchGroupStalledClientHoldsNoLatch: while the server waits for the
// rest of a request group, the INSERTs it ran already are committed to
// SQLite: another session writes the table at once (it would wait for
// SQLite's write lock, then fail) and a DIRTY READ reader sees them. The
// statements of the group sent after the stall are answered with the
// rest.
func TestBatchGroupStalledClientHoldsNoLatch(t *testing.T) {
	srv := NewServer(t)
	c, other := dialTestDB(t, srv), dialTestDB(t, srv)
	c.exec("CREATE TABLE bgs (id INT PRIMARY KEY)")
	id := prepareInsert(t, c, "INSERT INTO bgs VALUES (?)")
	c.exec("BEGIN WORK")
	c.write(batchGroup(c, id, 1, 2, 3))
	time.Sleep(200 * time.Millisecond) // the server runs the three, then reads on
	start := time.Now()
	other.exec("INSERT INTO bgs VALUES (10)")
	if d := time.Since(start); d > time.Second {
		t.Errorf("another session's INSERT took %v while the group stalled", d)
	}
	other.exec("SET ISOLATION TO DIRTY READ")
	if n := countRows(t, other, "SELECT COUNT(*) FROM bgs"); n != "4" {
		t.Errorf("a DIRTY READ reader sees %s rows, want 4", n)
	}
	c.write(sqli.EOT{}.Encode(batchGroup(c, id, 4, 5), c.feat))
	r, err := c.read()
	if err != nil {
		t.Fatal(err)
	}
	if r.err != nil || dones(r) != 5 {
		t.Fatalf("%d SQ_DONE, error %+v; want 5", dones(r), r.err)
	}
	c.exec("ROLLBACK WORK")
	if n := countRows(t, other, "SELECT COUNT(*) FROM bgs"); n != "1" {
		t.Errorf("after ROLLBACK WORK: %s rows, want 1", n)
	}
}

// TestBatchGroupCutConnection: a connection cut in the middle of a
// request group leaves the statements it ran as a cut connection does
// without gathering: outside a transaction each is committed (IDS ran
// them), inside one the transaction is rolled back whole; the table is
// left with no lock and no SQLite transaction.
func TestBatchGroupCutConnection(t *testing.T) {
	srv := NewServer(t)
	other := dialTestDB(t, srv)
	other.exec("CREATE TABLE bgc (id INT PRIMARY KEY)")
	for _, inTx := range []bool{false, true} {
		c := dialTestDB(t, srv)
		id := prepareInsert(t, c, "INSERT INTO bgc VALUES (?)")
		base := int32(10)
		if inTx {
			c.exec("BEGIN WORK")
			base = 20
		}
		c.write(batchGroup(c, id, base, base+1, base+2))
		time.Sleep(100 * time.Millisecond)
		c.nc.Close()
		deadline := time.Now().Add(5 * time.Second)
		for {
			other.exec("SET LOCK MODE TO WAIT 5")
			n := countRows(t, other, "SELECT COUNT(*) FROM bgc")
			if n == "3" || time.Now().After(deadline) {
				if n != "3" {
					t.Fatalf("in a transaction %v: %s rows, want the 3 of the autocommit batch", inTx, n)
				}
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	other.exec("SET LOCK MODE TO NOT WAIT")
	other.exec("INSERT INTO bgc VALUES (20)")
}

// TestBatchGroupInterrupted: an interrupt that lands in the middle of a
// long request group of INSERTs fails the statement it meets (-213);
// every row answered with SQ_DONE before it is there, and no other.
func TestBatchGroupInterrupted(t *testing.T) {
	srv := NewServer(t)
	c, other := dialTestDB(t, srv), dialTestDB(t, srv)
	c.exec("CREATE TABLE bgi (id INT PRIMARY KEY)")
	id := prepareInsert(t, c, "INSERT INTO bgi VALUES (?)")
	for _, verb := range []string{"", "COMMIT WORK"} {
		c.exec("DELETE FROM bgi")
		if verb != "" {
			c.exec("BEGIN WORK")
		}
		ids := make([]int32, 20000)
		for i := range ids {
			ids[i] = int32(i)
		}
		group := sqli.EOT{}.Encode(batchGroup(c, id, ids...), c.feat)
		wrote := make(chan error, 1)
		go func() {
			_, err := c.nc.Write(group)
			wrote <- err
		}()
		time.Sleep(20 * time.Millisecond)
		sendOOB(t, c.nc)
		if err := <-wrote; err != nil {
			t.Fatal(err)
		}
		r, err := c.read()
		if err != nil {
			t.Fatal(err)
		}
		if r.err != nil && r.err.SQLCode != -213 {
			t.Fatalf("%q: %+v, want -213 or none", verb, r.err)
		}
		if verb != "" {
			c.exec(verb)
		}
		n := dones(r)
		if got := countRows(t, other, "SELECT COUNT(*) FROM bgi"); got != strconv.Itoa(n) {
			t.Errorf("%q: %s rows, %d answered with SQ_DONE (error %+v)", verb, got, n, r.err)
		}
	}
}
