package engine

import (
	"context"
	"database/sql"
)

// sysattrtypes holds the structure of each composite extended type, as IDS
// keeps it (IBM Guide to SQL: Reference, "SYSATTRTYPES"): one row for the
// type itself and one for each member, numbered by seqno in a depth-first
// walk; levelno is the member's depth (0 the type itself), parent_no the
// seqno of the type that contains it, fieldname and fieldno (from 1, left
// to right) name a ROW's field (NULL and 0 for a collection's element),
// type and length the member's syscolumns-style code and encoded length,
// xtd_type_id its extended id (0 for a built-in type). IBM JDBC reads a
// named ROW type's fields from it before it binds a value of the type
// (conformance/FINDINGS.md, "ROW through java.sql.Struct").
//
// CHOICE: IBM's page gives the columns but no example rows; that the type
// itself has the first row (levelno 0) and that nested members follow
// their parent depth-first is our reading of "position in the hierarchy"
// and "seqno of the complex data type that contains this member".
func writeAttrTypes(ctx context.Context, c dbConn, xid int32, t ifxType) error {
	seq := 0
	var walk func(t ifxType, level, parent, fieldno int, name sql.NullString, memberXid int32) error
	walk = func(t ifxType, level, parent, fieldno int, name sql.NullString, memberXid int32) error {
		seq++
		me := seq
		code := t.code
		if t.xname != "" && t.code == TypeRow {
			code |= FlagNamedRow
		}
		if t.notNull {
			code |= FlagNotNull
		}
		if _, err := c.ExecContext(ctx, `INSERT INTO sysattrtypes (extended_id, seqno, levelno, parent_no, fieldname,
			fieldno, type, length, xtd_type_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			xid, me, level, parent, name, fieldno, code, int16(t.length), memberXid); err != nil {
			return err
		}
		if t.comp == nil || me > 1 && t.xname != "" {
			// A named ROW member is its extended id: its fields are that
			// type's own rows. Listed here too, JDBC reads them twice (it
			// follows xtd_type_id and appends the type's fields).
			return nil
		}
		if t.code != TypeRow {
			return walk(t.comp.elem, level+1, me, 0, sql.NullString{}, t.comp.elem.xid)
		}
		for i, f := range t.comp.fields {
			if err := walk(f.t, level+1, me, i+1, sql.NullString{String: f.name, Valid: true}, f.t.xid); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(t.nullable(), 0, 0, 0, sql.NullString{}, 0)
}

// TreeMember is one entry of a composite type's tree as sysattrtypes
// gives it: the type code with its flags and, for a named ROW, the type's
// name and extended id.
type TreeMember struct {
	Type int
	XID  int32
	Name string
}

// CompositeTree returns the tree of composite extended type xid from
// sysattrtypes, depth-first: the type itself, then its members, a named
// ROW member followed by its own type's members (as IBM JDBC expands it in
// the tree of a bind). The server's binary send/recv form names nested
// ROW types from it: the type text a column carries lists their fields but
// not their names.
func (s *Session) CompositeTree(ctx context.Context, xid int32) ([]TreeMember, error) {
	if s.conn == nil {
		return nil, nil
	}
	var out []TreeMember
	var walk func(xid int32, depth int, root bool) error
	walk = func(xid int32, depth int, root bool) error {
		if depth > compMaxDepth {
			return compErr("type tree nested too deep")
		}
		rows, err := s.conn.QueryContext(ctx, "SELECT type, xtd_type_id FROM sysattrtypes WHERE extended_id = ? ORDER BY seqno", xid)
		if err != nil {
			return err
		}
		var ms []TreeMember
		for rows.Next() {
			var m TreeMember
			if err := rows.Scan(&m.Type, &m.XID); err != nil {
				rows.Close()
				return err
			}
			ms = append(ms, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if !root && len(ms) > 0 {
			ms = ms[1:] // the type's own row: its member entry stands for it
		}
		for _, m := range ms {
			named := m.Type&0xff == TypeRow && m.Type&FlagNamedRow != 0 && m.XID != 0
			if named {
				var name sql.NullString
				_ = s.conn.QueryRowContext(ctx, "SELECT name FROM sysxtdtypes WHERE extended_id = ?", m.XID).Scan(&name)
				m.Name = name.String
			}
			out = append(out, m)
			if named {
				if err := walk(m.XID, depth+1, false); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return out, walk(xid, 0, true)
}
