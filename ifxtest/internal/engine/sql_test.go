package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestCatalog(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	rows := query(t, s, "SELECT FIRST 5 tabname, tabid FROM systables ORDER BY tabid")
	eq(t, "first 5", rows, [][]Value{{"systables", int64(1)}, {"syscolumns", int64(2)}, {"sysindices", int64(3)}, {"systabauth", int64(4)}, {"syscolauth", int64(5)}})
	eq(t, "GL_COLLATE", one(t, s, "select site from informix.systables where tabname = ' GL_COLLATE'"), "en_US.819")
	exec(t, s, "create table cust (id serial not null, name char(20), amount decimal(10,2), primary key (id))")
	eq(t, "user tabid", one(t, s, "select tabid from systables where tabname = 'cust'"), int64(100))
	eq(t, "owner padded", one(t, s, "select owner from systables where tabname = 'cust'"), "tester"+strings.Repeat(" ", 26))
	eq(t, "ncols", one(t, s, "select ncols from systables where tabname = 'cust'"), int64(3))
	rows = query(t, s, "select colname, coltype, collength from syscolumns where tabid = 100 order by colno")
	eq(t, "syscolumns", rows, [][]Value{{"id", int64(0x106), int64(4)}, {"name", int64(0), int64(20)}, {"amount", int64(5), int64(10<<8 | 2)}})
	eq(t, "constraint", one(t, s, "select constrtype from sysconstraints where tabid = 100"), "P")
	exec(t, s, "create index ix_name on cust (name desc)")
	eq(t, "sysindices", query(t, s, "select idxname, idxtype, part1 from sysindices where tabid = 100 order by idxname"),
		[][]Value{{" 100_1", "U", int64(1)}, {"ix_name", "D", int64(-2)}})
	eq(t, "nindexes", one(t, s, "select nindexes from systables where tabid = 100"), int64(2))
	// the catalog describes itself
	eq(t, "syscolumns of systables", one(t, s, "select count(*) from syscolumns where tabid = 1"), Decimal("26"))
	eq(t, "sysmaster dual", one(t, s, "select dummy from sysmaster:sysdual"), "X")
	rows = query(t, s, "select name, is_logging, is_ansi from sysmaster:informix.sysdatabases order by name")
	eq(t, "sysdatabases", rows, [][]Value{{"sysmaster", int64(1), int64(0)}, {"testdb", int64(1), int64(0)}})
	exec(t, s, "create database newdb with log mode ansi")
	info, _ := s.Database()
	eq(t, "create database opens it", info, DatabaseInfo{Name: "newdb", Logged: true, ANSI: true})
	eq(t, "sysdatabases ansi", one(t, s, "select is_ansi from sysmaster:sysdatabases where name = 'newdb'"), int64(1))
}

func TestFirstSkipLimit(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "create table n (i int)")
	exec(t, s, "insert into n select value from table(ifx_generate(10))")
	ints := func(rows [][]Value) []int64 {
		var out []int64
		for _, r := range rows {
			out = append(out, r[0].(int64))
		}
		return out
	}
	eq(t, "first", ints(query(t, s, "select first 3 i from n order by i")), []int64{1, 2, 3})
	eq(t, "skip first", ints(query(t, s, "select skip 2 first 3 i from n order by i")), []int64{3, 4, 5})
	eq(t, "skip", ints(query(t, s, "select skip 8 i from n order by i")), []int64{9, 10})
	eq(t, "limit proj", ints(query(t, s, "select limit 2 i from n order by i desc")), []int64{10, 9})
	eq(t, "limit trailing", ints(query(t, s, "select i from n order by i limit 2")), []int64{1, 2})
	eq(t, "first param", ints(query(t, s, "select first ? i from n order by i", int64(1))), []int64{1})
	eq(t, "first unique", ints(query(t, s, "select first 2 unique mod(i, 3) from n order by 1")), []int64{0, 1})
}

func TestDBInfo(t *testing.T) {
	e, err := Open(Config{Version: "IBM Informix Dynamic Server Version 14.10.FC10", HostName: "ifxhost"})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	s := newSession(t, e, "testdb")
	get := func(expr string) Value { return one(t, s, "select "+expr+" from systables where tabid = 1") }
	eq(t, "hostname", get("dbinfo('dbhostname')"), "ifxhost")
	eq(t, "full", get("dbinfo('version','full')"), "IBM Informix Dynamic Server Version 14.10.FC10")
	eq(t, "major", get("dbinfo('version','major')"), "14")
	eq(t, "minor", get("dbinfo('version','minor')"), "10")
	eq(t, "os", get("dbinfo('version','os')"), "F")
	eq(t, "level", get("dbinfo('version','level')"), "C10")
	eq(t, "server-type", get("dbinfo('version','server-type')"), "IBM Informix Dynamic Server")
	eq(t, "dbname", get("dbinfo('dbname')"), "testdb")
	eq(t, "sessionid", get("dbinfo('sessionid')"), s.ID())
	exec(t, s, "create table sr (id serial(50), v int)")
	exec(t, s, "create table s8 (id serial8, v int)")
	exec(t, s, "create table bs (id bigserial(1000), v int)")
	exec(t, s, "insert into sr (v) values (1)")
	eq(t, "sqlerrd1", get("dbinfo('sqlca.sqlerrd1')"), int64(50))
	exec(t, s, "insert into s8 (v) values (1)")
	eq(t, "serial8", get("dbinfo('serial8')"), int64(1))
	exec(t, s, "insert into bs (v) values (1)")
	eq(t, "bigserial", get("dbinfo('bigserial')"), int64(1000))
	exec(t, s, "insert into sr (v) select v from sr")
	exec(t, s, "update sr set v = 2")
	eq(t, "sqlerrd2", get("dbinfo('sqlca.sqlerrd2')"), int64(2))
	wantErr(t, s, -728, "select dbinfo('nonsense') from systables")
	e2 := newEngine(t)
	s2 := newSession(t, e2, "testdb")
	eq(t, "default version", one(t, s2, "select dbinfo('version','full') from systables where tabid = 1"), "IBM Informix Dynamic Server Version 15.0.0.0")
	eq(t, "default major", one(t, s2, "select dbinfo('version','major') from systables where tabid = 1"), "15")
}

func TestSerials(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "create table t (id serial, s8 serial8, v varchar(10))")
	r := exec(t, s, "insert into t (v) values ('a')")
	eq(t, "first", r, Result{RowsAffected: 1, Serial: 1, Serial8: 1, HasSerial8: true})
	r = exec(t, s, "insert into t values (0, 0, 'b')")
	eq(t, "zero", [2]int64{int64(r.Serial), r.Serial8}, [2]int64{2, 2})
	r = exec(t, s, "insert into t values (100, 0, 'c')")
	eq(t, "explicit", r.Serial, int32(100))
	r = exec(t, s, "insert into t (v) values (?)", "d")
	eq(t, "bumped", r.Serial, int32(101))
	r = exec(t, s, "insert into t values (50, 0, 'e')")
	eq(t, "lower explicit", r.Serial, int32(50))
	r = exec(t, s, "insert into t (v) values ('f')")
	eq(t, "counter kept", r.Serial, int32(102))
	exec(t, s, "delete from t where id = 102")
	r = exec(t, s, "insert into t (v) values ('g')")
	eq(t, "no reuse", r.Serial, int32(103))
	exec(t, s, "create table b (id bigserial, v int)")
	r = exec(t, s, "insert into b (v) values (1)")
	eq(t, "bigserial", r, Result{RowsAffected: 1, BigSerial: 1})
	wantErr(t, s, -1213, "insert into b (v) select v from t")
	r = exec(t, s, "insert into b (v) select id from t")
	eq(t, "insert select rows", r.RowsAffected, int64(6))
	eq(t, "insert select serial", r.BigSerial, int64(7))
	eq(t, "max", one(t, s, "select max(id) from b"), int64(7))
	// temp table serials
	exec(t, s, "create temp table tt (id serial(10), v int) with no log")
	r = exec(t, s, "insert into tt (v) values (1)")
	eq(t, "temp serial", r.Serial, int32(10))
}

func TestDML(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, `create table emp (id integer primary key, name varchar(30) not null, dept char(4), salary money(10,2),
		hired date default today, active boolean default 't', note lvarchar)`)
	exec(t, s, "create table dept (code char(4), title varchar(20))")
	exec(t, s, "insert into dept values ('IT', 'Information')")
	exec(t, s, "insert into dept values ('HR', \"Human\")")
	for i := 1; i <= 6; i++ {
		dept := "IT"
		if i%2 == 0 {
			dept = "HR"
		}
		exec(t, s, "insert into emp (id, name, dept, salary) values (?, ?, ?, ?)", int64(i), fmt.Sprintf("Name%d", i), dept, Decimal(fmt.Sprintf("%d000.50", i)))
	}
	exec(t, s, "insert into emp (id, name, dept) values (7, 'Zed', NULL)")
	eq(t, "default today", one(t, s, "select count(*) from emp where hired = today"), Decimal("7"))
	eq(t, "default bool", one(t, s, "select active from emp where id = 7"), true)
	eq(t, "group by", query(t, s, "select dept, count(*), sum(salary) from emp where dept is not null group by dept order by dept"),
		[][]Value{{"HR  ", Decimal("3"), Decimal("12001.50")}, {"IT  ", Decimal("3"), Decimal("9001.50")}})
	eq(t, "join", query(t, s, "select e.name, d.title from emp e join dept d on e.dept = d.code where e.id <= 2 order by e.id"),
		[][]Value{{"Name1", "Information"}, {"Name2", "Human"}})
	eq(t, "left join", query(t, s, "select e.id, d.title from emp e left outer join dept d on e.dept = d.code where e.id = 7"),
		[][]Value{{int64(7), nil}})
	eq(t, "matches", one(t, s, "select count(*) from emp where name matches 'Name[1-3]*'"), Decimal("3"))
	eq(t, "like", one(t, s, "select count(*) from emp where name like 'name%'"), Decimal("0"))
	eq(t, "like param", one(t, s, "select count(*) from emp where name like ?", "N_me%"), Decimal("6"))
	eq(t, "in", one(t, s, "select count(*) from emp where id in (1, 2, 99)"), Decimal("2"))
	eq(t, "between", one(t, s, "select count(*) from emp where salary between 2000 and 4000.50"), Decimal("3"))
	eq(t, "subquery", one(t, s, "select count(*) from emp where dept in (select code from dept where title = 'Human')"), Decimal("3"))
	eq(t, "exists", one(t, s, "select count(*) from dept d where exists (select 1 from emp e where e.dept = d.code)"), Decimal("2"))
	eq(t, "union", len(query(t, s, "select code from dept union select dept from emp where dept is not null")), 2)
	eq(t, "case/decode/nvl", query(t, s, "select case when id > 3 then 'big' else 'small' end, decode(dept, 'IT', 1, 'HR', 2, 0), nvl(dept, 'none') from emp where id in (1, 7) order by id"),
		[][]Value{{"small", int64(1), "IT  "}, {"big  ", int64(0), "none"}})
	eq(t, "string funcs", query(t, s, "select trim(dept) || '-' || upper(name), length(dept), lower('ABC'), substr(name, 2, 3) from emp where id = 1"),
		[][]Value{{"IT-NAME1", int64(2), "abc", "ame"}})
	eq(t, "date funcs", query(t, s, "select mdy(5, 4, 2026), year(mdy(5, 4, 2026)), month(mdy(5,4,2026)), day(mdy(5,4,2026)), weekday(mdy(5,4,2026)) from emp where id = 1"),
		[][]Value{{NewDate(2026, 5, 4), int64(2026), int64(5), int64(4), int64(1)}})
	eq(t, "date compare literal", one(t, s, "select count(*) from emp where hired > '01/01/2000'"), Decimal("7"))
	eq(t, "mod/round", query(t, s, "select mod(10, 3), round(2.567, 2), trunc(2.567, 1), abs(-3) from emp where id = 1"),
		[][]Value{{int64(1), Decimal("2.57"), Decimal("2.5"), int64(3)}})
	r := exec(t, s, "update emp set salary = salary * 2 where dept = ?", "IT")
	eq(t, "update rows", r.RowsAffected, int64(3))
	eq(t, "update", one(t, s, "select salary from emp where id = 1"), Decimal("2001.00"))
	r = exec(t, s, "delete from emp where id > ?", int64(5))
	eq(t, "delete rows", r.RowsAffected, int64(2))
	st := describe(t, s, "update emp set name = ? where id = ?")
	eq(t, "update type", st.Type, StmtUpdate)
	eq(t, "param types", []int16{st.Params[0].Type, st.Params[1].Type}, []int16{TypeVarchar | FlagNotNull, TypeInteger | FlagNotNull})
	eq(t, "update all", describe(t, s, "update emp set name = 'x'").Type, StmtUpdateAll)
	eq(t, "delete all", describe(t, s, "delete from emp").Type, StmtDeleteAll)
	st = describe(t, s, "insert into emp (id, name) values (?, ?)")
	eq(t, "insert describes row", len(st.Columns), 2)
	eq(t, "insert param", st.Params[1], Column{Type: TypeVarchar | FlagNotNull, Length: 30})
	st = describe(t, s, "select * from emp where hired < ? and name = upper(?)")
	eq(t, "where params", []int16{st.Params[0].Type, st.Params[1].Type}, []int16{TypeDate, TypeChar})
	eq(t, "truncate", describe(t, s, "truncate table emp").Type, StmtTruncate)
	exec(t, s, "truncate emp")
	eq(t, "truncated", one(t, s, "select count(*) from emp"), Decimal("0"))
}

func TestDDLAndTemp(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "create table a (i int, c char(3)) lock mode row")
	exec(t, s, "alter table a add (d date, n int not null)")
	wantErr(t, s, -391, "insert into a (i) values (2)")
	exec(t, s, "insert into a values (1, 'x', NULL, 1)")
	exec(t, s, "alter table a add z int default 7 not null")
	eq(t, "added default", one(t, s, "select z from a"), int64(7))
	exec(t, s, "alter table a drop z")
	exec(t, s, "insert into a values (2, 'y', '01/02/2026', 5)")
	exec(t, s, "alter table a drop c")
	eq(t, "after alter", query(t, s, "select * from a where i = 2"), [][]Value{{int64(2), NewDate(2026, 1, 2), int64(5)}})
	exec(t, s, "rename column a.n to num")
	exec(t, s, "rename table a to b")
	eq(t, "renamed", one(t, s, "select num from b where i = 2"), int64(5))
	exec(t, s, "create view v (x, y) as select i, num * 2 from b")
	eq(t, "view", one(t, s, "select y from v where x = 2"), int64(10))
	eq(t, "view tabtype", one(t, s, "select tabtype from systables where tabname = 'v'"), "V")
	eq(t, "view text", strings.HasPrefix(one(t, s, "select viewtext from sysviews where seqno = 0").(string), "create view v"), true)
	exec(t, s, "drop view v")
	exec(t, s, "drop table b")
	wantErr(t, s, -206, "select * from b")
	// temp tables
	eq(t, "temp type", describe(t, s, "create temp table tmp (i int)").Type, StmtCreateTempTable)
	exec(t, s, "create temp table tmp (i int) with no log")
	exec(t, s, "insert into tmp values (1)")
	st := describe(t, s, "select i, i * 2 as dbl from tmp into temp tmp2 with no log")
	eq(t, "into temp type", st.Type, StmtSelectInto)
	r := exec(t, s, "select i, i * 2 as dbl from tmp into temp tmp2 with no log")
	eq(t, "into temp rows", r.RowsAffected, int64(1))
	eq(t, "into temp", query(t, s, "select * from tmp2"), [][]Value{{int64(1), int64(2)}})
	eq(t, "temp not in systables", one(t, s, "select count(*) from systables where tabname = 'tmp'"), Decimal("0"))
	other := newSession(t, e, "testdb")
	wantErr(t, other, -206, "select * from tmp")
	s.CloseDatabase()
	s.OpenDatabase(context.Background(), "testdb")
	wantErr(t, s, -206, "select * from tmp")
	// misc statements are accepted with the right types
	for q, typ := range map[string]int{
		"set isolation to dirty read":        StmtSetIsolation,
		"set lock mode to wait 5":            StmtSetLockMode,
		"set lock mode to not wait":          StmtSetLockMode,
		"set explain on":                     StmtSetExplain,
		"set environment optcompind '2'":     StmtSetEnvironment,
		"set pdqpriority 50":                 StmtSetPDQPriority,
		"update statistics medium for table": StmtUpdateStatistics,
		"lock table systables in share mode": StmtLockTable,
		"unlock table systables":             StmtUnlockTable,
		"grant connect to public":            StmtGrant,
	} {
		st := describe(t, s, q)
		eq(t, q, st.Type, typ)
		exec(t, s, q)
	}
}

func TestCommentsAndQuoting(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	eq(t, "comments", one(t, s, "SELECT {brace} \"dq\" -- line\n FROM /* c */ SYSTABLES WHERE TabID = 1"), "dq")
	eq(t, "escaped quote", one(t, s, "select 'it''s' from systables where tabid = 1"), "it's")
	eq(t, "concat null", one(t, s, "select 'a' || NULL from systables where tabid = 1"), nil)
}
