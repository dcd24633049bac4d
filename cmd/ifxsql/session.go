package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/internal/sqltext"
)

// session is one connection and the settings that meta-commands change.
type session struct {
	conn        *ifx.Conn
	dsn         string
	out         io.Writer // where results go (\o changes it)
	stdout      io.Writer
	stderr      io.Writer
	outFile     *os.File
	format      string
	quiet       bool
	timing      bool
	stopOnError bool
	timeout     time.Duration
	interactive bool
	// interrupts delivers SIGINT while a statement runs: it cancels that
	// statement only.
	interrupts <-chan os.Signal
	stmtNo     int
	failed     bool
	quit       bool
}

// errStop says a script stopped: -stop-on-error, a lost connection or an
// interrupt outside the interactive shell.
var errStop = errors.New("script stopped")

// feeder turns lines into statements and meta-commands, with the line
// number where each statement starts.
type feeder struct {
	s         *session
	name      string // script name in error messages; "" interactively
	buf       strings.Builder
	startLine int // line of the buffer's first line
	line      int
}

// pending reports whether a statement is being typed (for the prompt).
func (f *feeder) pending() bool { return f.buf.Len() > 0 }

// reset drops the statement being typed (Ctrl-C at the prompt).
func (f *feeder) reset() { f.buf.Reset() }

// feedLine takes one line of input; it returns errStop when the script
// must stop.
func (f *feeder) feedLine(line string) error {
	f.line++
	if f.buf.Len() == 0 {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, `\`) {
			return f.s.meta(t)
		}
		if t == "" {
			return nil
		}
		f.startLine = f.line
	}
	f.buf.WriteString(line)
	f.buf.WriteByte('\n')
	text := f.buf.String()
	stmts, rest := sqltext.SplitComplete(text)
	if len(stmts) == 0 {
		if rest == "" {
			f.buf.Reset() // only comments
		}
		return nil
	}
	pos := 0
	for _, st := range stmts {
		at := strings.Index(text[pos:], st)
		lineNo := f.startLine + strings.Count(text[:pos+max(at, 0)], "\n")
		pos += max(at, 0) + len(st)
		if err := f.s.statement(st, f.name, lineNo); err != nil {
			f.buf.Reset()
			return err
		}
	}
	f.buf.Reset()
	if rest != "" {
		at := strings.LastIndex(text, rest)
		f.startLine += strings.Count(text[:max(at, 0)], "\n")
		f.buf.WriteString(rest)
		f.buf.WriteByte('\n')
	}
	return nil
}

// finish runs a last statement that no semicolon ended, as at the end of
// a script.
func (f *feeder) finish() error {
	if rest := strings.TrimSpace(f.buf.String()); rest != "" {
		f.buf.Reset()
		for _, st := range ifx.SplitStatements(rest) {
			if err := f.s.statement(st, f.name, f.startLine); err != nil {
				return err
			}
		}
	}
	return nil
}

// runScript feeds a whole script, line by line, so that a big script is
// never held in memory at once.
func (s *session) runScript(r io.Reader, name string) error {
	f := &feeder{s: s, name: name}
	br := bufio.NewReader(r)
	for !s.quit {
		line, err := br.ReadString('\n')
		if line != "" || err == nil {
			if ferr := f.feedLine(strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	return f.finish()
}

// statement runs one SQL statement (or a dbaccess INFO form) and reports
// its error with the statement number and line.
func (s *session) statement(sql, script string, line int) error {
	s.stmtNo++
	ctx, cancel := context.WithCancel(context.Background())
	if s.timeout > 0 {
		ctx, cancel = context.WithTimeout(context.Background(), s.timeout)
	}
	done := make(chan struct{})
	interrupted := make(chan bool, 1)
	go func() {
		select {
		case <-s.interrupts:
			interrupted <- true
			cancel()
		case <-done:
			interrupted <- false
		}
	}()
	start := time.Now()
	var err error
	if info, ok := infoCommand(sql); ok {
		err = s.info(ctx, info)
	} else {
		err = s.execute(ctx, sql)
	}
	close(done)
	wasInterrupted := <-interrupted
	cancel()
	if s.timing {
		fmt.Fprintf(s.out, "Time: %.3f ms\n", float64(time.Since(start).Microseconds())/1000)
	}
	if err == nil {
		return nil
	}
	s.failed = true
	where := fmt.Sprintf("statement %d", s.stmtNo)
	if script != "" {
		where = fmt.Sprintf("%s: statement %d, line %d", script, s.stmtNo, line)
	} else if !s.interactive {
		where = fmt.Sprintf("statement %d, line %d", s.stmtNo, line)
	}
	if wasInterrupted {
		fmt.Fprintf(s.stderr, "ifxsql: %s: cancelled: %v\n", where, err)
		if s.interactive && !s.conn.IsClosed() {
			return nil
		}
		return errStop
	}
	fmt.Fprintf(s.stderr, "ifxsql: %s: %v\n", where, err)
	if s.conn.IsClosed() || s.stopOnError || errors.Is(err, context.Canceled) {
		return errStop
	}
	return nil
}

// execute runs a statement, streaming its rows to the output.
func (s *session) execute(ctx context.Context, sql string) error {
	if !returnsRows(sql) {
		tag, err := s.conn.Exec(ctx, sql)
		if err != nil {
			return err
		}
		if !s.quiet {
			fmt.Fprintln(s.statusOut(), describeTag(tag))
		}
		return nil
	}
	rows, err := s.conn.Query(ctx, sql)
	if err != nil {
		return err
	}
	defer rows.Close()
	return s.printRows(rows)
}

// statusOut is where "N rows affected" goes: with the results for people,
// on stderr when the results are data for another program.
func (s *session) statusOut() io.Writer {
	switch s.format {
	case "csv", "tsv", "json":
		return s.stderr
	}
	return s.out
}

// printRows streams a result set: no more than one page of rows is held.
func (s *session) printRows(rows *ifx.Rows) error {
	cols := rows.Columns()
	bw := bufio.NewWriterSize(s.out, 64<<10)
	defer bw.Flush()
	rw := newResultWriter(s.format, bw, cols, s.quiet)
	jw, isJSON := rw.(*jsonWriter)
	var n int64
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return err
		}
		n++
		if isJSON {
			jw.values(vals)
			continue
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			cells[i] = formatValue(cols[i], v)
		}
		rw.row(cells)
	}
	if err := rows.Err(); err != nil {
		rw.end(n)
		return err
	}
	rw.end(n)
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

// setOutput sends results to a file (\o FILE), or back to stdout ("").
func (s *session) setOutput(name string) error {
	if s.outFile != nil {
		s.outFile.Close()
		s.outFile = nil
	}
	s.out = s.stdout
	if name == "" {
		return nil
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	s.outFile, s.out = f, f
	return nil
}
