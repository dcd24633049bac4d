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

// scanFast stores a column's value v in dest by its planned op, and
// reports whether it did. It declines (false, dest untouched) for NULL, a
// destination of another type and any value it does not decode exactly
// as scanColumn.
func (r *Rows) scanFast(f fastCol, v []byte, dest any) bool {
	switch op := f.op; op {
	case opSmallIntInt16, opSmallIntInt32, opSmallIntInt64, opSmallIntInt:
		if len(v) < 2 {
			return false
		}
		u := binary.BigEndian.Uint16(v)
		if u == 0x8000 {
			return false
		}
		n := int16(u)
		switch op {
		case opSmallIntInt16:
			p, ok := dest.(*int16)
			if ok {
				*p = n
			}
			return ok
		case opSmallIntInt32:
			p, ok := dest.(*int32)
			if ok {
				*p = int32(n)
			}
			return ok
		case opSmallIntInt64:
			p, ok := dest.(*int64)
			if ok {
				*p = int64(n)
			}
			return ok
		default:
			p, ok := dest.(*int)
			if ok {
				*p = int(n)
			}
			return ok
		}
	case opIntInt32, opIntInt64, opIntInt:
		if len(v) < 4 {
			return false
		}
		u := binary.BigEndian.Uint32(v)
		if u == 0x80000000 {
			return false
		}
		n := int32(u)
		switch op {
		case opIntInt32:
			p, ok := dest.(*int32)
			if ok {
				*p = n
			}
			return ok
		case opIntInt64:
			p, ok := dest.(*int64)
			if ok {
				*p = int64(n)
			}
			return ok
		default:
			p, ok := dest.(*int)
			if ok {
				*p = int(n)
			}
			return ok
		}
	case opBigIntInt64, opBigIntInt:
		if len(v) < 8 {
			return false
		}
		u := binary.BigEndian.Uint64(v)
		if u == 1<<63 {
			return false
		}
		n := int64(u)
		if op == opBigIntInt {
			p, ok := dest.(*int)
			if !ok || int64(int(n)) != n {
				return false // the general path reports the overflow
			}
			*p = int(n)
			return true
		}
		p, ok := dest.(*int64)
		if ok {
			*p = n
		}
		return ok
	case opFloatFloat64:
		if len(v) < 8 {
			return false
		}
		u := binary.BigEndian.Uint64(v)
		p, ok := dest.(*float64)
		if !ok || u == math.MaxUint64 {
			return false
		}
		*p = math.Float64frombits(u)
		return true
	case opSmallFloatFloat32, opSmallFloatFloat64:
		if len(v) < 4 {
			return false
		}
		u := binary.BigEndian.Uint32(v)
		if u == math.MaxUint32 {
			return false
		}
		f := math.Float32frombits(u)
		if op == opSmallFloatFloat32 {
			p, ok := dest.(*float32)
			if ok {
				*p = f
			}
			return ok
		}
		p, ok := dest.(*float64)
		if ok {
			*p = float64(f)
		}
		return ok
	case opCharString, opVarCharString, opTextString:
		p, ok := dest.(*string)
		if !ok {
			return false
		}
		switch op {
		case opCharString:
			if len(v) > 0 && v[0] == 0 {
				return false
			}
		case opVarCharString:
			if len(v) < 1 || len(v) == 2 && v[0] == 1 && v[1] == 0 {
				return false
			}
			v = v[1:]
		default:
			if len(v) < 5 || v[0] != 0 {
				return false
			}
			v = v[5:]
		}
		*p = r.text.text(&r.dec, v)
		return true
	case opDecimal:
		p, ok := dest.(*ifxtype.Decimal)
		return ok && ifxtype.DecodeDecimalInto(p, v, int(f.arg))
	case opDate:
		p, ok := dest.(*time.Time)
		if !ok || len(v) < 4 {
			return false
		}
		n := binary.BigEndian.Uint32(v)
		if n == 0x80000000 {
			return false
		}
		*p = ifxtype.DayNumberToDate(int32(n), r.dec.Location)
		return true
	case opDateTime:
		p, ok := dest.(*time.Time)
		if !ok {
			return false
		}
		t, ok := ifxtype.FastDateTimeTime(v, int(f.arg), r.dec.Location)
		if ok {
			*p = t
		}
		return ok
	}
	return false
}
