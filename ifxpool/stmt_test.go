package ifxpool

import (
	"errors"
	"runtime"
	"testing"

	"github.com/ifxgo/ifx"
)

// TestStmtAfterReleaseFails: a Stmt kept after Release must not run on the
// connection's next holder. Before, with MaxConns 1, A's leftover
// st.Exec ran inside B's transaction and was committed by B's Commit.
func TestStmtAfterReleaseFails(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	ctx := ctxT(t)
	freshTable(t, p, "ledger", "id INTEGER")
	a, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := a.Prepare(ctx, "INSERT INTO ledger VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	a.Release()

	b, err := p.Begin(ctx) // the same connection: MaxConns is 1
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Exec(ctx, 1); !errors.Is(err, ErrConnReleased) {
		t.Errorf("stale Stmt.Exec: %v, want ErrConnReleased", err)
	}
	if _, err := st.ExecBatch(ctx, [][]any{{2}}); !errors.Is(err, ErrConnReleased) {
		t.Errorf("stale Stmt.ExecBatch: %v, want ErrConnReleased", err)
	}
	if _, err := st.Query(ctx, 3); !errors.Is(err, ErrConnReleased) {
		t.Errorf("stale Stmt.Query: %v, want ErrConnReleased", err)
	}
	if err := st.QueryRow(ctx, 4).Scan(); !errors.Is(err, ErrConnReleased) {
		t.Errorf("stale Stmt.QueryRow: %v, want ErrConnReleased", err)
	}
	if err := st.Close(ctx); err != nil {
		t.Errorf("Close of a released Stmt: %v", err)
	}
	if _, err := b.Exec(ctx, "INSERT INTO ledger VALUES (10)"); err != nil {
		t.Fatal(err)
	}
	// A statement prepared in the Tx ends with it.
	tst, err := b.Prepare(ctx, "INSERT INTO ledger VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tst.Exec(ctx, 11); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := tst.Exec(ctx, 12); !errors.Is(err, ErrConnReleased) {
		t.Errorf("Stmt of an ended pool Tx: %v, want ErrConnReleased", err)
	}
	if n := count(t, p, "ledger"); n != 2 {
		t.Errorf("%d rows, want B's 2 (10, 11)", n)
	}
}

// TestReleaseReleasesStatements: statements prepared through a pooled
// Conn and never closed are released on the server by Release, so they do
// not accumulate on the connection. Before, three holders leaking 2,000
// statements each reached ifxtest's limit of 4,096 and every statement
// on the connection failed from then on.
func TestReleaseReleasesStatements(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	ctx := ctxT(t)
	for holder := range 3 {
		c, err := p.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 2000 {
			if _, err := c.Prepare(ctx, "SELECT 1 FROM systables WHERE tabid = 1"); err != nil {
				t.Fatalf("holder %d, statement %d: %v", holder, i, err)
			}
		}
		c.Release()
	}
	var one int
	if err := p.QueryRow(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("after the holders: %d %v", one, err)
	}
	if s := p.Stat(); s.DestroyedCount() != 0 {
		t.Errorf("a connection was destroyed: %+v", s)
	}
}

// TestExhaustedConnectionDestroyed: a connection on which the server ran
// out of session memory (-208, as with statements leaked past the pool's
// reach through the raw ifx.Conn) is destroyed on release instead of
// being handed out again, failing every statement.
func TestExhaustedConnectionDestroyed(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	ctx := ctxT(t)
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var last error
	// Kept reachable: a dropped Stmt would be released once collected,
	// and the limit never reached.
	var held []*ifx.Stmt
	for range 5000 {
		st, err := c.Conn().Prepare(ctx, "SELECT 1 FROM systables WHERE tabid = 1")
		if last = err; err != nil {
			break
		}
		held = append(held, st)
	}
	runtime.KeepAlive(held)
	if ifx.SQLCode(last) != -208 {
		t.Fatalf("leaking statements ended with %v, want -208", last)
	}
	if !contains(last.Error(), "close") {
		t.Errorf("the error does not say what to do: %v", last)
	}
	c.Release()
	var one int
	if err := p.QueryRow(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("the next holder: %d %v", one, err)
	}
	if s := p.Stat(); s.DestroyedCount() != 1 {
		t.Errorf("destroyed %d connections, want 1", s.DestroyedCount())
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
