package ifx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

// A connection lost inside a transaction fails every later call of the
// transaction with ErrTxLost, which is never retryable; Commit too.
func TestTxLostWhenTheServerDies(t *testing.T) {
	srv := ifxtest.NewServer(t)
	c, err := ifx.Connect(ctxT(t), srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctxT(t))
	if _, err := c.Exec(ctxT(t), "CREATE TEMP TABLE txl (i INT)"); err != nil {
		t.Fatal(err)
	}
	tx, err := c.Begin(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctxT(t), "INSERT INTO txl VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	_, err = tx.Exec(ctxT(t), "INSERT INTO txl VALUES (2)")
	if !errors.Is(err, ifx.ErrTxLost) || !errors.Is(err, ifx.ErrConnClosed) {
		t.Fatalf("Exec in a transaction on a dead server: %v, want ErrTxLost", err)
	}
	if ifx.SafeToRetry(err) || ifx.RetryableOnAnotherConn(ifx.Idempotent(ctxT(t)), err) {
		t.Fatal("a statement of a lost transaction is retryable")
	}
	if !c.Lost() {
		t.Fatal("Lost() is false after the server went away")
	}
	// Every later call of the transaction says so too, Commit included.
	if _, err := tx.Exec(ctxT(t), "INSERT INTO txl VALUES (3)"); !errors.Is(err, ifx.ErrTxLost) {
		t.Fatalf("second Exec: %v", err)
	}
	if err := tx.Commit(ctxT(t)); !errors.Is(err, ifx.ErrTxLost) {
		t.Fatalf("Commit: %v, want ErrTxLost", err)
	}
	if err := tx.Rollback(ctxT(t)); !errors.Is(err, ifx.ErrTxClosed) {
		t.Fatalf("Rollback after the failed Commit: %v, want ErrTxClosed", err)
	}
}

// A COMMIT whose connection breaks is ErrTxLost: whether the server
// committed is unknown, and it is not retried.
func TestCommitLostIsTxLost(t *testing.T) {
	srv := ifxtest.NewServer(t)
	c, err := ifx.Connect(ctxT(t), srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctxT(t))
	tx, err := c.Begin(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	srv.Close()
	if err := tx.Commit(ctxT(t)); !errors.Is(err, ifx.ErrTxLost) || ifx.SafeToRetry(err) {
		t.Fatalf("Commit on a dead server: %v, want ErrTxLost", err)
	}
}

// Outside a transaction, a statement lost in flight is retryable only
// when marked idempotent; one on a connection already known dead was
// never sent and is always retryable.
func TestRetryableOutsideTransactions(t *testing.T) {
	srv := ifxtest.NewServer(t)
	c, err := ifx.Connect(ctxT(t), srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctxT(t))
	srv.Close()
	_, err = c.Exec(ctxT(t), "SELECT 1 FROM systables WHERE tabid = 1")
	if err == nil || errors.Is(err, ifx.ErrTxLost) {
		t.Fatalf("Exec on a dead server: %v", err)
	}
	if ifx.RetryableOnAnotherConn(ctxT(t), err) {
		t.Fatal("a statement lost in flight is retryable without the idempotent mark")
	}
	if !ifx.RetryableOnAnotherConn(ifx.Idempotent(ctxT(t)), err) {
		t.Fatalf("an idempotent statement lost in flight is not retryable: %v", err)
	}
	_, err = c.Exec(ctxT(t), "SELECT 1 FROM systables WHERE tabid = 1")
	if !ifx.SafeToRetry(err) || !ifx.RetryableOnAnotherConn(ctxT(t), err) {
		t.Fatalf("a statement never sent: %v, want retryable", err)
	}
	ctx, cancel := context.WithCancel(ifx.Idempotent(ctxT(t)))
	cancel()
	if !ifx.IsIdempotent(ctx) {
		t.Fatal("the mark does not survive a derived context")
	}
}

func TestLostIsFalseAfterClose(t *testing.T) {
	srv := ifxtest.NewServer(t)
	c, err := ifx.Connect(ctxT(t), srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	c.Close(ctxT(t))
	if c.Lost() {
		t.Fatal("Lost() after Close")
	}
}
