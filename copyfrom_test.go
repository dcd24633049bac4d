package ifx_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/ifxtype"
)

// copyTable creates a fresh table for a CopyFrom test and drops it at the
// end (the tests also run against a real Informix).
func copyTable(t *testing.T, c *ifx.Conn, name string) {
	t.Helper()
	freshTable(t, c, name, "id INTEGER PRIMARY KEY, b BIGINT, name VARCHAR(32), amount DECIMAL(12,2), ts DATETIME YEAR TO SECOND")
}

func copyRow(i int) []any {
	amount, err := ifxtype.ParseDecimal(fmt.Sprintf("%d.%02d", i, i%100))
	if err != nil {
		panic(err)
	}
	return []any{int32(i), int64(i) * 1_000_000_000, fmt.Sprintf("name %d", i), amount,
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)}
}

var copyColumns = []string{"id", "b", "name", "amount", "ts"}

func countRows(t *testing.T, c *ifx.Conn, table string) int {
	t.Helper()
	var n int
	if err := c.QueryRow(ctxT(t), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCopyFrom(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	copyTable(t, c, "copy_t")
	const rows = 10_000
	before := groups(srv)
	n, err := c.CopyFrom(ctx, ifx.Identifier{"copy_t"}, copyColumns, ifx.CopyFromSlice(rows, func(i int) ([]any, error) {
		return copyRow(i), nil
	}))
	if err != nil || n != rows {
		t.Fatalf("CopyFrom: %d rows, %v", n, err)
	}
	if srv != nil {
		// BEGIN, PREPARE, the pipelined groups (RELEASE in the last), COMMIT.
		if g := groups(srv) - before; g > rows/100 {
			t.Errorf("%d request groups for %d rows", g, rows)
		} else {
			t.Logf("%d request groups for %d rows", g, rows)
		}
	}
	if c.InTransaction() {
		t.Error("CopyFrom left its transaction open")
	}
	// Committed: another session sees every row, each value intact.
	other, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(ctx)
	r, err := other.Query(ctx, "SELECT id, b, name, amount, ts FROM copy_t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	i := 0
	for r.Next() {
		var (
			id     int32
			b      int64
			name   string
			amount ifxtype.Decimal
			ts     time.Time
		)
		if err := r.Scan(&id, &b, &name, &amount, &ts); err != nil {
			t.Fatal(err)
		}
		want := copyRow(i)
		if id != want[0] || b != want[1] || name != want[2] || amount.String() != want[3].(ifxtype.Decimal).String() || !ts.Equal(want[4].(time.Time)) {
			t.Fatalf("row %d: %v %v %q %v %v, want %v", i, id, b, name, amount, ts, want)
		}
		i++
	}
	if r.Err() != nil || i != rows {
		t.Fatalf("read %d rows back: %v", i, r.Err())
	}
}

func TestCopyFromSources(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	copyTable(t, c, "copy_src")
	n, err := c.CopyFrom(ctx, ifx.Identifier{"copy_src"}, copyColumns, ifx.CopyFromRows([][]any{copyRow(0), copyRow(1), copyRow(2)}))
	if err != nil || n != 3 {
		t.Fatalf("CopyFromRows: %d, %v", n, err)
	}
	// CopyFromFunc with a reused slice: CopyFrom encodes each row before
	// asking for the next.
	row := make([]any, 5)
	i := 3
	n, err = c.CopyFrom(ctx, ifx.Identifier{"copy_src"}, copyColumns, ifx.CopyFromFunc(func() ([]any, error) {
		if i == 1003 {
			return nil, nil
		}
		copy(row, copyRow(i))
		i++
		return row, nil
	}))
	if err != nil || n != 1000 {
		t.Fatalf("CopyFromFunc: %d, %v", n, err)
	}
	var sum int64
	if err := c.QueryRow(ctx, "SELECT SUM(id) FROM copy_src").Scan(&sum); err != nil || sum != 1002*1003/2 {
		t.Fatalf("sum of ids %d (%v)", sum, err)
	}
	// No rows: nothing inserted, nothing left behind.
	n, err = c.CopyFrom(ctx, ifx.Identifier{"copy_src"}, copyColumns, ifx.CopyFromRows(nil))
	if err != nil || n != 0 {
		t.Fatalf("empty source: %d, %v", n, err)
	}
	if got := countRows(t, c, "copy_src"); got != 1003 {
		t.Fatalf("%d rows", got)
	}
}

// TestCopyFromAtomic: outside a transaction, a failing row undoes the
// whole copy, and the connection goes on.
func TestCopyFromAtomic(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	copyTable(t, c, "copy_atomic")
	// Row 2,500 repeats id 7: a unique violation in a later request
	// group, after the server inserted the rows of the earlier ones.
	n, err := c.CopyFrom(ctx, ifx.Identifier{"copy_atomic"}, copyColumns, ifx.CopyFromSlice(5000, func(i int) ([]any, error) {
		if i == 2500 {
			return copyRow(7), nil
		}
		return copyRow(i), nil
	}))
	var be *ifx.BatchError
	if !errors.As(err, &be) || be.Index != 2500 || !ifx.IsUniqueViolation(err) {
		t.Fatalf("CopyFrom: %v, want a unique violation at row 2500", err)
	}
	if n != 0 {
		t.Errorf("rolled back, yet %d rows reported", n)
	}
	if got := countRows(t, c, "copy_atomic"); got != 0 {
		t.Fatalf("%d rows after the failed copy", got)
	}
	if c.InTransaction() {
		t.Error("the failed copy left a transaction open")
	}

	// An error from the source: nothing inserted, the error as it is.
	boom := errors.New("source failed")
	n, err = c.CopyFrom(ctx, ifx.Identifier{"copy_atomic"}, copyColumns, ifx.CopyFromSlice(3000, func(i int) ([]any, error) {
		if i == 2000 {
			return nil, boom
		}
		return copyRow(i), nil
	}))
	if err != boom || n != 0 {
		t.Fatalf("source error: %d, %v", n, err)
	}
	// A row with the wrong number of values.
	_, err = c.CopyFrom(ctx, ifx.Identifier{"copy_atomic"}, copyColumns, ifx.CopyFromRows([][]any{copyRow(1), {1, 2}}))
	if !errors.As(err, &be) || be.Index != 1 || !strings.Contains(err.Error(), "2 values for 5 columns") {
		t.Fatalf("short row: %v", err)
	}
	if got := countRows(t, c, "copy_atomic"); got != 0 {
		t.Fatalf("%d rows after the failed copies", got)
	}
	// The connection and the table work on.
	if n, err := c.CopyFrom(ctx, ifx.Identifier{"copy_atomic"}, copyColumns, ifx.CopyFromRows([][]any{copyRow(1)})); err != nil || n != 1 {
		t.Fatalf("after the failures: %d, %v", n, err)
	}
}

// TestCopyFromInTx: inside a transaction the copy is part of it.
func TestCopyFromInTx(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	copyTable(t, c, "copy_tx")
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n, err := tx.CopyFrom(ctx, ifx.Identifier{"copy_tx"}, copyColumns, ifx.CopyFromRows([][]any{copyRow(1), copyRow(2), copyRow(1)}))
	var be *ifx.BatchError
	if !errors.As(err, &be) || be.Index != 2 || n != 2 {
		t.Fatalf("CopyFrom in a Tx: %d, %v", n, err)
	}
	if !c.InTransaction() {
		t.Fatal("the failed copy ended the caller's transaction")
	}
	if got := countRows(t, c, "copy_tx"); got != 2 {
		t.Fatalf("inside the Tx: %d rows, want the 2 before the failure", got)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if got := countRows(t, c, "copy_tx"); got != 0 {
		t.Fatalf("after Rollback: %d rows", got)
	}
}

// TestCopyFromUnloggedDatabase: without a log nothing can be undone; the
// rows before the failure stay and are counted.
func TestCopyFromUnloggedDatabase(t *testing.T) {
	if realServer() {
		t.Skip("creates a database")
	}
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE DATABASE copy_nolog"); err != nil {
		t.Fatal(err)
	}
	if info := c.DatabaseInfo(); info.Logged {
		t.Fatalf("%+v", info)
	}
	copyTable(t, c, "copy_nolog_t")
	n, err := c.CopyFrom(ctx, ifx.Identifier{"copy_nolog_t"}, copyColumns, ifx.CopyFromSlice(100, func(i int) ([]any, error) {
		return copyRow(i % 60), nil
	}))
	if !ifx.IsUniqueViolation(err) || n != 60 {
		t.Fatalf("%d rows, %v", n, err)
	}
	if got := countRows(t, c, "copy_nolog_t"); got != 60 {
		t.Fatalf("%d rows stayed, want 60", got)
	}
}

func TestCopyFromANSIDatabase(t *testing.T) {
	if realServer() {
		t.Skip("creates a database")
	}
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE DATABASE copy_ansi WITH LOG MODE ANSI"); err != nil {
		t.Fatal(err)
	}
	copyTable(t, c, "copy_ansi_t")
	if _, err := c.CopyFrom(ctx, ifx.Identifier{"copy_ansi_t"}, copyColumns, ifx.CopyFromRows([][]any{copyRow(1), copyRow(1)})); !ifx.IsUniqueViolation(err) {
		t.Fatalf("duplicate: %v", err)
	}
	if got := countRows(t, c, "copy_ansi_t"); got != 0 {
		t.Fatalf("%d rows after the failed copy", got)
	}
	if n, err := c.CopyFrom(ctx, ifx.Identifier{"copy_ansi_t"}, copyColumns, ifx.CopyFromRows([][]any{copyRow(1), copyRow(2)})); err != nil || n != 2 {
		t.Fatalf("%d, %v", n, err)
	}
	// Committed, not left in ANSI's implicit transaction: a Reset (what a
	// pool does on release) keeps the rows.
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if got := countRows(t, c, "copy_ansi_t"); got != 2 {
		t.Fatalf("%d rows after Reset", got)
	}
}

func TestCopyFromRefusesBadNames(t *testing.T) {
	c, writes := connectCounting(t, testDSN(t, "testdb"))
	ctx := ctxT(t)
	before := writes.Load()
	for _, tc := range []struct {
		table ifx.Identifier
		cols  []string
	}{
		{ifx.Identifier{"t; DROP TABLE x"}, []string{"a"}},
		{ifx.Identifier{`"t"`}, []string{"a"}},
		{ifx.Identifier{}, []string{"a"}},
		{ifx.Identifier{"a", "b", "c", "d"}, []string{"a"}},
		{ifx.Identifier{"t"}, []string{"a", "b) VALUES (1, 2); --"}},
		{ifx.Identifier{"t"}, []string{"1a"}},
		{ifx.Identifier{"t"}, nil},
		{ifx.Identifier{strings.Repeat("t", 129)}, []string{"a"}},
	} {
		if _, err := c.CopyFrom(ctx, tc.table, tc.cols, ifx.CopyFromRows([][]any{{1}})); err == nil {
			t.Errorf("%q %q accepted", tc.table, tc.cols)
		}
	}
	if w := writes.Load(); w != before {
		t.Errorf("bad names sent %d writes", w-before)
	}
	for _, tc := range []struct {
		id   ifx.Identifier
		want string
	}{
		{ifx.Identifier{"t"}, "t"},
		{ifx.Identifier{"informix", "t_1$"}, "informix.t_1$"},
		{ifx.Identifier{"db", "informix", "_t"}, "db:informix._t"},
	} {
		if got, err := tc.id.Sanitize(); err != nil || got != tc.want {
			t.Errorf("%q: %q, %v", tc.id, got, err)
		}
	}
}

func TestCopyFromCancelled(t *testing.T) {
	c := connect(t, "testdb")
	copyTable(t, c, "copy_cancel")
	ctx, cancel := context.WithCancel(ctxT(t))
	// The source cancels while the copy runs: the copy stops before its
	// next request group and is rolled back. Protection: runBatch checks
	// the context once a group is built and sends nothing. Without it the
	// group goes out with the interrupt racing it, and when the server
	// finishes the group first the connection must be closed (7 of 30
	// runs failed so).
	n, err := c.CopyFrom(ctx, ifx.Identifier{"copy_cancel"}, copyColumns, ifx.CopyFromSlice(10_000, func(i int) ([]any, error) {
		if i == 3000 {
			cancel()
		}
		return copyRow(i), nil
	}))
	if !errors.Is(err, context.Canceled) || n != 0 {
		t.Fatalf("%d, %v", n, err)
	}
	if c.IsClosed() {
		t.Fatal("cancelled between groups, yet the connection was closed")
	}
	if got := countRows(t, c, "copy_cancel"); got != 0 {
		t.Fatalf("%d rows after the cancelled copy", got)
	}
}

// TestCopyFromReleasesStatements: every way a copy ends — all rows, no
// rows, a refused row, a source error, a bad row — releases its prepared
// INSERT on the server: ifxtest counts the statements still prepared
// after each request, and its strict mode fails the test on a RELEASE of
// a statement that is gone. Without the RELEASE queued after a failure
// or an empty source, statements stay open here.
func TestCopyFromReleasesStatements(t *testing.T) {
	if realServer() {
		t.Skip("reads ifxtest's statistics")
	}
	srv := ifxtest.NewServer(t)
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, srv.DSN("testdb")+"&statement_cache_capacity=0")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	copyTable(t, c, "copy_rel")
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	// Ping's probe stays prepared until its RELEASE goes with the next
	// request: one statement is open after each Ping.
	if st := srv.Stats(); st[0].OpenStatements != 1 {
		t.Fatalf("before the copies: %d statements prepared on the server", st[0].OpenStatements)
	}
	table := ifx.Identifier{"copy_rel"}
	sources := []ifx.CopyFromSource{
		ifx.CopyFromSlice(2000, func(i int) ([]any, error) { return copyRow(i), nil }),
		ifx.CopyFromRows(nil),
		ifx.CopyFromRows([][]any{copyRow(5000), copyRow(1)}),
		ifx.CopyFromSlice(10, func(i int) ([]any, error) {
			if i == 5 {
				return nil, errors.New("source failed")
			}
			return copyRow(6000 + i), nil
		}),
		ifx.CopyFromRows([][]any{{1}}),
		ifx.CopyFromRows([][]any{{int32(7000), int64(0), "x", "not a number", time.Now()}}),
	}
	for i, src := range sources {
		n, err := c.CopyFrom(ctx, table, copyColumns, src)
		t.Logf("copy %d: %d rows, %v", i, n, err)
		if (i < 2) != (err == nil) {
			t.Errorf("copy %d: %v", i, err)
		}
		// The next request carries any RELEASE left queued.
		if err := c.Ping(ctx); err != nil {
			t.Fatal(err)
		}
		if st := srv.Stats(); st[0].OpenStatements != 1 {
			t.Errorf("after copy %d: %d statements prepared on the server besides Ping's", i, st[0].OpenStatements-1)
		}
	}
	if got := countRows(t, c, "copy_rel"); got != 2000 {
		t.Errorf("%d rows, want the 2000 of the first copy", got)
	}
}
