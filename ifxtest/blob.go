package ifxtest

import (
	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// BYTE and TEXT values (docs/PROTOCOL.md, "BYTE and TEXT"). A tuple
// carries a descriptor; the statement keeps the values of its open cursor
// until CLOSE, and SQ_FETCHBLOB sends one back in SQ_BLOB chunks. The
// descriptor names the value by fields a client echoes unchanged: tb_fd
// the statement id, tb_tblspace the cursor's generation (a descriptor
// from an earlier OPEN is stale), tb_addr the value's index + 1. Start
// and end are 0 and length-1, as IBM's JDBC driver computes the length
// from them. A parameter's value arrives after SQ_BIND as SQ_BBIND and
// SQ_BLOB streams.

// Limits and choices.
const (
	blobChunk    = 4096     // bytes per SQ_BLOB sent (a choice: IDS's is not recorded)
	maxBlobValue = 64 << 20 // largest BYTE/TEXT value a client may send
)

// errBlobNotFound is what IDS answers for a descriptor it cannot open
// (e.g. after CLOSE).
var errBlobNotFound = &engine.Error{SQLCode: -602, Message: "Cannot open blob."}

// blobParam marks a BYTE or TEXT parameter whose value follows SQ_BIND.
type blobParam struct{ text bool }

func isBlobType(t int16) bool {
	b := sqli.TypeCode(t).Base()
	return b == sqli.TypeByte || b == sqli.TypeText
}

// appendBlobDescriptor stores a BYTE/TEXT value of the open cursor and
// appends its descriptor to a tuple.
func (c *conn) appendBlobDescriptor(b []byte, st *stmt, v engine.Value) []byte {
	n := sqli.BlobDescriptorLen(c.feat)
	if v == nil {
		return sqli.BlobDescriptor{Flags: sqli.BlobNullFlag}.Append(b, n)
	}
	var data []byte
	switch x := v.(type) {
	case []byte:
		data = x
	default:
		data = []byte(c.cs.encodeString(toString(x)))
	}
	st.blobs = append(st.blobs, data)
	return sqli.BlobDescriptor{
		FD:    st.id,
		Space: st.cursorGen,
		Start: 0,
		End:   int32(len(data)) - 1,
		Size:  int32(len(data)),
		Addr:  int32(len(st.blobs)),
	}.Append(b, n)
}

// handleFetchBlob answers SQ_FETCHBLOB. The statement comes from the
// descriptor: informix-driver sends SQ_ID 0 whatever its cursor.
func (c *conn) handleFetchBlob(m *sqli.FetchBlob) {
	if c.failed {
		return
	}
	d, err := sqli.ParseBlobDescriptor(m.Descriptor)
	if err != nil {
		c.fail(errBlobNotFound)
		return
	}
	st := c.stmts[d.FD]
	if d.Null() || st == nil || st.cursorGen == 0 || st.cursorGen != d.Space || d.Addr < 1 || int(d.Addr) > len(st.blobs) {
		c.fail(errBlobNotFound)
		return
	}
	c.out = sqli.AppendBlobStream(c.out, st.blobs[d.Addr-1], blobChunk)
}

// markBlobParams notes which bound values wait for an SQ_BLOB stream.
func (st *stmt) markBlobParams() {
	st.blobWant, st.blobNext, st.blobBuf, st.blobBBind = st.blobWant[:0], 0, nil, false
	for i, a := range st.args {
		if _, ok := a.(blobParam); ok {
			st.blobWant = append(st.blobWant, i)
		}
	}
}

func (c *conn) handleBBind(st *stmt, m *sqli.BBind) {
	if int(m.Count) != len(st.blobWant) || st.blobNext != 0 || st.blobBBind {
		c.srv.violation("conn %d: SQ_BBIND announces %d values for %d BYTE/TEXT parameters", c.id, m.Count, len(st.blobWant))
		c.fail(&engine.Error{SQLCode: -617, Message: "A blob data type must be supplied within this context."})
		return
	}
	st.blobBBind = true
}

// handleBlob takes one chunk of a parameter's value; the empty chunk
// ends it.
func (c *conn) handleBlob(st *stmt, m *sqli.Blob) {
	if !st.blobBBind || st.blobNext >= len(st.blobWant) {
		c.srv.violation("conn %d: SQ_BLOB without a BYTE/TEXT parameter waiting for it", c.id)
		c.fail(&engine.Error{SQLCode: errUnsupported, Message: "unexpected SQ_BLOB"})
		return
	}
	if len(m.Data) > 0 {
		if len(st.blobBuf)+len(m.Data) > maxBlobValue {
			c.fail(&engine.Error{SQLCode: -1, Message: "ifxtest: a BYTE/TEXT value beyond 64 MiB"})
			return
		}
		if st.blobBuf == nil {
			st.blobBuf = []byte{}
		}
		st.blobBuf = append(st.blobBuf, m.Data...)
		return
	}
	i := st.blobWant[st.blobNext]
	data := st.blobBuf
	if data == nil {
		data = []byte{}
	}
	if st.args[i].(blobParam).text || st.paramIsText(i) {
		// BYTE bound to a TEXT parameter: IDS stores the bytes as the
		// column's characters, so they are text in the client's code set.
		st.args[i] = c.cs.decodeString(string(data))
	} else {
		st.args[i] = data
	}
	st.blobNext++
	st.blobBuf = nil
}

// blobsMissing fails a statement run before every BYTE/TEXT parameter
// received its value.
func (c *conn) blobsMissing(st *stmt) bool {
	if st.blobNext < len(st.blobWant) {
		c.fail(&engine.Error{SQLCode: -617, Message: "A blob data type must be supplied within this context."})
		return true
	}
	return false
}

// selectsBlobs reports a statement with BYTE or TEXT columns.
func (st *stmt) selectsBlobs() bool {
	for _, col := range st.es.Columns {
		if isBlobType(col.Type) {
			return true
		}
	}
	return false
}

// paramIsText reports a TEXT parameter, as the statement describes it.
func (st *stmt) paramIsText(i int) bool {
	return i < len(st.es.Params) && int(st.es.Params[i].Type)&0xff == engine.TypeText
}
