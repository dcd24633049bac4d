package ifxconn

import (
	"errors"
	"net"

	"github.com/ifxgo/ifx/sqli"
)

// HijackedConn is the state of a session whose login ran elsewhere:
// Construct makes a Conn of it (pgconn's HijackedConn and Construct).
// Tests use it to drive a Conn over a scripted stream.
type HijackedConn struct {
	Conn     net.Conn      // the stream, positioned after the login
	Config   *Config       // a Config from ParseConfig (or completed)
	Features sqli.Features // the features the login agreed
	Database DatabaseInfo  // the open database
	Server   ServerInfo
}

// Construct makes a Conn of a session logged in by other means.
func Construct(hc *HijackedConn) (*Conn, error) {
	if hc.Conn == nil || hc.Config == nil {
		return nil, errors.New("ifx: Construct needs a stream and a Config")
	}
	cfg := hc.Config.Copy()
	if err := cfg.Complete(); err != nil {
		return nil, err
	}
	codec, err := codecFor(cfg.ClientLocale)
	if err != nil {
		return nil, err
	}
	c := &Conn{cfg: cfg, nc: hc.Conn, codec: codec, feat: hc.Features, db: hc.Database, server: hc.Server}
	if tc, ok := hc.Conn.(*net.TCPConn); ok {
		c.tcp = tc
	}
	c.rd = sqli.NewReaderSize(watchedIO{c}, cfg.FetchBufferSize+4096)
	c.rd.SetMaxMessageSize(cfg.MaxMessageSize)
	c.rd.SetFeatures(c.feat)
	return c, nil
}

// CodecFor returns the converter of an Informix locale's code set, such
// as en_US.8859-1, en_US.819, de_DE.1252 or en_US.utf8.
func CodecFor(locale string) (*Codec, error) { return codecFor(locale) }
