package ifxtype

import (
	"strconv"
	"strings"

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
	Qualifier Qualifier
	// Nullable is false for NOT NULL columns.
	Nullable bool
}

// ColumnKind says how a column's value is laid out and decoded.
type ColumnKind uint8

const (
	ColUnsupported ColumnKind = iota
	ColChar                   // CHAR, NCHAR: fixed width, blank padded
	ColVarChar                // VARCHAR, NVARCHAR: u8 length + bytes
	ColSmallInt
	ColInt
	ColBigInt
	ColInt8 // 10-byte INT8, SERIAL8
	ColFloat
	ColSmallFloat
	ColDecimal
	ColDate
	ColDateTime
	ColIntervalDF
	ColIntervalYM
	ColBool     // opaque wrapper around one byte
	ColText     // LVARCHAR, JSON, ROW and collections: opaque wrapper around text
	ColOpaque   // other opaque types: wrapper around bytes
	ColBlobDesc // BYTE/TEXT descriptor (contents not fetched)
)

// ColumnPlan is the decoding plan of one column.
type ColumnPlan struct {
	Kind  ColumnKind
	Width int // bytes of a fixed-width value; 0 when length-prefixed (or CHAR(0))
	Prec  int
	Scale int // -1 for floating DECIMAL
	Qual  Qualifier
	Desc  sqli.ColumnDesc
	// DTFast: a DATETIME YEAR TO x that fastDateTime decodes, whose
	// lowest digit lies at 10^DTLow.
	DTFast bool
	DTLow  int
	// Comp: the type of a ROW or collection column, parsed from its
	// extended name (planComposite); nil when it did not parse.
	Comp *CompositeType
	// TypeName is the column's Column.TypeName, for error messages.
	TypeName string
}

// sizedTypeName prints a character or decimal type with the sizes its
// encoded length holds, as IDS names it: CHAR(n); VARCHAR(max[,reserve])
// (max + 256*reserve); DECIMAL(p[,s]) (256*p + s, 255 for a floating
// scale). Other types print their name alone.
func sizedTypeName(base sqli.TypeCode, el int) string {
	switch base {
	case sqli.TypeChar, sqli.TypeNChar:
		return base.String() + "(" + strconv.Itoa(el) + ")"
	case sqli.TypeVarChar, sqli.TypeNVarChar:
		s := base.String() + "(" + strconv.Itoa(el&0xff)
		if r := el >> 8 & 0xff; r > 0 {
			s += "," + strconv.Itoa(r)
		}
		return s + ")"
	case sqli.TypeDecimal, sqli.TypeMoney:
		p, sc := el>>8&0xff, el&0xff
		if sc == DecimalFloatingScale {
			return base.String() + "(" + strconv.Itoa(p) + ")"
		}
		return base.String() + "(" + strconv.Itoa(p) + "," + strconv.Itoa(sc) + ")"
	}
	return base.String()
}

// PlanColumns turns a DESCRIBE into decoding plans and public columns.
func PlanColumns(d *sqli.Describe, f sqli.Features) ([]ColumnPlan, []Column) {
	infos := make([]ColumnPlan, len(d.Columns))
	cols := make([]Column, len(d.Columns))
	for i, cd := range d.Columns {
		ci := ColumnPlan{Desc: cd}
		base := cd.Type.Base()
		el := int(cd.EncodedLength)
		col := Column{Name: cd.Name, Type: base, ExtendedName: cd.ExtendedName, Nullable: cd.Type.Nullable(), Length: el}
		switch base {
		case sqli.TypeChar, sqli.TypeNChar:
			ci.Kind, ci.Width = ColChar, el
			col.TypeName = sizedTypeName(base, el)
		case sqli.TypeVarChar, sqli.TypeNVarChar:
			ci.Kind = ColVarChar
			maxLen := el & 0xff
			col.Length = maxLen
			col.TypeName = sizedTypeName(base, el)
		case sqli.TypeSmallInt:
			ci.Kind, ci.Width = ColSmallInt, 2
		case sqli.TypeInt, sqli.TypeSerial:
			ci.Kind, ci.Width = ColInt, 4
		case sqli.TypeBigInt, sqli.TypeBigSerial:
			ci.Kind, ci.Width = ColBigInt, 8
		case sqli.TypeInt8, sqli.TypeSerial8, sqli.TypeRefSerial8:
			ci.Kind, ci.Width = ColInt8, 10
		case sqli.TypeFloat:
			ci.Kind, ci.Width = ColFloat, 8
		case sqli.TypeSmallFloat:
			ci.Kind, ci.Width = ColSmallFloat, 4
		case sqli.TypeDate:
			ci.Kind, ci.Width = ColDate, 4
		case sqli.TypeDecimal, sqli.TypeMoney:
			ci.Kind = ColDecimal
			p, s := el>>8&0xff, el&0xff
			ci.Width = (p + (s & 1) + 3) / 2
			ci.Prec, ci.Scale = p, s
			col.Precision, col.Scale = p, s
			if s == DecimalFloatingScale {
				ci.Width = floatingDecimalWidth(d, i, p)
				ci.Scale, col.Scale = -1, -1
			}
			col.TypeName = sizedTypeName(base, el)
			col.Length = ci.Width
		case sqli.TypeDateTime, sqli.TypeInterval:
			q := Qualifier(uint16(el))
			ci.Qual, col.Qualifier = q, q
			ci.Width = q.WireLen()
			col.Precision, col.Length = q.Digits(), ci.Width
			if base == sqli.TypeDateTime {
				ci.Kind = ColDateTime
				ci.DTLow, ci.DTFast = dateTimeLow(q)
				col.TypeName = "DATETIME " + q.String()
			} else {
				ci.Kind = ColIntervalDF
				if q.IsYearMonth() {
					ci.Kind = ColIntervalYM
				}
				col.TypeName = "INTERVAL " + q.IntervalString()
			}
			if ci.Width == 0 {
				ci.Kind = ColUnsupported
			}
		case sqli.TypeByte, sqli.TypeText:
			ci.Kind, ci.Width = ColBlobDesc, 56
			if f.LongRowID() {
				ci.Width = 68
			}
		case sqli.TypeBool:
			ci.Kind = ColBool
		case sqli.TypeUDTVar, sqli.TypeUDTFixed, sqli.TypeLVarChar, sqli.TypeSendRecv:
			x := strings.ToLower(cd.ExtendedName)
			switch {
			case cd.ExtendedID == sqli.XIDBoolean || x == "boolean":
				ci.Kind = ColBool
				col.TypeName = "BOOLEAN"
			case base == sqli.TypeLVarChar || cd.ExtendedID == sqli.XIDLVarChar || x == "lvarchar" || x == "json":
				ci.Kind = ColText
				col.TypeName = "LVARCHAR(" + strconv.Itoa(el) + ")"
				if x == "json" {
					col.TypeName = "JSON"
				}
			default:
				ci.Kind = ColOpaque
				if x == "" {
					x = base.String()
				}
				col.TypeName = strings.ToUpper(x)
			}
		case sqli.TypeSet, sqli.TypeMultiset, sqli.TypeList, sqli.TypeRow, sqli.TypeCollection:
			ci.Kind = ColText
			planComposite(&ci, &col, cd)
		default:
			ci.Kind = ColUnsupported
		}
		if col.TypeName == "" {
			col.TypeName = base.String()
			if base == sqli.TypeBool {
				col.TypeName = "BOOLEAN"
			}
		}
		ci.TypeName = col.TypeName
		infos[i], cols[i] = ci, col
	}
	return infos, cols
}

// floatingDecimalWidth returns the width of a floating DECIMAL(p) column:
// DECLEN with the odd scale 0xFF, (p+4)/2, which informix-driver verified on
// real servers' tuples (docs/PROTOCOL.md). A server whose start positions
// say (p+3)/2 (sqltypes.h's DECIMAL(16) of 9 bytes) is believed.
func floatingDecimalWidth(d *sqli.Describe, i, p int) int {
	lo, hi := (p+3)/2, DecimalWireLen(p, DecimalFloatingScale)
	end := int(d.TupleSize)
	if i+1 < len(d.Columns) {
		end = int(d.Columns[i+1].StartPos)
	}
	if w := end - int(d.Columns[i].StartPos); w == lo || w == hi {
		return w
	}
	return hi
}

// Wrapped reports the opaque-type layout: u8 indicator, i32 length, bytes.
func (ci *ColumnPlan) Wrapped() bool {
	switch ci.Kind {
	case ColBool, ColText, ColOpaque:
		return true
	}
	return false
}

// planComposite parses a composite column's type from its extended name.
// A name that does not parse leaves the column readable as text only.
func planComposite(ci *ColumnPlan, col *Column, cd sqli.ColumnDesc) {
	if ct, err := ParseCompositeType(cd.ExtendedName); err == nil && ct.Kind != KindScalar {
		ci.Comp = ct
	}
	col.TypeName = strings.ToUpper(cd.ExtendedName)
	if col.TypeName == "" {
		col.TypeName = cd.Type.Base().String()
	}
}
