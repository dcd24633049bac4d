package ifx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
)

// An SPL function that RETURNs WITH RESUME streams its rows through Query
// like a SELECT (statement type 56 with columns, docs/PROTOCOL.md); a
// procedure runs through Exec; RAISE EXCEPTION arrives as *ifx.Error with
// its code, ISAM code and text.
func TestSPLRoutinesThroughTheNativeAPI(t *testing.T) {
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, testDSN(t, "testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	for _, q := range []string{"DROP FUNCTION IF EXISTS ifx_spl_gen", "DROP PROCEDURE IF EXISTS ifx_spl_fail",
		"DROP TABLE IF EXISTS ifx_spl_t"} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	// The text has semicolons and a '?' in a comment-free string: Exec
	// must send it whole, with no marker counted.
	create := `CREATE FUNCTION ifx_spl_gen(n INT, tag VARCHAR(10) DEFAULT '?')
    RETURNING INT, VARCHAR(20);
  DEFINE i INT;
  FOR i = 1 TO n
    RETURN i, tag || i WITH RESUME;
  END FOR;
END FUNCTION`
	if _, err := c.Exec(ctx, create); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Exec(context.Background(), "DROP FUNCTION IF EXISTS ifx_spl_gen")
		c.Exec(context.Background(), "DROP PROCEDURE IF EXISTS ifx_spl_fail")
		c.Exec(context.Background(), "DROP TABLE IF EXISTS ifx_spl_t")
	})
	rows, err := c.Query(ctx, "EXECUTE FUNCTION ifx_spl_gen(?, 'r')", 250)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var i int
		var s string
		if err := rows.Scan(&i, &s); err != nil {
			t.Fatal(err)
		}
		n++
		if i != n || s != "r"+itoa(n) {
			t.Fatalf("row %d: %d %q", n, i, s)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 250 {
		t.Fatalf("got %d rows, want 250", n)
	}
	// The DEFAULT of the second parameter.
	var tag string
	var one int
	if err := c.QueryRow(ctx, "EXECUTE FUNCTION ifx_spl_gen(1)").Scan(&one, &tag); err != nil {
		t.Fatal(err)
	}
	if tag != "?1" {
		t.Fatalf("default: %q", tag)
	}

	if _, err := c.Exec(ctx, "CREATE TABLE ifx_spl_t (n INT)"); err != nil {
		t.Fatal(err)
	}
	proc := `CREATE PROCEDURE ifx_spl_fail(v INT)
  INSERT INTO ifx_spl_t VALUES (v);
  IF v < 0 THEN
    RAISE EXCEPTION -746, 12, 'negative: ' || v;
  END IF;
END PROCEDURE;`
	if _, err := c.Exec(ctx, proc); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "EXECUTE PROCEDURE ifx_spl_fail(5)"); err != nil {
		t.Fatal(err)
	}
	_, err = c.Exec(ctx, "EXECUTE PROCEDURE ifx_spl_fail(?)", -3)
	var ie *ifx.Error
	if !errors.As(err, &ie) || ie.SQLCode != -746 || ie.ISAMCode != 12 || ie.Near != "negative: -3" {
		t.Fatalf("got %#v, want -746/12 'negative: -3'", err)
	}
	var cnt int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM ifx_spl_t WHERE n = 5").Scan(&cnt); err != nil || cnt != 1 {
		t.Fatalf("procedure's insert: %d %v", cnt, err)
	}
}
