package ifx_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/sqli"
)

const loClose = "function informix.ifx_lo_close(integer)"

// routineServer starts ifxtest with routines and connects to testdb.
func routineServer(t *testing.T, dsnSuffix string, routines ...ifxtest.Routine) (*ifx.Conn, *ifxtest.Server) {
	t.Helper()
	srv := ifxtest.NewServer(t, ifxtest.Config{Routines: routines})
	c, err := ifx.Connect(ctxT(t), srv.DSN("testdb")+dsnSuffix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c, srv
}

func TestCallRoutineInvalidLODescriptor(t *testing.T) {
	c, _ := routineServer(t, "")
	_, err := c.CallRoutine(ctxT(t), loClose, -1)
	var ie *ifx.Error
	if !errors.As(err, &ie) || ie.SQLCode != -9810 {
		t.Fatalf("%v", err)
	}
	// The connection goes on.
	if _, err := c.Exec(ctxT(t), "CREATE TABLE fp_t (i INT)"); err != nil {
		t.Fatal(err)
	}
}

func TestCallRoutineUnknownSignature(t *testing.T) {
	c, _ := routineServer(t, "")
	_, err := c.CallRoutine(ctxT(t), "function informix.no_such_function_at_all_xyz(integer)", 1)
	if ifx.SQLCode(err) != -674 {
		t.Fatalf("%v", err)
	}
	var n int
	if err := c.QueryRow(ctxT(t), "SELECT COUNT(*) FROM systables WHERE tabid = 1").Scan(&n); err != nil || n != 1 {
		t.Fatalf("after the error: %v %d", err, n)
	}
}

// TestCallRoutineHandleCached: the second call of a signature is one
// round trip (no SQ_GETROUTINE); DDL, which empties the statement cache,
// makes the next call resolve again.
func TestCallRoutineHandleCached(t *testing.T) {
	calls := 0
	c, srv := routineServer(t, "", ifxtest.Routine{
		Signature: "function app.next()",
		Returns:   []sqli.TypeCode{sqli.TypeInt},
		Func:      func([]any) ([]any, error) { calls++; return []any{int64(calls)}, nil },
	})
	ctx := ctxT(t)
	call := func() (int, any) {
		t.Helper()
		before := groups(srv)
		vals, err := c.CallRoutine(ctx, "function app.next()")
		if err != nil || len(vals) != 1 {
			t.Fatalf("%v %v", vals, err)
		}
		return groups(srv) - before, vals[0]
	}
	if n, v := call(); n != 2 || v != int32(1) {
		t.Fatalf("first call: %d round trips, %v", n, v)
	}
	if n, v := call(); n != 1 || v != int32(2) {
		t.Fatalf("second call: %d round trips, %v", n, v)
	}
	if _, err := c.Exec(ctx, "CREATE TABLE fp_ddl (i INT)"); err != nil {
		t.Fatal(err)
	}
	if n, _ := call(); n != 2 {
		t.Fatalf("after DDL: %d round trips", n)
	}
}

func TestCallRoutineResultTypes(t *testing.T) {
	var got []any
	c, _ := routineServer(t, "", ifxtest.Routine{
		Signature: "function echo(smallint, integer, bigint, float, varchar, lvarchar, boolean)",
		Returns: []sqli.TypeCode{sqli.TypeSmallInt, sqli.TypeInt, sqli.TypeBigInt, sqli.TypeFloat,
			sqli.TypeVarChar, sqli.TypeLVarChar, sqli.TypeBool, sqli.TypeInt},
		Func: func(args []any) ([]any, error) { got = args; return append(args, nil), nil },
	})
	vals, err := c.CallRoutine(ctxT(t), "function echo(smallint, integer, bigint, float, varchar, lvarchar, boolean)",
		int16(-3), int32(70000), int64(1)<<40, 2.5, "héllo", "long", true)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{int16(-3), int32(70000), int64(1) << 40, 2.5, "héllo", "long", true, nil}
	if !reflect.DeepEqual(vals, want) {
		t.Fatalf("got %#v\nwant %#v\nserver saw %#v", vals, want, got)
	}
}

// TestCallRoutineDeadline: a routine that outlives the context's
// deadline ends the call with the context's error, in bounded time.
func TestCallRoutineDeadline(t *testing.T) {
	release := make(chan struct{})
	c, _ := routineServer(t, "", ifxtest.Routine{
		Signature: "procedure slow()",
		Func: func([]any) ([]any, error) {
			select {
			case <-release:
			case <-time.After(5 * time.Second):
			}
			return nil, nil
		},
	})
	t.Cleanup(func() { close(release) }) // before the server's cleanup, which waits for the routine
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.CallRoutine(ctx, "procedure slow()")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%v", err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Fatalf("returned after %v", d)
	}
}

func TestCallRoutineCanceledContext(t *testing.T) {
	c, srv := routineServer(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before := groups(srv)
	if _, err := c.CallRoutine(ctx, loClose, 1); !errors.Is(err, context.Canceled) {
		t.Fatalf("%v", err)
	}
	if groups(srv) != before {
		t.Fatal("a request was sent")
	}
}
