package ifxmigrate_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/golang-migrate/migrate/v4/database"
)

// lockChildEnv makes the test binary a second process that takes the
// migrate lock (see lockChild).
const lockChildEnv = "IFXMIGRATE_LOCK_CHILD_URL"

// lockChild takes the lock on url, says "locked" on stdout, holds the
// lock until its stdin closes, then releases it.
func lockChild(url string) int {
	d, err := database.Open(url)
	if err != nil {
		fmt.Println("open:", err)
		return 1
	}
	defer d.Close()
	if err := d.Lock(); err != nil {
		fmt.Println("lock:", err)
		return 1
	}
	fmt.Println("locked")
	io.Copy(io.Discard, os.Stdin)
	if err := d.Unlock(); err != nil {
		fmt.Println("unlock:", err)
		return 1
	}
	return 0
}

// The lock holds across processes: while another process holds it, Lock
// here waits out x-lock-timeout and fails with database.ErrLocked naming
// that process; once it releases the lock, Lock here succeeds.
func TestLockHeldByAnotherProcess(t *testing.T) {
	_, url := newServer(t, "")
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), lockChildEnv+"="+url)
	stdin, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// Read the child's output before waiting for it: Wait closes the pipe.
	line, err := bufio.NewReader(stdout).ReadString('\n')
	var waitErr error
	exited := make(chan struct{})
	go func() { waitErr = child.Wait(); close(exited) }()
	t.Cleanup(func() {
		stdin.Close()
		child.Process.Kill()
		<-exited
	})
	if err != nil || line != "locked\n" {
		t.Fatalf("child: %q, %v", line, err)
	}

	d := openDriver(t, url+"&x-lock-timeout=300ms")
	err = d.Lock()
	if !errors.Is(err, database.ErrLocked) {
		t.Fatalf("Lock while another process holds it = %v, want ErrLocked", err)
	}
	if want := fmt.Sprintf("pid %d ", child.Process.Pid); !strings.Contains(err.Error(), want) {
		t.Errorf("the error %q should name the holder (%q)", err, want)
	}

	stdin.Close() // the child unlocks and exits
	select {
	case <-exited:
		if waitErr != nil {
			t.Fatalf("child: %v", waitErr)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the child did not release the lock")
	}
	if err := d.Lock(); err != nil {
		t.Fatalf("Lock after the other process released it: %v", err)
	}
	if err := d.Unlock(); err != nil {
		t.Fatal(err)
	}
}
