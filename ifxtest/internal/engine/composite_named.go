package engine

import (
	"context"
	"database/sql"
)

// Named ROW types: CREATE ROW TYPE name (fields), DROP ROW TYPE name
// RESTRICT, columns and casts naming them. A named ROW column is described
// as 22 with the named-ROW flag 0x1000 and the type's name as its extended
// name (docs/PROTOCOL.md, "Composite types"); values are the same text as
// an unnamed ROW's.

// Statement types of sqlstype.h.
const (
	StmtCreateRowType = 90
	StmtDropRowType   = 91
)

// FlagNamedRow is OR-ed into Column.Type for a named ROW type.
const FlagNamedRow = 0x1000

type (
	createRowTypeStmt struct {
		p           int
		name        string
		t           ifxType
		ifNotExists bool
	}
	dropRowTypeStmt struct {
		p        int
		name     string
		ifExists bool
	}
)

func (x *createRowTypeStmt) describe() stmtInfo { return stmtInfo{typ: StmtCreateRowType} }

func (x *createRowTypeStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *createRowTypeStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execCreateRowType(ctx, x) })
}

func (x *dropRowTypeStmt) describe() stmtInfo { return stmtInfo{typ: StmtDropRowType} }

func (x *dropRowTypeStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *dropRowTypeStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execDropRowType(ctx, x) })
}

// createRowType parses ROW TYPE [IF NOT EXISTS] name (field type, …) after
// CREATE.
func (p *parser) createRowType(start token) (statement, error) {
	p.i += 2 // ROW TYPE
	st := &createRowTypeStmt{p: start.pos}
	if p.acceptKw("if", "not", "exists") {
		st.ifNotExists = true
	}
	name, err := p.ident()
	if err != nil {
		return nil, err
	}
	st.name = name
	if st.t, _, err = p.compositeSpec(token{kind: tIdent, text: "row"}); err != nil {
		return nil, err
	}
	return st, nil
}

// dropRowType parses ROW TYPE [IF EXISTS] name RESTRICT after DROP.
func (p *parser) dropRowType(start token) (statement, error) {
	p.i += 2 // ROW TYPE
	st := &dropRowTypeStmt{p: start.pos}
	if p.acceptKw("if", "exists") {
		st.ifExists = true
	}
	name, err := p.ident()
	if err != nil {
		return nil, err
	}
	st.name = name
	// IDS requires RESTRICT.
	return st, p.expectKw("restrict")
}

// namedRowType returns the resolver the parser uses for type names it
// does not know: the session database's named ROW types.
func (s *Session) namedRowType(ctx context.Context) func(string) (ifxType, bool) {
	return func(name string) (ifxType, bool) {
		if s.conn == nil {
			return ifxType{}, false
		}
		t, err := loadNamedRowType(ctx, s.conn, name)
		return t, err == nil
	}
}

func loadNamedRowType(ctx context.Context, c dbConn, name string) (ifxType, error) {
	var xid int32
	var text string
	err := c.QueryRowContext(ctx, "SELECT t.extended_id, x.text FROM sysxtdtypes t JOIN "+compTextTable+
		" x ON x.extended_id = t.extended_id WHERE t.name = ? AND t.mode = 'R'", name).Scan(&xid, &text)
	if err != nil {
		return ifxType{}, err
	}
	t, err := typeFromText(text)
	if err != nil {
		return ifxType{}, err
	}
	t.xid, t.xname = xid, name
	return t, nil
}

func (s *Session) execCreateRowType(ctx context.Context, st *createRowTypeStmt) (Result, error) {
	if _, err := loadNamedRowType(ctx, s.conn, st.name); err == nil {
		if st.ifNotExists {
			return Result{}, nil
		}
		// CHOICE: IDS's code for an existing type name is not known here.
		return Result{}, newErr(-999, 0, st.name)
	}
	err := s.atomic(ctx, func() error {
		xid, err := registerCompType(ctx, s.conn, st.t)
		if err != nil {
			return err
		}
		if _, err = s.conn.ExecContext(ctx, "UPDATE sysxtdtypes SET name = ?, owner = ? WHERE extended_id = ?", st.name, s.user, xid); err != nil {
			return err
		}
		// The type's own sysattrtypes row carries the named-ROW flag, as
		// a column of the type does: JDBC copies it into its ROW bind, and
		// reads a ROW as the named type (its type map, getSQLTypeName)
		// only with the flag there.
		_, err = s.conn.ExecContext(ctx, "UPDATE sysattrtypes SET type = ? WHERE extended_id = ? AND seqno = 1", TypeRow|FlagNamedRow, xid)
		return err
	})
	if err != nil {
		return Result{}, err
	}
	s.ddlDone()
	return Result{}, nil
}

func (s *Session) execDropRowType(ctx context.Context, st *dropRowTypeStmt) (Result, error) {
	t, err := loadNamedRowType(ctx, s.conn, st.name)
	if err != nil {
		if st.ifExists {
			return Result{}, nil
		}
		return Result{}, newErr(-9628, 0, st.name)
	}
	var n int
	if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM syscolumns WHERE extended_id = ?", t.xid).Scan(&n); err != nil && err != sql.ErrNoRows {
		return Result{}, err
	}
	if n > 0 {
		// RESTRICT: a type in use stays. CHOICE: IDS's code is not known here.
		return Result{}, newErr(-999, 0, st.name)
	}
	err = s.atomic(ctx, func() error {
		if _, err := s.conn.ExecContext(ctx, "DELETE FROM sysxtdtypes WHERE extended_id = ?", t.xid); err != nil {
			return err
		}
		if _, err := s.conn.ExecContext(ctx, "DELETE FROM sysattrtypes WHERE extended_id = ?", t.xid); err != nil {
			return err
		}
		_, err := s.conn.ExecContext(ctx, "DELETE FROM "+compTextTable+" WHERE extended_id = ?", t.xid)
		return err
	})
	if err != nil {
		return Result{}, err
	}
	s.ddlDone()
	return Result{}, nil
}
