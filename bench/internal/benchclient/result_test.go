package benchclient

import (
	"errors"
	"testing"
)

// The lines below were written by goclient before this package existed:
// the harness and anything reading bench/results/latest.json see the same
// fields in the same order.
func TestJSON(t *testing.T) {
	r := NewResult("fetchwide")
	r.Wall = []int64{30, 10, 20, 40}
	r.CPUNs = 1001
	r.CPURuns = []int64{7, 5, 9, 6}
	r.Rows = 10000
	r.Warmup = 2
	r.ServerCPUNs = 5000
	r.TotalWallNs = 123
	r.Extra["fetch_buffer"] = 32767
	r.Extra["columns"] = 100
	r.Extra["note"] = `a <b> & "c"`
	r.Conn("setup", 1, 0)
	r.Conn("measure", 1, 6)
	for _, c := range []struct{ got, want string }{
		{r.JSON("ifx"), `{"client":"ifx","workload":"fetchwide","runs":4,"wall_ns_median":25,"wall_ns_p50":20,"wall_ns_p99":40,"cpu_ns":1001,"rows":10000,"extra":{"warmup":2,"wall_ns_min":10,"wall_ns_max":40,"wall_ns_sum":100,"wall_ns_total":123,"cpu_ns_per_op":250,"cpu_ns_runs":[7,5,9,6],"cpu_ns_median":6,"server_cpu_ns":5000,"columns":100,"fetch_buffer":32767,"note":"a \u003cb\u003e \u0026 \"c\"","conns":[{"role":"setup","n":1,"ops":0},{"role":"measure","n":1,"ops":6}]}}`},
		{NewResult("connect").JSON("ifx-sql"), `{"client":"ifx-sql","workload":"connect","runs":0,"wall_ns_median":0,"wall_ns_p50":0,"wall_ns_p99":0,"cpu_ns":0,"rows":0,"extra":{"warmup":0,"wall_ns_min":0,"wall_ns_max":0,"wall_ns_sum":0,"cpu_ns_per_op":0,"conns":[]}}`},
		{ErrorLine("ifx", "lookup", errors.New("x <y>")), `{"client":"ifx","workload":"lookup","error":"x \u003cy\u003e"}`},
	} {
		if c.got != c.want {
			t.Errorf("got  %s\nwant %s", c.got, c.want)
		}
	}
	if got := r.Wall; got[0] != 30 {
		t.Errorf("JSON sorted r.Wall in place: %v", got)
	}
}
