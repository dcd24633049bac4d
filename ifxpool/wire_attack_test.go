package ifxpool

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// TestPoolDropsConnAfterProtocolError: a surplus reply group (a broken
// server or middlebox, the message-level fault proxy here) leaves a
// connection out of step. The pool must destroy it and serve the next
// statements from a fresh one with the right results.
func TestPoolDropsConnAfterProtocolError(t *testing.T) {
	srv := server(t)
	dsn, px := proxied(t, srv)
	px.SetMessageRule(&faultproxy.MessageRule{})
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	ctx := ctxT(t)
	if _, err := p.Exec(ctx, "CREATE TABLE t (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Exec(ctx, "INSERT INTO t VALUES (1) /*fault:dup-group*/"); err != nil {
		t.Fatal(err)
	}
	if px.Attacked() != 1 {
		t.Fatalf("the proxy attacked %d replies, want 1", px.Attacked())
	}
	// The pool's check at checkout (CheckConn) finds the stray reply and
	// replaces the connection; had it not, the UPDATE itself would fail
	// with a ProtocolError. It must never report the INSERT's tag.
	tag, err := p.Exec(ctx, "UPDATE t SET id = 2 WHERE id = 7")
	var pe *ifx.ProtocolError
	if !errors.As(err, &pe) && (err != nil || tag.String() != "UPDATE 0") {
		t.Fatalf("UPDATE after a duplicated reply: %q %v, want UPDATE 0 or a ProtocolError", tag, err)
	}
	var n int
	if err := p.QueryRow(ctx, "SELECT COUNT(*) FROM t WHERE id = 1").Scan(&n); err != nil || n != 1 {
		t.Fatalf("next statement: %d %v, want 1 row on a fresh connection", n, err)
	}
	if st := p.Stat(); st.DestroyedCount() != 1 || st.TotalConns != 1 {
		t.Errorf("destroyed %d, total %d: want the broken connection destroyed and one new", st.DestroyedCount(), st.TotalConns)
	}
}
