// Command goose-informix is the goose migration CLI for Informix Dynamic
// Server, through the ifx driver and the ifxgoose store:
//
//	goose-informix [flags] DBSTRING COMMAND [ARG]
//	goose-informix [flags] create NAME [sql|go]
//
// DBSTRING is an ifx DSN (informix://user:password@host:port/db?server=…);
// with GOOSE_DBSTRING set it may be left out. Commands: up, up-by-one,
// up-to VERSION, down, down-to VERSION, redo, status, version, create.
// Flags: -dir (GOOSE_MIGRATION_DIR, default "."), -table
// (GOOSE_TABLE, default goose_db_version), -s (sequential numbers for
// create), -allow-missing, -timeout, -v.
//
// In a database without logging it creates the version table outside a
// transaction; its SQL files then need "-- +goose NO TRANSACTION".
//
// It runs SQL migrations. Go migrations must be compiled in: build a
// program that imports them and calls ifxgoose.NewProvider.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strconv"
	"text/tabwriter"
	"text/template"
	"time"

	"github.com/ifxgo/ifx/stdlib"
	"github.com/pressly/goose/v3"

	ifxgoose "github.com/ifxgo/ifx/contrib/goose"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "goose-informix:", err)
		os.Exit(1)
	}
}

// commands that need a database, and how many arguments each takes.
var commands = map[string]int{
	"up": 0, "up-by-one": 0, "up-to": 1, "down": 0, "down-to": 1,
	"redo": 0, "status": 0, "version": 0,
}

// errUsage is returned after the usage text was printed.
var errUsage = errors.New("see usage above")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("goose-informix", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("dir", envOr("GOOSE_MIGRATION_DIR", "."), "directory with migration files")
	table := fl.String("table", envOr("GOOSE_TABLE", goose.DefaultTablename), "version table")
	sequential := fl.Bool("s", false, "create: number new migrations 00001, 00002, … instead of by time")
	allowMissing := fl.Bool("allow-missing", false, "apply missing (out-of-order) migrations")
	timeout := fl.Duration("timeout", 0, "bound the whole command, e.g. 10m")
	verbose := fl.Bool("v", false, "verbose")
	fl.Usage = func() {
		fmt.Fprint(stderr, "usage: goose-informix [flags] DBSTRING COMMAND [ARG]\n"+
			"       goose-informix [flags] create NAME [sql|go]\n"+
			"commands: up, up-by-one, up-to VERSION, down, down-to VERSION, redo, status, version, create\n"+
			"DBSTRING may come from GOOSE_DBSTRING.\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	args = fl.Args()
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	if len(args) > 0 && args[0] == "create" {
		return create(*dir, *sequential, args[1:], stdout)
	}
	dsn := os.Getenv("GOOSE_DBSTRING")
	if len(args) > 0 {
		if _, ok := commands[args[0]]; !ok {
			dsn, args = args[0], args[1:]
		}
	}
	if dsn == "" || len(args) == 0 {
		fl.Usage()
		return errUsage
	}
	cmd, cmdArgs := args[0], args[1:]
	n, ok := commands[cmd]
	if !ok || len(cmdArgs) != n {
		fl.Usage()
		return fmt.Errorf("%q: unknown command or wrong number of arguments", cmd)
	}
	var version int64
	if n == 1 {
		v, err := strconv.ParseInt(cmdArgs[0], 10, 64)
		if err != nil || v < 0 {
			return fmt.Errorf("%s: version %q is not a number", cmd, cmdArgs[0])
		}
		version = v
	}

	db, err := sql.Open(stdlib.DriverName, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	store, err := ifxgoose.NewStore(*table)
	if err != nil {
		return err
	}
	logged, err := databaseLogged(ctx, db)
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectCustom, db, os.DirFS(*dir),
		goose.WithStore(store),
		goose.WithAllowOutofOrder(*allowMissing),
		goose.WithVerbose(*verbose),
		goose.WithLogger(log.New(stdout, "", 0)),
		// Without logging BEGIN WORK fails: create the version table
		// outside a transaction (files then need NO TRANSACTION).
		goose.WithIsolateDDL(!logged))
	if err != nil {
		return err
	}
	defer p.Close()
	return runCommand(ctx, p, cmd, version, stdout)
}

// databaseLogged reports whether the database has transaction logging.
func databaseLogged(ctx context.Context, db *sql.DB) (bool, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	var logged bool
	err = conn.Raw(func(dc any) error {
		sc, ok := stdlib.UnwrapConn(dc)
		if !ok {
			return fmt.Errorf("%T is not an ifx connection", dc)
		}
		logged = sc.Conn().DatabaseInfo().Logged
		return nil
	})
	return logged, err
}

func runCommand(ctx context.Context, p *goose.Provider, cmd string, version int64, w io.Writer) error {
	var results []*goose.MigrationResult
	var err error
	switch cmd {
	case "status":
		return status(ctx, p, w)
	case "version":
		v, err := p.GetDBVersion(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "goose: version %d\n", v)
		return nil
	case "up":
		results, err = p.Up(ctx)
	case "up-to":
		results, err = p.UpTo(ctx, version)
	case "down-to":
		results, err = p.DownTo(ctx, version)
	case "up-by-one", "down", "redo":
		var r *goose.MigrationResult
		switch cmd {
		case "up-by-one":
			r, err = p.UpByOne(ctx)
		case "down":
			r, err = p.Down(ctx)
		case "redo":
			if r, err = p.Down(ctx); err == nil {
				results = append(results, r)
				r, err = p.UpByOne(ctx)
			}
		}
		if r != nil {
			results = append(results, r)
		}
	}
	for _, r := range results {
		fmt.Fprintln(w, r)
	}
	var partial *goose.PartialError
	if errors.As(err, &partial) {
		for _, r := range partial.Applied {
			fmt.Fprintln(w, r)
		}
	}
	if errors.Is(err, goose.ErrNoNextVersion) || errors.Is(err, goose.ErrNoCurrentVersion) {
		err = nil // nothing to do is no failure, as in goose
	}
	if err != nil {
		return err
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return err
	}
	if len(results) == 0 {
		fmt.Fprintf(w, "goose: no migrations to run. current version: %d\n", v)
	} else {
		fmt.Fprintf(w, "goose: successfully migrated database to version: %d\n", v)
	}
	return nil
}

func status(ctx context.Context, p *goose.Provider, w io.Writer) error {
	st, err := p.Status(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 3, ' ', 0)
	fmt.Fprintln(tw, "Applied At\tMigration")
	fmt.Fprintln(tw, "==========\t=========")
	for _, s := range st {
		at := "Pending"
		if s.State == goose.StateApplied {
			at = s.AppliedAt.Format(time.DateTime)
		}
		fmt.Fprintf(tw, "%s\t%s\n", at, s.Source.Path)
	}
	return tw.Flush()
}

// sqlTemplate is goose's new-file template, with the Informix note.
var sqlTemplate = template.Must(template.New("goose.sql-migration").Parse(`-- +goose Up
-- Informix: goose ends a statement at a line ending in ';'. Wrap the body
-- of a CREATE PROCEDURE or FUNCTION in StatementBegin / StatementEnd
-- annotations so that it is sent whole.

-- +goose Down
`))

func create(dir string, sequential bool, args []string, w io.Writer) error {
	if len(args) < 1 || len(args) > 2 {
		return errors.New("create: usage: create NAME [sql|go]")
	}
	typ := "sql"
	if len(args) == 2 {
		typ = args[1]
	}
	var tmpl *template.Template
	switch typ {
	case "sql":
		tmpl = sqlTemplate
	case "go":
	default:
		return fmt.Errorf("create: type %q: sql or go", typ)
	}
	goose.SetSequential(sequential)
	goose.SetLogger(log.New(w, "", 0))
	return goose.CreateWithTemplate(nil, dir, tmpl, args[0], typ)
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
