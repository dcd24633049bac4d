package ifx

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/ifxgo/ifx/internal/sqltext"
)

// NamedArgs binds @name placeholders by name, as in pgx: passed as the
// only argument of Query, QueryRow or Exec (on a Conn, Tx or pool) or of
// Batch.Queue, it turns each @name into a '?' and binds the value under
// that name; a name used twice binds its value twice. A name with no
// value binds NULL. Names are case-sensitive: a letter or _ first, then
// letters, digits and _.
//
// An @ right after a name character is not a placeholder, so Informix's
// db@server:table references stay as they are; neither is an @ inside a
// quoted string or a comment. A statement cannot mix @name and '?'.
//
//	conn.Query(ctx, "SELECT * FROM orders WHERE customer_num = @cust AND ship_date > @since",
//		ifx.NamedArgs{"cust": 101, "since": since})
type NamedArgs map[string]any

// StrictNamedArgs is NamedArgs that must match the statement exactly: a
// placeholder without a value, or a value without a placeholder, is an
// error.
type StrictNamedArgs map[string]any

// ErrNamedArgs is matched (errors.Is) by the errors of binding
// NamedArgs and StrictNamedArgs.
var ErrNamedArgs = errors.New("ifx: named arguments")

// rewriteNamed rewrites sql's @name placeholders into '?' when args is a
// single NamedArgs or StrictNamedArgs, and returns the positional
// arguments; other arguments pass through unchanged.
func rewriteNamed(sql string, args []any) (string, []any, error) {
	if len(args) != 1 {
		return sql, args, nil
	}
	var (
		named  map[string]any
		strict bool
	)
	switch a := args[0].(type) {
	case NamedArgs:
		named = a
	case StrictNamedArgs:
		named, strict = a, true
	default:
		return sql, args, nil
	}
	var (
		b    strings.Builder
		out  []any
		used map[string]bool
		last int
	)
	if strict {
		used = make(map[string]bool, len(named))
	}
	for i := 0; i < len(sql); {
		if j := sqltext.Skip(sql, i); j != i {
			i = j
			continue
		}
		switch {
		case sql[i] == '?':
			return "", nil, fmt.Errorf("%w: the statement has a '?' placeholder at offset %d; use @name throughout", ErrNamedArgs, i)
		case sql[i] == '@' && (i == 0 || !isNameByte(sql[i-1]) && sql[i-1] != '$') && i+1 < len(sql) && isNameStart(sql[i+1]):
			j := i + 2
			for j < len(sql) && isNameByte(sql[j]) {
				j++
			}
			name := sql[i+1 : j]
			v, ok := named[name]
			if strict {
				if !ok {
					return "", nil, fmt.Errorf("%w: no value for @%s", ErrNamedArgs, name)
				}
				used[name] = true
			}
			b.WriteString(sql[last:i])
			b.WriteByte('?')
			out = append(out, v)
			last = j
			i = j
			continue
		}
		i++
	}
	if strict && len(used) != len(named) {
		var extra []string
		for name := range named {
			if !used[name] {
				extra = append(extra, name)
			}
		}
		sort.Strings(extra)
		return "", nil, fmt.Errorf("%w: the statement has no placeholder for %s", ErrNamedArgs, strings.Join(extra, ", "))
	}
	if out == nil {
		return sql, nil, nil
	}
	b.WriteString(sql[last:])
	return b.String(), out, nil
}

func isNameStart(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_'
}

func isNameByte(b byte) bool {
	return isNameStart(b) || b >= '0' && b <= '9'
}

// SplitStatements splits an SQL script into its statements, as ifxsql
// does before running them one by one; migration tools can use it the
// same way. A semicolon ends a statement unless it is inside a quoted
// string or name ('…', "…"), a comment (-- …, /* … */, { … }), the body
// of a CREATE [DBA] PROCEDURE or FUNCTION (up to END PROCEDURE or END
// FUNCTION), or the parenthesised action list of a CREATE TRIGGER.
//
// Each statement comes back without its semicolon and trimmed of white
// space, keeping the comments before it; pieces holding only comments
// are dropped, so every statement returned can be sent to the server as
// it is:
//
//	for _, stmt := range ifx.SplitStatements(script) {
//		if _, err := conn.Exec(ctx, stmt); err != nil {
//			return fmt.Errorf("%.40q: %w", stmt, err)
//		}
//	}
func SplitStatements(sql string) []string { return sqltext.Split(sql) }

// ErrPlaceholderStyle is wrapped by the error of a statement whose
// argument count does not match its '?' placeholders and which holds
// another driver's placeholder ($1, :id, @id with positional arguments),
// the usual cause of the mismatch.
var ErrPlaceholderStyle = errors.New("ifx uses ? placeholders, or @name with a single ifx.NamedArgs argument")

// argCountError explains a statement with n '?' placeholders given got
// arguments, naming a foreign-style placeholder when there is one. It
// runs only on the error path, so the scan costs nothing otherwise.
func argCountError(sql string, n, got int) error {
	msg := "ifx: the statement has " + plural(n, "placeholder") + " but " + plural(got, "argument")
	if got == 1 {
		msg += " was given"
	} else {
		msg += " were given"
	}
	if m, at := sqltext.ForeignMarker(sql); m != "" {
		return fmt.Errorf("%s; %q at offset %d is not an Informix placeholder: %w", msg, m, at, ErrPlaceholderStyle)
	}
	return errors.New(msg)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// placeholderHint adds to a syntax error (-201, -202) the server reported
// for sql the foreign-style placeholder that likely caused it: preparing
// "… WHERE id = $1" fails at the server before any argument is counted.
func placeholderHint(sql string, err error) error {
	var e *Error
	if !errors.As(err, &e) || e.SQLCode != -201 && e.SQLCode != -202 {
		return err
	}
	if m, at := sqltext.ForeignMarker(sql); m != "" {
		e.Message += fmt.Sprintf(" (%q at offset %d is not an Informix placeholder: %v)", m, at, ErrPlaceholderStyle)
	}
	return err
}
