package ifxconn

import (
	"context"
	"errors"
	"fmt"

	"github.com/ifxgo/ifx/sqli"
)

// Scroll-cursor fetches: one request group of SQ_SFETCHes on an open
// scroll cursor and its reply (docs/PROTOCOL.md, "Scroll and hold
// cursors").

// sfetchBufSize is the buffer size each SQ_SFETCH names; JDBC sends 4096
// (docs/PROTOCOL.md, "Scroll and hold cursors").
const sfetchBufSize = 4096

// ScrollReply is what a ScrollFetch brought: the rows' tuples back to
// back in Arena (row i is Arena[Ends[i-1]:Ends[i]]) and their 1-based
// positions in Rows. A ScrollReply is reused from fetch to fetch.
type ScrollReply struct {
	Arena  []byte
	Ends   []int
	Rows   []int64
	tupIDs []int64
}

// Tuple returns the i-th row's tuple, a slice of Arena.
func (r *ScrollReply) Tuple(i int) []byte {
	start := 0
	if i > 0 {
		start = r.Ends[i-1]
	}
	return r.Arena[start:r.Ends[i]:r.Ends[i]]
}

// ScrollFetch sends, after the queued cleanup groups, one request group
// on the open scroll cursor of statement stmtID: one SQ_SFETCH ABSOLUTE
// per position of want (ascending; positions beyond an i32 are not
// asked for), or SQ_SFETCH LAST when want is nil, as JDBC sends them;
// and reads the reply into r. r.Rows are the positions of the rows that
// came: their SQ_TUPIDs when the server sent one per row, else want's
// leading positions. Past either end no row comes and no error. Rows
// must come in the order asked, without gaps, and LAST brings at most
// one: any other reply is a ProtocolError. A statement error is returned
// as *Error with the connection still usable. ctx bounds each read.
func (c *Conn) ScrollFetch(ctx context.Context, stmtID int16, want []int64, r *ScrollReply) error {
	const op = "scroll fetch"
	buf, n := c.appendPending(c.wbuf[:0])
	id := sqli.ID{StatementID: stmtID}
	buf = id.Encode(buf, c.feat)
	if want == nil {
		buf = (&sqli.SFetch{ScrollType: sqli.ScrollLast, BufSize: sfetchBufSize}).Encode(buf, c.feat)
	}
	for _, p := range want {
		if p > 1<<31-1 {
			break // SQ_SFETCH's row is an i32: no result has more rows
		}
		buf = (&sqli.SFetch{ScrollType: sqli.ScrollAbsolute, Row: int32(p), BufSize: sfetchBufSize}).Encode(buf, c.feat)
	}
	buf = sqli.EOT{}.Encode(buf, c.feat)
	c.wbuf = buf[:0]
	if err := c.write(op, buf); err != nil {
		return err
	}
	if err := c.readPendingReplies(n); err != nil {
		return err
	}
	r.Arena, r.Ends, r.Rows, r.tupIDs = r.Arena[:0], r.Ends[:0], r.Rows[:0], r.tupIDs[:0]
	var first *Error
	for {
		c.refreshReadDeadline(ctx)
		m, err := c.recv(op)
		if err != nil {
			return err
		}
		switch m := m.(type) {
		case *sqli.Tuple:
			r.Arena = append(r.Arena, m.Data...)
			r.Ends = append(r.Ends, len(r.Arena))
		case *sqli.TupID:
			r.tupIDs = append(r.tupIDs, int64(m.Row))
		case *sqli.Done:
			if err := c.checkDone(op, m); err != nil {
				return err
			}
		case *sqli.Err:
			c.keepFirstErr(&first, m) // SQ_ERR 100 (past the end) is no error
		case *sqli.Cost, *sqli.XactStat, sqli.Close:
		case sqli.EOT:
			if first != nil {
				r.Arena, r.Ends = r.Arena[:0], r.Ends[:0]
				return first
			}
			return c.checkScrollRows(op, want, r)
		default:
			c.closeNow()
			return &ProtocolError{Op: op, Err: errors.New("unexpected " + m.Tag().String())}
		}
	}
}

// checkScrollRows pairs the reply's rows with their positions and checks
// them against the request.
func (c *Conn) checkScrollRows(op string, want []int64, r *ScrollReply) error {
	switch {
	case len(r.tupIDs) == len(r.Ends):
		r.Rows = append(r.Rows, r.tupIDs...)
	case len(r.tupIDs) == 0 && want != nil && len(r.Ends) <= len(want):
		r.Rows = append(r.Rows, want[:len(r.Ends)]...)
	default:
		return c.replyShapeError(op, fmt.Sprintf("%d rows with %d SQ_TUPID", len(r.Ends), len(r.tupIDs)))
	}
	if want == nil && len(r.Ends) > 1 {
		return c.replyShapeError(op, fmt.Sprintf("%d rows for SFETCH LAST", len(r.Ends)))
	}
	for i, p := range r.Rows {
		if (want != nil && (i >= len(want) || p != want[i])) || p < 1 {
			return c.replyShapeError(op, fmt.Sprintf("row %d where row %v was asked for", p, want))
		}
	}
	return nil
}
