package engine

// pow10f are the powers of ten a float64 holds exactly.
var pow10f = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// decFloatExact is the float64 that strconv.ParseFloat gives d's text,
// for a d of at most 15 digits with a fraction of at most 22 places:
// its digits and that power of ten are both exact in a float64, so one
// IEEE division rounds their quotient correctly, as ParseFloat rounds
// (its own exact path does the same division). decStorage stores a
// DECIMAL so for every row a batch binds; ok=false leaves every other d
// to ParseFloat (TestDecFloatExactMatchesParseFloat).
func decFloatExact(d decNum) (f float64, ok bool) {
	if len(d.digits) == 0 || len(d.digits) > 15 || d.exp >= 0 || d.exp < -22 {
		return 0, false
	}
	var m int64
	for i := range len(d.digits) {
		c := d.digits[i] - '0'
		if c > 9 {
			return 0, false
		}
		m = m*10 + int64(c)
	}
	f = float64(m)
	if d.neg {
		f = -f
	}
	return f / pow10f[-d.exp], true
}
