package ifxtest

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// fpReply is one response group to a fast-path request.
type fpReply struct {
	handle *sqli.RoutineHandle
	values []sqli.FPValue
	err    *sqli.Err
	tags   []sqli.Tag
}

func (c *wireClient) fpRoundTrip(msgs ...sqli.Message) fpReply {
	c.t.Helper()
	c.send(msgs...)
	c.nc.SetReadDeadline(time.Now().Add(10 * time.Second))
	var r fpReply
	for {
		m, err := c.rd.ReadBackend()
		if err != nil {
			c.t.Fatalf("after %v: %v", r.tags, err)
		}
		r.tags = append(r.tags, m.Tag())
		switch m := m.(type) {
		case sqli.EOT:
			return r
		case *sqli.RoutineHandle:
			h := *m
			h.DB = append([]byte(nil), m.DB...)
			r.handle = &h
		case *sqli.FPRoutine:
			for _, v := range m.Values {
				v.Data = append([]byte(nil), v.Data...)
				r.values = append(r.values, v)
			}
		case *sqli.Err:
			e := *m
			r.err = &e
		default:
			c.t.Fatalf("unexpected %v", m.Tag())
		}
	}
}

func (c *wireClient) resolve(sig string) fpReply {
	c.t.Helper()
	return c.fpRoundTrip(&sqli.GetRoutine{Signature: []byte(sig)})
}

func intArg(v int32) sqli.BindValue {
	return sqli.BindValue{Type: sqli.TypeInt, Prec: 0x0a00, Data: binary.BigEndian.AppendUint32(nil, uint32(v))}
}

// TestFastPathLoCloseInvalidDescriptor: informix-driver's
// test_fast_path_close_invalid_lofd_raises against IDS, over the wire.
func TestFastPathLoCloseInvalidDescriptor(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	r := c.resolve("function informix.ifx_lo_close(integer)")
	if r.err != nil || r.handle == nil || string(r.handle.DB) != "testdb" {
		t.Fatalf("%+v %+v %v", r.err, r.handle, r.tags)
	}
	// Same handle whatever the spelling.
	if r2 := c.resolve("FUNCTION  ifx_lo_close( INT )"); r2.handle == nil || r2.handle.Handle != r.handle.Handle {
		t.Fatalf("respelled signature: %+v %v", r2.err, r2.tags)
	}
	e := c.fpRoundTrip(&sqli.ExFPRoutine{DB: r.handle.DB, Handle: r.handle.Handle, NParams: 1}, &sqli.Bind{Values: []sqli.BindValue{intArg(-1)}})
	if e.err == nil || e.err.SQLCode != -9810 {
		t.Fatalf("ifx_lo_close(-1): %+v %v", e.err, e.tags)
	}
	// The session goes on.
	c.exec("CREATE TABLE fp_after (i INT)")
}

func TestFastPathUnknownSignature(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	for sig, near := range map[string]string{
		"function informix.no_such_function_at_all_xyz(integer)": "no_such_function_at_all_xyz",
		"function informix.ifx_lo_close(integer, integer)":       "ifx_lo_close",
		"procedure informix.ifx_lo_close(integer)":               "ifx_lo_close",
		"not a signature": "not a signature",
	} {
		r := c.resolve(sig)
		if r.err == nil || r.err.SQLCode != -674 || r.err.Near != near || r.handle != nil {
			t.Errorf("%s: %+v %v", sig, r.err, r.tags)
		}
	}
	// A handle never given out.
	r := c.fpRoundTrip(&sqli.ExFPRoutine{DB: []byte("testdb"), Handle: 7, NParams: 0}, &sqli.Bind{})
	if r.err == nil || r.err.SQLCode != -674 {
		t.Fatalf("unknown handle: %+v %v", r.err, r.tags)
	}
}

func TestFastPathNeedsDatabase(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	if r := c.resolve("function informix.ifx_lo_close(integer)"); r.err == nil || r.err.SQLCode != -349 {
		t.Fatalf("%+v %v", r.err, r.tags)
	}
}

// TestFastPathConfigRoutine: a routine of Config.Routines runs by handle
// with its arguments, and SQ_FPROUTINE describes its values.
func TestFastPathConfigRoutine(t *testing.T) {
	srv := NewServer(t, Config{Routines: []Routine{{
		Signature: "function app.add_and_name(integer, varchar)",
		Returns:   []sqli.TypeCode{sqli.TypeInt, sqli.TypeVarChar, sqli.TypeBool, sqli.TypeBigInt},
		Func: func(args []any) ([]any, error) {
			if args[0] == nil {
				return nil, &Error{SQLCode: -674, Near: "null"}
			}
			return []any{args[0].(int64) + 1, "n=" + args[1].(string), true, nil}, nil
		},
	}}})
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	h := c.resolve("function add_and_name(int, varchar)").handle
	if h == nil {
		t.Fatal("not resolved")
	}
	name := []byte{0, 2, 'h', 'i'}
	r := c.fpRoundTrip(&sqli.ExFPRoutine{DB: h.DB, Handle: h.Handle, NParams: 2},
		&sqli.Bind{Values: []sqli.BindValue{intArg(41), {Type: sqli.TypeChar, Data: name}}})
	if r.err != nil || len(r.values) != 4 {
		t.Fatalf("%+v %v", r.err, r.tags)
	}
	if v := r.values[0]; v.Type != sqli.TypeInt || binary.BigEndian.Uint32(v.Data) != 42 {
		t.Errorf("int: %+v", v)
	}
	if v := r.values[1]; v.Type != sqli.TypeVarChar || string(v.Data) != "\x00\x04n=hi" {
		t.Errorf("varchar: %+v", v)
	}
	if v := r.values[2]; string(v.TypeName) != "boolean" || v.Data[4] != 1 {
		t.Errorf("boolean: %+v", v)
	}
	if v := r.values[3]; v.Type != sqli.TypeBigInt || v.Indicator != sqli.IndicatorNull {
		t.Errorf("null bigint: %+v", v)
	}
	if r.tags[len(r.tags)-2] != sqli.TagFPRoutine {
		t.Errorf("reply %v", r.tags)
	}
	// Its error reaches the client; a wrong argument count is -674.
	r = c.fpRoundTrip(&sqli.ExFPRoutine{DB: h.DB, Handle: h.Handle, NParams: 2},
		&sqli.Bind{Values: []sqli.BindValue{{Type: sqli.TypeInt, Indicator: sqli.IndicatorNull}, {Type: sqli.TypeChar, Data: name}}})
	if r.err == nil || r.err.SQLCode != -674 || r.err.Near != "null" {
		t.Errorf("routine error: %+v", r.err)
	}
	r = c.fpRoundTrip(&sqli.ExFPRoutine{DB: h.DB, Handle: h.Handle, NParams: 1}, &sqli.Bind{Values: []sqli.BindValue{intArg(1)}})
	if r.err == nil || r.err.SQLCode != -674 {
		t.Errorf("one argument: %+v", r.err)
	}
}

func TestRoutineConfigBadSignature(t *testing.T) {
	if _, err := Start(Config{Routines: []Routine{{Signature: "add(int)", Func: func([]any) ([]any, error) { return nil, nil }}}}); err == nil {
		t.Fatal("started")
	}
}
