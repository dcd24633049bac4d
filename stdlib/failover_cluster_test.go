//go:build unix

package stdlib_test

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

// TestClusterFailoverUnderLoad through database/sql: three ifxtestd
// processes (a primary, two read-only secondaries sharing its database
// directory), 32 goroutines on a *sql.DB of at most 8 connections; the
// primary is SIGKILLed, a secondary promoted 300 ms later. No wrong row,
// no committed row lost, no error for an idempotent statement outside a
// transaction, writes served again within 2 s of the promotion.
func TestClusterFailoverUnderLoadDatabaseSQL(t *testing.T) {
	needFake(t)
	prim, secs := clustertest.Cluster(t, 2)
	sec1, sec2 := secs[0], secs[1]
	db := openDB(t, fmt.Sprintf("informix://informix:in4mix@%s,%s,%s/testdb?server=informix&target_session_attrs=read-write&connect_timeout=2s",
		prim.Addr, sec1.Addr, sec2.Addr))
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE TABLE ha_load (worker INTEGER, seq INTEGER, payload VARCHAR(40))"); err != nil {
		t.Fatal(err)
	}
	const workers = 32
	payload := func(w, s int) string { return fmt.Sprintf("w%d-s%d", w, s) }
	committed := make([][]int, workers)
	var commits, reads, wrong, outsideErrs, txLost, txOther atomic.Int64
	var promotedAt, firstAfter atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(uint64(w), 17))
			for seq := 1; !stop.Load(); seq++ {
				start := time.Now().UnixNano()
				tx, err := db.BeginTx(ctx, nil)
				if err == nil {
					if _, err = tx.ExecContext(ctx, "INSERT INTO ha_load (worker, seq, payload) VALUES (?, ?, ?)", w, seq, payload(w, seq)); err == nil {
						err = tx.Commit()
					} else {
						tx.Rollback()
					}
				}
				switch {
				case err == nil:
					committed[w] = append(committed[w], seq)
					commits.Add(1)
					if p := promotedAt.Load(); p != 0 && start >= p {
						firstAfter.CompareAndSwap(0, time.Now().UnixNano())
					}
				case errors.Is(err, ifx.ErrTxLost):
					txLost.Add(1)
				default:
					txOther.Add(1)
					t.Logf("worker %d: transaction: %v", w, err)
				}
				if len(committed[w]) == 0 {
					continue
				}
				s := committed[w][rnd.IntN(len(committed[w]))]
				idem := ifx.Idempotent(ctx)
				var got string
				if err := db.QueryRowContext(idem, "SELECT payload FROM ha_load WHERE worker = ? AND seq = ?", w, s).Scan(&got); err != nil {
					outsideErrs.Add(1)
					t.Logf("worker %d: idempotent read: %v", w, err)
				} else if got != payload(w, s) {
					wrong.Add(1)
				} else {
					reads.Add(1)
				}
				if _, err := db.ExecContext(idem, "UPDATE ha_load SET payload = ? WHERE worker = ? AND seq = ?", payload(w, s), w, s); err != nil {
					outsideErrs.Add(1)
					t.Logf("worker %d: idempotent write: %v", w, err)
				}
			}
		}()
	}
	time.Sleep(time.Second)
	prim.Kill()
	time.Sleep(300 * time.Millisecond)
	promoted := time.Now()
	promotedAt.Store(promoted.UnixNano())
	if err := sec1.Promote(); err != nil {
		t.Fatal(err)
	}
	for firstAfter.Load() == 0 && time.Since(promoted) < 10*time.Second {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	var serving time.Duration
	if fa := firstAfter.Load(); fa != 0 {
		serving = time.Duration(fa - promoted.UnixNano())
	}

	seen := map[[2]int]int{}
	rows, err := db.QueryContext(ctx, "SELECT worker, seq, payload FROM ha_load")
	if err != nil {
		t.Fatal(err)
	}
	var total int
	for rows.Next() {
		var w, s int
		var pl string
		if err := rows.Scan(&w, &s, &pl); err != nil {
			t.Fatal(err)
		}
		total++
		seen[[2]int{w, s}]++
		if pl != payload(w, s) || seen[[2]int{w, s}] > 1 {
			wrong.Add(1)
		}
	}
	rows.Close()
	lost := 0
	for w, seqs := range committed {
		for _, s := range seqs {
			if seen[[2]int{w, s}] == 0 {
				lost++
			}
		}
	}
	t.Logf("FIGURES: database/sql, 32 goroutines, at most 8 connections, 3 ifxtestd processes; primary SIGKILLed after 1 s, a secondary promoted 300 ms later")
	t.Logf("FIGURES: committed transactions %d, idempotent reads %d, rows %d; wrong rows %d; committed writes lost %d; errors for idempotent statements outside transactions %d; transactions failed with ErrTxLost %d, otherwise %d; writes served again %v after the promotion",
		commits.Load(), reads.Load(), total, wrong.Load(), lost, outsideErrs.Load(), txLost.Load(), txOther.Load(), serving.Round(time.Millisecond))
	if wrong.Load() != 0 || lost != 0 || outsideErrs.Load() != 0 || txOther.Load() != 0 {
		t.Errorf("wrong rows %d, lost commits %d, idempotent errors %d, other transaction errors %d: all must be 0",
			wrong.Load(), lost, outsideErrs.Load(), txOther.Load())
	}
	// The target (under 2 s) is a figure the FIGURES lines report and
	// docs/RELIABILITY.md records, not a pass/fail bound: a timed assertion
	// flakes on a loaded machine. The test fails only when serving never
	// resumed or took longer than a failover that works could take.
	if serving == 0 || serving > 20*time.Second {
		t.Errorf("served again %v after the promotion, want it to resume (target under 2 s)", serving)
	}
	if commits.Load() == 0 || reads.Load() == 0 {
		t.Error("the load did nothing")
	}
}
