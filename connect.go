package ifx

import (
	"context"
	"errors"

	"github.com/ifxgo/ifx/ifxconn"
)

// Connect parses dsn (see ParseConfig) and connects.
func Connect(ctx context.Context, dsn string) (*Conn, error) {
	cfg, err := ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	return ConnectConfig(ctx, cfg)
}

// ConnectConfig connects with cfg, trying cfg.Hosts in order, as
// ifxconn.ConnectConfig does (a network or TLS failure, a timeout or a
// -761 rejection moves on to the next host; a rejected password or an
// unknown database does not), and tells cfg.Tracer when it is a
// ConnectTracer.
func ConnectConfig(ctx context.Context, cfg *Config) (*Conn, error) {
	if cfg == nil {
		return nil, errors.New("ifx: nil Config")
	}
	cfg = cfg.Copy()
	if err := cfg.Config.Complete(); err != nil {
		return nil, err
	}
	ctx, done := traceConnect(ctx, cfg)
	var c *Conn
	pc, err := ifxconn.ConnectConfig(ctx, &cfg.Config)
	if err == nil {
		c = newConn(pc, cfg)
	}
	done(c, err)
	return c, err
}

// newConn wraps a wire connection; cfg supplies the API's settings, pc's
// own Config (the host's server name among them) the rest.
func newConn(pc *ifxconn.Conn, cfg *Config) *Conn {
	ccfg := &Config{Config: *pc.Config(), Tracer: cfg.Tracer}
	pc.SetRoutineCacheCapacity(ccfg.StatementCacheCapacity)
	return &Conn{
		pc:    pc,
		cfg:   ccfg,
		feat:  pc.Features(),
		codec: pc.Codec(),
		stmts: newStmtCache(ccfg.StatementCacheCapacity),
	}
}
