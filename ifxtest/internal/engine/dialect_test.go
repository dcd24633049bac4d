package engine

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// dialectCase is one row of docs/DIALECT.md: run setup, then sql; code 0
// means it must succeed (and give want, when set), otherwise fail with
// that SQLCODE.
type dialectCase struct {
	name  string
	setup []string
	sql   string
	code  int
	want  [][]Value
	db    string     // "" logged (default), "nolog" an unlogged database
	cli   ClientInfo // the client's settings (DELIMIDENT, server name)
}

// dialectBase is the schema every case starts from.
var dialectBase = []string{
	"create table t (a int, b varchar(10))",
	"insert into t values (1, 'x')",
	"insert into t values (2, 'y')",
	"insert into t values (3, 'z')",
	"create table u (a int primary key, c char(5) unique)",
	"insert into u values (1, 'one')",
}

var dialectCases = []dialectCase{
	// SELECT projection: SKIP / FIRST / LIMIT
	{name: "select/first", sql: "select first 2 a from t order by a", want: [][]Value{{int64(1)}, {int64(2)}}},
	{name: "select/skip-first", sql: "select skip 1 first 1 a from t order by a", want: [][]Value{{int64(2)}}},
	{name: "select/limit-projection", sql: "select limit 1 a from t order by a", want: [][]Value{{int64(1)}}},
	{name: "select/limit-trailing", sql: "select a from t order by a limit 1", want: [][]Value{{int64(1)}}},
	{name: "select/first-with-limit", sql: "select first 1 a from t limit 1", code: -201},
	{name: "select/skip-with-trailing-limit", sql: "select skip 1 a from t order by a limit 1", want: [][]Value{{int64(2)}}},
	{name: "select/skip-expression", sql: "select skip (1 + 1) a from t", code: -201},
	{name: "select/distinct-before-skip", sql: "select distinct skip 1 a from t", code: -201},
	{name: "select/first-and-limit-projection", sql: "select first 1 limit 1 a from t", code: -201},
	{name: "select/first-before-skip", sql: "select first 1 skip 1 a from t", code: -201},
	{name: "select/offset", sql: "select a from t order by a limit 1 offset 1", code: -201},
	{name: "select/limit-comma", sql: "select a from t order by a limit 1, 2", code: -201},
	{name: "select/first-in-subquery", sql: "select a from t where a in (select first 1 a from u)", code: -944},
	{name: "select/first-in-exists", sql: "select a from t where exists (select first 1 a from u)", code: -944},
	{name: "select/first-in-scalar-subquery", sql: "select (select first 1 a from u) from t", code: -944},
	{name: "select/first-in-view", sql: "create view vf as select first 1 a from t", code: -944},
	{name: "select/first-in-from-subquery", sql: "select x.a from (select first 1 a from t order by a) x", want: [][]Value{{int64(1)}}},
	// SELECT clauses
	{name: "select/order-by-position", sql: "select a, b from t order by 2 desc", want: [][]Value{{int64(3), "z"}, {int64(2), "y"}, {int64(1), "x"}}},
	{name: "select/order-by-nulls-first", sql: "select a from t order by a desc nulls first", want: [][]Value{{int64(3)}, {int64(2)}, {int64(1)}}},
	{name: "select/group-by-having", sql: "select count(*) from t group by b having count(*) > 0 order by 1", want: [][]Value{{Decimal("1")}, {Decimal("1")}, {Decimal("1")}}},
	{name: "select/distinct-unique", sql: "select unique a from t where a < 2", want: [][]Value{{int64(1)}}},
	{name: "join/inner", sql: "select t.b, u.c from t inner join u on t.a = u.a", want: [][]Value{{"x", "one  "}}},
	{name: "join/left-outer", sql: "select count(*) from t left outer join u on t.a = u.a", want: [][]Value{{Decimal("3")}}},
	{name: "join/informix-outer", sql: "select count(*) from t, outer u where t.a = u.a", want: [][]Value{{Decimal("3")}}},
	{name: "union/union-all", sql: "select a from t where a = 1 union all select a from u order by 1", want: [][]Value{{int64(1)}, {int64(1)}}},
	{name: "union/union", sql: "select a from t where a = 1 union select a from u", want: [][]Value{{int64(1)}}},
	{name: "union/order-by-name", sql: "select a from t union select a from u order by a", code: -201},
	{name: "union/intersect", sql: "select a from t intersect select a from u", want: [][]Value{{int64(1)}}},
	{name: "union/except", sql: "select a from t except select a from u order by 1", want: [][]Value{{int64(2)}, {int64(3)}}},
	{name: "union/trailing-limit", sql: "select a from t union all select a from u order by 1 limit 1", want: [][]Value{{int64(1)}}},
	{name: "select/no-from", sql: "select 1", code: -201},
	{name: "select/from-sysdual", sql: "select 1 from sysmaster:sysdual", want: [][]Value{{int64(1)}}},
	{name: "subquery/in", sql: "select b from t where a in (select a from u)", want: [][]Value{{"x"}}},
	{name: "subquery/exists", sql: "select count(*) from t where exists (select 1 from u where u.a = t.a)", want: [][]Value{{Decimal("1")}}},
	{name: "subquery/scalar", sql: "select (select max(a) from t) from u", want: [][]Value{{int64(3)}}},
	// INSERT
	{name: "insert/values", sql: "insert into t values (4, 'w')"},
	{name: "insert/columns", sql: "insert into t (b, a) values ('w', 4)"},
	{name: "insert/multi-row-values", sql: "insert into t values (4, 'w'), (5, 'v')", code: -201},
	{name: "insert/select", sql: "insert into u (a, c) select a + 10, b from t"},
	{name: "insert/too-many-values", sql: "insert into t (a) values (1, 'x')", code: -236},
	// UPDATE / DELETE / MERGE
	{name: "update/set", sql: "update t set b = 'q' where a = 1"},
	{name: "update/set-list", sql: "update t set (a, b) = (7, 'q') where a = 1"},
	{name: "update/where-current-of", sql: "update t set b = 'q' where current of c1", code: -999},
	{name: "delete/where", sql: "delete from t where a = 1"},
	{name: "delete/without-from", sql: "delete t where a = 1"},
	{name: "merge/not-implemented", sql: "merge into t using u on t.a = u.a when matched then update set b = u.c", code: -999},
	// DDL
	{name: "ddl/create-table-constraints", sql: "create table v (id serial primary key, n varchar(20) not null unique, p int references u (a), q int check (q > 0), d date default today)"},
	{name: "ddl/create-index", sql: "create index ix_tb on t (b)"},
	{name: "ddl/create-unique-index", sql: "create unique index ix_ta on t (a desc)"},
	{name: "ddl/create-view", sql: "create view vt as select a, b from t"},
	{name: "ddl/drop-table", sql: "drop table t"},
	{name: "ddl/drop-index", setup: []string{"create index ix_tb on t (b)"}, sql: "drop index ix_tb"},
	{name: "ddl/alter-add-column", sql: "alter table t add (c int)"},
	{name: "ddl/alter-add-constraint", sql: "alter table t add constraint unique (b) constraint uq_tb"},
	{name: "ddl/create-sequence", sql: "create sequence s1", code: -999},
	// data types
	{name: "types/all-scalars", sql: `create table ty (c1 char(5), c2 varchar(10), c3 lvarchar(100), c4 nchar(5), c5 nvarchar(10),
		c6 smallint, c7 integer, c8 int8, c9 bigint, c10 serial8, c11 smallfloat, c12 float, c13 decimal(10,2), c14 money(8,2),
		c15 date, c16 datetime year to second, c17 datetime hour to minute, c18 interval day(3) to second,
		c19 interval year to month, c20 boolean, c21 text, c22 byte)`},
	// transactions and SET
	{name: "tx/begin-commit", setup: []string{"begin work", "insert into t values (9, 'n')"}, sql: "commit work"},
	{name: "tx/rollback", setup: []string{"begin work"}, sql: "rollback work"},
	{name: "tx/begin-unlogged", db: "nolog", sql: "begin work", code: -256},
	{name: "tx/set-transaction-read-only-update", setup: []string{"begin work", "set transaction read only"}, sql: "update t set b = 'q' where a = 1", code: -878},
	{name: "tx/set-transaction-read-only-insert", setup: []string{"begin work", "set transaction read only"}, sql: "insert into t values (8, 'r')", code: -878},
	{name: "tx/set-transaction-read-only-ddl", setup: []string{"begin work", "set transaction read only"}, sql: "create table w (i int)", code: -878},
	{name: "tx/set-transaction-read-only-select", setup: []string{"begin work", "set transaction read only"}, sql: "select count(*) from t", want: [][]Value{{Decimal("3")}}},
	{name: "tx/set-transaction-read-write", setup: []string{"begin work", "set transaction read write, isolation level read committed"}, sql: "update t set b = 'q' where a = 1"},
	{name: "tx/set-transaction-after-dml", setup: []string{"begin work", "select count(*) from t"}, sql: "set transaction read only", code: -876},
	{name: "tx/read-only-ends-with-commit", setup: []string{"begin work", "set transaction read only", "commit work"}, sql: "update t set b = 'q' where a = 1"},
	{name: "tx/read-only-outside-transaction", setup: []string{"set transaction read only"}, sql: "update t set b = 'q' where a = 1", code: -878},
	{name: "tx/read-only-outside-used-up", setup: []string{"set transaction read only", "select count(*) from t"}, sql: "update t set b = 'q' where a = 1"},
	{name: "tx/set-transaction-unlogged", db: "nolog", sql: "set transaction read only", code: -256},
	{name: "set/lock-mode", sql: "set lock mode to wait 5"},
	{name: "set/explain", sql: "set explain on"},
	// built-in expressions
	{name: "builtin/today", sql: "select today - today from u", want: [][]Value{{int64(0)}}},
	{name: "builtin/current", sql: "select count(*) from u where current year to second is not null", want: [][]Value{{Decimal("1")}}},
	{name: "builtin/user", sql: "select user from u", want: [][]Value{{"tester"}}},
	{name: "builtin/dbinfo-dbname", sql: "select dbinfo('dbname') from u", want: [][]Value{{"dialect"}}},
	{name: "builtin/dbservername", sql: "select dbservername from systables where tabid = 1", want: [][]Value{{"ifxserver"}}, cli: ClientInfo{ServerName: "ifxserver"}},
	{name: "builtin/sitename", sql: "select sitename from systables where tabid = 1", want: [][]Value{{"ifxserver"}}, cli: ClientInfo{ServerName: "ifxserver"}},
	{name: "builtin/nvl", sql: "select nvl(null, 'd') from u", want: [][]Value{{"d"}}},
	{name: "builtin/decode", sql: "select decode(a, 1, 'one', 'other') from u", want: [][]Value{{"one"}}},
	{name: "builtin/case", sql: "select case when a = 1 then 'y' else 'n' end from u", want: [][]Value{{"y"}}},
	{name: "builtin/cast", sql: "select cast('42' as integer) + 1 from u", want: [][]Value{{int64(43)}}},
	{name: "builtin/cast-colons", sql: "select '42'::integer + 1 from u", want: [][]Value{{int64(43)}}},
	{name: "builtin/string-functions", sql: "select upper(c) || lower('AB') || length('abc') || trim('  x  ') || substr('hello', 2, 3) from u", want: [][]Value{{"ONEab3xell"}}},
	{name: "builtin/date-functions", sql: "select year(mdy(3, 4, 2026)), month(mdy(3, 4, 2026)), day(mdy(3, 4, 2026)), weekday(mdy(3, 4, 2026)) from u", want: [][]Value{{int64(2026), int64(3), int64(4), int64(3)}}},
	{name: "builtin/unknown-function", sql: "select nosuchfunc(1) from u", code: -674},
	// catalog
	{name: "catalog/sysindexes-create-index", setup: []string{"create index ix_tb on t (b)"}, sql: "select idxname, idxtype, part1 from sysindexes where tabid = (select tabid from systables where tabname = 't')", want: [][]Value{{"ix_tb", "D", int64(2)}}},
	{name: "catalog/sysindexes-constraints", sql: "select count(*) from sysindexes i, systables s where i.tabid = s.tabid and s.tabname = 'u' and i.idxtype = 'U'", want: [][]Value{{Decimal("2")}}},
	{name: "catalog/sysindexes-drop-index", setup: []string{"create index ix_tb on t (b)", "drop index ix_tb"}, sql: "select count(*) from sysindexes where idxname = 'ix_tb'", want: [][]Value{{Decimal("0")}}},
	{name: "catalog/sysindexes-drop-table", setup: []string{"create index ix_tb on t (b)", "drop table t"}, sql: "select count(*) from sysindexes where idxname = 'ix_tb'", want: [][]Value{{Decimal("0")}}},
	{name: "catalog/sysindexes-columns", sql: "select count(*) from syscolumns c, systables s where c.tabid = s.tabid and s.tabname = 'sysindexes'", want: [][]Value{{Decimal("26")}}},
	{name: "catalog/sysindexes-view-row", sql: "select tabtype from systables where tabname = 'sysindexes'", want: [][]Value{{"V"}}},
	{name: "catalog/sysindices", setup: []string{"create index ix_tb on t (b)"}, sql: "select count(*) from sysindices where idxname = 'ix_tb'", want: [][]Value{{Decimal("1")}}},
	// quoting
	{name: "quote/single", sql: "select 'it''s' from u", want: [][]Value{{"it's"}}},
	{name: "quote/double-is-string", sql: `select "a" from u`, want: [][]Value{{"a"}}},
	{name: "quote/delimident-identifier", sql: `select "a" from u`, want: [][]Value{{int64(1)}}, cli: ClientInfo{DelimIdent: "y"}},
	{name: "quote/delimident-keyword-as-name", setup: []string{`create table kw ("select" int)`, `insert into kw values (5)`}, sql: `select "select" from kw`, want: [][]Value{{int64(5)}}, cli: ClientInfo{DelimIdent: "y"}},
	{name: "quote/delimident-single-is-string", sql: `select 'a' from u`, want: [][]Value{{"a"}}, cli: ClientInfo{DelimIdent: "y"}},
	{name: "quote/delimident-mixed-case", sql: `select "MixedCase" from u`, code: -999, cli: ClientInfo{DelimIdent: "y"}},
	{name: "quote/delimident-empty", sql: `select "" from u`, code: -201, cli: ClientInfo{DelimIdent: "y"}},
}

// TestDialect runs every row of docs/DIALECT.md.
func TestDialect(t *testing.T) {
	e := newEngine(t)
	seen := map[string]bool{}
	for i, tc := range dialectCases {
		if seen[tc.name] {
			t.Fatalf("duplicate case %s", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, e, "")
			db := fmt.Sprintf("dialect%d", i)
			create := "create database " + db + " with log"
			if tc.db == "nolog" {
				create = "create database " + db
			}
			exec(t, s, create)
			// The catalog's own names: the case then reads "dialect".
			for _, q := range dialectBase {
				exec(t, s, q)
			}
			s.SetClient(tc.cli)
			for _, q := range tc.setup {
				exec(t, s, q)
			}
			_, _, rows, err := run(s, tc.sql)
			if tc.code != 0 {
				var ie *Error
				if !errors.As(err, &ie) || ie.SQLCode != tc.code {
					t.Fatalf("%s: want error %d, got %v", tc.sql, tc.code, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", tc.sql, err)
			}
			if tc.want != nil {
				for _, r := range rows {
					for j, v := range r {
						if s, ok := v.(string); ok && strings.HasPrefix(s, "dialect") {
							r[j] = "dialect"
						}
					}
				}
				eq(t, tc.sql, rows, tc.want)
			}
		})
	}
}

// TestDialectDocumented keeps docs/DIALECT.md and TestDialect in step:
// every case is a row of the document.
func TestDialectDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../../docs/DIALECT.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range dialectCases {
		if !strings.Contains(string(doc), tc.name) {
			t.Errorf("docs/DIALECT.md has no row %s", tc.name)
		}
	}
}
