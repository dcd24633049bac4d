package engine

// parseDTFull is parseDTFast for the one layout a batch binds on every
// row, the full "YYYY-MM-DD HH:MM:SS" with or without a "." and fraction
// digits (ifxtest's decoding of a bound YEAR TO SECOND or YEAR TO
// FRACTION(5), and the engine's own stored text): the fields sit at
// fixed places, so it reads them there instead of splitting the text and
// matching its separators to a start field, which for this layout is
// always YEAR. ok=false leaves everything else to parseDTFast's general
// loop, which gives the same result for what this accepts
// (TestParseDTFullMatchesGeneral).
func parseDTFull(s string) (v dtVal, ok bool) {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':' {
		return v, false
	}
	for i, at := range [6]int{0, 5, 8, 11, 14, 17} {
		w := 2
		if i == 0 {
			w = 4
		}
		var x int64
		for j := at; j < at+w; j++ {
			c := s[j] - '0'
			if c > 9 {
				return v, false
			}
			x = x*10 + int64(c)
		}
		v.f[i] = x
	}
	v.start, v.end = idxQ(0), idxQ(5)
	if len(s) == 19 {
		return v, true
	}
	frac := s[20:]
	if s[19] != '.' || len(frac) == 0 {
		return v, false
	}
	var f int64
	for j := range len(frac) {
		c := frac[j] - '0'
		if c > 9 {
			return v, false
		}
		if j < 5 {
			f = f*10 + int64(c)
		}
	}
	for j := len(frac); j < 5; j++ {
		f *= 10
	}
	v.f[6] = f
	v.end = 10 + min(len(frac), 5)
	return v, true
}
