//go:build unix

package ifxpool

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/internal/clustertest"
)

// failoverFigures are what TestClusterFailoverUnderLoad measures.
type failoverFigures struct {
	commits, reads, writes    int64 // successful: committed transactions, idempotent reads and writes outside transactions
	wrongRows                 int64 // a read or the final table disagreeing with what was committed
	lostCommits               int64 // committed rows missing afterwards
	outsideErrs               int64 // errors returned for idempotent statements outside transactions
	txLost, txOther, beginErr int64 // transactions that failed: ErrTxLost, another error, Begin itself
	servingAfterPromotion     time.Duration
	servingAfterKill          time.Duration
}

// Three ifxtestd processes share a database directory: a primary and
// two read-only secondaries. 32 goroutines on a pool of 8 (DSN: the three
// hosts, target_session_attrs=read-write) commit transactions and run
// idempotent reads and writes outside transactions, while the primary is
// killed (SIGKILL) and, 300 ms later, a secondary promoted (SIGUSR1).
// Afterwards every committed row must be there with its value, no read
// may have seen a wrong value, no idempotent statement outside a
// transaction may have failed, and the pool must serve writes again
// within 2 s of the promotion. The figures go to the log as "FIGURES:"
// lines, which .ci/reliability copies into docs/RELIABILITY.md.
func TestClusterFailoverUnderLoad(t *testing.T) {
	prim, secs := clustertest.Cluster(t, 2)
	sec1, sec2 := secs[0], secs[1]

	dsn := fmt.Sprintf("informix://informix:in4mix@%s,%s,%s/testdb?server=informix&target_session_attrs=read-write&connect_timeout=2s&pool_max_conns=8",
		prim.Addr, sec1.Addr, sec2.Addr)
	p := newPool(t, dsn, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	mustExec(t, p, "CREATE TABLE ha_load (worker INTEGER, seq INTEGER, payload VARCHAR(40))")

	const workers = 32
	payload := func(w, s int) string { return fmt.Sprintf("w%d-s%d", w, s) }
	var f failoverFigures
	committed := make([][]int, workers) // per worker, the seqs whose COMMIT succeeded
	var lastCommit atomic.Int64         // unix nanos of the latest successful COMMIT
	var firstAfterPromote, firstAfterKill atomic.Int64
	var killedAt, promotedAt atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(uint64(w), 16))
			for seq := 1; !stop.Load(); seq++ {
				start := time.Now().UnixNano()
				tx, err := p.Begin(ctx)
				if err != nil {
					atomic.AddInt64(&f.beginErr, 1)
					t.Logf("worker %d: Begin: %v", w, err)
					continue
				}
				_, err = tx.Exec(ctx, "INSERT INTO ha_load (worker, seq, payload) VALUES (?, ?, ?)", w, seq, payload(w, seq))
				if err == nil {
					err = tx.Commit(ctx)
				} else {
					tx.Rollback(ctx)
				}
				switch {
				case err == nil:
					committed[w] = append(committed[w], seq)
					atomic.AddInt64(&f.commits, 1)
					now := time.Now().UnixNano()
					lastCommit.Store(now)
					if k := killedAt.Load(); k != 0 && start > k {
						firstAfterKill.CompareAndSwap(0, now)
					}
					if pr := promotedAt.Load(); pr != 0 && start >= pr {
						firstAfterPromote.CompareAndSwap(0, now)
					}
				case errors.Is(err, ifx.ErrTxLost):
					atomic.AddInt64(&f.txLost, 1)
				default:
					atomic.AddInt64(&f.txOther, 1)
					t.Logf("worker %d: transaction: %v", w, err)
				}
				if len(committed[w]) == 0 {
					continue
				}
				s := committed[w][rnd.IntN(len(committed[w]))]
				idem := ifx.Idempotent(ctx)
				var got string
				if err := p.QueryRow(idem, "SELECT payload FROM ha_load WHERE worker = ? AND seq = ?", w, s).Scan(&got); err != nil {
					atomic.AddInt64(&f.outsideErrs, 1)
					t.Logf("worker %d: idempotent read: %v", w, err)
				} else if got != payload(w, s) {
					atomic.AddInt64(&f.wrongRows, 1)
					t.Logf("worker %d: read %q for seq %d", w, got, s)
				} else {
					atomic.AddInt64(&f.reads, 1)
				}
				if _, err := p.Exec(idem, "UPDATE ha_load SET payload = ? WHERE worker = ? AND seq = ?", payload(w, s), w, s); err != nil {
					atomic.AddInt64(&f.outsideErrs, 1)
					t.Logf("worker %d: idempotent write: %v", w, err)
				} else {
					atomic.AddInt64(&f.writes, 1)
				}
			}
		}()
	}

	time.Sleep(time.Second)
	killedAt.Store(time.Now().UnixNano())
	prim.Kill() // SIGKILL: no goodbye to any client
	time.Sleep(300 * time.Millisecond)
	promoted := time.Now()
	promotedAt.Store(promoted.UnixNano())
	if err := sec1.Promote(); err != nil {
		t.Fatal(err)
	}
	deadline := promoted.Add(10 * time.Second)
	for firstAfterPromote.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	if fa := firstAfterPromote.Load(); fa != 0 {
		f.servingAfterPromotion = time.Duration(fa - promotedAt.Load())
	}
	if fa := firstAfterKill.Load(); fa != 0 {
		f.servingAfterKill = time.Duration(fa - killedAt.Load())
	}

	// Every committed row is there once, with its value; nothing else is.
	c, err := ifx.Connect(ctx, fmt.Sprintf("informix://informix:in4mix@%s/testdb?server=informix", sec1.Addr))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	rows, err := c.Query(ctx, "SELECT worker, seq, payload FROM ha_load")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[[2]int]int{}
	var total int64
	for rows.Next() {
		var w, s int
		var pl string
		if err := rows.Scan(&w, &s, &pl); err != nil {
			t.Fatal(err)
		}
		total++
		seen[[2]int{w, s}]++
		if pl != payload(w, s) || seen[[2]int{w, s}] > 1 {
			f.wrongRows++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for w, seqs := range committed {
		for _, s := range seqs {
			if seen[[2]int{w, s}] == 0 {
				f.lostCommits++
			}
		}
	}
	st := p.Stat()
	t.Logf("FIGURES: workers %d, pool %d connections, 3 ifxtestd processes (1 primary, 2 read-only secondaries sharing a database directory); primary killed (SIGKILL) after 1 s of load, a secondary promoted (SIGUSR1) 300 ms later",
		workers, p.Config().MaxConns)
	t.Logf("FIGURES: committed transactions %d; idempotent reads %d and writes %d outside transactions; rows in the table %d",
		f.commits, f.reads, f.writes, total)
	t.Logf("FIGURES: wrong rows %d; committed writes lost %d; errors returned for idempotent statements outside transactions %d",
		f.wrongRows, f.lostCommits, f.outsideErrs)
	t.Logf("FIGURES: transactions failed with ErrTxLost %d, with another error %d; Begin failed %d",
		f.txLost, f.txOther, f.beginErr)
	t.Logf("FIGURES: pool serving writes again %v after the promotion (%v after the kill); connections made %d, destroyed as dead %d, on release %d",
		f.servingAfterPromotion.Round(time.Millisecond), f.servingAfterKill.Round(time.Millisecond), st.NewConnsCount, st.DestroyedHealthCheck, st.DestroyedBroken)

	if f.wrongRows != 0 || f.lostCommits != 0 || f.outsideErrs != 0 {
		t.Errorf("wrong rows %d, lost commits %d, idempotent errors %d: all must be 0", f.wrongRows, f.lostCommits, f.outsideErrs)
	}
	if f.txOther != 0 || f.beginErr != 0 {
		t.Errorf("%d transactions failed with an error other than ErrTxLost, %d Begins failed", f.txOther, f.beginErr)
	}
	// The target (under 2 s) is a figure the FIGURES lines report and
	// docs/RELIABILITY.md records, not a pass/fail bound: a timed assertion
	// flakes on a loaded machine. The test fails only when serving never
	// resumed or took longer than a failover that works could take.
	if f.servingAfterPromotion == 0 || f.servingAfterPromotion > 20*time.Second {
		t.Errorf("the pool served again %v after the promotion, want it to resume (target under 2 s)", f.servingAfterPromotion)
	}
	if f.commits == 0 || f.reads == 0 {
		t.Error("the load did nothing")
	}
}
