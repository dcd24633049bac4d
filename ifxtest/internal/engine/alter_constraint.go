package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// alterConstraintStmt is ALTER TABLE … ADD CONSTRAINT … and ALTER TABLE …
// DROP CONSTRAINT … (Guide to SQL: Syntax, "ADD CONSTRAINT Clause", "DROP
// CONSTRAINT Clause"), which Flyway's and Liquibase's Informix support send
// for their own tables and for foreign keys.
//
// SQLite cannot add a constraint to a table, so ifxtest keeps each one in
// the form that enforces it and that it can remove again: PRIMARY KEY and
// UNIQUE as a unique index named "ifxc:<constraint>" (PRIMARY KEY also
// as NOT NULL checks, "ifxnn:…", as ALTER TABLE ADD does), CHECK and FOREIGN
// KEY as named clauses appended to the table's stored definition (the
// documented writable_schema procedure, after the new definition was
// tried on a scratch table). Rows already in the table are checked first, as
// IDS does. Constraints that CREATE TABLE declared are kept inside the
// table's own definition, and dropping those is -999 (GAP).
type alterConstraintStmt struct {
	p     int
	table tableName
	adds  []tableCons
	drops []string
}

func (x *alterConstraintStmt) describe() stmtInfo {
	return stmtInfo{typ: StmtAlterTable, writes: true}
}

func (x *alterConstraintStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *alterConstraintStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execAlterConstraint(ctx, x, st.src) })
}

// alterConstraint parses the ADD CONSTRAINT and DROP CONSTRAINT clauses of
// an ALTER TABLE, the first of them after its ADD or DROP; other clauses in
// the same statement are -999 here.
func (p *parser) alterConstraint(pos int, tn tableName, add bool) (statement, error) {
	st := &alterConstraintStmt{p: pos, table: tn}
	for {
		if !p.acceptKw("constraint") {
			return nil, newErr(-999, 0, "")
		}
		if add {
			paren := p.acceptOp("(")
			for {
				c, err := p.tableConstraint()
				if err != nil {
					return nil, err
				}
				st.adds = append(st.adds, c)
				if !paren || !p.acceptOp(",") {
					break
				}
			}
			if paren {
				if err := p.expectOp(")"); err != nil {
					return nil, err
				}
			}
		} else {
			var names []string
			var err error
			if p.isOp("(") {
				names, err = p.identList()
			} else {
				var n string
				n, err = p.ident()
				names = []string{n}
			}
			if err != nil {
				return nil, err
			}
			st.drops = append(st.drops, names...)
		}
		if !p.acceptOp(",") {
			return st, nil
		}
		switch {
		case p.acceptKw("add"):
			add = true
		case p.acceptKw("drop"):
			add = false
		default:
			return nil, p.fail()
		}
	}
}

func (s *Session) execAlterConstraint(ctx context.Context, x *alterConstraintStmt, src string) (Result, error) {
	ti, err := s.lookupTable(ctx, x.table)
	if err != nil {
		return Result{}, err
	}
	if ti.view || ti.temp || ti.schema != "" || (ti.tabid > 0 && ti.tabid < 100) {
		return Result{}, newErr(-999, 0, "")
	}
	err = s.atomic(ctx, func() error {
		for _, name := range x.drops {
			if err := s.dropConstraint(ctx, ti, name); err != nil {
				return err
			}
		}
		for _, c := range x.adds {
			if err := s.addConstraint(ctx, ti, c, src); err != nil {
				return err
			}
			s.cache = map[string]*tableInfo{}
			if ti, err = s.lookupTable(ctx, x.table); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	s.ddlDone()
	return Result{}, nil
}

func (s *Session) addConstraint(ctx context.Context, ti *tableInfo, c tableCons, src string) error {
	for _, n := range c.cols {
		if ti.col(n) == nil {
			return newErr(-217, 0, n)
		}
	}
	var constrid int64
	if err := s.conn.QueryRowContext(ctx, "SELECT coalesce(max(constrid), 0) + 1 FROM sysconstraints").Scan(&constrid); err != nil {
		return err
	}
	name := c.name
	if name == "" {
		name = fmt.Sprintf("%c%d_%d", map[byte]byte{'P': 'u', 'U': 'u', 'R': 'r', 'C': 'c'}[c.kind], ti.tabid, constrid)
	}
	var n int
	if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM sysconstraints WHERE constrname = ?", name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		e := newErr(-999, 0, "")
		e.Message += " (a constraint of that name exists)"
		return e
	}
	tbl := ti.sqlName()
	switch c.kind {
	case 'P', 'U':
		if c.kind == 'P' {
			for _, u := range ti.uniques {
				var kind string
				if err := s.conn.QueryRowContext(ctx, "SELECT constrtype FROM sysconstraints WHERE tabid = ? AND constrname = ?", ti.tabid, u.name).Scan(&kind); err == nil && kind == "P" {
					e := newErr(-999, 0, "")
					e.Message += " (a second primary key)"
					return e
				}
			}
			for _, col := range c.cols {
				if err := s.requireNoRows(ctx, "SELECT 1 FROM "+tbl+" WHERE "+quoteIdent(col)+" IS NULL LIMIT 1", newErr(-391, 0, col)); err != nil {
					return err
				}
			}
		}
		if err := s.requireNoRows(ctx, "SELECT 1 FROM "+tbl+" GROUP BY "+quoteList(c.cols)+" HAVING count(*) > 1 LIMIT 1", newErr(-371, 0, "")); err != nil {
			return err
		}
		if _, err := s.conn.ExecContext(ctx, "CREATE UNIQUE INDEX "+quoteIdent("ifxc:"+name)+" ON "+tbl+" ("+quoteList(c.cols)+")"); err != nil {
			return err
		}
		if c.kind == 'P' {
			var clauses []string
			for _, col := range c.cols {
				clauses = append(clauses, "CONSTRAINT "+quoteIdent("ifxnn:"+ti.name+"."+col)+" CHECK ("+quoteIdent(col)+" IS NOT NULL)")
				if _, err := s.conn.ExecContext(ctx, "UPDATE syscolumns SET coltype = coltype | 256 WHERE tabid = ? AND colname = ?", ti.tabid, col); err != nil {
					return err
				}
			}
			if err := s.amendTableSQL(ctx, ti, strings.Join(clauses, ", "), ""); err != nil {
				return err
			}
		}
		idx := fmt.Sprintf(" %d_%d", ti.tabid, constrid)
		if err := s.insertIndexRow(ctx, ti, idx, true, false, c.cols, nil); err != nil {
			return err
		}
		_, err := s.conn.ExecContext(ctx, `INSERT INTO sysconstraints (constrid, constrname, owner, tabid, constrtype, idxname)
			VALUES (?, ?, ?, ?, ?, ?)`, constrid, name, s.user, ti.tabid, string(c.kind), idx)
		return err
	case 'C':
		t := &translator{s: s, ctx: ctx, src: src}
		var defs []colDef
		for _, ci := range ti.cols {
			defs = append(defs, colDef{name: ci.name, t: ci.t})
		}
		chk, err := checkSQL(t, c.check, ti, defs)
		if err != nil {
			return err
		}
		if err := s.requireNoRows(ctx, "SELECT 1 FROM "+tbl+" WHERE NOT ("+chk+") LIMIT 1", newErr(-530, 0, name)); err != nil {
			return err
		}
		if err := s.amendTableSQL(ctx, ti, "CONSTRAINT "+quoteIdent(name)+" CHECK ("+chk+")", ""); err != nil {
			return err
		}
		if _, err := s.conn.ExecContext(ctx, `INSERT INTO sysconstraints (constrid, constrname, owner, tabid, constrtype, idxname)
			VALUES (?, ?, ?, ?, 'C', NULL)`, constrid, name, s.user, ti.tabid); err != nil {
			return err
		}
		text := strings.TrimSpace(c.checkText)
		for seq := 0; seq*32 < len(text); seq++ {
			if _, err := s.conn.ExecContext(ctx, "INSERT INTO syschecks (constrid, type, seqno, checktext) VALUES (?, 'T', ?, ?)",
				constrid, seq, text[seq*32:min(len(text), (seq+1)*32)]); err != nil {
				return err
			}
		}
		return nil
	case 'R':
		parent := ti
		if c.ref.table.name != ti.name {
			var err error
			if parent, err = s.lookupTable(ctx, c.ref.table); err != nil {
				return err
			}
		}
		pcols := c.ref.cols
		if len(pcols) == 0 {
			for _, u := range parent.uniques {
				var kind string
				if err := s.conn.QueryRowContext(ctx, "SELECT constrtype FROM sysconstraints WHERE tabid = ? AND constrname = ?", parent.tabid, u.name).Scan(&kind); err == nil && kind == "P" {
					pcols = u.cols
				}
			}
		}
		if len(pcols) != len(c.cols) {
			return newErr(-297, 0, parent.name)
		}
		var on, notNull []string
		for i, col := range c.cols {
			on = append(on, "p."+quoteIdent(pcols[i])+" = c."+quoteIdent(col))
			notNull = append(notNull, "c."+quoteIdent(col)+" IS NOT NULL")
		}
		if err := s.requireNoRows(ctx, "SELECT 1 FROM "+tbl+" c WHERE "+strings.Join(notNull, " AND ")+
			" AND NOT EXISTS (SELECT 1 FROM "+parent.sqlName()+" p WHERE "+strings.Join(on, " AND ")+") LIMIT 1", newErr(-691, 0, name)); err != nil {
			return err
		}
		ref := &refSpec{table: tableName{name: parent.name}, cols: pcols, cascade: c.ref.cascade}
		if err := s.registerForeignKey(ctx, ti, foreignKey{name: name, cols: c.cols, ref: ref}); err != nil {
			return err
		}
		return s.amendTableSQL(ctx, ti, "CONSTRAINT "+quoteIdent(name)+" FOREIGN KEY ("+quoteList(c.cols)+") "+refSQL(ref), "")
	}
	return newErr(-999, 0, "")
}

func (s *Session) dropConstraint(ctx context.Context, ti *tableInfo, name string) error {
	var constrid int64
	var kind string
	var idx sql.NullString
	err := s.conn.QueryRowContext(ctx, "SELECT constrid, constrtype, idxname FROM sysconstraints WHERE tabid = ? AND constrname = ?", ti.tabid, name).Scan(&constrid, &kind, &idx)
	if errors.Is(err, sql.ErrNoRows) {
		return newErr(-623, 0, name)
	}
	if err != nil {
		return err
	}
	gap := func() error {
		e := newErr(-999, 0, "")
		e.Message += " (a constraint that CREATE TABLE declared cannot be dropped here)"
		return e
	}
	switch kind {
	case "P", "U":
		var n int
		if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?", "ifxc:"+name).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return gap()
		}
		var refs int
		if err := s.conn.QueryRowContext(ctx, `SELECT count(*) FROM sysreferences WHERE "primary" = ?`, constrid).Scan(&refs); err != nil {
			return err
		}
		if refs > 0 {
			return newErr(-692, 0, name) // still referenced (IDS drops the referencing constraints only with CASCADE)
		}
		if _, err := s.conn.ExecContext(ctx, "DROP INDEX "+schemaPrefix(ti.schema)+quoteIdent("ifxc:"+name)); err != nil {
			return err
		}
	case "R", "C":
		if err := s.amendTableSQL(ctx, ti, "", "CONSTRAINT "+quoteIdent(name)+" "); err != nil {
			if errors.Is(err, errClauseMissing) {
				return gap()
			}
			return err
		}
	default:
		return gap()
	}
	for _, q := range []string{
		"DELETE FROM sysreferences WHERE constrid = ?",
		"DELETE FROM syschecks WHERE constrid = ?",
		"DELETE FROM sysconstraints WHERE constrid = ?",
	} {
		if _, err := s.conn.ExecContext(ctx, q, constrid); err != nil {
			return err
		}
	}
	if idx.Valid && idx.String != "" {
		res, err := s.conn.ExecContext(ctx, "DELETE FROM sysindices WHERE tabid = ? AND idxname = ?", ti.tabid, idx.String)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			if _, err := s.conn.ExecContext(ctx, "UPDATE systables SET nindexes = nindexes - ? WHERE tabid = ?", n, ti.tabid); err != nil {
				return err
			}
		}
	}
	return nil
}

// requireNoRows fails with e when q returns a row.
func (s *Session) requireNoRows(ctx context.Context, q string, e *Error) error {
	var one int
	err := s.conn.QueryRowContext(ctx, q).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return e
}

var errClauseMissing = errors.New("ifxtest: constraint clause not in the table definition")

// amendTableSQL appends clause to, or removes the clause starting with
// remove from, the stored CREATE TABLE of ti, by SQLite's writable_schema
// procedure for changes that leave the stored rows as they are. The new
// definition is first created as a scratch temp table, so that a mistake
// is an error here and never a schema SQLite cannot read.
func (s *Session) amendTableSQL(ctx context.Context, ti *tableInfo, clause, remove string) error {
	var def string
	if err := s.conn.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", ti.name).Scan(&def); err != nil {
		return err
	}
	def = strings.TrimSpace(def)
	if !strings.HasSuffix(def, ")") {
		return newErr(-999, 0, "")
	}
	if clause != "" {
		def = def[:len(def)-1] + ", " + clause + ")"
	}
	if remove != "" {
		i := strings.Index(def, ", "+remove)
		if i < 0 {
			return errClauseMissing
		}
		end := strings.Index(def[i+2:], ", CONSTRAINT \"")
		if end < 0 {
			end = len(def) - 1
		} else {
			end += i + 2
		}
		def = def[:i] + def[end:]
	}
	open := strings.Index(def, "(")
	if open < 0 {
		return newErr(-999, 0, "")
	}
	scratch := "temp." + quoteIdent("ifx_amend_probe")
	if _, err := s.conn.ExecContext(ctx, "CREATE TABLE "+scratch+" "+def[open:]); err != nil {
		return err
	}
	if _, err := s.conn.ExecContext(ctx, "DROP TABLE "+scratch); err != nil {
		return err
	}
	var version int64
	if err := s.conn.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&version); err != nil {
		return err
	}
	if _, err := s.conn.ExecContext(ctx, "PRAGMA writable_schema = ON"); err != nil {
		return err
	}
	_, err := s.conn.ExecContext(ctx, "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", def, ti.name)
	if err == nil {
		_, err = s.conn.ExecContext(ctx, fmt.Sprintf("PRAGMA schema_version = %d", version+1))
	}
	if _, err2 := s.conn.ExecContext(ctx, "PRAGMA writable_schema = OFF"); err == nil {
		err = err2
	}
	return err
}
