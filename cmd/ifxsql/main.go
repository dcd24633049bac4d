// Command ifxsql is an interactive SQL shell for Informix, and a script
// runner.
//
//	ifxsql                                   # prompt, line editing, history
//	ifxsql -e "SELECT FIRST 3 tabname FROM systables"
//	ifxsql -dsn 'informix://informix:in4mix@db:9088/stores?server=ol_informix' -f script.sql
//	ifxsql -format csv -e "SELECT * FROM orders" > orders.csv
//
// Statements end at ';' and are split by the driver's SQL scanner, so a
// ';' inside a quote, a comment or a routine body stays in its statement.
// Results stream as they arrive, as aligned tables (page by page), CSV,
// TSV, JSON or vertical records. \h lists the meta-commands (\d, \dt,
// \df, \x, \timing, \o, \i, \set, \conninfo, \q).
//
// Without -dsn, the environment (IFX_DSN, or INFORMIXSERVER with
// IFX_HOST, IFX_PORT, IFX_USER, IFX_PASSWORD and IFX_DATABASE) names the
// server; with neither, ifxsql starts an embedded ifxtest server, so it
// works on a machine without Informix.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ifxsql", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("dsn", "", "server to connect to (URL, key=value or JDBC form); default: the environment, else an embedded ifxtest server")
	exec := fs.String("e", "", "run these statements and exit (separated by ';')")
	file := fs.String("f", "", "run the statements of this file and exit")
	database := fs.String("d", "testdb", "database of the embedded server")
	timeout := fs.Duration("timeout", 0, "cancel each statement after this long (0: no limit)")
	format := fs.String("format", "table", "output format: table, csv, tsv, json or vertical")
	stopOnError := fs.Bool("stop-on-error", false, "stop a script at its first failing statement")
	quiet := fs.Bool("q", false, "print only results: no row counts, notices or status lines")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if !validFormat(*format) {
		fmt.Fprintf(stderr, "ifxsql: unknown -format %q (table, csv, tsv, json, vertical)\n", *format)
		return 2
	}
	// SIGINT cancels the running statement; it never kills the process
	// halfway through a result.
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	defer signal.Stop(interrupts)

	target, cleanup, err := pickDSN(*dsn, *database, stderr, *quiet)
	if err != nil {
		fmt.Fprintln(stderr, "ifxsql:", err)
		return 1
	}
	defer cleanup()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		select {
		case <-interrupts:
			cancel()
		case <-ctx.Done():
		}
	}()
	conn, err := ifx.Connect(ctx, target)
	cancel()
	if err != nil {
		fmt.Fprintln(stderr, "ifxsql:", err)
		return 1
	}
	defer conn.Close(context.Background())

	s := &session{conn: conn, out: stdout, stdout: stdout, stderr: stderr, format: *format, quiet: *quiet,
		stopOnError: *stopOnError, timeout: *timeout, interrupts: interrupts}
	defer s.setOutput("")
	switch {
	case *exec != "":
		err = s.runScript(strings.NewReader(*exec), "")
	case *file != "":
		var f *os.File
		if f, err = os.Open(*file); err == nil {
			err = s.runScript(f, *file)
			f.Close()
		}
	case stdin == os.Stdin && isTerminal(os.Stdin) && isTerminal(os.Stdout):
		s.interactive = true
		err = s.interact(conn.Config().Database)
	default:
		err = s.runScript(stdin, "")
	}
	if err != nil && err != errStop {
		fmt.Fprintln(stderr, "ifxsql:", err)
		return 1
	}
	if s.failed && !s.interactive {
		return 1
	}
	return 0
}

// pickDSN returns the DSN to use, starting an embedded server when nothing
// names one, and saying so on stderr: its answers come from SQLite, not
// from Informix.
func pickDSN(flagDSN, database string, stderr io.Writer, quiet bool) (string, func(), error) {
	if flagDSN != "" {
		return flagDSN, func() {}, nil
	}
	if env := os.Getenv("IFX_DSN"); env != "" {
		return env, func() {}, nil
	}
	if os.Getenv("INFORMIXSERVER") != "" && os.Getenv("IFX_HOST") != "" {
		return "", func() {}, nil // ParseConfig fills everything from the environment
	}
	srv, err := ifxtest.Start(ifxtest.Config{})
	if err != nil {
		return "", nil, fmt.Errorf("embedded server: %w", err)
	}
	if !quiet {
		fmt.Fprintf(stderr, "ifxsql: no DSN given: using the embedded ifxtest server (SQLite behind the Informix protocol), database %s\n", database)
	}
	return srv.DSN(database), func() { srv.Close() }, nil
}

// isTerminal reports whether f is a character device: a terminal, not a
// pipe or a file.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
