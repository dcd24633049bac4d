package sqli

import "encoding/binary"

// AppendInt16 appends a big-endian 16-bit integer.
func AppendInt16(dst []byte, v int16) []byte {
	return binary.BigEndian.AppendUint16(dst, uint16(v))
}

// AppendInt32 appends a big-endian 32-bit integer.
func AppendInt32(dst []byte, v int32) []byte {
	return binary.BigEndian.AppendUint32(dst, uint32(v))
}

// AppendInt64 appends a big-endian 64-bit integer.
func AppendInt64(dst []byte, v int64) []byte {
	return binary.BigEndian.AppendUint64(dst, uint64(v))
}

func appendTag(dst []byte, t Tag) []byte { return AppendInt16(dst, int16(t)) }

// AppendPad appends the one 00 byte that keeps the stream even after an
// item of odd length n. Forgetting it desynchronises the stream.
func AppendPad(dst []byte, n int) []byte {
	if n&1 != 0 {
		dst = append(dst, 0)
	}
	return dst
}

// AppendChar appends a post-association CHAR string: i16 length, the bytes
// (no NUL counted) and a pad byte when the length is odd.
func AppendChar(dst []byte, s string) []byte {
	dst = AppendInt16(dst, int16(len(s)))
	dst = append(dst, s...)
	return AppendPad(dst, len(s))
}

// AppendCharBytes is AppendChar for a byte slice.
func AppendCharBytes(dst []byte, s []byte) []byte {
	dst = AppendInt16(dst, int16(len(s)))
	dst = append(dst, s...)
	return AppendPad(dst, len(s))
}

// AppendSQLText appends SQL text as PREPARE and COMMAND carry it: an i32
// length when feature 62 (remove-64K-limit) is on, else an i16 length; the
// bytes; a pad to even. There is no NUL terminator.
func AppendSQLText(dst []byte, sql string, f Features) []byte {
	if f.LongSQLText() {
		dst = AppendInt32(dst, int32(len(sql)))
	} else {
		dst = AppendInt16(dst, int16(len(sql)))
	}
	dst = append(dst, sql...)
	return AppendPad(dst, len(sql))
}

// AppendASCString appends an association-phase string: u16 length that
// counts a trailing NUL, the bytes, the NUL; never padded. The empty
// string is sent as length 0 with no NUL, as JDBC does for an absent value.
func AppendASCString(dst []byte, s string) []byte {
	if s == "" {
		return AppendInt16(dst, 0)
	}
	dst = AppendInt16(dst, int16(len(s)+1))
	dst = append(dst, s...)
	return append(dst, 0)
}

// appendFixed appends s NUL-filled to exactly n bytes (truncating longer s).
func appendFixed(dst []byte, s string, n int) []byte {
	if len(s) > n {
		s = s[:n]
	}
	dst = append(dst, s...)
	for i := len(s); i < n; i++ {
		dst = append(dst, 0)
	}
	return dst
}

// AppendLongInt appends the 10-byte INT8 form used by INT8/SERIAL8 values
// and SQ_INSERTDONE: i16 sign (1 positive or zero, -1 negative), u32 low
// word and u32 high word of the magnitude.
func AppendLongInt(dst []byte, v int64) []byte {
	sign := int16(1)
	mag := uint64(v)
	if v < 0 {
		sign = -1
		mag = uint64(-v) // -MinInt64 wraps to 1<<63, which is the right magnitude
	}
	dst = AppendInt16(dst, sign)
	dst = binary.BigEndian.AppendUint32(dst, uint32(mag))
	return binary.BigEndian.AppendUint32(dst, uint32(mag>>32))
}

// AppendNullLongInt appends the NULL form of the 10-byte INT8: sign 0.
func AppendNullLongInt(dst []byte) []byte {
	return append(dst, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
}
