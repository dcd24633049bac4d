package ifxconn

// Fuzz targets for the connection layer's decoders, fed as a hostile
// server would feed them (see the root package's fuzz_driver_test.go for
// the rest): the login exchange, and SQ_ERR into *Error. Seeds live in
// testdata/fuzz/<Target>/ (the root package's fuzz_seeds_test.go records
// them).

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/internal/testutil"
	"github.com/ifxgo/ifx/sqli"
)

// fuzzWireConn returns a Conn in the state right after a login to ifxtest
// (Informix 15 features, logged database testdb open), reading the
// server's side from b.
func fuzzWireConn(tb testing.TB, b []byte) (*Conn, *testutil.ScriptedConn) {
	cfg, err := ParseConfig("informix://informix:in4mix@127.0.0.1:9088/testdb?server=informix&fetch_buffer=512")
	if err != nil {
		tb.Fatal(err)
	}
	cfg.MaxMessageSize = 1 << 20
	fc := testutil.NewScriptedConn(b)
	c, err := Construct(&HijackedConn{
		Conn:     fc,
		Config:   cfg,
		Features: sqli.NewFeatures(sqli.JDBCOffer).Intersect(sqli.NewFeatures(sqli.IDS15Mask)),
		Database: dbInfo("testdb", sqli.DBWarnInformix|sqli.DBWarnLogged),
		Server:   ServerInfo{Address: "127.0.0.1:9088"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return c, fc
}

// FuzzLogin feeds arbitrary bytes as the server's side of the login: the
// association accept (or rejection), the SQ_PROTOCOLS reply, the SQ_INFO
// reply and the database open.
func FuzzLogin(f *testing.F) {
	acc, _ := sqli.NewConnAccept("informix", "IBM Informix Dynamic Server Version 15.0.1.0.3").Encode(nil)
	f.Add(acc)
	f.Fuzz(func(t *testing.T, b []byte) {
		c, fc := fuzzWireConn(t, b)
		c.feat = sqli.Features{}
		c.rd.SetFeatures(c.feat)
		c.db = DatabaseInfo{}
		err := c.login(context.Background())
		if err == nil {
			// A login that succeeded must leave a working session state.
			if c.IsClosed() {
				t.Fatal("login succeeded on a closed connection")
			}
		} else {
			msg := err.Error()
			if strings.Contains(msg, "in4mix") {
				t.Fatalf("login error shows the password: %v", err)
			}
			var pe *ProtocolError
			if errors.As(err, &pe) {
				// connectHost closes the socket after any login error;
				// do the same and check Close copes.
				c.closeNow()
			}
			_ = fmt.Sprintf("%+v %#v", err, err)
		}
		c.closeNow()
		if !fc.Closed {
			t.Fatal("socket left open")
		}
	})
}

// FuzzServerError decodes SQ_ERR bytes (with and without the feature-62
// layout) and turns them into the driver's *Error: the message catalog,
// the near text in the client code set, SQLSTATE and the classifiers.
func FuzzServerError(f *testing.F) {
	mf := sqli.ModernFeatures()
	for _, e := range []sqli.Err{{SQLCode: -206, ISAMCode: -111, Near: "t"}, {SQLCode: -368}, {SQLCode: 100}, {SQLCode: -951, Near: "informix"}, {SQLCode: -213, ISAMCode: -157}} {
		f.Add(e.Encode(nil, mf)[2:])
		f.Add(e.Encode(nil, sqli.Features{})[2:])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, ft := range []sqli.Features{mf, {}} {
			var m sqli.Err
			n, err := m.Decode(b, ft)
			if err != nil {
				continue
			}
			if n > len(b) || n < 0 {
				t.Fatalf("consumed %d of %d bytes", n, len(b))
			}
			for _, loc := range []string{"en_US.8859-1", "en_US.utf8", "ru_RU.1251"} {
				c, _ := fuzzWireConn(t, nil)
				c.codec, _ = codecFor(loc)
				var r Reply
				c.noteErr(&r, &m)
				if m.SQLCode == sqli.SQLCodeNotFound {
					if !r.EndOfData || r.Err != nil {
						t.Fatal("SQLCODE 100 is not end of data")
					}
					continue
				}
				e := r.Err
				if e == nil || e.SQLCode != int(m.SQLCode) {
					t.Fatalf("no *Error for %v", &m)
				}
				s := e.Error()
				if !strings.HasPrefix(s, "ifx: ") || len(e.SQLState) != 5 {
					t.Fatalf("bad error %q / SQLSTATE %q", s, e.SQLState)
				}
				IsUniqueViolation(e)
				IsLockConflict(e)
				IsConnectionLost(e)
				_ = fmt.Sprintf("%v %+v %#v", e, e, e)
			}
		}
	})
}
