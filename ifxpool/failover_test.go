package ifxpool

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/internal/clustertest"
)

// When the primary dies, the first acquire that finds one of its
// connections dead drops all the others at once; the statement, never
// sent, runs on a connection to the promoted secondary.
func TestPoolDropsEveryConnectionToAFailedServer(t *testing.T) {
	dsn, prim, sec := clustertest.Pair(t)
	p := newPool(t, dsn+"&pool_max_conns=4", nil)
	var held []*Conn
	for i := 0; i < 4; i++ {
		c, err := p.Acquire(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	for _, c := range held {
		if a := c.Conn().ServerInfo().Address; a != prim.Addr() {
			t.Fatalf("pool connection to %s, want the primary %s", a, prim.Addr())
		}
		c.Release()
	}
	prim.Close()
	if err := sec.Promote(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Exec(ctxT(t), "SELECT 1 FROM systables WHERE tabid = 1"); err != nil {
		t.Fatalf("Exec after the failover: %v", err)
	}
	st := p.Stat()
	if st.DestroyedHealthCheck != 4 {
		t.Fatalf("%d connections dropped after one Exec, want all 4 to the dead primary", st.DestroyedHealthCheck)
	}
	c, err := p.Acquire(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Release()
	if a := c.Conn().ServerInfo().Address; a != sec.Addr() {
		t.Fatalf("refilled from %s, want the promoted secondary %s", a, sec.Addr())
	}
}

// A connection in use when its server fails is dropped on release,
// though it never failed itself.
func TestPoolDropsConnectionInUseOnRelease(t *testing.T) {
	dsn, prim, sec := clustertest.Pair(t)
	p := newPool(t, dsn+"&pool_max_conns=3", nil)
	a, err := p.Acquire(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.Acquire(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	prim.Close()
	sec.Promote()
	// a learns of the failure; b, held meanwhile, is released unused.
	if _, err := a.Exec(ctxT(t), "SELECT 1 FROM systables WHERE tabid = 1"); err == nil {
		t.Fatal("Exec on a connection to a dead server succeeded")
	}
	a.Release()
	b.Conn() // untouched
	b.Release()
	if st := p.Stat(); st.TotalConns != 0 {
		t.Fatalf("%d connections kept after the primary failed", st.TotalConns)
	}
}

// A statement lost in flight is retried on another connection only when
// it is marked idempotent.
func TestPoolRetriesIdempotentStatementLostInFlight(t *testing.T) {
	inf := clustertest.NewInFlight(t)
	p := newPool(t, inf.DSN+"&pool_max_conns=2", func(c *Config) { c.ConnConfig.DialFunc = inf.Watch.Dial })
	for _, idem := range []bool{false, true} {
		// A connection ready, with no cleanup queued (a Ping's release
		// would go out first and be what the cut hits).
		if _, err := p.Exec(ctxT(t), "SELECT 1 FROM systables WHERE tabid = 1"); err != nil {
			t.Fatal(err)
		}
		ctx := ctxT(t)
		if idem {
			ctx = ifx.Idempotent(ctx)
		}
		// Cut the connection once the statement is on the wire: the
		// server holds its answer back 150 ms.
		err := inf.Cut(func() error {
			_, err := p.Exec(ctx, "SELECT 1 FROM systables WHERE tabid = 1")
			return err
		})
		if idem && err != nil {
			t.Fatalf("idempotent statement lost in flight: %v, want it retried", err)
		}
		if !idem && !ifx.IsConnectionLost(err) {
			t.Fatalf("statement lost in flight: %v, want the loss reported", err)
		}
	}
}

// Nothing in a transaction is retried: the caller gets ErrTxLost.
func TestPoolTxLost(t *testing.T) {
	dsn, prim, _ := clustertest.Pair(t)
	p := newPool(t, dsn, nil)
	tx, err := p.Begin(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctxT(t))
	prim.Close()
	_, err = tx.Exec(ifx.Idempotent(ctxT(t)), "SELECT 1 FROM systables WHERE tabid = 1")
	if !errors.Is(err, ifx.ErrTxLost) {
		t.Fatalf("Exec in a pool transaction on a dead server: %v, want ErrTxLost", err)
	}
}
