package ifxtest

import (
	"encoding/binary"
	"slices"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// IBM JDBC's RETURN_GENERATED_KEYS: SQ_SGKPREPARE (134) in the PREPARE group
// makes each execution of the INSERT answer SQ_SGKDESCRIBE and SQ_SGKTUPLE
// with the generated SERIAL before SQ_DONE; without it nothing changes.
func TestGeneratedKeysMessages(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE t_gk (v VARCHAR(10), id SERIAL)")
	c.exec("INSERT INTO t_gk (v) VALUES ('a')")

	var gotDesc *sqli.Describe
	var gotTuple []byte
	c.send(&sqli.Prepare{SQL: "INSERT INTO t_gk (v) VALUES ('b')"}, &sqli.SGKPrepare{Flag: 1}, sqli.NDescribe{}, sqli.WantDone{})
	r, err := c.read()
	if err != nil || r.err != nil {
		t.Fatalf("prepare: %v %+v", err, r.err)
	}
	id := r.describe.StmtID
	c.send(&sqli.ID{StatementID: id}, sqli.Execute{})
	c.nc.SetReadDeadline(time.Now().Add(30 * time.Second))
	var tags []sqli.Tag
	for {
		m, err := c.rd.ReadBackend()
		if err != nil {
			t.Fatal(err)
		}
		tags = append(tags, m.Tag())
		if m.Tag() == sqli.TagEOT {
			break
		}
		switch m := m.(type) {
		case *sqli.SGKDescribe:
			d := m.Describe
			d.Columns = slices.Clone(m.Columns)
			gotDesc = &d
		case *sqli.SGKTuple:
			gotTuple = slices.Clone(m.Data)
		}
	}
	want := []sqli.Tag{sqli.TagSGKDescribe, sqli.TagSGKTuple, sqli.TagDone, sqli.TagCost, sqli.TagEOT}
	if !slices.Equal(tags, want) {
		t.Fatalf("EXECUTE reply %v, want %v", tags, want)
	}
	if len(gotDesc.Columns) != 1 || gotDesc.Columns[0].Name != "id" || gotDesc.Columns[0].Type.Base() != 6 {
		t.Fatalf("SGKDESCRIBE columns %+v, want id SERIAL", gotDesc.Columns)
	}
	if len(gotTuple) != 4 || binary.BigEndian.Uint32(gotTuple) != 2 {
		t.Fatalf("SGKTUPLE % x, want the SERIAL 2", gotTuple)
	}
	c.roundTrip(&sqli.ID{StatementID: id}, sqli.Release{})

	// Without SQ_SGKPREPARE the reply is the plain one.
	r = c.exec("INSERT INTO t_gk (v) VALUES ('c')")
	if slices.Contains(r.tags, sqli.TagSGKDescribe) || slices.Contains(r.tags, sqli.TagSGKTuple) {
		t.Fatalf("plain INSERT answered %v", r.tags)
	}
}
