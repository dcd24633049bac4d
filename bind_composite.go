package ifx

import "github.com/ifxgo/ifx/sqli"

// Composite arguments (a slice other than []byte, a struct, ifxtype.Row,
// or the ifxtype.Set/Multiset/List wrappers, which are driver.Valuers)
// bind as their literal text in a character value, which IDS casts to
// the column's collection or ROW type as it does a quoted collection
// literal (docs/PROTOCOL.md, "Composite types"). A bare slice is written
// as a LIST; the wrappers say the kind.

// bindComposite binds a composite argument's text, or NULL.
func (c *Conn) bindComposite(buf []byte, bv *sqli.BindValue, text string, null bool, err error) ([]byte, error) {
	if err != nil {
		return buf, err
	}
	if null {
		bv.Type, bv.Indicator = sqli.TypeChar, sqli.IndicatorNull
		return buf, nil
	}
	return c.bindString(buf, bv, text)
}
