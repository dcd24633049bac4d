package ifx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

// Bulk insert: rows streamed from a source, pipelined into a few round
// trips, all or nothing.
func ExampleConn_CopyFrom() {
	srv, err := ifxtest.Start(ifxtest.Config{}) // an Informix-protocol server for the example
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	conn, err := ifx.Connect(ctx, srv.DSN("testdb"))
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE TABLE readings (id INTEGER PRIMARY KEY, celsius DECIMAL(5,1))"); err != nil {
		log.Fatal(err)
	}

	n, err := conn.CopyFrom(ctx, ifx.Identifier{"readings"}, []string{"id", "celsius"},
		ifx.CopyFromSlice(5000, func(i int) ([]any, error) {
			return []any{i, float64(i%400) / 10}, nil
		}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("inserted", n)

	// A failing row undoes the whole copy.
	_, err = conn.CopyFrom(ctx, ifx.Identifier{"readings"}, []string{"id", "celsius"},
		ifx.CopyFromRows([][]any{{5000, 21.5}, {7, 19.0}}))
	fmt.Println("duplicate:", ifx.IsUniqueViolation(err))

	var count int
	if err := conn.QueryRow(ctx, "SELECT COUNT(*) FROM readings").Scan(&count); err != nil {
		log.Fatal(err)
	}
	fmt.Println("rows", count)
	// Output:
	// inserted 5000
	// duplicate: true
	// rows 5000
}
