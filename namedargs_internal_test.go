package ifx

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRewriteNamed(t *testing.T) {
	for _, tc := range []struct {
		sql      string
		args     any
		wantSQL  string
		wantArgs []any
		wantErr  string
	}{
		{"SELECT a FROM t WHERE id = @id", NamedArgs{"id": 1}, "SELECT a FROM t WHERE id = ?", []any{1}, ""},
		{"SELECT @a, @b, @a", NamedArgs{"a": 1, "b": "x"}, "SELECT ?, ?, ?", []any{1, "x", 1}, ""},
		// A name without a value binds NULL; names are case-sensitive.
		{"SELECT @A, @a", NamedArgs{"a": 1}, "SELECT ?, ?", []any{nil, 1}, ""},
		{"SELECT @_x1 FROM t", NamedArgs{"_x1": 2}, "SELECT ? FROM t", []any{2}, ""},
		// Not placeholders: in quotes and comments, after a name
		// character (db@server:table), @ without a name.
		{"SELECT '@a', \"@a\" FROM t -- @a\nWHERE x = @a { @a } /* @a */", NamedArgs{"a": 1},
			"SELECT '@a', \"@a\" FROM t -- @a\nWHERE x = ? { @a } /* @a */", []any{1}, ""},
		{"SELECT * FROM stores@prod:customer WHERE c = @c", NamedArgs{"c": 3},
			"SELECT * FROM stores@prod:customer WHERE c = ?", []any{3}, ""},
		{"SELECT x$@a, @1, @ FROM t", NamedArgs{"a": 1}, "SELECT x$@a, @1, @ FROM t", nil, ""},
		{"SELECT 'it''s @a', @a", NamedArgs{"a": 1}, "SELECT 'it''s @a', ?", []any{1}, ""},
		{"SELECT @a FROM t WHERE b = ?", NamedArgs{"a": 1}, "", nil, "'?' placeholder at offset 27"},
		{"SELECT @a, @b", StrictNamedArgs{"a": 1}, "", nil, "no value for @b"},
		{"SELECT @a", StrictNamedArgs{"a": 1, "z": 2, "y": 3}, "", nil, "no placeholder for y, z"},
		{"SELECT @a", StrictNamedArgs{"a": 1}, "SELECT ?", []any{1}, ""},
		// No named arguments: nothing changes.
		{"SELECT @a", 5, "SELECT @a", []any{5}, ""},
	} {
		sql, args, err := rewriteNamed(tc.sql, []any{tc.args})
		if tc.wantErr != "" {
			if err == nil || !errors.Is(err, ErrNamedArgs) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%q: %v, want an error with %q", tc.sql, err, tc.wantErr)
			}
			continue
		}
		if err != nil || sql != tc.wantSQL || !reflect.DeepEqual(args, tc.wantArgs) {
			t.Errorf("%q:\n got %q %v %v\nwant %q %v", tc.sql, sql, args, err, tc.wantSQL, tc.wantArgs)
		}
	}
}

// FuzzRewriteNamed: any SQL text rewrites without a panic, and the '?'
// markers of the result are exactly the arguments bound.
func FuzzRewriteNamed(f *testing.F) {
	for _, s := range []string{"SELECT @a, @b FROM t WHERE x = '@a' -- @b\n", "{ @a } /* @a */ @a", "db@srv:t @a", "@", "'unterminated @a", "/* @a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		out, args, err := rewriteNamed(sql, []any{NamedArgs{"a": 1, "b": 2}})
		if err != nil {
			if !errors.Is(err, ErrNamedArgs) {
				t.Fatalf("%q: %v", sql, err)
			}
			return
		}
		if args == nil {
			if out != sql {
				t.Fatalf("%q changed to %q without placeholders", sql, out)
			}
			return
		}
		if n := countPlaceholders(out); n != len(args) {
			t.Fatalf("%q → %q: %d markers for %d arguments", sql, out, n, len(args))
		}
	})
}
