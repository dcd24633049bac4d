//go:build unix

package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"syscall"
	"testing"

	"github.com/ifxgo/ifx/ifxtest"
)

// Streaming 1,000,000 rows through -format csv keeps the client's peak
// resident memory under 64 MB: rows are printed as they arrive, never
// collected. The server runs in this process, so the child's maximum RSS
// (from the kernel's rusage after Wait) is ifxsql's alone.
func TestCSVStreamingMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("streams a million rows")
	}
	const rows = 1_000_000
	srv, err := ifxtest.Start(ifxtest.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cmd := exec.Command(os.Args[0], "-dsn", srv.DSN("testdb"), "-format", "csv", "-e",
		"SELECT value AS id, value AS n FROM TABLE(ifx_generate(1000000)) AS g(value)")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var lines int
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		lines++
	}
	io.Copy(io.Discard, stdout)
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if lines != rows+1 {
		t.Errorf("%d lines, want %d rows and a header", lines, rows)
	}
	maxRSS := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024 // kilobytes on Linux
	t.Logf("peak RSS of ifxsql streaming %d rows: %.1f MB (client CPU %v)", rows, float64(maxRSS)/(1<<20), cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	if maxRSS > 64<<20 {
		t.Errorf("peak RSS %d bytes, want under 64 MB", maxRSS)
	}
}
