package ifx_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/sqli"
)

// Calling routines by the fast path. The ifxtest server stands in for a
// server with a UDR "scale"; ifx_lo_close is a system routine of IDS.
func ExampleConn_CallRoutine() {
	srv, err := ifxtest.Start(ifxtest.Config{Routines: []ifxtest.Routine{{
		Signature: "function app.scale(integer, float)",
		Returns:   []sqli.TypeCode{sqli.TypeFloat},
		Func: func(args []any) ([]any, error) {
			return []any{float64(args[0].(int64)) * args[1].(float64)}, nil
		},
	}}})
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

	vals, err := conn.CallRoutine(ctx, "function app.scale(integer, float)", 4, 2.5)
	fmt.Println(vals, err)

	// No smart large object is open under descriptor 12.
	_, err = conn.CallRoutine(ctx, "function informix.ifx_lo_close(integer)", 12)
	var ie *ifx.Error
	fmt.Println(errors.As(err, &ie), ie.SQLCode)

	_, err = conn.CallRoutine(ctx, "function informix.no_such_routine(integer)", 1)
	fmt.Println(err)
	// Output:
	// [10] <nil>
	// true -9810
	// ifx: -674: Routine (no_such_routine) can not be resolved.
}
