package stdlib_test

import (
	"bytes"
	"context"
	"database/sql"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
)

// TestLargeObjectColumnsThroughDatabaseSQL: a BLOB scans into []byte and
// a CLOB into string through database/sql; a locator made on the native
// connection (sql.Conn.Raw) binds as an argument.
func TestLargeObjectColumnsThroughDatabaseSQL(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	if srv == nil {
		t.Skip("needs ifxtest's sbspace")
	}
	db := openDB(t, dsn)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE TABLE lo_std (b BLOB, c CLOB)"); err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var locs []ifxtype.Locator
	for _, k := range []struct {
		kind ifxtype.LOKind
		data string
	}{{ifxtype.BLOB, "\x00\x01binary\xff"}, {ifxtype.CLOB, "some text"}} {
		err := conn.Raw(func(dc any) error {
			lo, err := dc.(interface{ Conn() *ifx.Conn }).Conn().CreateLargeObject(ctx, k.kind)
			if err != nil {
				return err
			}
			if _, err := lo.Write([]byte(k.data)); err != nil {
				return err
			}
			locs = append(locs, lo.Locator())
			return lo.Close()
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := conn.ExecContext(ctx, "INSERT INTO lo_std VALUES (?, ?)", locs[0], locs[1]); err != nil {
		t.Fatal(err)
	}
	var b []byte
	var s string
	var ns sql.NullString
	if err := conn.QueryRowContext(ctx, "SELECT b, c, c FROM lo_std").Scan(&b, &s, &ns); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, []byte("\x00\x01binary\xff")) || s != "some text" || ns.String != "some text" {
		t.Fatalf("%q %q %+v", b, s, ns)
	}
}

// TestLargeObjectReaderArgumentThroughDatabaseSQL: an io.Reader argument
// of ExecContext streams into a new BLOB.
func TestLargeObjectReaderArgumentThroughDatabaseSQL(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	if srv == nil {
		t.Skip("needs ifxtest's sbspace")
	}
	db := openDB(t, dsn)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE TABLE lo_rd (b BLOB)"); err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("0123456789"), 10000)
	if _, err := db.ExecContext(ctx, "INSERT INTO lo_rd VALUES (?)", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	var b []byte
	if err := db.QueryRowContext(ctx, "SELECT b FROM lo_rd").Scan(&b); err != nil || !bytes.Equal(b, data) {
		t.Fatalf("%d bytes, %v", len(b), err)
	}
}
