package ifx_test

import (
	"errors"
	"math"
	"math/big"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
)

// TestBindRefusesValuesStoredAsNull: values the server would store as
// NULL are refused before anything is sent, with a typed error, and the
// connection stays usable. NaN: the all-ones NaN is the FLOAT/SMALLFLOAT
// NULL pattern. A DECIMAL of magnitude 10^124 or more: a negative one is
// packed with a leading 00, the DECIMAL NULL marker. -2^63: the BIGINT
// NULL pattern (BIGINT holds ±(2^63-1)). Before, each INSERT
// succeeded and stored NULL.
func TestBindRefusesValuesStoredAsNull(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "nulls_bind", "f FLOAT, s SMALLFLOAT, d DECIMAL(32), b BIGINT")
	big, err := ifxtype.ParseDecimal("-9.901E+125")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		sql  string
		arg  any
		want error
	}{
		{"float64 NaN", "INSERT INTO nulls_bind (f) VALUES (?)", math.NaN(), ifx.ErrNaN},
		{"float32 NaN", "INSERT INTO nulls_bind (s) VALUES (?)", float32(math.NaN()), ifx.ErrNaN},
		{"all-ones NaN", "INSERT INTO nulls_bind (f) VALUES (?)", math.Float64frombits(^uint64(0)), ifx.ErrNaN},
		{"DECIMAL beyond 1e124", "INSERT INTO nulls_bind (d) VALUES (?)", big, ifxtype.ErrOverflow},
		{"*big.Int beyond 1e124", "INSERT INTO nulls_bind (d) VALUES (?)", pow10(125), ifxtype.ErrOverflow},
		{"int64 BIGINT NULL pattern", "INSERT INTO nulls_bind (b) VALUES (?)", int64(math.MinInt64), ifxtype.ErrOverflow},
		{"int BIGINT NULL pattern", "INSERT INTO nulls_bind (b) VALUES (?)", int(math.MinInt64), ifxtype.ErrOverflow},
	}
	for _, tc := range cases {
		if _, err := c.Exec(ctx, tc.sql, tc.arg); !errors.Is(err, tc.want) {
			t.Errorf("%s: Exec = %v, want %v", tc.name, err, tc.want)
		}
		st, err := c.Prepare(ctx, tc.sql)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ExecBatch(ctx, [][]any{{tc.arg}}); !errors.Is(err, tc.want) {
			t.Errorf("%s: ExecBatch = %v, want %v", tc.name, err, tc.want)
		}
		st.Close(ctx)
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM nulls_bind").Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d rows stored (%v), want 0", n, err)
	}
}

func pow10(n int64) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil)
}
