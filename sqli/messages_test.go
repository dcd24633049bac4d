package sqli

import (
	"bytes"
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var legacy = NewFeatures([]byte{0xff, 0xfc, 0x7f, 0xfc, 0x3c, 0x8c, 0x8a}) // nmap's 2010 offer

// Known bytes from the protocol notes: each encodes exactly so and
// decodes back to the same message.
func TestMessageVectors(t *testing.T) {
	modern := ModernFeatures()
	cases := []struct {
		name string
		f    Features
		msgs []Message
		hex  string
	}{
		{"JDBC 15 SQ_PROTOCOLS offer", modern, []Message{&Protocols{NewFeatures(JDBCOffer)}},
			"00 7e 00 09 ff fc 7f fc 3c 8c aa 97 06 00 00 0c"},
		{"nmap SQ_PROTOCOLS offer", legacy, []Message{&Protocols{legacy}},
			"00 7e 00 07 ff fc 7f fc 3c 8c 8a 00 00 0c"},
		{"nmap SQ_INFO", legacy, []Message{&Info{Env: []EnvVar{{"DBTEMP", "/tmp"}, {"SUBQCACHESZ", "10"}}}},
			"00 51 00 06 00 26 00 0c 00 04 00 06 44 42 54 45 4d 50 00 04 2f 74 6d 70 00 0b 53 55 42 51 43 41 43 48 45 53 5a 00 00 02 31 30 00 00 00 00 00 0c"},
		{"nmap SQ_DBOPEN", legacy, []Message{&DBOpen{Name: "sysmaster"}},
			"00 24 00 09 73 79 73 6d 61 73 74 65 72 00 00 00 00 0c"},
		{"BEGIN", modern, []Message{Begin{}}, "00 23 00 0c"},
		{"COMMIT", modern, []Message{CommitWork{}}, "00 13 00 0c"},
		{"ROLLBACK", modern, []Message{&Rollback{}}, "00 14 00 00 00 0c"},
		{"CLOSE", modern, []Message{&ID{0}, Close{}}, "00 04 00 00 00 0a 00 0c"},
		{"RELEASE", modern, []Message{&ID{0}, Release{}}, "00 04 00 00 00 0b 00 0c"},
		{"COMMAND CREATE TEMP TABLE", modern, []Message{&Command{SQL: "CREATE TEMP TABLE t (a INT)"}, NDescribe{}, Execute{}, Release{}},
			"00 01 00 00 00 00 00 1b 43 52 45 41 54 45 20 54 45 4d 50 20 54 41 42 4c 45 20 74 20 28 61 20 49 4e 54 29 00 00 16 00 07 00 0b 00 0c"},
		{"PREPARE SELECT 1", modern, []Message{&Prepare{SQL: "SELECT 1 FROM systables WHERE tabid = 1"}, NDescribe{}, WantDone{}},
			"00 02 00 00 00 00 00 27 53 45 4c 45 43 54 20 31 20 46 52 4f 4d 20 73 79 73 74 61 62 6c 65 73 20 57 48 45 52 45 20 74 61 62 69 64 20 3d 20 31 00 00 16 00 31 00 0c"},
		{"OPEN + first NFETCH", modern, []Message{&ID{0}, &CurName{"_ifxc0000000000001"}, Open{}, &ID{0}, &NFetch{BufSize: 4096}},
			"00 04 00 00 00 03 00 12 5f 69 66 78 63 30 30 30 30 30 30 30 30 30 30 30 30 31 00 06 00 04 00 00 00 09 00 00 10 00 00 00 00 0c"},
		{"nmap NFETCH (i16 buffer)", legacy, []Message{&ID{0}, &NFetch{BufSize: 4096}}, "00 04 00 00 00 09 10 00 00 00 00 0c"},
		{"SFETCH ABSOLUTE 5", modern, []Message{&ID{0}, &SFetch{ScrollType: ScrollAbsolute, Row: 5, BufSize: 4096}},
			"00 04 00 00 00 17 00 06 00 00 00 05 00 00 10 00 00 0c"},
		{"BIND INT 42 + CHAR hello", modern, []Message{&ID{0}, &Bind{Values: []BindValue{
			{Type: TypeInt, Prec: 0x0a00, Data: []byte{0, 0, 0, 42}},
			{Type: TypeChar, Data: []byte{0, 5, 'h', 'e', 'l', 'l', 'o'}},
		}}, Execute{}},
			"00 04 00 00 00 05 00 02 00 02 00 00 0a 00 00 00 00 2a 00 00 00 00 00 00 00 05 68 65 6c 6c 6f 00 00 07 00 0c"},
		{"DONE feature 70", modern, []Message{&Done{Rows: 1, RowID: 0x101}},
			"00 0f 00 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 01 01 00 00 00 00 00 0c"},
		{"DONE legacy", legacy, []Message{&Done{Warnings: 5, Rows: 1, Serial: 7}},
			"00 0f 00 05 00 00 00 01 00 00 00 00 00 00 00 07 00 0c"},
		{"SQ_ERR legacy -908", legacy, []Message{&Err{SQLCode: -908, ISAMCode: 149, Near: "hello"}},
			"00 0d fc 74 00 95 00 00 00 05 68 65 6c 6c 6f 00 00 0c"},
		{"SQ_ERR -206 modern", modern, []Message{&Err{SQLCode: -206, ISAMCode: -111, Offset: 27, Near: "no_such_table"}},
			"00 0d ff 32 ff 91 00 00 00 1b 00 0d 6e 6f 5f 73 75 63 68 5f 74 61 62 6c 65 00 00 0c"},
		{"SQ_ERR -368 has no near text", modern, []Message{&Err{SQLCode: -368}}, "00 0d fe 90 00 00 00 00 00 00 00 0c"},
		{"COST", modern, []Message{&Cost{EstimatedRows: 1, EstimatedCost: 2}}, "00 37 00 00 00 01 00 00 00 02 00 0c"},
		{"XACTSTAT", modern, []Message{&XactStat{Event: 1, NewLevel: 2, OldLevel: 3}}, "00 63 00 01 00 02 00 03 00 0c"},
		{"INSERTDONE serial8 5 + bigserial", modern, []Message{&InsertDone{Serial8: 5, BigSerial: 5}},
			"00 5e 00 01 00 00 00 05 00 00 00 00 00 00 00 00 00 00 00 05 00 0c"},
		{"INSERTDONE negative, no feature 54", Features{}, []Message{&InsertDone{Serial8: -5}}, "00 5e ff ff 00 00 00 05 00 00 00 00 00 0c"},
		{"TUPLE odd payload padded", modern, []Message{&Tuple{Data: []byte("syscolumns\x00")}},
			"00 0e 00 00 00 00 00 0b 73 79 73 63 6f 6c 75 6d 6e 73 00 00 00 0c"},
		{"TUPID", modern, []Message{&TupID{Row: 5}}, "00 19 00 00 00 05 00 0c"},
		{"RET_TYPE", modern, []Message{&RetType{Direction: 1, Columns: []RetTypeColumn{{Type: TypeVarChar, EncodedLength: 128}, {Type: TypeUDTVar, Owner: "informix", Name: "lvarchar", EncodedLength: 2048}}}},
			"00 64 00 01 00 02 00 0d 00 00 00 80 00 28 00 08 69 6e 66 6f 72 6d 69 78 00 08 6c 76 61 72 63 68 61 72 00 00 08 00 00 0c"},
		{"EXIT", modern, []Message{Exit{}}, "00 38 00 0c"},
		{"CIDESCRIBE (JDBC)", modern, []Message{&ID{0}, CIDescribe{}}, "00 04 00 00 00 7c 00 0c"},
		{"IDESCRIBE INT, VARCHAR(20)", modern, []Message{&IDescribe{Params: []ParamDesc{{Type: TypeInt, EncodedLength: 4}, {Type: TypeVarChar, EncodedLength: 20}}}},
			"00 7d 00 02 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 04 00 0d 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 14 00 0c"},
		{"IDESCRIBE without parameters", modern, []Message{&IDescribe{}}, "00 7d 00 00 00 0c"},
		{"BIND BOOLEAN true (JDBC)", modern, []Message{&Bind{Values: []BindValue{{Type: TypeBool, TypeName: "boolean", Prec: 1, Data: []byte{0, 0, 0, 1, 1}}}}},
			"00 05 00 01 00 2d 00 00 00 07 62 6f 6f 6c 65 61 6e 00 00 00 00 01 00 00 00 01 01 00 00 0c"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := unhex(t, c.hex)
			got := AppendGroup(nil, c.f, c.msgs...)
			if !bytes.Equal(got, want) {
				t.Fatalf("encoded\n% x\nwant\n% x", got, want)
			}
			// Decode both as frontend and backend where the tag is known to
			// that side, byte at a time, and compare.
			for _, side := range []string{"frontend", "backend"} {
				rd := NewReader(iotest.OneByteReader(bytes.NewReader(want)))
				rd.SetFeatures(c.f)
				read := rd.ReadFrontend
				if side == "backend" {
					read = rd.ReadBackend
				}
				var decoded []Message
				ok := true
				for {
					m, err := read()
					if err != nil {
						var pe *ProtocolError
						if errors.As(err, &pe) && strings.Contains(pe.Reason, "unknown or unexpected") {
							ok = false
							break
						}
						t.Fatalf("%s: %v", side, err)
					}
					if m.Tag() == TagEOT {
						break
					}
					decoded = append(decoded, cloneMessage(m))
				}
				if !ok {
					continue
				}
				if !reflect.DeepEqual(normalize(decoded), normalize(c.msgs)) {
					t.Errorf("%s decoded %#v\nwant %#v", side, decoded, c.msgs)
				}
				if rd.Buffered() != 0 {
					t.Errorf("%s: %d bytes left", side, rd.Buffered())
				}
			}
		})
	}
}

// cloneMessage copies a decoded message out of the reader's reusable set by
// re-encoding and decoding it into a fresh value.
func cloneMessage(m Message) Message {
	f := ModernFeatures()
	b := m.Encode(nil, f)
	var fresh Message
	switch m.(type) {
	case *Protocols:
		fresh = new(Protocols)
	case *Info:
		fresh = new(Info)
	case *DBOpen:
		fresh = new(DBOpen)
	case *Command:
		fresh = new(Command)
	case *Prepare:
		fresh = new(Prepare)
	case *ID:
		fresh = new(ID)
	case *CurName:
		fresh = new(CurName)
	case *Bind:
		fresh = new(Bind)
	case *NFetch:
		fresh = new(NFetch)
	case *SFetch:
		fresh = new(SFetch)
	case *Rollback:
		fresh = new(Rollback)
	case *RetType:
		fresh = new(RetType)
	case *Done:
		fresh = new(Done)
	case *Err:
		fresh = new(Err)
	case *Cost:
		fresh = new(Cost)
	case *XactStat:
		fresh = new(XactStat)
	case *InsertDone:
		fresh = new(InsertDone)
	case *Tuple:
		fresh = new(Tuple)
	case *TupID:
		fresh = new(TupID)
	case *IDescribe:
		fresh = new(IDescribe)
	case *Describe:
		fresh = new(Describe)
	default:
		return m
	}
	if _, err := fresh.Decode(b[2:], f); err != nil {
		panic(err)
	}
	return fresh
}

// normalize makes nil and empty slices compare equal.
func normalize(ms []Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, hex.EncodeToString(m.Encode(nil, ModernFeatures())))
	}
	return out
}

// Sizes from the JDBC 15 live trace (docs/PROTOCOL.md, note N8).
func TestJDBCTraceSizes(t *testing.T) {
	f := ModernFeatures()
	sql := "SELECT tabname FROM systables WHERE 1"
	if len(sql) != 37 {
		t.Fatal(len(sql))
	}
	if n := len(AppendGroup(nil, f, &Prepare{SQL: sql}, NDescribe{}, WantDone{})); n != 52 {
		t.Errorf("PREPARE of 37-byte SQL is %d bytes, want 52", n)
	}
	if n := len(AppendGroup(nil, f, &ID{}, &CurName{"_ifxc0000000000001"}, Open{}, &ID{}, &NFetch{BufSize: 4096})); n != 42 {
		t.Errorf("open+fetch group is %d bytes, want 42", n)
	}
}
