package ifx_test

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/ifxtype"
)

// insertRows are bench/'s insert workload rows: INTEGER, BIGINT,
// VARCHAR(32), DECIMAL(12,2), DATETIME YEAR TO SECOND.
func insertRows(n int) [][]any {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([][]any, n)
	for i := range out {
		v := int64(i + 1)
		d, _ := ifxtype.DecimalFromBigInt(big.NewInt(v*1234), 2)
		out[i] = []any{int32(v), v * 1_000_000_000, fmt.Sprintf("name%d", v), d, base.Add(time.Duration(v) * time.Second)}
	}
	return out
}

// BenchmarkExecBatch10k is bench/'s insert workload against an
// in-process ifxtest: 10,000 rows with Stmt.ExecBatch in one transaction
// (client and server CPU both count).
func BenchmarkExecBatch10k(b *testing.B) {
	srv := ifxtest.NewServer(b)
	ctx := context.Background()
	c, err := ifx.Connect(ctx, srv.DSN("testdb"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE TABLE ins (id INTEGER NOT NULL PRIMARY KEY, b BIGINT, name VARCHAR(32), amount DECIMAL(12,2), ts DATETIME YEAR TO SECOND)"); err != nil {
		b.Fatal(err)
	}
	rows := insertRows(10000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Exec(ctx, "DELETE FROM ins"); err != nil {
			b.Fatal(err)
		}
		tx, err := c.Begin(ctx)
		if err != nil {
			b.Fatal(err)
		}
		st, err := tx.Prepare(ctx, "INSERT INTO ins (id, b, name, amount, ts) VALUES (?, ?, ?, ?, ?)")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.ExecBatch(ctx, rows); err != nil {
			b.Fatal(err)
		}
		st.Close(ctx)
		if err := tx.Commit(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeBatch is the client's share of ExecBatch per row: the
// server answers every group at once (a fake that only counts EXECUTEs).
func BenchmarkEncodeBatch(b *testing.B) {
	desc := fetch5Desc()
	desc.StmtType = 6 // INSERT
	desc.Columns = nil
	fs := streamServer(b, desc, fetch5Row, 0)
	c := benchConn(b, fs)
	ctx := context.Background()
	st, err := c.Prepare(ctx, "INSERT INTO t VALUES (?, ?, ?, ?, ?)")
	if err != nil {
		b.Fatal(err)
	}
	rows := insertRows(10000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.ExecBatch(ctx, rows); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(rows)), "ns/row")
}
