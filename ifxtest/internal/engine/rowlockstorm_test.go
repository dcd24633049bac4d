package engine

import (
	"errors"
	"fmt"
	"math/rand"
	"sync"
	"testing"
)

// TestRowLockTransferStorm: sessions move amounts between accounts in
// transactions that update two rows each, under WAIT, committing or
// rolling back at random and rolling back on a deadlock (-143), while a
// LAST COMMITTED reader and a COMMITTED READ reader (under WAIT) sum the
// accounts. Every sum the readers see is the committed total, and at the end each account holds its start
// balance plus the committed transfers: the row locks kept the writers
// apart, the undo log restored what rolled back, and the reader saw no
// uncommitted row.
func TestRowLockTransferStorm(t *testing.T) {
	const (
		accounts  = 8
		writers   = 4
		transfers = 40
		start     = 100
	)
	e := rowLockEngine(t)
	setup := newSession(t, e, "testdb")
	exec(t, setup, "create table acct (id int primary key, bal int)")
	for i := range accounts {
		exec(t, setup, "insert into acct values (?, ?)", int64(i), int64(start))
	}
	var mu sync.Mutex
	net := make([]int64, accounts)
	deadlocks := 0
	var wg sync.WaitGroup
	for w := range writers {
		s := newSession(t, e, "testdb")
		exec(t, s, "set lock mode to wait")
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(w)))
			for range transfers {
				from, to := rng.Intn(accounts), rng.Intn(accounts)
				if from == to {
					continue
				}
				if _, _, _, err := run(s, "begin work"); err != nil {
					t.Error(err)
					return
				}
				_, _, _, err := run(s, "update acct set bal = bal - 1 where id = ?", int64(from))
				if err == nil {
					_, _, _, err = run(s, "update acct set bal = bal + 1 where id = ?", int64(to))
				}
				if err != nil {
					var ie *Error
					if !errors.As(err, &ie) || ie.ISAMCode != -143 {
						t.Errorf("writer %d: %v", w, err)
					}
					mu.Lock()
					deadlocks++
					mu.Unlock()
					if _, _, _, err := run(s, "rollback work"); err != nil {
						t.Error(err)
						return
					}
					continue
				}
				verb := "commit work"
				if rng.Intn(3) == 0 {
					verb = "rollback work"
				}
				if _, _, _, err := run(s, verb); err != nil {
					t.Errorf("writer %d: %s: %v", w, verb, err)
					return
				}
				if verb == "commit work" {
					mu.Lock()
					net[from]--
					net[to]++
					mu.Unlock()
				}
			}
		}()
	}
	last := newSession(t, e, "testdb")
	exec(t, last, "set isolation to committed read last committed")
	committed := newSession(t, e, "testdb")
	exec(t, committed, "set lock mode to wait")
	readers := []*Session{last, committed}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	reads := 0
	for running := true; running; reads++ {
		select {
		case <-done:
			running = false
		default:
		}
		reader := readers[reads%2]
		_, _, rows, err := run(reader, "select sum(bal) from acct")
		if err != nil || len(rows) != 1 || rows[0][0] != Decimal(fmt.Sprint(accounts*start)) {
			t.Errorf("%s: sum %v (%v) after %d reads", reader.Isolation(), rows, err, reads)
			<-done
			return
		}
	}
	for i := range accounts {
		eq(t, fmt.Sprint("account ", i), one(t, setup, "select bal from acct where id = ?", int64(i)), int64(start)+net[i])
	}
	t.Logf("%d reads, %d deadlocks", reads, deadlocks)
}
