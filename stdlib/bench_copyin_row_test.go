package stdlib_test

import (
	"database/sql"
	"testing"

	"github.com/ifxgo/ifx/stdlib"
)

// BenchmarkCopyInRow: one op = one Stmt.ExecContext of a six-value row
// (copyInRow) in a transaction. "floor" is database/sql alone over a
// driver that does nothing (execFloorConnector); "copyin" queues the row
// on a stdlib.CopyIn statement, which sends the queue every 4,096 rows
// (client-cpu-ns/op counts that encoding too; the server runs in a child
// process). The difference is what the driver adds per row.
func BenchmarkCopyInRow(b *testing.B) {
	args := copyInRow()
	run := func(b *testing.B, db *sql.DB, query string) {
		ctx := b.Context()
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		defer tx.Rollback()
		st, err := tx.PrepareContext(ctx, query)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		cpu0 := processCPU()
		for b.Loop() {
			if _, err := st.ExecContext(ctx, args...); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		if cpu := processCPU() - cpu0; cpu > 0 {
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "client-cpu-ns/op")
		}
	}
	b.Run("floor", func(b *testing.B) {
		db := sql.OpenDB(execFloorConnector{})
		defer db.Close()
		run(b, db, "floor")
	})
	b.Run("copyin", func(b *testing.B) {
		db, err := sql.Open("informix", benchDSN(b))
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		db.Exec("DROP TABLE IF EXISTS ca")
		if _, err := db.Exec("CREATE TABLE ca " + copyInRowTable); err != nil {
			b.Fatal(err)
		}
		run(b, db, stdlib.CopyIn("ca", copyInRowCols...))
	})
}
