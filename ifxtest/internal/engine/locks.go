package engine

import (
	"context"
	"strings"
	"sync"
	"time"
)

// IDS locks the rows a transaction writes until it ends, and a reader
// under COMMITTED READ, CURSOR STABILITY or REPEATABLE READ that meets
// such a row waits for it (SET LOCK MODE) or fails with -244; under
// COMMITTED READ LAST COMMITTED it reads the row's last committed image,
// and under DIRTY READ it reads the row as it is. SQLite in WAL mode
// gives every reader the last committed image and never makes one wait,
// so the engine adds the waits itself, per table: a transaction that
// wrote a table holds a lock on it until it ends, and a SELECT of that
// table by another session waits for the lock as IDS's reader would.
// (A whole table, where IDS locks rows: a reader of other rows of the
// table waits too.) Writers need no such table: SQLite lets one
// transaction write at a time.

// tableLocks is an engine's table of write locks held by transactions.
type tableLocks struct {
	mu      sync.Mutex
	owners  map[string]map[int64]struct{} // table key -> session ids
	changed chan struct{}                 // closed when a lock is released
}

// lockKey names a table across the engine's databases.
func lockKey(db, table string) string { return db + "\x00" + table }

// hold records that session id wrote the table key.
func (l *tableLocks) hold(key string, id int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.owners == nil {
		l.owners = map[string]map[int64]struct{}{}
	}
	m := l.owners[key]
	if m == nil {
		m = map[int64]struct{}{}
		l.owners[key] = m
	}
	m[id] = struct{}{}
}

// release drops the session's locks and wakes the waiters.
func (l *tableLocks) release(keys map[string]bool, id int64) {
	if len(keys) == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for k := range keys {
		if m := l.owners[k]; m != nil {
			delete(m, id)
			if len(m) == 0 {
				delete(l.owners, k)
			}
		}
	}
	if l.changed != nil {
		close(l.changed)
		l.changed = nil
	}
}

// busy returns the first of keys that another session holds, and a
// channel closed at the next release.
func (l *tableLocks) busy(keys []string, id int64) (string, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		for owner := range l.owners[k] {
			if owner != id {
				if l.changed == nil {
					l.changed = make(chan struct{})
				}
				return k, l.changed
			}
		}
	}
	return "", nil
}

// lockTable notes a write of table ti by the session's transaction.
func (s *Session) lockTable(ti *tableInfo) {
	if !s.inTx || ti == nil || ti.temp || ti.view {
		return
	}
	key := lockKey(s.tableDB(ti), ti.name)
	if s.txTables[key] {
		return
	}
	if s.txTables == nil {
		s.txTables = map[string]bool{}
	}
	s.txTables[key] = true
	s.e.locks.hold(key, s.id)
}

// tableDB is the name of the database that holds ti.
func (s *Session) tableDB(ti *tableInfo) string {
	for name, alias := range s.attached {
		if alias == ti.schema && ti.schema != "" {
			return name
		}
	}
	return s.db.Name
}

// readLocks waits until no other transaction holds a write lock on a
// table the SELECT reads, as the session's isolation level and lock mode
// say (-244 with ISAM -107, or -154 after WAIT n, when the wait ends).
func (st *Stmt) readLocks(ctx context.Context) error {
	s := st.s
	switch s.isolation {
	case "dirty read", "last committed":
		return nil
	}
	if s.db == nil || !s.db.Logged || len(st.deps) == 0 {
		return nil
	}
	var keys []string
	for _, d := range st.deps {
		if d.ti != nil && !d.ti.temp && !d.ti.view {
			keys = append(keys, lockKey(s.tableDB(d.ti), d.ti.name))
		}
	}
	key, ch := s.e.locks.busy(keys, s.id)
	if ch == nil {
		return nil
	}
	var timeout <-chan time.Time
	isam := -107
	switch {
	case s.lockWait > 0:
		isam = -154
		fallthrough
	case s.lockWait == 0:
		t := time.NewTimer(time.Duration(s.busyMillis()) * time.Millisecond)
		defer t.Stop()
		timeout = t.C
	}
	for ch != nil {
		select {
		case <-ch:
		case <-timeout:
			return newErr(-244, isam, key[strings.IndexByte(key, 0)+1:])
		case <-ctx.Done():
			return stmtCtx{s: s}.mapErr(ctx.Err())
		}
		key, ch = s.e.locks.busy(keys, s.id)
	}
	return nil
}
