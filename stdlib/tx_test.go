package stdlib_test

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/hexdump"
	"github.com/ifxgo/ifx/stdlib"
)

// clientText returns everything the clients sent to a recording server,
// as one string per connection.
func clientText(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "conn-*.hex"))
	var out []string
	for _, f := range files {
		chunks, err := hexdump.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		for _, c := range chunks {
			if strings.Contains(c.Comment, "C>S") {
				b.Write(c.Bytes)
			}
		}
		out = append(out, b.String())
	}
	return out
}

func TestTransactions(t *testing.T) {
	var dir string
	var cfgs []ifxtest.Config
	if !realServer() {
		dir = t.TempDir()
		cfgs = append(cfgs, ifxtest.Config{RecordDir: dir})
	}
	dsn, srv := testServer(t, "testdb", cfgs...)
	db := openDB(t, dsn)
	db.SetMaxOpenConns(1)
	ctx := ctxT(t)
	table(t, db, "sql_acct", "(id INTEGER, bal INTEGER)")

	// Rollback: the row is gone, for the same and for the next user.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO sql_acct VALUES (?, ?)", 1, 100); err != nil {
		t.Fatal(err)
	}
	if n := count(t, tx, "sql_acct"); n != 1 {
		t.Fatalf("inside the tx: %d rows", n)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "sql_acct"); n != 0 {
		t.Fatalf("after rollback: %d rows", n)
	}
	if err := tx.Commit(); !errors.Is(err, sql.ErrTxDone) {
		t.Errorf("Commit after Rollback: %v", err)
	}

	levels := []struct {
		level   sql.IsolationLevel
		sql     string
		session bool
	}{
		{sql.LevelDefault, "", false},
		{sql.LevelReadUncommitted, "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED", false},
		{sql.LevelReadCommitted, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED", false},
		{sql.LevelRepeatableRead, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", false},
		{sql.LevelSerializable, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", false},
		{stdlib.LevelDirtyRead, "SET ISOLATION TO DIRTY READ", true},
		{stdlib.LevelCommittedRead, "SET ISOLATION TO COMMITTED READ", true},
		{stdlib.LevelLastCommitted, "SET ISOLATION TO COMMITTED READ LAST COMMITTED", true},
		{stdlib.LevelCursorStability, "SET ISOLATION TO CURSOR STABILITY", true},
		{stdlib.LevelInformixRepeatableRead, "SET ISOLATION TO REPEATABLE READ", true},
	}
	want := 0
	for i, l := range levels {
		conns := 0
		if srv != nil {
			conns = len(srv.Stats())
		}
		tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: l.level})
		if err != nil {
			t.Fatalf("%v: %v", l.level, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO sql_acct VALUES (?, ?)", i, 10); err != nil {
			t.Fatalf("%v: %v", l.level, err)
		}
		if i%2 == 0 {
			if err := tx.Commit(); err != nil {
				t.Fatalf("%v commit: %v", l.level, err)
			}
			want++
		} else if err := tx.Rollback(); err != nil {
			t.Fatalf("%v rollback: %v", l.level, err)
		}
		if n := count(t, db, "sql_acct"); n != want {
			t.Fatalf("%v: %d rows, want %d", l.level, n, want)
		}
		if srv != nil {
			// A session-level isolation is not handed to the next user:
			// the count above ran on a new connection.
			if got := len(srv.Stats()) - conns; got != map[bool]int{false: 0, true: 1}[l.session] {
				t.Errorf("%v: %d new connections", l.level, got)
			}
		}
	}
	// Read-only transactions.
	tx, err = db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelSerializable})
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, tx, "sql_acct"); n != want {
		t.Errorf("read-only tx sees %d rows", n)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, l := range []sql.IsolationLevel{sql.LevelWriteCommitted, sql.LevelSnapshot, sql.LevelLinearizable, 99} {
		if _, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: l}); !contains(err, "does not exist in Informix") {
			t.Errorf("%v: %v", l, err)
		}
	}
	if n := count(t, db, "sql_acct"); n != want {
		t.Fatal(n)
	}

	if dir != "" {
		sent := strings.Join(clientText(t, dir), "\n")
		for _, l := range levels {
			if l.sql != "" && !strings.Contains(sent, l.sql) {
				t.Errorf("%v: %q never sent", l.level, l.sql)
			}
		}
		if !strings.Contains(sent, "SET TRANSACTION READ ONLY") {
			t.Error("SET TRANSACTION READ ONLY never sent")
		}
	}
}

// TestTxStatementsAndPrepared: statements, prepared statements and a
// cancelled context inside a transaction.
func TestTxStatementsAndPrepared(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	table(t, db, "sql_txp", "(id INTEGER, name VARCHAR(20))")
	dbst, err := db.PrepareContext(ctx, "SELECT COUNT(*) FROM sql_txp WHERE id >= ?")
	if err != nil {
		t.Fatal(err)
	}
	defer dbst.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := tx.PrepareContext(ctx, "INSERT INTO sql_txp VALUES (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if _, err := st.ExecContext(ctx, i, "n"); err != nil {
			t.Fatal(err)
		}
	}
	// A db-level statement used inside the transaction.
	var n int
	if err := tx.StmtContext(ctx, dbst).QueryRowContext(ctx, 0).Scan(&n); err != nil || n != 5 {
		t.Fatalf("tx.Stmt: %d %v", n, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := dbst.QueryRowContext(ctx, 3).Scan(&n); err != nil || n != 2 {
		t.Fatalf("after commit: %d %v", n, err)
	}

	// A transaction whose context is cancelled is rolled back by
	// database/sql, and its connection is kept (SessionResetter).
	tctx, cancel := context.WithCancel(ctx)
	tx, err = db.BeginTx(tctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(tctx, "DELETE FROM sql_txp"); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := tx.Commit(); err == nil {
		t.Error("Commit after the context was cancelled succeeded")
	}
	if n := count(t, db, "sql_txp"); n != 5 {
		t.Errorf("%d rows after the cancelled transaction", n)
	}
}

// TestResetSessionRollsBack: a transaction left open on a connection
// returned to the pool (BEGIN WORK as SQL text on a *sql.Conn) is rolled
// back before the next user gets the connection.
func TestResetSessionRollsBack(t *testing.T) {
	db, srv := newDB(t)
	db.SetMaxOpenConns(1)
	ctx := ctxT(t)
	table(t, db, "sql_reset", "(a INTEGER)")

	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sc.ExecContext(ctx, "BEGIN WORK"); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.ExecContext(ctx, "INSERT INTO sql_reset VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.ExecContext(ctx, "INSERT INTO sql_reset VALUES (?)", 2); err != nil {
		t.Fatal(err)
	}
	if n := count(t, sc, "sql_reset"); n != 2 {
		t.Fatalf("inside: %d", n)
	}
	var inTx bool
	sc.Raw(func(dc any) error { inTx = dc.(*stdlib.Conn).Conn().InTransaction(); return nil })
	if !inTx {
		t.Fatal("BEGIN WORK not tracked")
	}
	sc.Close() // back to the pool with the transaction open

	sc2, err := db.Conn(ctx) // the same connection (MaxOpenConns 1), reset
	if err != nil {
		t.Fatal(err)
	}
	defer sc2.Close()
	if n := count(t, sc2, "sql_reset"); n != 0 {
		t.Fatalf("the transaction left open survived: %d rows", n)
	}
	if srv != nil && len(srv.Stats()) != 1 {
		t.Errorf("%d connections: the reset should keep the connection", len(srv.Stats()))
	}
	// Nothing open: the reset commits nothing and rolls back nothing.
	if _, err := sc2.ExecContext(ctx, "INSERT INTO sql_reset VALUES (3)"); err != nil {
		t.Fatal(err)
	}
	sc2.Close()
	if n := count(t, db, "sql_reset"); n != 1 {
		t.Fatalf("%d rows", n)
	}

	// A native transaction left open through AcquireConn.
	c, release, err := stdlib.AcquireConn(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ntx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ntx.Exec(ctx, "DELETE FROM sql_reset"); err != nil {
		t.Fatal(err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "sql_reset"); n != 1 {
		t.Fatalf("native transaction survived the reset: %d rows", n)
	}
}

func TestPreparedReuse(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	db, writes := countingDB(t, dsn)
	db.SetMaxOpenConns(1)
	ctx := ctxT(t)
	table(t, db, "sql_prep", "(id INTEGER, name VARCHAR(20))")
	ins, err := db.PrepareContext(ctx, "INSERT INTO sql_prep VALUES (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	defer ins.Close()
	sel, err := db.PrepareContext(ctx, "SELECT name FROM sql_prep WHERE id = ?")
	if err != nil {
		t.Fatal(err)
	}
	defer sel.Close()
	before, conns := writes.n.Load(), 0
	if srv != nil {
		conns = len(srv.Stats())
	}
	const n = 20
	for i := range n {
		if _, err := ins.ExecContext(ctx, i, "name"+string(rune('a'+i))); err != nil {
			t.Fatal(err)
		}
		var name string
		if err := sel.QueryRowContext(ctx, i).Scan(&name); err != nil || name != "name"+string(rune('a'+i)) {
			t.Fatalf("%d: %q %v", i, name, err)
		}
	}
	// Each execution is one round trip: no re-prepare. The SELECT reads
	// its row in the OPEN round trip; closing the cursor rides along with
	// the next request.
	if got := writes.n.Load() - before; got != 2*n {
		t.Errorf("%d round trips for %d executions of two prepared statements", got, 2*n)
	}
	if srv != nil && len(srv.Stats()) != conns {
		t.Errorf("%d new connections", len(srv.Stats())-conns)
	}
	if _, err := ins.ExecContext(ctx, 1); !contains(err, "expected 2 arguments") {
		t.Errorf("wrong argument count: %v", err)
	}
	// Errors from a prepared statement leave it usable.
	bad, err := db.PrepareContext(ctx, "INSERT INTO sql_prep (id) VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	if _, err := bad.ExecContext(ctx, "not a number"); err == nil {
		t.Error("a string into an INTEGER succeeded")
	}
	if _, err := bad.ExecContext(ctx, 99); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PrepareContext(ctx, "SELEKT 1"); !ifx.IsSyntaxError(err) {
		t.Errorf("syntax error: %v", err)
	}
}

func TestLastInsertId(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	for _, typ := range []string{"SERIAL", "SERIAL8", "BIGSERIAL"} {
		name := "sql_ser_" + strings.ToLower(typ)
		table(t, db, name, "(id "+typ+", v INTEGER)")
		for i := int64(1); i <= 3; i++ {
			res, err := db.ExecContext(ctx, "INSERT INTO "+name+" (v) VALUES (?)", i)
			if err != nil {
				t.Fatal(err)
			}
			if id, err := res.LastInsertId(); err != nil || id != i {
				t.Errorf("%s: LastInsertId %d, %v; want %d", typ, id, err, i)
			}
		}
		// Without arguments (execute immediate) too.
		res, err := db.ExecContext(ctx, "INSERT INTO "+name+" VALUES (100, 0)")
		if err != nil {
			t.Fatal(err)
		}
		if id, err := res.LastInsertId(); err != nil || id != 100 {
			t.Errorf("%s explicit: %d %v", typ, id, err)
		}
	}
	table(t, db, "sql_noser", "(v INTEGER)")
	res, err := db.ExecContext(ctx, "INSERT INTO sql_noser VALUES (?)", 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := res.LastInsertId(); err == nil {
		t.Error("LastInsertId without a SERIAL column succeeded")
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO sql_noser VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	res, err = db.ExecContext(ctx, "UPDATE sql_noser SET v = v + 1 WHERE v > ?", 0)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 2 {
		t.Errorf("RowsAffected %d %v", n, err)
	}
	res, err = db.ExecContext(ctx, "DELETE FROM sql_noser")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 2 {
		t.Errorf("RowsAffected %d %v", n, err)
	}
}

// TestANSIDatabase: in an ANSI database a transaction is always open;
// statements outside BeginTx are committed, and the reset between pool
// users rolls back only what a user left uncommitted.
func TestANSIDatabase(t *testing.T) {
	needFake(t)
	dsn, _ := testServer(t, "testdb")
	db := openDB(t, dsn)
	ctx := ctxT(t)
	if _, err := db.ExecContext(ctx, "CREATE DATABASE sql_ansi WITH LOG MODE ANSI"); err != nil {
		t.Skipf("no ANSI database: %v", err)
	}
	adb := openDB(t, strings.Replace(dsn, "/testdb?", "/sql_ansi?", 1))
	adb.SetMaxOpenConns(1)
	if _, err := adb.ExecContext(ctx, "CREATE TABLE t (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	if _, err := adb.ExecContext(ctx, "INSERT INTO t VALUES (?)", 1); err != nil {
		t.Fatal(err)
	}
	st, err := adb.PrepareContext(ctx, "INSERT INTO t VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ExecContext(ctx, 2); err != nil {
		t.Fatal(err)
	}
	st.Close()
	tx, err := adb.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO t VALUES (3)"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	// Another session sees what was committed.
	other := openDB(t, strings.Replace(dsn, "/testdb?", "/sql_ansi?", 1))
	if n := count(t, other, "t"); n != 2 {
		t.Errorf("another session sees %d rows, want 2", n)
	}
	if n := count(t, adb, "t"); n != 2 {
		t.Errorf("%d rows, want 2", n)
	}
}

// TestRollbackOnALostConnectionIsBadConn: a transaction whose connection
// is gone (here closed under it; in TestCopyInCancelledFlushLeavesConnectionUsable
// by an interrupt ifx could not settle) rolls back with
// driver.ErrBadConn, the cause kept, so that database/sql discards the
// connection at once whatever the moment the connection was lost.
func TestRollbackOnALostConnectionIsBadConn(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	tx, err := sc.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "CREATE TEMP TABLE rb_lost (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	sc.Raw(func(dc any) error { return dc.(*stdlib.Conn).Conn().Close(ctx) })
	err = tx.Rollback()
	if !errors.Is(err, driver.ErrBadConn) || !errors.Is(err, ifx.ErrTxLost) {
		t.Fatalf("Rollback on a closed connection: %v", err)
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM systables WHERE tabid = 1").Scan(&n); err != nil || n != 1 {
		t.Fatalf("the pool after the rollback: %d, %v", n, err)
	}
}
