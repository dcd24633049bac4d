package informix

import (
	"context"
	"database/sql"
	"errors"

	"gorm.io/gorm"
)

// pool is the *sql.DB GORM runs on, with one change: a transaction is
// begun on a connection of its own (a *sql.Conn) that the dialector
// keeps, so that a batch Create inside it can run on that connection's
// native ifx.Conn, pipelined, and still belong to the transaction. A
// *sql.Tx alone offers no way to its connection.
type pool struct {
	*sql.DB
}

// GetDBConn implements gorm.GetDBConnector: db.DB() returns the *sql.DB.
func (p *pool) GetDBConn() (*sql.DB, error) { return p.DB, nil }

// BeginTx implements gorm.ConnPoolBeginner (it hides *sql.DB's BeginTx,
// which GORM would otherwise take as a gorm.TxBeginner).
func (p *pool) BeginTx(ctx context.Context, opts *sql.TxOptions) (gorm.ConnPool, error) {
	conn, err := p.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, opts)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return &txPool{Tx: tx, conn: conn, db: p.DB}, nil
}

// txPool is a transaction of pool: a gorm.Tx over the *sql.Tx, which
// returns its connection to the pool when it ends.
type txPool struct {
	*sql.Tx
	conn *sql.Conn
	db   *sql.DB
}

// GetDBConn implements gorm.GetDBConnector.
func (t *txPool) GetDBConn() (*sql.DB, error) { return t.db, nil }

// Commit implements gorm.TxCommitter.
func (t *txPool) Commit() error {
	return errors.Join(t.Tx.Commit(), t.conn.Close())
}

// Rollback implements gorm.TxCommitter. GORM rolls back after a failed
// Commit too; the connection is closed once (Close is idempotent for
// database/sql's purposes: a second one reports sql.ErrConnDone, which
// is dropped here).
func (t *txPool) Rollback() error {
	err := t.Tx.Rollback()
	if cerr := t.conn.Close(); cerr != nil && !errors.Is(cerr, sql.ErrConnDone) {
		err = errors.Join(err, cerr)
	}
	return err
}

var (
	_ gorm.ConnPool         = (*pool)(nil)
	_ gorm.ConnPoolBeginner = (*pool)(nil)
	_ gorm.GetDBConnector   = (*pool)(nil)
	_ gorm.Tx               = (*txPool)(nil)
	_ gorm.GetDBConnector   = (*txPool)(nil)
)
