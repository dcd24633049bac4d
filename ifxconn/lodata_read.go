package ifxconn

import (
	"syscall"

	"github.com/ifxgo/ifx/sqli"
)

// loAhead is how many chunks one vectored LO read expects past the
// current one: 40 of 32000 bytes cover a 1 MiB request.
const loAhead = 40

// loReadVec reads the rest of the current chunk (rem bytes, with the
// reader's buffer empty) and the chunks expected after it in one readv:
// each chunk's data straight into its place in p, and the pad and length
// between chunks into a scratch array, as IDS and ifxtest send them
// (chunks of the asked buffer size, loChunk, but the last). The lengths
// that arrived are then checked: one that differs from the expected one
// (a server free to choose other sizes) puts the bytes from it on back
// into the reader, to be read as they come. It returns the new n, rem and
// needPad of LORead's loop.
func (c *Conn) loReadVec(rc syscall.RawConn, p []byte, n, rem int, needPad bool, count int64) (int, int, bool, error) {
	const op = "read large object"
	var scratch [3 * loAhead]byte
	segs := make([][]byte, 0, 2*loAhead+1)
	segs = append(segs, p[n:n+rem])
	pos, pad, j := n+rem, needPad, 0
	for int64(pos) < count && len(segs) < cap(segs) {
		s := int(min(int64(loChunk), count-int64(pos)))
		l := 2
		if pad {
			l = 3
		}
		segs = append(segs, scratch[j:j+l], p[pos:pos+s])
		j, pos, pad = j+l, pos+s, s&1 == 1
	}
	got, err := (watchedIO{c}).readVec(rc, segs)
	if err != nil {
		return n, rem, needPad, c.loWireErr(op, err)
	}
	take := min(got, rem)
	n, rem, got = n+take, rem-take, got-take
	for i := 1; rem == 0 && got > 0 && i+1 < len(segs); i += 2 {
		sc := segs[i]
		if got < len(sc) {
			c.rd.Unread(sc[:got])
			return n, 0, needPad, nil
		}
		got -= len(sc)
		v, _, err := sqli.DecodeLOChunkHeader(sc[len(sc)-2:], count-int64(n))
		if err != nil {
			return n, 0, false, c.loWireErr(op, err)
		}
		if v != len(segs[i+1]) {
			back := append(make([]byte, 0, 2+got), sc[len(sc)-2:]...)
			for _, s := range segs[i+1:] {
				t := min(got, len(s))
				back = append(back, s[:t]...)
				got -= t
			}
			c.rd.Unread(back)
			return n, 0, false, nil
		}
		needPad = v&1 == 1
		take := min(got, v)
		n, rem, got = n+take, v-take, got-take
	}
	return n, rem, needPad, nil
}
