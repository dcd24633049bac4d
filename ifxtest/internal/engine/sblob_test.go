package engine

import (
	"bytes"
	"context"
	"testing"
)

// TestLargeObjectPagesReadWriteSeekTruncate: writes that straddle pages,
// a sparse write past the end (the gap reads as zeros), positioned reads,
// seeks from each origin and truncation, against a model byte slice.
func TestLargeObjectPagesReadWriteSeekTruncate(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	ctx := context.Background()
	loc, err := s.CreateLargeObject(ctx, XIDBlob)
	if err != nil {
		t.Fatal(err)
	}
	fd, err := s.OpenLargeObject(ctx, loc, LOReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	var model []byte
	write := func(off int64, data []byte) {
		t.Helper()
		if _, err := s.WriteLargeObject(ctx, fd, data, off); err != nil {
			t.Fatal(err)
		}
		if need := int(off) + len(data); need > len(model) {
			model = append(model, make([]byte, need-len(model))...)
		}
		copy(model[off:], data)
	}
	check := func(what string) {
		t.Helper()
		size, err := s.LargeObjectSize(ctx, fd)
		if err != nil || size != int64(len(model)) {
			t.Fatalf("%s: size %d (%v), want %d", what, size, err, len(model))
		}
		got, err := s.ReadLargeObject(ctx, fd, len(model)+10, 0)
		if err != nil || !bytes.Equal(got, model) {
			t.Fatalf("%s: read %d bytes (%v), want %d", what, len(got), err, len(model))
		}
	}
	pat := func(n int, b byte) []byte {
		p := make([]byte, n)
		for i := range p {
			p[i] = b + byte(i%7)
		}
		return p
	}
	write(0, pat(loPageSize+100, 'a'))
	check("first write")
	write(loPageSize-10, pat(30, 'K'))
	check("across a page boundary")
	write(3*loPageSize+5, pat(10, 'z'))
	check("past the end")
	got, err := s.ReadLargeObject(ctx, fd, 20, loPageSize-15)
	if err != nil || !bytes.Equal(got, model[loPageSize-15:loPageSize+5]) {
		t.Fatalf("ranged read: %q %v", got, err)
	}
	if pos, err := s.TellLargeObject(fd); err != nil || pos != loPageSize+5 {
		t.Fatalf("tell after read: %d %v", pos, err)
	}
	if pos, err := s.SeekLargeObject(ctx, fd, -5, LOSeekEnd); err != nil || pos != int64(len(model))-5 {
		t.Fatalf("seek from the end: %d %v", pos, err)
	}
	if pos, err := s.SeekLargeObject(ctx, fd, 2, LOSeekCur); err != nil || pos != int64(len(model))-3 {
		t.Fatalf("seek from here: %d %v", pos, err)
	}
	if _, err := s.SeekLargeObject(ctx, fd, -1, LOSeekSet); err == nil {
		t.Fatal("seek before the start accepted")
	}
	if err := s.TruncateLargeObject(ctx, fd, loPageSize+3); err != nil {
		t.Fatal(err)
	}
	model = model[:loPageSize+3]
	check("truncated")
	if err := s.TruncateLargeObject(ctx, fd, loPageSize+50); err != nil {
		t.Fatal(err)
	}
	model = append(model, make([]byte, 47)...)
	check("extended by truncate")
	if err := s.CloseLargeObject(fd); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReadLargeObject(ctx, fd, 1, 0); err == nil {
		t.Fatal("read through a closed descriptor")
	}
}

// TestLargeObjectModes: a read-only descriptor refuses writes, a
// write-only one reads, an append one writes at the end.
func TestLargeObjectModes(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	ctx := context.Background()
	loc, _ := s.CreateLargeObject(ctx, XIDClob)
	ro, _ := s.OpenLargeObject(ctx, loc, LOReadOnly)
	if _, err := s.WriteLargeObject(ctx, ro, []byte("x"), -1); err == nil {
		t.Fatal("write through LO_RDONLY")
	}
	wo, _ := s.OpenLargeObject(ctx, loc, LOWriteOnly)
	if _, err := s.ReadLargeObject(ctx, wo, 1, -1); err == nil {
		t.Fatal("read through LO_WRONLY")
	}
	s.WriteLargeObject(ctx, wo, []byte("abc"), -1)
	ap, _ := s.OpenLargeObject(ctx, loc, LOAppend|LOWriteOnly)
	if _, err := s.WriteLargeObject(ctx, ap, []byte("def"), 0); err != nil {
		t.Fatal(err)
	}
	got, _ := s.ReadLargeObject(ctx, ro, 10, 0)
	eq(t, "after append", string(got), "abcdef")
	if _, err := s.OpenLargeObject(ctx, NewLocator(XIDBlob, 12345), LOReadOnly); err == nil {
		t.Fatal("opened an object that does not exist")
	}
	if _, err := s.OpenLargeObject(ctx, make([]byte, LocatorLen), LOReadOnly); err == nil {
		t.Fatal("opened a zero locator")
	}
}

// TestLargeObjectRollback: an object created and written inside a
// transaction is gone after ROLLBACK; one committed stays.
func TestLargeObjectRollback(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	ctx := context.Background()
	exec(t, s, "BEGIN WORK")
	loc, err := s.CreateLargeObject(ctx, XIDBlob)
	if err != nil {
		t.Fatal(err)
	}
	fd, _ := s.OpenLargeObject(ctx, loc, LOReadWrite)
	s.WriteLargeObject(ctx, fd, []byte("gone"), -1)
	exec(t, s, "ROLLBACK WORK")
	if _, err := s.LargeObjectSize(ctx, fd); err == nil {
		t.Fatal("the object outlived its transaction")
	}
}

// TestLargeObjectWriteRollbackAndVisibility: under row locks, writes and
// a truncate through a descriptor inside a transaction, to an object
// committed before it, are undone by ROLLBACK; an object created inside
// a transaction is not visible to another session until the COMMIT.
func TestLargeObjectWriteRollbackAndVisibility(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	other := newSession(t, e, "testdb")
	ctx := context.Background()
	loc, err := s.CreateLargeObject(ctx, XIDBlob)
	if err != nil {
		t.Fatal(err)
	}
	fd, _ := s.OpenLargeObject(ctx, loc, LOReadWrite)
	if _, err := s.WriteLargeObject(ctx, fd, []byte("kept"), 0); err != nil {
		t.Fatal(err)
	}
	exec(t, s, "BEGIN WORK")
	if _, err := s.WriteLargeObject(ctx, fd, []byte("LOST"), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteLargeObject(ctx, fd, make([]byte, loPageSize), -1); err != nil {
		t.Fatal(err)
	}
	exec(t, s, "ROLLBACK WORK")
	got, err := s.ReadLargeObject(ctx, fd, 100, 0)
	if err != nil || string(got) != "kept" {
		t.Fatalf("after ROLLBACK of writes: %q %v, want \"kept\"", got, err)
	}
	exec(t, s, "BEGIN WORK")
	if err := s.TruncateLargeObject(ctx, fd, 1); err != nil {
		t.Fatal(err)
	}
	exec(t, s, "ROLLBACK WORK")
	if got, _ := s.ReadLargeObject(ctx, fd, 100, 0); string(got) != "kept" {
		t.Fatalf("after ROLLBACK of a truncate: %q, want \"kept\"", got)
	}

	exec(t, s, "BEGIN WORK")
	loc2, err := s.CreateLargeObject(ctx, XIDClob)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.LargeObjectSizeOf(ctx, loc2); err == nil {
		t.Fatal("another session sees an object before its transaction commits")
	}
	exec(t, s, "COMMIT WORK")
	if _, err := other.LargeObjectSizeOf(ctx, loc2); err != nil {
		t.Fatalf("committed object: %v", err)
	}
}

// TestLargeObjectCopyRollback: an object a statement creates (LOCOPY,
// stored after the statement's own SQLite transaction committed) goes
// away with the ROLLBACK of its Informix transaction.
func TestLargeObjectCopyRollback(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	ctx := context.Background()
	exec(t, s, "CREATE TABLE lobs (n INT, b BLOB)")
	loc, err := s.CreateLargeObject(ctx, XIDBlob)
	if err != nil {
		t.Fatal(err)
	}
	exec(t, s, "INSERT INTO lobs VALUES (1, ?)", loc)
	exec(t, s, "BEGIN WORK")
	exec(t, s, "INSERT INTO lobs SELECT 2, LOCOPY(b) FROM lobs WHERE n = 1")
	copied, _ := one(t, s, "SELECT b FROM lobs WHERE n = 2").([]byte)
	if _, err := s.LargeObjectSizeOf(ctx, copied); err != nil {
		t.Fatalf("the copy inside its transaction: %v", err)
	}
	exec(t, s, "ROLLBACK WORK")
	if _, err := s.LargeObjectSizeOf(ctx, copied); err == nil {
		t.Fatal("the copy outlived its transaction")
	}
}
