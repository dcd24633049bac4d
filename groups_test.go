package ifx_test

import (
	"testing"
)

// groupsPerOp runs op once to reach a steady state (cleanup of an earlier
// operation travels with the next request), then n times, and returns the
// request groups ifxtest counted per operation.
func groupsPerOp(t *testing.T, count func() int, n int, op func() error) float64 {
	t.Helper()
	if err := op(); err != nil {
		t.Fatal(err)
	}
	before := count()
	for range n {
		if err := op(); err != nil {
			t.Fatal(err)
		}
	}
	return float64(count()-before) / float64(n)
}

func TestRequestGroupsPerQuery(t *testing.T) {
	if realServer() {
		t.Skip("counts ifxtest's request groups")
	}
	// Round trips (writes) and request groups per operation, after a
	// first run that fills the statement cache; nocache* without it.
	type want struct{ groups, writes, nocacheGroups, nocacheWrites float64 }
	dsn, srv := testServer(t, "testdb")
	for _, cached := range []bool{true, false} {
		extra := ""
		if !cached {
			extra = "&statement_cache_capacity=0"
		}
		c, writes := connectCounting(t, dsn+extra)
		ctx := ctxT(t)
		count := func() int { return groups(srv) }
		for _, s := range []string{
			"CREATE TABLE kv (id INTEGER PRIMARY KEY, name VARCHAR(20))",
			"INSERT INTO kv VALUES (1, 'one')",
			"INSERT INTO kv VALUES (2, 'two')",
		} {
			if _, err := c.Exec(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		lookup, err := c.Prepare(ctx, "SELECT id, name FROM kv WHERE id = ?")
		if err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name string
			want want
			op   func() error
		}{
			// Cached: ID CURNAME OPEN ID NFETCH ID CLOSE. Without: PREPARE;
			// the same and ID RELEASE.
			{"Conn.QueryRow SELECT 1", want{1, 1, 2, 2}, func() error {
				var v int
				return c.QueryRow(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&v)
			}},
			{"Conn.QueryRow with an argument", want{1, 1, 2, 2}, func() error {
				var id int
				var name string
				return c.QueryRow(ctx, "SELECT id, name FROM kv WHERE id = ?", 2).Scan(&id, &name)
			}},
			// ID CURNAME BIND OPEN ID NFETCH ID CLOSE.
			{"Stmt.QueryRow (prepared lookup)", want{1, 1, 1, 1}, func() error {
				var id int
				var name string
				return lookup.QueryRow(ctx, 1).Scan(&id, &name)
			}},
			// [PREPARE;] OPEN+NFETCH; CLOSE[+RELEASE] folded into the next
			// write.
			{"Conn.Query, read to the end", want{2, 1, 3, 2}, func() error {
				rows, err := c.Query(ctx, "SELECT id FROM kv")
				if err != nil {
					return err
				}
				for rows.Next() {
				}
				return rows.Err()
			}},
			// [PREPARE;] ID BIND EXECUTE[; RELEASE with the next write].
			{"Conn.Exec with an argument", want{1, 1, 3, 2}, func() error {
				_, err := c.Exec(ctx, "UPDATE kv SET name = ? WHERE id = 1", "uno")
				return err
			}},
			{"Conn.Exec without arguments", want{1, 1, 1, 1}, func() error {
				_, err := c.Exec(ctx, "UPDATE kv SET name = 'uno' WHERE id = 1")
				return err
			}},
		}
		for _, tc := range cases {
			g, w := tc.want.groups, tc.want.writes
			if !cached {
				g, w = tc.want.nocacheGroups, tc.want.nocacheWrites
			}
			if err := tc.op(); err != nil { // fills the cache
				t.Fatal(err)
			}
			w0 := writes.Load()
			got := groupsPerOp(t, count, 20, tc.op)
			if got != g {
				t.Errorf("cache %v: %s: %.2f request groups per operation, want %v", cached, tc.name, got, g)
			}
			if gotW := float64(writes.Load()-w0) / 21; gotW != w {
				t.Errorf("cache %v: %s: %.2f writes per operation, want %v", cached, tc.name, gotW, w)
			}
		}
		// QueryRow leaves nothing behind: the connection is clean.
		var n int
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM kv").Scan(&n); err != nil || n != 2 {
			t.Fatalf("count: %d %v", n, err)
		}
		lookup.Close(ctx)
		if _, err := c.Exec(ctx, "DROP TABLE kv"); err != nil {
			t.Fatal(err)
		}
	}
}
