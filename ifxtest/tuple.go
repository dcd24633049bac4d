package ifxtest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// describe builds the SQ_DESCRIBE of a statement: its columns with their
// start positions in a fixed layout and the largest tuple they make.
func (st *stmt) describe(c *conn) *sqli.Describe {
	d := &sqli.Describe{StmtType: int16(st.es.Type), StmtID: st.id, Cost: 1}
	pos := int32(0)
	for _, col := range st.es.Columns {
		cd := sqli.ColumnDesc{
			StartPos:      pos,
			Type:          sqli.TypeCode(col.Type),
			ExtendedID:    col.ExtendedID,
			ExtendedName:  col.ExtendedName,
			EncodedLength: col.Length,
			Name:          c.cs.encodeString(col.Name),
		}
		width := wireWidth(col)
		if isBlobType(col.Type) {
			// The descriptor widens with feature 70, as the clients
			// expect (IBM's JDBC driver then sends 68 bytes back).
			width = sqli.BlobDescriptorLen(c.feat)
			cd.EncodedLength = int32(width)
		}
		if col.ExtendedName != "" {
			cd.ExtendedOwner = "informix"
		}
		d.Columns = append(d.Columns, cd)
		pos += int32(width)
	}
	d.TupleSize = pos
	return d
}

// describeInput answers SQ_CIDESCRIBE with the parameters' types.
func (st *stmt) describeInput() *sqli.IDescribe {
	d := &sqli.IDescribe{}
	for _, p := range st.es.Params {
		pd := sqli.ParamDesc{Type: sqli.TypeCode(p.Type), ExtendedID: p.ExtendedID, ExtendedName: p.ExtendedName, EncodedLength: p.Length}
		if p.ExtendedName != "" {
			pd.ExtendedOwner = "informix"
		}
		d.Params = append(d.Params, pd)
	}
	return d
}

// wireWidth is the most bytes a column's value takes in a tuple.
func wireWidth(col engine.Column) int {
	switch sqli.TypeCode(col.Type).Base() {
	case sqli.TypeChar, sqli.TypeNChar:
		return int(col.Length)
	case sqli.TypeVarChar, sqli.TypeNVarChar:
		return int(col.Length&0xff) + 1
	case sqli.TypeSmallInt:
		return 2
	case sqli.TypeInt, sqli.TypeSerial, sqli.TypeDate, sqli.TypeSmallFloat:
		return 4
	case sqli.TypeFloat, sqli.TypeBigInt, sqli.TypeBigSerial:
		return 8
	case sqli.TypeInt8, sqli.TypeSerial8:
		return 10
	case sqli.TypeDecimal, sqli.TypeMoney:
		p, s := ifxtype.SplitDecimalLength(uint16(col.Length))
		return ifxtype.DecimalWireLen(p, s)
	case sqli.TypeDateTime, sqli.TypeInterval:
		return ifxtype.Qualifier(col.Length).WireLen()
	}
	return 5 + int(col.Length)
}

// encodeRow lays a row out in the packed tuple layout.
func (c *conn) encodeRow(st *stmt, row []engine.Value) ([]byte, error) {
	cols := st.es.Columns
	if len(row) != len(cols) {
		return nil, fmt.Errorf("ifxtest: row of %d values for %d columns", len(row), len(cols))
	}
	b := c.rowBuf[:0]
	var err error
	for i := range cols {
		// A pointer: copying the Column for every value of every row
		// showed in the fetch profile.
		col := &cols[i]
		// The column's flag first: it is rarely set, and the type
		// assertion cost more than the check for every value.
		if i < len(st.boolByte) && st.boolByte[i] {
			if bv, ok := row[i].(bool); ok {
				x := byte(0)
				if bv {
					x = 1
				}
				b = append(b, 0, 0, 0, 0, 1, x)
				continue
			}
		}
		if isBlobType(col.Type) {
			b = c.appendBlobDescriptor(b, st, row[i])
			continue
		}
		if i < len(st.loBinary) && st.loBinary[i] && isLocatorColumn(col.ExtendedID) {
			b, err = appendLocatorBinary(b, row[i])
		} else if i < len(st.loBinary) && st.loBinary[i] && isCompositeColumn(*col) {
			b, err = c.appendCompositeColumn(b, st, *col, row[i])
		} else {
			b, err = c.appendColumnValue(b, col, row[i])
		}
		if err != nil {
			var ee *engine.Error
			if errors.As(err, &ee) {
				return nil, ee
			}
			return nil, &engine.Error{SQLCode: -1213, Message: fmt.Sprintf("column %s: %v", col.Name, err)}
		}
	}
	c.rowBuf = b
	return b, nil
}

// appendValue appends one value in its tuple form (docs/PROTOCOL.md, note N3).
func (c *conn) appendValue(b []byte, col engine.Column, v engine.Value) ([]byte, error) {
	return c.appendColumnValue(b, &col, v)
}

// appendColumnValue is appendValue for the column at col, which encodeRow
// passes without copying it for every value of every row.
func (c *conn) appendColumnValue(b []byte, col *engine.Column, v engine.Value) ([]byte, error) {
	t := sqli.TypeCode(col.Type).Base()
	null := v == nil
	switch t {
	case sqli.TypeChar, sqli.TypeNChar:
		n := int(col.Length)
		if null {
			// Open question: no capture shows a NULL CHAR in a tuple; this
			// is the on-disk form (a leading 00, then blanks).
			b = append(b, 0)
			return appendBlanks(b, n-1), nil
		}
		s := c.fitEncoded(c.cs.encodeString(toString(v)), n)
		b = append(b, s...)
		return appendBlanks(b, n-len(s)), nil
	case sqli.TypeVarChar, sqli.TypeNVarChar:
		if null {
			return append(b, 1, 0), nil
		}
		s := c.fitEncoded(c.cs.encodeString(toString(v)), int(col.Length&0xff))
		b = append(b, byte(len(s)))
		return append(b, s...), nil
	case sqli.TypeSmallInt:
		if null {
			return sqli.AppendInt16(b, math.MinInt16), nil
		}
		n, err := toInt(v)
		if err == nil && (n <= math.MinInt16 || n > math.MaxInt16) {
			// Never wrap silently: Informix reports the overflow.
			return b, &engine.Error{SQLCode: -1214, Message: engine.MessageText(-1214, "")}
		}
		return sqli.AppendInt16(b, int16(n)), err
	case sqli.TypeInt, sqli.TypeSerial:
		if null {
			return sqli.AppendInt32(b, math.MinInt32), nil
		}
		n, err := toInt(v)
		if err == nil && (n <= math.MinInt32 || n > math.MaxInt32) {
			return b, &engine.Error{SQLCode: -1215, Message: engine.MessageText(-1215, "")}
		}
		return sqli.AppendInt32(b, int32(n)), err
	case sqli.TypeDate:
		if null {
			return sqli.AppendInt32(b, math.MinInt32), nil
		}
		n, err := toInt(v)
		return sqli.AppendInt32(b, int32(n)), err
	case sqli.TypeBigInt, sqli.TypeBigSerial:
		if null {
			return sqli.AppendInt64(b, math.MinInt64), nil
		}
		n, err := toInt(v)
		return sqli.AppendInt64(b, n), err
	case sqli.TypeInt8, sqli.TypeSerial8:
		if null {
			return sqli.AppendNullLongInt(b), nil
		}
		n, err := toInt(v)
		return sqli.AppendLongInt(b, n), err
	case sqli.TypeFloat:
		if null {
			return sqli.AppendInt64(b, -1), nil
		}
		f, err := toFloat(v)
		return binary.BigEndian.AppendUint64(b, math.Float64bits(f)), err
	case sqli.TypeSmallFloat:
		if null {
			return sqli.AppendInt32(b, -1), nil
		}
		f, err := toFloat(v)
		return binary.BigEndian.AppendUint32(b, math.Float32bits(float32(f))), err
	case sqli.TypeDecimal, sqli.TypeMoney:
		p, s := ifxtype.SplitDecimalLength(uint16(col.Length))
		if null {
			return ifxtype.AppendDecimalNullWire(b, p, s), nil
		}
		text := toString(v)
		if out, ok := appendDecimalText(b, text, p, s); ok {
			return out, nil
		}
		d, err := ifxtype.ParseDecimal(text)
		if err != nil {
			return b, err
		}
		return ifxtype.AppendDecimalWire(b, d, p, s)
	case sqli.TypeDateTime:
		q := ifxtype.Qualifier(col.Length)
		if null {
			return ifxtype.AppendDateTimeNullWire(b, q), nil
		}
		text := toString(v)
		if out, ok := appendDateTimeText(b, text, q); ok {
			return out, nil
		}
		dt, err := ifxtype.ParseDateTime(text, q)
		if err != nil {
			return b, err
		}
		return ifxtype.AppendDateTimeWire(b, dt), nil
	case sqli.TypeInterval:
		q := ifxtype.Qualifier(col.Length)
		if null {
			return ifxtype.AppendDateTimeNullWire(b, q), nil
		}
		if q.IsYearMonth() {
			iv, err := ifxtype.ParseIntervalYM(toString(v), q)
			if err != nil {
				return b, err
			}
			return ifxtype.AppendIntervalYMWire(b, iv)
		}
		iv, err := ifxtype.ParseIntervalDF(toString(v), q)
		if err != nil {
			return b, err
		}
		return ifxtype.AppendIntervalDFWire(b, iv)
	case sqli.TypeUDTFixed, sqli.TypeUDTVar, sqli.TypeLVarChar, sqli.TypeBool,
		sqli.TypeSet, sqli.TypeMultiset, sqli.TypeList, sqli.TypeRow, sqli.TypeCollection:
		// Opaque and composite types travel as indicator byte, i32 length,
		// bytes; a composite's bytes are its text form (docs/PROTOCOL.md).
		if null {
			return append(b, 1, 0, 0, 0, 0), nil
		}
		if col.ExtendedID == sqli.XIDBoolean || t == sqli.TypeBool {
			bv, ok := v.(bool)
			if !ok {
				return b, fmt.Errorf("boolean column holds %T", v)
			}
			// The value is the text form: informix-driver's live capture
			// shows 00 00000001 74 ('t'), not the 01/00 of the DataBlade docs.
			x := byte('f')
			if bv {
				x = 't'
			}
			return append(b, 0, 0, 0, 0, 1, x), nil
		}
		if isLocatorColumn(col.ExtendedID) {
			return appendLocator(b, v)
		}
		s := c.cs.encodeString(toString(v))
		b = append(b, 0)
		b = sqli.AppendInt32(b, int32(len(s)))
		return append(b, s...), nil
	}
	return b, fmt.Errorf("type %v is not supported by ifxtest", t)
}

// fitEncoded cuts an encoded string to the n bytes of a CHAR or VARCHAR
// on the wire, at a character boundary for a UTF-8 client (the engine
// counts Latin-1 characters as one byte, which in UTF-8 take two).
func (c *conn) fitEncoded(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if _, ok := c.cs.(utf8Charset); ok {
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	return s
}

func appendBlanks(b []byte, n int) []byte {
	for range n {
		b = append(b, ' ')
	}
	return b
}

func toString(v engine.Value) string {
	switch x := v.(type) {
	case string:
		return x
	case engine.Decimal:
		return string(x)
	case engine.DateTime:
		return string(x)
	case engine.Interval:
		return string(x)
	case []byte:
		return string(x)
	case bool:
		if x {
			return "t"
		}
		return "f"
	}
	return fmt.Sprint(v)
}

func toInt(v engine.Value) (int64, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case engine.Date:
		return int64(x), nil
	case float64:
		if x < math.MinInt64 || x >= math.MaxInt64 || math.IsNaN(x) {
			return 0, &engine.Error{SQLCode: -1215, Message: engine.MessageText(-1215, "")}
		}
		return int64(x), nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	}
	return 0, fmt.Errorf("integer column holds %T", v)
}

func toFloat(v engine.Value) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int64:
		return float64(x), nil
	case engine.Decimal:
		d, err := ifxtype.ParseDecimal(string(x))
		return d.Float64(), err
	}
	return 0, fmt.Errorf("float column holds %T", v)
}
