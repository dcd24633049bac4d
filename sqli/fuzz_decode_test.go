package sqli

import (
	"bytes"
	"errors"
	"testing"
)

// Fuzz targets for the server messages whose decoders read lengths and
// counts from the wire: SQ_DESCRIBE (column count, name table, per-column
// strings), SQ_ERR (near text) and SQ_TUPLE (data length). Seeds are in
// testdata/fuzz/<Target>/, cut from the recorded replies (see the root
// package's fuzz_seeds_test.go).

// decodeBothLayouts decodes b as m under the modern and the legacy
// feature sets and checks the decoder's contract: it consumes no more
// than it was given, an incomplete message is ErrShortMessage (and so is
// every prefix of a complete one), and anything else is a ProtocolError
// or ErrMessageTooLarge.
func decodeBothLayouts(t *testing.T, b []byte, newMsg func() Message) {
	for _, ft := range []Features{ModernFeatures(), {}} {
		m := newMsg()
		n, err := m.Decode(b, ft)
		if n < 0 || n > len(b) {
			t.Fatalf("%v: consumed %d of %d bytes", m.Tag(), n, len(b))
		}
		if err != nil {
			var pe *ProtocolError
			if !errors.Is(err, ErrShortMessage) && !errors.As(err, &pe) && !errors.Is(err, ErrMessageTooLarge) {
				t.Fatalf("%v: error %T %v", m.Tag(), err, err)
			}
			continue
		}
		// Every strict prefix of a complete message is incomplete or
		// invalid, never a different complete message: otherwise the
		// stream reader would return a message before its bytes arrived.
		for _, cut := range []int{0, n / 2, n - 1} {
			if cut < 0 || cut >= n {
				continue
			}
			if _, err := newMsg().Decode(b[:cut], ft); err == nil {
				t.Fatalf("%v: a %d-byte prefix of a %d-byte message decodes", m.Tag(), cut, n)
			}
		}
		// What decodes re-encodes to bytes that decode to the same
		// encoding.
		enc := m.Encode(nil, ft)
		m2 := newMsg()
		n2, err := m2.Decode(enc[2:], ft)
		if err != nil || n2 != len(enc)-2 {
			t.Fatalf("%v: re-decode: n=%d/%d err=%v", m.Tag(), n2, len(enc)-2, err)
		}
		if enc2 := m2.Encode(nil, ft); !bytes.Equal(enc, enc2) {
			t.Fatalf("%v: encoding not stable:\n% x\n% x", m.Tag(), enc, enc2)
		}
	}
}

func FuzzDecodeDescribe(f *testing.F) {
	mf := ModernFeatures()
	d := &Describe{StmtType: StmtSelect, StmtID: 3, TupleSize: 30, Columns: []ColumnDesc{
		{StartPos: 0, Type: TypeInt, EncodedLength: 4, Name: "id"},
		{StartPos: 4, Type: TypeVarChar | TypeNotNull, EncodedLength: 40, Name: "name"},
		{StartPos: 45, Type: TypeUDTFixed, ExtendedID: XIDBoolean, ExtendedOwner: "informix", ExtendedName: "boolean", EncodedLength: 1, Name: "b"},
	}}
	f.Add(d.Encode(nil, mf)[2:])
	f.Add(d.Encode(nil, Features{})[2:])
	f.Add((&Describe{StmtType: StmtInsert}).Encode(nil, mf)[2:])
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeBothLayouts(t, b, func() Message { return &Describe{} })
	})
}

func FuzzDecodeErr(f *testing.F) {
	mf := ModernFeatures()
	for _, e := range []*Err{{SQLCode: -206, ISAMCode: -111, Near: "t"}, {SQLCode: -368}, {SQLCode: 100}, {SQLCode: -201, Offset: 7}} {
		f.Add(e.Encode(nil, mf)[2:])
		f.Add(e.Encode(nil, Features{})[2:])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeBothLayouts(t, b, func() Message { return &Err{} })
	})
}

func FuzzDecodeTuple(f *testing.F) {
	f.Add((&Tuple{Data: []byte{0, 0, 0, 1, 3, 'a', 'b', 'c'}}).Encode(nil, Features{})[2:])
	f.Add([]byte{0, 0, 0x7f, 0xff, 0xff, 0xff})
	f.Add([]byte{0, 0, 0xff, 0xff, 0xff, 0xfe})
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeBothLayouts(t, b, func() Message { return &Tuple{} })
		// The stream reader never holds more than its maximum for one
		// message, whatever length the tuple claims.
		rd := NewReader(bytes.NewReader(append([]byte{0, byte(TagTuple)}, b...)))
		rd.SetMaxMessageSize(4 << 10)
		_, err := rd.ReadBackend()
		if len(rd.buf) > 8<<10 {
			t.Fatalf("buffer grew to %d bytes with a 4 KiB maximum (err %v)", len(rd.buf), err)
		}
	})
}

// FuzzConnResponse decodes association packets as the client does and
// checks the decoder never returns a packet it did not fully bound.
func FuzzConnResponse(f *testing.F) {
	acc, _ := NewConnAccept("informix", "IBM Informix Dynamic Server Version 15.0.1.0.3").Encode(nil)
	f.Add(acc)
	rej := NewConnAccept("informix", "x")
	rej.Type, rej.SvcError, rej.Messages = PacketReject, -951, []string{"Incorrect password or user informix is not known on the database server."}
	b, _ := rej.Encode(nil)
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		// Through the stream reader first: the packet length bounds what
		// is read.
		rd := NewReader(bytes.NewReader(b))
		pkt, err := rd.ReadPacket()
		if err != nil {
			return
		}
		if len(pkt) > len(b) || len(pkt) > 0xffff {
			t.Fatalf("packet of %d bytes from %d", len(pkt), len(b))
		}
		var r ConnResponse
		if err := r.Decode(pkt); err != nil {
			return
		}
		_ = r.Accepted()
		if _, err := r.Encode(nil); err != nil {
			t.Fatalf("re-encode: %v", err)
		}
	})
}
