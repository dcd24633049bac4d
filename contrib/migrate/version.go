package ifxmigrate

import (
	"context"
	"database/sql"
	"errors"

	"github.com/golang-migrate/migrate/v4/database"
	"github.com/ifxgo/ifx"
)

// SetVersion replaces the row of the migrations table, in a transaction
// when the database is logged. A NilVersion that is dirty is stored too,
// as migrate's other drivers do, so that a failed first down migration
// stays visible.
func (d *Informix) SetVersion(version int, dirty bool) error {
	ctx := context.Background()
	var ex interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
	} = d.conn
	var tx *sql.Tx
	if d.logged {
		var err error
		if tx, err = d.conn.BeginTx(ctx, nil); err != nil {
			return &database.Error{OrigErr: err, Err: "transaction start failed"}
		}
		ex = tx
	}
	fail := func(err error, q string) error {
		if tx != nil {
			err = errors.Join(err, tx.Rollback())
		}
		return &database.Error{OrigErr: err, Query: []byte(q)}
	}
	q := "DELETE FROM " + d.cfg.MigrationsTable
	if _, err := ex.ExecContext(ctx, q); err != nil {
		return fail(err, q)
	}
	if version >= 0 || (version == database.NilVersion && dirty) {
		q = "INSERT INTO " + d.cfg.MigrationsTable + " (version, dirty) VALUES (?, ?)"
		if _, err := ex.ExecContext(ctx, q, int64(version), dirty); err != nil {
			return fail(err, q)
		}
	}
	if tx != nil {
		if err := tx.Commit(); err != nil {
			return &database.Error{OrigErr: err, Err: "transaction commit failed"}
		}
	}
	return nil
}

// Version returns the stored version, or NilVersion when there is none
// (also when the migrations table was dropped).
func (d *Informix) Version() (version int, dirty bool, err error) {
	q := "SELECT FIRST 1 version, dirty FROM " + d.cfg.MigrationsTable
	var v int64
	err = d.conn.QueryRowContext(context.Background(), q).Scan(&v, &dirty)
	switch {
	case errors.Is(err, sql.ErrNoRows), ifx.IsNoSuchTable(err):
		return database.NilVersion, false, nil
	case err != nil:
		return 0, false, &database.Error{OrigErr: err, Query: []byte(q)}
	}
	return int(v), dirty, nil
}
