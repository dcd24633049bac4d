package ifxconf;

import java.math.BigDecimal;
import java.sql.*;
import java.util.*;
import java.util.concurrent.*;

/**
 * JDBC conformance suite for ifxtest (and real Informix).
 *
 * Prints one line per scenario: "PASS name" or "FAIL name: reason", then
 * exactly "N passed, M failed". Exit status 0 iff M == 0.
 *
 * Options (or env): --host (IFX_HOST, 127.0.0.1) --port (IFX_PORT, 9088)
 * --server (IFX_SERVER, informix) --database (IFX_DATABASE, testdb)
 * --user (IFX_USER, informix) --password (IFX_PASSWORD, in4mix)
 * --only SUBSTRING (run matching scenarios only) --timeout SECONDS (per scenario, 180)
 */
public final class Suite {
    static String host, server, database, user, password;
    static int port;

    // ---------------------------------------------------------------- helpers
    static String url(String db, String extra) {
        return "jdbc:informix-sqli://" + host + ":" + port + "/" + db + ":INFORMIXSERVER=" + server
                + ";user=" + user + ";password=" + password + (extra == null ? "" : extra);
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(database, null));
    }

    static void check(boolean cond, String what) {
        if (!cond) throw new AssertionError(what);
    }

    static void eq(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual))
            throw new AssertionError(what + ": expected <" + expected + "> got <" + actual + ">");
    }

    static void eqDec(String expected, BigDecimal actual, String what) {
        if (actual == null || new BigDecimal(expected).compareTo(actual) != 0)
            throw new AssertionError(what + ": expected <" + expected + "> got <" + actual + ">");
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    static void dropIfExists(Connection c, String table) throws SQLException {
        try {
            exec(c, "DROP TABLE IF EXISTS " + table);
        } catch (SQLException e) {
            // older servers without IF EXISTS: ignore "table not found"
            if (e.getErrorCode() != -206 && e.getErrorCode() != -201) throw e;
            try { exec(c, "DROP TABLE " + table); } catch (SQLException e2) {
                if (e2.getErrorCode() != -206) throw e2;
            }
        }
    }

    static long scalarLong(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            check(rs.next(), "no row from: " + sql);
            return rs.getLong(1);
        }
    }

    /** The connection still answers a trivial query correctly. */
    static void assertUsable(Connection c) throws SQLException {
        eq(1L, scalarLong(c, "SELECT 1 FROM systables WHERE tabid = 1"), "connection usable afterwards");
    }

    static SQLException expectSqlError(String what, Callable<?> body) throws Exception {
        try {
            body.call();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError(what + ": expected an SQLException, none was thrown");
    }

    static void expectCode(SQLException e, String what, int... codes) {
        for (int code : codes) if (e.getErrorCode() == code) return;
        throw new AssertionError(what + ": expected SQLCODE " + Arrays.toString(codes) + " got "
                + e.getErrorCode() + " (" + e.getMessage() + ")");
    }

    // ---------------------------------------------------------------- scenarios
    interface Scenario { void run() throws Exception; }

    static final LinkedHashMap<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("connect_disconnect", () -> {
            Connection c = connect();
            check(!c.isClosed(), "connection open after connect");
            check(c.getAutoCommit(), "autocommit defaults to true");
            assertUsable(c);
            c.close();
            check(c.isClosed(), "connection closed after close()");
        });

        // INFORMIXSERVER is optional in IBM's URL syntax; JDBC then sends an empty server name.
        SCENARIOS.put("connect_without_informixserver", () -> {
            try (Connection c = DriverManager.getConnection("jdbc:informix-sqli://" + host + ":" + port + "/"
                    + database + ":user=" + user + ";password=" + password)) {
                assertUsable(c);
            }
        });

        SCENARIOS.put("wrong_password_951", () -> {
            SQLException e = expectSqlError("wrong password", () ->
                    DriverManager.getConnection("jdbc:informix-sqli://" + host + ":" + port + "/" + database
                            + ":INFORMIXSERVER=" + server + ";user=" + user + ";password=" + password + "_wrong"));
            expectCode(e, "wrong password", -951);
        });

        SCENARIOS.put("unknown_database_329", () -> {
            SQLException e = expectSqlError("unknown database", () ->
                    DriverManager.getConnection(url("cj_no_such_database", null)));
            expectCode(e, "unknown database", -329);
        });

        // prepareStatement always sends SQ_CIDESCRIBE, even without markers:
        // the reply must then be exactly 00 7d 00 00 (no flag word).
        SCENARIOS.put("prepared_without_markers", () -> {
            try (Connection c = connect();
                 PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM systables WHERE tabid < 10")) {
                for (int i = 0; i < 2; i++) {
                    try (ResultSet rs = ps.executeQuery()) {
                        check(rs.next(), "one row");
                        eq(9, rs.getInt(1), "count of tabid < 10");
                    }
                }
                assertUsable(c);
            }
        });

        SCENARIOS.put("select_literals", () -> {
            try (Connection c = connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(
                         "SELECT 1, 'abc', -7, 2.5, 'x' || 'y' FROM systables WHERE tabid = 1")) {
                check(rs.next(), "one row");
                eq(1, rs.getInt(1), "literal 1");
                eq("abc", rs.getString(2), "literal 'abc'");
                eq(-7, rs.getInt(3), "literal -7");
                eqDec("2.5", rs.getBigDecimal(4), "literal 2.5");
                eq("xy", rs.getString(5), "'x' || 'y'");
                check(!rs.next(), "exactly one row");
            }
        });

        SCENARIOS.put("select_systables_first5", () -> {
            String[] names = {"systables", "syscolumns", "sysindices", "systabauth", "syscolauth"};
            try (Connection c = connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT FIRST 5 tabname, tabid FROM systables ORDER BY tabid")) {
                ResultSetMetaData md = rs.getMetaData();
                eq(2, md.getColumnCount(), "column count");
                eq("tabname", md.getColumnName(1).toLowerCase(), "column 1 name");
                eq("tabid", md.getColumnName(2).toLowerCase(), "column 2 name");
                for (int i = 0; i < 5; i++) {
                    check(rs.next(), "row " + (i + 1) + " present");
                    eq(names[i], rs.getString(1).trim(), "tabname row " + (i + 1));
                    eq(i + 1, rs.getInt(2), "tabid row " + (i + 1));
                }
                check(!rs.next(), "exactly 5 rows");
            }
        });

        SCENARIOS.put("types_roundtrip", Suite::typesRoundtrip);
        SCENARIOS.put("types_utf8_text", Suite::utf8Text);

        SCENARIOS.put("large_result_12000_rows", () -> {
            try (Connection c = connect()) {
                dropIfExists(c, "cj_big");
                exec(c, "CREATE TABLE cj_big (id INTEGER, name VARCHAR(30))");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_big VALUES (?, ?)")) {
                    for (int i = 1; i <= 12000; i++) {
                        ps.setInt(1, i);
                        ps.setString(2, "name-" + i);
                        ps.addBatch();
                        if (i % 2000 == 0) ps.executeBatch();
                    }
                }
                int n = 0;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT id, name FROM cj_big ORDER BY id")) {
                    while (rs.next()) {
                        n++;
                        if (rs.getInt(1) != n || !("name-" + n).equals(rs.getString(2)))
                            throw new AssertionError("row " + n + ": got " + rs.getInt(1) + "/" + rs.getString(2));
                    }
                }
                eq(12000, n, "rows returned");
                dropIfExists(c, "cj_big");
            }
        });

        SCENARIOS.put("transactions_rollback_commit", () -> {
            try (Connection c = connect()) {
                dropIfExists(c, "cj_txn");
                exec(c, "CREATE TABLE cj_txn (id INTEGER)");
                c.setAutoCommit(false);
                exec(c, "INSERT INTO cj_txn VALUES (1)");
                eq(1L, scalarLong(c, "SELECT COUNT(*) FROM cj_txn"), "own uncommitted row visible");
                c.rollback();
                eq(0L, scalarLong(c, "SELECT COUNT(*) FROM cj_txn"), "rows after rollback");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_txn VALUES (?)")) {
                    ps.setInt(1, 2);
                    eq(1, ps.executeUpdate(), "insert count");
                }
                c.commit();
                c.setAutoCommit(true);
                try (Connection c2 = connect()) {
                    eq(1L, scalarLong(c2, "SELECT COUNT(*) FROM cj_txn"), "committed rows seen by 2nd connection");
                    eq(2L, scalarLong(c2, "SELECT id FROM cj_txn"), "committed value");
                }
                dropIfExists(c, "cj_txn");
            }
        });

        SCENARIOS.put("error_syntax_201", () -> {
            try (Connection c = connect()) {
                SQLException e = expectSqlError("syntax error", () -> {
                    try (Statement st = c.createStatement()) { return st.executeQuery("SELEC 1 FROM systables"); }
                });
                expectCode(e, "syntax error", -201);
                assertUsable(c);
            }
        });

        SCENARIOS.put("error_missing_table_206", () -> {
            try (Connection c = connect()) {
                dropIfExists(c, "cj_no_such_table");
                SQLException e = expectSqlError("missing table", () -> {
                    try (Statement st = c.createStatement()) { return st.executeQuery("SELECT * FROM cj_no_such_table"); }
                });
                expectCode(e, "missing table", -206);
                assertUsable(c);
            }
        });

        SCENARIOS.put("error_unique_violation", () -> {
            try (Connection c = connect()) {
                dropIfExists(c, "cj_uniq");
                exec(c, "CREATE TABLE cj_uniq (id INTEGER PRIMARY KEY, v VARCHAR(10))");
                exec(c, "INSERT INTO cj_uniq VALUES (1, 'a')");
                SQLException e = expectSqlError("duplicate key", () -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_uniq VALUES (?, ?)")) {
                        ps.setInt(1, 1);
                        ps.setString(2, "b");
                        return ps.executeUpdate();
                    }
                });
                expectCode(e, "duplicate key", -268, -239);
                assertUsable(c);
                eq(1L, scalarLong(c, "SELECT COUNT(*) FROM cj_uniq"), "rows after failed insert");
                dropIfExists(c, "cj_uniq");
            }
        });

        SCENARIOS.put("batch_insert_1000_serial", () -> {
            try (Connection c = connect()) {
                dropIfExists(c, "cj_batch");
                exec(c, "CREATE TABLE cj_batch (id SERIAL, n INTEGER, s VARCHAR(20))");
                int[] res;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_batch (n, s) VALUES (?, ?)")) {
                    for (int k = 1; k <= 1000; k++) {
                        ps.setInt(1, k);
                        ps.setString(2, "s" + k);
                        ps.addBatch();
                    }
                    res = ps.executeBatch();
                }
                eq(1000, res.length, "batch result length");
                for (int k = 0; k < res.length; k++)
                    if (res[k] != 1) throw new AssertionError("batch result[" + k + "] = " + res[k]);
                eq(1000L, scalarLong(c, "SELECT COUNT(*) FROM cj_batch"), "row count");
                eq(1L, scalarLong(c, "SELECT MIN(id) FROM cj_batch"), "min serial");
                eq(1000L, scalarLong(c, "SELECT MAX(id) FROM cj_batch"), "max serial");
                eq(1000L, scalarLong(c, "SELECT COUNT(DISTINCT id) FROM cj_batch"), "distinct serials");
                eq(500L, scalarLong(c, "SELECT n FROM cj_batch WHERE id = 500"), "serial follows insert order");
                // a single insert reports its SERIAL through the driver's sqlca mapping
                exec(c, "INSERT INTO cj_batch (n, s) VALUES (1001, 'last')");
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO cj_batch (n, s) VALUES (1002, 'last2')");
                    if (st instanceof com.informix.jdbc.IfxStatement)
                        eq(1002, ((com.informix.jdbc.IfxStatement) st).getSerial(), "IfxStatement.getSerial()");
                }
                dropIfExists(c, "cj_batch");
            }
        });

        SCENARIOS.put("prepared_statement_reuse", () -> {
            String[] names = {"systables", "syscolumns", "sysindices", "systabauth", "syscolauth"};
            try (Connection c = connect();
                 PreparedStatement ps = c.prepareStatement("SELECT tabname, tabid FROM systables WHERE tabid = ?")) {
                for (int round = 0; round < 2; round++)
                    for (int i = 5; i >= 1; i--) {
                        ps.setInt(1, i);
                        try (ResultSet rs = ps.executeQuery()) {
                            check(rs.next(), "row for tabid " + i);
                            eq(names[i - 1], rs.getString(1).trim(), "tabname for tabid " + i);
                            eq(i, rs.getInt(2), "tabid");
                            check(!rs.next(), "one row for tabid " + i);
                        }
                    }
                dropIfExists(c, "cj_prep");
                exec(c, "CREATE TABLE cj_prep (id INTEGER, v VARCHAR(10))");
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO cj_prep VALUES (?, ?)")) {
                    for (int i = 1; i <= 3; i++) {
                        ins.setInt(1, i);
                        ins.setString(2, "v" + i);
                        eq(1, ins.executeUpdate(), "insert " + i);
                    }
                }
                eq(6L, scalarLong(c, "SELECT SUM(id) FROM cj_prep"), "sum of inserted ids");
                eq(1L, scalarLong(c, "SELECT COUNT(*) FROM cj_prep WHERE v = 'v3' AND id = 3"), "last row");
                dropIfExists(c, "cj_prep");
            }
        });

        // Connection.setSavepoint/rollback(Savepoint)/releaseSavepoint: JDBC sends SQ_SVPOINT (137),
        // SQ_RBSVPOINT (139) and SQ_RLSVPOINT (138), not SQL text (docs/PROTOCOL.md).
        SCENARIOS.put("savepoints", () -> {
            try (Connection c = connect()) {
                dropIfExists(c, "cj_sp");
                exec(c, "CREATE TABLE cj_sp (a INTEGER)");
                c.setAutoCommit(false);
                exec(c, "INSERT INTO cj_sp VALUES (1)");
                Savepoint named = c.setSavepoint("cj_s1");
                exec(c, "INSERT INTO cj_sp VALUES (2)");
                c.rollback(named);
                Savepoint unnamed = c.setSavepoint();
                exec(c, "INSERT INTO cj_sp VALUES (3)");
                c.releaseSavepoint(unnamed);
                c.commit();
                c.setAutoCommit(true);
                eq(4L, scalarLong(c, "SELECT SUM(a) FROM cj_sp"), "rows 1 and 3 kept, 2 rolled back");
                dropIfExists(c, "cj_sp");
            }
        });

        // SPL routines (issue 15): a procedure called as SQL text, through a PreparedStatement and
        // through CallableStatement {call}; a function's RETURN ... WITH RESUME rows read as a ResultSet
        // from executeQuery("EXECUTE FUNCTION ...") and from {call}; RAISE EXCEPTION as the SQLException.
        SCENARIOS.put("spl_procedure_call", () -> {
            try (Connection c = connect()) {
                dropIfExists(c, "cj_spl");
                exec(c, "DROP PROCEDURE IF EXISTS cj_spl_add");
                exec(c, "CREATE TABLE cj_spl (n INTEGER)");
                exec(c, "CREATE PROCEDURE cj_spl_add(v INT) INSERT INTO cj_spl VALUES (v); END PROCEDURE");
                exec(c, "EXECUTE PROCEDURE cj_spl_add(1)");
                try (PreparedStatement ps = c.prepareStatement("EXECUTE PROCEDURE cj_spl_add(?)")) {
                    ps.setInt(1, 2);
                    ps.executeUpdate();
                }
                try (CallableStatement cs = c.prepareCall("{call cj_spl_add(?)}")) {
                    cs.setInt(1, 3);
                    cs.execute();
                }
                eq(6L, scalarLong(c, "SELECT SUM(n) FROM cj_spl"), "three calls inserted 1+2+3");
                exec(c, "DROP PROCEDURE cj_spl_add");
                dropIfExists(c, "cj_spl");
            }
        });

        SCENARIOS.put("spl_function_with_resume", () -> {
            try (Connection c = connect()) {
                exec(c, "DROP FUNCTION IF EXISTS cj_spl_gen");
                exec(c, "CREATE FUNCTION cj_spl_gen(n INT) RETURNING INT, VARCHAR(10); DEFINE i INT; "
                        + "FOR i = 1 TO n RETURN i, 'r' || i WITH RESUME; END FOR; END FUNCTION");
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXECUTE FUNCTION cj_spl_gen(3)")) {
                    for (int i = 1; i <= 3; i++) {
                        check(rs.next(), "row " + i);
                        eq(i, rs.getInt(1), "value " + i);
                        eq("r" + i, rs.getString(2).trim(), "text " + i);
                    }
                    check(!rs.next(), "three rows");
                }
                try (CallableStatement cs = c.prepareCall("{call cj_spl_gen(?)}")) {
                    cs.setInt(1, 2);
                    try (ResultSet rs = cs.executeQuery()) {
                        check(rs.next(), "{call} row 1");
                        eq(1, rs.getInt(1), "{call} value 1");
                        check(rs.next(), "{call} row 2");
                        eq(2, rs.getInt(1), "{call} value 2");
                        check(!rs.next(), "{call} two rows");
                    }
                }
                exec(c, "DROP FUNCTION cj_spl_gen");
            }
        });

        SCENARIOS.put("spl_raise_exception", () -> {
            try (Connection c = connect()) {
                exec(c, "DROP PROCEDURE IF EXISTS cj_spl_raise");
                exec(c, "CREATE PROCEDURE cj_spl_raise(v INT) IF v < 0 THEN RAISE EXCEPTION -746, 0, 'cj custom text'; END IF; END PROCEDURE");
                SQLException e = expectSqlError("RAISE EXCEPTION", () -> { exec(c, "EXECUTE PROCEDURE cj_spl_raise(-1)"); return null; });
                expectCode(e, "RAISE EXCEPTION -746", -746);
                check(e.getMessage().contains("cj custom text"), "the message carries the routine's text: " + e.getMessage());
                assertUsable(c);
                exec(c, "DROP PROCEDURE cj_spl_raise");
            }
        });

        // A user SPL function whose argument is a column is called per row in the select list and
        // WHERE; overloads of one name are picked by the arguments' types; DROP of an overloaded name
        // needs its parameter types (issue 15).
        SCENARIOS.put("spl_function_per_row_and_overloads", () -> {
            try (Connection c = connect()) {
                dropIfExists(c, "cj_ovl");
                exec(c, "DROP FUNCTION IF EXISTS cj_ovl_f(INT)");
                exec(c, "DROP FUNCTION IF EXISTS cj_ovl_f(VARCHAR(10))");
                exec(c, "CREATE TABLE cj_ovl (n INTEGER, s VARCHAR(10))");
                for (int i = 1; i <= 3; i++) {
                    exec(c, "INSERT INTO cj_ovl VALUES (" + i + ", 's" + i + "')");
                }
                exec(c, "CREATE FUNCTION cj_ovl_f(n INT) RETURNING VARCHAR(20); RETURN 'int ' || (n * n); END FUNCTION");
                exec(c, "CREATE FUNCTION cj_ovl_f(s VARCHAR(10)) RETURNING VARCHAR(20); RETURN 'text ' || s; END FUNCTION");
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT n, cj_ovl_f(n), cj_ovl_f(s) FROM cj_ovl WHERE cj_ovl_f(n) <> 'int 4' ORDER BY n")) {
                    int[] ns = {1, 3};
                    for (int n : ns) {
                        check(rs.next(), "row " + n);
                        eq(n, rs.getInt(1), "n");
                        eq("int " + (n * n), rs.getString(2).trim(), "cj_ovl_f(INT) of row " + n);
                        eq("text s" + n, rs.getString(3).trim(), "cj_ovl_f(VARCHAR) of row " + n);
                    }
                    check(!rs.next(), "two rows");
                }
                SQLException e = expectSqlError("DROP of an overloaded name", () -> { exec(c, "DROP FUNCTION cj_ovl_f"); return null; });
                expectCode(e, "DROP of an overloaded name", -674);
                assertUsable(c);
                exec(c, "DROP FUNCTION cj_ovl_f(INT)");
                exec(c, "DROP FUNCTION cj_ovl_f(VARCHAR(10))");
                dropIfExists(c, "cj_ovl");
            }
        });

        // Triggers (issue 15): a FOR EACH ROW trigger writes an audit row per updated row; an exception
        // raised by its procedure is the UPDATE's SQLException, and the UPDATE's change is rolled back.
        SCENARIOS.put("trigger_audit_row", () -> {
            try (Connection c = connect()) {
                dropIfExists(c, "cj_trg_acct");
                dropIfExists(c, "cj_trg_audit");
                exec(c, "DROP PROCEDURE IF EXISTS cj_trg_check");
                exec(c, "CREATE TABLE cj_trg_acct (id INTEGER, bal INTEGER)");
                exec(c, "CREATE TABLE cj_trg_audit (id INTEGER, old_bal INTEGER, new_bal INTEGER)");
                exec(c, "CREATE PROCEDURE cj_trg_check(b INT) IF b < 0 THEN RAISE EXCEPTION -746, 0, 'cj negative balance'; END IF; END PROCEDURE");
                exec(c, "CREATE TRIGGER cj_trg_upd UPDATE OF bal ON cj_trg_acct REFERENCING OLD AS o NEW AS n "
                        + "FOR EACH ROW (INSERT INTO cj_trg_audit VALUES (o.id, o.bal, n.bal), EXECUTE PROCEDURE cj_trg_check(n.bal))");
                exec(c, "INSERT INTO cj_trg_acct VALUES (1, 10)");
                exec(c, "INSERT INTO cj_trg_acct VALUES (2, 20)");
                try (PreparedStatement ps = c.prepareStatement("UPDATE cj_trg_acct SET bal = bal - ?")) {
                    ps.setInt(1, 5);
                    eq(2, ps.executeUpdate(), "rows the UPDATE changed");
                }
                eq(2L, scalarLong(c, "SELECT COUNT(*) FROM cj_trg_audit"), "one audit row per updated row");
                eq(1L, scalarLong(c, "SELECT COUNT(*) FROM cj_trg_audit WHERE id = 2 AND old_bal = 20 AND new_bal = 15"), "OLD and NEW values");
                SQLException e = expectSqlError("trigger RAISE EXCEPTION", () -> { exec(c, "UPDATE cj_trg_acct SET bal = bal - 10"); return null; });
                expectCode(e, "trigger RAISE EXCEPTION -746", -746);
                check(e.getMessage().contains("cj negative balance"), "the message carries the routine's text: " + e.getMessage());
                eq(20L, scalarLong(c, "SELECT SUM(bal) FROM cj_trg_acct"), "the failed UPDATE is rolled back");
                eq(2L, scalarLong(c, "SELECT COUNT(*) FROM cj_trg_audit"), "and so are its trigger's audit rows");
                assertUsable(c);
                exec(c, "DROP TRIGGER cj_trg_upd");
                exec(c, "DROP PROCEDURE cj_trg_check");
                dropIfExists(c, "cj_trg_acct");
                dropIfExists(c, "cj_trg_audit");
            }
        });

        SCENARIOS.put("cancel_long_statement_213", () -> {
            try (Connection c = connect()) {
                dropIfExists(c, "cj_cancel");
                exec(c, "CREATE TABLE cj_cancel (id INTEGER)");
                // literal statements (no PreparedStatement) so that this scenario depends only
                // on cancellation, not on SQ_CIDESCRIBE/SQ_BIND support
                try (Statement fill = c.createStatement()) {
                    for (int i = 1; i <= 2000; i++) fill.addBatch("INSERT INTO cj_cancel VALUES (" + i + ")");
                    fill.executeBatch();
                }
                eq(2000L, scalarLong(c, "SELECT COUNT(*) FROM cj_cancel"), "rows in cj_cancel");
                // 2000^3 = 8e9 combinations: runs far longer than the 1.5 s before cancel()
                String longSql = "SELECT COUNT(*) FROM cj_cancel a, cj_cancel b, cj_cancel c WHERE a.id + b.id + c.id > 0";
                Statement st = c.createStatement();
                ExecutorService ex = Executors.newSingleThreadExecutor(r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });
                Future<Object> f = ex.submit(() -> {
                    try (ResultSet rs = st.executeQuery(longSql)) {
                        rs.next();
                        return "finished: " + rs.getLong(1);
                    } catch (SQLException e) {
                        return e;
                    }
                });
                Thread.sleep(1500);
                check(!f.isDone(), "long statement finished before cancel: " + (f.isDone() ? f.get() : ""));
                st.cancel();
                Object r;
                try {
                    r = f.get(30, TimeUnit.SECONDS);
                } catch (TimeoutException te) {
                    throw new AssertionError("statement still running 30 s after cancel()");
                } finally {
                    ex.shutdownNow();
                }
                check(r instanceof SQLException, "expected SQLException after cancel, got " + r);
                expectCode((SQLException) r, "cancelled statement", -213);
                st.close();
                assertUsable(c);
                dropIfExists(c, "cj_cancel");
            }
        });

        SCENARIOS.put("scrollable_resultset", () -> {
            try (Connection c = connect();
                 Statement st = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
                 ResultSet rs = st.executeQuery("SELECT FIRST 5 tabname, tabid FROM systables ORDER BY tabid")) {
                check(rs.last(), "last()");
                eq(5, rs.getRow(), "getRow after last()");
                eq("syscolauth", rs.getString(1).trim(), "last row");
                check(rs.absolute(2), "absolute(2)");
                eq("syscolumns", rs.getString(1).trim(), "row 2");
                eq(2, rs.getInt(2), "tabid row 2");
                check(rs.previous(), "previous() from row 2");
                eq("systables", rs.getString(1).trim(), "row 1 via previous()");
                check(!rs.previous(), "previous() from row 1 is before first");
                check(rs.first(), "first()");
                eq(1, rs.getInt(2), "first row tabid");
                check(rs.absolute(4), "absolute(4)");
                eq("systabauth", rs.getString(1).trim(), "row 4");
                check(rs.next(), "next() to row 5");
                eq(5, rs.getInt(2), "tabid row 5");
                check(!rs.next(), "next() after last row");
            }
        });

        SCENARIOS.put("scroll_movements", () -> {
            // Every move of a scroll-insensitive ResultSet, past both ends:
            // JDBC sends SFETCH NEXT/ABSOLUTE/LAST (beforeFirst and
            // absolute(0) send ABSOLUTE 1, afterLast and moves it can
            // answer from the row count nothing).
            try (Connection c = connect()) {
                dropIfExists(c, "cj_scroll");
                exec(c, "CREATE TABLE cj_scroll (id INTEGER, v VARCHAR(10))");
                for (int i = 1; i <= 7; i++) exec(c, "INSERT INTO cj_scroll VALUES (" + i + ", 'r" + i + "')");
                try (Statement st = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
                     ResultSet rs = st.executeQuery("SELECT id, v FROM cj_scroll ORDER BY id")) {
                    check(rs.next(), "next()"); eq(1, rs.getInt(1), "row 1");
                    check(rs.next(), "next()"); eq(2, rs.getRow(), "getRow after next");
                    check(rs.relative(2), "relative(2)"); eq(4, rs.getInt(1), "row 4");
                    check(rs.relative(-1), "relative(-1)"); eq("r3", rs.getString(2), "row 3");
                    check(rs.absolute(-2), "absolute(-2)"); eq(6, rs.getRow(), "absolute(-2) is row 6");
                    check(!rs.absolute(99), "absolute(99) past the end"); check(rs.isAfterLast(), "after last");
                    check(rs.previous(), "previous() from after last"); eq(7, rs.getInt(1), "row 7");
                    rs.beforeFirst(); eq(0, rs.getRow(), "getRow before first");
                    check(rs.next(), "next() after beforeFirst()"); eq(1, rs.getInt(1), "row 1 again");
                    check(!rs.previous(), "previous() from the first row");
                    rs.afterLast();
                    check(rs.previous(), "previous() after afterLast()"); eq(7, rs.getInt(1), "last row");
                    check(rs.first(), "first()"); eq(1, rs.getInt(1), "first row");
                    check(rs.last(), "last()"); eq(7, rs.getRow(), "getRow at last");
                    check(!rs.next(), "next() after the last row");
                    check(!rs.absolute(0), "absolute(0)"); eq(0, rs.getRow(), "before first");
                }
                dropIfExists(c, "cj_scroll");
            }
        });

        SCENARIOS.put("hold_cursors_over_commit", () -> {
            // HOLD_CURSORS_OVER_COMMIT adds SQ_HOLD to the OPEN (CURNAME
            // [SCROLL] HOLD OPEN): the cursor survives commit(). The
            // default holdability is CLOSE_CURSORS_AT_COMMIT.
            try (Connection c = connect()) {
                eq(ResultSet.CLOSE_CURSORS_AT_COMMIT, c.getHoldability(), "default holdability");
                dropIfExists(c, "cj_hold");
                exec(c, "CREATE TABLE cj_hold (id INTEGER, v VARCHAR(10))");
                for (int i = 1; i <= 7; i++) exec(c, "INSERT INTO cj_hold VALUES (" + i + ", 'r" + i + "')");
                c.setAutoCommit(false);
                try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, ResultSet.HOLD_CURSORS_OVER_COMMIT);
                     ResultSet rs = st.executeQuery("SELECT id, v FROM cj_hold ORDER BY id")) {
                    rs.setFetchSize(1);
                    check(rs.next(), "next()"); eq(1, rs.getInt(1), "row 1");
                    c.commit();
                    int n = 0;
                    while (rs.next()) n++;
                    eq(6, n, "rows after commit()");
                }
                try (Statement st = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY, ResultSet.HOLD_CURSORS_OVER_COMMIT);
                     ResultSet rs = st.executeQuery("SELECT id, v FROM cj_hold ORDER BY id")) {
                    check(rs.next(), "scroll next()");
                    c.commit();
                    check(rs.last(), "scroll last() after commit()"); eq(7, rs.getRow(), "last row");
                    check(rs.absolute(3), "absolute(3) after commit()"); eq("r3", rs.getString(2), "row 3");
                }
                c.commit();
                c.setAutoCommit(true);
                dropIfExists(c, "cj_hold");
            }
        });

        SCENARIOS.put("composite_collections", () -> {
            // SET/MULTISET/LIST columns written with setObject (a HashSet
            // binds as MULTISET, an ArrayList as LIST, in IDS's binary
            // send/recv form, type 44) and with SQL literals, read back
            // through getObject (java.util.HashSet / ArrayList) and
            // getArray: JDBC asks for every composite column as type 44
            // (docs/PROTOCOL.md, "Composite types: the binary form").
            try (Connection c = connect()) {
                dropIfExists(c, "cj_coll");
                exec(c, "CREATE TABLE cj_coll (id INTEGER, s SET(INTEGER NOT NULL), l LIST(VARCHAR(10) NOT NULL),"
                        + " m MULTISET(FLOAT NOT NULL), d LIST(DATE NOT NULL), b SET(BOOLEAN NOT NULL),"
                        + " t LIST(DATETIME YEAR TO SECOND NOT NULL), n SET(INT8 NOT NULL), v LIST(LVARCHAR NOT NULL))");
                exec(c, "INSERT INTO cj_coll VALUES (1, SET{3,1}, LIST{'a','it''s'}, MULTISET{1.5,1.5},"
                        + " LIST{'2026-05-04'}, SET{'t'}, LIST{'2026-05-04 10:11:12'}, SET{-7}, LIST{'lv','it''s'})");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_coll VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setInt(1, 2);
                    ps.setObject(2, new HashSet<>(Arrays.asList(5, 6)));
                    ps.setObject(3, new ArrayList<>(Arrays.asList("x", "yz")));
                    ps.setObject(4, new HashSet<>(Arrays.asList(2.5)));
                    ps.setObject(5, new ArrayList<>(Arrays.asList(java.sql.Date.valueOf("2026-12-06"))));
                    ps.setObject(6, new HashSet<>(Arrays.asList(Boolean.FALSE)));
                    ps.setObject(7, new ArrayList<>(Arrays.asList(Timestamp.valueOf("2026-12-06 22:40:00"))));
                    ps.setObject(8, new HashSet<>(Arrays.asList(1L << 40)));
                    ps.setObject(9, new ArrayList<>(Arrays.asList("long one", "")));
                    eq(1, ps.executeUpdate(), "setObject INSERT");
                    ps.setInt(1, 3);
                    for (int i = 2; i <= 9; i++) ps.setObject(i, null);
                    eq(1, ps.executeUpdate(), "NULL INSERT");
                }
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT * FROM cj_coll ORDER BY id")) {
                    ResultSetMetaData md = rs.getMetaData();
                    eq("java.sql.Array", md.getColumnClassName(2), "SET column class");
                    eq("SET(integer not null)", md.getColumnTypeName(2), "SET column type name");
                    check(rs.next(), "row 1");
                    eq(new HashSet<>(Arrays.asList(1, 3)), rs.getObject(2), "row 1 SET");
                    int[] ints = (int[]) rs.getArray(2).getArray();
                    Arrays.sort(ints);
                    eq("[1, 3]", Arrays.toString(ints), "row 1 SET getArray");
                    eq(new ArrayList<>(Arrays.asList("a", "it's")), rs.getObject(3), "row 1 LIST(VARCHAR)");
                    eq("[a, it's]", Arrays.toString((Object[]) rs.getArray(3).getArray()), "row 1 LIST getArray");
                    eq("[1.5, 1.5]", sortedText((Collection<?>) rs.getObject(4)), "row 1 MULTISET keeps duplicates");
                    eq("[2026-05-04]", rs.getObject(5).toString(), "row 1 LIST(DATE)");
                    eq(new HashSet<>(Arrays.asList(true)), rs.getObject(6), "row 1 SET(BOOLEAN)");
                    eq("[2026-05-04 10:11:12.0]", rs.getObject(7).toString(), "row 1 LIST(DATETIME)");
                    eq(new HashSet<>(Arrays.asList(-7L)), rs.getObject(8), "row 1 SET(INT8)");
                    // LVARCHAR elements read only described as 40 with
                    // extended id 1 (FINDINGS §21).
                    eq(new ArrayList<>(Arrays.asList("lv", "it's")), rs.getObject(9), "row 1 LIST(LVARCHAR)");
                    eq("[lv, it's]", Arrays.toString((Object[]) rs.getArray(9).getArray()), "row 1 LIST(LVARCHAR) getArray");
                    check(rs.next(), "row 2");
                    eq(new HashSet<>(Arrays.asList(5, 6)), rs.getObject(2), "row 2 SET");
                    eq(new ArrayList<>(Arrays.asList("x", "yz")), rs.getObject(3), "row 2 LIST(VARCHAR)");
                    eq("[2.5]", sortedText((Collection<?>) rs.getObject(4)), "row 2 MULTISET");
                    eq("[2026-12-06]", rs.getObject(5).toString(), "row 2 LIST(DATE)");
                    eq(new HashSet<>(Arrays.asList(false)), rs.getObject(6), "row 2 SET(BOOLEAN)");
                    eq("[2026-12-06 22:40:00.0]", rs.getObject(7).toString(), "row 2 LIST(DATETIME)");
                    eq(new HashSet<>(Arrays.asList(1L << 40)), rs.getObject(8), "row 2 SET(INT8)");
                    eq(new ArrayList<>(Arrays.asList("long one", "")), rs.getObject(9), "row 2 LIST(LVARCHAR)");
                    check(rs.next(), "row 3");
                    for (int i = 2; i <= 9; i++) {
                        eq(null, rs.getObject(i), "row 3 column " + i + " NULL");
                        check(rs.wasNull(), "row 3 column " + i + " wasNull");
                    }
                    check(!rs.next(), "three rows");
                }
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT CARDINALITY(s), CARDINALITY(m) FROM cj_coll WHERE id = 1")) {
                    check(rs.next(), "CARDINALITY row");
                    eq(2, rs.getInt(1), "CARDINALITY(SET{3,1})");
                    eq(2, rs.getInt(2), "CARDINALITY(MULTISET{1.5,1.5})");
                }
                dropIfExists(c, "cj_coll");
            }
        });

        SCENARIOS.put("composite_elements", () -> {
            // Collections of BIGINT, SMALLFLOAT, DECIMAL, MONEY and INTERVAL
            // in IDS's binary form: elements at their tuple widths (docs/
            // PROTOCOL.md, "Composite types: the binary form"). Written as
            // literals and with setObject (a Float binds as SMALLFLOAT, an
            // IntervalDF/IntervalYM as INTERVAL; JDBC binds a Long as INT8
            // and a BigDecimal as LVARCHAR text), read through getObject.
            try (Connection c = connect()) {
                dropIfExists(c, "cj_elem");
                exec(c, "CREATE TABLE cj_elem (id INTEGER, b SET(BIGINT NOT NULL), f LIST(SMALLFLOAT NOT NULL),"
                        + " d LIST(DECIMAL(10,3) NOT NULL), m LIST(MONEY(8,2) NOT NULL),"
                        + " i LIST(INTERVAL DAY TO SECOND NOT NULL), y LIST(INTERVAL YEAR TO MONTH NOT NULL))");
                exec(c, "INSERT INTO cj_elem VALUES (1, SET{12345678901,-2}, LIST{1.5,-0.25}, LIST{-3.125,7},"
                        + " LIST{12.50}, LIST{'1 02:03:04'}, LIST{'3-04'})");
                Object idf, iym;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT id, b, f, d, m, i, y FROM cj_elem")) {
                    check(rs.next(), "row 1");
                    eq(new HashSet<>(Arrays.asList(12345678901L, -2L)), rs.getObject(2), "SET(BIGINT)");
                    long[] longs = (long[]) rs.getArray(2).getArray();
                    Arrays.sort(longs);
                    eq("[-2, 12345678901]", Arrays.toString(longs), "SET(BIGINT) getArray");
                    eq(new ArrayList<>(Arrays.asList(1.5f, -0.25f)), rs.getObject(3), "LIST(SMALLFLOAT)");
                    eq(new ArrayList<>(Arrays.asList(new BigDecimal("-3.125"), new BigDecimal("7.000"))), rs.getObject(4), "LIST(DECIMAL(10,3))");
                    eq(new ArrayList<>(Arrays.asList(new BigDecimal("12.50"))), rs.getObject(5), "LIST(MONEY(8,2))");
                    List<?> il = (List<?>) rs.getObject(6);
                    eq("com.informix.lang.IntervalDF", il.get(0).getClass().getName(), "INTERVAL DAY TO SECOND element class");
                    eq("[1 02:03:04]", il.toString(), "LIST(INTERVAL DAY TO SECOND)");
                    List<?> yl = (List<?>) rs.getObject(7);
                    eq("[3-04]", yl.toString(), "LIST(INTERVAL YEAR TO MONTH)");
                    idf = il.get(0);
                    iym = yl.get(0);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_elem (id, f, i, y) VALUES (?, ?, ?, ?)")) {
                    ps.setInt(1, 2);
                    ps.setObject(2, new ArrayList<>(Arrays.asList(2.5f)));
                    ps.setObject(3, new ArrayList<>(Arrays.asList(idf, idf)));
                    ps.setObject(4, new ArrayList<>(Arrays.asList(iym)));
                    eq(1, ps.executeUpdate(), "setObject INSERT");
                }
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT f, i, y, CARDINALITY(i) FROM cj_elem WHERE id = 2")) {
                    check(rs.next(), "row 2");
                    eq(new ArrayList<>(Arrays.asList(2.5f)), rs.getObject(1), "row 2 LIST(SMALLFLOAT)");
                    eq("[1 02:03:04, 1 02:03:04]", rs.getObject(2).toString(), "row 2 LIST(INTERVAL DAY TO SECOND)");
                    eq("[3-04]", rs.getObject(3).toString(), "row 2 LIST(INTERVAL YEAR TO MONTH)");
                    eq(2, rs.getInt(4), "row 2 CARDINALITY");
                }
                dropIfExists(c, "cj_elem");
            }
        });

        SCENARIOS.put("composite_nested", () -> {
            // Nested composites both ways in IDS's binary form (docs/
            // PROTOCOL.md, "Nested values"): written by JDBC (a LIST of
            // HashSets, a LIST of ArrayLists, a named ROW with a named ROW
            // field through SQLData, a NULL one and empty inner
            // collections) and as literals (a ROW with a collection field,
            // a collection of ROWs, three levels of collections, which
            // JDBC cannot bind: FINDINGS §23), then read back through
            // getObject, getArray, Struct.getAttributes and, for the named
            // ROWs, the type map's SQLData classes (FINDINGS §24).
            try (Connection c = connect()) {
                dropIfExists(c, "cj_nest");
                for (String t : new String[] {"cj_nout", "cj_nin"}) {
                    try { exec(c, "DROP ROW TYPE " + t + " RESTRICT"); } catch (SQLException e) { /* absent */ }
                }
                exec(c, "CREATE ROW TYPE cj_nin (x INTEGER, y VARCHAR(5))");
                exec(c, "CREATE ROW TYPE cj_nout (k INTEGER, r cj_nin)");
                exec(c, "CREATE TABLE cj_nest (id INTEGER, ls LIST(SET(INTEGER NOT NULL) NOT NULL),"
                        + " ll LIST(LIST(VARCHAR(10) NOT NULL) NOT NULL), o cj_nout,"
                        + " rc ROW(a INTEGER, s SET(INTEGER NOT NULL), v LIST(LVARCHAR NOT NULL)),"
                        + " lr LIST(ROW(x INTEGER, b BOOLEAN, y LVARCHAR, g BIGINT) NOT NULL), sn SET(cj_nin NOT NULL),"
                        + " l3 LIST(SET(LIST(SMALLINT NOT NULL) NOT NULL) NOT NULL))");
                Map<String, Class<?>> map = new HashMap<>(c.getTypeMap());
                map.put("cj_nin", Fields.class);
                map.put("cj_nout", Fields.class);
                c.setTypeMap(map);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_nest (id, ls, ll, o) VALUES (?, ?, ?, ?)")) {
                    ps.setInt(1, 1);
                    ps.setObject(2, new ArrayList<>(Arrays.asList(new HashSet<>(Arrays.asList(1, 2, 3)), new HashSet<>(Arrays.asList(4)))));
                    ps.setObject(3, new ArrayList<>(Arrays.asList(new ArrayList<>(Arrays.asList("a", "bc")), new ArrayList<>(Arrays.asList("d")))));
                    ps.setObject(4, new Fields("cj_nout", 7, new Fields("cj_nin", 300000, "xyz")));
                    eq(1, ps.executeUpdate(), "nested setObject INSERT");
                    // An empty inner collection, and a NULL named ROW field
                    // (writeObject of a null SQLData).
                    ps.setInt(1, 2);
                    ps.setObject(2, new ArrayList<>(Arrays.asList(new HashSet<Integer>(), new HashSet<>(Arrays.asList(5)))));
                    ps.setObject(3, new ArrayList<>(Arrays.asList(new ArrayList<String>())));
                    ps.setObject(4, new Fields("cj_nout", 8, null));
                    eq(1, ps.executeUpdate(), "empty and NULL nested setObject INSERT");
                }
                exec(c, "UPDATE cj_nest SET rc = ROW(7, SET{1,2}, LIST{'p','it''s'}), lr = LIST{ROW(1,'t','a',5),ROW(2,NULL,'bcd',NULL)},"
                        + " sn = SET{ROW(9,'n')::cj_nin}, l3 = LIST{SET{LIST{1,2}},SET{LIST{}},SET{}} WHERE id = 1");
                exec(c, "UPDATE cj_nest SET rc = ROW(NULL, NULL, LIST{}), lr = LIST{} WHERE id = 2");
                exec(c, "INSERT INTO cj_nest (id) VALUES (3)");
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT CARDINALITY(ls), CARDINALITY(ll), o.k, o.r.x, o.r.y FROM cj_nest WHERE id = 1")) {
                    check(rs.next(), "nested row");
                    eq(2, rs.getInt(1), "CARDINALITY(LIST of SETs)");
                    eq(2, rs.getInt(2), "CARDINALITY(LIST of LISTs)");
                    eq(7, rs.getInt(3), "o.k");
                    eq(300000, rs.getInt(4), "o.r.x");
                    eq("xyz  ", rs.getString(5), "o.r.y (JDBC pads VARCHAR fields)");
                }
                eq(1L, scalarLong(c, "SELECT COUNT(*) FROM cj_nest WHERE ls = LIST{SET{1,2,3},SET{4}}"
                        + " AND ll = LIST{LIST{'a','bc'},LIST{'d'}}"), "nested values equal their literals");
                Map<String, Class<?>> none = new HashMap<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT id, ls, ll, o, rc, lr, sn, l3 FROM cj_nest ORDER BY id")) {
                    eq("java.sql.Array", rs.getMetaData().getColumnClassName(2), "LIST of SETs column class");
                    eq("java.sql.Struct", rs.getMetaData().getColumnClassName(5), "ROW with a SET field column class");
                    check(rs.next(), "row 1");
                    eq(Arrays.asList(new HashSet<>(Arrays.asList(1, 2, 3)), new HashSet<>(Arrays.asList(4))), rs.getObject(2), "row 1 LIST of SETs");
                    Object[] outer = (Object[]) rs.getArray(2).getArray();
                    eq(2, outer.length, "row 1 LIST of SETs getArray");
                    eq(new HashSet<>(Arrays.asList(4)), outer[1], "row 1 LIST of SETs getArray element");
                    eq(Arrays.asList(Arrays.asList("a", "bc"), Arrays.asList("d")), rs.getObject(3), "row 1 LIST of LISTs");
                    Struct o = (Struct) rs.getObject(4, none);
                    eq("cj_nout", o.getSQLTypeName(), "row 1 named ROW type name");
                    // getAttributes() would map the nested named ROW through
                    // the connection's type map; with an empty map it stays a
                    // Struct. (A Struct's attributes read once: a second
                    // getAttributes fails with -79773.)
                    Object[] oa = o.getAttributes(none);
                    eq(7, oa[0], "row 1 o.k");
                    Struct in = (Struct) oa[1];
                    eq("cj_nin", in.getSQLTypeName(), "row 1 nested named ROW type name");
                    eq("[300000, xyz  ]", Arrays.toString(in.getAttributes()), "row 1 nested named ROW attributes");
                    Fields viaMap = (Fields) rs.getObject(4);
                    eq("cj_nout[7, cj_nin[300000, xyz  ]]", viaMap.toString(), "row 1 named ROWs through the type map");
                    Struct rc = (Struct) rs.getObject(5);
                    eq("[7, [1, 2], [p, it's]]", Arrays.toString(rc.getAttributes()), "row 1 ROW with collection fields");
                    eq(new HashSet<>(Arrays.asList(1, 2)), rc.getAttributes()[1], "row 1 ROW's SET field");
                    List<?> lr = (List<?>) rs.getObject(6);
                    eq(2, lr.size(), "row 1 LIST of ROWs size");
                    eq("[1, true, a, 5]", Arrays.toString(((Struct) lr.get(0)).getAttributes()), "row 1 LIST of ROWs element 1");
                    // A NULL BOOLEAN field: JDBC reads it in 6 bytes (FINDINGS §24).
                    eq("[2, null, bcd, null]", Arrays.toString(((Struct) lr.get(1)).getAttributes()), "row 1 LIST of ROWs element 2");
                    Set<?> sn = (Set<?>) rs.getObject(7);
                    eq("cj_nin[9, n]", sn.iterator().next().toString(), "row 1 SET of named ROWs through the type map");
                    eq("[[[1, 2]], [[]], []]", rs.getObject(8).toString(), "row 1 LIST of SETs of LISTs");
                    check(rs.next(), "row 2");
                    eq(Arrays.asList(new HashSet<Integer>(), new HashSet<>(Arrays.asList(5))), rs.getObject(2), "row 2 empty inner SET");
                    eq(Arrays.asList(Arrays.asList()), rs.getObject(3), "row 2 empty inner LIST");
                    eq("[8, null]", Arrays.toString(((Struct) rs.getObject(4, none)).getAttributes(none)), "row 2 NULL nested ROW");
                    eq("cj_nout[8, null]", rs.getObject(4).toString(), "row 2 NULL nested ROW through the type map");
                    eq("[null, null, []]", Arrays.toString(((Struct) rs.getObject(5)).getAttributes()), "row 2 NULL collection field");
                    eq(Arrays.asList(), rs.getObject(6), "row 2 empty LIST of ROWs");
                    check(rs.next(), "row 3");
                    for (int i = 2; i <= 8; i++) {
                        eq(null, rs.getObject(i, none), "row 3 column " + i + " NULL");
                        check(rs.wasNull(), "row 3 column " + i + " wasNull");
                    }
                    check(!rs.next(), "three rows");
                }
                // What JDBC read, written back: the java.sql.Array of a
                // LIST of SETs binds again as the same value.
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_nest (id, ls) VALUES (?, ?)")) {
                    Object ls;
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ls FROM cj_nest WHERE id = 1")) {
                        check(rs.next(), "re-read row");
                        ls = rs.getObject(1);
                    }
                    ps.setInt(1, 4);
                    ps.setObject(2, ls);
                    eq(1, ps.executeUpdate(), "read value written back");
                }
                eq(2L, scalarLong(c, "SELECT COUNT(*) FROM cj_nest WHERE ls = LIST{SET{1,2,3},SET{4}}"), "written-back value equals the original");
                dropIfExists(c, "cj_nest");
                exec(c, "DROP ROW TYPE cj_nout RESTRICT");
                exec(c, "DROP ROW TYPE cj_nin RESTRICT");
            }
        });

        SCENARIOS.put("composite_struct", () -> {
            // A named ROW type written through SQLData and a type map
            // (setObject: JDBC reads the type's fields from sysxtdtypes and
            // sysattrtypes, then binds type 44 in IDS's binary form) and
            // as a literal; read back through getObject as java.sql.Struct
            // (getAttributes) and through the type map as the SQLData
            // class. An unnamed ROW column reads as a Struct too
            // (docs/PROTOCOL.md, "Composite types: the binary form").
            try (Connection c = connect()) {
                dropIfExists(c, "cj_struct");
                try { exec(c, "DROP ROW TYPE cj_addr RESTRICT"); } catch (SQLException e) { /* absent */ }
                exec(c, "CREATE ROW TYPE cj_addr (street VARCHAR(20), zip INTEGER, ok BOOLEAN, amount DECIMAL(10,2),"
                        + " note LVARCHAR, big BIGINT, d DATE, f SMALLFLOAT)");
                exec(c, "CREATE TABLE cj_struct (id INTEGER, a cj_addr, u ROW(x INTEGER, y VARCHAR(5)))");
                exec(c, "INSERT INTO cj_struct VALUES (1, ROW('Main St', 12345, 't', 9.75, 'n1', 12345678901,"
                        + " '2026-05-04', 1.5)::cj_addr, ROW(7, 'ab'))");
                exec(c, "INSERT INTO cj_struct VALUES (3, NULL, NULL)");
                Map<String, Class<?>> map = new HashMap<>(c.getTypeMap());
                map.put("cj_addr", Addr.class);
                c.setTypeMap(map);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_struct (id, a) VALUES (?, ?)")) {
                    ps.setInt(1, 2);
                    ps.setObject(2, new Addr("Elm", -5, false, new BigDecimal("-0.50"), "it's", -(1L << 40),
                            java.sql.Date.valueOf("2026-12-07"), -2.25f));
                    eq(1, ps.executeUpdate(), "setObject(SQLData) INSERT");
                }
                Map<String, Class<?>> none = new HashMap<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT id, a, u FROM cj_struct ORDER BY id")) {
                    eq("java.sql.Struct", rs.getMetaData().getColumnClassName(2), "named ROW column class");
                    check(rs.next(), "row 1");
                    Struct s = (Struct) rs.getObject(2, none);
                    eq("[Main St, 12345, true, 9.75, n1, 12345678901, 2026-05-04, 1.5]",
                            Arrays.toString(s.getAttributes()), "row 1 literal ROW attributes");
                    Object[] a = s.getAttributes();
                    eq(Integer.class, a[1].getClass(), "INTEGER field class");
                    eq(Boolean.class, a[2].getClass(), "BOOLEAN field class");
                    eq(BigDecimal.class, a[3].getClass(), "DECIMAL field class");
                    eq(Long.class, a[5].getClass(), "BIGINT field class");
                    eq(java.sql.Date.class, a[6].getClass(), "DATE field class");
                    eq(Float.class, a[7].getClass(), "SMALLFLOAT field class");
                    Struct u = (Struct) rs.getObject(3);
                    eq("[7, ab]", Arrays.toString(u.getAttributes()), "row 1 unnamed ROW attributes");
                    Addr viaMap = (Addr) rs.getObject(2);
                    eq("Main St|12345|true|9.75|n1|0|null|0.0", viaMap.toString(), "row 1 through the type map");
                    check(rs.next(), "row 2");
                    // JDBC binds a VARCHAR field padded with blanks to the
                    // type's maximum, with that length: IDS's form keeps them.
                    eq("[Elm                 , -5, false, -0.50, it's, -1099511627776, 2026-12-07, -2.25]",
                            Arrays.toString(((Struct) rs.getObject(2, none)).getAttributes()), "row 2 SQLData ROW attributes");
                    eq(null, rs.getObject(3), "row 2 unnamed ROW NULL");
                    check(rs.next(), "row 3");
                    eq(null, rs.getObject(2, none), "row 3 NULL ROW");
                    check(rs.wasNull(), "row 3 wasNull");
                    check(!rs.next(), "three rows");
                }
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT a.zip, a.street FROM cj_struct WHERE id = 2")) {
                    check(rs.next(), "field access row");
                    eq(-5, rs.getInt(1), "a.zip of the SQLData row");
                }
                dropIfExists(c, "cj_struct");
                exec(c, "DROP ROW TYPE cj_addr RESTRICT");
            }
        });

        SCENARIOS.put("batch_insert_useput", () -> {
            // IFX_USEPUT=1: executeBatch of an INSERT goes through an insert
            // cursor (SQ_OPEN, then rows in SQ_PUT, tag 17).
            try (Connection c = DriverManager.getConnection(url(database, ";IFX_USEPUT=1"))) {
                dropIfExists(c, "cj_put");
                dropIfExists(c, "cj_puti");
                exec(c, "CREATE TABLE cj_put (id INTEGER PRIMARY KEY, v VARCHAR(20), d DECIMAL(10,2))");
                // A VARCHAR column: one SQ_PUT per row, the batch in one group.
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_put VALUES (?, ?, ?)")) {
                    for (int i = 0; i < 1000; i++) {
                        ps.setInt(1, i);
                        if (i % 10 == 3) ps.setNull(2, Types.VARCHAR); else ps.setString(2, "v" + i);
                        if (i % 10 == 4) ps.setNull(3, Types.DECIMAL); else ps.setBigDecimal(3, new BigDecimal(i + ".25"));
                        ps.addBatch();
                    }
                    // JDBC sums the SQ_DONE counts into the first entry and
                    // reports the others as SUCCESS_NO_INFO.
                    int[] counts = ps.executeBatch();
                    eq(1000, counts.length, "update counts");
                    check(counts[0] == 1000 || counts[0] == 1, "first update count " + counts[0]);
                    eq(1000, counts[0], "rows counted by the server's SQ_DONE");
                    eq(Statement.SUCCESS_NO_INFO, counts[999], "last update count");
                }
                eq(1000L, scalarLong(c, "SELECT COUNT(*) FROM cj_put"), "rows");
                eq(900L, scalarLong(c, "SELECT COUNT(v) FROM cj_put"), "non-NULL VARCHARs");
                eq(499500L, scalarLong(c, "SELECT SUM(id) FROM cj_put"), "sum of ids");
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT v, d FROM cj_put WHERE id = 17")) {
                    check(rs.next(), "row 17");
                    eq("v17", rs.getString(1), "row 17 VARCHAR");
                    eqDec("17.25", rs.getBigDecimal(2), "row 17 DECIMAL");
                }
                // Fixed-width columns only: 32,767 rows per SQ_PUT, then another
                // group for the rest and an empty one.
                exec(c, "CREATE TABLE cj_puti (i INTEGER)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_puti VALUES (?)")) {
                    for (int i = 0; i < 33000; i++) {
                        ps.setInt(1, i);
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    eq(33000, counts.length, "update counts, fixed rows");
                    eq(33000, counts[0], "fixed rows counted over the groups' SQ_DONE");
                }
                eq(33000L, scalarLong(c, "SELECT COUNT(*) FROM cj_puti"), "fixed rows");
                eq(544483500L, scalarLong(c, "SELECT SUM(i) FROM cj_puti"), "sum of fixed rows");
                // A unique violation at row 500: the error and the rows before it.
                exec(c, "DELETE FROM cj_put");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_put VALUES (?, ?, ?)")) {
                    for (int i = 0; i < 1000; i++) {
                        ps.setInt(1, i == 500 ? 7 : i);
                        ps.setString(2, "w" + i);
                        ps.setBigDecimal(3, BigDecimal.ONE);
                        ps.addBatch();
                    }
                    try {
                        ps.executeBatch();
                        throw new AssertionError("a duplicate key was accepted");
                    } catch (BatchUpdateException e) {
                        expectCode(e, "duplicate in a PUT batch", -239, -268);
                        // One entry per reply group with an SQ_DONE: the rows
                        // inserted before the duplicate.
                        eq("[500]", Arrays.toString(e.getUpdateCounts()), "update counts at the duplicate");
                    }
                }
                eq(500L, scalarLong(c, "SELECT COUNT(*) FROM cj_put"), "rows before the duplicate (autocommit)");
                assertUsable(c);
                dropIfExists(c, "cj_put");
                dropIfExists(c, "cj_puti");
            }
        });
        SCENARIOS.put("byte_text_roundtrip", () -> {
            // BYTE and TEXT travel as descriptors in tuples and binds, their
            // contents as SQ_BLOB streams (SQ_FETCHBLOB, SQ_BBIND).
            byte[] small = {0, 1, 2, (byte) 0xff, 4};
            byte[] big = new byte[70000];
            for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 7);
            String text = "TEXT over several chunks: " + "0123456789".repeat(500);
            try (Connection c = connect()) {
                dropIfExists(c, "cj_blob");
                exec(c, "CREATE TABLE cj_blob (id INTEGER, b BYTE, t TEXT)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_blob VALUES (?, ?, ?)")) {
                    ps.setInt(1, 1); ps.setBytes(2, small); ps.setString(3, "hello");
                    eq(1, ps.executeUpdate(), "insert small");
                    ps.setInt(1, 2); ps.setBytes(2, big); ps.setString(3, text);
                    eq(1, ps.executeUpdate(), "insert big");
                    ps.setInt(1, 3); ps.setNull(2, Types.LONGVARBINARY); ps.setNull(3, Types.LONGVARCHAR);
                    eq(1, ps.executeUpdate(), "insert NULLs");
                    ps.setInt(1, 4); ps.setBytes(2, new byte[0]); ps.setString(3, "");
                    eq(1, ps.executeUpdate(), "insert empty");
                }
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT id, b, t FROM cj_blob ORDER BY id")) {
                    check(rs.next(), "row 1");
                    check(Arrays.equals(small, rs.getBytes(2)), "row 1 BYTE: " + Arrays.toString(rs.getBytes(2)));
                    eq("hello", rs.getString(3), "row 1 TEXT");
                    check(rs.next(), "row 2");
                    check(Arrays.equals(big, rs.getBytes(2)), "row 2 BYTE of 70000 bytes");
                    eq(text, rs.getString(3), "row 2 TEXT");
                    check(rs.next(), "row 3");
                    check(rs.getBytes(2) == null && rs.wasNull(), "row 3 BYTE NULL");
                    check(rs.getString(3) == null, "row 3 TEXT NULL");
                    check(rs.next(), "row 4");
                    eq(0, rs.getBytes(2).length, "row 4 empty BYTE");
                    check(!rs.next(), "4 rows");
                }
                eq(2L, scalarLong(c, "SELECT COUNT(*) FROM cj_blob WHERE b IS NOT NULL AND id < 4"), "non-NULL BYTE rows");
                assertUsable(c);
                dropIfExists(c, "cj_blob");
            }
        });
        SCENARIOS.put("smart_lob_roundtrip", () -> {
            // BLOB and CLOB: locators in tuples and binds, the bytes through
            // the ifx_lo_* routines by fast path and SQ_LODATA, and client
            // files through SQ_FILE (FILETOBLOB).
            byte[] small = {0, 1, 2, (byte) 0xff, 4};
            byte[] big = new byte[70000];
            for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 7);
            String text = "CLOB over several chunks: " + "0123456789".repeat(4000);
            java.nio.file.Path file = java.nio.file.Files.createTempFile("cj_lob", ".in");
            java.nio.file.Files.write(file, "from a client file".getBytes("ISO-8859-1"));
            try (Connection c = connect()) {
                dropIfExists(c, "cj_lob");
                exec(c, "CREATE TABLE cj_lob (id INTEGER, b BLOB, c CLOB)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_lob VALUES (?, ?, ?)")) {
                    ps.setInt(1, 1); ps.setBytes(2, small); ps.setString(3, "hello");
                    eq(1, ps.executeUpdate(), "setBytes/setString");
                    ps.setInt(1, 2);
                    ps.setBinaryStream(2, new java.io.ByteArrayInputStream(big), big.length);
                    ps.setCharacterStream(3, new java.io.StringReader(text), text.length());
                    eq(1, ps.executeUpdate(), "setBinaryStream/setCharacterStream");
                    ps.setInt(1, 3); ps.setNull(2, Types.BLOB); ps.setNull(3, Types.CLOB);
                    eq(1, ps.executeUpdate(), "setNull");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_lob VALUES (?, ?, ?)");
                     Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT b, c FROM cj_lob WHERE id = 1")) {
                    check(rs.next(), "row 1 for setBlob");
                    Blob bl = rs.getBlob(1);
                    Clob cl = rs.getClob(2);
                    ps.setInt(1, 4); ps.setBlob(2, bl); ps.setClob(3, cl);
                    eq(1, ps.executeUpdate(), "setBlob/setClob");
                }
                exec(c, "INSERT INTO cj_lob VALUES (5, filetoblob('" + file + "', 'client'), filetoclob('" + file + "', 'client'))");
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT id, b, c FROM cj_lob ORDER BY id")) {
                    check(rs.next(), "row 1");
                    check(Arrays.equals(small, rs.getBytes(2)), "row 1 getBytes: " + Arrays.toString(rs.getBytes(2)));
                    eq("hello", rs.getString(3), "row 1 getString");
                    check(rs.next(), "row 2");
                    Blob bl = rs.getBlob(2);
                    eq((long) big.length, bl.length(), "row 2 Blob.length");
                    check(Arrays.equals(big, bl.getBytes(1, big.length)), "row 2 Blob.getBytes");
                    check(Arrays.equals(big, rs.getBinaryStream(2).readAllBytes()), "row 2 getBinaryStream");
                    Clob cl = rs.getClob(3);
                    eq(text, cl.getSubString(1, (int) cl.length()), "row 2 Clob.getSubString");
                    StringBuilder sb = new StringBuilder();
                    try (java.io.Reader r = rs.getCharacterStream(3)) {
                        char[] buf = new char[4096];
                        for (int n; (n = r.read(buf)) > 0; ) sb.append(buf, 0, n);
                    }
                    eq(text, sb.toString(), "row 2 getCharacterStream");
                    check(rs.next(), "row 3");
                    check(rs.getBlob(2) == null && rs.wasNull(), "row 3 BLOB NULL");
                    check(rs.getString(3) == null, "row 3 CLOB NULL");
                    check(rs.next(), "row 4");
                    check(Arrays.equals(small, rs.getBytes(2)), "row 4 (setBlob) bytes");
                    eq("hello", rs.getString(3), "row 4 (setClob) text");
                    check(rs.next(), "row 5");
                    eq("from a client file", new String(rs.getBytes(2), "ISO-8859-1"), "row 5 FILETOBLOB");
                    eq("from a client file", rs.getString(3), "row 5 FILETOCLOB");
                    check(!rs.next(), "5 rows");
                }
                assertUsable(c);
                dropIfExists(c, "cj_lob");
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        });
    }

    static {
        SCENARIOS.put("smart_blob_api", () -> {
            // IBM's IfxSmartBlob API as its JDBC guide shows it ("Smart large
            // object examples"): IfxLobDescriptor + IfxLocator, IfxLoCreate,
            // IfxLoWrite, IfxLoSize, IfxLoTell, IfxLoClose, IfxLoOpen,
            // IfxLoRead, IfxLoTruncate, the locator stored through IfxBblob,
            // then IfxLoOpen on the locator read back. (The guide's
            // IfxLoSeek is not in 15.0.0.1.1's public API: FINDINGS §19.)
            byte[] data = new byte[50000];
            for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 13 + 1);
            try (Connection c = connect()) {
                dropIfExists(c, "cj_sblob");
                exec(c, "CREATE TABLE cj_sblob (id INTEGER, b BLOB)");
                com.informix.jdbc.IfxLobDescriptor desc = new com.informix.jdbc.IfxLobDescriptor(c);
                com.informix.jdbc.IfxLocator loc = new com.informix.jdbc.IfxLocator();
                com.informix.jdbc.IfxSmartBlob smb = new com.informix.jdbc.IfxSmartBlob(c);
                int fd = smb.IfxLoCreate(desc, com.informix.jdbc.IfxSmartBlob.LO_RDWR, loc);
                eq(data.length, smb.IfxLoWrite(fd, data), "IfxLoWrite count");
                eq((long) data.length, smb.IfxLoSize(fd), "IfxLoSize after write");
                eq((long) data.length, smb.IfxLoTell(fd), "IfxLoTell after write");
                smb.IfxLoClose(fd);
                fd = smb.IfxLoOpen(loc, com.informix.jdbc.IfxSmartBlob.LO_RDWR);
                byte[] got = smb.IfxLoRead(fd, 10);
                check(Arrays.equals(Arrays.copyOf(data, 10), got), "IfxLoRead at 0: " + Arrays.toString(got));
                eq(10L, smb.IfxLoTell(fd), "IfxLoTell after reading 10");
                byte[] buf = new byte[100];
                eq(100, smb.IfxLoRead(fd, buf, 100), "IfxLoRead into a buffer");
                check(Arrays.equals(Arrays.copyOfRange(data, 10, 110), buf), "IfxLoRead into a buffer: bytes");
                smb.IfxLoTruncate(fd, 40000);
                eq(40000L, smb.IfxLoSize(fd), "IfxLoSize after IfxLoTruncate");
                smb.IfxLoClose(fd);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_sblob VALUES (?, ?)")) {
                    ps.setInt(1, 1);
                    ps.setBlob(2, new com.informix.jdbc.IfxBblob(loc));
                    eq(1, ps.executeUpdate(), "INSERT of the IfxBblob");
                }
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT b FROM cj_sblob WHERE id = 1")) {
                    check(rs.next(), "row 1");
                    com.informix.jdbc.IfxBblob bl = (com.informix.jdbc.IfxBblob) rs.getBlob(1);
                    com.informix.jdbc.IfxLocator back = bl.getLocator();
                    int rfd = smb.IfxLoOpen(back, com.informix.jdbc.IfxSmartBlob.LO_RDONLY);
                    eq(40000L, smb.IfxLoSize(rfd), "IfxLoSize of the stored object");
                    byte[] all = smb.IfxLoRead(rfd, 40000);
                    check(Arrays.equals(Arrays.copyOf(data, 40000), all), "IfxLoRead of the stored object (" + all.length + " bytes)");
                    smb.IfxLoClose(rfd);
                    smb.IfxLoRelease(back);
                }
                assertUsable(c);
                dropIfExists(c, "cj_sblob");
            }
        });
    }

    // ------------------------------------------------------------ type tests
    static final String TYPES_DDL = "CREATE TABLE cj_types (id SERIAL, c_smallint SMALLINT, c_int INTEGER, "
            + "c_bigint BIGINT, c_int8 INT8, c_smallfloat SMALLFLOAT, c_float FLOAT, c_dec DECIMAL(12,4), "
            + "c_money MONEY(10,2), c_char CHAR(10), c_nchar NCHAR(10), c_varchar VARCHAR(40), "
            + "c_nvarchar NVARCHAR(40), c_lvarchar LVARCHAR(600), c_bool BOOLEAN, c_date DATE, "
            + "c_dtf DATETIME YEAR TO FRACTION(5), c_dts DATETIME YEAR TO SECOND, "
            + "c_ids INTERVAL DAY TO SECOND, c_iym INTERVAL YEAR TO MONTH)";
    static final String TYPES_COLS = "c_smallint, c_int, c_bigint, c_int8, c_smallfloat, c_float, c_dec, c_money, "
            + "c_char, c_nchar, c_varchar, c_nvarchar, c_lvarchar, c_bool, c_date, c_dtf, c_dts, c_ids, c_iym";

    static void bindRow(PreparedStatement ps, Object[] v) throws SQLException {
        ps.setShort(1, (Short) v[0]);
        ps.setInt(2, (Integer) v[1]);
        ps.setLong(3, (Long) v[2]);
        ps.setLong(4, (Long) v[3]);
        ps.setFloat(5, (Float) v[4]);
        ps.setDouble(6, (Double) v[5]);
        ps.setBigDecimal(7, new BigDecimal((String) v[6]));
        ps.setBigDecimal(8, new BigDecimal((String) v[7]));
        for (int i = 8; i <= 12; i++) ps.setString(i + 1, (String) v[i]);
        ps.setBoolean(14, (Boolean) v[13]);
        ps.setDate(15, java.sql.Date.valueOf((String) v[14]));
        ps.setTimestamp(16, Timestamp.valueOf((String) v[15]));
        ps.setTimestamp(17, Timestamp.valueOf((String) v[16]));
        ps.setString(18, (String) v[17]);
        ps.setString(19, (String) v[18]);
    }

    static String pad(String s, int n) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < n) b.append(' ');
        return b.toString();
    }

    /** The elements' text, sorted: a MULTISET's order is not the server's promise. */
    static String sortedText(Collection<?> c) {
        List<String> l = new ArrayList<>();
        for (Object o : c) l.add(String.valueOf(o));
        Collections.sort(l);
        return l.toString();
    }

    /**
     * A named ROW value of composite_nested (cj_nout (k INTEGER, r cj_nin),
     * cj_nin (x INTEGER, y VARCHAR(5))): its fields, written by class, a
     * null one as a null SQLData; read as INTEGER then, for cj_nout, the
     * nested cj_nin through readObject, for cj_nin a string.
     */
    public static final class Fields implements SQLData {
        String type; Object[] v;
        public Fields() {}
        Fields(String type, Object... v) { this.type = type; this.v = v; }
        public String getSQLTypeName() { return type; }
        public void readSQL(SQLInput in, String t) throws SQLException {
            type = t;
            int k = in.readInt();
            Object first = in.wasNull() ? null : k;
            v = new Object[] {first, "cj_nout".equals(t) ? in.readObject() : in.readString()};
        }
        public void writeSQL(SQLOutput out) throws SQLException {
            for (Object o : v) {
                if (o instanceof Integer) out.writeInt((Integer) o);
                else if (o instanceof SQLData || o == null) out.writeObject((SQLData) o);
                else out.writeString((String) o);
            }
        }
        @Override public String toString() { return type + Arrays.toString(v); }
    }

    /** The named ROW type cj_addr of composite_struct, as a JDBC SQLData class. */
    public static final class Addr implements SQLData {
        String street, note; int zip; boolean ok; BigDecimal amount; long big; java.sql.Date d; float f;
        public Addr() {}
        Addr(String street, int zip, boolean ok, BigDecimal amount, String note, long big, java.sql.Date d, float f) {
            this.street = street; this.zip = zip; this.ok = ok; this.amount = amount; this.note = note;
            this.big = big; this.d = d; this.f = f;
        }
        public String getSQLTypeName() { return "cj_addr"; }
        public void readSQL(SQLInput in, String type) throws SQLException {
            street = in.readString(); zip = in.readInt(); ok = in.readBoolean(); amount = in.readBigDecimal();
            // JDBC's SQLInput cannot read a BIGINT field: readLong and
            // readString fail with "Type requested … doesn't match row
            // type information", readObject with -79777 (FINDINGS §21), so
            // the class stops before it (Struct.getAttributes reads it).
            note = in.readString();
        }
        public void writeSQL(SQLOutput out) throws SQLException {
            out.writeString(street); out.writeInt(zip); out.writeBoolean(ok); out.writeBigDecimal(amount);
            out.writeString(note); out.writeLong(big); out.writeDate(d); out.writeFloat(f);
        }
        @Override public String toString() { return street + "|" + zip + "|" + ok + "|" + amount + "|" + note + "|" + big + "|" + d + "|" + f; }
    }

    static void checkRow(ResultSet rs, Object[] v, String row) throws SQLException {
        eq(v[0], rs.getShort(1), row + " SMALLINT");
        eq(v[1], rs.getInt(2), row + " INTEGER");
        eq(v[2], rs.getLong(3), row + " BIGINT");
        eq(v[3], rs.getLong(4), row + " INT8");
        eq(v[4], rs.getFloat(5), row + " SMALLFLOAT");
        eq(v[5], rs.getDouble(6), row + " FLOAT");
        eqDec((String) v[6], rs.getBigDecimal(7), row + " DECIMAL(12,4)");
        eqDec((String) v[7], rs.getBigDecimal(8), row + " MONEY(10,2)");
        eq(pad((String) v[8], 10), rs.getString(9), row + " CHAR(10)");
        eq(pad((String) v[9], 10), rs.getString(10), row + " NCHAR(10)");
        eq(v[10], rs.getString(11), row + " VARCHAR(40)");
        eq(v[11], rs.getString(12), row + " NVARCHAR(40)");
        eq(v[12], rs.getString(13), row + " LVARCHAR(600)");
        eq(v[13], rs.getBoolean(14), row + " BOOLEAN");
        eq(v[14], String.valueOf(rs.getDate(15)), row + " DATE");
        eq(Timestamp.valueOf((String) v[15]), rs.getTimestamp(16), row + " DATETIME YEAR TO FRACTION(5)");
        eq(Timestamp.valueOf((String) v[16]), rs.getTimestamp(17), row + " DATETIME YEAR TO SECOND");
        String ids = rs.getString(18);
        eq(v[17], ids == null ? null : ids.trim(), row + " INTERVAL DAY TO SECOND");
        String iym = rs.getString(19);
        eq(v[18], iym == null ? null : iym.trim(), row + " INTERVAL YEAR TO MONTH");
    }

    static void typesRoundtrip() throws Exception {
        String longText = "L".repeat(300) + "-end";
        Object[] typical = {(short) 123, 123456, 1234567890123L, -987654321012L, 1.5f, 3.141592653589793,
                "12345678.1234", "1234.56", "abc", "nch", "hello varchar", "nvarchar", "lvarchar text",
                true, "2026-05-04", "2026-05-04 12:34:56.78901", "2026-05-04 12:34:56", "5 01:02:03", "2-06"};
        Object[] extreme = {(short) -32767, -2147483647, -9223372036854775807L, 9223372036854775807L,
                -3.4028235E38f, -1.7976931348623157E308, "-99999999.9999", "-99999999.99", "", "z", "", "x",
                longText, false, "9999-12-31", "9999-12-31 23:59:59.99999", "1900-01-01 00:00:00",
                "-99 23:59:59", "-9999-11"};
        try (Connection c = connect()) {
            dropIfExists(c, "cj_types");
            exec(c, TYPES_DDL);
            String ins = "INSERT INTO cj_types (id, " + TYPES_COLS + ") VALUES (0" + ", ?".repeat(19) + ")";
            try (PreparedStatement ps = c.prepareStatement(ins)) {
                bindRow(ps, typical);
                eq(1, ps.executeUpdate(), "insert typical row");
                bindRow(ps, extreme);
                eq(1, ps.executeUpdate(), "insert extreme row");
                int[] t = {Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.BIGINT, Types.REAL, Types.DOUBLE,
                        Types.DECIMAL, Types.DECIMAL, Types.CHAR, Types.NCHAR, Types.VARCHAR, Types.NVARCHAR,
                        Types.LONGVARCHAR, Types.BOOLEAN, Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP,
                        Types.VARCHAR, Types.VARCHAR};
                for (int i = 0; i < t.length; i++) ps.setNull(i + 1, t[i]);
                eq(1, ps.executeUpdate(), "insert NULL row");
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + TYPES_COLS + ", id FROM cj_types ORDER BY id")) {
                check(rs.next(), "typical row present");
                checkRow(rs, typical, "typical");
                eq(1, rs.getInt(20), "typical SERIAL");
                check(rs.next(), "extreme row present");
                checkRow(rs, extreme, "extreme");
                eq(2, rs.getInt(20), "extreme SERIAL");
                check(rs.next(), "NULL row present");
                for (int i = 1; i <= 19; i++) {
                    Object o = rs.getObject(i);
                    if (o != null || !rs.wasNull())
                        throw new AssertionError("NULL row column " + i + " came back as <" + o + ">");
                }
                eq(3, rs.getInt(20), "NULL row SERIAL");
                check(!rs.next(), "exactly 3 rows");
            }
            // literal path (SQ_COMMAND) for the same values, read back through a parameterised SELECT
            exec(c, "INSERT INTO cj_types (id, c_dec, c_varchar, c_date, c_bool) VALUES (0, -0.0001, 'lit', '2026-05-04', 't')");
            try (PreparedStatement ps = c.prepareStatement("SELECT c_dec, c_varchar, c_date, c_bool FROM cj_types WHERE id = ?")) {
                ps.setInt(1, 4);
                try (ResultSet rs = ps.executeQuery()) {
                    check(rs.next(), "literal row");
                    eqDec("-0.0001", rs.getBigDecimal(1), "literal DECIMAL");
                    eq("lit", rs.getString(2), "literal VARCHAR");
                    eq("2026-05-04", String.valueOf(rs.getDate(3)), "literal DATE (DBDATE Y4MD-)");
                    eq(true, rs.getBoolean(4), "literal BOOLEAN 't'");
                }
            }
            dropIfExists(c, "cj_types");
        }
    }

    static void utf8Text() throws Exception {
        String text = "héllo wörld ✓ 日本語 €";
        try (Connection c = DriverManager.getConnection(url(database, ";CLIENT_LOCALE=en_US.utf8;DB_LOCALE=en_US.utf8"))) {
            dropIfExists(c, "cj_utf8");
            exec(c, "CREATE TABLE cj_utf8 (id INTEGER, c_nchar NCHAR(60), c_varchar VARCHAR(100), "
                    + "c_nvarchar NVARCHAR(100), c_lvarchar LVARCHAR(400))");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cj_utf8 VALUES (?, ?, ?, ?, ?)")) {
                ps.setInt(1, 1);
                for (int i = 2; i <= 5; i++) ps.setString(i, text);
                eq(1, ps.executeUpdate(), "insert multibyte row");
            }
            exec(c, "INSERT INTO cj_utf8 VALUES (2, '" + text + "', '" + text + "', '" + text + "', '" + text + "')");
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, c_nchar, c_varchar, c_nvarchar, c_lvarchar, "
                         + "LENGTH(c_varchar) FROM cj_utf8 ORDER BY id")) {
                for (int row = 1; row <= 2; row++) {
                    check(rs.next(), "row " + row);
                    eq(text, rs.getString(2).replaceAll(" +$", ""), "row " + row + " NCHAR");
                    eq(text, rs.getString(3), "row " + row + " VARCHAR");
                    eq(text, rs.getString(4), "row " + row + " NVARCHAR");
                    eq(text, rs.getString(5), "row " + row + " LVARCHAR");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cj_utf8 WHERE c_varchar = ?")) {
                ps.setString(1, text);
                try (ResultSet rs = ps.executeQuery()) {
                    check(rs.next(), "count row");
                    eq(2L, rs.getLong(1), "rows matching the multibyte parameter");
                }
            }
            dropIfExists(c, "cj_utf8");
        }
    }

    // ------------------------------------------------------------------ main
    static String opt(Map<String, String> a, String key, String env, String def) {
        if (a.containsKey(key)) return a.get(key);
        String e = System.getenv(env);
        return e != null && !e.isEmpty() ? e : def;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        host = opt(a, "host", "IFX_HOST", "127.0.0.1");
        port = Integer.parseInt(opt(a, "port", "IFX_PORT", "9088"));
        server = opt(a, "server", "IFX_SERVER", "informix");
        database = opt(a, "database", "IFX_DATABASE", "testdb");
        user = opt(a, "user", "IFX_USER", "informix");
        password = opt(a, "password", "IFX_PASSWORD", "in4mix");
        String only = opt(a, "only", "IFX_ONLY", "");
        int timeout = Integer.parseInt(opt(a, "timeout", "IFX_SCENARIO_TIMEOUT", "180"));
        DriverManager.setLoginTimeout(20);

        int passed = 0, failed = 0;
        for (Map.Entry<String, Scenario> s : SCENARIOS.entrySet()) {
            if (!only.isEmpty() && !s.getKey().contains(only)) continue;
            ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, s.getKey());
                t.setDaemon(true);
                return t;
            });
            String failure = null;
            try {
                ex.submit(() -> { s.getValue().run(); return null; }).get(timeout, TimeUnit.SECONDS);
            } catch (TimeoutException te) {
                failure = "timed out after " + timeout + " s";
            } catch (ExecutionException ee) {
                Throwable t = ee.getCause();
                if (t instanceof SQLException) {
                    SQLException se = (SQLException) t;
                    failure = "SQLException SQLCODE " + se.getErrorCode() + ": " + se.getMessage();
                } else {
                    failure = t.getClass().getSimpleName() + ": " + t.getMessage();
                }
            } finally {
                ex.shutdownNow();
            }
            if (failure == null) {
                passed++;
                System.out.println("PASS " + s.getKey());
            } else {
                failed++;
                System.out.println("FAIL " + s.getKey() + ": " + failure.replaceAll("[\\r\\n]+", " "));
            }
            System.out.flush();
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.out.flush();
        System.exit(failed == 0 ? 0 : 1);
    }
}
