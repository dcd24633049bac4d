package ifx

import (
	"context"
	"strconv"
)

// Begin starts a nested transaction inside tx: a savepoint (SAVEPOINT),
// which its Commit releases (RELEASE SAVEPOINT) and its Rollback rolls
// back to (ROLLBACK TO SAVEPOINT), leaving tx open either way. Nesting
// may go on. As with pgx, committing or rolling back tx itself ends the
// nested ones with it.
func (tx *Tx) Begin(ctx context.Context) (*Tx, error) {
	if tx.isClosed() {
		return nil, ErrTxClosed
	}
	c := tx.c
	c.savepoints++
	name := "ifx_sp_" + strconv.Itoa(c.savepoints)
	if _, err := c.Exec(ctx, "SAVEPOINT "+name); err != nil {
		return nil, err
	}
	return &Tx{c: c, savepoint: name, parent: tx}, nil
}

// endNested ends a nested transaction with sql; it stays open when the
// server refuses and the session lives on.
func (tx *Tx) endNested(ctx context.Context, sql string) error {
	if tx.isClosed() {
		tx.closed = true
		return ErrTxClosed
	}
	_, err := tx.c.Exec(ctx, sql)
	if err == nil || tx.c.IsClosed() {
		tx.closed = true
	}
	return err
}

// isClosed reports whether tx or a transaction it is nested in ended.
func (tx *Tx) isClosed() bool {
	for t := tx; t != nil; t = t.parent {
		if t.closed {
			return true
		}
	}
	return false
}
