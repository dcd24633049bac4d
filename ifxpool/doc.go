// Package ifxpool is a connection pool for the ifx driver, modelled on
// pgxpool.
//
//	pool, err := ifxpool.New(ctx, "informix://informix:in4mix@db:9088/stores?server=informix&pool_max_conns=16")
//	if err != nil { … }
//	defer pool.Close()
//
//	var n int64
//	err = pool.QueryRow(ctx, "SELECT COUNT(*) FROM customer WHERE state = ?", "CA").Scan(&n)
//
// The Pool's Exec, Query, QueryRow, Begin, BeginTx and Ping acquire a
// connection and release it when done: Exec and Ping at once, Query when
// its Rows closes, QueryRow after Row.Scan, Begin after Commit or
// Rollback. Acquire hands out a connection for several statements;
// Release gives it back.
//
// # Configuration
//
// ParseConfig takes the driver's DSN with pool options added as keys
// (pool_max_conns, pool_min_conns, pool_max_conn_lifetime,
// pool_max_conn_lifetime_jitter, pool_max_conn_idle_time,
// pool_health_check_period, pool_acquire_timeout, pool_ping_idle_threshold,
// pool_ping_timeout, pool_reset_timeout); see Config for what each does and
// the hooks (BeforeConnect, AfterConnect, BeforeAcquire, AfterRelease,
// BeforeClose). MinConns connections are opened by New; more are opened
// on demand up to MaxConns.
//
// # What Release guarantees
//
// A connection goes back to the pool only in a known, clean state. Release
// runs ifx.Conn.Reset outside the pool's lock (the connection is off the
// idle list and still counted as in use): an open Rows is closed, any open
// transaction rolled back, queued cursor cleanups sent, so the next holder
// never inherits the previous one's uncommitted work, locks or cursors. A
// connection that is closed or broken is closed instead: the driver closes
// a connection after a network failure, a protocol error, or an interrupt
// the server did not confirm (a statement cancelled by its context whose
// -213 did not arrive within ifx.Config.InterruptWait), so work the server
// may still be doing is never recycled. A reset that fails or exceeds
// ResetTimeout closes the connection too. Application errors (a unique
// violation, a bad argument) leave the connection in the pool.
//
// # Liveness
//
// Before Acquire hands out an idle connection it checks the socket without
// a round trip (ifx.Conn.CheckConn) and, if the connection was idle for
// PingIdleThreshold or longer, pings it; a dead connection is closed and
// Acquire goes on with another or opens a new one, so a server restart
// costs the application no error. The background health check, every
// HealthCheckPeriod, closes connections past MaxConnLifetime (with
// jitter) or MaxConnIdleTime, pings those left unused since the previous
// check and opens connections up to MinConns.
//
// # Failover
//
// A connection lost because its server went away (ifx.Conn.Lost) marks
// that server failed: the idle connections to it made before the lost
// one last worked are closed at once, and such connections in use are
// closed when released. New connections follow the DSN's hosts and
// target_session_attrs, so after a failover they come from the new
// primary. Exec, Query, QueryRow, Ping and Begin run again on another
// connection what may run again (ifx.RetryableOnAnotherConn: never sent,
// or marked ifx.Idempotent; a BEGIN lost with its connection), and, for
// a cluster (several hosts), wait while no server fits, all for at most
// RetryTimeout. Inside a transaction nothing is retried: its calls fail
// with ifx.ErrTxLost.
//
// # Waiting
//
// An Acquire that finds no idle connection queues; while fewer than
// MaxConns connections exist, one is opened for each queued caller.
// Released and newly opened connections go to the queued callers in
// arrival order. A caller waits until it is served, its context ends, or
// AcquireTimeout passes (an error matching ErrAcquireTimeout). No
// goroutine runs per Acquire; each connection is opened by a goroutine of
// its own under the pool's context, so a caller that gives up does not
// abort the attempt, and the connection serves the next caller (callers
// with short deadlines would otherwise keep aborting each other's
// attempts). A failed attempt's error goes to the first caller waiting.
//
// Stat reports the counters: acquires and their duration, waits,
// cancellations and timeouts, connections opened, and connections closed
// by reason.
//
// # Handles dropped without Release
//
// A Conn, a Pool.Query Rows, a Pool.Begin Tx or a Pool.QueryRow Row that
// the garbage collector finds unreachable before Release, Close, Commit,
// Rollback or Scan gives its connection back: a reclaimer goroutine (one
// per pool, started with the first handle and ended by Close) resets it
// and puts it back, or destroys it when a transaction was open on it.
// Each reclaim is reported through Config.LeakLogger (with the creating
// stack under Config.DebugLeaks) and counted in Stat. It waits for a
// garbage collection, so it is a safety net, not a way to release.
package ifxpool
