package ifxtest

import (
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// wireClient is a minimal SQLI client built from sqli messages only, so
// that the server is tested without the driver.
type wireClient struct {
	t    testing.TB
	nc   net.Conn
	rd   *sqli.Reader
	feat sqli.Features
	out  []byte
	env  []sqli.EnvVar // login environment replacing or extending the defaults
}

// reply is one decoded response group.
type reply struct {
	describe   *sqli.Describe
	tuples     [][]byte
	done       *sqli.Done
	err        *sqli.Err
	insertDone *sqli.InsertDone
	blob       []byte // SQ_BLOB chunks, concatenated
	dbNames    []string
	tags       []sqli.Tag
}

func dialWire(t testing.TB, addr string) *wireClient {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	return &wireClient{t: t, nc: nc, rd: sqli.NewReader(nc)}
}

// associate sends the connection request and returns the server's answer.
func (c *wireClient) associate(user, password, server string) *sqli.ConnResponse {
	c.t.Helper()
	req := sqli.NewConnRequest(user, password, server)
	req.Env = []sqli.EnvVar{{Name: "DBPATH", Value: "."}, {Name: "CLIENT_LOCALE", Value: "en_US.utf8"}, {Name: "CLNT_PAM_CAPABLE", Value: "1"}, {Name: "IFX_UPDDESC", Value: "1"}, {Name: "DB_LOCALE", Value: "en_US.utf8"}, {Name: "NODEFDAC", Value: "no"}}
	for _, e := range c.env {
		i := 0
		for i < len(req.Env) && req.Env[i].Name != e.Name {
			i++
		}
		if i == len(req.Env) {
			req.Env = append(req.Env, e)
		}
		req.Env[i] = e
	}
	req.ProcessInfo = &sqli.ProcessInfo{PID: 1, ThreadID: 1, Host: "test", Cwd: "/"}
	b, err := req.Encode(nil)
	if err != nil {
		c.t.Fatal(err)
	}
	c.write(b)
	c.nc.SetReadDeadline(time.Now().Add(10 * time.Second))
	pkt, err := c.rd.ReadPacket()
	if err != nil {
		c.t.Fatal(err)
	}
	var resp sqli.ConnResponse
	if err := resp.Decode(pkt); err != nil {
		c.t.Fatal(err)
	}
	return &resp
}

// login associates, negotiates features with offer and sends SQ_INFO.
func (c *wireClient) login(offer []byte) {
	c.t.Helper()
	if resp := c.associate("informix", "in4mix", "informix"); !resp.Accepted() {
		c.t.Fatalf("login rejected: %d", resp.SvcError)
	}
	c.send(&sqli.Protocols{Features: sqli.NewFeatures(offer)})
	m, err := c.rd.ReadBackend()
	if err != nil {
		c.t.Fatal(err)
	}
	reply := m.(*sqli.Protocols).Features
	c.feat = sqli.Negotiate(offer, reply.Bytes())
	c.rd.SetFeatures(c.feat)
	c.expectEOT()
	r := c.roundTrip(&sqli.Info{Env: []sqli.EnvVar{{Name: "DBTEMP", Value: "/tmp"}, {Name: "SUBQCACHESZ", Value: "10"}}})
	if r.err != nil || len(r.tags) != 1 {
		c.t.Fatalf("SQ_INFO reply %v", r.tags)
	}
}

func (c *wireClient) write(b []byte) {
	c.t.Helper()
	c.nc.SetWriteDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.nc.Write(b); err != nil {
		c.t.Fatal(err)
	}
}

func (c *wireClient) send(msgs ...sqli.Message) {
	c.t.Helper()
	c.out = sqli.AppendGroup(c.out[:0], c.feat, msgs...)
	c.write(c.out)
}

func (c *wireClient) expectEOT() {
	c.t.Helper()
	m, err := c.rd.ReadBackend()
	if err != nil || m.Tag() != sqli.TagEOT {
		c.t.Fatalf("want SQ_EOT, got %v %v", m, err)
	}
}

// read decodes one response group, copying what it keeps.
func (c *wireClient) read() (*reply, error) {
	c.nc.SetReadDeadline(time.Now().Add(30 * time.Second))
	r := &reply{}
	for {
		m, err := c.rd.ReadBackend()
		if err != nil {
			return r, err
		}
		r.tags = append(r.tags, m.Tag())
		switch m := m.(type) {
		case sqli.EOT:
			return r, nil
		case *sqli.Describe:
			d := *m
			d.Columns = append([]sqli.ColumnDesc(nil), m.Columns...)
			r.describe = &d
		case *sqli.Tuple:
			r.tuples = append(r.tuples, append([]byte(nil), m.Data...))
		case *sqli.Done:
			d := *m
			r.done = &d
		case *sqli.Err:
			e := *m
			r.err = &e
		case *sqli.InsertDone:
			d := *m
			r.insertDone = &d
		case *sqli.Blob:
			if r.blob == nil {
				r.blob = []byte{}
			}
			r.blob = append(r.blob, m.Data...)
		case *sqli.DBNames:
			r.dbNames = append([]string(nil), m.Names...)
		case *sqli.Cost, *sqli.XactStat, sqli.Close, *sqli.TupID:
		case sqli.Exit:
			return r, nil
		default:
			return r, fmt.Errorf("unexpected %v", m.Tag())
		}
	}
}

func (c *wireClient) roundTrip(msgs ...sqli.Message) *reply {
	c.t.Helper()
	c.send(msgs...)
	r, err := c.read()
	if err != nil {
		c.t.Fatalf("after %v: %v", r.tags, err)
	}
	return r
}

func (c *wireClient) openDB(name string) *reply {
	c.t.Helper()
	return c.roundTrip(&sqli.DBOpen{Name: name})
}

// exec runs a statement immediately (SQ_COMMAND) and fails the test on error.
func (c *wireClient) exec(sql string) *reply {
	c.t.Helper()
	r := c.roundTrip(&sqli.Command{SQL: sql}, sqli.NDescribe{}, sqli.Execute{}, sqli.Release{})
	if r.err != nil {
		c.t.Fatalf("%s: SQLCODE %d ISAM %d near %q", sql, r.err.SQLCode, r.err.ISAMCode, r.err.Near)
	}
	return r
}

// execErr runs a statement through PREPARE and EXECUTE and returns the
// error it ends with, or nil.
func (c *wireClient) execErr(sql string, binds ...sqli.BindValue) *sqli.Err {
	c.t.Helper()
	r := c.roundTrip(&sqli.Prepare{NumParams: int16(len(binds)), SQL: sql}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		return r.err
	}
	id := r.describe.StmtID
	msgs := []sqli.Message{&sqli.ID{StatementID: id}}
	if len(binds) > 0 {
		msgs = append(msgs, &sqli.Bind{Values: binds})
	}
	r = c.roundTrip(append(msgs, sqli.Execute{})...)
	c.roundTrip(&sqli.ID{StatementID: id}, sqli.Release{})
	return r.err
}

// query prepares sql, opens a cursor with binds and fetches every row
// with buffers of bufSize bytes. It returns the describe, the rows and the
// number of fetch round trips.
func (c *wireClient) query(sql string, bufSize int32, binds ...sqli.BindValue) (*sqli.Describe, [][]byte, int, error) {
	c.t.Helper()
	r := c.roundTrip(&sqli.Prepare{NumParams: int16(len(binds)), SQL: sql}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		return nil, nil, 0, errFromWire(r.err)
	}
	d := r.describe
	id := &sqli.ID{StatementID: d.StmtID}
	msgs := []sqli.Message{id, &sqli.CurName{Name: "_ifxc0000000000001"}}
	if len(binds) > 0 {
		msgs = append(msgs, &sqli.Bind{Values: binds})
	}
	msgs = append(msgs, sqli.Open{}, id, &sqli.NFetch{BufSize: bufSize})
	var rows [][]byte
	fetches := 0
	for {
		fetches++
		r = c.roundTrip(msgs...)
		if r.err != nil {
			c.roundTrip(id, sqli.Close{})
			c.roundTrip(id, sqli.Release{})
			return d, rows, fetches, errFromWire(r.err)
		}
		rows = append(rows, r.tuples...)
		if len(r.tuples) == 0 {
			break
		}
		msgs = []sqli.Message{id, &sqli.NFetch{BufSize: bufSize}}
	}
	c.roundTrip(id, sqli.Close{})
	c.roundTrip(id, sqli.Release{})
	return d, rows, fetches, nil
}

type wireError struct{ *sqli.Err }

func errFromWire(e *sqli.Err) error { return wireError{e} }

func sqlCode(err error) int32 {
	var we wireError
	if errors.As(err, &we) {
		return we.SQLCode
	}
	return 0
}
