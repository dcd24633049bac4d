package stdlib

import (
	"database/sql/driver"
	"errors"
	"io"
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/adapter"
	"github.com/ifxgo/ifx/sqli"
)

// Rows is a streaming result (driver.Rows with every RowsColumnType*
// interface).
type Rows struct {
	rows  *ifx.Rows
	cols  []ifx.Column
	names []string
	// cur is the row NextRow made current, taken at most once per row
	// so that ScanColumn, called for every column, does not ask for it
	// again.
	cur adapter.Row
	// stale is set by NextRow: cur is taken on the first ScanColumn
	// that needs it, as most scans of a typed destination do not
	// (adapter.ScanColumnFast).
	stale bool
	// mode is how ScanColumn (Go 1.27) treats destinations, and fast
	// the *ifx.Rows its first call to the planned op gets: nil (the op
	// declines at once) but in scanPlain, so that a typed destination's
	// path tests no mode.
	mode scanMode
	fast any
	// wrapped is set once a destination of the first row was an
	// sql.Null wrapper.
	wrapped bool
}

// scanMode is what ScanColumn (Go 1.27) does with a destination before
// the planned op sees it.
type scanMode uint8

const (
	// scanProbe: the first row; each destination is looked at, so that
	// an sql.Null wrapper's value field, not the wrapper, is what the
	// column's op gets planned for.
	scanProbe scanMode = iota
	// scanPlain: no wrapper in the first row; destinations go to the
	// planned ops as they are.
	scanPlain
	// scanUnwrap: wrappers in the first row; their value fields go to
	// the planned ops.
	scanUnwrap
)

var (
	_ driver.Rows                           = (*Rows)(nil)
	_ driver.RowsColumnTypeDatabaseTypeName = (*Rows)(nil)
	_ driver.RowsColumnTypeLength           = (*Rows)(nil)
	_ driver.RowsColumnTypeNullable         = (*Rows)(nil)
	_ driver.RowsColumnTypePrecisionScale   = (*Rows)(nil)
	_ driver.RowsColumnTypeScanType         = (*Rows)(nil)
)

func newRows(r *ifx.Rows) *Rows {
	return &Rows{rows: r, cols: r.Columns()}
}

// Native returns the native result, for its CommandTag and Columns.
func (r *Rows) Native() *ifx.Rows { return r.rows }

// Columns returns the column names.
func (r *Rows) Columns() []string {
	if r.names == nil {
		r.names = make([]string, len(r.cols))
		for i := range r.cols {
			r.names[i] = r.cols[i].Name
		}
	}
	return r.names
}

// Close closes the result; a partly read one has its cursor closed on the
// server at once.
func (r *Rows) Close() error {
	r.cur, r.stale = adapter.Row{Closed: true}, false
	before := r.rows.Err()
	r.rows.Close()
	if err := r.rows.Err(); err != nil && err != before && !errors.Is(err, ifx.ErrRowsClosed) {
		return err
	}
	return nil
}

// Next decodes the next row into dest, fetching the next batch from the
// server when the current one is used up. It returns io.EOF at the end.
func (r *Rows) Next(dest []driver.Value) error {
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return err
		}
		return io.EOF
	}
	return driverValues(r.rows, dest)
}

// ColumnTypeDatabaseTypeName returns the Informix type without the size of
// its base type: "DECIMAL", "VARCHAR", "INTEGER", "DATETIME YEAR TO
// SECOND", "INTERVAL DAY(3) TO SECOND", "BOOLEAN"; a named ROW type's
// name as IDS prints it in the DESCRIBE ("rt_person").
func (r *Rows) ColumnTypeDatabaseTypeName(i int) string {
	if c := &r.cols[i]; c.Type == sqli.TypeRow && c.ExtendedName != "" && !strings.ContainsRune(c.ExtendedName, '(') {
		return c.ExtendedName
	}
	return databaseTypeName(r.cols[i].TypeName)
}

func databaseTypeName(s string) string {
	word := s
	if j := strings.IndexByte(s, ' '); j >= 0 {
		word = s[:j]
	}
	if j := strings.IndexByte(word, '('); j >= 0 {
		return s[:j] + s[len(word):]
	}
	return s
}

// ColumnTypeLength returns the declared length of CHAR and NCHAR, the
// maximum length of VARCHAR, NVARCHAR and LVARCHAR, and math.MaxInt64 for
// TEXT and BYTE; other types have none.
func (r *Rows) ColumnTypeLength(i int) (int64, bool) {
	c := &r.cols[i]
	switch c.Type {
	case sqli.TypeChar, sqli.TypeNChar, sqli.TypeVarChar, sqli.TypeNVarChar, sqli.TypeLVarChar:
		return int64(c.Length), true
	case sqli.TypeText, sqli.TypeByte:
		return math.MaxInt64, true
	case sqli.TypeUDTVar, sqli.TypeUDTFixed:
		if strings.HasPrefix(c.TypeName, "LVARCHAR") {
			return int64(c.Length), true
		}
	}
	return 0, false
}

// ColumnTypePrecisionScale returns the precision and scale of DECIMAL and
// MONEY; the scale of a floating DECIMAL(p) is -1.
func (r *Rows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	c := &r.cols[i]
	switch c.Type {
	case sqli.TypeDecimal, sqli.TypeMoney:
		return int64(c.Precision), int64(c.Scale), true
	}
	return 0, 0, false
}

// ColumnTypeNullable reports the server's NOT NULL flag.
func (r *Rows) ColumnTypeNullable(i int) (nullable, ok bool) {
	return r.cols[i].Nullable, true
}

var (
	typeInt16      = reflect.TypeFor[int16]()
	typeInt32      = reflect.TypeFor[int32]()
	typeInt64      = reflect.TypeFor[int64]()
	typeFloat32    = reflect.TypeFor[float32]()
	typeFloat64    = reflect.TypeFor[float64]()
	typeDecimal    = reflect.TypeFor[ifxtype.Decimal]()
	typeString     = reflect.TypeFor[string]()
	typeBool       = reflect.TypeFor[bool]()
	typeTime       = reflect.TypeFor[time.Time]()
	typeDuration   = reflect.TypeFor[time.Duration]()
	typeIntervalYM = reflect.TypeFor[ifxtype.IntervalYM]()
	typeBytes      = reflect.TypeFor[[]byte]()
	typeAny        = reflect.TypeFor[any]()
)

// ColumnTypeScanType returns a Go type to scan the column into: int16 for
// SMALLINT, int32 for INTEGER and SERIAL, int64 for BIGINT, INT8, SERIAL8
// and BIGSERIAL, float32 for SMALLFLOAT, float64 for FLOAT,
// ifxtype.Decimal for DECIMAL and MONEY, string for character types,
// bool, time.Time for DATE and every DATETIME,
// time.Duration for INTERVAL DAY…FRACTION, ifxtype.IntervalYM for
// INTERVAL YEAR…MONTH and []byte for other opaque types.
func (r *Rows) ColumnTypeScanType(i int) reflect.Type {
	c := &r.cols[i]
	switch c.Type {
	case sqli.TypeSmallInt:
		return typeInt16
	case sqli.TypeInt, sqli.TypeSerial:
		return typeInt32
	case sqli.TypeBigInt, sqli.TypeBigSerial, sqli.TypeInt8, sqli.TypeSerial8, sqli.TypeRefSerial8:
		return typeInt64
	case sqli.TypeSmallFloat:
		return typeFloat32
	case sqli.TypeFloat:
		return typeFloat64
	case sqli.TypeDecimal, sqli.TypeMoney:
		return typeDecimal
	case sqli.TypeChar, sqli.TypeNChar, sqli.TypeVarChar, sqli.TypeNVarChar, sqli.TypeLVarChar, sqli.TypeText,
		sqli.TypeSet, sqli.TypeMultiset, sqli.TypeList, sqli.TypeRow, sqli.TypeCollection:
		return typeString
	case sqli.TypeBool:
		return typeBool
	case sqli.TypeDate:
		return typeTime
	case sqli.TypeDateTime:
		return typeTime // with or without YEAR: see DriverValue
	case sqli.TypeInterval:
		if c.Qualifier.IsYearMonth() {
			return typeIntervalYM
		}
		return typeDuration
	case sqli.TypeByte:
		return typeBytes
	case sqli.TypeUDTVar, sqli.TypeUDTFixed, sqli.TypeSendRecv:
		switch {
		case c.TypeName == "BOOLEAN":
			return typeBool
		case strings.HasPrefix(c.TypeName, "LVARCHAR"), c.TypeName == "JSON":
			return typeString
		}
		return typeBytes
	}
	return typeAny
}
