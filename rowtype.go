package ifx

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// Named ROW types bind in IDS's binary form, which carries the type's
// tree. IBM JDBC reads the tree from the catalog before binding a named
// ROW, with these two statements (docs/PROTOCOL.md, "sysattrtypes");
// ifx runs the same, once per type and connection, and keeps the tree
// until the connection is reset or a statement binding the type fails
// on the server.
const (
	sqlXtdTypes = "select extended_id, mode, owner, name, type, source, length from informix.sysxtdtypes " +
		"where mode in ('R','B','D','C','T') and name like ?"
	sqlAttrTypes = "select extended_id, seqno, levelno, parent_no, fieldname, fieldno, type, length, xtd_type_id " +
		"from informix.sysattrtypes where extended_id = ? order by seqno"
	// maxXtdRows bounds the sysxtdtypes rows read for one name.
	maxXtdRows = 1000
)

// ErrRowTypeNotFound reports a named ROW type the catalog does not have.
var ErrRowTypeNotFound = errors.New("ifx: no such named ROW type")

// ErrRowTypeNotLoaded reports a named ROW argument bound where the driver
// cannot read the type's tree first (a Stmt, a Batch, a scroll cursor):
// call Conn.LoadRowType before.
var ErrRowTypeNotLoaded = errors.New("ifx: named ROW type not loaded (call Conn.LoadRowType first)")

// RowTypeError reports a named ROW type the driver could not read or
// use: Err is ErrRowTypeNotFound, ErrRowTypeNotLoaded, an
// ifxtype.ErrTypeTree for catalog rows that make no usable tree, or the
// catalog query's error.
type RowTypeError struct {
	TypeName string
	Err      error
}

func (e *RowTypeError) Error() string { return fmt.Sprintf("ifx: ROW type %q: %v", e.TypeName, e.Err) }

// Unwrap returns the cause.
func (e *RowTypeError) Unwrap() error { return e.Err }

// rowTypeCache holds the trees of the named ROW types this connection
// has read, by lower-case name.
type rowTypeCache map[string]*ifxtype.TypeNode

func rowTypeKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// LoadRowType reads the named ROW type name from the catalog (sysxtdtypes
// and sysattrtypes, as IBM JDBC does) and keeps its tree for this
// connection, replacing one read before. Exec and Query load the types
// of their arguments themselves; Stmt, Batch and QueryScroll bind only
// types loaded before. Names compare case-insensitively (IDS keeps
// undelimited names in lower case).
func (c *Conn) LoadRowType(ctx context.Context, name string) error {
	tree, err := c.readRowType(ctx, rowTypeKey(name))
	if err != nil {
		return &RowTypeError{TypeName: name, Err: err}
	}
	if c.rowTypes == nil {
		c.rowTypes = rowTypeCache{}
	}
	c.rowTypes[rowTypeKey(name)] = tree
	return nil
}

func (c *Conn) readRowType(ctx context.Context, name string) (*ifxtype.TypeNode, error) {
	rows, err := c.Query(ctx, sqlXtdTypes, name)
	if err != nil {
		return nil, err
	}
	var xid int64
	var owner string
	found := false
	for n := 0; rows.Next(); n++ {
		if n >= maxXtdRows {
			rows.Close()
			return nil, fmt.Errorf("%w: more than %d sysxtdtypes rows for one name", ifxtype.ErrTypeTree, maxXtdRows)
		}
		var id, skip1, skip2, skip3 any
		var mode, own, nm *string
		if err := rows.Scan(&id, &mode, &own, &nm, &skip1, &skip2, &skip3); err != nil {
			rows.Close()
			return nil, err
		}
		// "like" matches more than the name ('_', '%'): only the type
		// itself, mode R (a ROW type), counts.
		if found || mode == nil || nm == nil || strings.TrimSpace(*mode) != "R" || rowTypeKey(*nm) != name {
			continue
		}
		v, ok := catalogInt(id)
		if !ok || v <= 0 || v > math.MaxInt32 {
			rows.Close()
			return nil, fmt.Errorf("%w: extended_id %v", ifxtype.ErrTypeTree, id)
		}
		xid, found = v, true
		if own != nil {
			owner = strings.TrimSpace(*own)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !found {
		return nil, ErrRowTypeNotFound
	}
	tree, err := c.readAttrTypes(ctx, name, owner, xid)
	if err != nil {
		return nil, err
	}
	// A named ROW member's fields are under its own type's id: read
	// them as JDBC does (it looks the member's type up in turn).
	err = ifxtype.ResolveTree(tree, func(x int32) (*ifxtype.TypeNode, error) {
		return c.readAttrTypes(ctx, name, owner, int64(x))
	})
	return tree, err
}

// readAttrTypes reads the type's sysattrtypes rows, at most one more
// than a tree may have, and builds the tree from them.
func (c *Conn) readAttrTypes(ctx context.Context, name, owner string, xid int64) (*ifxtype.TypeNode, error) {
	rows, err := c.Query(ctx, sqlAttrTypes, xid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var attrs []ifxtype.AttrRow
	for rows.Next() {
		if len(attrs) > ifxtype.MaxTreeNodes {
			break // TreeFromAttrRows refuses the count
		}
		var v [8]any
		var fieldName *string
		if err := rows.Scan(&v[0], &v[1], &v[2], &v[3], &fieldName, &v[4], &v[5], &v[6], &v[7]); err != nil {
			return nil, err
		}
		var n [8]int64
		for i := 1; i < 8; i++ {
			x, ok := catalogInt(v[i])
			lim := int64(math.MaxInt16)
			if i == 7 {
				lim = math.MaxInt32
			}
			// type and length are unsigned 16-bit codes (0x1016, 0x800).
			if i == 5 || i == 6 {
				lim = math.MaxUint16
			}
			if !ok || x < -lim-1 || x > lim {
				return nil, fmt.Errorf("%w: type %q, sysattrtypes row %d: column %d holds %v", ifxtype.ErrTypeTree, name, len(attrs)+1, i+1, v[i])
			}
			n[i] = x
		}
		a := ifxtype.AttrRow{Seqno: int(n[1]), Levelno: int(n[2]), ParentNo: int(n[3]), FieldNo: int(n[4]),
			Type: int16(uint16(n[5])), Length: int16(uint16(n[6])), XID: int32(n[7])}
		if fieldName != nil {
			a.FieldName = strings.TrimSpace(*fieldName)
		}
		attrs = append(attrs, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return ifxtype.TreeFromAttrRows(attrs, name, owner)
}

// catalogInt reads an integer catalog column scanned into an any.
func catalogInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int32:
		return int64(x), true
	case int16:
		return int64(x), true
	case int:
		return int64(x), true
	}
	return 0, false
}

// loadRowTypes loads the named ROW types of args not yet loaded: the
// catalog round trips go before the statement's own.
func (c *Conn) loadRowTypes(ctx context.Context, args []any) error {
	for i, a := range args {
		name := ifxtype.RowTypeName(a)
		if name == "" {
			continue
		}
		if _, ok := c.rowTypes[rowTypeKey(name)]; ok {
			continue
		}
		if err := c.LoadRowType(ctx, name); err != nil {
			return &bindError{idx: i, err: err}
		}
	}
	return nil
}

// forgetRowTypes drops the trees of args' named ROW types after the
// server refused a statement that bound them, or a value did not fit a
// tree (ifxtype.ErrCompositeBinary: a field count or type that differs):
// the type may have changed since it was read (dropped and created
// again), and the next call reads it afresh.
func (c *Conn) forgetRowTypes(err error, args []any) {
	var se *Error
	if err == nil || len(c.rowTypes) == 0 || !(errors.As(err, &se) || errors.Is(err, ifxtype.ErrCompositeBinary)) {
		return
	}
	for _, a := range args {
		if name := ifxtype.RowTypeName(a); name != "" {
			delete(c.rowTypes, rowTypeKey(name))
		}
	}
}

// bindNamedRow binds a named ROW argument in the binary form of its
// type's tree, loaded before; the type name is the catalog's.
func (c *Conn) bindNamedRow(buf []byte, bv *sqli.BindValue, name string, a any) ([]byte, error) {
	tree, ok := c.rowTypes[rowTypeKey(name)]
	if !ok {
		return buf, &RowTypeError{TypeName: name, Err: ErrRowTypeNotLoaded}
	}
	return c.bindBinary(buf, bv, tree.TypeName, tree, a)
}
