//go:build !linux

package ifxconn

import "syscall"

// loVecReader: vectored LO reads are used on Linux only; elsewhere the
// data is read a chunk at a time (sqli.Reader.ReadDirect).
func (c *Conn) loVecReader() syscall.RawConn { return nil }

func (w watchedIO) readVec(syscall.RawConn, [][]byte) (int, error) {
	panic("ifxconn: readVec without loVecReader")
}
