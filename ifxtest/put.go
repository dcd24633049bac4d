package ifxtest

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// Insert cursors (docs/PROTOCOL.md, "Insert cursors"), as IBM's JDBC
// driver uses them with IFX_USEPUT=1: SQ_OPEN of a prepared INSERT opens
// the cursor, SQ_PUT messages bring rows in the layout of the INSERT's
// DESCRIBE, and each is inserted as if bound and executed. A group that
// carried rows is answered with SQ_DONE counting the rows it inserted
// (after an SQ_ERR when one failed: the rest of the group is skipped).
// CLOSE or RELEASE ends the cursor; JDBC's COMMIT without a CLOSE
// leaves it open, and its next batch opens it again. The decoder below
// is the server's own: decode_test.go's stays apart on purpose, to check
// the tuple encoder independently.

// handlePut inserts the rows of one SQ_PUT.
func (c *conn) handlePut(st *stmt, m *sqli.Put) {
	c.putGroup = true
	if !st.putOpen {
		c.fail(&engine.Error{SQLCode: errCursorNotOpen})
		return
	}
	cols := st.es.Columns
	if len(cols) != len(st.es.Params) {
		c.srv.violation("conn %d: SQ_PUT into an INSERT whose %d columns are not its %d parameters", c.id, len(cols), len(st.es.Params))
		c.fail(&engine.Error{SQLCode: errUnsupported, Message: "SQ_PUT needs one parameter per column"})
		return
	}
	if c.refuseWrite(st) {
		return
	}
	ctx, done := c.stmtContext()
	defer done()
	for i := 0; i < int(m.N); i++ {
		args, err := c.decodePutRow(cols, m.Row(i))
		if err != nil {
			c.srv.violation("conn %d: SQ_PUT row %d: %v", c.id, i+1, err)
			c.fail(&engine.Error{SQLCode: -1213, Message: err.Error()})
			return
		}
		res, err := st.es.Exec(ctx, args)
		if err != nil {
			if !c.lostGathered(err) {
				c.fail(err)
			}
			return
		}
		c.putRows += res.RowsAffected
	}
}

// endPutGroup answers a group that carried SQ_PUT rows.
func (c *conn) endPutGroup() {
	if c.putGroup {
		c.appendDone(0, c.putRows, 0)
	}
	c.putGroup, c.putRows = false, 0
}

// decodePutRow reads one row in tuple layout into engine values, the
// forms bindValue gives the same values.
func (c *conn) decodePutRow(cols []engine.Column, row []byte) ([]engine.Value, error) {
	args := make([]engine.Value, len(cols))
	off := 0
	for i, col := range cols {
		v, n, err := c.decodeTupleValue(col, row[off:])
		if err != nil {
			return nil, fmt.Errorf("column %d (%s): %w", i+1, col.Name, err)
		}
		args[i], off = v, off+n
	}
	if off > len(row) {
		return nil, fmt.Errorf("a row of %d bytes for columns of %d", len(row), off)
	}
	return args, nil
}

// decodeTupleValue decodes one value in the tuple layout that
// appendValue writes, returning it and its width.
func (c *conn) decodeTupleValue(col engine.Column, b []byte) (engine.Value, int, error) {
	t := sqli.TypeCode(col.Type).Base()
	need := func(n int) error {
		if len(b) < n {
			return fmt.Errorf("%d bytes for a %v of %d", len(b), t, n)
		}
		return nil
	}
	switch t {
	case sqli.TypeChar, sqli.TypeNChar:
		n := int(col.Length)
		if err := need(n); err != nil {
			return nil, 0, err
		}
		if n > 0 && b[0] == 0 {
			return nil, n, nil
		}
		return c.cs.decodeString(cString(b[:n])), n, nil
	case sqli.TypeVarChar, sqli.TypeNVarChar:
		if err := need(1); err != nil {
			return nil, 0, err
		}
		n := int(b[0])
		if err := need(1 + n); err != nil {
			return nil, 0, err
		}
		if n == 1 && b[1] == 0 {
			return nil, 2, nil
		}
		return c.cs.decodeString(cString(b[1 : 1+n])), 1 + n, nil
	case sqli.TypeSmallInt:
		if err := need(2); err != nil {
			return nil, 0, err
		}
		v := int16(binary.BigEndian.Uint16(b))
		if v == math.MinInt16 {
			return nil, 2, nil
		}
		return int64(v), 2, nil
	case sqli.TypeInt, sqli.TypeSerial, sqli.TypeDate:
		if err := need(4); err != nil {
			return nil, 0, err
		}
		v := int32(binary.BigEndian.Uint32(b))
		if v == math.MinInt32 {
			return nil, 4, nil
		}
		if t == sqli.TypeDate {
			return engine.Date(v), 4, nil
		}
		return int64(v), 4, nil
	case sqli.TypeBigInt, sqli.TypeBigSerial:
		if err := need(8); err != nil {
			return nil, 0, err
		}
		v := int64(binary.BigEndian.Uint64(b))
		if v == math.MinInt64 {
			return nil, 8, nil
		}
		return v, 8, nil
	case sqli.TypeInt8, sqli.TypeSerial8:
		if err := need(10); err != nil {
			return nil, 0, err
		}
		v, null, err := sqli.DecodeLongInt(b[:10])
		if null || err != nil {
			return nil, 10, err
		}
		return v, 10, nil
	case sqli.TypeFloat:
		if err := need(8); err != nil {
			return nil, 0, err
		}
		if binary.BigEndian.Uint64(b) == math.MaxUint64 {
			return nil, 8, nil
		}
		return math.Float64frombits(binary.BigEndian.Uint64(b)), 8, nil
	case sqli.TypeSmallFloat:
		if err := need(4); err != nil {
			return nil, 0, err
		}
		if binary.BigEndian.Uint32(b) == math.MaxUint32 {
			return nil, 4, nil
		}
		return float64(math.Float32frombits(binary.BigEndian.Uint32(b))), 4, nil
	case sqli.TypeDecimal, sqli.TypeMoney:
		n := wireWidth(col)
		if err := need(n); err != nil {
			return nil, 0, err
		}
		v, null, err := ifxtype.DecodeDecimalWire(b[:n])
		if null || err != nil {
			return nil, n, err
		}
		return engine.Decimal(v.String()), n, nil
	case sqli.TypeDateTime, sqli.TypeInterval:
		q := ifxtype.Qualifier(col.Length)
		n := q.WireLen()
		if err := need(n); err != nil {
			return nil, 0, err
		}
		switch {
		case t == sqli.TypeDateTime:
			v, null, err := ifxtype.DecodeDateTimeWire(b[:n], q)
			if null || err != nil {
				return nil, n, err
			}
			return engine.DateTime(v.String()), n, nil
		case q.IsYearMonth():
			v, null, err := ifxtype.DecodeIntervalYMWire(b[:n], q)
			if null || err != nil {
				return nil, n, err
			}
			return engine.Interval(v.String()), n, nil
		}
		v, null, err := ifxtype.DecodeIntervalDFWire(b[:n], q)
		if null || err != nil {
			return nil, n, err
		}
		return engine.Interval(v.String()), n, nil
	case sqli.TypeUDTFixed, sqli.TypeUDTVar, sqli.TypeLVarChar, sqli.TypeBool:
		// u8 indicator, i32 length, bytes.
		if err := need(5); err != nil {
			return nil, 0, err
		}
		n := int(int32(binary.BigEndian.Uint32(b[1:])))
		if n < 0 {
			return nil, 0, fmt.Errorf("length %d", n)
		}
		if err := need(5 + n); err != nil {
			return nil, 0, err
		}
		if b[0] != 0 {
			return nil, 5 + n, nil
		}
		payload := b[5 : 5+n]
		if col.ExtendedID == sqli.XIDBoolean || t == sqli.TypeBool {
			if n != 1 {
				return nil, 0, fmt.Errorf("boolean of %d bytes", n)
			}
			return payload[0] == 1 || payload[0] == 't', 5 + n, nil
		}
		return c.cs.decodeString(cString(payload)), 5 + n, nil
	}
	return nil, 0, fmt.Errorf("type %v cannot come through SQ_PUT in ifxtest", t)
}
