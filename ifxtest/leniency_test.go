package ifxtest

import (
	"slices"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// nmap retries a login rejected with -761 with the server name it read
// from the reject (NUL included) plus a NUL of its own: IDS compares the
// name as a C string and accepts it.
func TestLoginServerNameEndsAtNUL(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	if resp := c.associate("informix", "in4mix", "informix\x00"); !resp.Accepted() {
		t.Fatalf("server name informix\\0\\0 rejected with %d", resp.SvcError)
	}
	c = dialWire(t, srv.Addr())
	if resp := c.associate("informix", "in4mix", "informix\x00x"); !resp.Accepted() {
		t.Fatalf("server name informix\\0x rejected with %d", resp.SvcError)
	}
	c = dialWire(t, srv.Addr())
	if resp := c.associate("informix", "in4mix\x00", "informix"); !resp.Accepted() {
		t.Fatalf("password in4mix\\0\\0 rejected with %d", resp.SvcError)
	}
}

// nmap counts the NUL that ends its SQL text (and a database name's pad):
// IDS runs the statement. Both the i16 (nmap) and the i32 (feature 62)
// text layouts.
func TestSQLTextEndsAtNUL(t *testing.T) {
	srv := NewServer(t)
	for _, offer := range [][]byte{{0xff, 0xfc, 0x7f, 0xfc, 0x3c, 0x8c, 0x8a}, sqli.JDBCOffer} {
		c := dialWire(t, srv.Addr())
		c.login(offer)
		if r := c.openDB("testdb\x00"); r.err != nil {
			t.Fatalf("offer % x: DBOPEN testdb\\0: %+v", offer, r.err)
		}
		d, rows, _, err := c.query("SELECT FIRST 3 tabname FROM systables ORDER BY tabid\x00", 4096)
		if err != nil || len(rows) != 3 {
			t.Fatalf("offer % x: %v, %d rows", offer, err, len(rows))
		}
		if v, err := decodeRow(d, rows[0]); err != nil || v[0] != "systables" {
			t.Errorf("offer % x: row 1 = %v %v", offer, v, err)
		}
		r := c.roundTrip(&sqli.Command{SQL: "CREATE TEMP TABLE t_nul (a INT)\x00garbage"}, sqli.NDescribe{}, sqli.Execute{}, sqli.Release{})
		if r.err != nil {
			t.Fatalf("offer % x: SQ_COMMAND with text after a NUL: %+v", offer, r.err)
		}
	}
}

// informix-tables asks for the database names with SQ_DBLIST.
func TestDBList(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	r := c.roundTrip(sqli.DBList{})
	if r.err != nil || !slices.Contains(r.dbNames, "testdb") || !slices.Contains(r.dbNames, "sysmaster") {
		t.Fatalf("SQ_DBLIST: %v %+v", r.dbNames, r.err)
	}
}

// The DBOPEN reply carries warning 0x10 besides 0x04, as nmap's decoder
// needs (it reads the word as a length); sysmaster is logged (0x01).
func TestDBOpenWarnings(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	r := c.openDB("sysmaster")
	if r.err != nil || r.done.Warnings != sqli.DBWarnLogged|sqli.DBWarnInformix|sqli.DBWarnServer {
		t.Fatalf("DBOPEN sysmaster: %+v %+v", r.err, r.done)
	}
}

// SQ_BATCHSTART and SQ_BATCHEND are bare tags in front of a request group
// and get no answer of their own.
func TestBatchTags(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	r := c.roundTrip(sqli.BatchStart{}, &sqli.Command{SQL: "CREATE TEMP TABLE t_b (a INT)"}, sqli.NDescribe{}, sqli.Execute{}, sqli.Release{})
	if r.err != nil {
		t.Fatalf("group after SQ_BATCHSTART: %+v", r.err)
	}
	r = c.roundTrip(sqli.BatchEnd{}, &sqli.Command{SQL: "INSERT INTO t_b VALUES (1)"}, sqli.NDescribe{}, sqli.Execute{}, sqli.Release{})
	if r.err != nil || r.done == nil || r.done.Rows != 1 {
		t.Fatalf("group after SQ_BATCHEND: %+v %+v", r.err, r.done)
	}
	if got := countRows(t, c, "SELECT COUNT(*) FROM t_b"); got != "1" {
		t.Fatalf("count %s", got)
	}
	if v := srv.Violations(); len(v) != 0 {
		t.Fatalf("violations %v", v)
	}
}

// A message ifxtest does not know gets SQ_ERR -408 and SQ_EOT, and the
// session goes on.
func TestUnknownMessageKeepsSession(t *testing.T) {
	srv := NewServer(t, Config{NotStrict: true})
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	// Tag 200 with a payload, then the group's SQ_EOT.
	c.write([]byte{0x00, 0xc8, 0x00, 0x04, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x0c})
	r, err := c.read()
	if err != nil || r.err == nil || r.err.SQLCode != -408 || !slices.Equal(r.tags, []sqli.Tag{sqli.TagErr, sqli.TagEOT}) {
		t.Fatalf("unknown message: %v %+v %v", r.tags, r.err, err)
	}
	if got := countRows(t, c, "SELECT COUNT(*) FROM systables WHERE tabid = 1"); got != "1" {
		t.Fatalf("after the unknown message: count %s", got)
	}
}

// nmap's informix-brute sends a bare SQ_EXIT on connections it never
// logs in on and waits 20 s for an answer: a first packet too short to be
// a connection request closes the connection at once.
func TestShortFirstPacketCloses(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.write([]byte{0x00, 0x38})
	start := time.Now()
	c.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.nc.Read(make([]byte, 16)); err == nil || isTimeout(err) {
		t.Fatalf("read after a bare SQ_EXIT: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("connection closed after %v", d)
	}
	if v := srv.Violations(); len(v) != 0 {
		t.Fatalf("violations %v", v)
	}
}

// JDBC without INFORMIXSERVER in its URL (optional in IBM's URL syntax)
// sends an empty server name: the listener's own server.
func TestLoginEmptyServerName(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	if resp := c.associate("informix", "in4mix", ""); !resp.Accepted() {
		t.Fatalf("empty server name rejected with %d", resp.SvcError)
	}
}

// JDBC's Connection.setSavepoint, rollback(Savepoint) and
// releaseSavepoint send SQ_SVPOINT (137, name and an i16 0), SQ_RBSVPOINT
// (139, name) and SQ_RLSVPOINT (138, name); each is answered by a bare
// SQ_EOT (JDBC 15 against ifxtest, conformance scenario "savepoints").
func TestSavepointMessages(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE t_sp (a INT)")
	if r := c.roundTrip(sqli.Begin{}); r.err != nil {
		t.Fatal(r.err)
	}
	c.exec("INSERT INTO t_sp VALUES (1)")
	sp := func(op sqli.Tag, name string) *reply {
		r := c.roundTrip(&sqli.Savepoint{Op: op, Name: name})
		if r.err != nil || !slices.Equal(r.tags, []sqli.Tag{sqli.TagEOT}) {
			t.Fatalf("%v %s: %v %+v", op, name, r.tags, r.err)
		}
		return r
	}
	sp(sqli.TagSavepoint, "s1")
	c.exec("INSERT INTO t_sp VALUES (2)")
	sp(sqli.TagRollbackSavepoint, "s1")
	sp(sqli.TagSavepoint, "JDBC_GENERATED_SAVEPOINT_2")
	c.exec("INSERT INTO t_sp VALUES (3)")
	sp(sqli.TagReleaseSavepoint, "JDBC_GENERATED_SAVEPOINT_2")
	if r := c.roundTrip(sqli.CommitWork{}); r.err != nil {
		t.Fatal(r.err)
	}
	if got := countRows(t, c, "SELECT SUM(a) FROM t_sp"); got != "4" {
		t.Fatalf("sum %s, want 4 (rows 1 and 3)", got)
	}
	// A savepoint that does not exist is the server's SQL error, and the
	// session goes on.
	c.roundTrip(sqli.Begin{})
	if r := c.roundTrip(&sqli.Savepoint{Op: sqli.TagRollbackSavepoint, Name: "nosuch"}); r.err == nil {
		t.Fatal("rollback to an unknown savepoint succeeded")
	}
	c.roundTrip(&sqli.Rollback{})
}
