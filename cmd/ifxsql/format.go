package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// pageRows is how many rows the table format aligns at a time: memory
// stays bounded by one page whatever the size of the result.
const pageRows = 500

// resultWriter prints one result set as its rows arrive.
type resultWriter interface {
	row(cells []string)
	// end flushes what is buffered and prints the footer.
	end(n int64)
}

// newResultWriter returns the writer of one result set in format.
func newResultWriter(format string, w io.Writer, cols []ifx.Column, quiet bool) resultWriter {
	names := make([]string, len(cols))
	right := make([]bool, len(cols))
	for i, c := range cols {
		names[i], right[i] = c.Name, isNumeric(c.Type)
	}
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(names)
		return &csvWriter{w: cw}
	case "tsv":
		tw := &tsvWriter{w: w}
		tw.row(names)
		return tw
	case "json":
		return &jsonWriter{w: w, names: names, cols: cols}
	case "vertical":
		return &verticalWriter{w: w, names: names, quiet: quiet}
	}
	return &tableWriter{w: w, header: names, right: right, quiet: quiet}
}

// tableWriter aligns each page of rows to its own widths, psql and
// dbaccess style, with the header above the first page.
type tableWriter struct {
	w      io.Writer
	header []string
	right  []bool
	page   [][]string
	pages  int
	quiet  bool
}

func (t *tableWriter) row(cells []string) {
	t.page = append(t.page, cells)
	if len(t.page) >= pageRows {
		t.flush()
	}
}

func (t *tableWriter) flush() {
	widths := make([]int, len(t.header))
	if t.pages == 0 {
		for i, h := range t.header {
			widths[i] = utf8.RuneCountInString(h)
		}
	}
	for _, r := range t.page {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	var sb strings.Builder
	line := func(cells []string, alignRight bool) {
		sb.Reset()
		for i, c := range cells {
			if i > 0 {
				sb.WriteString(" | ")
			}
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if alignRight && t.right[i] {
				sb.WriteString(pad)
				sb.WriteString(c)
			} else {
				sb.WriteString(c)
				sb.WriteString(pad)
			}
		}
		io.WriteString(t.w, strings.TrimRight(sb.String(), " ")+"\n")
	}
	if t.pages == 0 {
		line(t.header, false)
		seps := make([]string, len(widths))
		for i, n := range widths {
			seps[i] = strings.Repeat("-", n)
		}
		io.WriteString(t.w, strings.Join(seps, "-+-")+"\n")
	}
	for _, r := range t.page {
		line(r, true)
	}
	t.page = t.page[:0]
	t.pages++
}

func (t *tableWriter) end(n int64) {
	if len(t.page) > 0 || t.pages == 0 {
		t.flush()
	}
	if !t.quiet {
		io.WriteString(t.w, rowCount(n)+"\n")
	}
}

func rowCount(n int64) string {
	if n == 1 {
		return "(1 row)"
	}
	return fmt.Sprintf("(%d rows)", n)
}

type csvWriter struct{ w *csv.Writer }

func (c *csvWriter) row(cells []string) { c.w.Write(cells) }
func (c *csvWriter) end(int64)          { c.w.Flush() }

// tsvWriter writes tab-separated values, escaping the tab, newline and
// backslash inside a value the way PostgreSQL's text COPY does.
type tsvWriter struct{ w io.Writer }

var tsvEscaper = strings.NewReplacer("\\", "\\\\", "\t", "\\t", "\n", "\\n", "\r", "\\r")

func (t *tsvWriter) row(cells []string) {
	for i, c := range cells {
		cells[i] = tsvEscaper.Replace(c)
	}
	io.WriteString(t.w, strings.Join(cells, "\t")+"\n")
}
func (t *tsvWriter) end(int64) {}

// jsonWriter writes one JSON array per result set, one object per line;
// numbers and booleans stay JSON numbers and booleans.
type jsonWriter struct {
	w     io.Writer
	names []string
	cols  []ifx.Column
	n     int64
	buf   []byte
}

// row writes cells made by ifxsql itself (\d and INFO) as strings.
func (j *jsonWriter) row(cells []string) {
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c
	}
	j.values(vals)
}

func (j *jsonWriter) values(vals []any) {
	b := j.buf[:0]
	if j.n == 0 {
		b = append(b, "[\n{"...)
	} else {
		b = append(b, ",\n{"...)
	}
	for i, v := range vals {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, j.names[i])
		b = append(b, ':')
		b = appendJSON(b, j.cols[i], v)
	}
	b = append(b, '}')
	j.w.Write(b)
	j.buf = b
	j.n++
}

func (j *jsonWriter) end(int64) {
	if j.n == 0 {
		io.WriteString(j.w, "[]\n")
		return
	}
	io.WriteString(j.w, "\n]\n")
}

func appendJSON(b []byte, col ifx.Column, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, x)
	case int16, int32, int64:
		return append(b, fmt.Sprint(x)...)
	case float32:
		if f := float64(x); !math.IsNaN(f) && !math.IsInf(f, 0) {
			return strconv.AppendFloat(b, f, 'g', -1, 32)
		}
	case float64:
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			return strconv.AppendFloat(b, x, 'g', -1, 64)
		}
	case ifxtype.Decimal:
		if s := x.String(); isJSONNumber(s) {
			return append(b, s...)
		}
	}
	s, _ := json.Marshal(formatValue(col, v))
	return append(b, s...)
}

// verticalWriter prints each row as name | value lines (\x, -format vertical).
type verticalWriter struct {
	w     io.Writer
	names []string
	width int
	n     int64
	quiet bool
}

func (v *verticalWriter) row(cells []string) {
	if v.width == 0 {
		for _, n := range v.names {
			v.width = max(v.width, utf8.RuneCountInString(n))
		}
	}
	v.n++
	fmt.Fprintf(v.w, "-[ RECORD %d ]-\n", v.n)
	for i, c := range cells {
		fmt.Fprintf(v.w, "%-*s | %s\n", v.width, v.names[i], c)
	}
}

func (v *verticalWriter) end(n int64) {
	if !v.quiet {
		io.WriteString(v.w, rowCount(n)+"\n")
	}
}

func isNumeric(t sqli.TypeCode) bool {
	switch t {
	case sqli.TypeSmallInt, sqli.TypeInt, sqli.TypeSerial, sqli.TypeBigInt, sqli.TypeBigSerial, sqli.TypeInt8,
		sqli.TypeSerial8, sqli.TypeFloat, sqli.TypeSmallFloat, sqli.TypeDecimal, sqli.TypeMoney:
		return true
	}
	return false
}

// formatValue renders a value as text; a DATETIME keeps the fields of its
// qualifier, so YEAR TO SECOND at midnight still shows 00:00:00.
func formatValue(col ifx.Column, v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		if col.Type == sqli.TypeDateTime {
			return ifxtype.DateTimeFromTime(x, col.Qualifier).String()
		}
		return x.Format("2006-01-02")
	case time.Duration:
		if col.Type == sqli.TypeInterval {
			return ifxtype.IntervalDFFromDuration(x, col.Qualifier).String()
		}
	case []byte:
		return fmt.Sprintf("%x", x)
	case string:
		return strings.TrimRight(x, " ")
	}
	return fmt.Sprint(v)
}

// isJSONNumber reports whether a decimal's text is a finite number, which
// JSON can carry exactly as written.
func isJSONNumber(s string) bool {
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "nNiI") && f == f
}
