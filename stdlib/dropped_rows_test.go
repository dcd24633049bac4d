package stdlib_test

import (
	"context"
	"database/sql"
	"runtime"
	"testing"
	"time"
)

// queryAndDrop runs a query under ctx and drops the *sql.Rows without
// Close.
//
//go:noinline
func queryAndDrop(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "SELECT tabid FROM systables")
	if err != nil {
		return err
	}
	rows.Next()
	return nil
}

// What stdlib/doc.go says about a dropped *sql.Rows: under a context
// that never ends, database/sql keeps the connection (DB holds every
// driver connection it opened, so the garbage collector cannot reclaim
// it) and counts it in use; the driver is never called again for it.
func TestDroppedSQLRowsKeepTheirConnection(t *testing.T) {
	needFake(t)
	db, srv := newDB(t)
	if err := queryAndDrop(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		runtime.GC()
	}
	time.Sleep(20 * time.Millisecond)
	if s := db.Stats(); s.InUse != 1 {
		t.Errorf("database/sql counts %d connections in use, want the dropped Rows' one", s.InUse)
	}
	if st := srv.Stats(); len(st) != 1 || st[0].Closed {
		t.Errorf("sessions: %+v", st)
	}
}

// Under a context that ends, database/sql closes the dropped Rows itself
// and puts the connection back; the driver's ResetSession then has the
// cursor closed before the next user's statement.
func TestDroppedSQLRowsComeBackWhenTheirContextEnds(t *testing.T) {
	needFake(t)
	db, srv := newDB(t)
	db.SetMaxOpenConns(1)
	ctx, cancel := context.WithCancel(context.Background())
	if err := queryAndDrop(ctx, db); err != nil {
		t.Fatal(err)
	}
	cancel()
	var n int
	if err := db.QueryRowContext(ctxT(t), "SELECT COUNT(*) FROM systables").Scan(&n); err != nil || n == 0 {
		t.Fatalf("after the context ended: %d, %v", n, err)
	}
	if st := srv.Stats(); len(st) != 1 || st[0].OpenStatements > 2 {
		t.Errorf("sessions: %+v", st)
	}
}
