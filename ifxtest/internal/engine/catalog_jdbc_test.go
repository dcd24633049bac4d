package engine

import (
	"fmt"
	"testing"
)

// rowsText renders rows for comparison.
func rowsText(rows [][]Value) string { return fmt.Sprint(rows) }

func TestInformixOuterJoinKeepsDominantRows(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE oj_a (id INTEGER, n VARCHAR(5))")
	exec(t, s, "CREATE TABLE oj_b (aid INTEGER, kind CHAR(1), v VARCHAR(5))")
	exec(t, s, "INSERT INTO oj_a VALUES (1, 'one')")
	exec(t, s, "INSERT INTO oj_a VALUES (2, 'two')")
	exec(t, s, "INSERT INTO oj_a VALUES (3, 'three')")
	exec(t, s, "INSERT INTO oj_b VALUES (1, 'T', 'x')")
	exec(t, s, "INSERT INTO oj_b VALUES (2, 'U', 'y')")
	// The filter on the subservient table restricts oj_b, not the result:
	// row 2 keeps a NULL v as row 3 does.
	rows := query(t, s, "SELECT a.id, b.v FROM oj_a a, OUTER oj_b b WHERE a.id = b.aid AND b.kind IN ('T') ORDER BY a.id")
	eq(t, "outer join rows", rowsText(rows), "[[1 x] [2 <nil>] [3 <nil>]]")
	// A filter on the dominant table stays a filter; the OUTER table may
	// stand between dominant ones, as in IBM JDBC's getColumns query.
	exec(t, s, "CREATE TABLE oj_c (id INTEGER)")
	exec(t, s, "INSERT INTO oj_c VALUES (1)")
	exec(t, s, "INSERT INTO oj_c VALUES (3)")
	rows = query(t, s, "SELECT c.id, b.v FROM oj_a a, OUTER oj_b b, oj_c c WHERE a.id = c.id AND b.aid = a.id AND a.id > 0 ORDER BY 1")
	eq(t, "outer join between dominant tables", rowsText(rows), "[[1 x] [3 <nil>]]")
	wantErr(t, s, -201, "SELECT b.v FROM OUTER oj_b b")
}

func TestQualifiedRoutineNames(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	eq(t, "owner.routine", one(t, s, "SELECT informix.schema_nullable(2) FROM systables WHERE tabid = 1"), Value("YES"))
	eq(t, "db:routine", one(t, s, "SELECT testdb:schema_isautoincr(262) FROM systables WHERE tabid = 1"), Value("YES"))
	eq(t, "db:owner.routine", one(t, s, "SELECT testdb:informix.schema_isnullable(258) FROM systables WHERE tabid = 1"), Value(int64(0)))
	// Three-part column names still resolve.
	eq(t, "owner.table.column", one(t, s, "SELECT informix.systables.tabname FROM informix.systables WHERE tabid = 1"), Value("systables"))
}

// The routines IBM JDBC's DatabaseMetaData.getColumns calls, over the
// catalog rows of a table with one column of each kind.
func TestJDBCCatalogRoutinesDescribeColumns(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE cr_t (id SERIAL NOT NULL, code CHAR(8) NOT NULL, name VARCHAR(40) DEFAULT 'none', qty DECIMAL(8,2), f FLOAT, d DATE, b BIGINT)")
	rows := query(t, s, `SELECT c.colname, informix.get_data_type(c.coltype, c.extended_id, 0), trim(informix.schema_coltypename(c.coltype, c.extended_id)),
		informix.schema_precision(c.coltype, c.extended_id, c.collength), informix.schema_numscale(c.coltype, c.collength),
		informix.schema_numprecradix(c.coltype), informix.schema_isnullable(c.coltype), informix.schema_nullable(c.coltype)::VARCHAR(3),
		informix.schema_isautoincr(c.coltype)::VARCHAR(3), informix.schema_charlen(c.coltype, c.extended_id, c.collength),
		informix.schema_datetype(c.coltype, c.collength),
		CASE d.type WHEN 'L' THEN informix.get_default_value(c.coltype, c.extended_id, c.collength, d.default) ELSE NULL::VARCHAR(1) END
		FROM systables t, OUTER sysdefaults d, syscolumns c
		WHERE t.tabid = c.tabid AND d.tabid = t.tabid AND c.colno = d.colno AND t.tabname = 'cr_t' ORDER BY c.colno`)
	want := "[[id 4 serial 10 0 10 0 NO YES <nil> <nil> <nil>] " +
		"[code 1 char 8 <nil> <nil> 0 NO NO 8 <nil> <nil>] " +
		"[name 12 varchar 40 <nil> <nil> 1 YES NO 40 <nil> none] " +
		"[qty 3 decimal 8 2 10 1 YES NO <nil> <nil> <nil>] " +
		"[f 8 float 15 <nil> 2 1 YES NO <nil> <nil> <nil>] " +
		"[d 91 date 10 <nil> <nil> 1 YES NO <nil> 1 <nil>] " +
		"[b -5 bigint 19 0 10 1 YES NO <nil> <nil> <nil>]]"
	eq(t, "catalog routines", rowsText(rows), want)
	wantErr(t, s, -674, "SELECT informix.schema_precision(1) FROM systables WHERE tabid = 1")
}

// CREATE PROCEDURE records its parameters and RETURNING values where
// getProcedureColumns reads them; DROP removes them.
func TestRoutineParametersInSysproccolumns(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE PROCEDURE rp (a INTEGER, b VARCHAR(10)) RETURNING INTEGER; RETURN a + 1; END PROCEDURE")
	rows := query(t, s, `SELECT pc.paramid, pc.paramname, pc.paramtype, pc.paramlen, pc.paramattr
		FROM sysprocedures p, sysproccolumns pc WHERE p.procid = pc.procid AND p.procname = 'rp' ORDER BY pc.paramid`)
	eq(t, "sysproccolumns rows", rowsText(rows), "[[1 a 2 4 1] [2 b 13 10 1] [3  2 4 5]]")
	exec(t, s, "DROP PROCEDURE rp")
	eq(t, "rows after DROP", one(t, s, "SELECT count(*) FROM sysproccolumns"), Value(Decimal("0")))
}

// A FOREIGN KEY leaves the rows IBM JDBC's getImportedKeys joins: an 'R'
// constraint with an index on the referencing columns and a sysreferences
// row naming the referenced primary key; DROP TABLE removes them.
func TestForeignKeyInCatalog(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE fk_p (id INTEGER, code CHAR(3), PRIMARY KEY (id) CONSTRAINT fk_p_pk, UNIQUE (code))")
	exec(t, s, "CREATE TABLE fk_c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES fk_p, pcode CHAR(3),"+
		" FOREIGN KEY (pcode) REFERENCES fk_p (code) ON DELETE CASCADE CONSTRAINT fk_c_code)")
	rows := query(t, s, `SELECT pt.tabname, pc.colname, ft.tabname, fc.colname, pk.constrname, r.delrule,
		CASE WHEN fk.constrname = 'fk_c_code' THEN fk.constrname ELSE 'default' END
		FROM systables pt, syscolumns pc, sysindexes pi, sysconstraints pk, systables ft, syscolumns fc,
		sysindexes fi, sysconstraints fk, sysreferences r
		WHERE pt.tabid = pc.tabid AND pc.tabid = pi.tabid AND pt.tabid = pk.tabid AND pk.constrid = r.primary
		AND r.constrid = fk.constrid AND pi.idxname = pk.idxname AND fi.idxname = fk.idxname AND ft.tabid = fc.tabid
		AND fc.tabid = fi.tabid AND ft.tabid = fk.tabid AND pc.colno = ABS(pi.part1) AND fc.colno = ABS(fi.part1)
		AND r.ptabid = pt.tabid AND fk.constrtype = 'R' ORDER BY fc.colno`)
	eq(t, "referential constraints", rowsText(rows), "[[fk_p id fk_c pid fk_p_pk R default] [fk_p code fk_c pcode u_fk_p_2 C fk_c_code]]")
	eq(t, "default FK name", one(t, s, "SELECT count(*) FROM sysconstraints c, systables t WHERE c.tabid = t.tabid AND t.tabname = 'fk_c' AND c.constrname MATCHES 'r[0-9]*_[0-9]*'"), Value(Decimal("1")))
	wantErr(t, s, -297, "CREATE TABLE fk_bad (a INTEGER REFERENCES fk_c (pcode))")
	exec(t, s, "DROP TABLE fk_c")
	eq(t, "sysreferences after DROP TABLE", one(t, s, "SELECT count(*) FROM sysreferences"), Value(Decimal("0")))
	eq(t, "R constraints after DROP TABLE", one(t, s, "SELECT count(*) FROM sysconstraints WHERE constrtype = 'R'"), Value(Decimal("0")))
}

// getProcedureColumns reads a routine's parameter and return types through
// ifx_param_types/ifx_ret_types and fails on NULL.
func TestRoutineTypeLists(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE FUNCTION rt (a INTEGER, b VARCHAR(10)) RETURNING INTEGER, DECIMAL(8,2); RETURN a, 1.5; END FUNCTION")
	exec(t, s, "CREATE PROCEDURE rn () END PROCEDURE")
	rows := query(t, s, `SELECT p.procname, testdb:ifx_param_types(p.procid), ifx_ret_types(p.procid) FROM sysprocedures p
		WHERE p.procname IN ('rt', 'rn') ORDER BY 1`)
	eq(t, "type lists", rowsText(rows), "[[rn  ] [rt integer,varchar(10,0) integer,decimal(8,2)]]")
}
