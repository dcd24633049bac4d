package stdlib

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/ifxgo/ifx"
)

// connectRetryTimeout is how long Connect keeps trying a cluster (a
// configuration with several hosts) none of whose servers accepts a
// connection that fits target_session_attrs: cfg.ConnectRetryTimeout,
// the default when 0 (a Config built in code), none when negative.
func connectRetryTimeout(cfg *ifx.Config) time.Duration {
	if cfg.ConnectRetryTimeout == 0 {
		return ifx.DefaultConnectRetryTimeout
	}
	return max(cfg.ConnectRetryTimeout, 0)
}

// hostFails records, per server address, the time before which its
// connections are presumed dead: a lost connection moves it to when that
// connection was last known to work. database/sql then drops the older
// connections to that server (ResetSession, IsValid) instead of handing
// them to callers one failure at a time, and refills from the servers
// that answer.
type hostFails struct {
	mu     sync.Mutex
	before map[string]time.Time
}

func (h *hostFails) get(host string) time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.before[host]
}

func (h *hostFails) fail(host string, before time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.before == nil {
		h.before = map[string]time.Time{}
	}
	if before.After(h.before[host]) {
		h.before[host] = before
	}
}

// newConn wraps a new native connection.
func (c *Connector) newConn(ic *ifx.Conn) *Conn {
	now := time.Now()
	return &Conn{conn: ic, connector: c, host: ic.ServerInfo().Address, created: now, lastOK: now}
}

// stale reports a connection made before its server was found failed.
func (c *Conn) stale() bool {
	return c.created.Before(c.connector.hosts.get(c.host))
}

// noteLost marks the connection's server failed if the connection was
// lost, as of before (when it was last known to work).
func (c *Conn) noteLost(before time.Time) {
	if c.conn.Lost() {
		c.connector.hosts.fail(c.host, before)
	}
}

// mapStmtErr is mapErr for a statement run with ctx: a statement marked
// ifx.Idempotent that lost its connection in flight is also handed back
// to database/sql as driver.ErrBadConn, to run on another connection. A
// lost connection marks its server failed. Inside a transaction the
// error is ifx.ErrTxLost, which is never retried.
func (c *Conn) mapStmtErr(ctx context.Context, err error) error {
	c.noteLost(time.Now())
	if ifx.RetryableOnAnotherConn(ctx, err) {
		return badConn(err)
	}
	return err
}

// mapBeginErr is mapErr for BeginTx: a BEGIN lost with its connection
// left nothing behind (the session, and any transaction, ended with it),
// so database/sql may run it on another connection.
func (c *Conn) mapBeginErr(err error) error {
	if c.conn.Lost() {
		c.noteLost(time.Now())
		return badConn(err)
	}
	return mapErr(err)
}

// connect is ifx.ConnectConfig that, for a cluster, keeps trying while
// no server fits: between the primary's death and a secondary's
// promotion every host refuses or is read-only.
func connect(ctx context.Context, cfg *ifx.Config) (*ifx.Conn, error) {
	ic, err := ifx.ConnectConfig(ctx, cfg)
	window := connectRetryTimeout(cfg)
	if err == nil || len(cfg.Hosts) < 2 || window == 0 {
		return ic, err
	}
	deadline := time.Now().Add(window)
	pause := 5 * time.Millisecond
	for clusterDown(err) && time.Now().Before(deadline) {
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, err
		case <-t.C:
		}
		pause = min(2*pause, 100*time.Millisecond)
		if ic, err = ifx.ConnectConfig(ctx, cfg); err == nil {
			return ic, nil
		}
	}
	return nil, err
}

// clusterDown reports a connect error that a failover explains.
func clusterDown(err error) bool {
	var wr *ifx.WrongRoleError
	return errors.As(err, &wr) || ifx.IsConnectionLost(err)
}
