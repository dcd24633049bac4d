package ifx

import (
	"encoding/binary"
	"math"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
)

// scanOp is how one column goes into the destination type its Scans
// use, chosen on the first Scan that gives the column a destination
// (planScanOp) and kept for the Rows: a row of well-formed, non-NULL
// values then costs one type assertion and one decode per column, with
// no per-row type switch, NULL test or large-object lookup. Anything the
// op does not cover (NULL, another destination type, an unusual value)
// takes scanColumn, which gives the result or the error.
type scanOp uint8

const (
	opUnplanned scanOp = iota
	opGeneral          // scanColumn every time

	opSmallIntInt16 // SMALLINT into *int16
	opSmallIntInt32
	opSmallIntInt64
	opSmallIntInt
	opIntInt32 // INTEGER, SERIAL into *int32
	opIntInt64
	opIntInt
	opBigIntInt64 // BIGINT, BIGSERIAL into *int64
	opBigIntInt
	opFloatFloat64      // FLOAT into *float64
	opSmallFloatFloat32 // SMALLFLOAT into *float32
	opSmallFloatFloat64
	opCharString    // CHAR, NCHAR into *string
	opVarCharString // VARCHAR, NVARCHAR into *string
	opTextString    // LVARCHAR, JSON into *string
	opDecimal       // DECIMAL(p,s), MONEY into *ifxtype.Decimal; arg: s
	opDate          // DATE into *time.Time
	opDateTime      // DATETIME YEAR TO x (DTFast) into *time.Time; arg: DTLow
)

// fastCol is a column's planned op with what it needs of the column's
// plan, so that a row's Scan reads neither ColumnPlan nor its kind (a
// plan is a few cache lines; a 100-column row would walk them all).
type fastCol struct {
	op  scanOp
	arg int8
}

// fastRows holds a Rows' per-column plans for Scan and splitData. They
// hold while the columns do: a Rows over BYTE/TEXT columns, whose plans
// change between reading and scanning, uses neither.
type fastRows struct {
	cols   []fastCol
	layout ifxtype.RowLayout
}

// planScanOp picks the op for column ci and destination dest.
func planScanOp(ci *ifxtype.ColumnPlan, dest any) fastCol {
	op := planOp(ci, dest)
	switch op {
	case opDecimal:
		return fastCol{op, int8(ci.Scale)}
	case opDateTime:
		return fastCol{op, int8(ci.DTLow)}
	}
	return fastCol{op: op}
}

func planOp(ci *ifxtype.ColumnPlan, dest any) scanOp {
	if ci.Comp != nil || ci.IsLO() {
		return opGeneral
	}
	switch dest.(type) {
	case *int16:
		if ci.Kind == ifxtype.ColSmallInt {
			return opSmallIntInt16
		}
	case *int32:
		switch ci.Kind {
		case ifxtype.ColSmallInt:
			return opSmallIntInt32
		case ifxtype.ColInt:
			return opIntInt32
		}
	case *int64:
		switch ci.Kind {
		case ifxtype.ColSmallInt:
			return opSmallIntInt64
		case ifxtype.ColInt:
			return opIntInt64
		case ifxtype.ColBigInt:
			return opBigIntInt64
		}
	case *int:
		switch ci.Kind {
		case ifxtype.ColSmallInt:
			return opSmallIntInt
		case ifxtype.ColInt:
			return opIntInt
		case ifxtype.ColBigInt:
			return opBigIntInt
		}
	case *float64:
		switch ci.Kind {
		case ifxtype.ColFloat:
			return opFloatFloat64
		case ifxtype.ColSmallFloat:
			return opSmallFloatFloat64
		}
	case *float32:
		if ci.Kind == ifxtype.ColSmallFloat {
			return opSmallFloatFloat32
		}
	case *string:
		switch ci.Kind {
		case ifxtype.ColChar:
			return opCharString
		case ifxtype.ColVarChar:
			return opVarCharString
		case ifxtype.ColText:
			return opTextString
		}
	case *ifxtype.Decimal:
		if ci.Kind == ifxtype.ColDecimal && ci.Scale >= 0 && ci.Scale <= ifxtype.MaxDecimalDigits {
			return opDecimal
		}
	case *time.Time:
		switch {
		case ci.Kind == ifxtype.ColDate:
			return opDate
		case ci.Kind == ifxtype.ColDateTime && ci.DTFast:
			return opDateTime
		}
	}
	return opGeneral
}

// scanRun stores the values of columns col, col+1, … in dest[0],
// dest[1], … by their planned ops, for as long as the ops take them, and
// returns how many it stored. It stops (dest[k] untouched) at an
// unplanned or general op, NULL, a destination of another type (nil
// included) and any value it does not decode exactly as scanColumn.
// The ops run inside one loop, not one call per column: the call and
// its arguments cost as much as the decoding of an integer. The caller
// has planned ops (r.blob == nil) and holds plans and values for every
// column it asks for.
//
// The values come split (RowLayout.Split in Next). Walking the tuple here
// instead, decoding each value where it lies with Next only checking the
// tuple's frame, was measured with callgrind and cost no less: fetchwide
// 19,900 instructions a row against 19,550, fetch100k 1,335 against
// 1,354. The walk's offsets and bounds checks, live across the decoders'
// calls, spill as much as the value slices' stores and loads cost.
func (r *Rows) scanRun(dest []any, col int) int {
	fc := r.fast.cols[col : col+len(dest)]
	vals := r.vals[col : col+len(dest)]
	for k, d := range dest {
		v := vals[k]
		switch f := fc[k]; f.op {
		case opSmallIntInt16, opSmallIntInt32, opSmallIntInt64, opSmallIntInt:
			if len(v) < 2 {
				return k
			}
			u := binary.BigEndian.Uint16(v)
			if u == 0x8000 {
				return k
			}
			n := int16(u)
			switch d := d.(type) {
			case *int16:
				if f.op != opSmallIntInt16 {
					return k
				}
				*d = n
			case *int32:
				if f.op != opSmallIntInt32 {
					return k
				}
				*d = int32(n)
			case *int64:
				if f.op != opSmallIntInt64 {
					return k
				}
				*d = int64(n)
			case *int:
				if f.op != opSmallIntInt {
					return k
				}
				*d = int(n)
			default:
				return k
			}
		case opIntInt32:
			p, ok := d.(*int32)
			if !ok || len(v) < 4 {
				return k
			}
			u := binary.BigEndian.Uint32(v)
			if u == 0x80000000 {
				return k
			}
			*p = int32(u)
		case opIntInt64, opIntInt:
			if len(v) < 4 {
				return k
			}
			u := binary.BigEndian.Uint32(v)
			if u == 0x80000000 {
				return k
			}
			if f.op == opIntInt64 {
				p, ok := d.(*int64)
				if !ok {
					return k
				}
				*p = int64(int32(u))
			} else {
				p, ok := d.(*int)
				if !ok {
					return k
				}
				*p = int(int32(u))
			}
		case opBigIntInt64:
			p, ok := d.(*int64)
			if !ok || len(v) < 8 {
				return k
			}
			u := binary.BigEndian.Uint64(v)
			if u == 1<<63 {
				return k
			}
			*p = int64(u)
		case opBigIntInt:
			p, ok := d.(*int)
			if !ok || len(v) < 8 {
				return k
			}
			u := binary.BigEndian.Uint64(v)
			n := int64(u)
			if u == 1<<63 || int64(int(n)) != n {
				return k // the general path reports the overflow
			}
			*p = int(n)
		case opFloatFloat64:
			p, ok := d.(*float64)
			if !ok || len(v) < 8 {
				return k
			}
			u := binary.BigEndian.Uint64(v)
			if u == math.MaxUint64 {
				return k
			}
			*p = math.Float64frombits(u)
		case opSmallFloatFloat32, opSmallFloatFloat64:
			if len(v) < 4 {
				return k
			}
			u := binary.BigEndian.Uint32(v)
			if u == math.MaxUint32 {
				return k
			}
			x := math.Float32frombits(u)
			if f.op == opSmallFloatFloat32 {
				p, ok := d.(*float32)
				if !ok {
					return k
				}
				*p = x
			} else {
				p, ok := d.(*float64)
				if !ok {
					return k
				}
				*p = float64(x)
			}
		case opCharString:
			p, ok := d.(*string)
			if !ok || len(v) > 0 && v[0] == 0 {
				return k
			}
			*p = r.text.text(&r.dec, v)
		case opVarCharString:
			p, ok := d.(*string)
			if !ok || len(v) < 1 || len(v) == 2 && v[0] == 1 && v[1] == 0 {
				return k
			}
			*p = r.text.text(&r.dec, v[1:])
		case opTextString:
			p, ok := d.(*string)
			if !ok || len(v) < 5 || v[0] != 0 {
				return k
			}
			*p = r.text.text(&r.dec, v[5:])
		case opDecimal:
			p, ok := d.(*ifxtype.Decimal)
			if !ok || !ifxtype.DecodeDecimalInto(p, v, int(f.arg)) {
				return k
			}
		case opDate:
			p, ok := d.(*time.Time)
			if !ok || len(v) < 4 {
				return k
			}
			n := binary.BigEndian.Uint32(v)
			if n == 0x80000000 {
				return k
			}
			*p = ifxtype.DayNumberToDate(int32(n), r.dec.Location)
		case opDateTime:
			p, ok := d.(*time.Time)
			if !ok {
				return k
			}
			t, ok := ifxtype.FastDateTimeTime(v, int(f.arg), r.dec.Location)
			if !ok {
				return k
			}
			*p = t
		default: // unplanned, general
			return k
		}
	}
	return len(dest)
}
