package faultproxy

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// echoServer answers every byte with itself.
func echoServer(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { ln.Close(); <-done })
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { io.Copy(c, c); c.Close() }()
		}
	}()
	return ln.Addr().String()
}

func TestKillAfterBytes(t *testing.T) {
	p, err := New(echoServer(t))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.SetRule(&Rule{Dir: ServerToClient, After: 5, Action: Kill})
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("0123456789"))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(c)
	if !bytes.Equal(got, []byte("01234")) {
		t.Errorf("got %q (%v), want exactly 5 bytes then EOF", got, err)
	}
}

func TestStall(t *testing.T) {
	p, err := New(echoServer(t))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.SetRule(&Rule{Dir: ClientToServer, After: 2, Action: Stall})
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("abcd"))
	c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	buf := make([]byte, 10)
	n, _ := io.ReadAtLeast(c, buf, 3)
	if n != 2 {
		t.Errorf("read %d bytes through a stalled proxy, want 2", n)
	}
	if f := p.Fired(); f != 1 {
		t.Errorf("Fired() = %d after one stalled connection, want 1", f)
	}
	p.KillAll()
}

func TestFaithfulAndKillAll(t *testing.T) {
	p, err := New(echoServer(t))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	msg := bytes.Repeat([]byte("x"), 100000)
	go c.Write(msg)
	got := make([]byte, len(msg))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("faithful forward failed: %v", err)
	}
	p.KillAll()
	if _, err := c.Read(got); err == nil {
		t.Error("connection survived KillAll")
	}
	if p.Connections() != 1 {
		t.Errorf("%d connections", p.Connections())
	}
	if f := p.Fired(); f != 0 {
		t.Errorf("Fired() = %d without a rule", f)
	}
}
