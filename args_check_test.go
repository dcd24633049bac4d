package ifx_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
)

// Another driver's placeholders ($1, :id, @id with positional arguments)
// get an error that says what ifx uses, for Query, QueryRow, Exec, Prepare
// and batches; a plain count mismatch reads in proper English.
func TestWrongPlaceholderStyleSaysWhatIfxUses(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "ph_style", "id INT, name VARCHAR(20)")

	for _, tc := range []struct {
		sql    string
		marker string
	}{
		{"SELECT name FROM ph_style WHERE id = $1", `"$1" at offset `},
		{"SELECT name FROM ph_style WHERE id = :id", `":id" at offset `},
		{"SELECT name FROM ph_style WHERE id = @id", `"@id" at offset `},
	} {
		check := func(what string, err error) {
			t.Helper()
			if !errors.Is(err, ifx.ErrPlaceholderStyle) {
				t.Fatalf("%s %q: got %v, want ErrPlaceholderStyle", what, tc.sql, err)
			}
			for _, want := range []string{"0 placeholders but 1 argument was given", tc.marker, "ifx uses ? placeholders", "ifx.NamedArgs"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("%s: %q lacks %q", what, err, want)
				}
			}
		}
		_, err := c.Query(ctx, tc.sql, 1)
		check("Query", err)
		if !strings.Contains(err.Error(), tc.marker+"37 ") {
			t.Errorf("Query: %q does not give the marker's offset 37", err)
		}
		var name string
		check("QueryRow", c.QueryRow(ctx, tc.sql, 1).Scan(&name))
		_, err = c.Exec(ctx, strings.Replace(tc.sql, "SELECT name FROM", "DELETE FROM", 1), 1)
		check("Exec", err)
		st, err := c.Prepare(ctx, tc.sql)
		if err == nil {
			_, err = st.Query(ctx, 1)
			st.Close(ctx)
			check("Stmt.Query", err)
		}
	}

	// The connection is fine afterwards, and @name works with NamedArgs.
	if _, err := c.Exec(ctx, "INSERT INTO ph_style VALUES (@id, @name)", ifx.NamedArgs{"id": 1, "name": "a"}); err != nil {
		t.Fatal(err)
	}

	// A count mismatch without a foreign marker is not blamed on style.
	_, err := c.Exec(ctx, "INSERT INTO ph_style VALUES (?, ?)", 1)
	if err == nil || errors.Is(err, ifx.ErrPlaceholderStyle) || !strings.Contains(err.Error(), "2 placeholders but 1 argument was given") {
		t.Fatalf("got %v", err)
	}
	// Informix's own ':' and '@' forms are not taken for placeholders.
	_, err = c.Exec(ctx, "DELETE FROM testdb:ph_style WHERE name = 'a:b' AND id = ?", 1, 2)
	if err == nil || errors.Is(err, ifx.ErrPlaceholderStyle) || !strings.Contains(err.Error(), "1 placeholder but 2 arguments were given") {
		t.Fatalf("got %v", err)
	}
}
