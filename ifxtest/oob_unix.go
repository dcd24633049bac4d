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
// while a request group is handled a goroutine polls for it on a
// duplicate of the socket's descriptor (a duplicate, so the poll never
// contends with the connection's own reads). An interrupt is held until
// the group's next statement starts, which then fails at once, or until
// two more polls find the same statement still running, which is then
// cancelled: a short statement (one of the thousands of EXECUTEs of a
// batch) is never cut off at the moment it completes, where the driver
// under the engine would report an interrupt for work that was done. The
// poller lives as long as groups keep coming and stops after a quiet
// spell: it is not a goroutine per statement.
type oobWatcher struct {
	file *os.File
	raw  syscall.RawConn // of file: File.Fd would make the socket blocking
	mu   sync.Mutex
	// Under mu: cancel ends the running statement (nil between
	// statements), seq numbers the statements; active says a request
	// group is being handled; pending holds an interrupt not yet
	// delivered, seen while statement pendingSeq ran; running says the
	// poller goroutine is alive.
	cancel     func()
	seq        uint64
	active     bool
	pending    bool
	pendingSeq uint64
	// pendingTicks counts the polls that found statement pendingSeq
	// still running.
	pendingTicks int
	running      bool
	stopFn       func() // w.stop, made once
}

const (
	oobPollInterval = 5 * time.Millisecond
	oobIdlePolls    = 40 // the poller exits after this many idle ticks (200 ms)
)

func newOOBWatcher(nc net.Conn) *oobWatcher {
	if tc, ok := nc.(*tls.Conn); ok {
		nc = tc.NetConn()
	}
	w := &oobWatcher{}
	w.stopFn = w.stop
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
	return w.pollLocked()
}

func (w *oobWatcher) pollLocked() bool {
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

// peerGoneLocked reports whether the client closed or reset the
// connection: the socket reads as end of stream or fails. Bytes waiting
// (a pipelined request) are only peeked at.
func (w *oobWatcher) peerGoneLocked() bool {
	gone := false
	w.raw.Read(func(fd uintptr) bool {
		var b [1]byte
		n, _, err := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		gone = (err == nil && n == 0) || (err != nil && err != syscall.EAGAIN && err != syscall.EWOULDBLOCK && err != syscall.EINTR)
		return true
	})
	return gone
}

// drain discards an interrupt that arrived while nothing ran.
func (w *oobWatcher) drain() { w.poll() }

// groupStarted and groupEnded bracket the handling of a request group:
// the poller watches for interrupts in between.
func (w *oobWatcher) groupStarted() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.file == nil {
		return
	}
	w.active, w.pending = true, false
	w.startLocked()
}

func (w *oobWatcher) groupEnded() {
	w.mu.Lock()
	w.active, w.pending = false, false
	w.mu.Unlock()
}

func (w *oobWatcher) startLocked() {
	if !w.running {
		w.running = true
		go w.loop()
	}
}

// watch calls cancel if an interrupt arrives before the returned stop
// function is called (at once if one arrived since the group's previous
// statement); cancel is never called after stop returns.
func (w *oobWatcher) watch(cancel func()) (stop func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.file == nil {
		return noStop
	}
	w.seq++
	if w.pending {
		w.pending = false
		cancel()
		return noStop
	}
	w.cancel = cancel
	w.startLocked()
	return w.stopFn
}

func noStop() {}

func (w *oobWatcher) stop() {
	w.mu.Lock()
	w.cancel = nil
	w.mu.Unlock()
}

// loop polls every oobPollInterval while a group is handled, and exits
// after oobIdlePolls ticks without one or when the watcher closes.
func (w *oobWatcher) loop() {
	t := time.NewTicker(oobPollInterval)
	defer t.Stop()
	idle := 0
	for range t.C {
		w.mu.Lock()
		switch {
		case w.file == nil:
			w.running = false
			w.mu.Unlock()
			return
		case !w.active && w.cancel == nil:
			if idle++; idle >= oobIdlePolls {
				w.running = false
				w.mu.Unlock()
				return
			}
		case w.pending:
			idle = 0
			if w.cancel != nil && w.seq == w.pendingSeq {
				// The statement that ran when the interrupt came is
				// still running polls later: cut it off.
				if w.pendingTicks++; w.pendingTicks >= 2 {
					w.cancel()
					w.cancel = nil
					w.pending = false
				}
			}
		default:
			idle = 0
			if w.pollLocked() && (w.active || w.cancel != nil) {
				w.pending, w.pendingSeq, w.pendingTicks = true, w.seq, 0
			} else if w.cancel != nil && w.peerGoneLocked() {
				// Nobody is left to read the result: a real server's
				// session ends when its client goes, and a statement left
				// running here would hold the database (and Close) for
				// as long as it runs.
				w.cancel()
				w.cancel = nil
			}
		}
		w.mu.Unlock()
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
