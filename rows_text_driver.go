package ifx

import (
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/adapter"
)

// rowText is adapter.RowText: package stdlib's Rows.Next (database/sql
// before Go 1.27) stores a string per character or DECIMAL column, and
// cutting it from the Rows' textArena, as Scan does, spares an
// allocation per value. The result equals ColumnDecoder.DriverValue's
// (its Text); anything that could differ is declined.
func rowText(rows any, i int) (string, bool) {
	r, ok := rows.(*Rows)
	if !ok || !r.haveRow || r.closed || r.blob != nil || uint(i) >= uint(len(r.vals)) || i >= len(r.cols) {
		return "", false
	}
	ci := &r.cols[i]
	v := r.vals[i]
	if ci.Comp != nil || ci.IsLO() || ci.IsNull(v) {
		return "", false
	}
	switch ci.Kind {
	case ifxtype.ColChar, ifxtype.ColVarChar, ifxtype.ColText:
		return r.text.text(&r.dec, ci.Payload(v)), true
	case ifxtype.ColDecimal:
		d, err := r.dec.Decimal(ci, v)
		if err != nil {
			return "", false
		}
		// Formatted into the free end of the arena's block, where text
		// then copies it onto itself (ASCII is the same in every code
		// set): a buffer on the stack would escape through AppendText,
		// an allocation per value. Bytes past the block's length belong
		// to no string yet. Without room, append takes a new array and
		// text a new block.
		free := r.text.buf[len(r.text.buf):]
		b, _ := d.AppendText(free)
		return r.text.text(&r.dec, b), true
	}
	return "", false
}

func init() { adapter.RowText = rowText }
