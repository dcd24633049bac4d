package ifx

import "github.com/ifxgo/ifx/internal/adapter"

// scanColumnFast is adapter.ScanColumnFast: Scan's planned op for one
// column, for package stdlib's ScanColumn (Go 1.27's
// driver.RowsColumnScanner), which database/sql calls once per column.
// It shares the Rows' plans with Scan, so a database/sql row of typed
// destinations costs what a native Scan costs per column: one type
// assertion and one decode. The planning is kept out of this function
// (planColumn): with the call in it, every call spilled its arguments.
func scanColumnFast(rows any, i int, dest any) bool {
	r, ok := rows.(*Rows)
	if !ok || !r.haveRow || r.closed || r.blob != nil || uint(i) >= uint(len(r.vals)) {
		return false
	}
	if uint(i) >= uint(len(r.fast.cols)) || r.fast.cols[i].op == opUnplanned {
		return r.planColumn(i, dest)
	}
	one := [1]any{dest}
	return r.scanRun(one[:], i) == 1
}

// planColumn plans column i's op for dest's type, as Scan does on its
// first call, then scans by it.
func (r *Rows) planColumn(i int, dest any) bool {
	if len(r.fast.cols) != len(r.cols) {
		r.fast.cols = make([]fastCol, len(r.cols))
	}
	if i >= len(r.cols) {
		return false
	}
	r.fast.cols[i] = planScanOp(&r.cols[i], dest)
	one := [1]any{dest}
	return r.scanRun(one[:], i) == 1
}

func init() { adapter.ScanColumnFast = scanColumnFast }
