package faultproxy

// The message-level middlebox: the proxy decodes the SQLI stream in both
// directions and tampers with whole reply groups, as a broken server or a
// hostile middlebox would, instead of cutting bytes.

import (
	"bytes"
	"io"
	"net"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/ifxgo/ifx/sqli"
)

// Attack is what the proxy does to one reply group.
type Attack string

// Attacks. Each one that changes nothing in a given reply (no SQ_DESCRIBE
// to drop, say) leaves it alone and is not counted by Attacked.
const (
	DupEOT       Attack = "dup-eot"       // insert a surplus SQ_EOT after the reply
	DupGroup     Attack = "dup-group"     // send the whole reply group twice
	ExtraDone    Attack = "extra-done"    // insert a surplus group SQ_DONE(1 row) SQ_EOT after the reply
	DropDescribe Attack = "drop-describe" // drop the SQ_DESCRIBE
	DropDone     Attack = "drop-done"     // drop the SQ_DONE
	EOTFirst     Attack = "eot-first"     // reorder: SQ_EOT first, the real reply after it as a surplus group
	LastFirst    Attack = "last-first"    // reorder: the last message before SQ_EOT that is no SQ_TUPLE moves to the front
	DoneFirst    Attack = "done-first"    // reorder: SQ_DONE moves to the front of the group
	SameID       Attack = "same-id"       // rewrite the SQ_DESCRIBE's statement id to the previous DESCRIBE's
	NextID       Attack = "next-id"       // rewrite the SQ_DESCRIBE's statement id to one more
	NegCount     Attack = "neg-count"     // rewrite the SQ_DONE row count to -5
)

// Attacks lists every Attack, for sweeps.
var Attacks = []Attack{DupEOT, DupGroup, ExtraDone, DropDescribe, DropDone, EOTFirst, LastFirst, DoneFirst, SameID, NextID, NegCount}

// MessageRule switches the proxy to the message level for the
// connections it accepts from now on.
//
// Markers in the SQL text drive it: a request group whose SQ_COMMAND or
// SQ_PREPARE text holds /*fault:NAME*/ has the attack NAME applied to its
// own reply; /*fault:NAME@k*/ applies it to the reply of the k-th request
// group after that one (NFETCH, say, after the PREPARE that carried the
// text). Group, when set, also attacks the reply to the Group-th request
// group after the association (counted from 1, the login's three groups
// included) with Attack.
type MessageRule struct {
	Group  int
	Attack Attack
}

// SetMessageRule sets the message rule for connections accepted from now
// on; nil returns to byte forwarding (and Rule).
func (p *Proxy) SetMessageRule(r *MessageRule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.msgRule = r
}

// Attacked returns how many replies an attack changed, over all
// connections.
func (p *Proxy) Attacked() int64 { return p.attacked.Load() }

var markerRE = regexp.MustCompile(`/\*fault:([a-z-]+)(?:@([0-9]+))?\*/`)

// msgSession is the state one proxied connection shares between its two
// directions.
type msgSession struct {
	rule     MessageRule
	attacked *atomic.Int64

	mu      sync.Mutex
	planned map[int]Attack // by request group number
	queue   []Attack       // one per request group sent, not yet answered

	offer  chan sqli.Features // the client's SQ_PROTOCOLS, for the server side
	feat   chan sqli.Features // the negotiated features, for the client side
	prevID int16
	haveID bool
}

// tap records what a Reader consumes, so that the bytes of each decoded
// message can be forwarded (or changed) exactly.
type tap struct {
	r io.Reader
	b []byte
}

func (t *tap) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.b = append(t.b, p[:n]...)
	return n, err
}

// take returns the bytes the Reader decoded so far (all but the
// buffered ones) and forgets them.
func (t *tap) take(buffered int) []byte {
	n := len(t.b) - buffered
	out := append([]byte(nil), t.b[:n]...)
	t.b = append(t.b[:0], t.b[n:]...)
	return out
}

// serveMessages runs one connection at the message level. Anything it
// cannot decode is forwarded as is from there on.
func (p *Proxy) serveMessages(client, server net.Conn, rule MessageRule) {
	s := &msgSession{
		rule:     rule,
		attacked: &p.attacked,
		planned:  map[int]Attack{},
		offer:    make(chan sqli.Features, 1),
		feat:     make(chan sqli.Features, 1),
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		s.clientToServer(server, client)
		server.Close()
		client.Close()
	}()
	go func() {
		defer wg.Done()
		s.serverToClient(client, server)
		server.Close()
		client.Close()
	}()
	wg.Wait()
}

// rawRest forwards what t still holds and then everything src sends.
func rawRest(dst io.Writer, src io.Reader, t *tap) {
	if len(t.b) > 0 {
		if _, err := dst.Write(t.b); err != nil {
			return
		}
	}
	io.Copy(dst, src)
}

func (s *msgSession) clientToServer(dst, src net.Conn) {
	t := &tap{r: src}
	rd := sqli.NewReader(t)
	rd.SetMaxMessageSize(1 << 30)
	if _, err := rd.ReadPacket(); err != nil {
		rawRest(dst, src, t)
		return
	}
	if _, err := dst.Write(t.take(rd.Buffered())); err != nil {
		return
	}
	group, protocols := 0, false
	for {
		m, err := rd.ReadFrontend()
		if err != nil {
			rawRest(dst, src, t)
			return
		}
		switch m := m.(type) {
		case *sqli.Protocols:
			protocols = true
			select {
			case s.offer <- m.Features:
			default:
			}
		case *sqli.Command:
			s.mark(group+1, m.SQL)
		case *sqli.Prepare:
			s.mark(group+1, m.SQL)
		case sqli.EOT:
			group++
			s.push(group)
		}
		if _, err := dst.Write(t.take(rd.Buffered())); err != nil {
			return
		}
		if m.Tag() == sqli.TagEOT && protocols {
			// The next group is laid out by the negotiated features,
			// which the server's answer decides.
			protocols = false
			f, ok := <-s.feat
			if !ok {
				rawRest(dst, src, t)
				return
			}
			rd.SetFeatures(f)
		}
	}
}

// mark plans the attacks a SQL text's markers ask for; group is the
// number of the request group that carries the text.
func (s *msgSession) mark(group int, sql string) {
	for _, m := range markerRE.FindAllStringSubmatch(sql, -1) {
		k := 0
		if m[2] != "" {
			k, _ = strconv.Atoi(m[2])
		}
		s.mu.Lock()
		s.planned[group+k] = Attack(m[1])
		s.mu.Unlock()
	}
}

// push queues the attack (or none) for the reply to request group n.
func (s *msgSession) push(n int) {
	s.mu.Lock()
	a := s.planned[n]
	delete(s.planned, n)
	if s.rule.Group == n && a == "" {
		a = s.rule.Attack
	}
	s.queue = append(s.queue, a)
	s.mu.Unlock()
}

// pop returns the attack for the next reply group. A request group is
// queued before its last byte goes to the server, so its entry is there
// when the reply ends; a reply nobody asked for gets none.
func (s *msgSession) pop() Attack {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.queue) == 0 {
		return ""
	}
	a := s.queue[0]
	s.queue = s.queue[1:]
	return a
}

// rawMsg is one decoded message and its bytes.
type rawMsg struct {
	tag sqli.Tag
	b   []byte
}

func (s *msgSession) serverToClient(dst, src net.Conn) {
	defer close(s.feat)
	t := &tap{r: src}
	rd := sqli.NewReader(t)
	rd.SetMaxMessageSize(1 << 30)
	if _, err := rd.ReadPacket(); err != nil {
		rawRest(dst, src, t)
		return
	}
	if _, err := dst.Write(t.take(rd.Buffered())); err != nil {
		return
	}
	var (
		group []rawMsg
		feat  sqli.Features
	)
	for {
		m, err := rd.ReadBackend()
		if err != nil {
			for _, g := range group {
				dst.Write(g.b)
			}
			rawRest(dst, src, t)
			return
		}
		b := t.take(rd.Buffered())
		switch m := m.(type) {
		case *sqli.Protocols:
			// The client's offer was queued before its SQ_PROTOCOLS
			// reached the server; without it (a stream the client side
			// could not decode) the rest goes through as is.
			var offer sqli.Features
			select {
			case offer = <-s.offer:
			default:
				for _, g := range group {
					dst.Write(g.b)
				}
				dst.Write(b)
				rawRest(dst, src, t)
				return
			}
			feat = offer.Intersect(m.Features)
			rd.SetFeatures(feat)
			select {
			case s.feat <- feat:
			default:
			}
		case sqli.Exit:
			for _, g := range group {
				dst.Write(g.b)
			}
			dst.Write(b)
			rawRest(dst, src, t)
			return
		}
		group = append(group, rawMsg{tag: m.Tag(), b: b})
		if m.Tag() != sqli.TagEOT {
			continue
		}
		out, changed := s.apply(s.pop(), group, feat)
		if changed {
			s.attacked.Add(1)
		}
		s.noteDescribe(group, feat)
		if _, err := dst.Write(out); err != nil {
			return
		}
		group = group[:0]
	}
}

// noteDescribe remembers the statement id of the reply's SQ_DESCRIBE,
// as the server sent it, for SameID.
func (s *msgSession) noteDescribe(group []rawMsg, f sqli.Features) {
	for _, m := range group {
		if m.tag == sqli.TagDescribe {
			var d sqli.Describe
			if _, err := d.Decode(m.b[2:], f); err == nil {
				s.prevID, s.haveID = d.StmtID, true
			}
		}
	}
}

// apply returns the bytes to send for a reply group (its last message is
// SQ_EOT) under attack a, and whether the attack changed anything.
func (s *msgSession) apply(a Attack, group []rawMsg, f sqli.Features) ([]byte, bool) {
	cat := func(ms []rawMsg) []byte {
		var out []byte
		for _, m := range ms {
			out = append(out, m.b...)
		}
		return out
	}
	orig := cat(group)
	eot := sqli.EOT{}.Encode(nil, f)
	body := group[:len(group)-1]
	var out []byte
	switch a {
	case DupEOT:
		out = append(orig, eot...)
	case DupGroup:
		out = append(orig, orig...)
	case ExtraDone:
		out = append(orig, (&sqli.Done{Rows: 1}).Encode(nil, f)...)
		out = append(out, eot...)
	case DropDescribe, DropDone:
		drop := sqli.TagDescribe
		if a == DropDone {
			drop = sqli.TagDone
		}
		var keep []rawMsg
		for _, m := range group {
			if m.tag != drop {
				keep = append(keep, m)
			}
		}
		out = cat(keep)
	case EOTFirst:
		if len(body) > 0 {
			out = append(eot, orig...)
		}
	case LastFirst:
		// Rows in another order are still rows a server may send; an
		// end marker before them is not.
		for i := len(body) - 1; i > 0; i-- {
			if body[i].tag != sqli.TagTuple {
				moved := append([]rawMsg{body[i]}, body[:i]...)
				moved = append(moved, body[i+1:]...)
				out = append(cat(moved), eot...)
				break
			}
		}
	case DoneFirst:
		for i, m := range body {
			if m.tag == sqli.TagDone && i > 0 {
				moved := append([]rawMsg{m}, body[:i]...)
				moved = append(moved, body[i+1:]...)
				out = append(cat(moved), eot...)
				break
			}
		}
	case SameID:
		if s.haveID {
			out = rewrite(group, f, sqli.TagDescribe, func(m sqli.Message) {
				m.(*sqli.Describe).StmtID = s.prevID
			})
		}
	case NextID:
		out = rewrite(group, f, sqli.TagDescribe, func(m sqli.Message) {
			m.(*sqli.Describe).StmtID++
		})
	case NegCount:
		out = rewrite(group, f, sqli.TagDone, func(m sqli.Message) {
			m.(*sqli.Done).Rows = -5
		})
	}
	if out == nil || bytes.Equal(out, orig) {
		return orig, false
	}
	return out, true
}

// rewrite decodes every message of the group with tag, changes it with
// edit and encodes it again.
func rewrite(group []rawMsg, f sqli.Features, tag sqli.Tag, edit func(sqli.Message)) []byte {
	var out []byte
	for _, g := range group {
		if g.tag != tag {
			out = append(out, g.b...)
			continue
		}
		var m interface {
			sqli.Message
			Decode([]byte, sqli.Features) (int, error)
		}
		switch tag {
		case sqli.TagDescribe:
			m = new(sqli.Describe)
		case sqli.TagDone:
			m = new(sqli.Done)
		}
		if _, err := m.Decode(g.b[2:], f); err != nil {
			out = append(out, g.b...)
			continue
		}
		edit(m)
		out = m.Encode(out, f)
	}
	return out
}
