package ifx

import (
	"context"
	"errors"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// txEndConn returns a Conn whose server answers BEGIN WORK, then COMMIT
// (or ROLLBACK) with SQL error code (0: no error), then one more
// request.
func txEndConn(t *testing.T, code int32) *Conn {
	t.Helper()
	f := sqli.NewFeatures(sqli.JDBCOffer).Intersect(sqli.NewFeatures(sqli.IDS15Mask))
	s := sqli.EOT{}.Encode(nil, f)
	if code != 0 {
		s = (&sqli.Err{SQLCode: code}).Encode(s, f)
	}
	s = sqli.EOT{}.Encode(s, f)
	s = sqli.EOT{}.Encode(s, f)
	c, _ := fuzzDriverConn(t, s, 4096)
	return c
}

// TestTxRefusedCommitStaysOpen: a COMMIT the server refuses (a deferred
// constraint, say) may leave the transaction open on the server. The Tx
// must stay open too, so that the usual deferred Rollback rolls it back
// and InTransaction tells Reset and the pools to roll back. Before the
// fix the Tx was marked ended before the round trip: InTransaction
// reported false, Rollback returned ErrTxClosed, and the connection
// went back to a pool inside the transaction.
func TestTxRefusedCommitStaysOpen(t *testing.T) {
	ctx := context.Background()
	c := txEndConn(t, -691)
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = tx.Commit(ctx)
	var se *Error
	if !errors.As(err, &se) || se.SQLCode != -691 {
		t.Fatalf("Commit: %v, want the server's -691", err)
	}
	if !c.InTransaction() {
		t.Fatal("InTransaction is false after a refused COMMIT")
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatalf("Rollback after the refused COMMIT: %v", err)
	}
	if c.InTransaction() {
		t.Error("InTransaction is true after the rollback")
	}
	if err := tx.Rollback(ctx); !errors.Is(err, ErrTxClosed) {
		t.Errorf("second Rollback: %v, want ErrTxClosed", err)
	}
}

// TestTxEndNotInTransaction: -255 "not in transaction" means the server
// ended the transaction itself: the Tx is over. Commit reports it (the
// work was not committed); Rollback, whose aim is met, does not.
func TestTxEndNotInTransaction(t *testing.T) {
	ctx := context.Background()
	for _, commit := range []bool{true, false} {
		c := txEndConn(t, -255)
		tx, err := c.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if commit {
			err = tx.Commit(ctx)
			if !errors.As(err, new(*Error)) {
				t.Errorf("Commit: %v, want the server's -255", err)
			}
		} else if err = tx.Rollback(ctx); err != nil {
			t.Errorf("Rollback: %v, want nil", err)
		}
		if c.InTransaction() {
			t.Errorf("commit %v: InTransaction after -255", commit)
		}
		if err := tx.Rollback(ctx); !errors.Is(err, ErrTxClosed) {
			t.Errorf("commit %v: Rollback after -255: %v, want ErrTxClosed", commit, err)
		}
	}
}
