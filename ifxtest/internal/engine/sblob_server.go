package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"syscall"
)

// Server files. FILETOBLOB, FILETOCLOB and LOTOFILE with 'server' read
// and write a file on the database server's machine, named by its full
// pathname of at most 256 bytes (IBM's Guide to SQL: Syntax,
// "Smart-Large-Object Functions", "FILETOBLOB and FILETOCLOB Functions",
// "LOTOFILE Function"). ifxtest's server machine is Config.ServerFiles:
// the pathname is taken inside that directory through os.Root, so no
// pathname, "..", or symbolic link reaches a file outside it (CHOICE).
//
// A file that cannot be opened is -461 "File open error." with the
// operating system's error as the ISAM code (-2 no such file, -21 a
// directory, -13 anything else: permission denied), as IDS reports
// operating-system errors (its catalog, as IBM's JDBC driver carries it,
// numbers them so); the SQLCODE is a CHOICE, IDS's
// for these functions is not in our evidence. A relative pathname, one
// longer than 256 bytes, one that leaves the directory, and any pathname
// when no directory is configured get the same error.

// maxServerPath is IDS's limit on the pathname argument.
const maxServerPath = 256

func errFileOpen(isam int, format string, args ...any) *Error {
	e := newErr(-461, isam, "")
	e.Message = "File open error: " + fmt.Sprintf(format, args...)
	return e
}

// serverPath checks a 'server' pathname and returns it relative to
// Config.ServerFiles.
func (e *Engine) serverPath(name string) (string, error) {
	if e.cfg.ServerFiles == "" {
		return "", errFileOpen(-2, "%s: ifxtest has no server files (Config.ServerFiles, ifxtestd -server-files)", name)
	}
	if len(name) > maxServerPath {
		return "", errFileOpen(-2, "the pathname is longer than %d bytes", maxServerPath)
	}
	if !strings.HasPrefix(name, "/") {
		return "", errFileOpen(-2, "%s: a 'server' file needs a full pathname", name)
	}
	rel := strings.TrimPrefix(path.Clean(name), "/")
	if rel == "" {
		return "", errFileOpen(-21, "%s is a directory", name)
	}
	return rel, nil
}

// fileErr turns an error of the file system into -461 with its errno.
func fileErr(name string, err error) error {
	var errno syscall.Errno
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errFileOpen(-2, "%s: no such file or directory", name)
	case errors.As(err, &errno) && errno == syscall.EISDIR:
		return errFileOpen(-21, "%s is a directory", name)
	}
	// os.Root's refusal of a path that leaves it, and the like.
	return errFileOpen(-13, "%s: %v", name, err)
}

// readServerFile returns the contents of a server file (at most limit
// bytes).
func (e *Engine) readServerFile(name string, limit int64) ([]byte, error) {
	rel, err := e.serverPath(name)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(e.cfg.ServerFiles)
	if err != nil {
		return nil, fileErr(name, err)
	}
	defer root.Close()
	f, err := root.Open(rel)
	if err != nil {
		return nil, fileErr(name, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.IsDir() {
		return nil, errFileOpen(-21, "%s is a directory", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fileErr(name, err)
	}
	if int64(len(data)) > limit {
		return nil, errLO("%s is larger than the %d bytes ifxtest reads into an object", name, limit)
	}
	return data, nil
}

// WriteServerFile runs a LOTOFILE with 'server': the object's bytes are
// written to the file under Config.ServerFiles, a chunk at a time.
func (s *Session) WriteServerFile(ctx context.Context, w ClientWrite) error {
	rel, err := s.e.serverPath(w.Name)
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(s.e.cfg.ServerFiles)
	if err != nil {
		return fileErr(w.Name, err)
	}
	defer root.Close()
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fileErr(w.Name, err)
	}
	var off int64
	for {
		chunk, err := s.ReadLargeObjectAt(ctx, w.Locator, off, loPageSize)
		if err != nil {
			f.Close()
			return err
		}
		if len(chunk) == 0 {
			break
		}
		if _, err := f.Write(chunk); err != nil {
			f.Close()
			return fileErr(w.Name, err)
		}
		off += int64(len(chunk))
	}
	if err := f.Close(); err != nil {
		return fileErr(w.Name, err)
	}
	return nil
}
