package stdlib_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"testing"
	"time"
)

// BenchmarkScan100kFloor measures database/sql alone: a driver whose
// Rows.Next copies five values boxed once beforehand (the driver values
// ifx hands out for scan100kSQL's row) costs nothing of its own, so
// what remains is database/sql's Next and Scan into the same
// destinations as BenchmarkScan100k. It is the part of the
// database/sql path no driver can remove; docs/BENCHMARKS.md compares it
// with the native API's whole cost.
func BenchmarkScan100kFloor(b *testing.B) {
	db := sql.OpenDB(floorConnector{})
	defer db.Close()
	benchScan(b, func() (rowScanner, error) { return db.Query("floor") })
}

// floorConnector's wrap, when set, turns the rows into another
// driver.Rows (bench_floor127_test.go: a driver.RowsColumnScanner).
type floorConnector struct{ wrap func(*floorRows) driver.Rows }

func (c floorConnector) Connect(context.Context) (driver.Conn, error) { return floorConn(c), nil }
func (floorConnector) Driver() driver.Driver                          { return nil }

type floorConn struct{ wrap func(*floorRows) driver.Rows }

func (floorConn) Prepare(string) (driver.Stmt, error) { return nil, driver.ErrSkip }
func (floorConn) Close() error                        { return nil }
func (floorConn) Begin() (driver.Tx, error)           { return nil, driver.ErrSkip }
func (c floorConn) QueryContext(context.Context, string, []driver.NamedValue) (driver.Rows, error) {
	r := &floorRows{row: []driver.Value{
		int64(100000), int64(100000) * 1_000_000_000, "name100000", "1234000.00",
		time.Date(2026, 1, 2, 3, 46, 40, 0, time.UTC),
	}}
	if c.wrap != nil {
		return c.wrap(r), nil
	}
	return r, nil
}

type floorRows struct {
	row []driver.Value
	n   int
}

func (*floorRows) Columns() []string { return []string{"id", "b", "name", "amount", "ts"} }
func (*floorRows) Close() error      { return nil }
func (r *floorRows) Next(dest []driver.Value) error {
	if r.n == scanRows {
		return io.EOF
	}
	r.n++
	copy(dest, r.row)
	return nil
}
