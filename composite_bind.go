package ifx

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"strings"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// bindCompositeArg binds a composite argument as IBM JDBC binds the
// equivalent Java value (docs/PROTOCOL.md, "ifx's SQ_BIND of
// composites"): a collection as type 44 in IDS's binary form with the
// type name JDBC makes ("list (  int  not null) "); a named ROW (a Row
// with a TypeName, an ifxtype.RowTypeNamer) as type 44 in the binary
// form of the type's tree (rowtype.go); a nil one as NULL; one without a
// binary form (an unnamed ROW) as its text.
func (c *Conn) bindCompositeArg(buf []byte, bv *sqli.BindValue, a any) ([]byte, error) {
	if rv := reflect.ValueOf(a); (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Pointer) && rv.IsNil() {
		bv.Type, bv.Indicator = sqli.TypeChar, sqli.IndicatorNull
		return buf, nil
	}
	if name := ifxtype.RowTypeName(a); name != "" {
		return c.bindNamedRow(buf, bv, name, a)
	}
	if name, tree, ok := ifxtype.CollectionTree(a); ok {
		return c.bindBinary(buf, bv, name, tree, a)
	}
	text, null, _, err := ifxtype.CompositeText(a)
	return c.bindComposite(buf, bv, text, null, err)
}

// bindBinary binds v as type 44: i32 length and the value in the binary
// form of tree, owner empty and the type name given, as JDBC does.
func (c *Conn) bindBinary(buf []byte, bv *sqli.BindValue, name string, tree *ifxtype.TypeNode, v any) ([]byte, error) {
	start := len(buf)
	opts := ifxtype.BinaryOptions{EncodeString: c.appendElementString, Location: c.cfg.TimeLocation}
	buf, err := ifxtype.AppendCompositeBinary(append(buf, 0, 0, 0, 0), tree, func(b []byte) ([]byte, error) {
		return ifxtype.AppendCompositeData(b, tree, v, &opts)
	})
	if err != nil {
		return buf[:start], err
	}
	n := len(buf) - start - 4
	if err := sqli.CheckField("composite value", n, sqli.MaxInt32Field); err != nil {
		return buf[:start], err
	}
	binary.BigEndian.PutUint32(buf[start:], uint32(n))
	bv.Type, bv.Owner, bv.TypeName, bv.Prec = sqli.TypeSendRecv, "", name, 0
	return buf, nil
}

// appendElementString appends a string element or field in the client
// code set, refusing a NUL byte as a string argument is (ErrNULInString).
func (c *Conn) appendElementString(dst []byte, s string) ([]byte, error) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return dst, fmt.Errorf("a NUL byte at offset %d: %w", i, ErrNULInString)
	}
	return c.codec.AppendEncoded(dst, s)
}
