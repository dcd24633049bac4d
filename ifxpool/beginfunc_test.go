package ifxpool

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
)

// TestBeginFunc: ifx.BeginFunc takes the Pool's Begin too; the
// connection goes back to the pool after the commit and after the
// rollback.
func TestBeginFunc(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	ctx := ctxT(t)
	freshTable(t, p, "pbf", "id INTEGER")
	if err := ifx.BeginFunc(ctx, p.Begin, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO pbf VALUES (1)")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := ifx.BeginFunc(ctx, p.Begin, func(tx *Tx) error {
		tx.Exec(ctx, "INSERT INTO pbf VALUES (2)")
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("failing fn: %v", err)
	}
	var n int
	if err := p.QueryRow(ctx, "SELECT COUNT(*) FROM pbf").Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d rows, %v", n, err)
	}
	if s := p.Stat(); s.AcquiredConns != 0 || s.TotalConns != 1 {
		t.Errorf("pool after: %+v", s)
	}
}
