package sqli

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

// JDBC 15.0.0.1.1 binding setBytes({0,1,2,3,4}) to a BYTE parameter of
// "INSERT INTO bb_t VALUES (?)", as it sent it to a scripted server
// (conformance/probes/bytetext, runs w_small and w_small_narrow): SQ_ID,
// SQ_BIND with type 11, prec 56 and the descriptor (68 bytes with
// feature 70, size at 32; 56 without, size at 16), SQ_BBIND 1, the value
// as one SQ_BLOB chunk and an empty one, SQ_EXECUTE, SQ_EOT.
const (
	jdbcBindByteWide   = "0004000000050001000b0000003800000000000000000000000000000000000000000000000000000000000000000000000500000000000000000000000000000000000000000000000000000000000000000029000100270005000102030400002700000007000c"
	jdbcBindByteNarrow = "0004000000050001000b0000003800000000000000000000000000000000000000050000000000000000000000000000000000000000000000000000000000000000000000000029000100270005000102030400002700000007000c"
	// JDBC fetching the BYTE value of a row whose 56-byte descriptor the
	// server sent with feature 70 on (run r56_wide): the descriptor goes
	// back as 68 bytes, copied from the tuple (12 bytes of the next
	// column included).
	jdbcFetchBlobWide = "0004000000260102030400100203000000000000000000000005112233440000002100000031000055660000000400000041000000420000004300000044000000280000000000000000000c"
)

func readAll(t *testing.T, hexBytes string, f Features) []Message {
	t.Helper()
	b, err := hex.DecodeString(hexBytes)
	if err != nil {
		t.Fatal(err)
	}
	rd := NewReader(bytes.NewReader(b))
	rd.SetFeatures(f)
	var out []Message
	for {
		m, err := rd.ReadFrontend()
		if err != nil {
			t.Fatalf("after %d messages: %v", len(out), err)
		}
		out = append(out, clone(t, m, f))
		if m.Tag() == TagEOT {
			if rd.Buffered() != 0 {
				t.Fatalf("%d bytes left", rd.Buffered())
			}
			return out
		}
	}
}

// clone re-encodes and decodes m, so that it survives the reader's reuse.
func clone(t *testing.T, m Message, f Features) Message {
	t.Helper()
	b := m.Encode(nil, f)
	rd := NewReader(bytes.NewReader(b))
	rd.SetFeatures(f)
	c, err := rd.ReadFrontend()
	if err != nil {
		t.Fatalf("%v does not decode its own encoding: %v", m.Tag(), err)
	}
	return c
}

func TestJDBCBlobBind(t *testing.T) {
	narrow := NewFeatures(nil)
	for _, tc := range []struct {
		name      string
		hex       string
		f         Features
		sizeAt    int
		descBytes int
	}{
		{"feature 70", jdbcBindByteWide, ModernFeatures(), 32, 68},
		{"narrow", jdbcBindByteNarrow, narrow, 16, 56},
	} {
		msgs := readAll(t, tc.hex, tc.f)
		var tags []string
		for _, m := range msgs {
			tags = append(tags, m.Tag().String())
		}
		if got := strings.Join(tags, " "); got != "SQ_ID SQ_BIND SQ_BBIND SQ_BLOB SQ_BLOB SQ_EXECUTE SQ_EOT" {
			t.Fatalf("%s: %s", tc.name, got)
		}
		bind := msgs[1].(*Bind)
		v := bind.Values[0]
		if v.Type != TypeByte || v.Indicator != 0 || v.Prec != 56 || len(v.Data) != tc.descBytes {
			t.Fatalf("%s: %+v", tc.name, v)
		}
		if v.Data[tc.sizeAt+3] != 5 {
			t.Errorf("%s: size not at %d: % x", tc.name, tc.sizeAt, v.Data)
		}
		if n := msgs[2].(*BBind).Count; n != 1 {
			t.Errorf("%s: SQ_BBIND %d", tc.name, n)
		}
		if d := msgs[3].(*Blob).Data; !bytes.Equal(d, []byte{0, 1, 2, 3, 4}) || len(msgs[4].(*Blob).Data) != 0 {
			t.Errorf("%s: chunks % x, % x", tc.name, d, msgs[4].(*Blob).Data)
		}
		// Our encoding of the same messages is JDBC's, byte for byte.
		desc := BlobDescriptor{Size: 5}.Append(nil, tc.descBytes)
		if tc.descBytes == LongBlobDescriptorSize {
			// JDBC's 68-byte form has the size at 32 only.
			copy(desc[16:20], []byte{0, 0, 0, 0})
		}
		var b []byte
		b = (&ID{}).Encode(b, tc.f)
		b = (&Bind{Values: []BindValue{{Type: TypeByte, Prec: 56, Data: desc}}}).Encode(b, tc.f)
		b = (&BBind{Count: 1}).Encode(b, tc.f)
		b = AppendBlobStream(b, []byte{0, 1, 2, 3, 4}, 1024)
		b = Execute{}.Encode(b, tc.f)
		b = EOT{}.Encode(b, tc.f)
		if got := hex.EncodeToString(b); got != tc.hex {
			t.Errorf("%s: encoded\n%s\nwant\n%s", tc.name, got, tc.hex)
		}
	}
}

func TestJDBCFetchBlob(t *testing.T) {
	msgs := readAll(t, jdbcFetchBlobWide, ModernFeatures())
	if len(msgs) != 3 || msgs[0].(*ID).StatementID != 0 {
		t.Fatalf("%v", msgs)
	}
	fb := msgs[1].(*FetchBlob)
	if len(fb.Descriptor) != LongBlobDescriptorSize {
		t.Fatalf("descriptor of %d bytes", len(fb.Descriptor))
	}
	d, err := ParseBlobDescriptor(fb.Descriptor)
	if err != nil {
		t.Fatal(err)
	}
	// The scripted server's descriptor, echoed unchanged: fd 0102,
	// tblspace 00100203, start 0, end 0, size 5, addr 11223344, flags
	// 0004 (BL_BSBLOB).
	if d.FD != 0x0102 || d.Space != 0x00100203 || d.Start != 0 || d.End != 0 || d.Size != 5 || d.Addr != 0x11223344 || d.Flags != 4 || d.Null() {
		t.Errorf("%+v", d)
	}
}

func TestBlobMessagesRefuseBadLengths(t *testing.T) {
	for _, tc := range []struct {
		name string
		hex  string
	}{
		{"negative chunk", "0027ffff"},
		{"negative blob count", "0029fffe"},
	} {
		b, _ := hex.DecodeString(tc.hex)
		rd := NewReader(bytes.NewReader(b))
		if _, err := rd.ReadFrontend(); err == nil || err == ErrShortMessage {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	// A chunk longer than the stream is a short read, not an allocation.
	b, _ := hex.DecodeString("00277fff0102")
	rd := NewReader(bytes.NewReader(b))
	if _, err := rd.ReadFrontend(); err == nil {
		t.Error("a truncated chunk decoded")
	}
}

func TestAppendBlobStream(t *testing.T) {
	data := bytes.Repeat([]byte{7}, 2500)
	b := AppendBlobStream(nil, data, 1024)
	rd := NewReader(bytes.NewReader(b))
	var got []byte
	var sizes []int
	for {
		m, err := rd.ReadBackend()
		if err != nil {
			t.Fatal(err)
		}
		d := m.(*Blob).Data
		sizes = append(sizes, len(d))
		if len(d) == 0 {
			break
		}
		got = append(got, d...)
	}
	if !bytes.Equal(got, data) || len(sizes) != 4 || sizes[0] != 1024 || sizes[2] != 452 {
		t.Fatalf("chunks %v", sizes)
	}
	if b := AppendBlobStream(nil, nil, 1024); hex.EncodeToString(b) != "00270000" {
		t.Fatalf("empty value: % x", b)
	}
}
