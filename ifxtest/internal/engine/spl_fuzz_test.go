package engine

import (
	"testing"
	"time"
)

// FuzzSPLParse: any routine text parses or fails with an error, never a
// panic, and quickly (the parser is recursive: nesting is bounded).
func FuzzSPLParse(f *testing.F) {
	for _, c := range splCases {
		for _, q := range c.setup {
			f.Add(q)
		}
	}
	f.Add("create procedure p() " + nested(300) + " end procedure")
	f.Add("create function f() returning int; foreach select n into v from t return v with resume; end foreach; end function")
	f.Add("create trigger t1 update of a, b on t referencing old as o new as n before when (1 = 1) (delete from u) " +
		"for each row when (n.a > o.a) (insert into u values (n.a), execute procedure p(o.b, n.b)) after (update u set x = 1)")
	f.Add("create trigger t2 delete on t referencing old o for each row (delete from u where k = o.k, execute function f(o.k))")
	f.Add("drop trigger if exists t2")
	f.Add("create procedure tr() referencing old as o new as n for t; let n.a = o.a + 1; end procedure")
	f.Add("create trigger t3 insert on t for each row (execute function f(1) into a, b, execute procedure tr() with trigger references)")
	f.Fuzz(func(t *testing.T, src string) {
		start := time.Now()
		_, _, _ = parse(src)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("parse took %v", d)
		}
	})
}

func nested(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += "begin "
	}
	for i := 0; i < n; i++ {
		s += "end "
	}
	return s
}
