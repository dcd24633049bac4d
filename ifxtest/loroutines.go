package ifxtest

import (
	"context"
	"encoding/binary"
	"strings"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// The ifx_lo_* routines clients call by fast path on smart large objects
// (docs/PROTOCOL.md, "Smart large objects").

// isLocatorTypeName reports a bound value of the named types blob and
// clob: its data is a locator.
func isLocatorTypeName(name string) bool {
	n := strings.ToLower(name)
	return n == "blob" || n == "clob"
}

func loErr() error {
	return &engine.Error{SQLCode: errLargeObject, Message: engine.MessageText(errLargeObject, "")}
}

func argFD(v engine.Value) (int32, error) {
	fd, err := toInt(v)
	if err != nil || v == nil || fd != int64(int32(fd)) {
		return 0, loErr()
	}
	return int32(fd), nil
}

// loOpen is ifx_lo_open(locator, mode): a descriptor.
func loOpen(c *conn, args []engine.Value) ([]engine.Value, error) {
	loc, ok := args[0].([]byte)
	if !ok {
		return nil, loErr()
	}
	mode, err := argFD(args[1])
	if err != nil {
		return nil, err
	}
	fd, err := c.sess.OpenLargeObject(context.Background(), loc, int(mode))
	if err != nil {
		return nil, err
	}
	return []engine.Value{int64(fd)}, nil
}

// opaqueValue is a routine's result of a named opaque type (ifx_lo_stat,
// blob, clob): owner informix, the name, and the value's bytes.
type opaqueValue struct {
	typ  sqli.TypeCode
	name string
	data []byte
}

func (o opaqueValue) fpValue() sqli.FPValue {
	if o.typ == sqli.TypeInt8 {
		// INT8's 10-byte form (i16 sign, i32 low, i32 high), prec as JDBC
		// binds it.
		return sqli.FPValue{Type: o.typ, Prec: 0x1300, Data: o.data}
	}
	return sqli.FPValue{Type: o.typ, Owner: []byte("informix"), TypeName: []byte(o.name),
		Data: append(binary.BigEndian.AppendUint32(nil, uint32(len(o.data))), o.data...)}
}

// int8Value is an INT8 result.
func int8Value(v int64) opaqueValue {
	sign, m := int16(1), uint64(v)
	if v < 0 {
		sign, m = -1, uint64(-v)
	}
	b := binary.BigEndian.AppendUint16(nil, uint16(sign))
	b = binary.BigEndian.AppendUint32(b, uint32(m))
	b = binary.BigEndian.AppendUint32(b, uint32(m>>32))
	return opaqueValue{typ: sqli.TypeInt8, data: b}
}

// loSeek is ifx_lo_seek(lofd, offset, whence, position): the new
// position (the last argument is the C API's output; the fast path
// returns it).
func loSeek(c *conn, args []engine.Value) ([]engine.Value, error) {
	fd, err := argFD(args[0])
	if err != nil {
		return nil, err
	}
	off, err := toInt(args[1])
	if err != nil || args[1] == nil {
		return nil, loErr()
	}
	whence, err := argFD(args[2])
	if err != nil {
		return nil, err
	}
	pos, err := c.sess.SeekLargeObject(context.Background(), fd, off, int(whence))
	if err != nil {
		return nil, err
	}
	return []engine.Value{int8Value(pos)}, nil
}

// loStat is ifx_lo_stat(lofd, stat): the object's status.
func loStat(c *conn, args []engine.Value) ([]engine.Value, error) {
	fd, err := argFD(args[0])
	if err != nil {
		return nil, err
	}
	size, err := c.sess.LargeObjectSize(context.Background(), fd)
	if err != nil {
		return nil, err
	}
	return []engine.Value{opaqueValue{typ: sqli.TypeUDTFixed, name: "ifx_lo_stat", data: loStatBytes(size)}}, nil
}

// loStatLen is the size of an ifx_lo_stat as IBM's JDBC driver binds it
// (644 bytes of zeros in ifx_lo_stat's argument).
const loStatLen = 644

// loStatBytes lays out an ifx_lo_stat: the size as an INT8 (i16 sign,
// i32 low, i32 high) at offset 2, where JDBC's Blob.length() reads it
// (found by answering a byte pattern); the rest is zero (CHOICE: IDS's
// other fields, times and reference counts, are not in our evidence).
func loStatBytes(size int64) []byte {
	b := make([]byte, loStatLen)
	binary.BigEndian.PutUint16(b[2:], 1)
	binary.BigEndian.PutUint32(b[4:], uint32(size))
	binary.BigEndian.PutUint32(b[8:], uint32(size>>32))
	// JDBC reads the size as 0 unless the i16 at 12 is non-zero (found
	// by answering byte patterns; its meaning is unknown).
	binary.BigEndian.PutUint16(b[12:], 1)
	return b
}

// isLOStructName reports a bound value whose bytes are a structure the
// ifx_lo_* routines take (locators, ifx_lo_spec, ifx_lo_stat), not text.
func isLOStructName(name string) bool {
	switch strings.ToLower(name) {
	case "blob", "clob", "ifx_lo_spec", "ifx_lo_stat":
		return true
	}
	return false
}

// loColSBInfo is ifx_lo_col_sbinfo(column, spec): the storage
// characteristics of a column, filled into spec. ifxtest has one sbspace
// and no per-column settings: the spec comes back as it went (CHOICE).
func loColSBInfo(c *conn, args []engine.Value) ([]engine.Value, error) {
	spec, ok := args[1].([]byte)
	if !ok {
		return nil, loErr()
	}
	return []engine.Value{opaqueValue{typ: sqli.TypeUDTFixed, name: "ifx_lo_spec", data: spec}}, nil
}

// loCreate is ifx_lo_create(spec, mode, locator) for BLOB (xid 10) or
// CLOB (11): a new object, open in mode. The new locator comes back
// first, then the descriptor: JDBC reads the first value as the locator
// (it fails casting an INTEGER there).
func loCreate(xid int) func(*conn, []engine.Value) ([]engine.Value, error) {
	name := map[int]string{engine.XIDBlob: "blob", engine.XIDClob: "clob"}[xid]
	return func(c *conn, args []engine.Value) ([]engine.Value, error) {
		mode, err := argFD(args[1])
		if err != nil {
			return nil, err
		}
		ctx := context.Background()
		loc, err := c.sess.CreateLargeObject(ctx, xid)
		if err != nil {
			return nil, err
		}
		fd, err := c.sess.OpenLargeObject(ctx, loc, int(mode))
		if err != nil {
			return nil, err
		}
		return []engine.Value{opaqueValue{typ: sqli.TypeUDTFixed, name: name, data: loc}, int64(fd)}, nil
	}
}

// loTruncate is ifx_lo_truncate(lofd, size): 0 (CHOICE: no client in our
// evidence calls it; the C API's signature).
func loTruncate(c *conn, args []engine.Value) ([]engine.Value, error) {
	fd, err := argFD(args[0])
	if err != nil {
		return nil, err
	}
	size, err := toInt(args[1])
	if err != nil || args[1] == nil {
		return nil, loErr()
	}
	if err := c.sess.TruncateLargeObject(context.Background(), fd, size); err != nil {
		return nil, err
	}
	return []engine.Value{int64(0)}, nil
}

// loTell is ifx_lo_tell(lofd): the position, an INT8.
func loTell(c *conn, args []engine.Value) ([]engine.Value, error) {
	fd, err := argFD(args[0])
	if err != nil {
		return nil, err
	}
	pos, err := c.sess.TellLargeObject(fd)
	if err != nil {
		return nil, err
	}
	return []engine.Value{int8Value(pos)}, nil
}

// loRelease is ifx_lo_release(locator), which JDBC calls when it closes a
// stream over an object: the C API frees a temporary object's resources.
// ifxtest keeps none per locator: 0 for a locator it made (CHOICE: the
// result's type is inferred from the C API's int).
func loRelease(_ *conn, args []engine.Value) ([]engine.Value, error) {
	loc, ok := args[0].([]byte)
	if _, _, valid := engine.ParseLocator(loc); !ok || !valid {
		return nil, loErr()
	}
	return []engine.Value{int64(0)}, nil
}
