package ifxtype

import (
	"encoding/binary"
	"fmt"
)

// Int8WireLen is the width of the legacy INT8/SERIAL8 form.
const Int8WireLen = 10

// The legacy INT8/SERIAL8 form is sign-magnitude, not two's complement:
//
//	i16 sign  (1 positive, -1 negative, 0 NULL)
//	u32 low   (bits 0–31 of |v|)
//	u32 high  (bits 32–63 of |v|)
//
// It also appears inside SQ_INSERTDONE and smart-LOB offsets.

// AppendInt8Wire appends v in the 10-byte INT8 form. Zero is sent with
// sign +1 because sign 0 means NULL. math.MinInt64 works because the
// magnitude 2^63 is computed in uint64.
func AppendInt8Wire(dst []byte, v int64) []byte {
	sign := uint16(1)
	mag := uint64(v)
	if v < 0 {
		sign = 0xffff // int16 -1
		mag = -mag
	}
	dst = binary.BigEndian.AppendUint16(dst, sign)
	dst = binary.BigEndian.AppendUint32(dst, uint32(mag))
	return binary.BigEndian.AppendUint32(dst, uint32(mag>>32))
}

// AppendInt8NullWire appends the NULL INT8: sign 0 and a zero magnitude.
func AppendInt8NullWire(dst []byte) []byte {
	var zero [Int8WireLen]byte
	return append(dst, zero[:]...)
}

// DecodeInt8Wire decodes the 10-byte INT8 form. src must be exactly 10
// bytes, since a mis-sliced tuple is a bug worth surfacing. A sign word of
// 0 is NULL; a sign other than ±1, or a magnitude an int64 cannot hold,
// fails with ErrWireFormat or ErrOverflow.
func DecodeInt8Wire(src []byte) (v int64, null bool, err error) {
	if len(src) != Int8WireLen {
		return 0, false, fmt.Errorf("ifxtype: decode INT8: %d bytes, want %d: %w", len(src), Int8WireLen, ErrWireFormat)
	}
	sign := int16(binary.BigEndian.Uint16(src))
	mag := uint64(binary.BigEndian.Uint32(src[2:])) | uint64(binary.BigEndian.Uint32(src[6:]))<<32
	switch sign {
	case 0:
		return 0, true, nil
	case 1:
		if mag > 1<<63-1 {
			return 0, false, fmt.Errorf("ifxtype: decode INT8: magnitude %d: %w", mag, ErrOverflow)
		}
		return int64(mag), false, nil
	case -1:
		if mag > 1<<63 {
			return 0, false, fmt.Errorf("ifxtype: decode INT8: magnitude -%d: %w", mag, ErrOverflow)
		}
		return -int64(mag), false, nil // 2^63 wraps to math.MinInt64 as intended
	}
	return 0, false, fmt.Errorf("ifxtype: decode INT8: sign word %d: %w", sign, ErrWireFormat)
}
