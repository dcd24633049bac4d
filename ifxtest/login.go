package ifxtest

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// Login error codes, as an Informix server reports them in the accept.
const (
	errBadPassword = -951 // incorrect password or user not known
	errBadServer   = -761 // INFORMIXSERVER matches no DBSERVERNAME
)

// login runs the association phase: one packet each way.
func (c *conn) login() error {
	c.netConn.SetReadDeadline(time.Now().Add(30 * time.Second))
	defer c.netConn.SetReadDeadline(time.Time{})
	c.rd.SetMinPacketSize(sqli.MinConnRequestSize)
	pkt, err := c.rd.ReadPacket()
	if err != nil {
		return err
	}
	var req sqli.ConnRequest
	if err := req.Decode(pkt); err != nil {
		c.srv.violation("conn %d: bad connection request: %v", c.id, err)
		return err
	}
	cfg := c.srv.cfg
	resp := sqli.NewConnAccept(cfg.ServerName, cfg.Version)
	resp.ProcessInfo = &sqli.ProcessInfo{PID: int32(os.Getpid()), Host: "localhost", Cwd: "/"}
	if req.Cap1 != sqli.HandshakeCap1 {
		// Older clients (nmap's template has 0x133) are served all the same.
		c.logf("client Cap_1 %#x", req.Cap1)
	}
	if cfg.RedirectTo != "" {
		return c.redirect(resp)
	}
	// An empty name is the listener's own server: IBM documents
	// INFORMIXSERVER as optional in JDBC URLs, and JDBC then sends "".
	if req.Server != "" && req.Server != cfg.ServerName {
		c.reject(resp, errBadServer, req.Server)
		return fmt.Errorf("login: server name %q", req.Server)
	}
	// Under PAM the conversation decides (Config.PAM); the user must
	// still be known.
	if req.User != cfg.User || (len(cfg.PAM) == 0 && req.Password != cfg.Password) {
		c.reject(resp, errBadPassword, req.User)
		return errors.New("login: bad user or password")
	}
	if req.Database != "" {
		// JDBC always leaves it empty and opens the database with
		// SQ_DBOPEN; a name here made real servers fail (-759).
		c.srv.violation("conn %d: database %q in the connection request", c.id, req.Database)
	}
	c.user = req.User
	c.cs = charsetFor(req.EnvValue("CLIENT_LOCALE"))
	c.srv.updateStats(c.id, func(st *ConnStats) { st.User = req.User })
	c.sess = c.srv.engine.NewSession(req.User)
	c.sess.GatherShortWrites(true)
	delim, _ := req.EnvValue("DELIMIDENT")
	c.sess.SetClient(engine.ClientInfo{ServerName: cfg.ServerName, DelimIdent: delim})
	c.sess.SetClientFiles(c)
	if v, ok := req.EnvValue("DBDATE"); ok {
		c.sess.SetDBDate(v)
	}
	if v, ok := req.EnvValue("DB_LOCALE"); ok {
		c.sess.SetDBLocale(v)
	}
	b, err := resp.Encode(nil)
	if err != nil {
		return err
	}
	_, err = c.netConn.Write(b)
	if c.rec != nil {
		c.rec.out(b)
	}
	return err
}

// reject answers with SL type 3 and the error in the SQ_ASCINITRESP
// block: JDBC ignores a non-zero error inside a type-2 packet. The reply
// still names the real server, so a client can retry after -761.
func (c *conn) reject(resp *sqli.ConnResponse, code int16, near string) {
	resp.Type = sqli.PacketReject
	resp.SvcError = code
	// The text travels too: JDBC accepts it, and informix-driver shows the
	// longest printable run of the packet as its error message.
	resp.Messages = []string{loginErrorText(code, near)}
	if b, err := resp.Encode(nil); err == nil {
		c.netConn.Write(b)
		if c.rec != nil {
			c.rec.out(b)
		}
	}
	c.logf("login rejected with %d (%s)", code, near)
}

func loginErrorText(code int16, user string) string {
	if code == errBadServer {
		return "INFORMIXSERVER does not match either DBSERVERNAME or DBSERVERALIASES."
	}
	return "Incorrect password or user " + user + " is not known on the database server."
}
