package ifxtype

import (
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// TestFloatingDecimalColumnWidth checks the width the decoder gives a
// floating DECIMAL(p) column: (p+4)/2 when the start positions do not say
// otherwise (DECIMAL(16) is 10 bytes, AVG's DECIMAL(32) 18), and the start
// positions' word when they name one of the two candidate widths.
func TestFloatingDecimalColumnWidth(t *testing.T) {
	col := func(p int, start int32) sqli.ColumnDesc {
		return sqli.ColumnDesc{Type: sqli.TypeDecimal, EncodedLength: int32(p<<8 | 0xff), StartPos: start, Name: "d"}
	}
	tests := []struct {
		name string
		d    sqli.Describe
		want []int
	}{
		{"no positions", sqli.Describe{Columns: []sqli.ColumnDesc{col(16, 0), col(32, 0), col(15, 0)}}, []int{10, 18, 9}},
		{"positions of DECLEN", sqli.Describe{Columns: []sqli.ColumnDesc{col(16, 0), col(32, 10)}, TupleSize: 28}, []int{10, 18}},
		{"positions of (p+3)/2", sqli.Describe{Columns: []sqli.ColumnDesc{col(16, 0), col(32, 9)}, TupleSize: 26}, []int{9, 17}},
	}
	for _, tt := range tests {
		infos, cols := PlanColumns(&tt.d, sqli.Features{})
		for i, w := range tt.want {
			if infos[i].Width != w || cols[i].Length != w {
				t.Errorf("%s: column %d width %d (Length %d), want %d", tt.name, i, infos[i].Width, cols[i].Length, w)
			}
		}
	}
}
