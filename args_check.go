package ifx

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/ifxgo/ifx/internal/sqltext"
)

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
