package informix

import (
	"database/sql"
	"database/sql/driver"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/stdlib"
)

// builtRow is one row's INSERT, built by GORM's clause builders.
type builtRow struct {
	sql  string
	vars []any
}

// createBatch runs a Create of several rows as one-row INSERTs on the
// pipelined batch path (ifx.Conn.SendBatch): the distinct INSERT texts
// are prepared in one round trip and the executions travel together,
// some 800 to a request group, instead of one round trip per row. IDS has
// no multi-row VALUES, so this is how a batch Create stays one round
// trip or two. It reports false, having done nothing, when the
// statement's connection pool offers no ifx connection (a *sql.Tx that
// was not begun through this dialector, another driver): the caller then
// runs the rows one by one.
func createBatch(db *gorm.DB, columns []clause.Column, values [][]any) bool {
	sc, done, ok := nativeSQLConn(db)
	if !ok {
		return false
	}
	defer done()
	stmt := db.Statement
	rows := make([]builtRow, 0, len(values))
	for _, row := range values {
		buildRow(stmt, columns, row)
		if db.Error != nil {
			return true
		}
		rows = append(rows, builtRow{sql: stmt.SQL.String(), vars: append([]any(nil), stmt.Vars...)})
	}
	handled := false
	var (
		tags []ifx.CommandTag
		err  error
	)
	rawErr := sc.Raw(func(dc any) error {
		c, ok := stdlib.UnwrapConn(dc)
		if !ok {
			return nil
		}
		handled = true
		b := &ifx.Batch{}
		for _, r := range rows {
			args, cerr := convertArgs(c, r.vars)
			if cerr != nil {
				err = cerr
				return nil
			}
			b.Queue(r.sql, args...)
		}
		br := c.Conn().SendBatch(stmt.Context, b)
		for range rows {
			t, terr := br.Exec()
			if terr != nil {
				err = terr
				break
			}
			tags = append(tags, t)
		}
		if cerr := br.Close(); err == nil {
			err = cerr
		}
		return nil
	})
	if rawErr != nil {
		db.AddError(rawErr)
		return true
	}
	if !handled {
		return false
	}
	var affected int64
	for i, t := range tags {
		affected += t.RowsAffected()
		if id, ok := t.LastInsertID(); ok && t.RowsAffected() > 0 {
			setKey(db, i, id)
		}
	}
	db.RowsAffected = affected
	if stmt.Result != nil {
		stmt.Result.RowsAffected = affected
	}
	db.AddError(err)
	return true
}

// nativeSQLConn returns the *sql.Conn under the statement's connection
// pool: the transaction's own (see pool), or one taken from the pool for
// this batch outside a transaction (each row then commits on its own, as
// one-row Execs would); done gives a taken one back.
func nativeSQLConn(db *gorm.DB) (sc *sql.Conn, done func(), ok bool) {
	p := db.Statement.ConnPool
	switch v := p.(type) {
	case *gorm.PreparedStmtTX:
		p = v.Tx
	case *gorm.PreparedStmtDB:
		p = v.ConnPool
	}
	switch v := p.(type) {
	case *txPool:
		return v.conn, func() {}, true
	case *sql.Conn:
		return v, func() {}, true
	case *pool:
		c, err := v.DB.Conn(db.Statement.Context)
		if err != nil {
			return nil, nil, false
		}
		return c, func() { c.Close() }, true
	}
	return nil, nil, false
}

// convertArgs gives the native API the values database/sql would pass
// the driver: what the driver binds itself stays (ifxtype values,
// driver.Valuer), the rest (pointers, named types) goes through
// database/sql's default conversion.
func convertArgs(c *stdlib.Conn, vars []any) ([]any, error) {
	out := make([]any, len(vars))
	for i, v := range vars {
		nv := driver.NamedValue{Ordinal: i + 1, Value: v}
		err := c.CheckNamedValue(&nv)
		switch {
		case err == nil:
			out[i] = nv.Value
		case errors.Is(err, driver.ErrSkip):
			cv, cerr := driver.DefaultParameterConverter.ConvertValue(v)
			if cerr != nil {
				return nil, cerr
			}
			out[i] = cv
		default:
			return nil, err
		}
	}
	return out, nil
}
