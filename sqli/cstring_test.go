package sqli

import (
	"reflect"
	"testing"
)

// Every string IDS holds as a C string ends at a NUL inside its declared
// length, in the narrow (i16) and wide (feature 62, i32) layouts alike.
func TestCStringFieldsEndAtNUL(t *testing.T) {
	req := NewConnRequest("informix\x00x", "in4mix\x00", "informix\x00")
	req.Database = "testdb\x00\x00"
	req.Env = []EnvVar{{Name: "CLIENT_LOCALE\x00", Value: "en_US.utf8\x00x"}}
	req.ProcessInfo = &ProcessInfo{Host: "h\x00ost"}
	b, err := req.Encode(nil)
	if err != nil {
		t.Fatal(err)
	}
	var got ConnRequest
	if err := got.Decode(b); err != nil {
		t.Fatal(err)
	}
	if got.User != "informix" || got.Password != "in4mix" || got.Server != "informix" || got.Database != "testdb" ||
		got.Env[0] != (EnvVar{"CLIENT_LOCALE", "en_US.utf8"}) || got.ProcessInfo.Host != "h" {
		t.Errorf("connection request decoded as %+v %+v", got, got.ProcessInfo)
	}

	narrow := NewFeatures([]byte{0xff, 0xfc, 0x7f, 0xfc, 0x3c, 0x8c, 0x8a})
	for _, f := range []Features{narrow, ModernFeatures()} {
		cases := []struct{ in, want Message }{
			{&Prepare{SQL: "SELECT 1 FROM systables\x00"}, &Prepare{SQL: "SELECT 1 FROM systables"}},
			{&Command{SQL: "DROP TABLE t\x00; junk"}, &Command{SQL: "DROP TABLE t"}},
			{&DBOpen{Name: "sysmaster\x00"}, &DBOpen{Name: "sysmaster"}},
			{&CurName{Name: "_ifxc1\x00"}, &CurName{Name: "_ifxc1"}},
			{&Info{Env: []EnvVar{{"DBTEMP\x00", "/tmp\x00"}}}, &Info{Env: []EnvVar{{"DBTEMP", "/tmp"}}}},
			{&Bind{Values: []BindValue{{Type: TypeLVarChar, Owner: "informix\x00", TypeName: "lvarchar\x00", Indicator: -1}}},
				&Bind{Values: []BindValue{{Type: TypeLVarChar, Owner: "informix", TypeName: "lvarchar", Indicator: -1}}}},
			{&RetType{Direction: 1, Columns: []RetTypeColumn{{Type: TypeBool, Owner: "informix\x00", Name: "boolean\x00", EncodedLength: 1}}},
				&RetType{Direction: 1, Columns: []RetTypeColumn{{Type: TypeBool, Owner: "informix", Name: "boolean", EncodedLength: 1}}}},
		}
		for _, c := range cases {
			enc := c.in.Encode(nil, f)
			dec := reflect.New(reflect.TypeOf(c.want).Elem()).Interface().(Message)
			if _, err := dec.Decode(enc[2:], f); err != nil {
				t.Errorf("%v: %v", c.in.Tag(), err)
				continue
			}
			if !reflect.DeepEqual(dec, c.want) {
				t.Errorf("features % x: %v decoded as %+v, want %+v", f.Bytes(), c.in.Tag(), dec, c.want)
			}
		}
	}
}
