package stdlib_test

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
)

// database/sql: EXECUTE FUNCTION of an SPL function RETURNing WITH RESUME
// is a Query with rows, EXECUTE PROCEDURE an Exec, and RAISE EXCEPTION
// arrives as *ifx.Error.
func TestSPLRoutinesThroughDatabaseSQL(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	for _, q := range []string{"DROP FUNCTION IF EXISTS std_spl_gen", "DROP PROCEDURE IF EXISTS std_spl_raise"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ExecContext(ctx, `CREATE FUNCTION std_spl_gen(n INT) RETURNING INT;
  DEFINE i INT;
  LET i = 0;
  WHILE i < n
    LET i = i + 1;
    RETURN i * i WITH RESUME;
  END WHILE;
END FUNCTION`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "CREATE PROCEDURE std_spl_raise() RAISE EXCEPTION -746, 0, 'from SPL'; END PROCEDURE"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Exec("DROP FUNCTION IF EXISTS std_spl_gen")
		db.Exec("DROP PROCEDURE IF EXISTS std_spl_raise")
	})
	rows, err := db.QueryContext(ctx, "EXECUTE FUNCTION std_spl_gen(?)", 4)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[0] != 1 || got[3] != 16 {
		t.Fatalf("rows %v, want [1 4 9 16]", got)
	}
	_, err = db.ExecContext(ctx, "EXECUTE PROCEDURE std_spl_raise()")
	var ie *ifx.Error
	if !errors.As(err, &ie) || ie.SQLCode != -746 || ie.Near != "from SPL" {
		t.Fatalf("got %v, want -746 'from SPL'", err)
	}
}
