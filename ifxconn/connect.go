package ifxconn

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// Connect parses dsn (see ParseConfig) and connects.
func Connect(ctx context.Context, dsn string) (*Conn, error) {
	cfg, err := ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	return ConnectConfig(ctx, cfg)
}

// ConnectConfig connects with cfg, trying cfg.Hosts in order. A network or
// TLS failure, a timeout or a -761 (server name) rejection moves on to the
// next host; a rejected password or an unknown database does not.
func ConnectConfig(ctx context.Context, cfg *Config) (*Conn, error) {
	if cfg == nil {
		return nil, errors.New("ifx: nil Config")
	}
	cfg = cfg.Copy()
	if !cfg.parsed {
		if err := cfg.finish(); err != nil {
			return nil, &ConnectError{Server: cfg.Server, User: cfg.User, Err: err}
		}
	}
	if err := cfg.checkFields(); err != nil {
		return nil, &ConnectError{Server: cfg.Server, User: cfg.User, Err: err}
	}
	return connectHosts(ctx, cfg)
}

// Complete fills in the defaults of a Config made by hand (ParseConfig's
// are filled in already) and checks the fields the protocol cannot carry,
// as ConnectConfig does; the error is a *ConnectError.
func (c *Config) Complete() error {
	if !c.parsed {
		if err := c.finish(); err != nil {
			return &ConnectError{Server: c.Server, User: c.User, Err: err}
		}
	}
	if err := c.checkFields(); err != nil {
		return &ConnectError{Server: c.Server, User: c.User, Err: err}
	}
	return nil
}

// connectHosts tries cfg.Hosts in order.
func connectHosts(ctx context.Context, cfg *Config) (*Conn, error) {
	tlsCfg, err := cfg.tlsClientConfig()
	if err != nil {
		return nil, &ConnectError{Server: cfg.Server, User: cfg.User, Err: err}
	}
	var errs []error
	pick := targetPicker{want: cfg.TargetSessionAttrs} // target.go
	for _, hp := range cfg.Hosts {
		hcfg := cfg
		if hp.Server != "" && hp.Server != cfg.Server {
			hcfg = cfg.Copy()
			hcfg.Server = hp.Server
		}
		c, err := connectFollowingRedirects(ctx, hcfg, hp, tlsCfg)
		if err == nil {
			if c, err = pick.offer(ctx, c); err == nil {
				return c, nil
			}
		}
		ce := &ConnectError{Host: hp.String(), Server: hcfg.Server, User: cfg.User, Err: err}
		if !failover(err) || ctx.Err() != nil {
			if c := pick.done(); c != nil {
				return c, nil
			}
			if len(errs) == 0 {
				return nil, ce
			}
			return nil, errors.Join(append(errs, ce)...)
		}
		errs = append(errs, ce)
	}
	if c := pick.done(); c != nil {
		return c, nil
	}
	if len(errs) == 1 {
		return nil, errs[0]
	}
	return nil, errors.Join(errs...)
}

// failover reports whether another host may succeed where this one failed.
func failover(err error) bool {
	var pe *PAMError
	if errors.As(err, &pe) {
		return false // the answers, not the host, were refused
	}
	if c, _, ok := sqlCode(err); ok {
		return c == -761 || c == -908 || c == -930 || c == -25580 || c == -25582
	}
	return !errors.Is(err, ErrUnsupported)
}

func connectHost(ctx context.Context, cfg *Config, hp HostPort, tlsCfg *tls.Config) (*Conn, error) {
	if cfg.ConnectTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.ConnectTimeout)
		defer cancel()
	}
	addr := hp.String()
	dial := cfg.DialFunc
	if dial == nil {
		d := &net.Dialer{KeepAlive: 30 * time.Second}
		dial = d.DialContext
	}
	nc, err := dial(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &Conn{cfg: cfg, nc: nc, server: ServerInfo{Address: addr}}
	if tc, ok := nc.(*net.TCPConn); ok {
		tc.SetNoDelay(true)
		c.tcp = tc
	}
	c.codec, err = codecFor(cfg.ClientLocale)
	if err != nil {
		nc.Close()
		return nil, err
	}
	if tlsCfg != nil {
		tc := tlsCfg.Clone()
		if tc.ServerName == "" && !tc.InsecureSkipVerify {
			tc.ServerName = hp.Host
		}
		tlsConn := tls.Client(nc, tc)
		if err := tlsConn.HandshakeContext(ctx); err != nil {
			nc.Close()
			if ctx.Err() != nil {
				return nil, &TLSMismatchError{Msg: "no answer to the TLS handshake (is this a plain SQLI port? use tls=disable)", Err: err}
			}
			return nil, tlsHandshakeError(err)
		}
		c.nc = tlsConn
	}
	// A fetch reply is about FetchBufferSize bytes: a buffer with room for
	// one takes it in one read.
	c.rd = sqli.NewReaderSize(watchedIO{c}, cfg.FetchBufferSize+4096)
	c.rd.SetMaxMessageSize(cfg.MaxMessageSize)
	if err := c.arm(ctx); err != nil {
		c.closeNow()
		return nil, err
	}
	err = c.login(ctx)
	if err != nil {
		fired, _, ctxErr := c.disarm()
		c.closeNow()
		if fired || ctx.Err() != nil {
			if ctxErr == nil {
				ctxErr = ctx.Err()
			}
			return nil, &canceledError{ctxErr: ctxErr, cause: err}
		}
		return nil, err
	}
	if fired, _, ctxErr := c.disarm(); fired {
		c.closeNow()
		return nil, &canceledError{ctxErr: ctxErr}
	}
	return c, nil
}

// TLSMismatchError reports a TLS setting that does not fit the port: a
// TLS handshake with a plain SQLI listener, or plain SQLI sent to a TLS
// (onsocssl) listener.
type TLSMismatchError struct {
	Msg string
	Err error
}

// Error implements error.
func (e *TLSMismatchError) Error() string {
	if e.Err != nil {
		return "ifx: " + e.Msg + ": " + e.Err.Error()
	}
	return "ifx: " + e.Msg
}

// Unwrap returns the cause.
func (e *TLSMismatchError) Unwrap() error { return e.Err }

func tlsHandshakeError(err error) error {
	var re tls.RecordHeaderError
	if errors.As(err, &re) {
		return &TLSMismatchError{Msg: "TLS handshake failed: the server did not answer in TLS (is this a plain SQLI port? use tls=disable)", Err: err}
	}
	// A plain SQLI server sees a ClientHello as a bad association packet
	// and hangs up (ifxtest does; so does a server that checks the SL
	// protocol byte).
	if errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) {
		return &TLSMismatchError{Msg: "the server closed the connection during the TLS handshake (is this a plain SQLI port? use tls=disable)", Err: err}
	}
	return fmt.Errorf("ifx: TLS handshake: %w", err)
}

// login runs the association and session setup exactly as IBM's JDBC
// driver does: CONREQ, SQ_PROTOCOLS, SQ_INFO, SQ_DBOPEN, one round trip
// each.
func (c *Conn) login(ctx context.Context) error {
	req := c.connRequest()
	buf, err := req.Encode(c.wbuf[:0])
	if err != nil {
		return err
	}
	if err := c.write("login", buf); err != nil {
		return err
	}
	pkt, err := c.rd.ReadPacket()
	if err != nil {
		c.closeNow()
		// Bytes that are no SQLI packet are a TLS listener's answer; a
		// partial SQLI packet is a server that hung up mid-reply.
		var pe *sqli.ProtocolError
		if errors.As(err, &pe) {
			return c.plainToTLS(err)
		}
		if errors.Is(err, io.EOF) && c.cfg.TLSConfig == nil && c.cfg.TLSMode == TLSDisable {
			return &TLSMismatchError{Msg: "the server closed the connection without answering the login; if this is a TLS (onsocssl) port, use tls=verify-full", Err: err}
		}
		return c.loginReadError(err)
	}
	var resp sqli.ConnResponse
	if err := resp.Decode(pkt); err != nil {
		if pkt[2] == 0x03 || pkt[0] == 0x15 || pkt[0] == 0x16 {
			return c.plainToTLS(err)
		}
		return &ProtocolError{Op: "login", Err: err}
	}
	c.server.Name = resp.ServerName
	c.server.Version = resp.ServerVersion
	if !resp.Accepted() {
		return c.loginRejected(&resp)
	}

	// SQ_PROTOCOLS: the server's answer decides the message layouts.
	offer := sqli.NewFeatures(sqli.JDBCOffer)
	var r Reply
	buf = sqli.AppendGroup(c.wbuf[:0], c.feat, &sqli.Protocols{Features: offer})
	if err := c.write("login", buf); err != nil {
		return err
	}
	m, err := c.recv("login")
	if err != nil {
		return err
	}
	p, ok := m.(*sqli.Protocols)
	if !ok {
		c.noteAny(&r, m)
		if err := c.readReply("login", &r); err != nil {
			return err
		}
		if r.Err != nil {
			return r.Err
		}
		return &ProtocolError{Op: "login", Err: fmt.Errorf("%v instead of SQ_PROTOCOLS", m.Tag())}
	}
	c.feat = offer.Intersect(p.Features)
	c.rd.SetFeatures(c.feat)
	if err := c.readReply("login", &r); err != nil {
		return err
	}
	if c.feat.Has(sqli.FeaturePAM) {
		if err := c.pamLogin(ctx); err != nil {
			return err
		}
	}

	// SQ_INFO: the session environment JDBC sends.
	info := &sqli.Info{Env: []sqli.EnvVar{{Name: "DBTEMP", Value: "/tmp"}, {Name: "SUBQCACHESZ", Value: "10"}}}
	r = Reply{}
	if err := c.roundTrip("login", func(b []byte) []byte { return sqli.AppendGroup(b, c.feat, info) }, &r); err != nil {
		return err
	}
	if r.Err != nil {
		return r.Err
	}
	if c.cfg.Database != "" {
		if err := c.openDatabase(c.cfg.Database); err != nil {
			return err
		}
	}
	return c.learnRole()
}

// noteAny records an error message seen where another was expected.
func (c *Conn) noteAny(r *Reply, m sqli.Message) {
	if e, ok := m.(*sqli.Err); ok {
		c.noteErr(r, e)
	}
}

func (c *Conn) openDatabase(name string) error {
	encName, err := c.codec.EncodeString(name)
	if err != nil {
		return err
	}
	if err := sqli.CheckField("database name", len(encName), sqli.MaxInt16Field); err != nil {
		return err
	}
	var r Reply
	if err := c.roundTrip("open database", func(b []byte) []byte {
		return sqli.AppendGroup(b, c.feat, &sqli.DBOpen{Name: encName})
	}, &r); err != nil {
		return err
	}
	if r.Err != nil {
		return r.Err
	}
	if !r.Done {
		// The SQ_DONE carries the database's properties (logging, ANSI
		// mode): without it the reply is not DBOPEN's (docs/PROTOCOL.md).
		return c.replyShapeError("open database", "no SQ_DONE in the reply to SQ_DBOPEN")
	}
	c.db = dbInfo(name, r.DoneMsg.Warnings)
	return nil
}

// dbInfo decodes the SQ_DONE warnings that answer a database open.
func dbInfo(name string, w int16) DatabaseInfo {
	return DatabaseInfo{
		Name:           name,
		Open:           true,
		Logged:         w&sqli.DBWarnLogged != 0 || w&sqli.DBWarnANSI != 0,
		ANSI:           w&sqli.DBWarnANSI != 0,
		FloatAsDecimal: w&sqli.DBWarnFloatDec != 0,
		ReadOnly:       w&sqli.DBWarnReadOnly != 0,
		LocaleMismatch: w&sqli.DBWarnLocale != 0,
	}
}

// connRequest builds the association packet with JDBC's fields and
// environment block.
func (c *Conn) connRequest() *sqli.ConnRequest {
	cfg := c.cfg
	req := sqli.NewConnRequest(cfg.User, cfg.Password, cfg.Server)
	req.Env = loginEnv(cfg)
	host, _ := os.Hostname()
	cwd, _ := os.Getwd()
	req.ProcessInfo = &sqli.ProcessInfo{PID: int32(os.Getpid()), ThreadID: 1, Host: host, Cwd: cwd}
	req.Misc = &sqli.MiscInfo{Name: cfg.AppName}
	return req
}

// loginEnv returns the environment block in JDBC's order: DBPATH,
// CLIENT_LOCALE, CLNT_PAM_CAPABLE, DBDATE (Y4MD- unless set), IFX_UPDDESC,
// DB_LOCALE (when set), NODEFDAC, then the user's variables sorted by
// name. A user value replaces a built-in one in place.
func loginEnv(cfg *Config) []sqli.EnvVar {
	env := []sqli.EnvVar{
		{Name: "DBPATH", Value: "."},
		{Name: "CLIENT_LOCALE", Value: cfg.ClientLocale},
		{Name: "CLNT_PAM_CAPABLE", Value: "1"},
		{Name: "DBDATE", Value: "Y4MD-"},
		{Name: "IFX_UPDDESC", Value: "1"},
	}
	if cfg.DBLocale != "" {
		env = append(env, sqli.EnvVar{Name: "DB_LOCALE", Value: cfg.DBLocale})
	}
	env = append(env, sqli.EnvVar{Name: "NODEFDAC", Value: "no"})
	for _, k := range sortedKeys(cfg.Env) {
		v := cfg.Env[k]
		replaced := false
		for i := range env {
			if env[i].Name == k {
				env[i].Value = v
				replaced = true
			}
		}
		if !replaced {
			env = append(env, sqli.EnvVar{Name: k, Value: v})
		}
	}
	// An empty value removes a built-in variable (env.DBDATE= sends none).
	out := env[:0]
	for _, e := range env {
		if e.Value != "" {
			out = append(out, e)
		}
	}
	return out
}

func (c *Conn) loginReadError(err error) error {
	if errors.Is(err, net.ErrClosed) {
		return err
	}
	return fmt.Errorf("ifx: reading the login reply: %w", err)
}

func (c *Conn) plainToTLS(err error) error {
	return &TLSMismatchError{Msg: "the server answered the login in TLS: this is a TLS port (use tls=verify-full or tls=require)", Err: err}
}

func (c *Conn) loginRejected(resp *sqli.ConnResponse) error {
	code := int(resp.SvcError)
	if code == 0 {
		if resp.Redirect != "" {
			to, err := sqli.ParseRedirect(resp.Redirect)
			if err != nil {
				return fmt.Errorf("%w: %w", ErrRedirect, err)
			}
			return &redirectedError{to: to}
		}
		code = -951
	}
	near := ""
	switch code {
	case -951:
		near = c.cfg.User
	case -908, -930:
		near = c.cfg.Server
	}
	se := newServerError(code, int(resp.OSError), 0, near)
	if code == -761 {
		return &ServerNameError{Err: se, Asked: c.cfg.Server, Actual: resp.ServerName}
	}
	return se
}
