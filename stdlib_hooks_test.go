package ifx_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"math"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// Tests of the hooks in stdlib_hooks.go (used by package stdlib).

func TestDriverValues(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, allTypesDDL); err != nil {
		t.Fatal(err)
	}
	dec := mustDec(t, "-1234567890.12")
	ts := time.Date(2026, 5, 4, 12, 34, 56, 789010000, time.UTC)
	hm, _ := ifxtype.ParseDateTime("12:34", mustQual(t, "HOUR TO MINUTE", false))
	iym, _ := ifxtype.ParseIntervalYM("2-06", mustQual(t, "YEAR(4) TO MONTH", true))
	ins := `INSERT INTO alltypes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	ids := 5*24*time.Hour + time.Hour + 2*time.Minute + 3*time.Second
	if _, err := c.Exec(ctx, ins, 1,
		int16(-12345), int32(-2147483647), int64(math.MaxInt64), int64(-9223372036854775807),
		float32(1.5), -2.25, dec, mustDec(t, "123456.78"),
		"abc", "nch", "varchar", "nvc", "lvarchar",
		true, time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC), ts, ts,
		hm, ids, iym); err != nil {
		t.Fatal(err)
	}
	nulls := make([]any, 21)
	nulls[0] = 2
	if _, err := c.Exec(ctx, ins, nulls...); err != nil {
		t.Fatal(err)
	}
	rows, err := c.Query(ctx, "SELECT * FROM alltypes ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	dest := make([]driver.Value, 21)
	if err := rows.DriverValues(dest); err == nil {
		t.Error("DriverValues before Next succeeded")
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if err := rows.DriverValues(dest[:3]); err == nil {
		t.Error("DriverValues with too few destinations succeeded")
	}
	if err := rows.DriverValues(dest); err != nil {
		t.Fatal(err)
	}
	want := []driver.Value{int64(1),
		int64(-12345), int64(-2147483647), int64(math.MaxInt64), int64(-9223372036854775807),
		float64(1.5), -2.25, "-1234567890.12", "123456.78",
		"abc       ", "nch       ", "varchar", "nvc", "lvarchar",
		true, time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC), ts, ts.Truncate(time.Second),
		time.Date(1, 1, 1, 12, 34, 0, 0, time.UTC), ids, iym}
	for i := range want {
		if dest[i] != want[i] {
			t.Errorf("column %d (%s): %#v, want %#v", i, rows.Columns()[i].Name, dest[i], want[i])
		}
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if err := rows.DriverValues(dest); err != nil {
		t.Fatal(err)
	}
	for i, v := range dest[1:] {
		if v != nil {
			t.Errorf("NULL column %d: %#v", i+1, v)
		}
	}
	if rows.Next() {
		t.Fatal("a third row")
	}
	if err := rows.DriverValues(dest); !errors.Is(err, ifx.ErrRowsClosed) {
		t.Errorf("after the end: %v", err)
	}

	// Fixed-width values cost only database/sql's boxing: nothing for
	// small integers, one allocation for others.
	rows, err = c.Query(ctx, "SELECT c_smallint, c_float, c_bool FROM alltypes WHERE id = 1")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	d3 := make([]driver.Value, 3)
	if n := testing.AllocsPerRun(100, func() { rows.DriverValues(d3) }); n > 2 {
		t.Errorf("%v allocations for SMALLINT, FLOAT, BOOLEAN", n)
	}
}

// TestCheckConn: no bytes sent; a server that went away is noticed.
func TestCheckConn(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p, err := faultproxy.New(cfg.Hosts[0].String())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	pdsn := strings.Replace(dsn, cfg.Hosts[0].String(), p.Addr(), 1)
	ctx := ctxT(t)
	// A short ReadTimeout leaves expired deadlines behind, which must not
	// fool the check.
	c, err := ifx.Connect(ctx, pdsn+"&read_timeout=50ms")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if c.Config().ReadTimeout != 50*time.Millisecond {
		t.Fatalf("ReadTimeout %v", c.Config().ReadTimeout)
	}
	before := groups(srv)
	for range 3 {
		if err := c.CheckConn(); err != nil {
			t.Fatalf("healthy connection: %v", err)
		}
	}
	// Pools check before every checkout: no garbage per check.
	if n := testing.AllocsPerRun(100, func() { c.CheckConn() }); n != 0 {
		t.Errorf("CheckConn allocates %v objects per call", n)
	}
	time.Sleep(20 * time.Millisecond)
	if srv != nil && groups(srv) != before {
		t.Errorf("CheckConn sent something: %d request groups before, %d after", before, groups(srv))
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(60 * time.Millisecond)
	if err := c.CheckConn(); err != nil {
		t.Fatalf("healthy connection after a deadline passed: %v", err)
	}
	// An open Rows in the middle of its reply: bytes are expected.
	rows, err := c.Query(ctx, "SELECT tabid FROM systables")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckConn(); err != nil {
		t.Errorf("with an open Rows: %v", err)
	}
	for rows.Next() {
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	p.KillAll()
	time.Sleep(20 * time.Millisecond)
	err = c.CheckConn()
	if !errors.Is(err, ifx.ErrConnClosed) || !ifx.IsConnectionLost(err) || !c.IsClosed() {
		t.Fatalf("after the kill: %v (closed %v)", err, c.IsClosed())
	}
	if err := c.CheckConn(); !ifx.SafeToRetry(err) {
		t.Errorf("on a closed Conn: %v", err)
	}

	// A connection whose socket the driver cannot reach.
	cfg2, _ := ifx.ParseConfig(dsn)
	cfg2.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, network, addr)
		return hiddenConn{nc}, err
	}
	c2, err := ifx.ConnectConfig(ctx, cfg2)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close(ctx)
	if err := c2.CheckConn(); !errors.Is(err, ifx.ErrUnsupported) || c2.IsClosed() {
		t.Errorf("hidden socket: %v", err)
	}
}

type hiddenConn struct{ net.Conn }

func TestSafeToRetry(t *testing.T) {
	if ifx.SafeToRetry(nil) {
		t.Error("nil")
	}
	c := connect(t, "testdb")
	ctx := ctxT(t)
	c.Close(ctx)
	_, err := c.Exec(ctx, "DELETE FROM x")
	if !ifx.SafeToRetry(err) {
		t.Errorf("Exec on a closed Conn: %v", err)
	}
	_, err = c.Query(ctx, "SELECT 1 FROM x")
	if !ifx.SafeToRetry(err) {
		t.Errorf("Query on a closed Conn: %v", err)
	}
	if _, err := c.Prepare(ctx, "SELECT 1 FROM x"); !ifx.SafeToRetry(err) {
		t.Errorf("Prepare on a closed Conn: %v", err)
	}
	if _, err := c.Begin(ctx); !ifx.SafeToRetry(err) {
		t.Errorf("Begin on a closed Conn: %v", err)
	}

	// The connection breaks after the request went out: not safe.
	dsn, _ := testServer(t, "testdb")
	cfg, _ := ifx.ParseConfig(dsn)
	p, err := faultproxy.New(cfg.Hosts[0].String())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	c2, err := ifx.Connect(ctx, strings.Replace(dsn, cfg.Hosts[0].String(), p.Addr(), 1))
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close(ctx)
	p.KillAll()
	time.Sleep(20 * time.Millisecond)
	_, err = c2.Exec(ctx, "DELETE FROM x")
	if err == nil || ifx.SafeToRetry(err) || !errors.Is(err, ifx.ErrConnClosed) {
		t.Errorf("lost during the exchange: %v", err)
	}
	// A statement error or a cancelled context is not a retry either.
	c3 := connect(t, "testdb")
	if _, err := c3.Exec(ctx, "DELETE FROM nosuch"); err == nil || ifx.SafeToRetry(err) {
		t.Errorf("statement error: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := c3.Exec(cctx, "DELETE FROM nosuch"); !errors.Is(err, context.Canceled) || ifx.SafeToRetry(err) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestScanDriverColumn: the direct path of Go 1.27's column scanning
// (package stdlib compares its results with database/sql's conversions);
// here, what it declines and what it costs.
func TestScanDriverColumn(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE scancol (i INTEGER, v VARCHAR(20), d DECIMAL(12,2), ts DATETIME YEAR TO SECOND, hm DATETIME HOUR TO MINUTE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO scancol VALUES (123456, 'text', 12.5, DATETIME(2026-05-04 12:34:56) YEAR TO SECOND, DATETIME(12:34) HOUR TO MINUTE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO scancol VALUES (NULL, NULL, NULL, NULL, NULL)"); err != nil {
		t.Fatal(err)
	}
	rows, err := c.Query(ctx, "SELECT * FROM scancol ORDER BY i NULLS LAST")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int64
	if done, err := rows.ScanDriverColumn(0, &n); done || err != nil {
		t.Errorf("before Next: %v %v", done, err)
	}
	if _, err := rows.DriverValue(0); err == nil {
		t.Error("DriverValue before Next succeeded")
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	for _, i := range []int{-1, 5} {
		if done, _ := rows.ScanDriverColumn(i, &n); done {
			t.Errorf("column %d: taken", i)
		}
		if _, err := rows.DriverValue(i); err == nil {
			t.Errorf("DriverValue(%d) succeeded", i)
		}
	}
	var (
		i32 int32
		s   string
		dec ifxtype.Decimal
		ts  time.Time
		f   float64
		buf []byte
	)
	for _, tc := range []struct {
		col  int
		dest any
		done bool
	}{
		{0, &i32, true}, {1, &s, true}, {2, &dec, true}, {3, &ts, true}, {2, &s, true},
		{0, &f, false},   // INTEGER into float64: database/sql's own conversion
		{1, &buf, true},  // []byte: a copy of its own, as database/sql makes
		{0, &buf, false}, // an INTEGER as text bytes: database/sql's own conversion
		{4, &s, false},   // a DATETIME as text: database/sql formats the time.Time
	} {
		done, err := rows.ScanDriverColumn(tc.col, tc.dest)
		if done != tc.done || err != nil {
			t.Errorf("column %d into %T: done %v err %v, want done %v", tc.col, tc.dest, done, err, tc.done)
		}
	}
	if i32 != 123456 || s != "12.50" || dec.String() != "12.50" || ts != time.Date(2026, 5, 4, 12, 34, 56, 0, time.UTC) || string(buf) != "text" {
		t.Errorf("stored %v %q %v %v %q", i32, s, dec, ts, buf)
	}
	// Fixed-width values are stored with no allocation at all.
	if a := testing.AllocsPerRun(100, func() {
		rows.ScanDriverColumn(0, &i32)
		rows.ScanDriverColumn(2, &dec)
		rows.ScanDriverColumn(3, &ts)
	}); a != 0 {
		t.Errorf("%v allocations for INTEGER, DECIMAL, DATETIME", a)
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if done, _ := rows.ScanDriverColumn(0, &i32); done {
		t.Error("NULL taken: database/sql decides what NULL means for a destination")
	}
	if v, err := rows.DriverValue(1); v != nil || err != nil {
		t.Errorf("NULL DriverValue: %#v %v", v, err)
	}
}
