package sqli

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func TestDescribeRoundTrip(t *testing.T) {
	d := &Describe{StmtType: StmtSelect, StmtID: 3, Cost: 7, TupleSize: 140, Columns: []ColumnDesc{
		{StartPos: 0, Type: TypeInt | TypeNotNull, EncodedLength: 4, Name: "tabid"},
		{StartPos: 4, Type: TypeVarChar, EncodedLength: 128, Name: "tabname"},
		{StartPos: 133, Type: TypeUDTFixed, ExtendedID: XIDBoolean, ExtendedOwner: "informix", ExtendedName: "boolean", EncodedLength: 1, Name: "b"},
		{StartPos: 139, Type: TypeDateTime, EncodedLength: 0x0e0a, Name: "(expression)"},
	}}
	for _, f := range []Features{ModernFeatures(), legacy, {}} {
		b := d.Encode(nil, f)
		var got Describe
		n, err := got.Decode(b[2:], f)
		if err != nil || n != len(b)-2 {
			t.Fatalf("decode: n=%d of %d, err=%v", n, len(b)-2, err)
		}
		if got.StmtType != 2 || got.StmtID != 3 || got.TupleSize != 140 || len(got.Columns) != 4 {
			t.Fatalf("header %+v", got)
		}
		for i, c := range got.Columns {
			if c != d.Columns[i] {
				t.Errorf("column %d = %+v, want %+v", i, c, d.Columns[i])
			}
		}
		if len(b)%2 != 0 {
			t.Errorf("odd message length %d", len(b))
		}
		// Every truncation is reported as short, never as a bogus success.
		for cut := 0; cut < len(b)-2; cut++ {
			if _, err := got.Decode(b[2:2+cut], f); !errors.Is(err, ErrShortMessage) {
				t.Fatalf("cut at %d: %v", cut, err)
			}
		}
	}
	// A statement without columns: header only.
	empty := (&Describe{StmtType: StmtCreateTable}).Encode(nil, ModernFeatures())
	if want := 2 + 2 + 2 + 4 + 4 + 2 + 4; len(empty) != want {
		t.Errorf("zero-column DESCRIBE is %d bytes, want %d", len(empty), want)
	}
}

func TestReaderHostileLength(t *testing.T) {
	// A TUPLE claiming 2 GB fails at once, without buffering 2 GB.
	b := []byte{0, 14, 0, 0, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3}
	rd := NewReader(bytes.NewReader(b))
	if _, err := rd.ReadBackend(); !errors.Is(err, ErrMessageTooLarge) {
		t.Fatalf("err = %v, want ErrMessageTooLarge", err)
	}
	// Below the decoder bound but above the reader's maximum.
	big := (&Tuple{Data: make([]byte, 100<<10)}).Encode(nil, Features{})
	rd = NewReader(bytes.NewReader(big))
	rd.SetMaxMessageSize(32 << 10)
	if _, err := rd.ReadBackend(); !errors.Is(err, ErrMessageTooLarge) {
		t.Fatalf("err = %v, want ErrMessageTooLarge", err)
	}
	if len(rd.buf) > 64<<10 {
		t.Errorf("buffer grew to %d", len(rd.buf))
	}
}

func TestReaderErrors(t *testing.T) {
	rd := NewReader(bytes.NewReader([]byte{0x12, 0x34}))
	var pe *ProtocolError
	if _, err := rd.ReadBackend(); !errors.As(err, &pe) || pe.Tag != 0x1234 {
		t.Fatalf("unknown tag: %v", err)
	}
	rd = NewReader(bytes.NewReader([]byte{0, 15, 0, 0, 0}))
	if _, err := rd.ReadBackend(); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("truncated DONE: %v", err)
	}
	rd = NewReader(bytes.NewReader(nil))
	if _, err := rd.ReadBackend(); err != io.EOF {
		t.Fatalf("empty stream: %v", err)
	}
	// A frontend message is not accepted where a backend one is expected.
	rd = NewReader(bytes.NewReader((&Prepare{SQL: "x"}).Encode(nil, Features{})))
	if _, err := rd.ReadBackend(); !errors.As(err, &pe) {
		t.Fatalf("PREPARE from a server: %v", err)
	}
}

// Many tuples through a reader that returns one byte at a time, then
// half-buffered: the reader reassembles every row.
func TestReaderManyTuples(t *testing.T) {
	var stream []byte
	for i := range 1000 {
		stream = (&Tuple{Data: bytes.Repeat([]byte{byte(i)}, i%37)}).Encode(stream, Features{})
	}
	stream = EOT{}.Encode(stream, Features{})
	for _, src := range []io.Reader{iotest.OneByteReader(bytes.NewReader(stream)), iotest.HalfReader(bytes.NewReader(stream))} {
		rd := NewReader(src)
		for i := range 1000 {
			m, err := rd.ReadBackend()
			if err != nil {
				t.Fatal(err)
			}
			tu := m.(*Tuple)
			if len(tu.Data) != i%37 || (len(tu.Data) > 0 && tu.Data[0] != byte(i)) {
				t.Fatalf("row %d: % x", i, tu.Data)
			}
		}
		if m, err := rd.ReadBackend(); err != nil || m.Tag() != TagEOT {
			t.Fatalf("end: %v %v", m, err)
		}
	}
}

func TestLongInt(t *testing.T) {
	for _, v := range []int64{0, 5, -5, 1 << 32, -(1 << 62), 1<<63 - 1, -1 << 63} {
		b := AppendLongInt(nil, v)
		got, null, err := DecodeLongInt(b)
		if err != nil || null || got != v {
			t.Errorf("%d: got %d null=%v err=%v (% x)", v, got, null, err, b)
		}
	}
	if b := AppendLongInt(nil, 1<<32); !bytes.Equal(b, []byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 1}) {
		t.Errorf("2^32 = % x", b)
	}
	if _, null, _ := DecodeLongInt(AppendNullLongInt(nil)); !null {
		t.Error("NULL form not null")
	}
	if _, _, err := DecodeLongInt([]byte{0, 2, 0, 0, 0, 0, 0, 0, 0, 0}); err == nil {
		t.Error("sign word 2 accepted")
	}
}

func FuzzReadBackend(f *testing.F) {
	mf := ModernFeatures()
	f.Add(AppendGroup(nil, mf, &Describe{StmtType: 2, Columns: []ColumnDesc{{Type: TypeInt, Name: "a"}}}, &Done{}, &Cost{}))
	f.Add(AppendGroup(nil, mf, &Tuple{Data: []byte{1, 2, 3}}, &Err{SQLCode: -201, Near: "x"}, &XactStat{}, &InsertDone{Serial8: 9}))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, ft := range []Features{mf, {}} {
			rd := NewReader(bytes.NewReader(b))
			rd.SetFeatures(ft)
			rd.SetMaxMessageSize(1 << 20)
			for range 100 {
				m, err := rd.ReadBackend()
				if err != nil {
					break
				}
				// Whatever decodes must re-encode to something that decodes.
				enc := m.Encode(nil, ft)
				if _, err := m.Decode(enc[2:], ft); err != nil {
					t.Fatalf("%v re-decode: %v", m.Tag(), err)
				}
			}
		}
	})
}

func FuzzReadFrontend(f *testing.F) {
	mf := ModernFeatures()
	f.Add(AppendGroup(nil, mf, &Prepare{SQL: "select 1"}, NDescribe{}, WantDone{}))
	f.Add(AppendGroup(nil, mf, &ID{}, &Bind{Values: []BindValue{{Type: TypeChar, Data: []byte{0, 1, 'x'}}, {Type: TypeInt, Indicator: -1}}}, Execute{}))
	f.Add(AppendGroup(nil, mf, &Info{Env: []EnvVar{{"A", "b"}}}, &DBOpen{Name: "testdb"}))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, ft := range []Features{mf, {}} {
			rd := NewReader(bytes.NewReader(b))
			rd.SetFeatures(ft)
			rd.SetMaxMessageSize(1 << 20)
			for range 100 {
				if _, err := rd.ReadFrontend(); err != nil {
					break
				}
			}
		}
	})
}

func FuzzConnPackets(f *testing.F) {
	req, _ := NewConnRequest("informix", "in4mix", "informix").Encode(nil)
	acc, _ := NewConnAccept("informix", "IBM Informix Dynamic Server Version 15.0.0.0").Encode(nil)
	f.Add(req)
	f.Add(acc)
	f.Fuzz(func(t *testing.T, b []byte) {
		var r ConnRequest
		if r.Decode(b) == nil {
			if _, err := r.Encode(nil); err != nil {
				t.Fatal(err)
			}
		}
		var a ConnResponse
		if a.Decode(b) == nil {
			if _, err := a.Encode(nil); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// A TLS record where an association packet belongs fails at once instead
// of waiting for 5,379 bytes.
func TestReadPacketRejectsTLS(t *testing.T) {
	alert := []byte{0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46}
	pr, pw := io.Pipe()
	go pw.Write(alert) // the pipe stays open: a wait for more bytes would hang
	defer pw.Close()
	rd := NewReader(pr)
	var pe *ProtocolError
	if _, err := rd.ReadPacket(); !errors.As(err, &pe) {
		t.Fatalf("err = %v, want ProtocolError", err)
	}
}

// After one huge message the buffer goes back to its normal size.
func TestReaderShrinks(t *testing.T) {
	var stream []byte
	stream = (&Tuple{Data: make([]byte, 3<<20)}).Encode(stream, Features{})
	stream = (&Tuple{Data: []byte{1}}).Encode(stream, Features{})
	rd := NewReader(bytes.NewReader(stream))
	if _, err := rd.ReadBackend(); err != nil {
		t.Fatal(err)
	}
	if len(rd.buf) < 3<<20 {
		t.Fatalf("buffer %d after a 3 MiB tuple", len(rd.buf))
	}
	m, err := rd.ReadBackend()
	if err != nil || len(m.(*Tuple).Data) != 1 {
		t.Fatal(err)
	}
	if len(rd.buf) > 64<<10 {
		t.Errorf("buffer still %d bytes", len(rd.buf))
	}
}
