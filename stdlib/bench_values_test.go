package stdlib_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/stdlib"
)

// columnRows scans an ifx.Rows column by column through scanDriverColumn,
// the direct path Go 1.27's database/sql takes (Rows.ScanColumn).
type columnRows struct{ *ifx.Rows }

func (r columnRows) Scan(dest ...any) error {
	for i, d := range dest {
		if done, err := stdlib.ScanDriverColumn(r.Rows, i, d); !done || err != nil {
			return fmt.Errorf("column %d: taken %v, %v", i, done, err)
		}
	}
	return nil
}

// BenchmarkScan100kDriverColumns is BenchmarkScan100k/native through
// scanDriverColumn: one call per column instead of one Scan per row.
// Next to it, it shows what the direct path costs beyond native Scan.
// (It replaces the root package's BenchmarkFetch100kDriverColumns.)
func BenchmarkScan100kDriverColumns(b *testing.B) {
	dsn := benchDSN(b)
	ctx := context.Background()
	if realServer() {
		b.Skip("the query needs ifxtest's ifx_generate")
	}
	c, err := ifx.Connect(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(ctx)
	benchScan(b, func() (rowScanner, error) {
		rows, err := c.Query(ctx, scan100kSQL)
		return columnRows{rows}, err
	})
}
