package ifxtype_test

import (
	"fmt"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
)

func ExampleDecimal() {
	d, err := ifxtype.ParseDecimal("-1234.5600")
	if err != nil {
		panic(err)
	}
	fmt.Println(d, d.Scale(), d.Round(1))

	// A DECIMAL(6,2) column value is 4 bytes; negative values are stored in
	// 100's complement.
	wire, err := ifxtype.AppendDecimalWire(nil, d, 6, 2)
	if err != nil {
		panic(err)
	}
	fmt.Printf("% x\n", wire)

	// Decoding with the column's scale restores the trailing zeros.
	back, null, err := ifxtype.DecodeDecimalWireScale([]byte{0xc1, 0x01, 0x00, 0x00}, 2)
	fmt.Println(back, null, err)
	// Output:
	// -1234.5600 4 -1234.6
	// 3d 57 41 2c
	// 1.00 false <nil>
}

func ExampleDateTime() {
	q, err := ifxtype.ParseQualifier("YEAR TO FRACTION(3)", false)
	if err != nil {
		panic(err)
	}
	t := time.Date(2026, 5, 4, 12, 34, 56, 789123456, time.UTC)
	dt := ifxtype.DateTimeFromTime(t, q) // the fraction is truncated to 3 digits
	fmt.Println(dt, "|", q, "|", q.WireLen(), "bytes")
	fmt.Printf("% x\n", ifxtype.AppendDateTimeWire(nil, dt))

	// A DATETIME HOUR TO MINUTE has no date; Time fills in 0001-01-01.
	hm, _ := ifxtype.ParseQualifier("HOUR TO MINUTE", false)
	v, _, err := ifxtype.DecodeDateTimeWire([]byte{0xc3, 0x0c, 0x22}, hm)
	fmt.Println(v, v.Time(time.UTC).Format(time.DateTime), err)
	// Output:
	// 2026-05-04 12:34:56.789 | YEAR TO FRACTION(3) | 10 bytes
	// c7 14 1a 05 04 0c 22 38 4e 5a
	// 12:34 0001-01-01 12:34:00 <nil>
}

func ExampleIntervalDF() {
	q, _ := ifxtype.ParseQualifier("DAY(3) TO SECOND", true)
	v := ifxtype.IntervalDFFromDuration(-(5*24*time.Hour + time.Hour + 2*time.Minute + 3*time.Second), q)
	wire, err := ifxtype.AppendIntervalDFWire(nil, v)
	fmt.Printf("%s | %s | % x %v\n", v, q, wire, err)
	d, _ := v.Duration()
	fmt.Println(d)
	// Output:
	// -5 01:02:03 | DAY(3) TO SECOND | 3b 5e 62 61 61 00 <nil>
	// -121h2m3s
}

func ExampleDateToDayNumber() {
	n := ifxtype.DateToDayNumber(time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC))
	fmt.Println(n, ifxtype.DayNumberToDate(1, nil).Format(time.DateOnly))
	// Output: 46145 1900-01-01
}
