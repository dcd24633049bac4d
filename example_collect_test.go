package ifx_test

import (
	"context"
	"fmt"
	"log"

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
