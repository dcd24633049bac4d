// Command ifxsql is a command-line SQL shell for Informix.
//
//	ifxsql -e "SELECT FIRST 3 tabname FROM systables"
//	ifxsql -dsn 'informix://informix:in4mix@db:9088/stores?server=ol_informix' < script.sql
//
// Results print as aligned tables. Without -dsn, the environment
// (IFX_DSN, or INFORMIXSERVER with IFX_HOST, IFX_PORT, IFX_USER,
// IFX_PASSWORD and IFX_DATABASE) names the server; with neither, ifxsql
// starts an embedded ifxtest server, so it works on a machine without
// Informix.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

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
	database := fs.String("d", "testdb", "database of the embedded server")
	timeout := fs.Duration("timeout", 0, "cancel each statement after this long (0: no limit)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	target, cleanup, err := pickDSN(*dsn, *database)
	if err != nil {
		fmt.Fprintln(stderr, "ifxsql:", err)
		return 1
	}
	defer cleanup()
	conn, err := ifx.Connect(ctx, target)
	if err != nil {
		fmt.Fprintln(stderr, "ifxsql:", err)
		return 1
	}
	defer conn.Close(context.Background())

	var script string
	if *exec != "" {
		script = *exec
	} else {
		b, err := io.ReadAll(bufio.NewReader(stdin))
		if err != nil {
			fmt.Fprintln(stderr, "ifxsql:", err)
			return 1
		}
		script = string(b)
	}
	status := 0
	for _, stmt := range ifx.SplitStatements(script) {
		sctx, cancel := ctx, context.CancelFunc(func() {})
		if *timeout > 0 {
			sctx, cancel = context.WithTimeout(ctx, *timeout)
		}
		err := runStatement(sctx, conn, stmt, stdout)
		cancel()
		if err != nil {
			fmt.Fprintf(stderr, "ifxsql: %v\n", err)
			status = 1
			if conn.IsClosed() || errors.Is(err, context.Canceled) {
				return status
			}
		}
	}
	return status
}

// pickDSN returns the DSN to use, starting an embedded server when nothing
// names one.
func pickDSN(flagDSN, database string) (string, func(), error) {
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
	return srv.DSN(database), func() { srv.Close() }, nil
}

func runStatement(ctx context.Context, conn *ifx.Conn, sql string, out io.Writer) error {
	if !returnsRows(sql) {
		start := time.Now()
		tag, err := conn.Exec(ctx, sql)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s (%v)\n", describeTag(tag), time.Since(start).Round(time.Millisecond))
		return nil
	}
	rows, err := conn.Query(ctx, sql)
	if err != nil {
		return err
	}
	defer rows.Close()
	var header []string
	for _, c := range rows.Columns() {
		header = append(header, c.Name)
	}
	var table [][]string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return err
		}
		line := make([]string, len(vals))
		for i, v := range vals {
			line[i] = formatValue(v)
		}
		table = append(table, line)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	writeTable(out, header, table)
	return nil
}

func describeTag(tag ifx.CommandTag) string {
	n := tag.RowsAffected()
	s := fmt.Sprintf("%d rows affected", n)
	if n == 1 {
		s = "1 row affected"
	}
	if id, ok := tag.LastInsertID(); ok {
		s += fmt.Sprintf(", serial %d", id)
	}
	return s
}

func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05.999999999")
	case []byte:
		return fmt.Sprintf("%x", x)
	case string:
		return strings.TrimRight(x, " ")
	}
	return fmt.Sprint(v)
}
