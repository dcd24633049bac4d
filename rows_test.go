package ifx_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ifxgo/ifx"
)

// fill creates table big with n rows (id, name) in one INSERT … SELECT
// chain of doubling inserts.
func fill(t *testing.T, c *ifx.Conn, n int) {
	t.Helper()
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE big (id INTEGER, name VARCHAR(40), pad CHAR(20))"); err != nil {
		t.Fatal(err)
	}
	st, err := c.Prepare(ctx, "INSERT INTO big VALUES (?, ?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	for i := 1; i <= n; i++ {
		if _, err := st.Exec(ctx, i, fmt.Sprintf("name-%d", i), "x"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRowsStreamManyBatches(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	c, err := ifx.Connect(ctxT(t), dsn+"&fetch_buffer=4096")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctxT(t))
	const n = 3000
	fill(t, c, n)
	ctx := ctxT(t)
	before := groups(srv)
	rows, err := c.Query(ctx, "SELECT id, name, pad FROM big ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	var id int
	var name, pad string
	for rows.Next() {
		if err := rows.Scan(&id, &name, &pad); err != nil {
			t.Fatal(err)
		}
		count++
		if id != count || name != fmt.Sprintf("name-%d", count) || pad != "x"+strings.Repeat(" ", 19) {
			t.Fatalf("row %d: %d %q %q", count, id, name, pad)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if count != n {
		t.Fatalf("%d rows, want %d", count, n)
	}
	if got := rows.CommandTag().RowsAffected(); got != n {
		t.Errorf("CommandTag rows %d", got)
	}
	if srv != nil {
		// 51-byte rows, 4096-byte batches: about 80 rows a batch.
		trips := groups(srv) - before
		if trips < 10 || trips > 100 {
			t.Errorf("%d round trips for %d rows", trips, n)
		}
		t.Logf("%d round trips for %d rows in 4 KiB batches", trips, n)
	}
	// The connection is usable and the cursor was released.
	var one int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM big").Scan(&one); err != nil || one != n {
		t.Fatalf("count: %d %v", one, err)
	}
}

func TestRowsConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	c := connect(t, "testdb")
	fill(t, c, 5000)
	ctx := ctxT(t)
	// A cross join makes 5000*40 rows without storing them.
	rows, err := c.Query(ctx, "SELECT a.id, a.name, a.pad FROM big a, big b WHERE b.id <= 40")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ms runtime.MemStats
	var id int64
	var name, pad []byte
	count := 0
	var heapAt10k uint64
	for rows.Next() {
		if err := rows.Scan(&id, &name, &pad); err != nil {
			t.Fatal(err)
		}
		count++
		if count == 10000 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			heapAt10k = ms.HeapInuse
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	if count != 200000 {
		t.Fatalf("%d rows", count)
	}
	if ms.HeapInuse > heapAt10k+8<<20 {
		t.Errorf("heap grew from %d to %d bytes while streaming", heapAt10k, ms.HeapInuse)
	}
}

func TestRowsPartialCloseReleasesCursor(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	c, err := ifx.Connect(ctxT(t), dsn+"&fetch_buffer=1024")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctxT(t))
	fill(t, c, 500)
	ctx := ctxT(t)
	for range 50 { // would exhaust statement ids or cursors if leaked
		rows, err := c.Query(ctx, "SELECT id FROM big")
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3 && rows.Next(); i++ {
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	_ = srv
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM big").Scan(&n); err != nil || n != 500 {
		t.Fatal(n, err)
	}
}

func TestRowsAbandonedAreCleanedUp(t *testing.T) {
	c := connect(t, "testdb")
	fill(t, c, 300)
	ctx := ctxT(t)
	rows, err := c.Query(ctx, "SELECT id FROM big ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	// A second statement without closing the first.
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM big WHERE id > ?", 100).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 200 {
		t.Fatalf("count %d", n)
	}
	if rows.Next() {
		t.Fatal("abandoned rows still iterate")
	}
	if !errors.Is(rows.Err(), ifx.ErrRowsClosed) {
		t.Fatalf("abandoned rows: %v", rows.Err())
	}
	rows.Close()
}

func TestQueryRowNoRows(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	var s string
	err := c.QueryRow(ctx, "SELECT tabname FROM systables WHERE tabid = -5").Scan(&s)
	if !errors.Is(err, ifx.ErrNoRows) {
		t.Fatalf("got %v", err)
	}
	// Still usable.
	if err := c.QueryRow(ctx, "SELECT tabname FROM systables WHERE tabid = 1").Scan(&s); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(s) != "systables" {
		t.Fatalf("%q", s)
	}
}

// countingConn counts the writes of a connection: each is one round
// trip, since the driver sends a request (with any pipelined cleanup) in a
// single write and then reads the replies.
type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c countingConn) Write(b []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(b)
}

func connectCounting(t *testing.T, dsn string) (*ifx.Conn, *atomic.Int64) {
	t.Helper()
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	var writes atomic.Int64
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countingConn{nc, &writes}, nil
	}
	c, err := ifx.ConnectConfig(ctxT(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c, &writes
}

func TestRoundTrips(t *testing.T) {
	c, writes := connectCounting(t, testDSN(t, "testdb"))
	if got := writes.Load(); got != 4 {
		t.Errorf("connect: %d round trips, want 4 (CONREQ, SQ_PROTOCOLS, SQ_INFO, SQ_DBOPEN as JDBC)", got)
	}
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE rt (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		run  func() error
		want int64
	}{
		{"Exec without args (COMMAND)", func() error { _, err := c.Exec(ctx, "INSERT INTO rt VALUES (1)"); return err }, 1},
		{"Exec with args (PREPARE; BIND+EXECUTE)", func() error { _, err := c.Exec(ctx, "INSERT INTO rt VALUES (?)", 2); return err }, 2},
		{"QueryRow (PREPARE; OPEN+FETCH)", func() error { var n int; return c.QueryRow(ctx, "SELECT COUNT(*) FROM rt").Scan(&n) }, 2},
		{"Query two rows (PREPARE; OPEN+FETCH)", func() error {
			rows, err := c.Query(ctx, "SELECT id FROM rt")
			if err != nil {
				return err
			}
			for rows.Next() {
			}
			return rows.Err()
		}, 2},
		{"Ping", func() error { return c.Ping(ctx) }, 1},
		{"Begin", func() error {
			tx, err := c.Begin(ctx)
			if err != nil {
				return err
			}
			c.Exec(ctx, "DELETE FROM rt WHERE id = 5")
			return tx.Commit(ctx)
		}, 3},
	}
	for _, s := range steps {
		before := writes.Load()
		if err := s.run(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		got := writes.Load() - before
		if got != s.want {
			t.Errorf("%s: %d round trips, want %d", s.name, got, s.want)
		}
	}
}
