package sqli

import "errors"

// Decode runs decode on the buffered bytes, reading more while it reports
// ErrShortMessage, and consumes the bytes it reports used. It serves the
// exchanges whose layout depends on what came before (SQ_FILE transfers,
// SQ_LODATA), which no Message type can decode alone. decode must not keep
// b; a message longer than the maximum message size fails with
// ErrMessageTooLarge, as for ReadFrontend.
func (r *Reader) Decode(decode func(b []byte) (int, error)) error {
	r.shrink()
	for {
		if r.w > r.r {
			n, err := decode(r.buf[r.r:r.w])
			if err == nil {
				r.r += n
				return nil
			}
			if !errors.Is(err, ErrShortMessage) {
				return err
			}
		}
		if err := r.fill(); err != nil {
			return err
		}
	}
}
