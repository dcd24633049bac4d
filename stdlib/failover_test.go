package stdlib_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/clustertest"
	"github.com/ifxgo/ifx/stdlib"
)

// After the primary fails, database/sql serves from the promoted
// secondary without a caller seeing an error, and a connection held
// across the failure is not put back into the pool.
func TestFailoverThroughDatabaseSQL(t *testing.T) {
	needFake(t)
	dsn, prim, sec := clustertest.Pair(t)
	db := openDB(t, dsn)
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	held, err := db.Conn(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	var conns []interface{ Close() error }
	for i := 0; i < 3; i++ {
		c, err := db.Conn(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Close()
	}
	prim.Close()
	// Promote while the first statements are trying: they wait for it.
	go func() {
		time.Sleep(100 * time.Millisecond)
		sec.Promote()
	}()
	for i := 0; i < 8; i++ {
		if _, err := db.ExecContext(ctxT(t), "UPDATE systables SET tabname = tabname WHERE tabid = -1"); err != nil {
			t.Fatalf("write %d after the failover: %v", i, err)
		}
	}
	// held learns of the failure by its own statement, which was sent
	// and is not idempotent: the caller sees it.
	if _, err := held.ExecContext(ctxT(t), "SELECT 1 FROM systables WHERE tabid = 1"); !ifx.IsConnectionLost(err) {
		t.Fatalf("statement on a held connection to the dead primary: %v", err)
	}
	held.Close()
	if n := len(prim.Stats()); n != 4 {
		t.Fatalf("%d connections to the old primary, want the 4 from before", n)
	}
}

// An idempotent statement lost in flight runs again on another
// connection (database/sql's retry of driver.ErrBadConn); one without
// the mark reports the loss.
func TestIdempotentRetryThroughDatabaseSQL(t *testing.T) {
	needFake(t)
	inf := clustertest.NewInFlight(t)
	cfg, err := ifx.ParseConfig(inf.DSN)
	if err != nil {
		t.Fatal(err)
	}
	cfg.DialFunc = inf.Watch.Dial
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	for _, idem := range []bool{false, true} {
		// A connection ready, with no cleanup queued (a Ping's release
		// would go out first and be what the cut hits).
		if _, err := db.ExecContext(ctxT(t), "SELECT 1 FROM systables WHERE tabid = 1"); err != nil {
			t.Fatal(err)
		}
		ctx := ctxT(t)
		if idem {
			ctx = ifx.Idempotent(ctx)
		}
		// Cut the connection once the statement is on the wire: the
		// server holds its answer back 150 ms.
		err := inf.Cut(func() error {
			_, err := db.ExecContext(ctx, "SELECT 1 FROM systables WHERE tabid = 1")
			return err
		})
		if idem && err != nil {
			t.Fatalf("idempotent statement lost in flight: %v", err)
		}
		if !idem && !ifx.IsConnectionLost(err) {
			t.Fatalf("statement lost in flight: %v, want the loss", err)
		}
	}
}

func TestTxLostThroughDatabaseSQL(t *testing.T) {
	needFake(t)
	dsn, prim, _ := clustertest.Pair(t)
	db := openDB(t, dsn)
	tx, err := db.BeginTx(ctxT(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	prim.Close()
	_, err = tx.ExecContext(ifx.Idempotent(ctxT(t)), "SELECT 1 FROM systables WHERE tabid = 1")
	if !errors.Is(err, ifx.ErrTxLost) {
		t.Fatalf("Exec in a database/sql transaction on a dead server: %v, want ErrTxLost", err)
	}
}

// A BEGIN lost with its connection is the one request database/sql runs
// again although it was sent: the session, and the transaction it began,
// ended with the connection, so nothing of it remains to be doubled.
// Every connection here is cut one byte into its first reply after the
// login, so database/sql's three attempts all fail.
func TestBeginLostWithItsConnectionIsRetried(t *testing.T) {
	needFake(t)
	login, loginBytes := loginCost(t)
	dsn, srv := testServer(t, "testdb", ifxtest.Config{Faults: ifxtest.Faults{DropAfterBytes: int(loginBytes) + 1}})
	db := openDB(t, dsn)
	tx, err := db.BeginTx(ctxT(t), nil)
	if err == nil {
		tx.Rollback()
		t.Fatal("no error")
	}
	if !ifx.IsConnectionLost(err) {
		t.Errorf("not a lost connection: %v", err)
	}
	g := groupsOf(srv)
	if len(g) < 2 {
		t.Fatalf("request groups per connection %v: the BEGIN was not run again", g)
	}
	for _, n := range g {
		if n != login+1 {
			t.Fatalf("request groups per connection %v, want %d each", g, login+1)
		}
	}
}

// connect_retry_timeout bounds how long database/sql keeps connecting to
// a cluster none of whose servers fits target_session_attrs (here two
// read-only secondaries, and writes wanted): with a negative value it
// tries each host once, with 300 ms it tries again until the window ends
// and then reports the servers' role, well before the 5 s default.
func TestConnectRetryTimeoutSetting(t *testing.T) {
	needFake(t)
	s1 := ifxtest.NewServer(t, ifxtest.Config{Role: ifxtest.RoleSecondary})
	s2 := ifxtest.NewServer(t, ifxtest.Config{Role: ifxtest.RoleSecondary})
	dsn := fmt.Sprintf("informix://informix:in4mix@%s,%s/testdb?server=informix&target_session_attrs=read-write", s1.Addr(), s2.Addr())
	attempts := func() int { return len(s1.Stats()) + len(s2.Stats()) }
	ping := func(opt string) (n int, took time.Duration) {
		t.Helper()
		db := openDB(t, dsn+opt)
		before, start := attempts(), time.Now()
		err := db.PingContext(ctxT(t))
		took = time.Since(start)
		var wr *ifx.WrongRoleError
		if !errors.As(err, &wr) {
			t.Fatalf("%s: Ping: %v, want a WrongRoleError", opt, err)
		}
		return attempts() - before, took
	}
	if n, _ := ping("&connect_retry_timeout=-1"); n != 2 {
		t.Errorf("no retry: %d logins, want 2 (each host once)", n)
	}
	if n, took := ping("&connect_retry_timeout=300ms"); n <= 2 || took < 300*time.Millisecond || took >= ifx.DefaultConnectRetryTimeout {
		t.Errorf("300 ms window: %d logins in %v, want more than 2, and at least 300 ms but under the 5 s default", n, took)
	}
}
