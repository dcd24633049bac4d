package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"
	"sync"
	"time"
)

// Session is one client connection's state: current database, transaction,
// temp tables and sqlca values. A Session must not be used by several
// goroutines at once; different sessions may run concurrently.
type Session struct {
	e    *Engine
	id   int64
	user string

	db       *database
	conn     *sql.Conn
	inTx     bool
	txDDL    bool
	txWrite  bool // the SQLite transaction holds the write lock
	txTemp   bool // the transaction wrote temp tables before it held the write lock (tempwrite.go)
	lockWait int  // SET LOCK MODE: -1 wait forever, 0 not wait, n seconds
	// SET ISOLATION / SET TRANSACTION ISOLATION LEVEL: "committed read"
	// (the default of a logged database), "last committed", "dirty
	// read", "cursor stability" or "repeatable read". Recorded; SQLite
	// gives every level the same reads (docs/DIALECT.md).
	isolation string

	// the redo log of the open transaction (txlog.go)
	redo     []redoEntry
	logging  bool // the redo log records the rows written
	txGone   bool // SQLite rolled the transaction back on its own
	txDoomed bool // …and it could not be rebuilt: only ROLLBACK is left
	txUnsafe bool // the log cannot rebuild the transaction (a savepoint was set)

	// row locks and the undo log of the open transaction (rowtx.go)
	sqlTx      bool         // a SQLite transaction is held open for the Informix one
	rl         *stmtLocking // the lock state of the running DML statement
	hookNew    []any        // the lock hook's buffer for a row's new key values
	undoMu     sync.Mutex   // guards undo, which LAST COMMITTED readers copy
	undo       []undoEntry
	rowsHeld   []rowLock
	goneHeld   []rowLock
	keysHeld   []keyLock
	tablesHeld [][2]string
	verbs      txVerbs             // BEGIN/COMMIT/ROLLBACK prepared on conn (txverb.go)
	raws       rawStmts            // DML statements prepared below database/sql on conn (rawexec.go)
	gather     gatherState         // short INSERTs gathered into one SQLite transaction (gather.go)
	loWatch    map[string][]string // tables whose changed rows' locators are noted (sblob_free.go)

	serverName     string // DBSERVERNAME (SetClient)
	delimIdent     bool   // DELIMIDENT: "…" is an identifier (SetClient)
	newlineRefused bool   // IFX_ALLOW_NEWLINE('f') ran: a newline in a quoted string is refused
	txMode         txMode // SET TRANSACTION access mode (txmode.go)

	temps       map[string]*tableInfo
	tempSerials map[string]int64
	cache       map[string]*tableInfo
	attached    map[string]string // database name -> schema alias
	cursors     map[*Cursor]struct{}
	splGlobals  map[string]*splVar // SPL DEFINE GLOBAL variables of this session
	splRun      *splRun            // the routine call running now, if any
	trigDepth   int                // nesting of statements firing triggers (trigger_fire.go)
	rowCalls    map[int64]*rowCall // per-row user function calls of prepared statements (spl_rowcall.go)
	nextRowCall int64

	lastSerial    int32
	lastSerial8   int64
	lastBigSerial int64
	lastRows      int64

	// per-statement SERIAL capture (written by ifx_serial on this goroutine)
	stmtSerial    int64
	stmtSerial8   int64
	stmtBigSerial int64
	hasSerial     int
	dirtySerials  map[string]bool

	dbdate   dbDate // DBDATE from the login environment
	dbLocale string // DB_LOCALE from the client's environment, as IDS records it
}

// NewSession starts a session for an authenticated user.
func (e *Engine) NewSession(user string) *Session {
	s := &Session{e: e, id: e.nextID.Add(1), user: strings.ToLower(user), cursors: map[*Cursor]struct{}{}, dbdate: defaultDBDate}
	if s.user == "" {
		s.user = "informix"
	}
	s.resetDBState()
	sessionRegistry.Store(s.id, s)
	return s
}

func (s *Session) resetDBState() {
	s.temps = map[string]*tableInfo{}
	s.tempSerials = map[string]int64{}
	s.cache = map[string]*tableInfo{}
	s.attached = map[string]string{}
}

// ID is the session id (DBINFO('sessionid')).
func (s *Session) ID() int64 { return s.id }

// User is the session's user name.
func (s *Session) User() string { return s.user }

// Close rolls back an open transaction, drops temp tables and releases the
// database.
func (s *Session) Close() error {
	err := s.CloseDatabase()
	if e, ok := err.(*Error); ok && e.SQLCode == -349 {
		err = nil
	}
	sessionRegistry.Delete(s.id)
	return err
}

// OpenDatabase makes name the current database (SQ_DBOPEN / DATABASE).
func (s *Session) OpenDatabase(ctx context.Context, name string) (DatabaseInfo, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name = name[:i]
	}
	if s.e.lookupDB(name) == nil {
		return DatabaseInfo{}, newErr(-329, -111, name)
	}
	if s.db != nil {
		if err := s.CloseDatabase(); err != nil {
			return DatabaseInfo{}, err
		}
	}
	db, conn, err := s.e.acquire(ctx, name)
	if err != nil {
		return DatabaseInfo{}, err
	}
	if err := s.watchConn(conn); err != nil {
		conn.Close()
		s.e.release(db)
		return DatabaseInfo{}, err
	}
	s.db, s.conn = db, conn
	s.lockWait = 0
	s.isolation = "committed read"
	return db.DatabaseInfo, nil
}

// CloseDatabase closes the current database (-349 if none is open).
func (s *Session) CloseDatabase() error {
	if s.db == nil {
		return newErr(-349, 0, "")
	}
	for c := range s.cursors {
		c.Close()
	}
	ctx := context.Background()
	// The gathered statements ran: an open transaction's ROLLBACK below
	// undoes them with the rest.
	first := s.Settle()
	s.loLeaveDatabase(ctx)
	// ROLLBACK whether or not the engine believes a transaction is open:
	// the connection goes back to the pool, and must do so without one.
	clean := true
	if _, err := s.conn.ExecContext(ctx, "ROLLBACK"); err != nil && !noTxActive(err) {
		clean = false
		if s.inTx {
			first = err
		}
	}
	if s.inTx {
		if err := s.rollbackRows(); err != nil && first == nil {
			first = err
		}
		s.endTx()
	}
	for name := range s.temps {
		s.conn.ExecContext(ctx, "DROP TABLE IF EXISTS temp."+quoteIdent(name))
	}
	for _, alias := range s.attached {
		s.conn.ExecContext(ctx, "DETACH DATABASE "+quoteIdent(alias))
	}
	s.closeVerbs()
	s.unwatchConn(s.conn)
	if !clean {
		s.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	if err := s.conn.Close(); err != nil && first == nil && clean {
		first = err
	}
	s.e.release(s.db)
	s.db, s.conn = nil, nil
	s.resetDBState()
	return first
}

// Database returns the current database, if any.
func (s *Session) Database() (DatabaseInfo, bool) {
	if s.db == nil {
		return DatabaseInfo{}, false
	}
	return s.db.DatabaseInfo, true
}

// Isolation is the session's isolation level as SET ISOLATION names it
// ("committed read", "last committed", "dirty read", "cursor stability",
// "repeatable read").
func (s *Session) Isolation() string { return s.isolation }

// InTransaction reports whether a transaction is open.
func (s *Session) InTransaction() bool { return s.inTx }

// Begin starts a transaction (BEGIN WORK). It takes no lock: the
// transaction's statements do (rowtx.go).
func (s *Session) Begin(ctx context.Context) error {
	if s.db == nil {
		return newErr(-349, 0, "")
	}
	if !s.db.Logged {
		// One client reports -201 here (docs/PROTOCOL.md, note N11); IDS documents
		// -256 "Transaction not available" for unlogged databases: we use -256.
		return newErr(-256, 0, "")
	}
	if s.inTx {
		return newErr(-535, 0, "")
	}
	if err := s.Settle(); err != nil {
		return err
	}
	s.beginTx()
	return nil
}

// beginTx starts an Informix transaction; its SQLite transaction is
// begun by holdTx when a statement needs one.
func (s *Session) beginTx() {
	s.inTx = true
	s.txDDL = false
	s.sqlTx = false
}

// holdTx begins the SQLite transaction that an Informix transaction
// holds from a statement that cannot run in a SQLite transaction of its
// own (DDL, a savepoint, TRUNCATE, a REPEATABLE READ read) to its end.
func (s *Session) holdTx(ctx context.Context) error {
	if !s.inTx || s.sqlTx {
		return nil
	}
	if err := s.Settle(); err != nil {
		return err
	}
	if _, err := s.conn.ExecContext(ctx, "BEGIN"); err != nil {
		return stmtCtx{s: s}.mapErr(err)
	}
	s.sqlTx = true
	s.txWrite = false
	s.redo, s.txGone, s.txDoomed, s.txUnsafe = s.redo[:0], false, false, false
	s.txTemp = false
	s.logWrites(true)
	return nil
}

// lockForWrite takes the write lock for a transaction's first write.
// The transaction began deferred (so that one which only reads holds up
// no reader), and its reads — a catalog lookup is one — took a shared
// lock that SQLite refuses, at once and without waiting, to upgrade
// while another transaction writes: the write failed with -346 even
// under SET LOCK MODE TO WAIT, where IDS's row locks let both proceed.
// Nothing has been written yet, so the read transaction is ended and a
// new one begun IMMEDIATE, which waits for the lock as SET LOCK MODE
// says. (Informix's default COMMITTED READ holds no read locks either.)
// Under an open cursor the transaction cannot be restarted and keeps
// its shared lock.
func (s *Session) lockForWrite(ctx context.Context) error {
	if s.txWrite {
		return nil
	}
	s.txWrite = true
	if len(s.cursors) > 0 {
		return nil
	}
	if s.txTemp {
		return s.upgradeInPlace(ctx)
	}
	if _, err := s.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return err
	}
	var timeout <-chan time.Time
	stop := func() {}
	defer func() { stop() }()
	for {
		if _, err := s.conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			// Still in the Informix transaction: carry on deferred, as
			// before the attempt, and report the lock conflict.
			s.txWrite = false
			if _, err2 := s.conn.ExecContext(context.Background(), "BEGIN"); err2 != nil {
				return errors.Join(err, err2)
			}
			return err
		}
		// Holding SQLite's write lock, no session can take a row lock.
		// One whose rows are locked already needs the write lock to roll
		// them back, so this transaction does not keep it while it waits.
		owner := s.e.locks.dbOwner(s.db.Name, s.id)
		if owner == 0 {
			return nil
		}
		if _, err := s.conn.ExecContext(ctx, "ROLLBACK"); err != nil {
			return err
		}
		s.txGone = false // the transaction had written nothing
		if timeout == nil {
			timeout, stop = s.lockTimer(false)
		}
		w := s.e.locks.wait(ctx, s.id, owner, timeout)
		if w != nil {
			// Still in the Informix transaction: carry on deferred.
			s.txWrite = false
			if _, err := s.conn.ExecContext(context.Background(), "BEGIN"); err != nil {
				return err
			}
			if _, ok := w.(lockWait); ok {
				return stmtCtx{s: s}.lockErr(s.lockISAM(w, false))
			}
			return w
		}
	}
}

func (s *Session) endTx() {
	s.inTx = false
	s.sqlTx = false
	s.endTxMode()
	s.releaseLocks()
	s.undoMu.Lock()
	s.undo = reuse(s.undo)
	s.undoMu.Unlock()
	s.logWrites(false)
	s.redo, s.txGone, s.txDoomed, s.txUnsafe = nil, false, false, false
	s.txTemp = false
	if s.txDDL {
		s.db.gen.Add(1)
		s.cache = map[string]*tableInfo{}
	}
	s.txDDL = false
}

// Commit commits the transaction (-255 if none; always valid in ANSI mode).
func (s *Session) Commit() error { return s.finish("COMMIT") }

// Rollback rolls back the transaction (-255 if none; always valid in ANSI mode).
func (s *Session) Rollback() error { return s.finish("ROLLBACK") }

func (s *Session) finish(verb string) (err error) {
	defer func() { s.loEndTx(context.Background(), verb == "COMMIT" && err == nil) }()
	if s.db == nil {
		return newErr(-349, 0, "")
	}
	if err := s.Settle(); err != nil {
		return err
	}
	if !s.inTx {
		if s.db.ANSI {
			return nil
		}
		if !s.db.Logged {
			return newErr(-256, 0, "")
		}
		return newErr(-255, 0, "")
	}
	ctx := context.Background()
	if !s.sqlTx {
		// Every statement is committed to SQLite already: COMMIT
		// releases the locks, ROLLBACK writes the before-images back.
		var err error
		if verb == "ROLLBACK" {
			err = s.rollbackRows()
		}
		s.endTx()
		return err
	}
	if s.txGone {
		s.rebuildTx() // SQLite ended the transaction outside any statement
	}
	if s.txDoomed {
		// SQLite rolled everything back already: a ROLLBACK is true, a
		// COMMIT is not.
		s.rollbackRows()
		s.endTx()
		s.pruneTemps()
		if verb == "ROLLBACK" {
			return nil
		}
		return doomedErr()
	}
	q := verb
	if verb == "COMMIT" {
		q = commitSQL
	}
	_, err = s.conn.ExecContext(ctx, q)
	rolledBack := verb == "ROLLBACK"
	if err != nil {
		// SQLite keeps a transaction open after a failed COMMIT, to be
		// retried; Informix has no such state, and the client takes the
		// error as the end of its transaction. End it here too, or the
		// connection stays in a transaction the engine knows nothing of.
		if _, rerr := s.conn.ExecContext(ctx, "ROLLBACK"); rerr != nil && !noTxActive(rerr) {
			s.discardConn()
			s.rollbackRows()
			s.endTx()
			return stmtCtx{s: s}.mapErr(err)
		}
		rolledBack = true
		if verb == "ROLLBACK" {
			err = nil
		}
	}
	if rolledBack {
		if uerr := s.rollbackRows(); uerr != nil && err == nil {
			err = uerr
		}
	}
	s.endTx()
	if rolledBack {
		s.pruneTemps()
	}
	if err != nil {
		return stmtCtx{s: s}.mapErr(err)
	}
	return nil
}

// commitSQL is the statement that commits; a test makes it fail as a
// COMMIT refused by SQLite does (SQLITE_BUSY leaves the transaction open).
var commitSQL = "COMMIT"

// noTxActive reports SQLite's refusal of a COMMIT or ROLLBACK outside a
// transaction.
func noTxActive(err error) bool {
	return strings.Contains(err.Error(), "no transaction is active")
}

// busyMillis is how long a statement waits for a lock under the session's
// SET LOCK MODE.
func (s *Session) busyMillis() int {
	switch {
	case s.lockWait < 0:
		return 1 << 30
	case s.lockWait > 0:
		return s.lockWait * 1000
	}
	return s.e.cfg.LockWaitMillis
}

// pruneTemps forgets temp tables that a rollback removed.
func (s *Session) pruneTemps() {
	if len(s.temps) == 0 {
		return
	}
	rows, err := s.conn.QueryContext(context.Background(), "SELECT name FROM sqlite_temp_master WHERE type = 'table'")
	if err != nil {
		return
	}
	live := map[string]bool{}
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			live[n] = true
		}
	}
	rows.Close()
	for n := range s.temps {
		if !live[n] {
			delete(s.temps, n)
		}
	}
}

// ensureImplicitTx starts the implicit transaction of an ANSI database.
func (s *Session) ensureImplicitTx() error {
	if s.db != nil && s.db.ANSI && !s.inTx {
		// An ANSI session is always in a transaction, which holds no
		// SQLite transaction until a statement needs one (holdTx).
		s.beginTx()
	}
	return nil
}

// freshSnapshot ends the SQLite read transaction of an Informix
// transaction that has not written yet, so that its next read sees what
// other transactions committed since, as under IDS's COMMITTED READ: in
// WAL mode a SQLite transaction reads one snapshot from its first read.
func (s *Session) freshSnapshot(ctx context.Context) error {
	if !s.sqlTx || s.txWrite || s.txTemp || s.txDDL || s.txUnsafe || len(s.redo) > 0 || len(s.cursors) > 0 || s.isolation == "repeatable read" {
		return nil
	}
	if _, err := s.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return err
	}
	_, err := s.conn.ExecContext(context.Background(), "BEGIN")
	return err
}

// atomic runs fn as one statement: inside a transaction under a savepoint,
// otherwise in its own immediate transaction.
func (s *Session) atomic(ctx context.Context, fn func() error) error {
	return s.atomicOn(ctx, false, fn)
}

// atomicOn is atomic for a statement that writes only the session's temp
// tables when tempOnly: it takes no write lock on the database
// (tempwrite.go).
func (s *Session) atomicOn(ctx context.Context, tempOnly bool, fn func() error) error {
	if err := s.holdTx(ctx); err != nil {
		return err
	}
	if s.sqlTx {
		if err := s.writeLock(ctx, tempOnly); err != nil {
			return err
		}
		if _, err := s.conn.ExecContext(ctx, "SAVEPOINT ifx_stmt"); err != nil {
			return err
		}
		if err := fn(); err != nil {
			s.conn.ExecContext(context.Background(), "ROLLBACK TO ifx_stmt")
			s.conn.ExecContext(context.Background(), "RELEASE ifx_stmt")
			return err
		}
		_, err := s.conn.ExecContext(ctx, "RELEASE ifx_stmt")
		return err
	}
	if tempOnly {
		if _, err := s.conn.ExecContext(ctx, "BEGIN"); err != nil {
			return err
		}
	} else if err := s.beginAlone(ctx); err != nil {
		return err
	}
	if err := fn(); err != nil {
		s.conn.ExecContext(context.Background(), "ROLLBACK")
		return err
	}
	if _, err := s.conn.ExecContext(ctx, "COMMIT"); err != nil {
		s.conn.ExecContext(context.Background(), "ROLLBACK")
		return err
	}
	return nil
}

// beginAlone begins the SQLite transaction of a statement outside a
// transaction (DDL) once no other transaction holds row locks in the
// database, as lockForWrite does for a held transaction: their rows are
// in the tables already (rowtx.go), and a statement that checks or
// rewrites a table's rows (ALTER TABLE … ADD CONSTRAINT) must neither
// judge by rows a ROLLBACK takes back nor make that ROLLBACK fail.
func (s *Session) beginAlone(ctx context.Context) error {
	var timeout <-chan time.Time
	stop := func() {}
	defer func() { stop() }()
	for {
		if _, err := s.conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			return err
		}
		if s.db == nil {
			return nil
		}
		owner := s.e.locks.dbOwner(s.db.Name, s.id)
		if owner == 0 {
			return nil
		}
		// Their ROLLBACK needs the write lock: not kept while waiting.
		if _, err := s.conn.ExecContext(ctx, "ROLLBACK"); err != nil {
			return err
		}
		if timeout == nil {
			timeout, stop = s.lockTimer(false)
		}
		if w := s.e.locks.wait(ctx, s.id, owner, timeout); w != nil {
			if _, ok := w.(lockWait); ok {
				return stmtCtx{s: s}.lockErr(s.lockISAM(w, false))
			}
			return w
		}
	}
}

// ddlDone invalidates catalog caches after a schema change.
func (s *Session) ddlDone() {
	s.db.gen.Add(1)
	s.cache = map[string]*tableInfo{}
	if s.inTx {
		s.txDDL = true
	}
}

// lookupTable finds a table or view (-206 if absent).
func (s *Session) lookupTable(ctx context.Context, tn tableName) (*tableInfo, error) {
	if s.db == nil {
		return nil, newErr(-349, 0, "")
	}
	name := tn.name
	schema := ""
	db := s.db
	if tn.db != "" && tn.db != s.db.Name {
		var err error
		if schema, db, err = s.attach(ctx, tn.db); err != nil {
			return nil, err
		}
	} else if ti := s.temps[name]; ti != nil {
		return ti, nil
	}
	key := schema + "." + name
	gen := db.gen.Load()
	if ti := s.cache[key]; ti != nil && ti.gen == gen {
		return ti, nil
	}
	ti, err := loadTable(ctx, s.conn, schema, name)
	if err != nil {
		return nil, stmtCtx{s: s}.mapErr(err)
	}
	if ti == nil {
		return nil, newErr(-206, -111, name)
	}
	ti.gen = gen
	s.cache[key] = ti
	return ti, nil
}

// attach makes another database of this engine reachable as db:table.
func (s *Session) attach(ctx context.Context, name string) (string, *database, error) {
	db := s.e.lookupDB(name)
	if db == nil {
		return "", nil, newErr(-329, -111, name)
	}
	if alias, ok := s.attached[name]; ok {
		return alias, db, nil
	}
	alias := "db_" + name
	if _, err := s.conn.ExecContext(ctx, "ATTACH DATABASE "+quoteStr(strings.SplitN(db.dsn, "&_pragma", 2)[0])+" AS "+quoteIdent(alias)); err != nil {
		return "", nil, stmtCtx{s: s}.mapErr(err)
	}
	s.attached[name] = alias
	return alias, db, nil
}

// constraintFor maps SQLite's "t.a, t.b" of a UNIQUE failure to the
// owner.name of a declared constraint ("" for a unique index).
func (s *Session) constraintFor(cols string) string {
	var table string
	var names []string
	for _, p := range strings.Split(cols, ",") {
		p = strings.TrimSpace(p)
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return ""
		}
		table = p[:i]
		names = append(names, p[i+1:])
	}
	if s.db == nil || table == "" {
		return ""
	}
	ti, err := s.lookupTable(context.Background(), tableName{name: table})
	if err != nil {
		return ""
	}
	for _, u := range ti.uniques {
		if len(u.cols) == len(names) {
			match := true
			for i := range names {
				if u.cols[i] != names[i] {
					match = false
				}
			}
			if match {
				owner := ti.owner
				if owner == "" {
					owner = s.user
				}
				return owner + "." + u.name
			}
		}
	}
	return ""
}

// ---- SERIAL ----

// loadSerial makes sure the counter of a SERIAL column is initialised.
func (s *Session) loadSerial(ctx context.Context, r serialRef) error {
	if r.ti.temp {
		if _, ok := s.tempSerials[r.key]; !ok {
			s.tempSerials[r.key] = 0
		}
		return nil
	}
	db := s.db
	db.serialMu.Lock()
	_, ok := db.serials[r.key]
	db.serialMu.Unlock()
	if ok {
		return nil
	}
	var maxv, saved sql.NullInt64
	if err := s.conn.QueryRowContext(ctx, "SELECT max("+quoteIdent(r.col.name)+") FROM "+r.ti.sqlName()).Scan(&maxv); err != nil {
		return err
	}
	err := s.conn.QueryRowContext(ctx, "SELECT val FROM "+schemaPrefix(r.ti.schema)+"ifx_serial WHERE tabid = ? AND colno = ?", r.ti.tabid, r.col.no).Scan(&saved)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	v := max(maxv.Int64, saved.Int64)
	db.serialMu.Lock()
	if _, ok := db.serials[r.key]; !ok {
		db.serials[r.key] = v
	}
	db.serialMu.Unlock()
	return nil
}

// nextSerial is called by ifx_serial for each inserted row.
func (s *Session) nextSerial(key string, v int64, kind int) (int64, error) {
	var val int64
	if strings.HasPrefix(key, "tmp:") {
		cur := s.tempSerials[key]
		if v == 0 {
			cur++
			val = cur
		} else {
			val = v
			cur = max(cur, v)
		}
		s.tempSerials[key] = cur
	} else {
		db := s.db
		db.serialMu.Lock()
		cur := db.serials[key]
		if v == 0 {
			cur++
			val = cur
		} else {
			val = v
			cur = max(cur, v)
		}
		db.serials[key] = cur
		db.serialMu.Unlock()
		if s.dirtySerials == nil {
			s.dirtySerials = map[string]bool{}
		}
		s.dirtySerials[key] = true
	}
	if kind == TypeSerial && (val > 2147483647 || val < -2147483647) {
		return 0, newErr(-1215, 0, "")
	}
	switch kind {
	case TypeSerial:
		s.stmtSerial = val
		s.hasSerial |= 1
	case TypeSerial8:
		s.stmtSerial8 = val
		s.hasSerial |= 2
	default:
		s.stmtBigSerial = val
		s.hasSerial |= 4
	}
	return val, nil
}

// persistSerials saves counters changed by the last statement.
func (s *Session) persistSerials(ctx context.Context, refs []serialRef) {
	for _, r := range refs {
		if r.ti.temp || !s.dirtySerials[r.key] {
			continue
		}
		s.db.serialMu.Lock()
		v := s.db.serials[r.key]
		s.db.serialMu.Unlock()
		s.conn.ExecContext(ctx, "INSERT OR REPLACE INTO "+schemaPrefix(r.ti.schema)+"ifx_serial (tabid, colno, val) VALUES (?, ?, ?)", r.ti.tabid, r.col.no, v)
	}
	s.dirtySerials = nil
}

// sessionValue computes a per-execution value (TODAY, CURRENT, USER, DBINFO…).
func (s *Session) sessionValue(a argSrc, now time.Time) any {
	switch a.kind {
	case argToday:
		return int64(NewDate(now.Year(), int(now.Month()), now.Day()))
	case argCurrent:
		dv := dtVal{f: [7]int64{int64(now.Year()), int64(now.Month()), int64(now.Day()), int64(now.Hour()), int64(now.Minute()), int64(now.Second()), int64(now.Nanosecond() / 10000)}, start: QYear, end: 15}
		return dv.extend(a.t.qualStart(), a.t.qualEnd()).format()
	case argUserName:
		return s.user
	case argDBName:
		if s.db == nil {
			return nil
		}
		return s.db.Name
	case argSqlerrd1:
		return int64(s.lastSerial)
	case argSqlerrd2:
		return s.lastRows
	case argSerial8:
		return s.lastSerial8
	case argBigserial:
		return s.lastBigSerial
	case argSessionID:
		return s.id
	case argUTC:
		return now.Unix()
	case argServer:
		return s.dbServerName()
	}
	return nil
}
