package stdlib_test

import (
	"runtime"
	"testing"

	"github.com/ifxgo/ifx"
)

// TestExhaustedConnectionDiscarded: a connection on which the server ran
// out of session memory (-208, here ifxtest's limit of prepared
// statements, leaked through the native connection) is discarded by
// ResetSession, not handed out again to fail every statement.
func TestExhaustedConnectionDiscarded(t *testing.T) {
	db, srv := newDB(t)
	db.SetMaxOpenConns(1)
	ctx := ctxT(t)
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var last error
	conn.Raw(func(dc any) error {
		nc := dc.(interface{ Conn() *ifx.Conn }).Conn()
		// Kept reachable: a dropped Stmt would be released once
		// collected (ifx.Stmt's cleanup, stmt.go), and the limit never reached.
		var held []*ifx.Stmt
		for range 5000 {
			st, err := nc.Prepare(ctx, "SELECT 1 FROM systables WHERE tabid = 1")
			if last = err; err != nil {
				break
			}
			held = append(held, st)
		}
		runtime.KeepAlive(held)
		return nil
	})
	if ifx.SQLCode(last) != -208 {
		t.Fatalf("leaking statements ended with %v, want -208", last)
	}
	conn.Close()
	var one int
	if err := db.QueryRowContext(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("next use: %d %v", one, err)
	}
	if n := len(srv.Stats()); n != 2 {
		t.Errorf("%d server connections, want 2 (the exhausted one replaced)", n)
	}
}
