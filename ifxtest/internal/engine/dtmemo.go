package engine

import "sync/atomic"

// dtBaseMemo is the last DATETIME text ifx_dtadd parsed. A query adding
// a column to a DATETIME literal (bench/'s fetch100k: DATETIME(...) +
// value UNITS SECOND) passes the same text for every row; SQLite calls
// the function once per row, and the parse was a third of its cost.
type dtBaseMemo struct {
	text string
	want int
	full dtVal
}

var lastDTBase atomic.Pointer[dtBaseMemo]

// dtAddBase is parseDT(text, want) extended to YEAR TO FRACTION(5). A
// value that starts at YEAR does not depend on the current date, so only
// such a value is remembered; any other is parsed each time.
func dtAddBase(text string, want int) (dtVal, error) {
	if m := lastDTBase.Load(); m != nil && m.want == want && m.text == text {
		return m.full, nil
	}
	dv, err := parseDT(text, want)
	if err != nil {
		return dtVal{}, err
	}
	full := dv.extend(QYear, 15)
	if dv.start == QYear {
		lastDTBase.Store(&dtBaseMemo{text: text, want: want, full: full})
	}
	return full, nil
}
