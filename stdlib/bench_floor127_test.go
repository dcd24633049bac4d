//go:build go1.27

package stdlib_test

import (
	"database/sql"
	"database/sql/driver"
	"io"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
)

// BenchmarkScan100kFloorColumnScanner is BenchmarkScan100kFloor for Go
// 1.27's driver.RowsColumnScanner: the driver that costs nothing stores
// values it holds ready, typed, into each destination, so what remains
// is database/sql's own Next and Scan on the path package stdlib takes
// with Go 1.27.
func BenchmarkScan100kFloorColumnScanner(b *testing.B) {
	dec, err := ifxtype.ParseDecimal("1234000.00")
	if err != nil {
		b.Fatal(err)
	}
	db := sql.OpenDB(floorConnector{wrap: func(r *floorRows) driver.Rows {
		return &floorScanRows{floorRows: r, dec: dec, ts: r.row[4].(time.Time)}
	}})
	defer db.Close()
	benchScan(b, func() (rowScanner, error) { return db.Query("floor") })
}

type floorScanRows struct {
	*floorRows
	dec ifxtype.Decimal
	ts  time.Time
}

func (r *floorScanRows) NextRow() error {
	if r.n == scanRows {
		return io.EOF
	}
	r.n++
	return nil
}

func (r *floorScanRows) ScanColumn(_ driver.ScanContext, i int, dest any) error {
	switch d := dest.(type) {
	case *int32:
		*d = int32(r.n)
	case *int64:
		*d = int64(r.n) * 1_000_000_000
	case *string:
		*d = "name100000"
	case *ifxtype.Decimal:
		*d = r.dec
	case *time.Time:
		*d = r.ts
	}
	return nil
}
