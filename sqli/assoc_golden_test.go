package sqli

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"github.com/ifxgo/ifx/internal/hexdump"
)

func capture(t *testing.T, name string) []hexdump.Chunk {
	t.Helper()
	chunks, err := hexdump.ReadFile(filepath.Join("..", "testdata", "captures", name))
	if err != nil {
		t.Fatal(err)
	}
	return chunks
}

// The GBase 8s JDBC request decodes with every byte consumed and encodes
// back to the same 433 bytes.
func TestGoldenGBaseConnRequest(t *testing.T) {
	raw := capture(t, "tcpshadow-gbase8s-asc-request.hex")[0].Bytes
	if len(raw) != 433 {
		t.Fatalf("capture has %d bytes, want 433", len(raw))
	}
	var r ConnRequest
	if err := r.Decode(raw); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"float", r.FloatFormat, "IEEEM"},
		{"program", r.ProgramName, "sqlexec"},
		{"version", r.ClientVersion, "9.280"},
		{"serial", r.SerialNumber, "RDS#R000000"},
		{"app", r.AppID, "sqli"},
		{"cap1", r.Cap1, int32(0x13c)},
		{"usertype", r.UserType, int16(1)},
		{"user", r.User, "gbasedbt"},
		{"password len", len(r.Password), 32},
		{"product", r.Product, "ol"},
		{"transport", r.Transport, "tlitcp"},
		{"netlevel", r.NetLevel, int32(1)},
		{"options", r.StmtOptions, int32(3)},
		{"server", r.Server, "gbaseserver"},
		{"database", r.Database, ""},
		{"env count", len(r.Env), 6},
		{"pid", r.ProcessInfo.PID, int32(0)},
		{"tid", r.ProcessInfo.ThreadID, int32(1)},
		{"host", r.ProcessInfo.Host, "MM-202201031507"},
		{"cwd", r.ProcessInfo.Cwd, `E:\JDBCTest\JDBCTest`},
		{"misc", r.Misc.Name, "/E:/JDBCTest/JDBCTest/lib/gbasedbtjdbc_3.3.0_2.jarConnectionTest/Test"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if v, _ := r.EnvValue("SQLMODE"); v != "gbase" {
		t.Errorf("SQLMODE = %q", v)
	}
	if v, _ := r.EnvValue("DBDATE"); v != "Y4MD-" {
		t.Errorf("DBDATE = %q", v)
	}
	out, err := r.Encode(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, raw) {
		t.Fatalf("re-encoded request differs:\n%s\nwant\n%s", hexdump.Dump(out), hexdump.Dump(raw))
	}
}

// The GBase 9.56 accept decodes with every byte consumed, including the
// informational blocks 107/110/116, and encodes back to the same bytes.
func TestGoldenGBaseConnAccept(t *testing.T) {
	raw := capture(t, "tcpshadow-gbase8s-asc-accept.hex")[0].Bytes
	if len(raw) != 287 {
		t.Fatalf("capture has %d bytes, want 287", len(raw))
	}
	var r ConnResponse
	if err := r.Decode(raw); err != nil {
		t.Fatal(err)
	}
	if !r.Accepted() || r.Flags != 0x1000 {
		t.Errorf("type %d flags %#x svcError %d", r.Type, r.Flags, r.SvcError)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"float", r.FloatFormat, "IEEEI"},
		{"program", r.ProgramName, "srvinfx"},
		{"version", r.ServerVersion, "GBase Server Version 9.56.FC4G1TL"},
		{"serial", r.SerialNumber, "Software Serial Number AAA#B000000"},
		{"server", r.ServerName, "gbaseserver"},
		{"cap1", r.Cap1, int32(0x13c)},
		{"product", r.Product, "on"},
		{"transport", r.Transport, "soctcp"},
		{"warnings", r.Warnings, int16(0x14)},
		{"messages", len(r.Messages), 0},
		{"pid", r.ProcessInfo.PID, int32(0xb8e)},
		{"host", r.ProcessInfo.Host, "h4"},
		{"tty", r.ProcessInfo.TTY, "/dev/pts/0"},
		{"home", r.ProcessInfo.Cwd, "/home/gbasedbt"},
		{"110 len", len(r.Block110), 4},
		{"uid", r.Misc.Value1, int32(1001)},
		{"gid", r.Misc.Value2, int32(1001)},
		{"exe", r.Misc.Name, "/home/zhangyaru/gbase/bin/oninit"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	out, err := r.Encode(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, raw) {
		t.Fatalf("re-encoded accept differs:\n%s\nwant\n%s", hexdump.Dump(out), hexdump.Dump(raw))
	}
}

// Only the first 79 bytes of the Informix 15 session are public; they
// decode field by field as far as they go.
func TestGoldenInformix15ConnectExcerpt(t *testing.T) {
	chunks := capture(t, "01-connect-only.socat.partial.hex")
	if len(chunks) != 2 {
		t.Fatalf("%d chunks", len(chunks))
	}
	var req ConnRequest
	err := req.Decode(chunks[0].Bytes)
	if !errors.Is(err, ErrShortMessage) {
		t.Fatalf("truncated request: err = %v, want ErrShortMessage", err)
	}
	h, _ := DecodeSLHeader(chunks[0].Bytes)
	if h.Length != 451 || h.Type != PacketConnect || h.Protocol != 0x3c || h.Flags != 0 {
		t.Errorf("request header %+v", h)
	}
	if req.FloatFormat != "IEEEM" || req.ProgramName != "sqlexec" || req.ClientVersion != "9.280" ||
		req.SerialNumber != "RDS#R000000" || req.AppID != "sqli" || req.Cap1 != 0x13c ||
		req.Cap2 != 0 || req.Cap3 != 0 || req.UserType != 1 {
		t.Errorf("request prefix decoded as %+v", req)
	}
	// Our encoder produces the same 79-byte prefix for the same fields.
	ours, err := NewConnRequest("informix", "in4mix", "informix").Encode(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ours[2:79], chunks[0].Bytes[2:79]) {
		t.Errorf("our request prefix differs from JDBC 4.50's:\n%s\nwant\n%s", hexdump.Dump(ours[:79]), hexdump.Dump(chunks[0].Bytes))
	}

	var acc ConnResponse
	err = acc.Decode(chunks[1].Bytes)
	if !errors.Is(err, ErrShortMessage) {
		t.Fatalf("truncated accept: err = %v, want ErrShortMessage", err)
	}
	h, _ = DecodeSLHeader(chunks[1].Bytes)
	if h.Length != 276 || h.Type != PacketAccept || h.Flags != 0x1000 {
		t.Errorf("accept header %+v", h)
	}
	if acc.FloatFormat != "IEEEI" || acc.ProgramName != "srvinfx" {
		t.Errorf("accept prefix decoded as %+v", acc)
	}
	// The version string is cut off: its declared length is 0x2f.
	if got := chunks[1].Bytes[36:38]; got[0] != 0 || got[1] != 0x2f {
		t.Errorf("version length bytes % x", got)
	}
	if !bytes.HasPrefix([]byte("IBM Informix Dynamic Server Version 15.0."), chunks[1].Bytes[38:]) {
		t.Errorf("version prefix %q", chunks[1].Bytes[38:])
	}
}

// nmap's template (constructed from its 2010 Lua code, not captured) has
// two more bytes between Cap_3 and the user type than every real capture;
// with them removed it decodes completely and re-encodes byte for byte.
// docs/PROTOCOL.md records the discrepancy.
func TestGoldenNmapTemplate(t *testing.T) {
	chunks := capture(t, "nmap-informix-login.constructed.hex")
	raw := chunks[0].Bytes
	var r ConnRequest
	if err := r.Decode(raw); err == nil {
		t.Fatal("nmap's template decoded as is; the 2-byte discrepancy is gone?")
	}
	if raw[0x4d] != 0 || raw[0x4e] != 0 {
		t.Fatalf("bytes 0x4d..0x4e = % x", raw[0x4d:0x4f])
	}
	fixed := append(append([]byte(nil), raw[:0x4d]...), raw[0x4f:]...)
	fixed[0], fixed[1] = byte((len(fixed))>>8), byte(len(fixed))
	if err := r.Decode(fixed); err != nil {
		t.Fatal(err)
	}
	if r.User != "informix" || r.Password != "in4mix" || r.Server != "informix" || len(r.Env) != 12 || r.Cap1 != 0x133 {
		t.Errorf("decoded %v cap1 %#x", &r, r.Cap1)
	}
	if r.ProcessInfo != nil || r.Misc != nil {
		t.Error("nmap sends no 107/116 blocks")
	}
	out, _ := r.Encode(nil)
	if !bytes.Equal(out, fixed) {
		t.Fatalf("re-encoded differs:\n%s", hexdump.Dump(out))
	}
}
