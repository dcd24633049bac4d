package ifx_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/ifxgo/ifx"
)

func ids(t *testing.T, c *ifx.Conn, table string) []int32 {
	t.Helper()
	rows, err := c.Query(ctxT(t), "SELECT id FROM "+table+" ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ifx.CollectRows(rows, ifx.RowTo[int32])
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestNestedTx: Tx.Begin is a savepoint; its Rollback undoes only its
// own work, its Commit keeps it for the outer transaction to decide.
func TestNestedTx(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE nt (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	defer c.Exec(context.Background(), "DROP TABLE nt")
	ins := func(tx *ifx.Tx, id int) {
		t.Helper()
		if _, err := tx.Exec(ctx, "INSERT INTO nt VALUES (?)", id); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ins(tx, 1)
	n1, err := tx.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ins(n1, 2)
	n2, err := n1.Begin(ctx) // two deep
	if err != nil {
		t.Fatal(err)
	}
	ins(n2, 3)
	if err := n2.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	ins(n1, 4)
	if err := n1.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if err := n1.Rollback(ctx); !errors.Is(err, ifx.ErrTxClosed) {
		t.Errorf("second rollback of the nested tx: %v", err)
	}
	ins(tx, 5)
	n3, err := tx.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ins(n3, 6)
	if err := n3.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	n4, err := tx.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !c.InTransaction() {
		t.Error("not in a transaction with nested ones open")
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	// Ending the outer transaction ended the nested one still open.
	if _, err := n4.Exec(ctx, "INSERT INTO nt VALUES (7)"); !errors.Is(err, ifx.ErrTxClosed) {
		t.Errorf("nested tx after the outer commit: %v", err)
	}
	if err := n4.Rollback(ctx); !errors.Is(err, ifx.ErrTxClosed) {
		t.Errorf("rollback of a nested tx after the outer commit: %v", err)
	}
	if got := ids(t, c, "nt"); !reflect.DeepEqual(got, []int32{1, 5, 6}) {
		t.Errorf("rows %v, want [1 5 6]", got)
	}
}

// TestBeginFunc: commit when fn succeeds, rollback (and fn's error) when
// it fails, rollback and the panic going on when it panics; nested with
// tx.Begin.
func TestBeginFunc(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE bf (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	defer c.Exec(context.Background(), "DROP TABLE bf")
	insert := func(id int) func(*ifx.Tx) error {
		return func(tx *ifx.Tx) error {
			_, err := tx.Exec(ctx, "INSERT INTO bf VALUES (?)", id)
			return err
		}
	}
	if err := ifx.BeginFunc(ctx, c.Begin, insert(1)); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := ifx.BeginFunc(ctx, c.Begin, func(tx *ifx.Tx) error {
		insert(2)(tx)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("failing fn: %v", err)
	}
	func() {
		defer func() {
			if r := recover(); r != "panic in fn" {
				t.Errorf("recovered %v", r)
			}
		}()
		ifx.BeginFunc(ctx, c.Begin, func(tx *ifx.Tx) error {
			insert(3)(tx)
			panic("panic in fn")
		})
	}()
	if c.InTransaction() {
		t.Fatal("a transaction left open")
	}
	err = ifx.BeginFunc(ctx, c.Begin, func(tx *ifx.Tx) error {
		insert(4)(tx)
		ifx.BeginFunc(ctx, tx.Begin, func(n *ifx.Tx) error { insert(5)(n); return boom })
		return ifx.BeginFunc(ctx, tx.Begin, insert(6))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(t, c, "bf"); !reflect.DeepEqual(got, []int32{1, 4, 6}) {
		t.Errorf("rows %v, want [1 4 6]", got)
	}
}
