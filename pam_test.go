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
	"github.com/ifxgo/ifx/sqli"
)

// pamServer is an ifxtest PAM listener asking for the password, showing
// a message, then asking for a one-time code.
func pamServer(t *testing.T) *ifxtest.Server {
	return ifxtest.NewServer(t, ifxtest.Config{PAM: []ifxtest.PAMStep{
		{Style: sqli.PAMPromptEchoOff, Text: "Password: ", Answer: "in4mix"},
		{Style: sqli.PAMTextInfo, Text: "Welcome"},
		{Style: sqli.PAMPromptEchoOn, Text: "One-time code: ", Answer: "424242"},
	}})
}

func TestPAMLoginWithPasswordAndCode(t *testing.T) {
	srv := pamServer(t)
	cfg, err := ifx.ParseConfig(srv.DSN("sysmaster"))
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	cfg.PAMHandler = func(ctx context.Context, ch ifx.PAMChallenge) (string, error) {
		seen = append(seen, ch.Text)
		switch {
		case !ch.Prompt():
			return "", nil
		case ch.Style == ifx.PAMPromptEchoOff:
			return cfg.Password, nil
		}
		return "424242", nil
	}
	c, err := ifx.ConnectConfig(ctxT(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctxT(t))
	if got := strings.Join(seen, "|"); got != "Password: |Welcome|One-time code: " {
		t.Fatalf("challenges %q", got)
	}
	var n int
	if err := c.QueryRow(ctxT(t), "SELECT 41+1 FROM systables WHERE tabid = 1").Scan(&n); err != nil || n != 42 {
		t.Fatalf("query after PAM login: %d %v", n, err)
	}
}

func TestPAMDefaultHandlerAnswersPasswordPrompt(t *testing.T) {
	srv := ifxtest.NewServer(t, ifxtest.Config{PAM: []ifxtest.PAMStep{
		{Style: sqli.PAMErrorMsg, Text: "Password expires in 3 days"},
		{Style: sqli.PAMPromptEchoOff, Text: "Password: ", Answer: "in4mix"},
	}})
	c, err := ifx.Connect(ctxT(t), srv.DSN(""))
	if err != nil {
		t.Fatal(err)
	}
	c.Close(ctxT(t))
}

func TestPAMWrongAnswerIsALoginErrorSayingSo(t *testing.T) {
	srv := pamServer(t)
	other := ifxtest.NewServer(t)
	cfg, err := ifx.ParseConfig(srv.DSN(""))
	if err != nil {
		t.Fatal(err)
	}
	// A second host that would accept: a refused PAM login must not move on.
	cfg.Hosts = append(cfg.Hosts, ifx.HostPort{Host: "127.0.0.1", Port: portOf(t, other.Addr())})
	cfg.PAMHandler = func(ctx context.Context, ch ifx.PAMChallenge) (string, error) {
		if ch.Style == ifx.PAMPromptEchoOn {
			return "000000", nil
		}
		return cfg.Password, nil
	}
	_, err = ifx.ConnectConfig(ctxT(t), cfg)
	var pe *ifx.PAMError
	if !errors.Is(err, ifx.ErrPAMRefused) || !errors.As(err, &pe) || pe.Challenges != 3 {
		t.Fatalf("error %v, want ErrPAMRefused after 3 challenges", err)
	}
	if !strings.Contains(err.Error(), "wrong answer") {
		t.Fatalf("error %q does not say the answer was wrong", err)
	}
	if st := other.Stats(); len(st) != 0 {
		t.Fatalf("the next host was tried after a refused PAM login: %d connections", len(st))
	}
}

func TestPAMStalledChallengeEndsAtConnectTimeout(t *testing.T) {
	srv := pamServer(t)
	cfg, err := ifx.ParseConfig(srv.DSN("") + "&connect_timeout=300ms")
	if err != nil {
		t.Fatal(err)
	}
	cfg.PAMHandler = func(ctx context.Context, ch ifx.PAMChallenge) (string, error) {
		<-ctx.Done() // a user who never types the code
		return "", ctx.Err()
	}
	start := time.Now()
	_, err = ifx.ConnectConfig(context.Background(), cfg)
	if el := time.Since(start); el > 3*time.Second {
		t.Fatalf("connect took %v with connect_timeout=300ms", el)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want the deadline", err)
	}
}

// A server that sends a challenge, takes the answer and then says nothing
// more: the connect deadline ends the login.
func TestPAMStalledServerEndsAtConnectTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	answered := make(chan string, 1)
	release := make(chan struct{})
	defer close(release)
	go func() {
		nc, err := ln.Accept()
		if err != nil {
			return
		}
		defer nc.Close()
		rd := sqli.NewReader(nc)
		if _, err := rd.ReadPacket(); err != nil {
			return
		}
		acc, _ := sqli.NewConnAccept("informix", "IBM Informix Dynamic Server Version 15.0.1.0.3").Encode(nil)
		nc.Write(acc)
		if _, err := rd.ReadFrontend(); err != nil { // SQ_PROTOCOLS
			return
		}
		rd.ReadFrontend() // SQ_EOT
		mask := sqli.NewFeatures(sqli.IDS15Mask)
		mask.Set(sqli.FeaturePAM)
		nc.Write(sqli.AppendGroup(nil, sqli.Features{}, &sqli.Protocols{Features: mask}))
		rd.ReadFrontend() // SQ_ACK
		rd.ReadFrontend() // SQ_EOT
		nc.Write(sqli.AppendGroup(nil, sqli.Features{}, &sqli.Challenge{Style: sqli.PAMPromptEchoOff, Text: []byte("Password: ")}))
		if m, err := rd.ReadFrontend(); err == nil {
			if r, ok := m.(*sqli.Response); ok {
				answered <- string(r.Text)
			}
		}
		<-release // never SQ_ACCEPT
	}()
	start := time.Now()
	_, err = ifx.Connect(context.Background(), "informix://informix:in4mix@"+ln.Addr().String()+"/?server=informix&connect_timeout=300ms")
	if el := time.Since(start); el > 3*time.Second {
		t.Fatalf("connect took %v with connect_timeout=300ms", el)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want the deadline", err)
	}
	select {
	case a := <-answered:
		if a != "in4mix" {
			t.Fatalf("the default handler answered %q", a)
		}
	default:
		t.Fatal("the challenge was never answered")
	}
}
