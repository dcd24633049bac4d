package ifx

// GeneralScanOps counts the columns whose planned Scan op is the general
// decoder, so that an external test can tell the fast path was taken.
func GeneralScanOps(r *Rows) int {
	n := 0
	for _, f := range r.fast.cols {
		if f.op == opGeneral {
			n++
		}
	}
	return n
}
