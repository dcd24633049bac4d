package ifxmigrate

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/golang-migrate/migrate/v4/database"
	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/stdlib"
)

func init() {
	database.Register("informix", &Informix{})
}

// Config configures a driver made by WithInstance; Open fills it from
// the URL's x- options. The zero value takes every default.
type Config struct {
	// MigrationsTable holds the version (DefaultMigrationsTable).
	MigrationsTable string
	// LockTable holds the lock row (MigrationsTable + "_lock").
	LockTable string
	// LockTimeout is how long Lock waits while another process holds the
	// lock: 0 means DefaultLockTimeout, a negative value one attempt.
	LockTimeout time.Duration
	// StatementTimeout bounds each statement of a migration; 0: none.
	StatementTimeout time.Duration
	// MultiStatementMaxSize is the largest migration read, in bytes
	// (DefaultMultiStatementMaxSize).
	MultiStatementMaxSize int
}

// Informix is the golang-migrate driver. Its methods run on one session,
// which WithInstance takes from the *sql.DB.
type Informix struct {
	db     *sql.DB // closed by Close when Open made it
	conn   *sql.Conn
	cfg    Config
	logged bool   // the database has transaction logging
	holder string // this driver's name in the lock row

	isLocked atomic.Bool
}

var _ database.Driver = (*Informix)(nil)

// ErrNilConfig is returned by WithInstance without a Config.
var ErrNilConfig = errors.New("ifxmigrate: no config")

// identifier is a table name the driver splices into SQL: Informix names
// are not quoted here (that needs DELIMIDENT), so only plain ones pass,
// optionally qualified by an owner.
var identifier = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_$]*\.)?[A-Za-z_][A-Za-z0-9_$]*$`)

// WithInstance returns a driver running on a session of db, which must be
// an ifx database/sql handle (github.com/ifxgo/ifx/stdlib). It creates
// the migrations and lock tables if they are missing. Close releases the
// session but leaves db open.
func WithInstance(db *sql.DB, cfg *Config) (database.Driver, error) {
	if cfg == nil {
		return nil, ErrNilConfig
	}
	c := *cfg
	if c.MigrationsTable == "" {
		c.MigrationsTable = DefaultMigrationsTable
	}
	if c.LockTable == "" {
		c.LockTable = c.MigrationsTable + "_lock"
	}
	if c.LockTimeout == 0 {
		c.LockTimeout = DefaultLockTimeout
	}
	if c.MultiStatementMaxSize <= 0 {
		c.MultiStatementMaxSize = DefaultMultiStatementMaxSize
	}
	for _, name := range []string{c.MigrationsTable, c.LockTable} {
		if !identifier.MatchString(name) {
			return nil, fmt.Errorf("ifxmigrate: table name %q: only letters, digits, _ and $, optionally owner.table", name)
		}
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	d := &Informix{conn: conn, cfg: c, holder: holderName()}
	err = conn.Raw(func(dc any) error {
		sc, ok := stdlib.UnwrapConn(dc)
		if !ok {
			return fmt.Errorf("ifxmigrate: %T is not a connection of the ifx driver", dc)
		}
		d.logged = sc.Conn().DatabaseInfo().Logged
		return nil
	})
	if err == nil {
		err = d.ensureTables(ctx)
	}
	if err != nil {
		conn.Close()
		return nil, err
	}
	return d, nil
}

// Open opens a driver for a migrate URL: ifx's URL DSN
// (informix://user:password@host:port/database?server=…) with the x-
// options of the package documentation.
func (*Informix) Open(rawURL string) (database.Driver, error) {
	dsn, opts, err := splitOptions(rawURL)
	if err != nil {
		return nil, err
	}
	cfg, err := configFromOptions(opts)
	if err != nil {
		return nil, err
	}
	ifxCfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	db := stdlib.OpenDB(*ifxCfg)
	d, err := WithInstance(db, cfg)
	if err != nil {
		db.Close()
		return nil, err
	}
	d.(*Informix).db = db
	return d, nil
}

// Close releases the session, and the *sql.DB when Open made it.
func (d *Informix) Close() error {
	err := d.conn.Close()
	if d.db != nil {
		err = errors.Join(err, d.db.Close())
	}
	return err
}

// ensureTables creates the migrations and lock tables unless they exist.
// Another process may create them at the same time: "already exists"
// (-310) is success.
func (d *Informix) ensureTables(ctx context.Context) error {
	tables := []struct{ name, ddl string }{
		{d.cfg.MigrationsTable, "CREATE TABLE " + d.cfg.MigrationsTable + " (version BIGINT NOT NULL, dirty BOOLEAN NOT NULL)"},
		{d.cfg.LockTable, "CREATE TABLE " + d.cfg.LockTable +
			" (lock_id INTEGER NOT NULL PRIMARY KEY, holder VARCHAR(255) NOT NULL, locked_at DATETIME YEAR TO SECOND NOT NULL)"},
	}
	for _, t := range tables {
		exists, err := d.tableExists(ctx, t.name)
		if err != nil {
			return err
		}
		if exists {
			continue
		}
		if _, err := d.conn.ExecContext(ctx, t.ddl); err != nil && ifx.SQLCode(err) != -310 {
			return &database.Error{OrigErr: err, Query: []byte(t.ddl)}
		}
	}
	return nil
}

// tableExists looks name up in systables. Informix folds names that are
// not quoted to lower case.
func (d *Informix) tableExists(ctx context.Context, name string) (bool, error) {
	q := "SELECT COUNT(*) FROM systables WHERE tabname = ?"
	args := []any{}
	if owner, table, ok := strings.Cut(name, "."); ok {
		q += " AND owner = ?"
		args = append(args, strings.ToLower(table), strings.ToLower(owner))
	} else {
		args = append(args, strings.ToLower(name))
	}
	var n int64
	if err := d.conn.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return false, &database.Error{OrigErr: err, Query: []byte(q)}
	}
	return n > 0, nil
}

// holderName names this driver in the lock row, so that an operator who
// finds a lock left behind knows which process took it.
func holderName() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s pid %d %s", host, os.Getpid(), hex.EncodeToString(b[:]))
}
