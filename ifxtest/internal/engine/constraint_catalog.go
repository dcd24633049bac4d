package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Referential constraints in the catalog, as IDS keeps them (Guide to SQL:
// Reference, SYSCONSTRAINTS and SYSREFERENCES): a sysconstraints row of type
// 'R' whose idxname names an index on the referencing columns, and a
// sysreferences row pointing at the referenced table's primary-key or
// unique constraint (primary) and tabid (ptabid), with delrule 'C' for ON
// DELETE CASCADE and 'R' otherwise. IBM JDBC's getImportedKeys,
// getExportedKeys and getCrossReference join exactly these rows.

// foreignKey is one REFERENCES clause of CREATE TABLE.
type foreignKey struct {
	name string
	cols []string
	ref  *refSpec
}

// foreignKeys lists the referential constraints of a CREATE TABLE, column
// constraints first.
func (ct *createTableStmt) foreignKeys() []foreignKey {
	var fks []foreignKey
	for _, cd := range ct.cols {
		if cd.ref != nil {
			fks = append(fks, foreignKey{name: cd.consName, cols: []string{cd.name}, ref: cd.ref})
		}
	}
	for _, c := range ct.cons {
		if c.kind == 'R' {
			fks = append(fks, foreignKey{name: c.name, cols: c.cols, ref: c.ref})
		}
	}
	return fks
}

// registerForeignKeys records the referential constraints of a new table.
func (s *Session) registerForeignKeys(ctx context.Context, ti *tableInfo, ct *createTableStmt) error {
	for _, fk := range ct.foreignKeys() {
		if err := s.registerForeignKey(ctx, ti, fk); err != nil {
			return err
		}
	}
	return nil
}

func (s *Session) registerForeignKey(ctx context.Context, ti *tableInfo, fk foreignKey) error {
	parent := ti
	if fk.ref.table.name != ti.name {
		var err error
		if parent, err = s.lookupTable(ctx, fk.ref.table); err != nil {
			return err
		}
	}
	// The referenced constraint: the primary key when no columns are
	// named, else the primary-key or unique constraint on those columns.
	var primary int64
	found := false
	want := fk.ref.cols
	for _, u := range parent.uniques {
		if len(want) > 0 && !sameCols(u.cols, want) {
			continue
		}
		var kind string
		err := s.conn.QueryRowContext(ctx, "SELECT constrid, constrtype FROM sysconstraints WHERE tabid = ? AND constrname = ?", parent.tabid, u.name).Scan(&primary, &kind)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		if len(want) > 0 || kind == "P" {
			found = true
			break
		}
	}
	if !found {
		return newErr(-297, 0, parent.name)
	}
	var constrid int64
	if err := s.conn.QueryRowContext(ctx, "SELECT coalesce(max(constrid), 0) + 1 FROM sysconstraints").Scan(&constrid); err != nil {
		return err
	}
	name := fk.name
	if name == "" {
		name = fmt.Sprintf("r%d_%d", ti.tabid, constrid)
	}
	idx := fmt.Sprintf(" %d_%d", ti.tabid, constrid)
	if err := s.insertIndexRow(ctx, ti, idx, false, false, fk.cols, nil); err != nil {
		return err
	}
	if _, err := s.conn.ExecContext(ctx, `INSERT INTO sysconstraints (constrid, constrname, owner, tabid, constrtype, idxname)
		VALUES (?, ?, ?, ?, 'R', ?)`, constrid, name, s.user, ti.tabid, idx); err != nil {
		return err
	}
	del := "R"
	if fk.ref.cascade {
		del = "C"
	}
	_, err := s.conn.ExecContext(ctx, `INSERT INTO sysreferences (constrid, "primary", ptabid, updrule, delrule, matchtype, pendant)
		VALUES (?, ?, ?, 'R', ?, 'N', 'N')`, constrid, primary, parent.tabid, del)
	return err
}

// forgetReferences removes the sysreferences rows of a table being dropped:
// its own referential constraints and, with their sysconstraints and index
// rows, those of other tables that reference it (IDS drops them with it).
func (s *Session) forgetReferences(ctx context.Context, tabid int64) error {
	for _, q := range []string{
		`DELETE FROM sysindices WHERE idxname IN (SELECT c.idxname FROM sysconstraints c, sysreferences r
			WHERE r.constrid = c.constrid AND r.ptabid = ? AND c.tabid <> r.ptabid)`,
		`DELETE FROM sysconstraints WHERE constrid IN (SELECT constrid FROM sysreferences WHERE ptabid = ?)`,
		`DELETE FROM sysreferences WHERE ptabid = ?`,
		`DELETE FROM sysreferences WHERE constrid IN (SELECT constrid FROM sysconstraints WHERE tabid = ?)`,
		`DELETE FROM syschecks WHERE constrid IN (SELECT constrid FROM sysconstraints WHERE tabid = ?)`,
	} {
		if _, err := s.conn.ExecContext(ctx, q, tabid); err != nil {
			return err
		}
	}
	return nil
}

func sameCols(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
