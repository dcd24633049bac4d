package engine

import (
	"context"
	"testing"
)

// A BYTE or TEXT column may be created IN TABLE or IN a blobspace the
// server has; a blobspace it lacks is refused, as in IDS.
func TestByteTextInBlobspace(t *testing.T) {
	e, err := Open(Config{Blobspaces: []string{"blobspace1"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	s := newSession(t, e, "")
	exec(t, s, "create database bsdb with log")
	if _, err := s.OpenDatabase(context.Background(), "bsdb"); err != nil {
		t.Fatal(err)
	}
	exec(t, s, "create table tb (id int, data byte in blobspace1, note text in table)")
	exec(t, s, "create table tt (id int, data TEXT IN BLOBSPACE1 not null)")
	exec(t, s, "alter table tb add (more byte in blobspace1)")
	eq(t, "added column", one(t, s, "select c.colname from syscolumns c, systables t where c.tabid = t.tabid and t.tabname = 'tb' and c.colno = 4"), Value("more"))

	e2 := wantErr(t, s, -261, "create table tx (id int, data byte in nosuchspace)")
	eq(t, "near", e2.Near, "nosuchspace")
	eq(t, "offset (1-based, at the name)", e2.Offset, 39)
	wantErr(t, s, -261, "alter table tb add (other text in nosuchspace)")
	// The clause belongs to BYTE and TEXT only.
	wantErr(t, s, -201, "create table ty (id int in blobspace1)")
}
