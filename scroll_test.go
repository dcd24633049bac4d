package ifx_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
)

// scrollTable fills table name with ids 1..n (and text "r<id>").
func scrollTable(t *testing.T, c *ifx.Conn, name string, n int) {
	t.Helper()
	freshTable(t, c, name, "id INT, v VARCHAR(10)")
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{i + 1, fmt.Sprintf("r%d", i+1)}
	}
	if _, err := c.CopyFrom(ctxT(t), ifx.Identifier{name}, []string{"id", "v"}, ifx.CopyFromRows(rows)); err != nil {
		t.Fatal(err)
	}
}

// step is one move of a scroll cursor and where it should land (0: no row).
type step struct {
	name string
	move func(s *ifx.ScrollRows) bool
	want int64
}

func runSteps(t *testing.T, s *ifx.ScrollRows, steps []step) {
	t.Helper()
	for _, st := range steps {
		ok := st.move(s)
		if err := s.Err(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if ok != (st.want != 0) || s.Position() != st.want {
			t.Fatalf("%s: ok %v at %d, want row %d", st.name, ok, s.Position(), st.want)
		}
		if !ok {
			if err := s.Scan(new(int64), new(string)); err == nil {
				t.Fatalf("%s: Scan on no row succeeded", st.name)
			}
			continue
		}
		var id int64
		var v string
		if err := s.Scan(&id, &v); err != nil || id != st.want || v != fmt.Sprintf("r%d", st.want) {
			t.Fatalf("%s: row (%d, %q) %v, want %d", st.name, id, v, err, st.want)
		}
	}
}

var (
	next  = func(s *ifx.ScrollRows) bool { return s.Next() }
	prior = func(s *ifx.ScrollRows) bool { return s.Prior() }
	first = func(s *ifx.ScrollRows) bool { return s.First() }
	last  = func(s *ifx.ScrollRows) bool { return s.Last() }
	cur   = func(s *ifx.ScrollRows) bool { return s.Current() }
)

func abs(n int64) func(s *ifx.ScrollRows) bool {
	return func(s *ifx.ScrollRows) bool { return s.Absolute(n) }
}

func rel(n int64) func(s *ifx.ScrollRows) bool {
	return func(s *ifx.ScrollRows) bool { return s.Relative(n) }
}

// A scroll cursor lands where JDBC's scroll-insensitive ResultSet does for
// the same moves (conformance scenario scroll_movements): next, relative,
// absolute from the end, past either end without an error, back from
// there; with every window size, so that moves inside and across windows
// agree.
func TestQueryScrollMovesAsJDBC(t *testing.T) {
	eachPersona(t, func(t *testing.T) {
		c := connect(t, "testdb")
		scrollTable(t, c, "scr_moves", 7)
		for _, window := range []int{1, 2, 3, 7, 32} {
			t.Run(fmt.Sprint("window ", window), func(t *testing.T) {
				s, err := c.QueryScroll(ctxT(t), "SELECT id, v FROM scr_moves ORDER BY id", ifx.WithScrollWindow(window))
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				runSteps(t, s, []step{
					{"before any move", cur, 0},
					{"next", next, 1}, {"next", next, 2},
					{"relative(2)", rel(2), 4}, {"relative(-1)", rel(-1), 3},
					{"absolute(-2)", abs(-2), 6},
					{"absolute(99)", abs(99), 0}, {"prior from after the last", prior, 7},
					{"absolute(0)", abs(0), 0}, {"next from before the first", next, 1},
					{"prior from the first", prior, 0}, {"prior again", prior, 0},
					{"relative(3) from before the first", rel(3), 3}, {"current", cur, 3},
					{"last", last, 7}, {"next from the last", next, 0}, {"next again", next, 0},
					{"relative(-2) from after the last", rel(-2), 6},
					{"first", first, 1}, {"relative(0)", rel(0), 1},
					{"absolute(-7)", abs(-7), 1}, {"absolute(-8)", abs(-8), 0},
					{"absolute(7)", abs(7), 7}, {"absolute(8)", abs(8), 0},
				})
			})
		}
	})
}

// Moves past the end of a result whose size the cursor does not know yet
// find no row, and the cursor comes back from there.
func TestQueryScrollPastTheEndUnknownCount(t *testing.T) {
	c := connect(t, "testdb")
	scrollTable(t, c, "scr_end", 5)
	s, err := c.QueryScroll(ctxT(t), "SELECT id, v FROM scr_end ORDER BY id", ifx.WithScrollWindow(2))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runSteps(t, s, []step{
		{"absolute(100)", abs(100), 0}, {"prior", prior, 5}, {"next", next, 0},
		{"absolute(4)", abs(4), 4}, {"next", next, 5}, {"next", next, 0}, {"prior", prior, 5},
	})

	empty, err := c.QueryScroll(ctxT(t), "SELECT id, v FROM scr_end WHERE id > 99")
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	runSteps(t, empty, []step{{"next", next, 0}, {"last", last, 0}, {"first", first, 0}, {"prior", prior, 0}, {"absolute(-1)", abs(-1), 0}})
}

// Stepping through the result costs one round trip per window, not per
// row: 100 rows in windows of 10 forwards, then backwards from the last.
func TestQueryScrollFetchesAWindowPerRoundTrip(t *testing.T) {
	if realServer() {
		t.Skip("counts ifxtest's request groups")
	}
	dsn, srv := testServer(t, "testdb")
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	scrollTable(t, c, "scr_win", 100)
	s, err := c.QueryScroll(ctx, "SELECT id, v FROM scr_win ORDER BY id", ifx.WithScrollWindow(10))
	if err != nil {
		t.Fatal(err)
	}
	before := groups(srv)
	n := 0
	for s.Next() {
		n++
	}
	if n != 100 || s.Err() != nil {
		t.Fatalf("%d rows, %v", n, s.Err())
	}
	// 10 windows, and one more that finds the end.
	if got := groups(srv) - before; got != 11 {
		t.Errorf("forwards: %d round trips for 100 rows in windows of 10, want 11", got)
	}
	before = groups(srv)
	n = 0
	for ok := s.Last(); ok; ok = s.Prior() {
		n++
	}
	if n != 100 || s.Err() != nil {
		t.Fatalf("backwards: %d rows, %v", n, s.Err())
	}
	// The last row is in the window already; then 10 windows backwards.
	if got := groups(srv) - before; got != 10 {
		t.Errorf("backwards: %d round trips, want 10", got)
	}
	s.Close()
}

// Other statements run while a scroll cursor is open, and it goes on
// where it was.
func TestQueryScrollBetweenOtherStatements(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	scrollTable(t, c, "scr_mix", 10)
	s, err := c.QueryScroll(ctx, "SELECT id, v FROM scr_mix WHERE id > ? ORDER BY id", ifx.WithScrollWindow(3), 2)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Absolute(2) {
		t.Fatal(s.Err())
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM scr_mix").Scan(&n); err != nil || n != 10 {
		t.Fatalf("count %d, %v", n, err)
	}
	rows, err := c.Query(ctx, "SELECT id FROM scr_mix ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	rows.Next()
	// A move takes the connection: the streaming Rows ends.
	var id int64
	var v string
	if !s.Absolute(6) || s.Scan(&id, &v) != nil || id != 8 {
		t.Fatalf("after other statements: row %d, %v", id, s.Err())
	}
	if rows.Next() || !errors.Is(rows.Err(), ifx.ErrRowsClosed) {
		t.Errorf("the Rows opened before the move: %v", rows.Err())
	}
	if s.Absolute(9) || s.Err() != nil || !s.Prior() || s.Scan(&id, &v) != nil || id != 10 {
		t.Errorf("end of the parameterised result: row %d, %v", id, s.Err())
	}
}

// A cursor opened WithHold survives COMMIT; one opened without fails its
// next move once its transaction has ended (IDS closed it), with an error
// that says so.
func TestQueryScrollWithHoldSurvivesCommit(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	scrollTable(t, c, "scr_hold", 50)
	for _, hold := range []bool{true, false} {
		t.Run(fmt.Sprint("hold ", hold), func(t *testing.T) {
			tx, err := c.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			args := []any{ifx.WithScrollWindow(5)}
			if hold {
				args = append(args, ifx.WithHold())
			}
			s, err := tx.QueryScroll(ctx, "SELECT id, v FROM scr_hold ORDER BY id", args...)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if !s.Next() {
				t.Fatal(s.Err())
			}
			if err := tx.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			ok := s.Absolute(40)
			if hold {
				var id int64
				if !ok || s.Scan(&id, new(string)) != nil || id != 40 {
					t.Fatalf("hold cursor after COMMIT: ok %v id %d %v", ok, id, s.Err())
				}
				if !s.Last() || s.Position() != 50 {
					t.Fatalf("last after COMMIT: %d %v", s.Position(), s.Err())
				}
				return
			}
			if ok || !errors.Is(s.Err(), ifx.ErrRowsClosed) || !strings.Contains(s.Err().Error(), "WithHold") {
				t.Fatalf("cursor without hold after COMMIT: ok %v, %v", ok, s.Err())
			}
		})
	}
}

// Without the driver's own check, the server reports the closed cursor:
// a transaction begun and committed as SQL text.
func TestQueryScrollClosedByServerAtCommit(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	scrollTable(t, c, "scr_sqltx", 50)
	if _, err := c.Exec(ctx, "BEGIN WORK"); err != nil {
		t.Fatal(err)
	}
	s, err := c.QueryScroll(ctx, "SELECT id, v FROM scr_sqltx ORDER BY id", ifx.WithScrollWindow(5))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Next() {
		t.Fatal(s.Err())
	}
	if _, err := c.Exec(ctx, "COMMIT WORK"); err != nil {
		t.Fatal(err)
	}
	if s.Absolute(30) || !errors.Is(s.Err(), ifx.ErrRowsClosed) {
		t.Fatalf("after COMMIT WORK: %v", s.Err())
	}
}

// QueryScroll refuses what IDS refuses, with IDS's errors, and leaves the
// connection usable; bad options are refused before anything is sent.
func TestQueryScrollRefusals(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	scrollTable(t, c, "scr_bad", 3)
	for _, tc := range []struct {
		sql  string
		args []any
		code int
		text string
	}{
		{"SELECT id FROM scr_bad FOR UPDATE", nil, -526, ""},
		{"SELECT nosuch FROM scr_bad", nil, -217, ""},
		{"UPDATE scr_bad SET id = 1", nil, 0, "returns no rows"},
		{"SELECT id FROM scr_bad", []any{ifx.WithScrollWindow(0)}, 0, "scroll window"},
		{"SELECT id FROM scr_bad", []any{ifx.WithScrollWindow(ifx.MaxScrollWindow + 1)}, 0, "scroll window"},
		{"SELECT id FROM scr_bad WHERE id = ?", nil, 0, "1 placeholder but 0 arguments"}, // the argument-count error (args_check.go)
	} {
		s, err := c.QueryScroll(ctx, tc.sql, tc.args...)
		if err == nil {
			s.Close()
			t.Errorf("%s: no error", tc.sql)
			continue
		}
		var se *ifx.Error
		if tc.code != 0 && (!errors.As(err, &se) || se.SQLCode != tc.code) {
			t.Errorf("%s: %v, want SQLCODE %d", tc.sql, err, tc.code)
		}
		if tc.text != "" && !strings.Contains(err.Error(), tc.text) {
			t.Errorf("%s: %v, want %q", tc.sql, err, tc.text)
		}
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM scr_bad").Scan(&n); err != nil || n != 3 {
		t.Fatalf("connection after the refusals: %d, %v", n, err)
	}
}

// Close releases the cursor's statement: many cursors opened and closed
// leave none behind on the server.
func TestQueryScrollCloseReleases(t *testing.T) {
	if realServer() {
		t.Skip("reads ifxtest's statement count")
	}
	dsn, srv := testServer(t, "testdb")
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	scrollTable(t, c, "scr_rel", 3)
	for range 50 {
		s, err := c.QueryScroll(ctx, "SELECT id, v FROM scr_rel")
		if err != nil {
			t.Fatal(err)
		}
		s.Next()
		s.Close()
		s.Close()
		if s.Next() || !errors.Is(s.Scan(new(int), new(string)), ifx.ErrRowsClosed) {
			t.Fatal("a closed ScrollRows moved or scanned")
		}
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	st := srv.Stats()
	if open := st[len(st)-1].OpenStatements; open > 2 {
		t.Errorf("%d statements open on the server after 50 closed scroll cursors", open)
	}
}

// The driver's scroll cursor bytes, compared with JDBC's for the same
// moves (testdata/jdbc/hold_cursors_over_commit.hex, scroll_movements.hex):
// the OPEN group is ID CURNAME SCROLL HOLD OPEN in both (cursor names
// differ only in their counter), and each SFETCH (LAST, ABSOLUTE n) is
// byte for byte JDBC's. JDBC sends SQ_RET_TYPE ahead of every SFETCH and
// one SFETCH per round trip; the driver sends none (as informix-driver)
// and a window of SFETCHes per group.
func TestScrollBytesMatchJDBC(t *testing.T) {
	if realServer() {
		t.Skip("compares bytes recorded by ifxtest")
	}
	var jOpen []string
	var jFetches []string
	for _, sc := range []string{"hold_cursors_over_commit", "scroll_movements"} {
		for _, g := range clientGroups(t, jdbcStream(t, sc)) {
			if len(g) == 5 && g[2] == "0018" && g[3] == "002b" {
				jOpen = g
			}
			for _, m := range g {
				if strings.HasPrefix(m, "0017") {
					jFetches = append(jFetches, m)
				}
			}
		}
	}
	ours := clientGroups(t, ourStream(t, func(c *ifx.Conn) {
		ctx := ctxT(t)
		scrollTable(t, c, "scr_bytes", 7)
		s, err := c.QueryScroll(ctx, "SELECT id, v FROM scr_bytes ORDER BY id", ifx.WithHold(), ifx.WithScrollWindow(1))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if !s.Last() || !s.Absolute(3) {
			t.Fatal(s.Err())
		}
	}))
	var oOpen []string
	var oFetches []string
	for _, g := range ours {
		if len(g) == 5 && g[2] == "0018" {
			oOpen = g
		}
		for _, m := range g {
			if strings.HasPrefix(m, "0017") {
				oFetches = append(oFetches, m)
			}
		}
	}
	if jOpen == nil || oOpen == nil {
		t.Fatalf("OPEN groups: jdbc %v, ours %v", jOpen, oOpen)
	}
	for i := range jOpen {
		j, o := jOpen[i], oOpen[i]
		if i == 1 { // CURNAME: tag, length 18, "_ifxc" and 13 digits
			j, o = j[:18], o[:18]
		}
		if j != o {
			t.Errorf("OPEN group message %d: jdbc %s, ours %s", i, jOpen[i], oOpen[i])
		}
	}
	want := []string{"001700040000000000001000", "001700060000000300001000"} // LAST; ABSOLUTE 3
	for _, w := range want {
		if !slices.Contains(jFetches, w) {
			t.Errorf("JDBC's transcripts lack SFETCH %s", w)
		}
	}
	if !slices.Equal(oFetches, want) {
		t.Errorf("our SFETCHes %v, want %v", oFetches, want)
	}
}

//go:noinline
func scrollAndDrop(ctx context.Context, c *ifx.Conn) error {
	s, err := c.QueryScroll(ctx, "SELECT id, v FROM scr_leak")
	if err == nil && !s.Next() {
		err = s.Err()
	}
	return err
}

// A ScrollRows dropped without Close has its statement released, as a
// dropped Stmt's is: 5,000 of them do not exhaust the session (ifxtest
// refuses a 4,097th statement with -208, as IDS runs out).
func TestDroppedScrollRowsAreReleased(t *testing.T) {
	var logged lockedBuffer
	c, open := connectLeakLogged(t, &logged, false)
	ctx := ctxT(t)
	scrollTable(t, c, "scr_leak", 3)
	for i := range 5000 {
		if i%500 == 499 {
			runtime.GC()
		}
		if err := scrollAndDrop(ctx, c); err != nil {
			t.Fatalf("scroll cursor %d: %v (%d open)", i, err, open())
		}
	}
	end := time.Now().Add(5 * time.Second)
	for c.LeakedStmtsReclaimed() < 5000 && time.Now().Before(end) {
		runtime.GC()
		if err := c.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := c.LeakedStmtsReclaimed(); n != 5000 {
		t.Fatalf("%d of 5000 dropped ScrollRows released", n)
	}
	if n := open(); n > 1 {
		t.Errorf("the server holds %d statements after the reclaim", n)
	}
	if out := logged.String(); !strings.Contains(out, "handle=ifx.ScrollRows") || strings.Contains(out, "handle=ifx.Stmt") {
		t.Errorf("leak report does not name the ScrollRows: %.300s", out)
	}
}

// A Tracer sees QueryScroll's OPEN as a query, with its SQL, arguments
// and outcome.
func TestQueryScrollTraced(t *testing.T) {
	tr := &recordingTracer{}
	c := tracedConn(t, tr)
	ctx := ctxT(t)
	tr.take()
	s, err := c.QueryScroll(ctx, "SELECT tabid FROM systables WHERE tabid < ?", ifx.WithHold(), 3)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	wantTrace(t, tr, "open", "query start SELECT tabid FROM systables WHERE tabid < ? [3]", "query end true SELECT 0 rows=0 err=0")
	if _, err := c.QueryScroll(ctx, "SELECT nosuch FROM systables"); err == nil {
		t.Fatal("no error")
	}
	wantTrace(t, tr, "failed open", "query start SELECT nosuch FROM systables []", "query end true STATEMENT 0 rows=0 err=-217")
}
