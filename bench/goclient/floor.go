package main

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/ifxgo/ifx/bench/internal/benchclient"
)

// -mode sqlfloor, client "ifx-sql-floor": the fetch workloads of -mode sql
// (the same sqlClient.fetch, destinations and Scan calls) through
// database/sql over an in-process driver that costs nothing: its Rows.Next
// copies values boxed once beforehand (the driver values the informix
// driver hands out for these columns: int64, int64, string, the DECIMAL as
// a string, time.Time), and built by Go 1.27 or later it scans them
// straight into the destinations instead, as package stdlib does
// (floor_go127.go). What it measures is database/sql's own Next and Scan,
// the part of ifx-sql's cost no driver can remove (as
// stdlib.BenchmarkScan100kFloor and BenchmarkScan100kFloorColumnScanner).
// No server is involved; the other workloads are not applicable and print
// no line.

func init() {
	modes["sqlfloor"] = func() (client, error) {
		opt.ServerPID = 0 // no server: report no server CPU
		return floorClient{sqlClient{connector: floorConnector{}}}, nil
	}
}

type floorClient struct{ sqlClient }

func (floorClient) name() string { return "ifx-sql-floor" }

func (floorClient) setup(context.Context) (*benchclient.Result, error) {
	return benchclient.NewResult("_setup"), nil
}

func (f floorClient) workloads() map[string]workload {
	return map[string]workload{
		"fetch100k": floorResult(f.fetch(fetch100k)),
		"fetchwide": floorResult(f.fetch(fetchWide)),
	}
}

// floorResult drops what sqlClient.fetch records about the server: the
// fake driver opens no server connection and has no fetch buffer.
func floorResult(run workload) workload {
	return func(ctx context.Context) (*benchclient.Result, error) {
		r, err := run(ctx)
		if r != nil {
			r.Conns = nil
			delete(r.Extra, "fetch_buffer")
			r.Extra["note"] = "no server: database/sql over a driver that costs nothing"
		}
		return r, err
	}
}

// floorShapes finds the fetch query by its text, as a driver only gets the text.
var floorShapes = map[string]fetchQuery{fetch100k.sql: fetch100k, fetchWide.sql: fetchWide}

// floorRow5 is row 100,000 of the fetch query as driver values.
var floorRow5 = []driver.Value{
	int64(100000), int64(100000) * 1_000_000_000, "name100000", "1234000.00",
	time.Date(2026, 1, 2, 3, 46, 40, 0, time.UTC),
}

type floorConnector struct{}

func (floorConnector) Connect(context.Context) (driver.Conn, error) { return floorConn{}, nil }
func (floorConnector) Driver() driver.Driver                        { return floorDriver{} }

type floorDriver struct{}

func (floorDriver) Open(string) (driver.Conn, error) { return floorConn{}, nil }

type floorConn struct{}

func (floorConn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("floor: no statements") }
func (floorConn) Close() error                        { return nil }
func (floorConn) Begin() (driver.Tx, error)           { return nil, errors.New("floor: no transactions") }

func (floorConn) QueryContext(_ context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	sh, ok := floorShapes[query]
	if !ok || len(args) > 0 {
		return nil, fmt.Errorf("floor: not a fetch workload query: %.60q", query)
	}
	r := &floorRows{left: sh.rows, row: make([]driver.Value, sh.cols), cols: make([]string, sh.cols)}
	for i := range r.row {
		r.row[i] = floorRow5[i%5]
		if sh.cols == 5 {
			r.cols[i] = benchclient.Names5[i]
		} else {
			r.cols[i] = "c" + strconv.Itoa(i+1)
		}
	}
	return r, nil
}

type floorRows struct {
	row  []driver.Value
	cols []string
	left int
}

func (r *floorRows) Columns() []string { return r.cols }
func (*floorRows) Close() error        { return nil }

func (r *floorRows) Next(dest []driver.Value) error {
	if r.left == 0 {
		return io.EOF
	}
	r.left--
	copy(dest, r.row)
	return nil
}
