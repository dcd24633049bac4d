package sqli

import (
	"errors"
	"io"
)

// ReadDirect fills p[:n] with the next n bytes of the stream: the bytes
// already buffered first, then the rest read from the source straight
// into p, so that a payload whose length the caller has already checked
// (SQ_LODATA's chunks) does not pass through the buffer and is touched
// once. Reads may go on into p[n:]: the bytes that arrive past n (the
// next chunk's header, say) are moved into the buffer for the next
// decode, so the caller keeps p's room past n small; room beyond the
// buffer's size is not used. Every read is one Read of the source, under
// whatever deadline the source applies.
func (r *Reader) ReadDirect(p []byte, n int) error {
	if n < 0 || n > len(p) {
		return errors.New("sqli: ReadDirect past the end of the destination")
	}
	got := copy(p[:n], r.buf[r.r:r.w])
	r.r += got
	if got == n {
		return nil
	}
	// The buffer is empty: what arrives past n goes back into it.
	r.r, r.w = 0, 0
	p = p[:min(len(p), n+len(r.buf))]
	for got < n {
		k, err := r.src.Read(p[got:])
		got += k
		if k > 0 {
			continue
		}
		if err == nil {
			err = io.ErrNoProgress
		}
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	r.w = copy(r.buf, p[n:got])
	return nil
}

// Unread puts b back in front of the bytes still buffered, to be decoded
// next: the part of a vectored read (see ifxconn's LO reads) that went
// past what its caller could place. The buffer grows when b does not fit
// in it; the caller bounds len(b).
func (r *Reader) Unread(b []byte) {
	switch buffered := r.w - r.r; {
	case len(b) == 0:
	case r.r >= len(b):
		r.r -= len(b)
		copy(r.buf[r.r:], b)
	case len(b)+buffered <= len(r.buf):
		copy(r.buf[len(b):], r.buf[r.r:r.w])
		copy(r.buf, b)
		r.r, r.w = 0, len(b)+buffered
	default:
		nb := make([]byte, len(b)+buffered)
		copy(nb[len(b):], r.buf[r.r:r.w])
		copy(nb, b)
		r.buf, r.r, r.w = nb, 0, len(nb)
	}
}
