package engine

import (
	"fmt"
	"strings"
)

// Informix type codes (sqltypes.h), the low byte of Column.Type.
const (
	TypeChar       = 0
	TypeSmallint   = 1
	TypeInteger    = 2
	TypeFloat      = 3
	TypeSmallfloat = 4
	TypeDecimal    = 5
	TypeSerial     = 6
	TypeDate       = 7
	TypeMoney      = 8
	TypeNull       = 9
	TypeDatetime   = 10
	TypeByte       = 11
	TypeText       = 12
	TypeVarchar    = 13
	TypeInterval   = 14
	TypeNchar      = 15
	TypeNvarchar   = 16
	TypeInt8       = 17
	TypeSerial8    = 18
	TypeUDTVar     = 40 // LVARCHAR columns (extended id 1)
	TypeUDTFixed   = 41 // BOOLEAN columns (extended id 5)
	TypeBigint     = 52
	TypeBigserial  = 53

	// FlagNotNull is OR-ed into Column.Type for NOT NULL columns.
	FlagNotNull = 0x100
)

// Datetime/interval qualifier field codes (datetime.h).
const (
	QYear     = 0
	QMonth    = 2
	QDay      = 4
	QHour     = 6
	QMinute   = 8
	QSecond   = 10
	QFraction = 11 // FRACTION(1); FRACTION(n) = 10+n
)

// Column describes a result column or a parameter as Informix reports it.
type Column struct {
	Name         string // lower-case column name or Informix label such as "(expression)"
	Type         int16  // type code | FlagNotNull
	Length       int32  // encoded_length (docs/PROTOCOL.md, note N2)
	ExtendedID   int32  // 5 for boolean, 1 for lvarchar, else 0
	ExtendedName string // "boolean", "lvarchar", else ""
	// Composite is a composite column's type text ("ROW(a integer, b
	// varchar(10))"), also for a named ROW type, whose ExtendedName is
	// its name: the server needs the structure for IDS's binary form.
	Composite string
}

// ifxType is the engine's internal type descriptor.
type ifxType struct {
	code    int
	notNull bool
	length  int32 // encoded length
	xid     int32
	xname   string
	comp    *compType // SET, MULTISET, LIST and ROW (composite_type.go)
}

func (t ifxType) column(name string) Column {
	c := Column{Name: name, Type: int16(t.code), Length: t.length, ExtendedID: t.xid, ExtendedName: t.xname}
	if t.notNull {
		c.Type |= FlagNotNull
	}
	if t.comp != nil {
		c.ExtendedName = compText(t.nullable())
		c.Composite = c.ExtendedName
		if t.xname != "" {
			c.Type |= FlagNamedRow
			c.ExtendedName = t.xname
		}
	}
	return c
}

func (t ifxType) nullable() ifxType { t.notNull = false; return t }

func typeFromCatalog(coltype, collength, xid int) ifxType {
	t := ifxType{code: coltype & 0xff, notNull: coltype&FlagNotNull != 0, length: int32(collength) & 0xffff, xid: int32(xid)}
	switch {
	case t.code == TypeUDTFixed && xid == 5:
		t.xname = "boolean"
	case t.code == TypeUDTFixed && xid == XIDBlob:
		t.xname = "blob"
	case t.code == TypeUDTFixed && xid == XIDClob:
		t.xname = "clob"
	case t.code == TypeUDTVar && xid == 1:
		t.xname = "lvarchar"
	}
	return t
}

func tSmallint() ifxType     { return ifxType{code: TypeSmallint, length: 2} }
func tInteger() ifxType      { return ifxType{code: TypeInteger, length: 4} }
func tBigint() ifxType       { return ifxType{code: TypeBigint, length: 8} }
func tInt8() ifxType         { return ifxType{code: TypeInt8, length: 10} }
func tFloat() ifxType        { return ifxType{code: TypeFloat, length: 8} }
func tSmallfloat() ifxType   { return ifxType{code: TypeSmallfloat, length: 4} }
func tDate() ifxType         { return ifxType{code: TypeDate, length: 4} }
func tBool() ifxType         { return ifxType{code: TypeUDTFixed, length: 1, xid: 5, xname: "boolean"} }
func tChar(n int) ifxType    { return ifxType{code: TypeChar, length: int32(n)} }
func tVarchar(n int) ifxType { return ifxType{code: TypeVarchar, length: int32(n)} }
func tLvarchar(n int) ifxType {
	return ifxType{code: TypeUDTVar, length: int32(n), xid: 1, xname: "lvarchar"}
}
func tDecimal(p, s int) ifxType { return ifxType{code: TypeDecimal, length: int32(p<<8 | s)} }
func tDatetime(s, e int) ifxType {
	return ifxType{code: TypeDatetime, length: int32(dtDigits(s, e)<<8 | s<<4 | e)}
}
func tInterval(s, e, lead int) ifxType {
	return ifxType{code: TypeInterval, length: int32((e-s+lead)<<8 | s<<4 | e)}
}

// dtDigits is the number of digits of a DATETIME qualifier.
func dtDigits(s, e int) int {
	if s == QYear {
		return e - s + 4
	}
	return e - s + 2
}

func (t ifxType) qualStart() int { return int(t.length>>4) & 0xf }
func (t ifxType) qualEnd() int   { return int(t.length) & 0xf }

// leadDigits is the number of digits of the first field of an INTERVAL.
func (t ifxType) leadDigits() int { return int(t.length>>8) - (t.qualEnd() - t.qualStart()) }

func (t ifxType) decPrec() int  { return int(t.length>>8) & 0xff }
func (t ifxType) decScale() int { return int(t.length) & 0xff }

func (t ifxType) isBool() bool { return t.code == TypeUDTFixed && t.xid == 5 }
func (t ifxType) isInt() bool {
	switch t.code {
	case TypeSmallint, TypeInteger, TypeSerial, TypeInt8, TypeSerial8, TypeBigint, TypeBigserial:
		return true
	}
	return false
}
func (t ifxType) isDecimal() bool { return t.code == TypeDecimal || t.code == TypeMoney }
func (t ifxType) isFloat() bool   { return t.code == TypeFloat || t.code == TypeSmallfloat }
func (t ifxType) isNumeric() bool { return t.isInt() || t.isDecimal() || t.isFloat() }
func (t ifxType) isChar() bool {
	switch t.code {
	case TypeChar, TypeNchar, TypeVarchar, TypeNvarchar, TypeText:
		return true
	case TypeUDTVar:
		return t.xid == 1
	}
	return false
}
func (t ifxType) isFixedChar() bool { return t.code == TypeChar || t.code == TypeNchar }
func (t ifxType) isSerial() bool {
	return t.code == TypeSerial || t.code == TypeSerial8 || t.code == TypeBigserial
}

// unserial maps SERIAL types to their plain integer counterparts.
func (t ifxType) unserial() ifxType {
	switch t.code {
	case TypeSerial:
		t.code = TypeInteger
	case TypeSerial8:
		t.code = TypeInt8
	case TypeBigserial:
		t.code = TypeBigint
	}
	return t
}

// maxChars returns the maximum character length of a character type.
func (t ifxType) maxChars() int {
	switch t.code {
	case TypeChar, TypeNchar:
		return int(t.length)
	case TypeVarchar, TypeNvarchar:
		return int(t.length & 0xff)
	case TypeUDTVar:
		return int(t.length)
	}
	return 0
}

// storageDecl is the SQLite column declaration used to store a type.
func (t ifxType) storageDecl() string {
	switch {
	case t.comp != nil:
		return "TEXT" // the value's IDS text form (composite_text.go)
	case t.isFixedChar():
		return "TEXT COLLATE RTRIM"
	case t.isChar():
		return "TEXT"
	case t.isInt(), t.code == TypeDate, t.code == TypeInterval, t.isBool():
		return "INT" // not INTEGER: "INTEGER PRIMARY KEY" would alias the rowid and turn NULL keys into new rowids
	case t.isDecimal(), t.isFloat(), t.code == TypeByte:
		// FLOAT too: SQLite writes integral values of a REAL column as
		// integers, which turns IDS's -0 (a C double) into +0.
		return "BLOB" // no affinity: values keep the storage class we choose
	case t.code == TypeDatetime:
		return "TEXT"
	}
	return "BLOB"
}

var qualNames = []string{"year", "", "month", "", "day", "", "hour", "", "minute", "", "second", "fraction", "fraction", "fraction", "fraction", "fraction"}

func qualName(q int) string {
	if q > QSecond {
		if q == 13 {
			return "fraction"
		}
		return fmt.Sprintf("fraction(%d)", q-10)
	}
	return qualNames[q]
}

// String renders the type in Informix DDL syntax.
func (t ifxType) String() string {
	var s string
	switch t.code {
	case TypeChar:
		s = fmt.Sprintf("char(%d)", t.length)
	case TypeNchar:
		s = fmt.Sprintf("nchar(%d)", t.length)
	case TypeSmallint:
		s = "smallint"
	case TypeInteger:
		s = "integer"
	case TypeFloat:
		s = "float"
	case TypeSmallfloat:
		s = "smallfloat"
	case TypeDecimal, TypeMoney:
		name := "decimal"
		if t.code == TypeMoney {
			name = "money"
		}
		if t.decScale() == 0xff {
			s = fmt.Sprintf("%s(%d)", name, t.decPrec())
		} else {
			s = fmt.Sprintf("%s(%d,%d)", name, t.decPrec(), t.decScale())
		}
	case TypeSerial:
		s = "serial"
	case TypeDate:
		s = "date"
	case TypeDatetime:
		s = "datetime " + qualName(t.qualStart()) + " to " + qualName(t.qualEnd())
	case TypeInterval:
		st := qualName(t.qualStart())
		if t.qualStart() <= QSecond {
			st += fmt.Sprintf("(%d)", t.leadDigits())
		}
		s = "interval " + st + " to " + qualName(t.qualEnd())
	case TypeVarchar, TypeNvarchar:
		n := "varchar"
		if t.code == TypeNvarchar {
			n = "nvarchar"
		}
		s = fmt.Sprintf("%s(%d,%d)", n, t.length&0xff, t.length>>8)
	case TypeInt8:
		s = "int8"
	case TypeSerial8:
		s = "serial8"
	case TypeBigint:
		s = "bigint"
	case TypeBigserial:
		s = "bigserial"
	case TypeByte:
		s = "byte"
	case TypeText:
		s = "text"
	case TypeUDTVar, TypeUDTFixed:
		s = t.xname
		if t.xid == 1 {
			s = fmt.Sprintf("lvarchar(%d)", t.length)
		}
	default:
		s = fmt.Sprintf("type%d", t.code)
		if t.comp != nil {
			s = compText(t.nullable())
		}
	}
	if t.notNull {
		s += " not null"
	}
	return strings.TrimSpace(s)
}
