package ifx

import (
	"encoding/binary"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// wireLenTimestamp is the packed width of DATETIME YEAR TO FRACTION(5).
var wireLenTimestamp = qualTimestamp.WireLen()

// appendTimestampFast appends t (already in the configured location) as
// the packed DATETIME YEAR TO FRACTION(5) value AppendDateTimeWire would
// write for DateTimeFromTime(t, qualTimestamp), for years 1000…9999
// (where the first pair is never zero); ok=false for other years.
func appendTimestampFast(buf []byte, t time.Time) ([]byte, bool) {
	y, mo, d := t.Date()
	if y < 1000 || y > 9999 {
		return buf, false
	}
	h, mi, s := t.Clock()
	ip := uint64(y)*1e10 + uint64(mo)*1e8 + uint64(d)*1e6 + uint64(h)*1e4 + uint64(mi)*100 + uint64(s)
	fp := uint64(t.Nanosecond()/10000) * 10 // FRACTION(5) and its fill digit
	var pairs [10]byte
	for i := 6; i >= 0; i-- {
		pairs[i] = byte(ip % 100)
		ip /= 100
	}
	pairs[7], pairs[8], pairs[9] = byte(fp/10000), byte(fp/100%100), byte(fp%100)
	n := len(pairs)
	for n > 0 && pairs[n-1] == 0 {
		n--
	}
	start := len(buf)
	buf = append(buf, 0x80|(7+64)) // positive, 7 pairs before the point
	buf = append(buf, pairs[:n]...)
	for len(buf)-start < wireLenTimestamp {
		buf = append(buf, 0)
	}
	return buf, true
}

// bindTime sends a time.Time as DATETIME YEAR TO FRACTION(5), as JDBC does.
func (c *Conn) bindTime(buf []byte, bv *sqli.BindValue, v time.Time) ([]byte, error) {
	v = v.In(c.cfg.TimeLocation)
	start := len(buf)
	buf = append(buf, 0, 0)
	if out, ok := appendTimestampFast(buf, v); ok {
		bv.Type, bv.Prec = sqli.TypeDateTime, int16(qualTimestamp)
		binary.BigEndian.PutUint16(out[start:], uint16(len(out)-start-2))
		return out, nil
	}
	buf = buf[:start]
	dt := ifxtype.DateTimeFromTime(v, qualTimestamp)
	if dt.IsZero() {
		return buf, errTimeRange(v)
	}
	return c.bindDateTime(buf, bv, dt), nil
}
