//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// ptyShell is ifxsql running on a pseudo-terminal, as a person would use
// it: prompt, line editing, Ctrl-C and Ctrl-D.
type ptyShell struct {
	t    *testing.T
	tty  *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	seen int // output before this was matched already
	done chan struct{}
}

func startPTY(t *testing.T, args ...string) *ptyShell {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), childEnv+"=1", "IFXSQL_HISTORY="+filepath.Join(t.TempDir(), "history"), "TERM=xterm")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 200})
	if err != nil {
		t.Fatal(err)
	}
	p := &ptyShell{t: t, tty: tty, cmd: cmd, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			p.mu.Lock()
			p.out.Write(buf[:n])
			p.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		tty.Close()
		<-p.done
	})
	return p
}

// expect waits until the output after the last match holds want.
func (p *ptyShell) expect(want string) {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		p.mu.Lock()
		s := p.out.String()[p.seen:]
		if i := strings.Index(s, want); i >= 0 {
			p.seen += i + len(want)
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.t.Fatalf("no %q in the output after the last match:\n%s", want, p.out.String()[p.seen:])
}

func (p *ptyShell) send(s string) {
	p.t.Helper()
	if _, err := p.tty.WriteString(s); err != nil {
		p.t.Fatal(err)
	}
}

// The shell prompts, continues a statement over lines until its ';',
// describes tables, clears the line on Ctrl-C and quits on Ctrl-D.
func TestInteractivePromptMultiLineAndDescribe(t *testing.T) {
	p := startPTY(t)
	p.expect("testdb> ")
	p.send("SELECT tabname\r")
	p.expect("      -> ")
	p.send("  FROM systables WHERE tabid = 2;\r")
	p.expect("syscolumns")
	p.expect("(1 row)")
	p.expect("testdb> ")
	p.send("CREATE TABLE pty_t (id SERIAL PRIMARY KEY, name VARCHAR(20) NOT NULL);\r")
	p.expect("0 rows affected")
	p.send("\\d\r")
	p.expect("pty_t   | informix | table")
	p.send("\\d pty_t\r")
	p.expect("name   | VARCHAR(20) | no")
	p.expect("primary key")
	p.send("\\set format csv\r")
	p.send("SELECT tabid FROM systables WHERE tabid = 3;\r")
	p.expect("tabid\r\n3\r\n")
	p.send("SELECT nothing_of_this") // Ctrl-C at the prompt drops the line
	p.send("\x03")
	p.expect("testdb> ")
	p.send("\\set format table\r")
	p.send("SELECT tabname FROM systables WHERE tabid = 1;\r")
	p.expect("systables")
	p.send("\x04")
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-D did not end the shell")
	}
	if err := p.cmd.Wait(); err != nil {
		t.Errorf("exit: %v", err)
	}
}

// Ctrl-C while a statement runs cancels that statement (the driver's
// interrupt) and keeps the session; \q quits.
func TestInteractiveCtrlCCancelsStatement(t *testing.T) {
	p := startPTY(t)
	p.expect("testdb> ")
	p.send("SELECT COUNT(*) FROM TABLE(ifx_generate(2000000000)) AS g(value);\r")
	time.Sleep(500 * time.Millisecond) // let it start running on the server
	start := time.Now()
	p.send("\x03")
	p.expect("cancelled")
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("cancelling took %v", d)
	}
	p.expect("testdb> ")
	p.send("SELECT tabname FROM systables WHERE tabid = 2;\r")
	p.expect("syscolumns")
	p.send("\\q\r")
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		t.Fatal("\\q did not end the shell")
	}
}

// Each output format, chosen with \set format or \x, prints on the
// terminal as it does into a file.
func TestInteractiveEachFormat(t *testing.T) {
	p := startPTY(t)
	p.expect("testdb> ")
	p.send("CREATE TEMP TABLE f (id SERIAL, name VARCHAR(10), amt DECIMAL(8,2));\r")
	p.expect("0 rows affected")
	p.send("INSERT INTO f (name, amt) VALUES ('a,b', 1.5);\r")
	p.expect("1 row affected")
	const q = "SELECT id, name, amt FROM f;\r"
	for _, tc := range []struct{ format, want string }{
		{"csv", "id,name,amt\r\n1,\"a,b\",1.50\r\n"},
		{"tsv", "id\tname\tamt\r\n1\ta,b\t1.50\r\n"},
		{"json", "[\r\n{\"id\":1,\"name\":\"a,b\",\"amt\":1.50}\r\n]\r\n"},
		{"vertical", "-[ RECORD 1 ]-\r\nid   | 1\r\nname | a,b\r\namt  | 1.50\r\n"},
		{"table", "id | name | amt\r\n---+------+-----\r\n 1 | a,b  | 1.50\r\n"},
	} {
		p.send("\\set format " + tc.format + "\r")
		p.expect("testdb> ")
		p.send(q)
		p.expect(tc.want)
		p.expect("testdb> ")
	}
	p.send("\\x\r")
	p.expect("testdb> ")
	p.send(q)
	p.expect("-[ RECORD 1 ]-\r\nid   | 1\r\n")
	p.send("\\q\r")
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		t.Fatal(`\q did not end the shell`)
	}
}
