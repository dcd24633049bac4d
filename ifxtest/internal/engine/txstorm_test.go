package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestCancellationStorm: writers in transactions on one in-memory
// database have long statements interrupted, while a reader holds
// cursors open (so that some COMMITs fail); afterwards the database
// holds exactly the rows of the transactions whose COMMIT succeeded, no
// session is left in a transaction, and a new session can still write.
// Before the redo log and the failed-COMMIT fix this wedged the
// database (every statement -244) or kept rows of rolled-back
// transactions.
func TestCancellationStorm(t *testing.T) {
	const (
		writers    = 4
		maxCancels = 200
		maxTime    = 4 * time.Second
	)
	e, err := Open(Config{LockWaitMillis: 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	setup := newSession(t, e, "testdb")
	exec(t, setup, "create table storm (w int, n int, v char(1))")

	var cancels atomic.Int64
	deadline := time.Now().Add(maxTime)
	stop := func() bool { return cancels.Load() >= maxCancels || time.Now().After(deadline) }
	var mu sync.Mutex
	committed := map[string]bool{} // "w/n/v" of every row a successful COMMIT covers
	var wg sync.WaitGroup
	sessions := make([]*Session, writers)
	for w := range sessions {
		sessions[w] = newSession(t, e, "testdb")
		exec(t, sessions[w], "set lock mode to wait 5")
	}
	for w, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(w)))
			ins := func(n int, v string) error {
				_, _, _, err := run(s, "insert into storm values (?, ?, ?)", int32(w), int32(n), v)
				return err
			}
			for n := 0; !stop(); n++ {
				if err := s.Begin(context.Background()); err != nil {
					t.Errorf("writer %d: BEGIN: %v", w, err)
					return
				}
				err := ins(n, "a")
				if err == nil {
					st, perr := s.Prepare(context.Background(), "insert into storm select ?::int, ?::int, 'x' from table(ifx_generate(2000000000))")
					if perr != nil {
						t.Errorf("writer %d: %v", w, perr)
						return
					}
					ctx, cancel := context.WithTimeout(context.Background(), time.Duration(1+rng.Intn(10))*time.Millisecond)
					_, xerr := st.Exec(ctx, []Value{int32(w), int32(n)})
					cancel()
					st.Close()
					var ie *Error
					if !errors.As(xerr, &ie) || ie.SQLCode != -213 && ie.SQLCode != -271 {
						t.Errorf("writer %d: interrupted INSERT: %v", w, xerr)
						s.Rollback()
						return
					}
					if ie.SQLCode == -213 {
						cancels.Add(1)
					}
					if !s.InTransaction() {
						t.Errorf("writer %d: the interrupted statement ended the transaction", w)
						return
					}
					err = ins(n, "b")
				}
				if err != nil || rng.Intn(3) == 0 {
					// a lock conflict, or the client's choice
					if rerr := s.Rollback(); rerr != nil {
						t.Errorf("writer %d: ROLLBACK: %v", w, rerr)
						return
					}
					continue
				}
				if cerr := s.Commit(); cerr == nil {
					mu.Lock()
					committed[fmt.Sprintf("%d/%d/a", w, n)] = true
					committed[fmt.Sprintf("%d/%d/b", w, n)] = true
					mu.Unlock()
				} else if s.InTransaction() {
					t.Errorf("writer %d: failed COMMIT (%v) left a transaction open", w, cerr)
					return
				}
			}
		}()
	}
	reader := newSession(t, e, "testdb")
	exec(t, reader, "set lock mode to wait 5")
	st := describe(t, reader, "select w from storm")
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer st.Close()
		for !stop() {
			c, err := st.Query(context.Background(), nil)
			if err != nil {
				continue
			}
			c.Next()
			time.Sleep(time.Millisecond)
			c.Close()
			time.Sleep(time.Millisecond)
		}
	}()
	wg.Wait()
	if t.Failed() {
		return
	}
	if cancels.Load() < 20 {
		t.Fatalf("only %d statements were interrupted", cancels.Load())
	}
	t.Logf("%d interrupts, %d rows committed", cancels.Load(), len(committed))
	for w, s := range sessions {
		if s.InTransaction() {
			t.Errorf("writer %d still in a transaction", w)
		}
	}
	fresh := newSession(t, e, "testdb")
	exec(t, fresh, "begin work")
	exec(t, fresh, "insert into storm values (-1, -1, 'z')")
	exec(t, fresh, "commit work")
	committed["-1/-1/z"] = true
	var want, got []string
	for k := range committed {
		want = append(want, k)
	}
	c, err := describe(t, fresh, "select w, n, v from storm").Query(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for {
		r, err := c.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%v/%v/%v", r[0], r[1], r[2]))
	}
	sort.Strings(want)
	sort.Strings(got)
	eq(t, "rows", got, want)
}
