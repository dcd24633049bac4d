package ifxtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// Client files (SQ_FILE, docs/PROTOCOL.md "Smart large objects"):
// FILETOBLOB and FILETOCLOB read a client file while their statement runs,
// and LOTOFILE writes one while its row is fetched. The server drives the
// transfer in the middle of its answer to the statement, so the request
// group that carried the statement must have ended: the client is then
// reading the answer and replies to each SQ_FILE request.

// Choices for the open request (CHOICE: informix-driver ignores them and
// no capture shows IDS's values): POSIX open(2) flags and mode.
const (
	fileFlagsRead  = 0x0   // O_RDONLY
	fileFlagsWrite = 0x241 // O_WRONLY|O_CREAT|O_TRUNC
	fileMode       = 0o644
	// fileChunk is the size of the chunks ifxtest asks for and sends
	// (JDBC's buffer size in SQ_LODATA is 32000).
	fileChunk = 32000
	// fileReplyTimeout bounds each wait for the client's answer.
	fileReplyTimeout = 30 * time.Second
)

var errFileTransfer = errors.New("ifxtest: SQ_FILE transfer")

// endGroupEarly reads the rest of the request group, which must be its
// SQ_EOT, so that the client is waiting for the answer.
func (c *conn) endGroupEarly() error {
	if c.groupEnded {
		return nil
	}
	// The messages after the statement (JDBC sends RELEASE there) run
	// once it is done: they are kept, encoded, until then.
	c.deferred = c.deferred[:0]
	for {
		m, err := c.rd.ReadFrontend()
		if err != nil {
			return fmt.Errorf("%w: %v", errFileTransfer, err)
		}
		switch m.Tag() {
		case sqli.TagEOT:
			c.groupEnded = true
			return nil
		case sqli.TagExit:
			return fmt.Errorf("%w: SQ_EXIT in the group", errFileTransfer)
		}
		c.deferred = m.Encode(c.deferred, c.feat)
	}
}

// runDeferred handles the messages endGroupEarly kept.
func (c *conn) runDeferred() {
	if len(c.deferred) == 0 {
		return
	}
	rd := sqli.NewReader(bytes.NewReader(c.deferred))
	rd.SetFeatures(c.feat)
	c.deferred = nil
	for {
		m, err := rd.ReadFrontend()
		if err != nil {
			return
		}
		c.handle(m)
	}
}

// fileRequest sends what the answer holds so far and one SQ_FILE request.
func (c *conn) fileRequest(req []byte) error {
	if err := c.endGroupEarly(); err != nil {
		return err
	}
	c.out = append(c.out, req...)
	err := c.write(c.out)
	c.out = c.out[:0]
	return err
}

func (c *conn) fileDecode(f func([]byte) (int, error)) error {
	c.netConn.SetReadDeadline(time.Now().Add(fileReplyTimeout))
	defer c.netConn.SetReadDeadline(time.Time{})
	if err := c.rd.Decode(f); err != nil {
		return fmt.Errorf("%w: %v", errFileTransfer, err)
	}
	return nil
}

func (c *conn) fileOpen(name string, flags int32) error {
	if err := c.fileRequest(sqli.AppendFileOpen(nil, []byte(c.cs.encodeString(name)), fileMode, flags, 0)); err != nil {
		return err
	}
	return c.fileDecode(sqli.DecodeEOT)
}

func (c *conn) fileClose() error {
	if err := c.fileRequest(sqli.AppendFileClose(nil)); err != nil {
		return err
	}
	return c.fileDecode(sqli.DecodeEOT)
}

// ReadClientFile implements engine.ClientFiles: open, read all, close.
func (c *conn) ReadClientFile(name string, limit int64) ([]byte, error) {
	if err := c.fileOpen(name, fileFlagsRead); err != nil {
		return nil, err
	}
	if err := c.fileRequest(sqli.AppendFileReadRequest(nil, fileChunk, -1)); err != nil {
		return nil, err
	}
	var total int32
	if err := c.fileDecode(func(b []byte) (int, error) {
		t, n, err := sqli.DecodeFileTotal(b, sqli.TagFileRead)
		total = t
		return n, err
	}); err != nil {
		return nil, err
	}
	if int64(total) > limit {
		return nil, fmt.Errorf("%w: a client file of %d bytes, more than the %d ifxtest takes", errFileTransfer, total, limit)
	}
	data := make([]byte, 0, max(total, 0))
	for done := false; !done; {
		if err := c.fileDecode(func(b []byte) (int, error) {
			chunk, eot, n, err := sqli.DecodeFileChunk(b, sqli.TagFileRead)
			if err != nil {
				return 0, err
			}
			if len(data)+len(chunk) > int(total) {
				return 0, &sqli.ProtocolError{Tag: sqli.TagFileRead, Reason: fmt.Sprintf("more bytes than the %d announced", total)}
			}
			data = append(data, chunk...)
			done = eot
			return n, nil
		}); err != nil {
			return nil, err
		}
	}
	if len(data) != int(total) {
		return nil, fmt.Errorf("%w: %d bytes of the %d announced", errFileTransfer, len(data), total)
	}
	if err := c.fileClose(); err != nil {
		return nil, err
	}
	return data, nil
}

// sendClientWrites runs the LOTOFILE transfers of the row just fetched:
// open, the object's bytes in chunks, close. The object is read a chunk
// at a time, so its size does not matter.
func (c *conn) sendClientWrites(ctx context.Context) error {
	for _, w := range c.sess.TakeClientWrites() {
		if w.Server {
			if err := c.sess.WriteServerFile(ctx, w); err != nil {
				return err
			}
			continue
		}
		if err := c.fileOpen(w.Name, fileFlagsWrite); err != nil {
			return err
		}
		if err := c.fileRequest(sqli.AppendFileWriteStart(nil)); err != nil {
			return err
		}
		var sent int64
		for {
			chunk, err := c.sess.ReadLargeObjectAt(ctx, w.Locator, sent, fileChunk)
			if err != nil {
				return err
			}
			if len(chunk) == 0 {
				break
			}
			if err := c.write(sqli.AppendFileChunk(c.out[:0], sqli.TagFileWrite, chunk)); err != nil {
				return err
			}
			sent += int64(len(chunk))
		}
		if err := c.write(sqli.EOT{}.Encode(c.out[:0], c.feat)); err != nil {
			return err
		}
		var total int32
		if err := c.fileDecode(func(b []byte) (int, error) {
			t, n, err := sqli.DecodeFileTotal(b, sqli.TagFileWrite)
			if err != nil {
				return 0, err
			}
			m, err := sqli.DecodeEOT(b[n:])
			total = t
			return n + m, err
		}); err != nil {
			return err
		}
		if int64(total) != sent {
			return fmt.Errorf("%w: the client wrote %d of %d bytes", errFileTransfer, total, sent)
		}
		if err := c.fileClose(); err != nil {
			return err
		}
	}
	return nil
}

// loError makes an engine error of a failed transfer for the client.
func loError(err error) error {
	var ee *engine.Error
	if errors.As(err, &ee) {
		return err
	}
	return &engine.Error{SQLCode: -9810, Message: "Smart-large-object error: " + err.Error()}
}
