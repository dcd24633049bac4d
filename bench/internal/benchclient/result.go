package benchclient

import (
	"encoding/json"
	"math"
	"slices"
	"sort"
	"strings"
)

// ConnUse declares connections a workload opened, for the harness to match
// with ifxtestd's per-connection counts (extra.conns in bench/README.md).
type ConnUse struct {
	Role string `json:"role"` // "setup", "connect" or "measure"
	N    int    `json:"n"`
	Ops  int    `json:"ops"` // operations run on them, warm-up included
}

// Result is what one workload measured; JSON turns it into the contract's
// line.
type Result struct {
	Workload string
	Wall     []int64 // ns per timed operation, in run order
	CPUNs    int64   // process CPU over all timed runs
	// CPURuns is the process CPU of each timed run; only bulk workloads,
	// whose runs are long enough for rusage to resolve them, record it.
	CPURuns     []int64
	Rows        int64 // rows per operation
	Warmup      int
	ServerCPUNs int64 // -1: not measured
	TotalWallNs int64 // wall time of the whole timed phase; -1: not measured
	// Conns must be in the order the connections were opened: the harness
	// assigns ifxtestd's connection ids to them in accept order.
	Conns []ConnUse
	// Extra are workload-specific fields, written in key order after the
	// common ones.
	Extra map[string]any
}

// NewResult returns an empty result for workload w.
func NewResult(w string) *Result {
	return &Result{Workload: w, ServerCPUNs: -1, TotalWallNs: -1, Extra: map[string]any{}}
}

// Conn declares n connections with role, on which ops operations ran.
func (r *Result) Conn(role string, n, ops int) {
	r.Conns = append(r.Conns, ConnUse{role, n, ops})
}

// Median of sorted s, averaging the two middle values as the contract
// specifies for wall_ns_median (p50 is the nearest rank instead).
func Median(s []int64) int64 {
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Rank is the nearest-rank percentile p (0..1] of sorted s, the definition
// the JDBC and Python clients use too.
func Rank(s []int64, p float64) int64 {
	if len(s) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[max(0, min(len(s)-1, i))]
}

// kv is one field of an ordered object.
type kv struct {
	key string
	val any
}

// ordered is a JSON object that keeps its fields in the given order: the
// contract's lines list their fields in a fixed order, which a map would
// sort.
type ordered []kv

// MarshalJSON writes the fields in order.
func (o ordered) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.key)
		v, err := json.Marshal(e.val)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// JSON is the result's line for client, fields in the order of
// bench/README.md; optional ones (wall_ns_total, cpu_ns_runs and
// cpu_ns_median, server_cpu_ns) appear only when measured.
func (r *Result) JSON(client string) string {
	w := slices.Clone(r.Wall)
	slices.Sort(w)
	var sum int64
	for _, x := range w {
		sum += x
	}
	ex := ordered{{"warmup", r.Warmup}}
	if len(w) > 0 {
		ex = append(ex, kv{"wall_ns_min", w[0]}, kv{"wall_ns_max", w[len(w)-1]})
	} else {
		ex = append(ex, kv{"wall_ns_min", 0}, kv{"wall_ns_max", 0})
	}
	ex = append(ex, kv{"wall_ns_sum", sum})
	if r.TotalWallNs >= 0 {
		ex = append(ex, kv{"wall_ns_total", r.TotalWallNs})
	}
	perOp := int64(0)
	if len(w) > 0 {
		perOp = r.CPUNs / int64(len(w))
	}
	ex = append(ex, kv{"cpu_ns_per_op", perOp})
	if r.CPURuns != nil {
		c := slices.Clone(r.CPURuns)
		slices.Sort(c)
		ex = append(ex, kv{"cpu_ns_runs", r.CPURuns}, kv{"cpu_ns_median", Median(c)})
	}
	if r.ServerCPUNs >= 0 {
		ex = append(ex, kv{"server_cpu_ns", r.ServerCPUNs})
	}
	keys := make([]string, 0, len(r.Extra))
	for k := range r.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ex = append(ex, kv{k, r.Extra[k]})
	}
	conns := r.Conns
	if conns == nil {
		conns = []ConnUse{} // the harness wants a list, even an empty one
	}
	ex = append(ex, kv{"conns", conns})
	out := ordered{
		{"client", client}, {"workload", r.Workload}, {"runs", len(w)},
		{"wall_ns_median", Median(w)}, {"wall_ns_p50", Rank(w, 0.5)}, {"wall_ns_p99", Rank(w, 0.99)},
		{"cpu_ns", r.CPUNs}, {"rows", r.Rows}, {"extra", ex},
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// ErrorLine is the line of a failed workload; the harness reports the
// error and keeps the client's other lines.
func ErrorLine(client, workload string, err error) string {
	b, _ := json.Marshal(ordered{{"client", client}, {"workload", workload}, {"error", err.Error()}})
	return string(b)
}
