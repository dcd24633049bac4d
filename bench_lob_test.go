package ifx_test

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/ifxtype"
)

// BenchmarkLargeObjectCopy writes a 64 MiB BLOB with io.Copy, binds it and
// reads it back through Scan into an io.Writer, against in-process
// ifxtest (its SQLite sbspace costs dominate; the client's share is in
// the allocation figures). issue 13's bench/run.sh "lob" workload, which
// compares JDBC and informix-driver, is not built yet.
func BenchmarkLargeObjectCopy(b *testing.B) {
	const size = 64 << 20
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	srv := ifxtest.NewServer(b)
	c, err := ifx.Connect(ctx, srv.DSN("testdb"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE TABLE lo_bench (b BLOB)"); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(2 * size)
	b.ReportAllocs()
	for b.Loop() {
		lo, err := c.CreateLargeObject(ctx, ifxtype.BLOB)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(lo, &patternReader{n: size}); err != nil {
			b.Fatal(err)
		}
		if err := lo.Close(); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Exec(ctx, "DELETE FROM lo_bench"); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Exec(ctx, "INSERT INTO lo_bench VALUES (?)", lo.Locator()); err != nil {
			b.Fatal(err)
		}
		if err := c.QueryRow(ctx, "SELECT b FROM lo_bench").Scan(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
