//go:build unix

package clustertest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Client is what the failover load runs through (a pool, a *sql.DB): the
// operations it needs, in the client's own API.
type Client struct {
	// Exec runs a statement outside a transaction.
	Exec func(ctx context.Context, query string, args ...any) error
	// QueryString runs a one-row, one-column query outside a transaction.
	QueryString func(ctx context.Context, query string, args ...any) (string, error)
	// InTx begins a transaction, runs the statement, and commits (rolls
	// back when the statement fails); beginFailed reports that Begin
	// itself returned err.
	InTx func(ctx context.Context, query string, args ...any) (beginFailed bool, err error)
	// Rows reads every row of the load's table after the load, as
	// (worker, seq, payload).
	Rows func(ctx context.Context, query string) ([]Row, error)
	// Idempotent marks a context's statements idempotent (ifx.Idempotent).
	Idempotent func(context.Context) context.Context
	// TxLost reports whether a transaction's error is ifx.ErrTxLost.
	TxLost func(error) bool
	// Seed varies the workers' random choice of rows to read back.
	Seed uint64
}

// Row is one row of the load's table.
type Row struct {
	Worker, Seq int
	Payload     string
}

// Figures are what a failover load measured.
type Figures struct {
	Workers                   int
	Commits, Reads, Writes    int64 // successful: committed transactions, idempotent reads and writes outside transactions
	Rows                      int64 // rows in the table afterwards
	WrongRows                 int64 // a read or the final table disagreeing with what was committed
	LostCommits               int64 // committed rows missing afterwards
	OutsideErrs               int64 // errors returned for idempotent statements outside transactions
	TxLost, TxOther, BeginErr int64 // transactions that failed: ErrTxLost, another error, Begin itself
	ServingAfterPromotion     time.Duration
	ServingAfterKill          time.Duration
}

// Failover is a cluster of ifxtestd processes (a primary and two
// read-only secondaries sharing a database directory) for a failover
// load.
type Failover struct {
	Primary     *Server
	Secondaries []*Server
}

// NewFailover starts the cluster.
func NewFailover(t testing.TB) *Failover {
	t.Helper()
	p, s := Cluster(t, 2)
	return &Failover{Primary: p, Secondaries: s}
}

// DSN names the three hosts, primary first, for a client that wants
// writes, with a 2 s connect timeout.
func (f *Failover) DSN() string {
	return fmt.Sprintf("informix://informix:in4mix@%s,%s,%s/testdb?server=informix&target_session_attrs=read-write&connect_timeout=2s",
		f.Primary.Addr, f.Secondaries[0].Addr, f.Secondaries[1].Addr)
}

const loadWorkers = 32

func payload(w, s int) string { return fmt.Sprintf("w%d-s%d", w, s) }

// Run puts 32 goroutines of load on c: each commits transactions
// inserting a row and, outside transactions, reads back one of its
// committed rows and rewrites it with idempotent statements. After 1 s
// the primary is killed (SIGKILL), 300 ms later the first secondary
// promoted (SIGUSR1); the load goes on until 1.5 s after the first
// transaction begun after the promotion commits (10 s at most). Then
// every committed row must be in the table once, with its value.
func (f *Failover) Run(t testing.TB, c Client) Figures {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := c.Exec(ctx, "CREATE TABLE ha_load (worker INTEGER, seq INTEGER, payload VARCHAR(40))"); err != nil {
		t.Fatal(err)
	}
	var fig Figures
	fig.Workers = loadWorkers
	committed := make([][]int, loadWorkers) // per worker, the seqs whose COMMIT succeeded
	var firstAfterPromote, firstAfterKill, killedAt, promotedAt atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < loadWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(uint64(w), c.Seed))
			for seq := 1; !stop.Load(); seq++ {
				start := time.Now().UnixNano()
				beginFailed, err := c.InTx(ctx, "INSERT INTO ha_load (worker, seq, payload) VALUES (?, ?, ?)", w, seq, payload(w, seq))
				switch {
				case err == nil:
					committed[w] = append(committed[w], seq)
					atomic.AddInt64(&fig.Commits, 1)
					now := time.Now().UnixNano()
					if k := killedAt.Load(); k != 0 && start > k {
						firstAfterKill.CompareAndSwap(0, now)
					}
					if pr := promotedAt.Load(); pr != 0 && start >= pr {
						firstAfterPromote.CompareAndSwap(0, now)
					}
				case beginFailed:
					atomic.AddInt64(&fig.BeginErr, 1)
					t.Logf("worker %d: Begin: %v", w, err)
					continue
				case c.TxLost(err):
					atomic.AddInt64(&fig.TxLost, 1)
				default:
					atomic.AddInt64(&fig.TxOther, 1)
					t.Logf("worker %d: transaction: %v", w, err)
				}
				if len(committed[w]) == 0 {
					continue
				}
				s := committed[w][rnd.IntN(len(committed[w]))]
				idem := c.Idempotent(ctx)
				if got, err := c.QueryString(idem, "SELECT payload FROM ha_load WHERE worker = ? AND seq = ?", w, s); err != nil {
					atomic.AddInt64(&fig.OutsideErrs, 1)
					t.Logf("worker %d: idempotent read: %v", w, err)
				} else if got != payload(w, s) {
					atomic.AddInt64(&fig.WrongRows, 1)
					t.Logf("worker %d: read %q for seq %d", w, got, s)
				} else {
					atomic.AddInt64(&fig.Reads, 1)
				}
				if err := c.Exec(idem, "UPDATE ha_load SET payload = ? WHERE worker = ? AND seq = ?", payload(w, s), w, s); err != nil {
					atomic.AddInt64(&fig.OutsideErrs, 1)
					t.Logf("worker %d: idempotent write: %v", w, err)
				} else {
					atomic.AddInt64(&fig.Writes, 1)
				}
			}
		}()
	}

	time.Sleep(time.Second)
	killedAt.Store(time.Now().UnixNano())
	f.Primary.Kill() // SIGKILL: no goodbye to any client
	time.Sleep(300 * time.Millisecond)
	promoted := time.Now()
	promotedAt.Store(promoted.UnixNano())
	if err := f.Secondaries[0].Promote(); err != nil {
		stop.Store(true)
		wg.Wait()
		t.Fatal(err)
	}
	for firstAfterPromote.Load() == 0 && time.Since(promoted) < 10*time.Second {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	if fa := firstAfterPromote.Load(); fa != 0 {
		fig.ServingAfterPromotion = time.Duration(fa - promotedAt.Load())
	}
	if fa := firstAfterKill.Load(); fa != 0 {
		fig.ServingAfterKill = time.Duration(fa - killedAt.Load())
	}

	// Every committed row is there once, with its value; nothing else is.
	rows, err := c.Rows(ctx, "SELECT worker, seq, payload FROM ha_load")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[[2]int]int{}
	for _, r := range rows {
		k := [2]int{r.Worker, r.Seq}
		seen[k]++
		if r.Payload != payload(r.Worker, r.Seq) || seen[k] > 1 {
			fig.WrongRows++
		}
	}
	fig.Rows = int64(len(rows))
	for w, seqs := range committed {
		for _, s := range seqs {
			if seen[[2]int{w, s}] == 0 {
				fig.LostCommits++
			}
		}
	}
	return fig
}
