package stdlib_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
)

// Through database/sql, another driver's placeholders get the error that
// says what ifx uses, whether the statement is run directly or prepared.
func TestWrongPlaceholderStyleThroughDatabaseSQL(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	table(t, db, "ph_style", "(id INT, name VARCHAR(20))")

	check := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, ifx.ErrPlaceholderStyle) || !strings.Contains(err.Error(), `"$1"`) {
			t.Errorf("%s: got %v, want ErrPlaceholderStyle naming $1", what, err)
		}
	}
	const q = "SELECT name FROM ph_style WHERE id = $1"
	_, err := db.QueryContext(ctx, q, 1)
	check("Query", err)
	var name string
	check("QueryRow", db.QueryRowContext(ctx, q, 1).Scan(&name))
	_, err = db.ExecContext(ctx, "DELETE FROM ph_style WHERE id = $1", 1)
	check("Exec", err)
	// Prepare has no arguments to count: the server refuses the text
	// (ifxtest, as IDS, with a syntax error), and the error names the
	// marker too.
	for _, q := range []string{q, "SELECT name FROM ph_style WHERE id = :id", "SELECT name FROM ph_style WHERE id = @id"} {
		_, err = db.PrepareContext(ctx, q)
		var ie *ifx.Error
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), "is not an Informix placeholder: ifx uses ? placeholders") {
			t.Errorf("Prepare %q: got %v", q, err)
		}
	}
}
