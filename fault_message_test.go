package ifx_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// TestFaultMessageAttacksAtEveryGroup runs the fault workload through the
// message-level proxy once per attack (faultproxy.Attacks: a surplus
// SQ_EOT, a reply group twice, an extra SQ_DONE group, a dropped
// DESCRIBE or DONE, reordered messages, a statement id rewritten to the
// previous one, a negative row count) and per request group, the
// attack hitting that group's reply. The rule in every case: never a
// wrong row or a wrong count reported as a success; either the workload's
// correct result or an error, and after a ProtocolError (or any
// connection error) the connection is closed. Every attack must change
// some reply, or the sweep would test nothing.
//
// Without the checks of replycheck.go, a surplus SQ_EOT or reply group
// makes a later step read its predecessor's reply (the INSERT … SELECT
// reports the CREATE's count: a WRONG RESULT), and a negative count
// passes as the count.
func TestFaultMessageAttacksAtEveryGroup(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest behind the fault proxy")
	}
	groups, _, _ := faultBaseline(t)
	// The last group is SQ_EXIT, answered by SQ_EXIT, not a reply group.
	work := groups - 1
	attacks := faultproxy.Attacks
	var (
		mu       sync.Mutex
		fired    = map[faultproxy.Attack]int{}
		outcomes = map[string]int{}
	)
	faultParallel(len(attacks)*work, func(i int) {
		a, k := attacks[i%len(attacks)], i/len(attacks)+1
		name := fmt.Sprintf("%s on the reply to group %d", a, k)
		srv, err := ifxtest.Start(ifxtest.Config{})
		if err != nil {
			t.Error(err)
			return
		}
		defer srv.Close()
		p, err := faultproxy.New(srv.Addr())
		if err != nil {
			t.Error(err)
			return
		}
		defer p.Close()
		p.SetMessageRule(&faultproxy.MessageRule{Group: k, Attack: a})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		var run faultRun
		err, el := faultWatch(t, name, faultKillLimit, func() error {
			return runFaultWorkload(ctx, faultConfig(t, faultProxyDSN(srv, p, "testdb")), &run)
		}, p.KillAll)
		outcome := checkAttackOutcome(t, name, &run, err, el)
		mu.Lock()
		defer mu.Unlock()
		if p.Attacked() > 0 {
			fired[a]++
			outcomes[outcome]++
		}
	})
	for _, a := range attacks {
		// The workload's statements all get id 0 (ifxtest hands out the
		// lowest free id), so there is no other id to repeat:
		// TestDuplicateStatementID covers same-id.
		if fired[a] == 0 && a != faultproxy.SameID {
			t.Errorf("attack %s changed no reply in the whole workload", a)
		}
	}
	t.Logf("%d cases (%d attacks x %d reply groups); replies changed in %d: %v", len(attacks)*work, len(attacks), work, sumCounts(fired), outcomes)
}

func sumCounts[K comparable](m map[K]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// checkAttackOutcome applies the rules of a message attack and returns
// how the workload ended: "success", "protocol error", "connection
// error" or "statement error".
func checkAttackOutcome(t *testing.T, name string, run *faultRun, err error, elapsed time.Duration) string {
	t.Helper()
	if elapsed > faultKillLimit {
		t.Errorf("%s: returned after %v, step %s, err %v", name, elapsed, run.step, err)
	}
	want := faultRows()
	for i, r := range run.rows {
		if r != want[i] {
			t.Errorf("%s: row %d is %v, want %v", name, i, r, want[i])
		}
	}
	switch {
	case err == nil:
		return "success"
	case errors.Is(err, errWrongResult):
		t.Errorf("%s: %v", name, err)
		return "WRONG RESULT"
	}
	if strings.Contains(err.Error(), "in4mix") {
		t.Errorf("%s: error shows the password: %v", name, err)
	}
	var pe *ifx.ProtocolError
	lost := ifx.IsConnectionLost(err)
	if (errors.As(err, &pe) || lost) && run.conn != nil && run.openAtReturn {
		t.Errorf("%s: step %s: connection still open after %v", name, run.step, err)
	}
	switch {
	case pe != nil:
		return "protocol error"
	case lost:
		return "connection error"
	}
	return "statement error"
}
