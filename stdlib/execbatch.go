package stdlib

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ifxgo/ifx"
)

// ExecBatch runs query once for each element of rows on conn's native
// connection, pipelined as ifx.Stmt.ExecBatch does: one round trip
// prepares the statement, then the executions travel some 800 to a
// request group, the statement's release with the last one. It returns
// one CommandTag per execution that ran.
//
// A row the server refuses, or whose values cannot be encoded, stops the
// batch with an *ifx.BatchError whose Index is the row's 0-based
// position: the rows before it ran, it and the rest did not, and the
// connection stays usable. Outside a transaction each row commits on its
// own, as with Exec; for an atomic batch, begin one on conn
// (conn.BeginTx) and run ExecBatch on conn before the Tx's Commit: the
// rows then belong to that transaction.
//
// The values are bound as the native API binds them (see package ifx):
// database/sql's conversions (pointers, named types) do not apply.
func ExecBatch(ctx context.Context, conn *sql.Conn, query string, rows [][]any) ([]ifx.CommandTag, error) {
	var (
		tags []ifx.CommandTag
		err  error
	)
	rawErr := conn.Raw(func(dc any) error {
		c, ok := UnwrapConn(dc)
		if !ok {
			return fmt.Errorf("stdlib: ExecBatch: %T is not a connection of this driver", dc)
		}
		tags, err = nativeExecBatch(ctx, c.conn, query, rows)
		return nil
	})
	if rawErr != nil {
		return nil, rawErr
	}
	return tags, err
}

// nativeExecBatch is ExecBatch on the native connection: one
// ifx.Conn.SendBatch of query, which prepares it once.
func nativeExecBatch(ctx context.Context, c *ifx.Conn, query string, rows [][]any) ([]ifx.CommandTag, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	b := &ifx.Batch{}
	for _, r := range rows {
		b.Queue(query, r...)
	}
	br := c.SendBatch(ctx, b)
	tags := make([]ifx.CommandTag, 0, len(rows))
	for range rows {
		t, err := br.Exec()
		if err != nil {
			return tags, err
		}
		tags = append(tags, t)
	}
	return tags, br.Close()
}
