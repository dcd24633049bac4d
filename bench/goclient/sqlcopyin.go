package main

import (
	"context"

	"github.com/ifxgo/ifx/bench/internal/benchclient"
	"github.com/ifxgo/ifx/stdlib"
)

// -mode sqlcopyin, client "ifx-sql-copyin": the insert workload through
// database/sql's bulk path, stdlib.CopyIn (lib/pq's pq.CopyIn shape): a
// Stmt.ExecContext per row that queues it, pipelined to the server by
// the driver. The other workloads are those of ifx-sql and print no line.

func init() {
	modes["sqlcopyin"] = func() (client, error) { return copyInClient{}, nil }
}

type copyInClient struct{ sqlClient }

func (copyInClient) name() string { return "ifx-sql-copyin" }

func (c copyInClient) workloads() map[string]workload {
	return map[string]workload{"insert": c.insert}
}

// insert: one Tx per run; Exec per row queues it, Exec() flushes.
func (c copyInClient) insert(ctx context.Context) (*benchclient.Result, error) {
	j, err := newInsertJob(ctx, "sqlcopyin", c.admin)
	if err != nil {
		return nil, err
	}
	db, conn, err := c.conn(ctx)
	if err != nil {
		return nil, err
	}
	err = j.time(func(table string) error {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, stdlib.CopyIn(table, "id", "b", "name", "amount", "ts"))
		if err != nil {
			tx.Rollback()
			return err
		}
		for _, a := range j.args {
			if _, err := st.ExecContext(ctx, a...); err != nil {
				st.Close()
				tx.Rollback()
				return err
			}
		}
		if _, err := st.ExecContext(ctx); err != nil {
			st.Close()
			tx.Rollback()
			return err
		}
		if err := st.Close(); err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit()
	})
	conn.Close()
	db.Close()
	if err != nil {
		return j.r, err
	}
	return j.finish(ctx, "stdlib.CopyIn: Stmt.ExecContext per row queues it, pipelined by the driver, inside one Tx")
}
