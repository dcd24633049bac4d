package stdlib_test

import (
	"errors"
	"math"
	"testing"

	"github.com/ifxgo/ifx"
)

// TestBindRefusesNaN: database/sql refuses a NaN argument with
// ifx.ErrNaN before sending it (the server would store NULL).
func TestBindRefusesNaN(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	table(t, db, "nan_bind", "(f FLOAT, s SMALLFLOAT)")
	if _, err := db.ExecContext(ctx, "INSERT INTO nan_bind (f) VALUES (?)", math.NaN()); !errors.Is(err, ifx.ErrNaN) {
		t.Errorf("float64 NaN: %v, want ifx.ErrNaN", err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO nan_bind (s) VALUES (?)", float32(math.NaN())); !errors.Is(err, ifx.ErrNaN) {
		t.Errorf("float32 NaN: %v, want ifx.ErrNaN", err)
	}
	if n := count(t, db, "nan_bind"); n != 0 {
		t.Errorf("%d rows stored", n)
	}
}
