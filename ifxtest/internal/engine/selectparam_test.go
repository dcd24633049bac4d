package engine

import "testing"

// IDS refuses a bare '?' in the select list with -201 (it has no type to
// infer; informix-driver verified it live), and types it from a cast or
// its context. ifxtest described it as CHAR(0) before.
func TestSelectListMarkerNeedsAType(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	for _, q := range []string{
		"select ? from systables where tabid = 1",
		"select tabid, ? from systables where tabid = 1",
		"select ? as x from systables where tabid = 1",
	} {
		if e := wantErr(t, s, -201, q, int64(1)); e.Offset == 0 {
			t.Errorf("%s: -201 without an offset", q)
		}
	}
	eq(t, "?::int", one(t, s, "select ?::int from systables where tabid = 1", int64(7)), int64(7))
	eq(t, "? + 1", one(t, s, "select tabid + ? from systables where tabid = 1", int64(7)), int64(8))
}
