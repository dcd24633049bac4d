//go:build go1.27

package main

import (
	"database/sql"
	"database/sql/driver"
	"io"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
)

// From Go 1.27 a driver can scan into the caller's destinations
// (driver.RowsColumnScanner), as package stdlib does; a driver that costs
// nothing then stores values it holds ready, typed, with no driver.Value
// boxed, and what remains is database/sql's own Next and Scan.

var floorDecimal = func() ifxtype.Decimal {
	d, err := ifxtype.ParseDecimal(floorRow5[3].(string))
	if err != nil {
		panic(err)
	}
	return d
}()

func (r *floorRows) NextRow() error {
	if r.left == 0 {
		return io.EOF
	}
	r.left--
	return nil
}

func (r *floorRows) ScanColumn(sc driver.ScanContext, i int, dest any) error {
	switch d := dest.(type) {
	case *int32:
		if n, ok := r.row[i].(int64); ok {
			*d = int32(n)
			return nil
		}
	case *int64:
		if n, ok := r.row[i].(int64); ok {
			*d = n
			return nil
		}
	case *string:
		if s, ok := r.row[i].(string); ok {
			*d = s
			return nil
		}
	case *ifxtype.Decimal:
		if i%5 == 3 {
			*d = floorDecimal
			return nil
		}
	case *time.Time:
		if t, ok := r.row[i].(time.Time); ok {
			*d = t
			return nil
		}
	}
	return sql.ConvertAssign(sc, dest, r.row[i])
}
