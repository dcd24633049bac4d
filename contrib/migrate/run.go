package ifxmigrate

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/golang-migrate/migrate/v4/database"
	"github.com/ifxgo/ifx"
)

// Run executes a migration file statement by statement, split by
// ifx.SplitStatements, and stops at the first failure with an error that
// names the statement and the line it starts on.
func (d *Informix) Run(migration io.Reader) error {
	max := d.cfg.MultiStatementMaxSize
	b, err := io.ReadAll(io.LimitReader(migration, int64(max)+1))
	if err != nil {
		return err
	}
	if len(b) > max {
		return fmt.Errorf("ifxmigrate: migration larger than %d bytes (x-multi-statement-max-size)", max)
	}
	script := string(b)
	from := 0
	for _, stmt := range ifx.SplitStatements(script) {
		line := uint(0)
		if i := strings.Index(script[from:], stmt); i >= 0 {
			line = uint(strings.Count(script[:from+i], "\n") + 1)
			from += i + len(stmt)
		}
		if err := d.exec(stmt); err != nil {
			return database.Error{OrigErr: err, Err: "migration failed", Query: []byte(stmt), Line: line}
		}
	}
	return nil
}

// exec runs one statement under Config.StatementTimeout.
func (d *Informix) exec(stmt string) error {
	ctx := context.Background()
	if d.cfg.StatementTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d.cfg.StatementTimeout)
		defer cancel()
	}
	_, err := d.conn.ExecContext(ctx, stmt)
	return err
}
