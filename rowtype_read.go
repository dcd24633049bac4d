package ifx

import (
	"context"
	"errors"
	"strings"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// A named ROW column is described with the type's name only, and a
// composite's DESCRIBE name may name a named ROW type in a field or an
// element (docs/PROTOCOL.md, "The driver's reading"). Query reads such a
// type's tree from the catalog with the binds' two statements once per
// type and connection, after the statement's DESCRIBE and before its
// OPEN: a cursor's fetch exchange never carries another statement.

// pendingRowTypes appends the names in cols's composites that this
// connection has not looked up yet. Columns that are not composites
// cost a comparison each.
func (c *Conn) pendingRowTypes(cols []ifxtype.ColumnPlan) []string {
	var names []string
	for i := range cols {
		for _, n := range namedTypesOf(&cols[i]) {
			if _, ok := c.readTypes[rowTypeKey(n)]; !ok {
				names = append(names, n)
			}
		}
	}
	return names
}

// namedTypesOf returns the type names a composite column's type holds
// that are not built-in: its own for a named ROW.
func namedTypesOf(ci *ifxtype.ColumnPlan) []string {
	if ci.Kind != ifxtype.ColText {
		return nil
	}
	switch ci.Desc.Type.Base() {
	case sqli.TypeRow, sqli.TypeSet, sqli.TypeMultiset, sqli.TypeList, sqli.TypeCollection:
	default:
		return nil
	}
	if ci.Comp == nil {
		if name := strings.TrimSpace(ci.Desc.ExtendedName); name != "" && ci.Desc.Type.Base() == sqli.TypeRow {
			return []string{name}
		}
		return nil
	}
	return ifxtype.NamedTypes(nil, ci.Comp)
}

// loadReadTypes looks names up in the catalog and keeps their composite
// types; a name that is no ROW type is kept as such (its values stay
// text).
func (c *Conn) loadReadTypes(ctx context.Context, names []string) error {
	for _, name := range names {
		key := rowTypeKey(name)
		if _, ok := c.readTypes[key]; ok {
			continue
		}
		tree, ok := c.rowTypes[key]
		if !ok {
			var err error
			tree, err = c.readRowType(ctx, key)
			if errors.Is(err, ErrRowTypeNotFound) {
				c.keepReadType(key, nil)
				continue
			}
			if err != nil {
				return &RowTypeError{TypeName: name, Err: err}
			}
			if c.rowTypes == nil {
				c.rowTypes = rowTypeCache{}
			}
			c.rowTypes[key] = tree
		}
		ct, err := ifxtype.CompositeFromTree(tree, key)
		if err != nil {
			return &RowTypeError{TypeName: name, Err: err}
		}
		c.keepReadType(key, ct)
	}
	return nil
}

func (c *Conn) keepReadType(key string, ct *ifxtype.CompositeType) {
	if c.readTypes == nil {
		c.readTypes = map[string]*ifxtype.CompositeType{}
	}
	c.readTypes[key] = ct
}

// applyRowTypes puts the named ROW types read into cols's composites;
// cols is the prepared statement's, so a cached statement keeps them.
func (c *Conn) applyRowTypes(cols []ifxtype.ColumnPlan) {
	if len(c.readTypes) == 0 {
		return
	}
	lookup := func(name string) *ifxtype.CompositeType { return c.readTypes[rowTypeKey(name)] }
	for i := range cols {
		ci := &cols[i]
		if namedTypesOf(ci) == nil {
			continue
		}
		if ci.Comp == nil {
			if ct := lookup(ci.Desc.ExtendedName); ct != nil {
				ci.Comp = ct
			}
			continue
		}
		ci.Comp = ifxtype.ResolveNamed(ci.Comp, lookup)
	}
}

// resolveRowTypes runs between Query's PREPARE and OPEN, inside a call
// begun with begin: when p's columns name named ROW types not looked up
// yet, it ends the call, runs the catalog statements as calls of their
// own, and begins again. On error the call is ended.
func (c *Conn) resolveRowTypes(ctx context.Context, p *prepared) error {
	if !p.returnsRows() {
		return nil
	}
	if names := c.pendingRowTypes(p.cols); len(names) > 0 {
		if err := c.end(nil); err != nil {
			return err
		}
		if err := c.loadReadTypes(ctx, names); err != nil {
			return err
		}
		if err := c.begin(ctx); err != nil {
			return err
		}
	}
	c.applyRowTypes(p.cols)
	return nil
}
