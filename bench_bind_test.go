package ifx

import (
	"math/big"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxconn"
	"github.com/ifxgo/ifx/ifxtype"
)

// BenchmarkEncodeBind measures encoding one argument of each Go type into
// SQ_BIND form, as every Exec, Query and ExecBatch row does.
func BenchmarkEncodeBind(b *testing.B) {
	utf8, _ := ifxconn.CodecFor("en_US.utf8")
	c := &Conn{cfg: &Config{Config: ifxconn.Config{TimeLocation: time.UTC}}, codec: utf8}
	latin1, _ := ifxconn.CodecFor("en_US.8859-1")
	cl := &Conn{cfg: &Config{Config: ifxconn.Config{TimeLocation: time.UTC}}, codec: latin1}
	dec, _ := ifxtype.ParseDecimal("12345.67")
	dt, _ := ifxtype.ParseDateTime("2026-05-04 12:34:56", ifxtype.QualYearToSecond)
	cases := []struct {
		name string
		c    *Conn
		arg  any
	}{
		{"int32", c, int32(123456)},
		{"int64", c, int64(1) << 40},
		{"int", c, 42},
		{"float64", c, 3.14159},
		{"bool", c, true},
		{"string", c, "name12345"},
		{"string/8859-1", cl, "name12345"},
		{"[]byte", c, []byte("some bytes")},
		{"time.Time", c, time.Date(2026, 5, 4, 12, 34, 56, 0, time.UTC)},
		{"time.Duration", c, 90 * time.Minute},
		{"Decimal", c, dec},
		{"DateTime", c, dt},
		{"*big.Int", c, big.NewInt(1 << 50)},
		{"nil", c, nil},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			args := []any{tc.arg}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tc.c.encodeArgs(args); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("insert-row", func(b *testing.B) {
		args := []any{int32(7), int64(7_000_000_000), "name7", dec, time.Date(2026, 1, 1, 0, 0, 7, 0, time.UTC)}
		var buf []byte
		b.ReportAllocs()
		for b.Loop() {
			m, err := c.encodeArgs(args)
			if err != nil {
				b.Fatal(err)
			}
			buf = m.Encode(buf[:0], c.feat)
		}
	})
}

// BenchmarkCountPlaceholders measures the SQL scan every Query, Exec and
// Prepare makes to count '?' markers before binding.
func BenchmarkCountPlaceholders(b *testing.B) {
	for _, tc := range []struct{ name, sql string }{
		{"short", "SELECT a, b FROM t WHERE id = ?"},
		{"insert", "INSERT INTO orders (order_num, order_date, customer_num, ship_instruct, backlog, po_num) VALUES (?, ?, ?, 'by ''air''', ?, ?) -- new order"},
		{"comments", "/* report; ? */ SELECT {+INDEX(o ix1)} o.*, \"quoted ?\" FROM orders o WHERE o.a > ? AND o.b < ? -- ?\n AND o.c = ?"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tc.sql)))
			for b.Loop() {
				countPlaceholders(tc.sql)
			}
		})
	}
}
