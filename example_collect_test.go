package ifx_test

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"os"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

// Rows into structs, matched by column name: a db tag, or the field name
// ignoring case and underscores.
func ExampleCollectRows() {
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

	type table struct {
		TabID   int32
		Name    string `db:"tabname"`
		Columns int    `db:"ncols"`
	}
	rows, err := conn.Query(ctx, "SELECT tabid, tabname, ncols FROM systables WHERE tabid < ? ORDER BY tabid", 3)
	if err != nil {
		log.Fatal(err)
	}
	tables, err := ifx.CollectRows(rows, ifx.RowToStructByName[table])
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range tables {
		fmt.Printf("%d %s\n", t.TabID, t.Name)
	}

	rows, err = conn.Query(ctx, "SELECT COUNT(*) FROM systables WHERE tabid < ?", 3)
	if err != nil {
		log.Fatal(err)
	}
	n, err := ifx.CollectOneRow(rows, ifx.RowTo[int])
	fmt.Println(n, err)
	// Output:
	// 1 systables
	// 2 syscolumns
	// 2 <nil>
}

// Logging every statement with log/slog.
func ExampleSlogTracer() {
	srv, err := ifxtest.Start(ifxtest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	cfg, err := ifx.ParseConfig(srv.DSN("testdb"))
	if err != nil {
		log.Fatal(err)
	}
	// Records without the varying parts (the time of day, durations, the
	// test server's port).
	quiet := func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey || a.Key == "duration" || a.Key == "hosts" {
			return slog.Attr{}
		}
		return a
	}
	cfg.Tracer = &ifx.SlogTracer{Logger: slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: quiet}))}
	ctx := context.Background()
	conn, err := ifx.ConnectConfig(ctx, cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	conn.QueryRow(ctx, "SELECT COUNT(*) FROM systables WHERE tabid < ?", 3).Scan(&n)
	conn.Exec(ctx, "DROP TABLE nosuch")
	// Output:
	// level=INFO msg="ifx: connect" server=informix database=testdb user=informix
	// level=INFO msg="ifx: query" server=informix tag="SELECT 1" sql="SELECT COUNT(*) FROM systables WHERE tabid < ?"
	// level=ERROR msg="ifx: query" server=informix sql="DROP TABLE nosuch" err="ifx: -206: The specified table (nosuch) is not in the database. (ISAM -111: no record found)"
}

// A transaction that commits when the function succeeds and rolls back
// when it fails; tx.Begin nests one (a savepoint).
func ExampleBeginFunc() {
	srv, err := ifxtest.Start(ifxtest.Config{})
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
	if _, err := conn.Exec(ctx, "CREATE TABLE account (id INTEGER, balance DECIMAL(10,2))"); err != nil {
		log.Fatal(err)
	}

	err = ifx.BeginFunc(ctx, conn.Begin, func(tx *ifx.Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO account VALUES (1, 100)"); err != nil {
			return err
		}
		// The nested transaction fails and is rolled back alone.
		err := ifx.BeginFunc(ctx, tx.Begin, func(tx *ifx.Tx) error {
			if _, err := tx.Exec(ctx, "UPDATE account SET balance = balance - 500 WHERE id = 1"); err != nil {
				return err
			}
			return fmt.Errorf("insufficient funds")
		})
		fmt.Println("nested:", err)
		return nil
	})
	fmt.Println("outer:", err)

	var balance string
	conn.QueryRow(ctx, "SELECT balance FROM account WHERE id = 1").Scan(&balance)
	fmt.Println("balance:", balance)
	// Output:
	// nested: insufficient funds
	// outer: <nil>
	// balance: 100.00
}
