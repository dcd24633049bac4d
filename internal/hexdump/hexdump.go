// Package hexdump reads the annotated hex dumps under testdata/: lines of
// "OFFSET  hex bytes  |ascii|", "#" comment lines, and a new chunk wherever
// the offset restarts at 0000.
package hexdump

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
)

// Chunk is one run of bytes whose offsets start at 0000, with the comment
// lines that preceded it.
type Chunk struct {
	Comment string
	Bytes   []byte
}

// ReadFile parses the dump in path.
func ReadFile(path string) ([]Chunk, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f)
}

// Read parses a dump.
func Read(r io.Reader) ([]Chunk, error) {
	var chunks []Chunk
	var comment strings.Builder
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if strings.HasPrefix(text, "#") {
			comment.WriteString(strings.TrimSpace(strings.TrimPrefix(text, "#")))
			comment.WriteByte('\n')
			continue
		}
		if i := strings.IndexByte(text, '|'); i >= 0 {
			text = text[:i]
		}
		fields := strings.Fields(text)
		if len(fields) == 0 {
			continue
		}
		var off int
		if _, err := fmt.Sscanf(fields[0], "%x", &off); err != nil {
			return nil, fmt.Errorf("line %d: bad offset %q", line, fields[0])
		}
		if off == 0 || len(chunks) == 0 {
			chunks = append(chunks, Chunk{Comment: comment.String()})
			comment.Reset()
		}
		c := &chunks[len(chunks)-1]
		if off != len(c.Bytes) {
			return nil, fmt.Errorf("line %d: offset %#x after %d bytes", line, off, len(c.Bytes))
		}
		b, err := hex.DecodeString(strings.Join(fields[1:], ""))
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		c.Bytes = append(c.Bytes, b...)
	}
	return chunks, sc.Err()
}

// Dump formats b in the same layout Read parses.
func Dump(b []byte) string {
	var sb strings.Builder
	for off := 0; off < len(b); off += 16 {
		end := min(off+16, len(b))
		fmt.Fprintf(&sb, "%04x ", off)
		for i := off; i < off+16; i++ {
			if i < end {
				fmt.Fprintf(&sb, " %02x", b[i])
			} else {
				sb.WriteString("   ")
			}
		}
		sb.WriteString("  |")
		for _, c := range b[off:end] {
			if c < 0x20 || c > 0x7e {
				c = '.'
			}
			sb.WriteByte(c)
		}
		sb.WriteString("|\n")
	}
	return sb.String()
}
