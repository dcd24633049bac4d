package ifxtools;

import java.sql.*;
import java.util.*;
import java.util.concurrent.*;

/**
 * Java tools against ifxtest (or real Informix): IBM JDBC's DatabaseMetaData,
 * Flyway with flyway-database-informix, Liquibase and Hibernate ORM with its
 * community Informix dialect.
 *
 * Prints one line per scenario, "PASS name" or "FAIL name: reason", then
 * exactly "N passed, M failed". Exit status 0 iff M == 0. Scenarios of one
 * tool run in order and may depend on the earlier ones of the same tool.
 *
 * Options (or env): --host (IFX_HOST, 127.0.0.1) --port (IFX_PORT, 9088)
 * --server (IFX_SERVER, informix) --database (IFX_DATABASE, testdb)
 * --user (IFX_USER, informix) --password (IFX_PASSWORD, in4mix)
 * --only SUBSTRING (IFX_ONLY) --timeout SECONDS per scenario (180)
 */
public final class Suite {
    static String host, server, database, user, password;
    static int port;

    static String url() {
        return "jdbc:informix-sqli://" + host + ":" + port + "/" + database + ":INFORMIXSERVER=" + server
                + ";user=" + user + ";password=" + password;
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    static void check(boolean cond, String what) {
        if (!cond) throw new AssertionError(what);
    }

    static void eq(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual))
            throw new AssertionError(what + ": expected <" + expected + "> got <" + actual + ">");
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    /** Drops a table if it exists (-206: not found). */
    static void dropTable(Connection c, String table) throws SQLException {
        try {
            exec(c, "DROP TABLE " + table);
        } catch (SQLException e) {
            if (e.getErrorCode() != -206) throw e;
        }
    }

    static long scalarLong(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            check(rs.next(), "no row from: " + sql);
            return rs.getLong(1);
        }
    }

    /** Every row of a result set as maps of lower-case column label to trimmed string value. */
    static List<Map<String, String>> rows(ResultSet rs) throws SQLException {
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, String>> out = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String v = rs.getString(i);
                    m.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), v == null ? null : v.trim());
                }
                out.add(m);
            }
            return out;
        }
    }

    interface Scenario { void run() throws Exception; }

    static final LinkedHashMap<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable x = t; x != null && seen.add(x); x = x.getCause()) {
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(x.getClass().getSimpleName());
            if (x instanceof SQLException) sb.append(" SQLCODE ").append(((SQLException) x).getErrorCode());
            sb.append(": ").append(x.getMessage());
        }
        String s = sb.toString().replaceAll("[\\r\\n]+", " ");
        return s.length() > 1500 ? s.substring(0, 1500) + "…" : s;
    }

    static String opt(Map<String, String> a, String name, String env, String def) {
        if (a.containsKey(name)) return a.get(name);
        String v = System.getenv(env);
        return v == null || v.isEmpty() ? def : v;
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

        Meta.register();
        FlywayScenarios.register();
        LiquibaseScenarios.register();
        HibernateScenarios.register();

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
                failure = describe(ee.getCause());
                if (System.getenv("IFX_TRACE") != null) ee.getCause().printStackTrace();
            } finally {
                ex.shutdownNow();
            }
            if (failure == null) {
                passed++;
                System.out.println("PASS " + s.getKey());
            } else {
                failed++;
                System.out.println("FAIL " + s.getKey() + ": " + failure);
            }
            System.out.flush();
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.out.flush();
        System.exit(failed == 0 ? 0 : 1);
    }
}
