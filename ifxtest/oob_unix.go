//go:build unix

package ifxtest

import (
	"crypto/tls"
	"net"
	"os"
	"sync"
	"syscall"
	"time"
)

// oobWatcher notices Informix's interrupt: one TCP urgent byte (0x42) the
// client sends while a statement runs. Go cannot wait for urgent data, so
// while a statement runs a goroutine polls for it on a duplicate of the
// socket's descriptor (a duplicate, so the poll never contends with the
// connection's own reads).
type oobWatcher struct {
	file *os.File
	raw  syscall.RawConn // of file: File.Fd would make the socket blocking
	mu   sync.Mutex
}

const oobPollInterval = 5 * time.Millisecond

func newOOBWatcher(nc net.Conn) *oobWatcher {
	if tc, ok := nc.(*tls.Conn); ok {
		nc = tc.NetConn()
	}
	w := &oobWatcher{}
	if tc, ok := nc.(*net.TCPConn); ok {
		if f, err := tc.File(); err == nil {
			if raw, err := f.SyscallConn(); err == nil {
				w.file, w.raw = f, raw
			} else {
				f.Close()
			}
		}
	}
	return w
}

// poll reports whether an urgent byte was waiting, consuming it.
func (w *oobWatcher) poll() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.file == nil {
		return false
	}
	got := false
	w.raw.Read(func(fd uintptr) bool {
		var b [1]byte
		n, _, err := syscall.Recvfrom(int(fd), b[:], syscall.MSG_OOB|syscall.MSG_DONTWAIT)
		got = err == nil && n == 1
		return true
	})
	return got
}

// drain discards an interrupt that arrived while nothing ran.
func (w *oobWatcher) drain() { w.poll() }

// watch calls cancel if an interrupt arrives before the returned stop
// function is called.
func (w *oobWatcher) watch(cancel func()) (stop func()) {
	if w.file == nil {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(oobPollInterval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if w.poll() {
					cancel()
					return
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

func (w *oobWatcher) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.file != nil {
		w.file.Close()
		w.file = nil
	}
}
