package engine

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Config configures an Engine.
type Config struct {
	// Dir holds one SQLite file per database (<name>.db, WAL mode). Empty
	// means databases that are gone when the Engine is closed: the same
	// WAL files in a private temporary directory, in memory (/dev/shm)
	// where the system has one. Not SQLite's memdb VFS: there a writer's
	// open transaction keeps every other session from reading, and a
	// reader's open cursor keeps a writer from committing, where IDS's
	// readers and writers pass each other.
	Dir string
	// Version is reported by DBINFO('version', …).
	// Default "IBM Informix Dynamic Server Version 15.0.0.0".
	Version string
	// HostName is reported by DBINFO('dbhostname'); default os.Hostname().
	HostName string
	// SPLMaxStatements bounds the SPL statements one routine call runs,
	// with the routines it calls (default 1,000,000); SPLMaxDepth bounds
	// nested routine calls (default 100). A routine past either fails
	// with -746 naming the limit, so a runaway routine cannot hang a test.
	SPLMaxStatements int
	SPLMaxDepth      int
	// LockWaitMillis is how long, under the Informix default SET LOCK MODE
	// TO NOT WAIT, a statement waits for SQLite's write lock (held for one
	// statement, or by a transaction that changed the schema) and a reader
	// for a table in which another transaction holds row locks: the
	// reader's check is per table where IDS's is per row, so a short grace
	// period avoids spurious lock errors. A writer that meets a locked row
	// fails at once, as on IDS. Default 1000; negative = 0.
	LockWaitMillis int
	// Blobspaces names the blobspaces a BYTE or TEXT column may be put in
	// (IN name). IDS refuses a blobspace that does not exist, so a name
	// not listed here is refused too; IN TABLE needs none. Default none,
	// as in IBM's Developer Edition image.
	Blobspaces []string
	// ServerFiles is the directory that stands for the server machine's
	// file system in FILETOBLOB, FILETOCLOB and LOTOFILE with 'server':
	// the full pathname '/a/b' is ServerFiles/a/b, and nothing outside
	// the directory can be reached. Empty: the server has no files for
	// them, and 'server' fails as for a file that cannot be opened.
	ServerFiles string
}

// DatabaseInfo describes an open database.
type DatabaseInfo struct {
	Name   string
	Logged bool // WITH LOG: transactions available
	ANSI   bool // MODE ANSI: implicit transactions
}

// Engine owns all databases of one server.
type Engine struct {
	cfg    Config
	dir    string // Config.Dir, or the private directory of an in-memory engine
	tmp    bool   // dir is private: no fsync, removed by Close
	id     int64
	mu     sync.Mutex
	dbs    map[string]*database
	closed bool
	nextID atomic.Int64
	locks  lockManager // the row, key and table locks of open transactions (locks.go)
}

type database struct {
	DatabaseInfo
	dsn    string
	path   string
	pool   *sql.DB
	anchor *sql.Conn
	users  int // sessions that have it open (Engine.mu)
	gen    atomic.Int64

	serialMu sync.Mutex
	serials  map[string]int64
}

var (
	engineIDs     atomic.Int64
	registerFuncs sync.Once
)

// Open creates an engine. The databases sysmaster and testdb (both logged,
// non-ANSI) are created if they do not exist. IDS creates sysmaster with
// unbuffered logging that cannot be turned off (docs/PROTOCOL.md), so BEGIN
// succeeds there.
func Open(cfg Config) (*Engine, error) {
	registerFuncs.Do(registerSQLFunctions)
	if cfg.Version == "" {
		cfg.Version = "IBM Informix Dynamic Server Version 15.0.0.0"
	}
	if cfg.HostName == "" {
		cfg.HostName, _ = os.Hostname()
	}
	if cfg.LockWaitMillis == 0 {
		cfg.LockWaitMillis = 1000
	} else if cfg.LockWaitMillis < 0 {
		cfg.LockWaitMillis = 0
	}
	e := &Engine{cfg: cfg, dir: cfg.Dir, id: engineIDs.Add(1), dbs: map[string]*database{}}
	ctx := context.Background()
	if cfg.Dir == "" {
		dir, err := os.MkdirTemp(memTempDir(), "ifxtest-")
		if err != nil {
			return nil, fmt.Errorf("engine: %w", err)
		}
		e.dir, e.tmp = dir, true
	} else {
		if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
			return nil, fmt.Errorf("engine: %w", err)
		}
		files, _ := filepath.Glob(filepath.Join(cfg.Dir, "*.db"))
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".db")
			db, err := e.openDatabase(ctx, name, false, false, false)
			if err != nil {
				e.Close()
				return nil, fmt.Errorf("engine: open %s: %w", f, err)
			}
			e.dbs[name] = db
		}
	}
	for _, d := range []DatabaseInfo{{Name: "sysmaster", Logged: true}, {Name: "testdb", Logged: true}} {
		if e.dbs[d.Name] == nil {
			if err := e.createDatabase(ctx, d.Name, d.Logged, d.ANSI, "informix"); err != nil {
				e.Close()
				return nil, err
			}
		}
	}
	return e, nil
}

// Close closes all databases. Sessions must be closed first.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.closed = true
	var first error
	for name, db := range e.dbs {
		if err := db.close(); err != nil && first == nil {
			first = err
		}
		delete(e.dbs, name)
	}
	if e.tmp {
		if err := os.RemoveAll(e.dir); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// memTempDir is where an in-memory engine keeps its files: /dev/shm when
// it is a writable directory, else the system's temporary directory.
func memTempDir() string {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		if f, err := os.CreateTemp("/dev/shm", "ifxtest-probe-"); err == nil {
			f.Close()
			os.Remove(f.Name())
			return "/dev/shm"
		}
	}
	return os.TempDir()
}

// Databases lists the database names.
func (e *Engine) Databases() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for n := range e.dbs {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func (db *database) close() error {
	var err error
	if db.anchor != nil {
		err = db.anchor.Close()
	}
	if e2 := db.pool.Close(); err == nil {
		err = e2
	}
	return err
}

func (e *Engine) dsnFor(name string) (dsn, path string) {
	params := "_pragma=foreign_keys(1)&_pragma=busy_timeout(" + itoa(e.cfg.LockWaitMillis) + ")"
	sync := "normal"
	if e.tmp {
		sync = "off" // the files do not outlive the engine
	}
	path = filepath.Join(e.dir, name+".db")
	u := url.URL{Scheme: "file", Opaque: path}
	return u.String() + "?_pragma=journal_mode(wal)&_pragma=synchronous(" + sync + ")&" + params, path
}

// openDatabase opens (create=false) or creates the storage of a database.
func (e *Engine) openDatabase(ctx context.Context, name string, create, logged, ansi bool) (*database, error) {
	dsn, path := e.dsnFor(name)
	pool, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	pool.SetMaxIdleConns(64)
	db := &database{DatabaseInfo: DatabaseInfo{Name: name, Logged: logged, ANSI: ansi}, dsn: dsn, path: path, pool: pool, serials: map[string]int64{}}
	anchor, err := pool.Conn(ctx)
	if err != nil {
		pool.Close()
		return nil, err
	}
	db.anchor = anchor
	if create {
		err = func() error {
			if _, err := anchor.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
				return err
			}
			if err := bootstrapCatalog(ctx, anchor, name == "sysmaster"); err != nil {
				anchor.ExecContext(ctx, "ROLLBACK")
				return err
			}
			for k, v := range map[string]string{"name": name, "logged": boolText(logged), "ansi": boolText(ansi)} {
				if _, err := anchor.ExecContext(ctx, "INSERT OR REPLACE INTO ifx_meta (key, value) VALUES (?, ?)", k, v); err != nil {
					anchor.ExecContext(ctx, "ROLLBACK")
					return err
				}
			}
			_, err := anchor.ExecContext(ctx, "COMMIT")
			return err
		}()
	} else {
		rows, qerr := anchor.QueryContext(ctx, "SELECT key, value FROM ifx_meta")
		err = qerr
		if err == nil {
			for rows.Next() {
				var k, v string
				if err = rows.Scan(&k, &v); err != nil {
					break
				}
				switch k {
				case "logged":
					db.Logged = v == "1"
				case "ansi":
					db.ANSI = v == "1"
				}
			}
			rows.Close()
		}
	}
	if err == nil {
		_, err = anchor.ExecContext(ctx, genTableSQL)
	}
	if err != nil {
		db.close()
		return nil, err
	}
	return db, nil
}

func boolText(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func validDBName(name string) bool {
	if name == "" || len(name) > 128 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' && i > 0 || c == '$' && i > 0) {
			return false
		}
	}
	return true
}

// createDatabase creates and registers a database (-330 if it exists).
func (e *Engine) createDatabase(ctx context.Context, name string, logged, ansi bool, owner string) error {
	name = strings.ToLower(name)
	if !validDBName(name) {
		return newErr(-330, 0, name)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return newErr(-329, 0, name)
	}
	if e.dbs[name] != nil {
		return newErr(-330, -100, name)
	}
	if ansi {
		logged = true
	}
	db, err := e.openDatabase(ctx, name, true, logged, ansi)
	if err != nil {
		return fmt.Errorf("engine: create database %s: %w", name, err)
	}
	e.dbs[name] = db
	if sm := e.dbs["sysmaster"]; sm != nil {
		// keep sysmaster:sysdatabases current
		_, err := sm.pool.ExecContext(ctx, `INSERT INTO sysdatabases (name, partnum, owner, created, is_logging, is_buff_log,
			is_ansi, is_nls, is_case_insens, flags) VALUES (?, 0, ?, ?, ?, 0, ?, 0, 0, 0)`,
			name, owner, todayDate(), boolInt(logged), boolInt(ansi))
		if err != nil {
			return fmt.Errorf("engine: register database %s: %w", name, err)
		}
		sm.gen.Add(1)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// dropDatabase removes a database that no session has open.
func (e *Engine) dropDatabase(ctx context.Context, name string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	db := e.dbs[name]
	if db == nil {
		return newErr(-329, 0, name)
	}
	if db.users > 0 || name == "sysmaster" {
		return newErr(-425, -107, name)
	}
	delete(e.dbs, name)
	db.close()
	if db.path != "" {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			os.Remove(db.path + suffix)
		}
	}
	if sm := e.dbs["sysmaster"]; sm != nil {
		sm.pool.ExecContext(ctx, "DELETE FROM sysdatabases WHERE name = ?", name)
		sm.gen.Add(1)
	}
	return nil
}

// acquire opens a dedicated connection of a database for a session.
func (e *Engine) acquire(ctx context.Context, name string) (*database, *sql.Conn, error) {
	e.mu.Lock()
	db := e.dbs[strings.ToLower(name)]
	if db == nil {
		e.mu.Unlock()
		return nil, nil, newErr(-329, -111, name)
	}
	db.users++
	e.mu.Unlock()
	c, err := db.pool.Conn(ctx)
	if err == nil {
		_, err = c.ExecContext(ctx, "PRAGMA busy_timeout = "+itoa(e.cfg.LockWaitMillis))
		if err != nil {
			c.Close()
		}
	}
	if err != nil {
		e.release(db)
		return nil, nil, fmt.Errorf("engine: connect %s: %w", name, err)
	}
	return db, c, nil
}

func (e *Engine) release(db *database) {
	e.mu.Lock()
	db.users--
	e.mu.Unlock()
}

func (e *Engine) lookupDB(name string) *database {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.dbs[strings.ToLower(name)]
}

// ---- SERIAL counters ----

func (db *database) forgetSerials(ti *tableInfo) {
	db.serialMu.Lock()
	defer db.serialMu.Unlock()
	prefix := ti.schema + ":" + itoa(int(ti.tabid)) + ":"
	for k := range db.serials {
		if strings.HasPrefix(k, prefix) {
			delete(db.serials, k)
		}
	}
}
