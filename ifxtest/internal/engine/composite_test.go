package engine

import (
	"reflect"
	"testing"
)

func compSession(t *testing.T) *Session {
	t.Helper()
	e := newEngine(t)
	s := newSession(t, e, "")
	exec(t, s, "create database compdb")
	return s
}

func TestCompositeColumnsStoreIDSText(t *testing.T) {
	s := compSession(t)
	exec(t, s, "create table ct (id int, r row(name varchar(50), age int), s set(varchar(20) not null), m multiset(int not null), l list(int not null), b varchar(10))")
	exec(t, s, "insert into ct values (1, row('Alice', 30)::row(name varchar(50), age int), set{'red','green','blue','red'}, multiset{1,2,2,3}, list{10,20,30}, 'abc')")
	exec(t, s, "insert into ct values (2, NULL, NULL, multiset{}, 'LIST{5, 6}', 'xyz')")
	rows := query(t, s, "select id, r, s, m, l, b from ct order by id")
	want := [][]Value{
		{int64(1), "ROW('Alice',30         )", "SET{'red','green','blue'}", "MULTISET{1          ,2          ,2          ,3          }", "LIST{10         ,20         ,30         }", "abc"},
		{int64(2), nil, nil, "MULTISET{}", "LIST{5          ,6          }", "xyz"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("rows\n got %q\nwant %q", rows, want)
	}
	st := describe(t, s, "select r, s, m, l from ct")
	defer st.Close()
	names := []string{"ROW(name varchar(50), age integer)", "SET(varchar(20) not null)", "MULTISET(integer not null)", "LIST(integer not null)"}
	codes := []int16{TypeRow, TypeSet, TypeMultiset, TypeList}
	for i, c := range st.Columns {
		if c.Type != codes[i] || c.ExtendedName != names[i] || c.ExtendedID < 2048 {
			t.Errorf("column %d: type %d xid %d name %q, want %d, >= 2048, %q", i, c.Type, c.ExtendedID, c.ExtendedName, codes[i], names[i])
		}
	}
	if got := one(t, s, "select cardinality(m) from ct where id = 1"); got != int64(4) {
		t.Errorf("cardinality = %v", got)
	}
	if got := one(t, s, "select cardinality(m) from ct where id = 2"); got != int64(0) {
		t.Errorf("cardinality of empty = %v", got)
	}
}

func TestCompositeNestedLiteral(t *testing.T) {
	s := compSession(t)
	exec(t, s, "create table nt (v list(row(a int, b set(varchar(10) not null)) not null))")
	exec(t, s, "insert into nt values (list{row(1, set{'x','it''s'}), row(null, set{})})")
	got := one(t, s, "select v from nt")
	if want := "LIST{ROW(1          ,SET{'x','it''s'}),ROW(NULL,SET{})}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCollectionDerivedTable(t *testing.T) {
	s := compSession(t)
	if got := one(t, s, "select dbinfo('version','full') from table(set{1})"); got == nil {
		t.Error("dbinfo from table(set{1}) returned NULL")
	}
	rows := query(t, s, "select x from table(list{3, 1, 2}) as c(x)")
	if !reflect.DeepEqual(rows, [][]Value{{int64(3)}, {int64(1)}, {int64(2)}}) {
		t.Errorf("rows = %v", rows)
	}
	if got := one(t, s, "select count(*) from table(set{'a','b','a'})"); got != Decimal("2") {
		t.Errorf("count = %#v", got)
	}
}

func TestCompositeErrors(t *testing.T) {
	s := compSession(t)
	wantErr(t, s, -201, "create table e1 (s set(int))")
	wantErr(t, s, -201, "create table e2 (s set(serial not null))")
	exec(t, s, "create table e3 (l list(int not null), r row(a int, b int))")
	wantErr(t, s, -1260, "insert into e3 (l) values (list{1, null})")
	wantErr(t, s, -1260, "insert into e3 (l) values ('LIST{1,')")
	wantErr(t, s, -1260, "insert into e3 (l) values ('LIST{NULL}')")
	wantErr(t, s, -1260, "insert into e3 (r) values ('ROW(1)')")
	wantErr(t, s, -1260, "insert into e3 (l) values ('LIST{''x''}')")
}

func TestRowFieldProjection(t *testing.T) {
	s := compSession(t)
	exec(t, s, "create table rt (id int, r row(name varchar(50), age int))")
	exec(t, s, "insert into rt values (1, row('Bob', 25)::row(name varchar(50), age int))")
	exec(t, s, "insert into rt values (2, null)")
	rows := query(t, s, "select id, r.name, r.age, rt.r.age from rt order by id")
	want := [][]Value{{int64(1), "Bob", int64(25), int64(25)}, {int64(2), nil, nil, nil}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %v", rows)
	}
	wantErr(t, s, -217, "select r.nosuch from rt")
}

func TestInCollection(t *testing.T) {
	s := compSession(t)
	exec(t, s, "create table ic (id int, l list(int not null), v set(varchar(10) not null))")
	exec(t, s, "insert into ic values (1, list{1,2,3}, set{'a','b'})")
	exec(t, s, "insert into ic values (2, list{4}, set{})")
	exec(t, s, "insert into ic values (3, null, null)")
	if got := query(t, s, "select id from ic where 2 in l"); !reflect.DeepEqual(got, [][]Value{{int64(1)}}) {
		t.Errorf("2 in l: %v", got)
	}
	if got := query(t, s, "select id from ic where 2 not in l order by id"); !reflect.DeepEqual(got, [][]Value{{int64(2)}}) {
		t.Errorf("2 not in l: %v", got)
	}
	if got := query(t, s, "select id from ic where 'b' in v"); !reflect.DeepEqual(got, [][]Value{{int64(1)}}) {
		t.Errorf("'b' in v: %v", got)
	}
	if got := query(t, s, "select id from ic where id in list{2,3} order by id"); !reflect.DeepEqual(got, [][]Value{{int64(2)}, {int64(3)}}) {
		t.Errorf("id in literal: %v", got)
	}
}

func TestNamedRowType(t *testing.T) {
	s := compSession(t)
	wantErr(t, s, -9628, "create table np (p person_t)")
	exec(t, s, "create row type person_t (name varchar(30), age int)")
	exec(t, s, "create table np (id int, p person_t, l list(person_t not null))")
	exec(t, s, "insert into np values (1, row('Ann', 41)::person_t, list{row('Bo', 2)::person_t})")
	exec(t, s, "insert into np values (2, 'ROW(''Cy'', 7)', 'LIST{ROW(''Di'', NULL)}')")
	rows := query(t, s, "select p, l, p.name from np order by id")
	want := [][]Value{
		{"ROW('Ann',41         )", "LIST{ROW('Bo',2          )}", "Ann"},
		{"ROW('Cy',7          )", "LIST{ROW('Di',NULL)}", "Cy"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %q", rows)
	}
	st := describe(t, s, "select p, l from np")
	defer st.Close()
	if c := st.Columns[0]; c.Type != TypeRow|FlagNamedRow || c.ExtendedName != "person_t" || c.ExtendedID < 2048 {
		t.Errorf("named ROW described as %#x %q xid %d", c.Type, c.ExtendedName, c.ExtendedID)
	}
	if st.Type != StmtSelect {
		t.Errorf("type %d", st.Type)
	}
	wantErr(t, s, -999, "drop row type person_t restrict")
	exec(t, s, "drop table np")
	exec(t, s, "drop row type person_t restrict")
	wantErr(t, s, -9628, "create table np2 (p person_t)")
	wantErr(t, s, -201, "drop row type person_t")
}
