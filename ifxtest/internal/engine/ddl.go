package engine

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

func itoa(n int) string { return strconv.Itoa(n) }

// createTableSQL builds the SQLite CREATE TABLE for an Informix definition
// and the catalog description of the table. t (optional) translates CHECK
// and DEFAULT expressions.
func createTableSQL(ct *createTableStmt, t *translator) (string, *tableInfo, error) {
	ti := &tableInfo{name: ct.name.name, temp: ct.temp}
	var defs []string
	seen := map[string]bool{}
	pkCols := map[string]bool{}
	for _, c := range ct.cons {
		if c.kind == 'P' {
			for _, n := range c.cols {
				pkCols[n] = true
			}
		}
	}
	nchk := 0
	for i, cd := range ct.cols {
		if seen[cd.name] {
			return "", nil, newErr(-328, 0, cd.name)
		}
		seen[cd.name] = true
		ty := cd.t
		if cd.notNull || cd.pk || pkCols[cd.name] {
			ty.notNull = true
		}
		ci := colInfo{name: cd.name, no: i + 1, t: ty}
		var b strings.Builder
		b.WriteString(quoteIdent(cd.name) + " " + ty.storageDecl())
		if ty.notNull {
			b.WriteString(" NOT NULL")
		}
		if cd.def != nil {
			switch cd.def.kind {
			case "null":
				ci.def = "N"
			case "today":
				ci.def = "T"
			case "current":
				ci.def = "C"
			case "user":
				ci.def = "U"
			case "literal":
				ci.def = "L"
				v, err := literalValue(cd.def.lit)
				if err != nil {
					return "", nil, err
				}
				sv, err := toStorage(v, ty)
				if err != nil {
					return "", nil, err
				}
				b.WriteString(" DEFAULT " + sqlLiteral(sv))
			}
		}
		if cd.pk {
			b.WriteString(" PRIMARY KEY")
		}
		if cd.unique {
			b.WriteString(" UNIQUE")
		}
		if cd.ref != nil {
			b.WriteString(" " + refSQL(cd.ref))
		}
		if cd.check != nil {
			s, err := checkSQL(t, cd.check, ti, ct.cols)
			if err != nil {
				return "", nil, err
			}
			nchk++
			name := cd.consName
			if name == "" {
				name = "c_" + ti.name + "_" + itoa(nchk)
			}
			b.WriteString(" CONSTRAINT " + quoteIdent(name) + " CHECK (" + s + ")")
		}
		defs = append(defs, b.String())
		ti.cols = append(ti.cols, ci)
		if cd.pk || cd.unique {
			kind := "u"
			if cd.pk {
				kind = "pk"
			}
			name := cd.consName
			if name == "" || cd.check != nil {
				name = ""
			}
			ti.uniques = append(ti.uniques, uniqueInfo{name: uniqueName(name, kind, ti.name, len(ti.uniques)), cols: []string{cd.name}})
		}
	}
	for _, c := range ct.cons {
		for _, n := range c.cols {
			if !seen[n] {
				return "", nil, newErr(-217, 0, n)
			}
		}
		switch c.kind {
		case 'P', 'U':
			kw := "UNIQUE"
			kind := "u"
			if c.kind == 'P' {
				kw, kind = "PRIMARY KEY", "pk"
			}
			defs = append(defs, kw+" ("+quoteList(c.cols)+")")
			ti.uniques = append(ti.uniques, uniqueInfo{name: uniqueName(c.name, kind, ti.name, len(ti.uniques)), cols: c.cols})
		case 'R':
			defs = append(defs, "FOREIGN KEY ("+quoteList(c.cols)+") "+refSQL(c.ref))
		case 'C':
			s, err := checkSQL(t, c.check, ti, ct.cols)
			if err != nil {
				return "", nil, err
			}
			nchk++
			name := c.name
			if name == "" {
				name = "c_" + ti.name + "_" + itoa(nchk)
			}
			defs = append(defs, "CONSTRAINT "+quoteIdent(name)+" CHECK ("+s+")")
		}
	}
	kw := "CREATE TABLE "
	if ct.temp {
		kw = "CREATE TEMP TABLE "
	}
	return kw + quoteIdent(ti.name) + " (" + strings.Join(defs, ", ") + ")", ti, nil
}

func uniqueName(name, kind, table string, n int) string {
	if name != "" {
		return name
	}
	return fmt.Sprintf("%s_%s_%d", kind, table, n+1)
}

func quoteList(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = quoteIdent(c)
	}
	return strings.Join(q, ", ")
}

func refSQL(r *refSpec) string {
	s := "REFERENCES " + quoteIdent(r.table.name)
	if len(r.cols) > 0 {
		s += " (" + quoteList(r.cols) + ")"
	}
	if r.cascade {
		s += " ON DELETE CASCADE"
	}
	return s
}

func checkSQL(t *translator, e expr, ti *tableInfo, defs []colDef) (string, error) {
	if t == nil {
		return "", newErr(-999, 0, "")
	}
	src := &source{name: ti.name, alias: ti.name}
	for _, cd := range defs {
		src.cols = append(src.cols, srcCol{name: cd.name, t: cd.t})
	}
	sc := &scope{srcs: []*source{src}}
	t.view = true
	s, _, err := t.expr(e, sc, nil)
	t.view = false
	if err != nil {
		return "", err
	}
	if len(t.args) > 0 {
		return "", newErr(-201, 0, "")
	}
	// CHECK constraints may not use qualified names of the table being created
	return strings.ReplaceAll(s, quoteIdent(ti.name)+".", ""), nil
}

// literalValue evaluates a DEFAULT literal.
func literalValue(e expr) (Value, error) {
	switch x := e.(type) {
	case *numLit:
		if n, err := strconv.ParseInt(x.text, 10, 64); err == nil {
			return n, nil
		}
		return Decimal(x.text), nil
	case *strLit:
		return x.val, nil
	case *boolLit:
		return x.val, nil
	case *nullLit:
		return nil, nil
	case *dtLitExpr:
		if x.t.code == TypeInterval {
			return Interval(x.text), nil
		}
		return DateTime(x.text), nil
	case *unaryExpr:
		if x.op == "-" {
			v, err := literalValue(x.x)
			if err != nil {
				return nil, err
			}
			switch n := v.(type) {
			case int64:
				return -n, nil
			case Decimal:
				return Decimal("-" + string(n)), nil
			}
		}
	}
	return nil, syntaxErr(0)
}

// ---------- execution of DDL ----------

func (s *Session) execCreateTable(ctx context.Context, ct *createTableStmt, src string) (Result, error) {
	name := ct.name.name
	if ct.temp {
		if s.temps[name] != nil {
			if ct.ifNotExists {
				return Result{}, nil
			}
			return Result{}, newErr(-310, 0, name)
		}
	} else {
		ti, err := loadTable(ctx, s.conn, "", name)
		if err != nil {
			return Result{}, err
		}
		if ti != nil {
			if ct.ifNotExists {
				return Result{}, nil
			}
			return Result{}, newErr(-310, 0, name)
		}
	}
	if err := s.checkBlobspaces(ct.cols, src); err != nil {
		return Result{}, err
	}
	t := &translator{s: s, ctx: ctx, src: src}
	sqlText, ti, err := createTableSQL(ct, t)
	if err != nil {
		return Result{}, err
	}
	for _, cd := range ct.cols {
		if cd.ref != nil {
			if _, err := s.lookupTable(ctx, cd.ref.table); err != nil {
				return Result{}, err
			}
		}
	}
	for _, c := range ct.cons {
		if c.ref != nil {
			if _, err := s.lookupTable(ctx, c.ref.table); err != nil {
				return Result{}, err
			}
		}
	}
	ti.owner = s.user
	err = s.atomicOn(ctx, ct.temp, func() error {
		if _, err := s.conn.ExecContext(ctx, sqlText); err != nil {
			return err
		}
		if ct.temp {
			return nil
		}
		return s.registerNewTable(ctx, ti, ct)
	})
	if err != nil {
		return Result{}, err
	}
	if ct.temp {
		ti.gen = -1
		s.temps[name] = ti
		for _, cd := range ct.cols {
			if cd.t.isSerial() {
				s.tempSerials[ti.serialKey(ti.col(cd.name))] = cd.serialStart - 1
			}
		}
	}
	s.ddlDone()
	return Result{}, nil
}

func (s *Session) registerNewTable(ctx context.Context, ti *tableInfo, ct *createTableStmt) error {
	tabid, err := nextTabid(ctx, s.conn)
	if err != nil {
		return err
	}
	ti.tabid = tabid
	if err := registerTable(ctx, s.conn, ti, "T"); err != nil {
		return err
	}
	for i, cd := range ct.cols {
		ci := ti.cols[i]
		if cd.t.isSerial() {
			if _, err := s.conn.ExecContext(ctx, "INSERT OR REPLACE INTO ifx_serial (tabid, colno, val) VALUES (?, ?, ?)", tabid, ci.no, cd.serialStart-1); err != nil {
				return err
			}
		}
		if ci.def != "" {
			text := ""
			if cd.def.lit != nil {
				v, _ := literalValue(cd.def.lit)
				text = toText(v)
			}
			if _, err := s.conn.ExecContext(ctx, `INSERT INTO sysdefaults (tabid, colno, type, "default", class) VALUES (?, ?, ?, ?, 'T')`, tabid, ci.no, ci.def, text); err != nil {
				return err
			}
		}
	}
	for i, u := range ti.uniques {
		kind := "U"
		if strings.HasPrefix(u.name, "pk_") {
			kind = "P"
		}
		for _, c := range ct.cons {
			if c.name == u.name && c.kind == 'P' {
				kind = "P"
			}
		}
		for _, cd := range ct.cols {
			if cd.pk && len(u.cols) == 1 && u.cols[0] == cd.name {
				kind = "P"
			}
		}
		idx := fmt.Sprintf(" %d_%d", tabid, i+1)
		if err := s.insertIndexRow(ctx, ti, idx, true, false, u.cols, nil); err != nil {
			return err
		}
		if _, err := s.conn.ExecContext(ctx, `INSERT INTO sysconstraints (constrid, constrname, owner, tabid, constrtype, idxname)
			VALUES ((SELECT coalesce(max(constrid), 0) + 1 FROM sysconstraints), ?, ?, ?, ?, ?)`, u.name, s.user, tabid, kind, idx); err != nil {
			return err
		}
	}
	return s.registerForeignKeys(ctx, ti, ct)
}

func (s *Session) insertIndexRow(ctx context.Context, ti *tableInfo, name string, unique, cluster bool, cols []string, desc []bool) error {
	parts := make([]any, 16)
	for i := range parts {
		parts[i] = 0
	}
	for i, c := range cols {
		if i >= 16 {
			break
		}
		ci := ti.col(c)
		if ci == nil {
			return newErr(-217, 0, c)
		}
		no := ci.no
		if desc != nil && desc[i] {
			no = -no
		}
		parts[i] = no
	}
	typ, cl := "D", "-"
	if unique {
		typ = "U"
	}
	if cluster {
		cl = "C"
	}
	args := append([]any{name, s.user, ti.tabid, typ, cl}, parts...)
	if _, err := s.conn.ExecContext(ctx, `INSERT INTO sysindices (idxname, owner, tabid, idxtype, clustered, part1, part2, part3,
		part4, part5, part6, part7, part8, part9, part10, part11, part12, part13, part14, part15, part16, levels, leaves,
		nunique, clust, nrows, amid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 0, 0, 0, 0)`, args...); err != nil {
		return err
	}
	_, err := s.conn.ExecContext(ctx, "UPDATE systables SET nindexes = nindexes + 1 WHERE tabid = ?", ti.tabid)
	return err
}

func (s *Session) execCreateIndex(ctx context.Context, ci *createIndexStmt) (Result, error) {
	ti, err := s.lookupTable(ctx, ci.table)
	if err != nil {
		return Result{}, err
	}
	var cols []string
	var desc []bool
	var parts []string
	for _, c := range ci.cols {
		if ti.col(c.name) == nil {
			return Result{}, newErr(-217, 0, c.name)
		}
		cols = append(cols, c.name)
		desc = append(desc, c.desc)
		p := quoteIdent(c.name)
		if c.desc {
			p += " DESC"
		}
		parts = append(parts, p)
	}
	kw := "CREATE INDEX "
	if ci.unique {
		kw = "CREATE UNIQUE INDEX "
	}
	if ci.ifNotExists {
		kw += "IF NOT EXISTS "
	}
	name := quoteIdent(ci.name)
	if ti.temp {
		name = "temp." + name
	}
	sqlText := kw + name + " ON " + quoteIdent(ti.name) + " (" + strings.Join(parts, ", ") + ")"
	err = s.atomicOn(ctx, ti.temp, func() error {
		if !ti.temp {
			var n int
			if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM sysindices WHERE idxname = ?", ci.name).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				if ci.ifNotExists {
					return nil
				}
				return newErr(-316, 0, ci.name)
			}
		}
		if _, err := s.conn.ExecContext(ctx, sqlText); err != nil {
			return err
		}
		if ti.temp {
			return nil
		}
		return s.insertIndexRow(ctx, ti, ci.name, ci.unique, ci.cluster, cols, desc)
	})
	if err != nil {
		return Result{}, err
	}
	s.ddlDone()
	return Result{}, nil
}

func (s *Session) execDrop(ctx context.Context, d *dropStmt) (Result, error) {
	switch d.what {
	case "index":
		// An index of a temp table only: its DROP takes no write lock.
		var n int
		s.conn.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM temp.sqlite_master WHERE type = 'index' AND name = ?) - (SELECT count(*) FROM sysindices WHERE idxname = ?)", d.name.name, d.name.name).Scan(&n)
		err := s.atomicOn(ctx, n > 0, func() error {
			var tabid int64
			err := s.conn.QueryRowContext(ctx, "SELECT tabid FROM sysindices WHERE idxname = ?", d.name.name).Scan(&tabid)
			if err != nil {
				// maybe an index on a temp table
				if _, err2 := s.conn.ExecContext(ctx, "DROP INDEX temp."+quoteIdent(d.name.name)); err2 == nil {
					return nil
				}
				if d.ifExists {
					return nil
				}
				return newErr(-319, 0, d.name.name)
			}
			if _, err := s.conn.ExecContext(ctx, "DROP INDEX "+quoteIdent(d.name.name)); err != nil {
				return err
			}
			if _, err := s.conn.ExecContext(ctx, "DELETE FROM sysindices WHERE idxname = ?", d.name.name); err != nil {
				return err
			}
			_, err = s.conn.ExecContext(ctx, "UPDATE systables SET nindexes = nindexes - 1 WHERE tabid = ?", tabid)
			return err
		})
		if err == nil {
			s.ddlDone()
		}
		return Result{}, err
	case "table", "view":
		ti, err := s.lookupTable(ctx, d.name)
		if err != nil {
			if d.ifExists {
				return Result{}, nil
			}
			return Result{}, err
		}
		if ti.schema != "" {
			return Result{}, newErr(-999, 0, "")
		}
		if d.what == "view" && !ti.view {
			return Result{}, newErr(-206, -111, d.name.name)
		}
		if ti.tabid > 0 && ti.tabid < 100 {
			return Result{}, newErr(-999, 0, "")
		}
		kw := "DROP TABLE "
		if ti.view {
			kw = "DROP VIEW "
		}
		err = s.atomicOn(ctx, ti.temp, func() error {
			if _, err := s.conn.ExecContext(ctx, kw+ti.sqlName()); err != nil {
				return err
			}
			if ti.temp {
				return nil
			}
			if err := dropTableTriggers(ctx, s.conn, ti.tabid); err != nil {
				return err
			}
			if err := s.forgetReferences(ctx, ti.tabid); err != nil {
				return err
			}
			for _, tbl := range []string{"systables", "syscolumns", "sysindices", "sysconstraints", "sysdefaults", "sysviews", "ifx_serial"} {
				if _, err := s.conn.ExecContext(ctx, "DELETE FROM "+tbl+" WHERE tabid = ?", ti.tabid); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return Result{}, err
		}
		if ti.temp {
			delete(s.temps, ti.name)
		} else {
			s.db.forgetSerials(ti)
		}
		s.ddlDone()
		return Result{}, nil
	}
	return Result{}, newErr(-999, 0, "")
}

func (s *Session) execCreateView(ctx context.Context, cv *createViewStmt, src string) (Result, error) {
	if ti, _ := loadTable(ctx, s.conn, "", cv.name.name); ti != nil {
		if cv.ifNotExists {
			return Result{}, nil
		}
		return Result{}, newErr(-310, 0, cv.name.name)
	}
	t := &translator{s: s, ctx: ctx, src: src, view: true}
	body, cols, err := t.selectSQL(cv.sel, nil, false)
	if err != nil {
		return Result{}, err
	}
	if len(t.args) > 0 {
		return Result{}, newErr(-201, 0, "")
	}
	if len(cv.cols) > 0 && len(cv.cols) != len(cols) {
		return Result{}, newErr(-201, 0, "")
	}
	ti := &tableInfo{name: cv.name.name, owner: s.user, view: true}
	names := make([]string, len(cols))
	for i, c := range cols {
		n := c.name
		if i < len(cv.cols) {
			n = cv.cols[i]
		}
		names[i] = n
		ti.cols = append(ti.cols, colInfo{name: n, no: i + 1, t: c.t.nullable().unserial()})
	}
	sqlText := "CREATE VIEW " + quoteIdent(ti.name) + " (" + quoteList(names) + ") AS " + body
	err = s.atomic(ctx, func() error {
		if _, err := s.conn.ExecContext(ctx, sqlText); err != nil {
			return err
		}
		tabid, err := nextTabid(ctx, s.conn)
		if err != nil {
			return err
		}
		ti.tabid = tabid
		if err := registerTable(ctx, s.conn, ti, "V"); err != nil {
			return err
		}
		text := "create view " + cv.name.name + " as " + cv.text
		for i := 0; len(text) > 0; i++ {
			n := min(64, len(text))
			if _, err := s.conn.ExecContext(ctx, "INSERT INTO sysviews (tabid, seqno, viewtext) VALUES (?, ?, ?)", tabid, i, text[:n]); err != nil {
				return err
			}
			text = text[n:]
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	s.ddlDone()
	return Result{}, nil
}

func (s *Session) execAlter(ctx context.Context, at *alterTableStmt, src string) (Result, error) {
	ti, err := s.lookupTable(ctx, at.table)
	if err != nil {
		return Result{}, err
	}
	if ti.view || ti.schema != "" || (ti.tabid > 0 && ti.tabid < 100) {
		return Result{}, newErr(-999, 0, "")
	}
	if err := s.checkBlobspaces(at.adds, src); err != nil {
		return Result{}, err
	}
	err = s.atomicOn(ctx, ti.temp, func() error {
		next := 0
		for _, c := range ti.cols {
			next = max(next, c.no)
		}
		for _, cd := range at.adds {
			if ti.col(cd.name) != nil {
				return newErr(-328, 0, cd.name)
			}
			if cd.pk || cd.unique || cd.ref != nil || cd.t.isSerial() {
				return newErr(-999, 0, "")
			}
			one := &createTableStmt{name: tableName{name: ti.name}, cols: []colDef{cd}}
			t := &translator{s: s, ctx: ctx, src: src}
			full, ti1, err := createTableSQL(one, t)
			if err != nil {
				return err
			}
			def := full[strings.Index(full, "(")+1 : len(full)-1]
			ci := ti1.cols[0]
			if ci.t.notNull && (cd.def == nil || cd.def.kind != "literal") {
				// SQLite cannot add a NOT NULL column without a default:
				// enforce it with a named CHECK mapped back to -391.
				def = strings.Replace(def, " NOT NULL", "", 1)
				def += " CONSTRAINT " + quoteIdent("ifxnn:"+ti.name+"."+cd.name) + " CHECK (" + quoteIdent(cd.name) + " IS NOT NULL)"
			}
			if _, err := s.conn.ExecContext(ctx, "ALTER TABLE "+ti.sqlName()+" ADD COLUMN "+def); err != nil {
				return err
			}
			next++
			ci.no = next
			ti.cols = append(ti.cols, ci)
			if ti.temp {
				continue
			}
			if err := insertColumn(ctx, s.conn, ti.tabid, ci); err != nil {
				return err
			}
			if ci.def != "" {
				text := ""
				if cd.def.lit != nil {
					v, _ := literalValue(cd.def.lit)
					text = toText(v)
				}
				if _, err := s.conn.ExecContext(ctx, `INSERT INTO sysdefaults (tabid, colno, type, "default", class) VALUES (?, ?, ?, ?, 'T')`, ti.tabid, ci.no, ci.def, text); err != nil {
					return err
				}
			}
		}
		for _, d := range at.drops {
			c := ti.col(d)
			if c == nil {
				return newErr(-217, 0, d)
			}
			if _, err := s.conn.ExecContext(ctx, "ALTER TABLE "+ti.sqlName()+" DROP COLUMN "+quoteIdent(d)); err != nil {
				return err
			}
			if !ti.temp {
				for _, q := range []string{"DELETE FROM syscolumns WHERE tabid = ? AND colno = ?", "DELETE FROM sysdefaults WHERE tabid = ? AND colno = ?",
					"UPDATE syscolumns SET colno = colno - 1 WHERE tabid = ? AND colno > ?", "UPDATE sysdefaults SET colno = colno - 1 WHERE tabid = ? AND colno > ?"} {
					if _, err := s.conn.ExecContext(ctx, q, ti.tabid, c.no); err != nil {
						return err
					}
				}
			}
			var cols []colInfo
			for _, x := range ti.cols {
				if x.name != d {
					if x.no > c.no {
						x.no--
					}
					cols = append(cols, x)
				}
			}
			ti.cols = cols
		}
		if !ti.temp {
			_, err := s.conn.ExecContext(ctx, "UPDATE systables SET ncols = ? WHERE tabid = ?", len(ti.cols), ti.tabid)
			return err
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	if ti.temp {
		s.temps[ti.name] = ti
	} else {
		s.db.forgetSerials(ti)
	}
	s.ddlDone()
	return Result{}, nil
}

func (s *Session) execRename(ctx context.Context, rn *renameStmt) (Result, error) {
	ti, err := s.lookupTable(ctx, rn.table)
	if err != nil {
		return Result{}, err
	}
	if ti.schema != "" || (ti.tabid > 0 && ti.tabid < 100) {
		return Result{}, newErr(-999, 0, "")
	}
	err = s.atomicOn(ctx, ti.temp, func() error {
		if rn.column {
			if ti.col(rn.old) == nil {
				return newErr(-217, 0, rn.old)
			}
			if ti.col(rn.new) != nil {
				return newErr(-328, 0, rn.new)
			}
			if _, err := s.conn.ExecContext(ctx, "ALTER TABLE "+ti.sqlName()+" RENAME COLUMN "+quoteIdent(rn.old)+" TO "+quoteIdent(rn.new)); err != nil {
				return err
			}
			if !ti.temp {
				_, err := s.conn.ExecContext(ctx, "UPDATE syscolumns SET colname = ? WHERE tabid = ? AND colname = ?", rn.new, ti.tabid, rn.old)
				return err
			}
			ti.col(rn.old).name = rn.new
			return nil
		}
		if other, _ := loadTable(ctx, s.conn, "", rn.new); other != nil || s.temps[rn.new] != nil {
			return newErr(-310, 0, rn.new)
		}
		if _, err := s.conn.ExecContext(ctx, "ALTER TABLE "+ti.sqlName()+" RENAME TO "+quoteIdent(rn.new)); err != nil {
			return err
		}
		if !ti.temp {
			_, err := s.conn.ExecContext(ctx, "UPDATE systables SET tabname = ? WHERE tabid = ?", rn.new, ti.tabid)
			return err
		}
		delete(s.temps, ti.name)
		ti.name = rn.new
		s.temps[rn.new] = ti
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	s.ddlDone()
	return Result{}, nil
}
