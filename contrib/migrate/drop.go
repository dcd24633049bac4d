package ifxmigrate

import (
	"context"
	"errors"
	"strings"

	"github.com/golang-migrate/migrate/v4/database"
)

// Drop drops the tables, views, sequences and synonyms the connected user
// owns (tabid 100 and above: the catalog is below), except the lock
// table, whose row is the lock Drop runs under. Views and synonyms go
// first, as they depend on tables; tables that another still references
// are retried after the others, for a server whose DROP TABLE refuses
// while a foreign key points at the table.
func (d *Informix) Drop() error {
	ctx := context.Background()
	q := "SELECT tabname, tabtype FROM systables WHERE tabid >= 100 AND owner = USER AND tabtype IN ('T', 'V', 'Q', 'S', 'P')"
	rows, err := d.conn.QueryContext(ctx, q)
	if err != nil {
		return &database.Error{OrigErr: err, Query: []byte(q)}
	}
	var first, tables []string // DROP statements
	lockTable := strings.ToLower(d.cfg.LockTable)
	if _, t, ok := strings.Cut(lockTable, "."); ok {
		lockTable = t
	}
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			rows.Close()
			return err
		}
		name = strings.TrimRight(name, " ")
		switch strings.TrimSpace(typ) {
		case "V":
			first = append(first, "DROP VIEW "+name)
		case "S", "P":
			first = append(first, "DROP SYNONYM "+name)
		case "Q":
			tables = append(tables, "DROP SEQUENCE "+name)
		case "T":
			if name != lockTable {
				tables = append(tables, "DROP TABLE "+name)
			}
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return &database.Error{OrigErr: err, Query: []byte(q)}
	}
	for _, stmt := range first {
		if _, err := d.conn.ExecContext(ctx, stmt); err != nil {
			return &database.Error{OrigErr: err, Query: []byte(stmt)}
		}
	}
	for len(tables) > 0 {
		var again []string
		var lastErr error
		for _, stmt := range tables {
			if _, err := d.conn.ExecContext(ctx, stmt); err != nil {
				again, lastErr = append(again, stmt), &database.Error{OrigErr: err, Query: []byte(stmt)}
			}
		}
		if len(again) == len(tables) {
			return lastErr
		}
		tables = again
	}
	return nil
}
