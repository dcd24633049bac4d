package ifxtest

import (
	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// appendGeneratedKeys answers an INSERT prepared with SQ_SGKPREPARE (JDBC's
// RETURN_GENERATED_KEYS) with SQ_SGKDESCRIBE of the table's serial columns
// and SQ_SGKTUPLE of the values this execution generated, before its
// SQ_DONE (docs/PROTOCOL.md, "Generated keys").
func (c *conn) appendGeneratedKeys(st *stmt, res engine.Result) error {
	cols, vals := st.es.GeneratedKeys(res)
	if len(cols) == 0 {
		return nil
	}
	d := &sqli.SGKDescribe{Describe: sqli.Describe{StmtType: int16(st.es.Type), StmtID: st.id, Cost: 1}}
	var row []byte
	pos := int32(0)
	for i, col := range cols {
		d.Columns = append(d.Columns, sqli.ColumnDesc{
			StartPos:      pos,
			Type:          sqli.TypeCode(col.Type),
			EncodedLength: col.Length,
			Name:          c.cs.encodeString(col.Name),
		})
		pos += int32(wireWidth(col))
		var err error
		if row, err = c.appendValue(row, col, vals[i]); err != nil {
			return err
		}
	}
	d.TupleSize = pos
	c.out = d.Encode(c.out, c.feat)
	c.out = (&sqli.SGKTuple{Tuple: sqli.Tuple{Data: row}}).Encode(c.out, c.feat)
	return nil
}
