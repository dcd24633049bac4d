package ifxotel_test

import (
	"testing"

	"github.com/XSAM/otelsql"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/stdlib"
)

// With XSAM/otelsql wrapped around the driver (database/sql-level spans
// instead of this package's), the native connection stays reachable:
// stdlib.AcquireConn and stdlib.ExecBatch see through otelsql's
// connection.
func TestAcquireConnUnderOtelsql(t *testing.T) {
	srv := ifxtest.NewServer(t)
	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	t.Cleanup(func() { tp.Shutdown(t.Context()) })
	db, err := otelsql.Open("informix", srv.DSN("testdb"), otelsql.WithTracerProvider(tp))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := ctxT(t)

	conn, release, err := stdlib.AcquireConn(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if !conn.DatabaseInfo().Logged {
		t.Error("testdb should report a logged database")
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}

	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	if _, err := sc.ExecContext(ctx, "CREATE TEMP TABLE otel_wrapped (id INT)"); err != nil {
		t.Fatal(err)
	}
	if tags, err := stdlib.ExecBatch(ctx, sc, "INSERT INTO otel_wrapped VALUES (?)", [][]any{{1}, {2}}); err != nil || len(tags) != 2 {
		t.Fatalf("ExecBatch: %d tags, %v", len(tags), err)
	}
	var n int
	if err := sc.QueryRowContext(ctx, "SELECT COUNT(*) FROM otel_wrapped").Scan(&n); err != nil || n != 2 {
		t.Fatalf("count %d, %v", n, err)
	}
	if len(sr.Ended()) == 0 {
		t.Error("otelsql recorded no spans: the driver was not wrapped")
	}
}
