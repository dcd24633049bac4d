package ifxtest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/ifxgo/ifx/internal/hexdump"
)

// recorder writes a transcript of one connection: every chunk each side
// sent, in order, as annotated hex dumps that internal/hexdump reads back.
type recorder struct {
	mu     sync.Mutex
	f      *os.File
	logf   func(string, ...any)
	inOff  int
	outOff int
}

func newRecorder(dir string, id int, logf func(string, ...any)) *recorder {
	path := filepath.Join(dir, fmt.Sprintf("conn-%04d.hex", id))
	f, err := os.Create(path)
	if err != nil {
		logf("ifxtest: transcript: %v", err)
		return &recorder{logf: logf}
	}
	return &recorder{f: f, logf: logf}
}

func (r *recorder) write(dir string, off *int, b []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil || len(b) == 0 {
		return
	}
	fmt.Fprintf(r.f, "# %s %d bytes at offset %d\n%s", dir, len(b), *off, hexdump.Dump(b))
	*off += len(b)
}

func (r *recorder) out(b []byte) { r.write("S>C", &r.outOff, b) }

func (r *recorder) teeIn(src io.Reader) io.Reader {
	return readerFunc(func(p []byte) (int, error) {
		n, err := src.Read(p)
		r.write("C>S", &r.inOff, p[:n])
		return n, err
	})
}

func (r *recorder) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f != nil {
		r.f.Close()
		r.f = nil
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }
