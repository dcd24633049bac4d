package engine

import (
	"math"
	"testing"
)

// IDS stores FLOAT and SMALLFLOAT as C doubles and floats, so -0 keeps its
// sign; SQLite's REAL columns wrote it as the integer 0 and read back +0.
// -0 still equals 0 in SQL.
func TestFloatNegativeZeroKeepsSign(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	exec(t, s, "create table nz (id int, f float, sf smallfloat)")
	negZero := math.Copysign(0, -1)
	exec(t, s, "insert into nz values (1, ?, ?)", negZero, negZero)
	exec(t, s, "insert into nz values (2, -0.0, -0.0)")
	exec(t, s, "insert into nz values (3, '-0', '-0.0')")
	exec(t, s, "insert into nz values (4, 0, 0)")
	rows := query(t, s, "select id, f, sf from nz order by id")
	for _, r := range rows {
		for _, v := range r[1:] {
			if f, ok := v.(float64); !ok || f != 0 || math.Signbit(f) != (r[0] != int64(4)) {
				t.Errorf("row %v: %#v (sign bit %v)", r[0], v, math.Signbit(f))
			}
		}
	}
	eq(t, "-0 = 0", one(t, s, "select count(*) from nz where f = 0 and sf = 0.0"), Decimal("4"))
	exec(t, s, "update nz set f = f + 1.5 where id = 1")
	eq(t, "arithmetic", one(t, s, "select f from nz where id = 1"), 1.5)
}
