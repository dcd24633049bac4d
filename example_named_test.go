package ifx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

// @name placeholders bound by name; a name may be used more than once.
func ExampleNamedArgs() {
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

	var name string
	err = conn.QueryRow(ctx, "SELECT tabname FROM systables WHERE tabid BETWEEN @id AND @id + 1 ORDER BY tabid",
		ifx.NamedArgs{"id": 1}).Scan(&name)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(name)
	// Output: systables
}
