package engine

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// IDS locks the rows a transaction writes until it ends (docs/DIALECT.md,
// "Locking and isolation"). The engine keeps those locks here, in Go:
// SQLite lets one connection write a database at a time, so a statement
// of an Informix transaction is committed to SQLite at once (rowtx.go)
// and the lock table, not SQLite, keeps other sessions off its rows until
// the Informix transaction ends. A lock is a row (database, table, rowid)
// or a value of a unique key; a table lock marks a table that a
// transaction writes inside a SQLite transaction of its own (held
// transactions: DDL, savepoints), whose rows others cannot see. Waits
// form a wait-for graph, and a wait that would close a cycle fails with
// IDS's deadlock error instead.

// lockTab is one table of one database as the lock table names it,
// made once per name (lockManager.tabOf): a lock holds a pointer to it,
// so that hashing and comparing a lock, which a batch does several times
// per row, costs a pointer instead of two strings, and the table's
// counts are at hand.
type lockTab struct {
	db, table   string
	tableCounts map[int64]int // tables[lockKey(db, table)]
	dbCounts    map[int64]int // dbs[db]
	taken       *uint64       // taken[lockKey(db, table)]
}

// rowLock names one row.
type rowLock struct {
	t   *lockTab
	row int64
}

// keyLock names one value of a unique key (cons is the key's columns).
type keyLock struct {
	t         *lockTab
	cons, val string
}

// keyValueLock is a keyLock before its table is named: a unique key's
// columns and the text of its value (keyValue).
type keyValueLock struct{ cons, val string }

// lockManager is an engine's lock table.
type lockManager struct {
	mu      sync.Mutex
	rows    map[rowLock]int64        // row -> owner session
	keys    map[keyLock]int64        // key value -> owner session
	gone    map[rowLock]int64        // a row deleted by the owner session
	tables  map[string]map[int64]int // lockKey(db, table) -> owner -> locks
	dbs     map[string]map[int64]int // db -> owner -> locks
	waits   map[int64]int64          // waiting session -> session it waits for
	taken   map[string]*uint64       // lockKey(db, table) -> locks taken so far
	changed chan struct{}            // closed when a lock is released
	onWait  func(id, owner int64)    // tests: a session began to wait
	onRead  func()                   // tests: a reader found no lock and will open its query
	tabs    map[string]*lockTab      // lockKey(db, table) -> its one lockTab
	// the last table named: a statement's rows are of one table, and
	// its lockKey costs an allocation
	last *lockTab
}

// lockKey names a table across the engine's databases.
func lockKey(db, table string) string { return db + "\x00" + table }

// tabOf returns the lockTab of table in database db. The caller holds
// the mutex.
func (l *lockManager) tabOf(db, table string) *lockTab {
	if t := l.last; t != nil && t.db == db && t.table == table {
		return t
	}
	if l.tabs == nil {
		l.tabs, l.tables, l.dbs, l.taken = map[string]*lockTab{}, map[string]map[int64]int{}, map[string]map[int64]int{}, map[string]*uint64{}
	}
	key := lockKey(db, table)
	t := l.tabs[key]
	if t == nil {
		t = &lockTab{db: db, table: table, tableCounts: counts(l.tables, key), dbCounts: counts(l.dbs, db)}
		if l.taken[key] == nil {
			l.taken[key] = new(uint64)
		}
		t.taken = l.taken[key]
		l.tabs[key] = t
	}
	l.last = t
	return t
}

// count adds n to owner's locks on the table and its database.
func (l *lockManager) count(t *lockTab, owner int64, n int) {
	bump(t.tableCounts, owner, n)
	bump(t.dbCounts, owner, n)
	if n > 0 {
		*t.taken += uint64(n)
	}
}

// counts returns m's counts for k, made if need be. An emptied one stays
// (a table or database with no lock has no owner in it): a lockTab keeps
// the ones of its table.
func counts(m map[string]map[int64]int, k string) map[int64]int {
	o := m[k]
	if o == nil {
		o = map[int64]int{}
		m[k] = o
	}
	return o
}

func bump(o map[int64]int, owner int64, n int) {
	if v := o[owner] + n; v > 0 {
		o[owner] = v
	} else {
		delete(o, owner)
	}
}

// lockRow returns the session that holds row of the table other than id
// (0 if none); when no other does and take is set, id takes the lock,
// and fresh reports that it did not hold it already.
func (l *lockManager) lockRow(db, table string, row int64, id int64, take bool) (owner int64, fresh bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := rowLock{l.tabOf(db, table), row}
	if o, ok := l.rows[k]; ok {
		if o != id {
			return o, false
		}
		return 0, false
	}
	if !take {
		return 0, false
	}
	if l.rows == nil {
		l.rows = map[rowLock]int64{}
	}
	l.rows[k] = id
	l.count(k.t, id, 1)
	return 0, true
}

// takeLocks gives id each lock of ks that nobody holds (when take),
// appending it to held, and returns the first other owner met and how
// many locks it took. The caller holds the lock table's mutex.
func takeLocks[K comparable](m *map[K]int64, ks []K, id int64, take bool, held *[]K) (owner int64, n int) {
	for _, k := range ks {
		if o, ok := (*m)[k]; ok {
			if o != id && owner == 0 {
				owner = o
			}
			continue
		}
		if !take {
			continue
		}
		if *m == nil {
			*m = map[K]int64{}
		}
		(*m)[k] = id
		n++
		*held = append(*held, k)
	}
	return owner, n
}

// lockRowKeys is lockRow for each of rows, then the same for each of
// the unique key values keys, all of one table of db, under one hold of
// the mutex and with one count: the lock hook's locks for one row
// change, which for a batch of INSERTs come once per row. It returns the
// first other session met on a row and the first met on a key; the locks
// id takes now are appended to heldRows and heldKeys.
func (l *lockManager) lockRowKeys(db, table string, rows []int64, keys []keyValueLock, id int64, take bool, heldRows *[]rowLock, heldKeys *[]keyLock) (rowOwner, keyOwner int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.tabOf(db, table)
	var rowBuf [2]rowLock // a row change names one row or two: no allocation
	rs := rowBuf[:0]
	for _, r := range rows {
		rs = append(rs, rowLock{t, r})
	}
	var keyBuf [4]keyLock
	ks := keyBuf[:0]
	for _, k := range keys {
		ks = append(ks, keyLock{t, k.cons, k.val})
	}
	rowOwner, nr := takeLocks(&l.rows, rs, id, take, heldRows)
	keyOwner, nk := takeLocks(&l.keys, ks, id, take, heldKeys)
	if n := nr + nk; n > 0 {
		l.count(t, id, n)
	}
	return rowOwner, keyOwner
}

// lockGone records that session id deleted row of the table, and
// returns that lock with fresh set when it was not recorded already.
// SQLite may give its rowid to a new row, which the lock must not hold
// off, so the lock only keeps readers of the table waiting; its unique
// key values are locked as keys.
func (l *lockManager) lockGone(db, table string, row int64, id int64) (k rowLock, fresh bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k = rowLock{l.tabOf(db, table), row}
	if _, ok := l.gone[k]; ok {
		return k, false
	}
	if l.gone == nil {
		l.gone = map[rowLock]int64{}
	}
	l.gone[k] = id
	l.count(k.t, id, 1)
	return k, true
}

// hold records a table lock of session id (a held transaction wrote it).
func (l *lockManager) hold(db, table string, id int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.count(l.tabOf(db, table), id, 1)
}

// release drops locks of session id and wakes the waiters.
func (l *lockManager) release(id int64, rows, gone []rowLock, keys []keyLock, tables [][2]string) {
	if len(rows) == 0 && len(gone) == 0 && len(keys) == 0 && len(tables) == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range rows {
		if l.rows[k] == id {
			delete(l.rows, k)
			l.count(k.t, id, -1)
		}
	}
	for _, k := range gone {
		if l.gone[k] == id {
			delete(l.gone, k)
			l.count(k.t, id, -1)
		}
	}
	for _, k := range keys {
		if l.keys[k] == id {
			delete(l.keys, k)
			l.count(k.t, id, -1)
		}
	}
	for _, t := range tables {
		l.count(l.tabOf(t[0], t[1]), id, -1)
	}
	if l.changed != nil {
		close(l.changed)
		l.changed = nil
	}
}

// tableOwner returns a session other than id that holds a lock on one of
// the tables (lockKey), and that table, with the count of locks taken
// on them so far.
func (l *lockManager) tableOwner(keys []string, id int64) (int64, string, uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		for o := range l.tables[k] {
			if o != id {
				return o, k, l.countTaken(keys)
			}
		}
	}
	return 0, "", l.countTaken(keys)
}

// takenOn is the count of locks taken so far on the tables.
func (l *lockManager) takenOn(keys []string) uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.countTaken(keys)
}

func (l *lockManager) countTaken(keys []string) uint64 {
	var n uint64
	for _, k := range keys {
		if p := l.taken[k]; p != nil {
			n += *p
		}
	}
	return n
}

// dbOwner returns a session other than id that holds a lock in database
// db, or 0.
func (l *lockManager) dbOwner(db string, id int64) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	for o := range l.dbs[db] {
		if o != id {
			return o
		}
	}
	return 0
}

// anyOther reports whether a session other than id holds a lock.
func (l *lockManager) anyOther(id int64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, m := range l.dbs {
		for o := range m {
			if o != id {
				return true
			}
		}
	}
	return false
}

// keyOwner returns a session other than id that holds a value of a
// unique key cons of the table, or 0.
func (l *lockManager) keyOwner(db, table, cons string, id int64) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.tables[lockKey(db, table)]) == 0 {
		return 0
	}
	for k, o := range l.keys {
		if o != id && k.t.db == db && k.t.table == table && (cons == "" || k.cons == cons) {
			return o
		}
	}
	return 0
}

// holds reports whether session owner holds any lock.
func (l *lockManager) holds(owner int64) bool {
	for _, m := range l.dbs {
		if m[owner] > 0 {
			return true
		}
	}
	return false
}

// lockWait is why a wait for a lock ended without it.
type lockWait int

const (
	waitTimeout  lockWait = iota + 1 // NOT WAIT, or WAIT n ran out
	waitDeadlock                     // waiting would close a cycle
)

func (w lockWait) Error() string {
	if w == waitDeadlock {
		return "deadlock"
	}
	return "lock wait ended"
}

// wait blocks session id until owner releases a lock, timeout fires or
// ctx ends. It fails at once with waitDeadlock when owner waits, through
// the graph, for id. A nil error means: look again.
func (l *lockManager) wait(ctx context.Context, id, owner int64, timeout <-chan time.Time) error {
	l.mu.Lock()
	if !l.holds(owner) {
		l.mu.Unlock()
		return nil
	}
	for o, n := owner, 0; n <= len(l.waits); n++ {
		if o == id {
			l.mu.Unlock()
			return waitDeadlock
		}
		next, ok := l.waits[o]
		if !ok {
			break
		}
		o = next
	}
	if l.waits == nil {
		l.waits = map[int64]int64{}
	}
	l.waits[id] = owner
	if l.changed == nil {
		l.changed = make(chan struct{})
	}
	ch := l.changed
	onWait := l.onWait
	l.mu.Unlock()
	if onWait != nil {
		onWait(id, owner)
	}
	defer func() {
		l.mu.Lock()
		delete(l.waits, id)
		l.mu.Unlock()
	}()
	select {
	case <-ch:
		return nil
	case <-timeout:
		return waitTimeout
	case <-ctx.Done():
		return ctx.Err()
	}
}

// lockTimer is the session's SET LOCK MODE as a timer: nil channel for
// WAIT (no limit), a fired one for NOT WAIT, else WAIT n seconds. grace
// is NOT WAIT's wait (readers: Config.LockWaitMillis, the table-wide
// approximation of IDS's row-level read check; writers: none).
func (s *Session) lockTimer(grace bool) (<-chan time.Time, func()) {
	switch {
	case s.lockWait < 0:
		return nil, func() {}
	case s.lockWait == 0 && !grace:
		ch := make(chan time.Time, 1)
		ch <- time.Time{}
		return ch, func() {}
	}
	t := time.NewTimer(time.Duration(s.busyMillis()) * time.Millisecond)
	return t.C, func() { t.Stop() }
}

// lockISAM is the ISAM code of a lock wait that ended as w: -143
// deadlock, -154 when a WAIT n ran out, else -107 (or -144 for a key).
func (s *Session) lockISAM(w error, key bool) int {
	switch {
	case w == waitDeadlock:
		return -143
	case s.lockWait > 0:
		return -154
	case key:
		return -144
	}
	return -107
}

// lockTable notes a write of table ti by the session's held transaction.
func (s *Session) lockTable(ti *tableInfo) {
	if !s.sqlTx || ti == nil || ti.temp || ti.view {
		return
	}
	t := [2]string{s.tableDB(ti), ti.name}
	for _, h := range s.tablesHeld {
		if h == t {
			return
		}
	}
	s.tablesHeld = append(s.tablesHeld, t)
	s.e.locks.hold(t[0], t[1], s.id)
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

// lockedQuery opens the SELECT p as the session's isolation level says:
// under DIRTY READ at once; under COMMITTED READ LAST COMMITTED over the
// last committed rows, in memory (lastcommitted.go); otherwise once no
// other transaction holds a lock on a table it reads (readLocks). A
// transaction may take a lock and write between that check and the
// moment SQLite fixes the statement's snapshot (its first step, inside
// QueryContext): then the statement is opened again.
func (st *Stmt) lockedQuery(ctx context.Context, p *sql.Stmt, bound []any) (*sql.Rows, *Cursor, error) {
	s := st.s
	checked := s.isolation != "dirty read" && s.db != nil && s.db.Logged && len(st.deps) > 0
	if checked && s.isolation == "last committed" {
		if c, ok, err := st.queryLastCommitted(ctx, p, bound); ok {
			return nil, c, err
		}
		checked = false
	}
	for {
		var before uint64
		if checked {
			v, err := st.readLocks(ctx)
			if err != nil {
				return nil, nil, err
			}
			before = v
			if h := s.e.locks.onRead; h != nil {
				h()
			}
		}
		rows, err := p.QueryContext(ctx, bound...)
		if err != nil {
			return nil, nil, st.stmtCtx().mapErr(err)
		}
		if !checked || s.sqlTx || s.e.locks.takenOn(st.readKeys()) == before {
			return rows, nil, nil
		}
		rows.Close()
	}
}

// readLocks waits until no other transaction holds a lock on a table the
// SELECT reads, as the session's lock mode says (-244 with ISAM -107,
// -154 after WAIT n, -143 for a deadlock), and returns the count of
// locks taken at that moment.
func (st *Stmt) readLocks(ctx context.Context) (uint64, error) {
	s := st.s
	keys := st.readKeys()
	timeout, stop := s.lockTimer(true)
	defer stop()
	for {
		owner, key, taken := s.e.locks.tableOwner(keys, s.id)
		if owner == 0 {
			return taken, nil
		}
		if w := s.e.locks.wait(ctx, s.id, owner, timeout); w != nil {
			if _, ok := w.(lockWait); ok {
				return 0, newErr(-244, s.lockISAM(w, false), tableOf(key))
			}
			return 0, stmtCtx{s: s}.mapErr(w)
		}
	}
}

// readKeys names the shared tables the statement reads.
func (st *Stmt) readKeys() []string {
	s := st.s
	var keys []string
	for _, d := range st.deps {
		if d.ti != nil && !d.ti.temp && !d.ti.view {
			keys = append(keys, lockKey(s.tableDB(d.ti), d.ti.name))
		}
	}
	return keys
}

// tableOf is the table name of a lockKey.
func tableOf(key string) string {
	for i := 0; i < len(key); i++ {
		if key[i] == 0 {
			return key[i+1:]
		}
	}
	return key
}
