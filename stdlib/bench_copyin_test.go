package stdlib_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/ifxgo/ifx/stdlib"
)

// BenchmarkInsert10k inserts 10,000 rows of four columns in one
// transaction: natively with Stmt.ExecBatch, through database/sql with
// stdlib.CopyIn, and with stdlib.ExecBatch; sql-floor is database/sql's
// own part of sql-CopyIn (the same Execs over a driver that does
// nothing). client-cpu-ns/op is
// this process's CPU (the server runs in a child process).
func BenchmarkInsert10k(b *testing.B) {
	dsn := benchDSN(b)
	ctx := context.Background()
	const n = 10000
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{int32(i), int64(i) * 1e9, fmt.Sprintf("name%d", i), base.Add(time.Duration(i) * time.Second)}
	}
	const ddl = "(id INTEGER, b BIGINT, name VARCHAR(30), ts DATETIME YEAR TO SECOND)"
	const ins = "INSERT INTO bi (id, b, name, ts) VALUES (?, ?, ?, ?)"
	db, err := sql.Open("informix", dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	run := func(b *testing.B, fill func(tx *sql.Tx, sc *sql.Conn) error) {
		sc, err := db.Conn(ctx)
		if err != nil {
			b.Fatal(err)
		}
		defer sc.Close()
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			sc.ExecContext(ctx, "DROP TABLE IF EXISTS bi")
			if _, err := sc.ExecContext(ctx, "CREATE TABLE bi "+ddl); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			cpu0 := processCPU()
			tx, err := sc.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := fill(tx, sc); err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			cpu += processCPU() - cpu0
		}
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "client-cpu-ns/op")
	}
	b.Run("native-ExecBatch", func(b *testing.B) {
		run(b, func(_ *sql.Tx, sc *sql.Conn) error {
			return sc.Raw(func(dc any) error {
				c := dc.(*stdlib.Conn).Conn()
				st, err := c.Prepare(ctx, ins)
				if err != nil {
					return err
				}
				defer st.Close(ctx)
				_, err = st.ExecBatch(ctx, rows)
				return err
			})
		})
	})
	b.Run("sql-CopyIn", func(b *testing.B) {
		run(b, func(tx *sql.Tx, _ *sql.Conn) error {
			st, err := tx.PrepareContext(ctx, stdlib.CopyIn("bi", "id", "b", "name", "ts"))
			if err != nil {
				return err
			}
			for _, r := range rows {
				if _, err := st.ExecContext(ctx, r...); err != nil {
					return err
				}
			}
			return st.Close()
		})
	})
	b.Run("sql-floor", func(b *testing.B) {
		// database/sql alone over a driver that does nothing, with the
		// same rows live: its garbage, and the collections it causes
		// over the caller's rows, are a part of sql-CopyIn's cost that
		// no driver can remove.
		fdb := sql.OpenDB(execFloorConnector{})
		defer fdb.Close()
		var cpu time.Duration
		for b.Loop() {
			cpu0 := processCPU()
			tx, err := fdb.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			st, err := tx.PrepareContext(ctx, "floor")
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range rows {
				if _, err := st.ExecContext(ctx, r...); err != nil {
					b.Fatal(err)
				}
			}
			st.Close()
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			cpu += processCPU() - cpu0
		}
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "client-cpu-ns/op")
	})
	b.Run("sql-ExecBatch", func(b *testing.B) {
		run(b, func(_ *sql.Tx, sc *sql.Conn) error {
			_, err := stdlib.ExecBatch(ctx, sc, ins, rows)
			return err
		})
	})
}
