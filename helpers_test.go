package ifx_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/testenv"
)

// testDSN returns the DSN of the integration server for database: the
// real Informix named by IFX_TEST_DSN (its database replaced), or a fresh
// ifxtest server for this test.
func testDSN(t testing.TB, database string) string {
	t.Helper()
	dsn, _ := testServer(t, database)
	return dsn
}

// testServer is testDSN that also returns the ifxtest server (nil when
// the tests run against a real Informix).
func testServer(t testing.TB, database string) (string, *ifxtest.Server) {
	t.Helper()
	return testenv.Server(t, database, ifxtest.Config{Version: personaOf(t)})
}

// personaByTest holds the IDS persona eachPersona chose, by test name.
var personaByTest sync.Map

// eachPersona runs f as one subtest per IDS release ifxtest presents
// (ifxtest.Personas: 15.0, 14.10, 12.10), whose feature masks give
// different layouts; every ifxtest server the subtest starts (testDSN,
// testServer, connect) presents that release. Against a real server
// (IFX_TEST_DSN) f runs once.
func eachPersona(t *testing.T, f func(t *testing.T)) {
	if realServer() {
		f(t)
		return
	}
	for _, v := range ifxtest.Personas() {
		t.Run(v, func(t *testing.T) {
			personaByTest.Store(t.Name(), v)
			t.Cleanup(func() { personaByTest.Delete(t.Name()) })
			f(t)
		})
	}
}

// personaOf returns the persona of t's eachPersona subtest (or of the
// nearest enclosing one), "" (the default) outside eachPersona.
func personaOf(t testing.TB) string {
	for name := t.Name(); ; {
		if v, ok := personaByTest.Load(name); ok {
			return v.(string)
		}
		i := strings.LastIndexByte(name, '/')
		if i < 0 {
			return ""
		}
		name = name[:i]
	}
}

// groups returns the request groups the server has received on its
// first connection so far (round trips), or -1 against a real server.
func groups(srv *ifxtest.Server) int {
	if srv == nil {
		return -1
	}
	st := srv.Stats()
	if len(st) == 0 {
		return 0
	}
	return st[len(st)-1].RequestGroups
}

func realServer() bool { return testenv.Real() }

func ctxT(t testing.TB) context.Context { return testenv.Context(t, 30*time.Second) }

// connect opens a connection to a fresh test database and closes it at
// the end of the test.
func connect(t testing.TB, database string) *ifx.Conn {
	t.Helper()
	c, err := ifx.Connect(ctxT(t), testDSN(t, database))
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// freshTable creates table name with columns (dropping an old one) and
// drops it at the end of the test: the tests also run against a real
// Informix.
func freshTable(t testing.TB, c *ifx.Conn, name, columns string) {
	t.Helper()
	ctx := ctxT(t)
	c.Exec(ctx, "DROP TABLE "+name)
	if _, err := c.Exec(ctx, "CREATE TABLE "+name+" ("+columns+")"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if !c.IsClosed() {
			c.Exec(context.Background(), "DROP TABLE "+name)
		}
	})
}
