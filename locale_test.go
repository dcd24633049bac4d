package ifx_test

import (
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
)

func TestClientLocales(t *testing.T) {
	dsn := testDSN(t, "testdb")
	ctx := ctxT(t)
	latin, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer latin.Close(ctx)
	if _, err := latin.Exec(ctx, "CREATE TABLE loc (s VARCHAR(40), c CHAR(6))"); err != nil {
		t.Fatal(err)
	}
	if _, err := latin.Exec(ctx, "INSERT INTO loc VALUES (?, ?)", "café naïve", "Ünï"); err != nil {
		t.Fatal(err)
	}
	if _, err := latin.Exec(ctx, "INSERT INTO loc VALUES ('crème', 'ß')"); err != nil {
		t.Fatal(err)
	}
	// Not representable in 8859-1: a clear error, nothing sent.
	if _, err := latin.Exec(ctx, "INSERT INTO loc VALUES (?, 'x')", "日本"); err == nil || !strings.Contains(err.Error(), "client_locale") {
		t.Errorf("Japanese in 8859-1: %v", err)
	}
	var got []string
	rows, err := latin.Query(ctx, "SELECT s, c FROM loc ORDER BY s DESC")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s, c string
		if err := rows.Scan(&s, &c); err != nil {
			t.Fatal(err)
		}
		got = append(got, s+"|"+c)
	}
	if want := "crème|ß     ,café naïve|Ünï   "; strings.Join(got, ",") != want {
		t.Errorf("latin1 round trip: %q, want %q", strings.Join(got, ","), want)
	}

	utf, err := ifx.Connect(ctx, dsn+"&client_locale=en_US.utf8")
	if err != nil {
		t.Fatal(err)
	}
	defer utf.Close(ctx)
	if _, err := utf.Exec(ctx, "INSERT INTO loc VALUES (?, 'x')", "日本語"); err != nil {
		t.Fatal(err)
	}
	var s string
	if err := utf.QueryRow(ctx, "SELECT s FROM loc WHERE c = 'x'").Scan(&s); err != nil || s != "日本語" {
		t.Errorf("utf8: %q %v", s, err)
	}
	if err := utf.QueryRow(ctx, "SELECT s FROM loc WHERE s LIKE 'caf%'").Scan(&s); err != nil || s != "café naïve" {
		t.Errorf("utf8 reading latin1-inserted text: %q %v", s, err)
	}
}
