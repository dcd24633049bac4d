package engine

import "testing"

// Flyway's history table gets its CHECK and primary key this way.
func TestAlterTableAddCheckAndPrimaryKey(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE ac_h (rank INTEGER, success SMALLINT)")
	exec(t, s, "INSERT INTO ac_h VALUES (1, 1)")
	exec(t, s, "ALTER TABLE ac_h ADD CONSTRAINT CHECK (success IN (0,1)) CONSTRAINT ac_h_s")
	wantErr(t, s, -530, "INSERT INTO ac_h VALUES (2, 7)")
	exec(t, s, "ALTER TABLE ac_h ADD CONSTRAINT PRIMARY KEY (rank) CONSTRAINT ac_h_pk")
	e268 := wantErr(t, s, -268, "INSERT INTO ac_h VALUES (1, 0)")
	eq(t, "constraint named", e268.Near, "tester.ac_h_pk")
	wantErr(t, s, -391, "INSERT INTO ac_h VALUES (NULL, 0)")
	eq(t, "catalog", rowsText(query(t, s, `SELECT c.constrname, c.constrtype FROM sysconstraints c, systables t
		WHERE c.tabid = t.tabid AND t.tabname = 'ac_h' ORDER BY c.constrid`)), "[[ac_h_s C] [ac_h_pk P]]")
	eq(t, "check text", one(t, s, "SELECT trim(checktext) FROM syschecks k, sysconstraints c WHERE k.constrid = c.constrid AND c.constrname = 'ac_h_s'"), Value("(success IN (0,1))"))
	eq(t, "pk column NOT NULL in syscolumns", one(t, s, "SELECT coltype FROM syscolumns c, systables t WHERE c.tabid = t.tabid AND t.tabname = 'ac_h' AND colname = 'rank'"), Value(int64(258)))
	// Existing rows are checked first.
	wantErr(t, s, -530, "ALTER TABLE ac_h ADD CONSTRAINT CHECK (rank > 5) CONSTRAINT ac_h_r")
	exec(t, s, "CREATE TABLE ac_d (a INTEGER)")
	exec(t, s, "INSERT INTO ac_d VALUES (1)")
	exec(t, s, "INSERT INTO ac_d VALUES (1)")
	wantErr(t, s, -371, "ALTER TABLE ac_d ADD CONSTRAINT UNIQUE (a) CONSTRAINT ac_d_u")
	// DROP CONSTRAINT lifts the rule and the catalog rows.
	exec(t, s, "ALTER TABLE ac_h DROP CONSTRAINT ac_h_s")
	exec(t, s, "INSERT INTO ac_h VALUES (2, 7)")
	exec(t, s, "ALTER TABLE ac_h DROP CONSTRAINT ac_h_pk")
	exec(t, s, "INSERT INTO ac_h VALUES (1, 0)")
	eq(t, "catalog after DROP", one(t, s, "SELECT count(*) FROM sysconstraints c, systables t WHERE c.tabid = t.tabid AND t.tabname = 'ac_h'"), Value(Decimal("0")))
	wantErr(t, s, -623, "ALTER TABLE ac_h DROP CONSTRAINT ac_h_s")
}

// Liquibase's addForeignKeyConstraint and its rollback.
func TestAlterTableAddDropForeignKey(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE af_a (id SERIAL PRIMARY KEY, name VARCHAR(20))")
	exec(t, s, "CREATE TABLE af_b (id SERIAL PRIMARY KEY, aid INTEGER)")
	exec(t, s, "INSERT INTO af_a (name) VALUES ('x')")
	exec(t, s, "INSERT INTO af_b (aid) VALUES (9)")
	wantErr(t, s, -691, "ALTER TABLE af_b ADD CONSTRAINT FOREIGN KEY (aid) REFERENCES af_a (id) CONSTRAINT af_b_a")
	exec(t, s, "DELETE FROM af_b")
	exec(t, s, "ALTER TABLE af_b ADD CONSTRAINT FOREIGN KEY (aid) REFERENCES af_a (id) CONSTRAINT af_b_a")
	wantErr(t, s, -691, "INSERT INTO af_b (aid) VALUES (9)")
	exec(t, s, "INSERT INTO af_b (aid) VALUES (1)")
	wantErr(t, s, -692, "DELETE FROM af_a")
	eq(t, "imported key", rowsText(query(t, s, `SELECT pt.tabname, fk.constrname, r.delrule FROM sysconstraints fk, sysreferences r, systables pt
		WHERE fk.constrid = r.constrid AND r.ptabid = pt.tabid AND fk.constrtype = 'R'`)), "[[af_a af_b_a R]]")
	exec(t, s, "ALTER TABLE af_b DROP CONSTRAINT af_b_a")
	exec(t, s, "INSERT INTO af_b (aid) VALUES (9)")
	eq(t, "references after DROP", one(t, s, "SELECT count(*) FROM sysreferences"), Value(Decimal("0")))
	// A constraint CREATE TABLE declared stays (GAP, -999).
	pk := one(t, s, "SELECT constrname FROM sysconstraints c, systables t WHERE c.tabid = t.tabid AND t.tabname = 'af_a'").(string)
	wantErr(t, s, -999, "ALTER TABLE af_a DROP CONSTRAINT "+pk)
}

// Hibernate's bulk delete names the target with an alias, as the DELETE
// syntax allows ({table|view|synonym} [[AS] alias]).
func TestDeleteWithTableAlias(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE da (id INTEGER, qty INTEGER)")
	exec(t, s, "INSERT INTO da VALUES (1, 5)")
	exec(t, s, "INSERT INTO da VALUES (2, 50)")
	eq(t, "rows deleted", exec(t, s, "delete from da i1_0 where i1_0.qty<10").RowsAffected, int64(1))
	eq(t, "rows deleted with AS", exec(t, s, "DELETE FROM da AS where WHERE where.qty > 10").RowsAffected, int64(1))
}
