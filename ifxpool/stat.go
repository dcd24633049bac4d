package ifxpool

import "time"

// Stat is a snapshot of a pool's state and counters. The gauges satisfy
//
//	TotalConns = IdleConns + AcquiredConns + ConstructingConns
//
// (connections being pinged by the health check count as idle), and
// once nothing is being opened
//
//	NewConnsCount - DestroyedCount() - HijackedCount = TotalConns
//
// Every Acquire (the Pool shortcuts included) ends in exactly one of
// AcquireCount, CanceledAcquireCount, TimedOutAcquireCount and
// FailedAcquireCount.
type Stat struct {
	AcquireCount         int64         // successful acquires
	AcquireDuration      time.Duration // their total time
	EmptyAcquireCount    int64         // successful acquires that found no idle connection (opened one or waited)
	EmptyAcquireWaitTime time.Duration // their total time
	CanceledAcquireCount int64         // acquires ended by their context
	TimedOutAcquireCount int64         // acquires ended by AcquireTimeout
	FailedAcquireCount   int64         // acquires that failed otherwise (connect error, closed pool)

	IdleConns         int32 // ready to be acquired (or being pinged by the health check)
	AcquiredConns     int32 // in use
	ConstructingConns int32 // being opened
	TotalConns        int32 // all of the above
	MaxConns          int32

	NewConnsCount    int64 // connections opened and added to the pool
	FailedConnsCount int64 // connection attempts that failed (AfterConnect errors included)
	HijackedCount    int64 // connections taken out of the pool with Hijack

	// Connections closed by the pool, by reason.
	DestroyedLifetime    int64 // MaxConnLifetime reached
	DestroyedIdleTime    int64 // MaxConnIdleTime reached
	DestroyedHealthCheck int64 // found dead on Acquire or by the health check
	DestroyedBroken      int64 // released closed or broken (connection lost, protocol error, unconfirmed interrupt)
	DestroyedResetFailed int64 // the reset on release failed
	DestroyedHookRefused int64 // BeforeAcquire or AfterRelease returned false
	DestroyedPoolClosed  int64 // closed with the pool
	DestroyedLeaked      int64 // its holder was garbage collected inside a transaction

	// Handles garbage collected without Release, Close, Commit or
	// Rollback, whose connections the pool took back (leak.go).
	LeakedConnsReclaimed int64 // Conn from Acquire
	LeakedRowsReclaimed  int64 // Rows from Pool.Query, Row from Pool.QueryRow never scanned
	LeakedTxsReclaimed   int64 // Tx from Pool.Begin

	// Native handles made on a pooled connection (Conn.Query, Tx.Query,
	// Conn.Conn().Prepare, …) garbage collected without Close, whose
	// server resources the driver released (see the ifx package): counted
	// when their connection is next released or closed.
	LeakedStmtsReleased int64 // *ifx.Stmt (ifx.Conn.LeakedStmtsReclaimed)
	LeakedCursorsClosed int64 // *ifx.Rows collected with its cursor open (ifx.Conn.LeakedRowsReclaimed)
}

// DestroyedCount is the number of connections the pool closed, for any
// reason.
func (s Stat) DestroyedCount() int64 {
	return s.DestroyedLifetime + s.DestroyedIdleTime + s.DestroyedHealthCheck + s.DestroyedBroken +
		s.DestroyedResetFailed + s.DestroyedHookRefused + s.DestroyedPoolClosed + s.DestroyedLeaked
}

// Stat returns a snapshot of the pool's statistics.
func (p *Pool) Stat() Stat {
	p.mu.Lock()
	s := Stat{
		IdleConns:         int32(len(p.idle)) + p.checking,
		AcquiredConns:     p.acquired,
		ConstructingConns: p.constructing,
		TotalConns:        p.total,
		MaxConns:          p.cfg.MaxConns,
		NewConnsCount:     p.newConns,
		FailedConnsCount:  p.failedConns,
		HijackedCount:     p.hijacked,

		DestroyedLifetime:    p.destroyed[destroyLifetime],
		DestroyedIdleTime:    p.destroyed[destroyIdleTime],
		DestroyedHealthCheck: p.destroyed[destroyHealthCheck],
		DestroyedBroken:      p.destroyed[destroyBroken],
		DestroyedResetFailed: p.destroyed[destroyResetFailed],
		DestroyedHookRefused: p.destroyed[destroyHookRefused],
		DestroyedPoolClosed:  p.destroyed[destroyPoolClosed],
		DestroyedLeaked:      p.destroyed[destroyLeaked],
	}
	p.mu.Unlock()
	s.AcquireCount = p.acquireCount.Load()
	s.AcquireDuration = time.Duration(p.acquireNanos.Load())
	s.EmptyAcquireCount = p.emptyCount.Load()
	s.EmptyAcquireWaitTime = time.Duration(p.emptyNanos.Load())
	s.CanceledAcquireCount = p.canceled.Load()
	s.TimedOutAcquireCount = p.timedOut.Load()
	s.FailedAcquireCount = p.failed.Load()
	s.LeakedConnsReclaimed = p.leaked[leakedConn].Load()
	s.LeakedRowsReclaimed = p.leaked[leakedRows].Load() + p.leaked[leakedRow].Load()
	s.LeakedTxsReclaimed = p.leaked[leakedTx].Load()
	s.LeakedStmtsReleased = p.connStmtLeaks.Load()
	s.LeakedCursorsClosed = p.connRowsLeaks.Load()
	return s
}
