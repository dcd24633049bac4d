package ifx

import (
	"strconv"
	"strings"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// Column describes one column of a result set, from the server's
// SQ_DESCRIBE.
type Column struct {
	// Name is the column name, or the label the server made up for an
	// expression, such as "(count(*))".
	Name string
	// TypeName is the Informix type as it would be declared:
	// "DECIMAL(12,2)", "DATETIME YEAR TO SECOND", "VARCHAR(20)".
	TypeName string
	// Type is the base type code (without the NOT NULL flag). BOOLEAN,
	// LVARCHAR and other opaque types are TypeUDTFixed/TypeUDTVar with
	// ExtendedName telling which.
	Type sqli.TypeCode
	// ExtendedName names the extended type ("boolean", "lvarchar", "blob").
	ExtendedName string
	// Length is the declared length in bytes for character types, the
	// maximum for VARCHAR and LVARCHAR, the wire width otherwise.
	Length int
	// Precision and Scale of DECIMAL and MONEY (Scale is -1 for a
	// floating DECIMAL(p)); Precision is the number of digits of a
	// DATETIME or INTERVAL.
	Precision, Scale int
	// Qualifier of a DATETIME or INTERVAL column.
	Qualifier ifxtype.Qualifier
	// Nullable is false for NOT NULL columns.
	Nullable bool
}

// colKind says how a column's value is laid out and decoded.
type colKind uint8

const (
	kUnsupported colKind = iota
	kChar                // CHAR, NCHAR: fixed width, blank padded
	kVarChar             // VARCHAR, NVARCHAR: u8 length + bytes
	kSmallInt
	kInt
	kBigInt
	kInt8 // 10-byte INT8, SERIAL8
	kFloat
	kSmallFloat
	kDecimal
	kDate
	kDateTime
	kIntervalDF
	kIntervalYM
	kBool     // opaque wrapper around one byte
	kText     // LVARCHAR, JSON, ROW and collections: opaque wrapper around text
	kOpaque   // other opaque types: wrapper around bytes
	kBlobDesc // BYTE/TEXT descriptor (contents not fetched)
)

// colInfo is the decoding plan of one column.
type colInfo struct {
	kind  colKind
	width int // bytes of a fixed-width value; 0 when length-prefixed (or CHAR(0))
	prec  int
	scale int // -1 for floating DECIMAL
	qual  ifxtype.Qualifier
	desc  sqli.ColumnDesc
	// dtFast: a DATETIME YEAR TO x that fastDateTime decodes, whose
	// lowest digit lies at 10^dtLow.
	dtFast bool
	dtLow  int
	// comp: the type of a ROW or collection column, parsed from its
	// extended name (rows_composite.go); nil when it did not parse.
	comp *ifxtype.CompositeType
}

// planColumns turns a DESCRIBE into decoding plans and public columns.
func planColumns(d *sqli.Describe, f sqli.Features) ([]colInfo, []Column) {
	infos := make([]colInfo, len(d.Columns))
	cols := make([]Column, len(d.Columns))
	for i, cd := range d.Columns {
		ci := colInfo{desc: cd}
		base := cd.Type.Base()
		el := int(cd.EncodedLength)
		col := Column{Name: cd.Name, Type: base, ExtendedName: cd.ExtendedName, Nullable: cd.Type.Nullable(), Length: el}
		switch base {
		case sqli.TypeChar, sqli.TypeNChar:
			ci.kind, ci.width = kChar, el
			col.TypeName = base.String() + "(" + strconv.Itoa(el) + ")"
		case sqli.TypeVarChar, sqli.TypeNVarChar:
			ci.kind = kVarChar
			maxLen, reserve := el&0xff, el>>8&0xff
			col.Length = maxLen
			col.TypeName = base.String() + "(" + strconv.Itoa(maxLen)
			if reserve > 0 {
				col.TypeName += "," + strconv.Itoa(reserve)
			}
			col.TypeName += ")"
		case sqli.TypeSmallInt:
			ci.kind, ci.width = kSmallInt, 2
		case sqli.TypeInt, sqli.TypeSerial:
			ci.kind, ci.width = kInt, 4
		case sqli.TypeBigInt, sqli.TypeBigSerial:
			ci.kind, ci.width = kBigInt, 8
		case sqli.TypeInt8, sqli.TypeSerial8, sqli.TypeRefSerial8:
			ci.kind, ci.width = kInt8, 10
		case sqli.TypeFloat:
			ci.kind, ci.width = kFloat, 8
		case sqli.TypeSmallFloat:
			ci.kind, ci.width = kSmallFloat, 4
		case sqli.TypeDate:
			ci.kind, ci.width = kDate, 4
		case sqli.TypeDecimal, sqli.TypeMoney:
			ci.kind = kDecimal
			p, s := el>>8&0xff, el&0xff
			ci.width = (p + (s & 1) + 3) / 2
			ci.prec, ci.scale = p, s
			col.Precision, col.Scale = p, s
			if s == ifxtype.DecimalFloatingScale {
				ci.width = floatingDecimalWidth(d, i, p)
				ci.scale, col.Scale = -1, -1
				col.TypeName = base.String() + "(" + strconv.Itoa(p) + ")"
			} else {
				col.TypeName = base.String() + "(" + strconv.Itoa(p) + "," + strconv.Itoa(s) + ")"
			}
			col.Length = ci.width
		case sqli.TypeDateTime, sqli.TypeInterval:
			q := ifxtype.Qualifier(uint16(el))
			ci.qual, col.Qualifier = q, q
			ci.width = q.WireLen()
			col.Precision, col.Length = q.Digits(), ci.width
			if base == sqli.TypeDateTime {
				ci.kind = kDateTime
				ci.dtLow, ci.dtFast = dateTimeLow(q)
				col.TypeName = "DATETIME " + q.String()
			} else {
				ci.kind = kIntervalDF
				if q.IsYearMonth() {
					ci.kind = kIntervalYM
				}
				col.TypeName = "INTERVAL " + q.IntervalString()
			}
			if ci.width == 0 {
				ci.kind = kUnsupported
			}
		case sqli.TypeByte, sqli.TypeText:
			ci.kind, ci.width = kBlobDesc, 56
			if f.LongRowID() {
				ci.width = 68
			}
		case sqli.TypeBool:
			ci.kind = kBool
		case sqli.TypeUDTVar, sqli.TypeUDTFixed, sqli.TypeLVarChar, sqli.TypeSendRecv:
			x := strings.ToLower(cd.ExtendedName)
			switch {
			case cd.ExtendedID == sqli.XIDBoolean || x == "boolean":
				ci.kind = kBool
				col.TypeName = "BOOLEAN"
			case base == sqli.TypeLVarChar || cd.ExtendedID == sqli.XIDLVarChar || x == "lvarchar" || x == "json":
				ci.kind = kText
				col.TypeName = "LVARCHAR(" + strconv.Itoa(el) + ")"
				if x == "json" {
					col.TypeName = "JSON"
				}
			default:
				ci.kind = kOpaque
				if x == "" {
					x = base.String()
				}
				col.TypeName = strings.ToUpper(x)
			}
		case sqli.TypeSet, sqli.TypeMultiset, sqli.TypeList, sqli.TypeRow, sqli.TypeCollection:
			ci.kind = kText
			planComposite(&ci, &col, cd)
		default:
			ci.kind = kUnsupported
		}
		if col.TypeName == "" {
			col.TypeName = base.String()
			if base == sqli.TypeBool {
				col.TypeName = "BOOLEAN"
			}
		}
		infos[i], cols[i] = ci, col
	}
	return infos, cols
}

// floatingDecimalWidth returns the width of a floating DECIMAL(p) column:
// DECLEN with the odd scale 0xFF, (p+4)/2, which informix-driver verified on
// real servers' tuples (docs/PROTOCOL.md). A server whose start positions
// say (p+3)/2 (sqltypes.h's DECIMAL(16) of 9 bytes) is believed.
func floatingDecimalWidth(d *sqli.Describe, i, p int) int {
	lo, hi := (p+3)/2, ifxtype.DecimalWireLen(p, ifxtype.DecimalFloatingScale)
	end := int(d.TupleSize)
	if i+1 < len(d.Columns) {
		end = int(d.Columns[i+1].StartPos)
	}
	if w := end - int(d.Columns[i].StartPos); w == lo || w == hi {
		return w
	}
	return hi
}

// wrapped reports the opaque-type layout: u8 indicator, i32 length, bytes.
func (ci *colInfo) wrapped() bool {
	switch ci.kind {
	case kBool, kText, kOpaque:
		return true
	}
	return false
}
