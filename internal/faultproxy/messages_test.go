package faultproxy

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

var testFeat = sqli.NewFeatures(sqli.JDBCOffer).Intersect(sqli.NewFeatures(sqli.IDS15Mask))

func group(msgs ...sqli.Message) []rawMsg {
	var g []rawMsg
	for _, m := range append(msgs, sqli.EOT{}) {
		g = append(g, rawMsg{tag: m.Tag(), b: m.Encode(nil, testFeat)})
	}
	return g
}

func enc(msgs ...sqli.Message) []byte { return sqli.AppendGroup(nil, testFeat, msgs...) }

// TestApplyAttacks checks each attack's bytes on a reply group.
func TestApplyAttacks(t *testing.T) {
	desc := &sqli.Describe{StmtType: sqli.StmtInsert, StmtID: 3}
	done := &sqli.Done{Rows: 2}
	cost := &sqli.Cost{}
	eot := sqli.EOT{}.Encode(nil, testFeat)
	orig := enc(desc, done, cost)
	cases := []struct {
		a    Attack
		want []byte
	}{
		{"", orig},
		{DupEOT, append(enc(desc, done, cost), eot...)},
		{DupGroup, append(enc(desc, done, cost), orig...)},
		{ExtraDone, append(enc(desc, done, cost), enc(&sqli.Done{Rows: 1})...)},
		{DropDescribe, enc(done, cost)},
		{DropDone, enc(desc, cost)},
		{EOTFirst, append(append([]byte(nil), eot...), orig...)},
		{LastFirst, enc(cost, desc, done)},
		{DoneFirst, enc(done, desc, cost)},
		{SameID, enc(&sqli.Describe{StmtType: sqli.StmtInsert, StmtID: 7}, done, cost)},
		{NextID, enc(&sqli.Describe{StmtType: sqli.StmtInsert, StmtID: 4}, done, cost)},
		{NegCount, enc(desc, &sqli.Done{Rows: -5}, cost)},
	}
	for _, tc := range cases {
		s := &msgSession{prevID: 7, haveID: true}
		got, changed := s.apply(tc.a, group(desc, done, cost), testFeat)
		if !bytes.Equal(got, tc.want) {
			t.Errorf("%q: % x, want % x", tc.a, got, tc.want)
		}
		if changed != (tc.a != "") {
			t.Errorf("%q: changed %v", tc.a, changed)
		}
	}
	// Nothing to change: the reply goes as it was, not counted.
	s := &msgSession{}
	if got, changed := s.apply(SameID, group(desc, done), testFeat); changed || !bytes.Equal(got, enc(desc, done)) {
		t.Errorf("same-id without an earlier DESCRIBE changed the reply: % x", got)
	}
	// Rows keep their order: last-first moves the last message that is
	// no row.
	tup := &sqli.Tuple{Data: []byte{0, 0, 0, 1}}
	if got, _ := s.apply(LastFirst, group(tup, done, tup), testFeat); !bytes.Equal(got, enc(done, tup, tup)) {
		t.Errorf("last-first over rows: % x", got)
	}
}

// TestMessageMarkers runs a scripted SQLI server behind a message-level
// proxy: the login passes untouched, a /*fault:…*/ marker attacks its own
// reply, an @1 marker the next one, and Group the numbered one.
func TestMessageMarkers(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	reply := enc(&sqli.Done{Rows: 1})
	served := make(chan struct{})
	go func() {
		defer close(served)
		nc, err := ln.Accept()
		if err != nil {
			return
		}
		defer nc.Close()
		nc.SetDeadline(time.Now().Add(10 * time.Second))
		rd := sqli.NewReader(nc)
		if _, err := rd.ReadPacket(); err != nil {
			return
		}
		acc, _ := sqli.NewConnAccept("informix", "test").Encode(nil)
		nc.Write(acc)
		for n := 0; ; n++ {
			for {
				m, err := rd.ReadFrontend()
				if err != nil {
					return
				}
				if m.Tag() == sqli.TagEOT {
					break
				}
			}
			if n == 0 {
				nc.Write(enc(&sqli.Protocols{Features: sqli.NewFeatures(sqli.IDS15Mask)}))
				rd.SetFeatures(testFeat)
				continue
			}
			nc.Write(reply)
		}
	}()
	defer func() { ln.Close(); <-served }()

	p, err := New(ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.SetMessageRule(&MessageRule{Group: 5, Attack: NegCount})
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	req, _ := sqli.NewConnRequest("informix", "in4mix", "informix").Encode(nil)
	c.Write(req)
	rd := sqli.NewReader(c)
	if _, err := rd.ReadPacket(); err != nil {
		t.Fatal(err)
	}
	c.Write(enc(&sqli.Protocols{Features: sqli.NewFeatures(sqli.JDBCOffer)}))
	want := enc(&sqli.Protocols{Features: sqli.NewFeatures(sqli.IDS15Mask)})
	got := make([]byte, len(want))
	if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("SQ_PROTOCOLS reply % x (%v), want % x", got, err, want)
	}
	eot := sqli.EOT{}.Encode(nil, testFeat)
	steps := []struct {
		sql  string
		want []byte
	}{
		{"SELECT 1", reply}, // group 2
		{"SELECT 2 /*fault:dup-eot*/", append(append([]byte(nil), reply...), eot...)}, // group 3
		{"SELECT 3 /*fault:drop-done@1*/", reply},                                     // group 4
		{"SELECT 4", eot},   // group 5: drop-done from the marker wins over Group
		{"SELECT 5", reply}, // group 6
	}
	for i, st := range steps {
		c.Write(enc(&sqli.Command{SQL: st.sql}, sqli.Execute{}))
		got := make([]byte, len(st.want))
		if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, st.want) {
			t.Fatalf("step %d (%s): % x (%v), want % x", i, st.sql, got, err, st.want)
		}
	}
	if n := p.Attacked(); n != 2 {
		t.Errorf("Attacked %d, want 2", n)
	}
}
