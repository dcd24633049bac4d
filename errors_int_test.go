package ifx_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

func TestStatementErrorsLeaveConnectionUsable(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE u (id INTEGER NOT NULL, name VARCHAR(10), PRIMARY KEY (id))"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO u VALUES (1, 'a')"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		run  func() error
		code int
		is   func(error) bool
	}{
		{"syntax", func() error { _, err := c.Exec(ctx, "SELEC 1"); return err }, -201, ifx.IsSyntaxError},
		{"no table (exec)", func() error { _, err := c.Exec(ctx, "DELETE FROM nosuch"); return err }, -206, ifx.IsNoSuchTable},
		{"no table (query)", func() error { _, err := c.Query(ctx, "SELECT * FROM nosuch"); return err }, -206, ifx.IsNoSuchTable},
		{"no column", func() error { _, err := c.Query(ctx, "SELECT nocol FROM u"); return err }, -217, ifx.IsNoSuchColumn},
		{"unique", func() error { _, err := c.Exec(ctx, "INSERT INTO u VALUES (?, ?)", 1, "b"); return err }, 0, ifx.IsUniqueViolation},
		{"unique immediate", func() error { _, err := c.Exec(ctx, "INSERT INTO u VALUES (1, 'b')"); return err }, 0, ifx.IsUniqueViolation},
		{"not null", func() error { _, err := c.Exec(ctx, "INSERT INTO u VALUES (?, ?)", nil, "b"); return err }, 0, ifx.IsNotNullViolation},
		{"conversion in bind", func() error { _, err := c.Query(ctx, "SELECT * FROM u WHERE id = ?", "abc"); return err }, 0, nil},
	}
	for _, tc := range cases {
		err := tc.run()
		var se *ifx.Error
		if !errors.As(err, &se) {
			t.Errorf("%s: %v is not an *ifx.Error", tc.name, err)
			continue
		}
		if tc.code != 0 && se.SQLCode != tc.code {
			t.Errorf("%s: SQLCODE %d, want %d (%v)", tc.name, se.SQLCode, tc.code, err)
		}
		if tc.is != nil && !tc.is(err) {
			t.Errorf("%s: classifier false for %v", tc.name, err)
		}
		if se.SQLState == "" || se.Message == "" {
			t.Errorf("%s: empty SQLState/Message: %+v", tc.name, se)
		}
		t.Logf("%s: %v [%s]", tc.name, err, se.SQLState)
		var n int
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM u").Scan(&n); err != nil || n != 1 {
			t.Fatalf("%s: connection not usable afterwards: %d %v", tc.name, n, err)
		}
	}
	if c.IsClosed() {
		t.Fatal("closed")
	}
}

func TestConnectErrors(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	srv := ifxtest.NewServer(t)
	ctx := ctxT(t)
	dsn := srv.DSN("testdb")

	_, err := ifx.Connect(ctx, strings.Replace(dsn, "in4mix", "wrong-secret", 1))
	var se *ifx.Error
	if !errors.As(err, &se) || se.SQLCode != -951 {
		t.Errorf("wrong password: %v", err)
	}
	if strings.Contains(err.Error(), "wrong-secret") {
		t.Errorf("password in error: %v", err)
	}
	var ce *ifx.ConnectError
	if !errors.As(err, &ce) {
		t.Errorf("not a ConnectError: %T", err)
	}

	_, err = ifx.Connect(ctx, strings.Replace(dsn, "server=informix", "server=ol_wrong", 1))
	var sne *ifx.ServerNameError
	if !errors.As(err, &sne) || sne.Actual != "informix" || sne.Err.SQLCode != -761 {
		t.Errorf("wrong server: %v", err)
	} else if !strings.Contains(err.Error(), `"informix"`) {
		t.Errorf("-761 error does not name the real server: %v", err)
	}
	if ifx.SQLCode(err) != -761 {
		t.Errorf("SQLCode = %d", ifx.SQLCode(err))
	}

	_, err = ifx.Connect(ctx, srv.DSN("nosuchdb"))
	if ifx.SQLCode(err) != -329 {
		t.Errorf("unknown database: %v", err)
	}

	// A closed port.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	_, err = ifx.Connect(ctx, "informix://informix:in4mix@"+addr+"/testdb?server=informix&connect_timeout=2s")
	if err == nil || !ifx.IsConnectionLost(err) {
		t.Errorf("closed port: %v", err)
	}

	// A server that never answers: the connect timeout applies.
	ln, _ = net.Listen("tcp", "127.0.0.1:0")
	defer ln.Close()
	done, stop := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		nc, err := ln.Accept()
		if err == nil {
			<-stop
			nc.Close()
		}
	}()
	start := time.Now()
	_, err = ifx.Connect(ctx, "informix://informix:in4mix@"+ln.Addr().String()+"/testdb?server=informix&connect_timeout=0.3")
	if err == nil || time.Since(start) > 2*time.Second {
		t.Errorf("silent server: %v after %v", err, time.Since(start))
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("silent server error %v does not match DeadlineExceeded", err)
	}
	close(stop)
	ln.Close()
	<-done
}

func TestFailoverToSecondHost(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	srv := ifxtest.NewServer(t)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := ln.Addr().String()
	ln.Close()
	dsn := "informix://informix:in4mix@" + dead + "," + srv.Addr() + "/testdb?server=informix"
	c, err := ifx.Connect(ctxT(t), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctxT(t))
	if c.ServerInfo().Address != srv.Addr() {
		t.Errorf("connected to %s", c.ServerInfo().Address)
	}
}

func TestDatabaseInfo(t *testing.T) {
	c := connect(t, "testdb")
	info := c.DatabaseInfo()
	if !info.Open || !info.Logged || info.ANSI || info.Name != "testdb" {
		t.Errorf("testdb: %+v", info)
	}
	// IDS creates sysmaster with unbuffered logging (docs/PROTOCOL.md).
	c2 := connect(t, "sysmaster")
	if info := c2.DatabaseInfo(); !info.Open || !info.Logged || info.ANSI {
		t.Errorf("sysmaster: %+v", info)
	}
	tx, err := c2.Begin(ctxT(t))
	if err != nil {
		t.Fatalf("Begin on sysmaster: %v", err)
	}
	if err := tx.Rollback(ctxT(t)); err != nil {
		t.Fatalf("Rollback on sysmaster: %v", err)
	}
	if _, err := c2.Exec(ctxT(t), "CREATE DATABASE ifx_nolog"); err != nil {
		t.Fatalf("CREATE DATABASE: %v", err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		c2.Exec(ctx, "DATABASE sysmaster")
		c2.Exec(ctx, "DROP DATABASE ifx_nolog")
	})
	if info := c2.DatabaseInfo(); !info.Open || info.Logged || info.Name != "ifx_nolog" {
		t.Errorf("ifx_nolog: %+v", info)
	}
	if _, err := c2.Begin(ctxT(t)); !errors.Is(err, ifx.ErrNoTransactions) {
		t.Errorf("Begin on unlogged database: %v", err)
	}
	if v := c.ServerInfo().Version; !strings.Contains(v, "Informix") {
		t.Errorf("server version %q", v)
	}
}
