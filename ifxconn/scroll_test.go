package ifxconn

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// ScrollFetch pairs a reply's rows with their positions (the SQ_TUPIDs,
// or the rows asked for in order) and refuses, as a ProtocolError that
// closes the connection, any reply that does not answer the request.
func TestScrollFetchChecksTheReply(t *testing.T) {
	tup := func(s string) sqli.Message { return &sqli.Tuple{Data: []byte(s)} }
	id := func(n int32) sqli.Message { return &sqli.TupID{Row: n} }
	for _, tc := range []struct {
		name     string
		want     []int64
		reply    []sqli.Message
		rows     []int64
		tuples   []string
		protocol bool  // a ProtocolError
		sqlCode  int32 // an *Error with this code
	}{
		{"tupids", []int64{3, 4}, []sqli.Message{id(3), tup("c"), id(4), tup("d")}, []int64{3, 4}, []string{"c", "d"}, false, 0},
		{"no tupids", []int64{3, 4, 5}, []sqli.Message{tup("c"), tup("d")}, []int64{3, 4}, []string{"c", "d"}, false, 0},
		{"last", nil, []sqli.Message{id(7), tup("g")}, []int64{7}, []string{"g"}, false, 0},
		{"past the end", []int64{9}, []sqli.Message{&sqli.Err{SQLCode: 100}}, nil, nil, false, 0},
		{"empty last", nil, nil, nil, nil, false, 0},
		{"out of order", []int64{3, 4}, []sqli.Message{id(4), tup("d"), id(3), tup("c")}, nil, nil, true, 0},
		{"a gap", []int64{3, 4, 5}, []sqli.Message{id(3), tup("c"), id(5), tup("e")}, nil, nil, true, 0},
		{"more rows than asked", []int64{3}, []sqli.Message{tup("c"), tup("d")}, nil, nil, true, 0},
		{"tupids without rows", []int64{3}, []sqli.Message{id(3), id(4), tup("c")}, nil, nil, true, 0},
		{"two rows for last", nil, []sqli.Message{id(6), tup("f"), id(7), tup("g")}, nil, nil, true, 0},
		{"row 0", []int64{1}, []sqli.Message{id(0), tup("a")}, nil, nil, true, 0},
		{"statement error", []int64{1}, []sqli.Message{&sqli.Err{SQLCode: -400}}, nil, nil, false, -400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			feat := sqli.NewFeatures(sqli.JDBCOffer).Intersect(sqli.NewFeatures(sqli.IDS15Mask)) // fuzzWireConn's
			c2, fc2 := fuzzWireConn(t, sqli.AppendGroup(nil, feat, append(tc.reply, sqli.EOT{})...))
			var r ScrollReply
			err := c2.ScrollFetch(context.Background(), 5, tc.want, &r)
			var pe *ProtocolError
			var se *Error
			switch {
			case tc.protocol:
				if !errors.As(err, &pe) || !fc2.Closed {
					t.Fatalf("err %v (connection closed: %v), want a ProtocolError that closes it", err, fc2.Closed)
				}
				return
			case tc.sqlCode != 0:
				if !errors.As(err, &se) || se.SQLCode != int(tc.sqlCode) || fc2.Closed {
					t.Fatalf("err %v (closed %v), want SQLCODE %d on an open connection", err, fc2.Closed, tc.sqlCode)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if !slices.Equal(r.Rows, tc.rows) {
				t.Errorf("rows %v, want %v", r.Rows, tc.rows)
			}
			var got []string
			for i := range r.Ends {
				got = append(got, string(r.Tuple(i)))
			}
			if !slices.Equal(got, tc.tuples) {
				t.Errorf("tuples %q, want %q", got, tc.tuples)
			}
		})
	}
}
