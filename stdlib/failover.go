package stdlib

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/ifxgo/ifx"
)

// connectRetryTimeout bounds how long Connect keeps trying a cluster
// (a configuration with several hosts) none of whose servers accepts a
// connection that fits target_session_attrs: the time a failover takes.
var connectRetryTimeout = 5 * time.Second

// hostGens counts, per server address, the failures seen: a connection
// made before its server's last failure is stale, and database/sql drops
// it (ResetSession, IsValid) instead of handing it to a caller, so that
// all the connections to a failed primary go at once and the pool
// refills from the new one.
type hostGens struct {
	mu  sync.Mutex
	gen map[string]uint64
}

func (h *hostGens) get(host string) uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.gen[host]
}

func (h *hostGens) fail(host string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gen == nil {
		h.gen = map[string]uint64{}
	}
	h.gen[host]++
}

// newConn wraps a new native connection, stamped with its server's
// failure count.
func (c *Connector) newConn(ic *ifx.Conn) *Conn {
	host := ic.ServerInfo().Address
	return &Conn{conn: ic, connector: c, host: host, gen: c.hosts.get(host)}
}

// stale reports a connection whose server failed after it was made.
func (c *Conn) stale() bool {
	return c.gen != c.connector.hosts.get(c.host)
}

// mapStmtErr is mapErr for a statement run with ctx: a statement marked
// ifx.Idempotent that lost its connection in flight is also handed back
// to database/sql as driver.ErrBadConn, to run on another connection. A
// lost connection marks its server failed. Inside a transaction the
// error is ifx.ErrTxLost, which is never retried.
func (c *Conn) mapStmtErr(ctx context.Context, err error) error {
	if c.conn.Lost() {
		c.connector.hosts.fail(c.host)
	}
	if ifx.RetryableOnAnotherConn(ctx, err) {
		return badConn(err)
	}
	return err
}

// connect is ifx.ConnectConfig that, for a cluster, keeps trying while
// no server fits: between the primary's death and a secondary's
// promotion every host refuses or is read-only.
func connect(ctx context.Context, cfg *ifx.Config) (*ifx.Conn, error) {
	ic, err := ifx.ConnectConfig(ctx, cfg)
	if err == nil || len(cfg.Hosts) < 2 {
		return ic, err
	}
	deadline := time.Now().Add(connectRetryTimeout)
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
