package ifxpool

import (
	"context"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/faultproxy"
	"github.com/ifxgo/ifx/internal/testenv"
)

// *ifx.Conn must keep the socket check the pool asserts for: if the
// method is renamed this stops compiling, instead of the pool silently
// falling back to pings.
var _ connChecker = (*ifx.Conn)(nil)

func ctxT(t testing.TB) context.Context { return testenv.Context(t, 60*time.Second) }

// newPool starts a pool on dsn plus pool options ("&pool_max_conns=2…"),
// lets mod adjust the Config, and closes the pool at the end of the test.
func newPool(t testing.TB, dsn string, mod func(*Config)) *Pool {
	t.Helper()
	cfg, err := ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if mod != nil {
		mod(cfg)
	}
	p, err := NewWithConfig(ctxT(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Bounded: a test that failed while holding a connection must
		// not hang in Close, which waits for it.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := p.CloseContext(ctx); err != nil {
			t.Errorf("pool close: %v (a connection was not released)", err)
		}
	})
	return p
}

// testDSN returns the DSN of database on the server the test runs
// against: the real Informix named by IFX_TEST_DSN when it is set, else a
// fresh ifxtest server. Tests that need ifxtest's own features (faults,
// Stats, Kill, personas) call server instead.
func testDSN(t testing.TB, database string) string {
	t.Helper()
	dsn, _ := testenv.Server(t, database)
	return dsn
}

// freshTable creates table name with columns through p (dropping an old
// one first) and drops it at the end of the test, before the pool
// closes: against a real Informix the database outlives the test.
func freshTable(t testing.TB, p *Pool, name, columns string) {
	t.Helper()
	p.Exec(ctxT(t), "DROP TABLE "+name)
	mustExec(t, p, "CREATE TABLE "+name+" ("+columns+")")
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		p.Exec(ctx, "DROP TABLE "+name)
	})
}

// server starts an ifxtest server for the test, whatever IFX_TEST_DSN
// says: for tests that use ifxtest's own features.
func server(t testing.TB, cfgs ...ifxtest.Config) *ifxtest.Server {
	return ifxtest.NewServer(t, cfgs...)
}

// proxied starts a faultproxy in front of srv and returns a DSN through it.
func proxied(t testing.TB, srv *ifxtest.Server) (string, *faultproxy.Proxy) {
	t.Helper()
	px, err := faultproxy.New(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { px.Close() })
	cfg := srv.Config()
	return "informix://" + cfg.User + ":" + cfg.Password + "@" + px.Addr() + "/testdb?server=" + cfg.ServerName, px
}

// eventually polls cond until it holds or d passes.
func eventually(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(d)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// checkGauges verifies the identities between Stat's gauges and counters
// that hold whenever nothing is being opened.
func checkGauges(t testing.TB, s Stat) {
	t.Helper()
	if s.TotalConns != s.IdleConns+s.AcquiredConns+s.ConstructingConns {
		t.Errorf("total %d != idle %d + acquired %d + constructing %d", s.TotalConns, s.IdleConns, s.AcquiredConns, s.ConstructingConns)
	}
	if s.ConstructingConns == 0 && s.NewConnsCount-s.DestroyedCount()-s.HijackedCount != int64(s.TotalConns) {
		t.Errorf("created %d - destroyed %d - hijacked %d != total %d (%+v)", s.NewConnsCount, s.DestroyedCount(), s.HijackedCount, s.TotalConns, s)
	}
	if s.TotalConns > s.MaxConns {
		t.Errorf("total %d > max %d", s.TotalConns, s.MaxConns)
	}
}

// serverConns counts the sessions the server has open.
func serverConns(srv *ifxtest.Server) int {
	n := 0
	for _, st := range srv.Stats() {
		if !st.Closed {
			n++
		}
	}
	return n
}

func mustExec(t testing.TB, p *Pool, sql string, args ...any) {
	t.Helper()
	if _, err := p.Exec(ctxT(t), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func count(t testing.TB, p *Pool, table string) int64 {
	t.Helper()
	var n int64
	if err := p.QueryRow(ctxT(t), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}
