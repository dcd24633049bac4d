package stdlib_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/ifxgo/ifx/ifxtype"
)

// BenchmarkScan100kNullable is BenchmarkScan100k/database-sql into the
// nullable destinations code over database/sql uses (sql.NullInt32,
// NullInt64, NullString, Null[ifxtype.Decimal], NullTime): the path a
// typed destination's planned op declines.
func BenchmarkScan100kNullable(b *testing.B) {
	dsn := benchDSN(b)
	ctx := context.Background()
	if realServer() {
		b.Skip("the query needs ifxtest's ifx_generate")
	}
	db, err := sql.Open("informix", dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var (
		id   sql.NullInt32
		big  sql.NullInt64
		name sql.NullString
		amt  sql.Null[ifxtype.Decimal]
		ts   sql.NullTime
	)
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		rows, err := db.QueryContext(ctx, scan100kSQL)
		if err != nil {
			b.Fatal(err)
		}
		k := 0
		for rows.Next() {
			if err := rows.Scan(&id, &big, &name, &amt, &ts); err != nil {
				b.Fatal(err)
			}
			k++
		}
		if err := rows.Err(); err != nil || k != scanRows {
			b.Fatal(k, err)
		}
		if int(id.Int32) != k || big.Int64 != int64(k)*1_000_000_000 || !name.Valid || !amt.Valid || !ts.Valid {
			b.Fatalf("row %d: %v %v %v %v %v", k, id, big, name, amt, ts)
		}
	}
	reportScan(b, cpu0)
}
