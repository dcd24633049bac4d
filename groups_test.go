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
	dsn, srv := testServer(t, "testdb")
	c, writes := connectCounting(t, dsn)
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
	defer lookup.Close(ctx)
	cases := []struct {
		name   string
		want   float64
		writes int64 // round trips (writes) per operation
		op     func() error
	}{
		// PREPARE; ID CURNAME OPEN ID NFETCH ID CLOSE ID RELEASE.
		{"Conn.QueryRow SELECT 1", 2, 2, func() error {
			var v int
			return c.QueryRow(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&v)
		}},
		{"Conn.QueryRow with an argument", 2, 2, func() error {
			var id int
			var name string
			return c.QueryRow(ctx, "SELECT id, name FROM kv WHERE id = ?", 2).Scan(&id, &name)
		}},
		// ID CURNAME BIND OPEN ID NFETCH ID CLOSE.
		{"Stmt.QueryRow (prepared lookup)", 1, 1, func() error {
			var id int
			var name string
			return lookup.QueryRow(ctx, 1).Scan(&id, &name)
		}},
		// PREPARE; OPEN+NFETCH; CLOSE+RELEASE folded into the next write.
		{"Conn.Query, read to the end", 3, 2, func() error {
			rows, err := c.Query(ctx, "SELECT id FROM kv")
			if err != nil {
				return err
			}
			for rows.Next() {
			}
			return rows.Err()
		}},
		{"Conn.Exec without arguments", 1, 1, func() error {
			_, err := c.Exec(ctx, "UPDATE kv SET name = 'uno' WHERE id = 1")
			return err
		}},
	}
	for _, tc := range cases {
		w0 := writes.Load()
		got := groupsPerOp(t, count, 20, tc.op)
		if got != tc.want {
			t.Errorf("%s: %.2f request groups per operation, want %v", tc.name, got, tc.want)
		}
		if w := (writes.Load() - w0) / 21; w != tc.writes {
			t.Errorf("%s: %d writes per operation, want %d", tc.name, w, tc.writes)
		}
	}
	// QueryRow leaves nothing behind: the connection is clean and the
	// statement ids are reused.
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM kv").Scan(&n); err != nil || n != 2 {
		t.Fatalf("count: %d %v", n, err)
	}
}
