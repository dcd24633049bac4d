package benchclient

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ProcessCPU is this process's user+system CPU in ns, all threads: the
// contract's cpu_ns counts what the driver's goroutines cost too, not just
// the calling one.
func ProcessCPU() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// ServerCPU is the server's utime+stime in ns from /proc/PID/stat, or -1
// when there is no server pid or it cannot be read (then no server_cpu_ns
// is reported rather than a wrong one).
func (o *Options) ServerCPU() int64 {
	if o.ServerPID <= 0 {
		return -1
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(o.ServerPID) + "/stat")
	if err != nil {
		return -1
	}
	// The command name in parentheses may contain spaces: count fields
	// from after its closing parenthesis.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return (u + st) * (1e9 / int64(o.ClkTck))
}

// Phase is a timed phase under way; End records what it cost.
type Phase struct {
	o           *Options
	server, cpu int64
	start       time.Time
}

// StartPhase starts a timed phase. The clock is read last here and first
// in End so that reading /proc is not counted in the phase's wall time.
func (o *Options) StartPhase() Phase {
	return Phase{o: o, server: o.ServerCPU(), cpu: ProcessCPU(), start: time.Now()}
}

// End records the phase's wall time, process CPU and server CPU (when both
// readings worked) in r.
func (p Phase) End(r *Result) {
	r.TotalWallNs = int64(time.Since(p.start))
	r.CPUNs = ProcessCPU() - p.cpu
	if p.server >= 0 {
		if s := p.o.ServerCPU(); s >= 0 {
			r.ServerCPUNs = s - p.server
		}
	}
}

// TimeOps runs op warmup times, then runs times, timing each call into
// r.Wall; op gets the call's index, warm-up included, so that every call
// can use different data. With perRunCPU it also records each run's process
// CPU (bulk workloads, whose runs are long enough to measure one by one).
// The first error stops it.
func (o *Options) TimeOps(r *Result, warmup, runs int, perRunCPU bool, op func(i int) error) error {
	for i := 0; i < warmup; i++ {
		if err := op(i); err != nil {
			return err
		}
	}
	r.Warmup = warmup
	r.Wall = make([]int64, runs)
	if perRunCPU {
		r.CPURuns = make([]int64, runs)
	}
	p := o.StartPhase()
	for i := 0; i < runs; i++ {
		var c int64
		if perRunCPU {
			c = ProcessCPU()
		}
		a := time.Now()
		if err := op(warmup + i); err != nil {
			return err
		}
		r.Wall[i] = int64(time.Since(a))
		if perRunCPU {
			r.CPURuns[i] = ProcessCPU() - c
		}
	}
	p.End(r)
	return nil
}
