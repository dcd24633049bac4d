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
