package ifxtest

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// TestSmartBlobServerFiles: FILETOBLOB/FILETOCLOB and LOTOFILE with
// 'server' read and write files under Config.ServerFiles, named by full
// pathnames inside it; no SQ_FILE transfer reaches the client.
func TestSmartBlobServerFiles(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("server-side "), 9000) // 108,000 bytes: several pages
	if err := os.MkdirAll(filepath.Join(dir, "in"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "in", "b.bin"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := NewServer(t, Config{ServerFiles: dir})
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE lo_s (id INT, b BLOB)")
	fc := &fileClient{in: map[string][]byte{}, out: map[string][]byte{}}
	if r := c.insertFile(fc, "INSERT INTO lo_s VALUES (1, filetoblob('/in/b.bin', 'server'))"); r.err != nil {
		t.Fatalf("insert: %d", r.err.SQLCode)
	}
	_, rows := c.selectFiles(fc, "SELECT lotofile(b, '/out!', 'server') FROM lo_s")
	if len(rows) != 1 || len(fc.out) != 0 {
		t.Fatalf("%d rows, %d client files", len(rows), len(fc.out))
	}
	got, err := os.ReadFile(filepath.Join(dir, "out"))
	if err != nil || !bytes.Equal(got, big) {
		t.Fatalf("server file read back %d bytes of %d (%v)", len(got), len(big), err)
	}
}

// TestSmartBlobServerFileErrors: a 'server' file that cannot be opened,
// a relative pathname, and one that leaves the directory (by "..", or a
// symbolic link) are -461 with an operating-system ISAM code; so is any
// 'server' file when the server has no ServerFiles.
func TestSmartBlobServerFileErrors(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("no"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, filepath.Join(outside, "secret"))
	for _, tc := range []struct {
		cfg  Config
		path string
		isam int32
	}{
		{Config{ServerFiles: dir}, "/missing", -2},
		{Config{ServerFiles: dir}, "missing", -2},
		{Config{ServerFiles: dir}, "/sub", -21},
		{Config{ServerFiles: dir}, "/link", -13},
		{Config{ServerFiles: dir}, "/" + rel, -2},
		{Config{}, "/anything", -2},
	} {
		srv := NewServer(t, tc.cfg)
		c := dialWire(t, srv.Addr())
		c.login(sqli.JDBCOffer)
		c.openDB("testdb")
		c.exec("CREATE TABLE lo_e (b BLOB)")
		r := c.roundTrip(&sqli.Prepare{SQL: "INSERT INTO lo_e VALUES (filetoblob('" + tc.path + "', 'server'))"}, sqli.NDescribe{}, sqli.WantDone{})
		if r.err == nil {
			id := &sqli.ID{StatementID: r.describe.StmtID}
			r = c.roundTrip(id, sqli.Execute{})
		}
		if r.err == nil || r.err.SQLCode != -461 || r.err.ISAMCode != tc.isam {
			t.Errorf("%q (ServerFiles %q): %+v, want -461 ISAM %d", tc.path, tc.cfg.ServerFiles, r.err, tc.isam)
		}
	}
}

// TestSmartBlobServerFileWriteConfined: LOTOFILE with 'server' writes
// only under Config.ServerFiles: a relative pathname ("../x"), one whose
// ".." would climb above the directory, and one through a symbolic link
// to a directory outside are -461, and no file appears outside; a
// pathname's ".." stops at the directory, the root of 'server' names.
func TestSmartBlobServerFileWriteConfined(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "in.bin"), []byte("confined"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "linkdir")); err != nil {
		t.Fatal(err)
	}
	up, _ := filepath.Rel(dir, outside) // "../<outside's name>"
	srv := NewServer(t, Config{ServerFiles: dir})
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE lo_w (b BLOB)")
	fc := &fileClient{in: map[string][]byte{}, out: map[string][]byte{}}
	if r := c.insertFile(fc, "INSERT INTO lo_w VALUES (filetoblob('/in.bin', 'server'))"); r.err != nil {
		t.Fatalf("insert: %d", r.err.SQLCode)
	}
	for i, tc := range []struct {
		path string
		isam int32
	}{
		{"../x!", -2},
		{"/" + up + "/x!", -2}, // the "..": the pathname's root is the directory's
		{"/../../x!", 0},       // the directory's x, never one above it
		{"/linkdir/x!", -13},
	} {
		r := c.roundTrip(&sqli.Prepare{SQL: "SELECT lotofile(b, '" + tc.path + "', 'server') FROM lo_w"}, sqli.NDescribe{}, sqli.WantDone{})
		if r.err == nil {
			id := &sqli.ID{StatementID: r.describe.StmtID}
			cur := &sqli.CurName{Name: "lo_w_c" + strconv.Itoa(i)}
			r = c.roundTripFiles(fc, id, cur, sqli.Open{}, id, &sqli.NFetch{BufSize: 4096})
			c.roundTrip(id, sqli.Close{})
			c.roundTrip(id, sqli.Release{})
		}
		switch {
		case tc.isam == 0:
			if got, err := os.ReadFile(filepath.Join(dir, "x")); r.err != nil || string(got) != "confined" {
				t.Errorf("%q: %+v; ServerFiles/x holds %q (%v)", tc.path, r.err, got, err)
			}
		case r.err == nil || r.err.SQLCode != -461 || r.err.ISAMCode != tc.isam:
			t.Errorf("%q: %+v, want -461 ISAM %d", tc.path, r.err, tc.isam)
		}
		if ents, _ := os.ReadDir(outside); len(ents) != 0 {
			t.Fatalf("%q: wrote %s outside ServerFiles", tc.path, ents[0].Name())
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "x")); err == nil {
		t.Fatal("a file x appeared beside ServerFiles")
	}
}
