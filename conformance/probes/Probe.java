import java.math.BigDecimal;
import java.sql.*;
import java.util.*;

/** JDBC side of the black-box probes (see run_probes.py).
 *  usage: java -cp jdbc.jar:bson.jar:build Probe URL step[:arg] ...
 *  Every outcome is printed as one line; exceptions with class, SQLCODE,
 *  SQLState, message, cause, chained exceptions and the top stack frames. */
public class Probe {
    static Connection c;

    static void report(String what, Throwable t) {
        StringBuilder sb = new StringBuilder("EXC " + what + ": " + t.getClass().getName());
        if (t instanceof SQLException) {
            SQLException e = (SQLException) t;
            sb.append(" errorCode=").append(e.getErrorCode()).append(" sqlState=").append(e.getSQLState());
        }
        sb.append(" message=").append(t.getMessage());
        System.out.println(sb);
        if (t.getCause() != null) System.out.println("  cause: " + t.getCause());
        if (t instanceof SQLException) {
            SQLException n = ((SQLException) t).getNextException();
            while (n != null) {
                System.out.println("  next: errorCode=" + n.getErrorCode() + " sqlState=" + n.getSQLState() + " message=" + n.getMessage());
                n = n.getNextException();
            }
        }
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(4, st.length); i++) System.out.println("  at " + st[i]);
    }

    static void pmeta(PreparedStatement ps) throws SQLException {
        ParameterMetaData pm = ps.getParameterMetaData();
        int n = pm.getParameterCount();
        System.out.println("PMETA count=" + n);
        for (int i = 1; i <= n; i++) {
            String s = "PMETA " + i;
            try { s += " type=" + pm.getParameterType(i); } catch (Throwable t) { s += " type=EXC(" + t + ")"; }
            try { s += " typeName=" + pm.getParameterTypeName(i); } catch (Throwable t) { s += " typeName=EXC(" + t + ")"; }
            try { s += " prec=" + pm.getPrecision(i); } catch (Throwable t) { s += " prec=EXC"; }
            try { s += " scale=" + pm.getScale(i); } catch (Throwable t) { s += " scale=EXC"; }
            try { s += " nullable=" + pm.isNullable(i); } catch (Throwable t) { s += " nullable=EXC"; }
            try { s += " class=" + pm.getParameterClassName(i); } catch (Throwable t) { s += " class=EXC"; }
            try { s += " mode=" + pm.getParameterMode(i); } catch (Throwable t) { s += " mode=EXC"; }
            System.out.println(s);
        }
    }

    static void rows(ResultSet rs) throws SQLException {
        int n = 0, nc = rs.getMetaData().getColumnCount();
        List<String> first = new ArrayList<>();
        while (rs.next()) {
            n++;
            if (n <= 3 || n % 1000 == 0) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= nc; i++) sb.append(i > 1 ? "," : "").append(rs.getString(i));
                first.add(sb.toString());
            }
        }
        System.out.println("ROWS " + n + " " + first);
    }

    static final String[] SETTERS = {"setInt", "setLong", "setString", "setBigDecimal", "setTimestamp",
            "setDate", "setBoolean", "setDouble", "setNull", "setNullVarchar", "setObjectNull"};

    static String strFor(String type) {
        switch (type) {
            case "integer": case "bigint": return "42";
            case "decimal": return "12.5";
            case "float": return "2.5";
            case "datetime": return "2026-05-04 12:34:56.78901";
            case "date": return "2026-05-04";
            case "boolean": return "true";
            default: return "hello";
        }
    }

    static int sqlTypeFor(String type) {
        switch (type) {
            case "integer": return Types.INTEGER;
            case "bigint": return Types.BIGINT;
            case "varchar": return Types.VARCHAR;
            case "decimal": return Types.DECIMAL;
            case "datetime": return Types.TIMESTAMP;
            case "date": return Types.DATE;
            case "boolean": return Types.BOOLEAN;
            case "float": return Types.DOUBLE;
            default: return Types.VARCHAR;
        }
    }

    static void set(PreparedStatement ps, int i, String setter, String type) throws SQLException {
        switch (setter) {
            case "setInt": ps.setInt(i, 42); break;
            case "setLong": ps.setLong(i, 42L); break;
            case "setString": ps.setString(i, strFor(type)); break;
            case "setBigDecimal": ps.setBigDecimal(i, new BigDecimal("12.50")); break;
            case "setTimestamp": ps.setTimestamp(i, Timestamp.valueOf("2026-05-04 12:34:56.78901")); break;
            case "setDate": ps.setDate(i, java.sql.Date.valueOf("2026-05-04")); break;
            case "setBoolean": ps.setBoolean(i, true); break;
            case "setDouble": ps.setDouble(i, 2.5); break;
            case "setNull": ps.setNull(i, sqlTypeFor(type)); break;
            case "setNullVarchar": ps.setNull(i, Types.VARCHAR); break;
            case "setObjectNull": ps.setObject(i, null); break;
        }
    }

    public static void main(String[] a) throws Exception {
        try {
            c = DriverManager.getConnection(a[0]);
        } catch (Throwable e) {
            report("connect", e);
            return;
        }
        System.out.println("CONNECTED");
        for (int k = 1; k < a.length; k++) {
            String s = a[k], arg = "";
            int p = s.indexOf(':');
            if (p >= 0) { arg = s.substring(p + 1); s = s.substring(0, p); }
            System.out.println("STEP " + a[k]);
            try {
                step(s, arg);
                System.out.println("OK " + s);
            } catch (Throwable e) {
                report(s, e);
            }
        }
        try { c.close(); System.out.println("CLOSED"); } catch (Throwable e) { report("close", e); }
    }

    static void step(String s, String arg) throws Exception {
        switch (s) {
            case "ins2": {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO probe_t VALUES (?, ?)")) {
                    System.out.println("PREPARED");
                    try { pmeta(ps); } catch (Throwable t) { report("pmeta", t); }
                    ps.setInt(1, 42);
                    ps.setString(2, "hello");
                    System.out.println("UPDATE COUNT " + ps.executeUpdate());
                }
                break;
            }
            case "prep": {  // prepare arg, print pmeta, no execute
                try (PreparedStatement ps = c.prepareStatement(arg)) {
                    System.out.println("PREPARED");
                    pmeta(ps);
                }
                break;
            }
            case "selparam": {
                try (PreparedStatement ps = c.prepareStatement("SELECT tabname FROM systables WHERE tabid = ?")) {
                    System.out.println("PREPARED");
                    try { pmeta(ps); } catch (Throwable t) { report("pmeta", t); }
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) { rows(rs); }
                }
                break;
            }
            case "upd": {
                try (PreparedStatement ps = c.prepareStatement("UPDATE probe_t SET name = ? WHERE id = ?")) {
                    System.out.println("PREPARED");
                    try { pmeta(ps); } catch (Throwable t) { report("pmeta", t); }
                    ps.setString(1, "hello");
                    ps.setInt(2, 42);
                    System.out.println("UPDATE COUNT " + ps.executeUpdate());
                }
                break;
            }
            case "del": {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM probe_t WHERE id = ?")) {
                    System.out.println("PREPARED");
                    try { pmeta(ps); } catch (Throwable t) { report("pmeta", t); }
                    ps.setInt(1, 42);
                    System.out.println("UPDATE COUNT " + ps.executeUpdate());
                }
                break;
            }
            case "matrix": {  // arg = column type keyword (server maps pm_<type>)
                for (String setter : SETTERS) {
                    String sql = "INSERT INTO pm_" + arg + "_" + setter + " VALUES (?)";
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        if (setter.equals("setInt")) pmeta(ps);
                        set(ps, 1, setter, arg);
                        System.out.println("MATRIX " + arg + " " + setter + " -> " + ps.executeUpdate());
                    } catch (Throwable t) {
                        report("MATRIX " + arg + " " + setter, t);
                    }
                }
                break;
            }
            case "select": {  // arg = SQL
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(arg)) {
                    rows(rs);
                    System.out.println("RS-DONE (closing)");
                }
                break;
            }
            case "selecttimed": {  // read all rows, sleep 1 s, rs.close(), sleep 1 s, st.close()
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(arg);
                rows(rs);
                Thread.sleep(1000);
                rs.close();
                System.out.println("rs closed");
                Thread.sleep(1000);
                st.close();
                System.out.println("st closed");
                break;
            }
            case "selectpstimed": {  // prepared: read all rows, sleep, rs.close(), sleep, re-execute, sleep, ps.close()
                PreparedStatement st = c.prepareStatement(arg);
                ResultSet rs = st.executeQuery();
                rows(rs);
                Thread.sleep(1000);
                rs.close();
                System.out.println("rs closed");
                Thread.sleep(1000);
                rs = st.executeQuery();
                rows(rs);
                rs.close();
                Thread.sleep(1000);
                st.close();
                System.out.println("ps closed");
                break;
            }
            case "selectps": {  // prepared SELECT without params
                try (PreparedStatement st = c.prepareStatement(arg); ResultSet rs = st.executeQuery()) {
                    rows(rs);
                }
                break;
            }
            case "update": {
                try (Statement st = c.createStatement()) {
                    System.out.println("UPDATE COUNT " + st.executeUpdate(arg));
                }
                break;
            }
            case "autocommit": c.setAutoCommit(Boolean.parseBoolean(arg)); System.out.println("autocommit=" + c.getAutoCommit()); break;
            case "commit": c.commit(); break;
            case "rollback": c.rollback(); break;
            case "sleep": Thread.sleep(Long.parseLong(arg)); break;
            case "serial": {  // arg = SQL (an INSERT)
                try (Statement st = c.createStatement()) {
                    System.out.println("UPDATE COUNT " + st.executeUpdate(arg));
                    serialInfo(st);
                }
                break;
            }
            case "serialgk": {  // executeUpdate(sql, RETURN_GENERATED_KEYS)
                try (Statement st = c.createStatement()) {
                    System.out.println("UPDATE COUNT " + st.executeUpdate(arg, Statement.RETURN_GENERATED_KEYS));
                    serialInfo(st);
                }
                break;
            }
            case "serialpsgk": {  // prepareStatement(sql, RETURN_GENERATED_KEYS), one VARCHAR parameter
                try (PreparedStatement ps = c.prepareStatement(arg, Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, "x");
                    System.out.println("UPDATE COUNT " + ps.executeUpdate());
                    serialInfo(ps);
                } catch (Throwable t) { report("serialpsgk", t); t.printStackTrace(System.out); }
                break;
            }
            case "serialps": {
                try (PreparedStatement ps = c.prepareStatement(arg)) {
                    ps.setString(1, "x");
                    System.out.println("UPDATE COUNT " + ps.executeUpdate());
                    serialInfo(ps);
                }
                break;
            }
            case "cancel": {
                Statement st = c.createStatement();
                Thread t = new Thread(() -> {
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM probe_slow")) {
                        rs.next();
                        System.out.println("slow query finished: " + rs.getLong(1));
                    } catch (Throwable e) {
                        report("slow query", e);
                    }
                });
                t.start();
                Thread.sleep(1500);
                long t0 = System.nanoTime();
                st.cancel();
                System.out.println("cancel() returned after " + (System.nanoTime() - t0) / 1000000 + " ms");
                t.join(40000);
                st.close();
                break;
            }
            case "timeout": {
                try (Statement st = c.createStatement()) {
                    st.setQueryTimeout(Integer.parseInt(arg));
                    long t0 = System.nanoTime();
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM probe_slow")) {
                        rs.next();
                    } finally {
                        System.out.println("timeout query ended after " + (System.nanoTime() - t0) / 1000000 + " ms");
                    }
                }
                break;
            }
            case "cancelidle": {
                try (Statement st = c.createStatement()) { st.cancel(); System.out.println("idle cancel returned"); }
                break;
            }
            default:
                System.out.println("unknown step " + s);
        }
    }

    static void serialInfo(Statement st) {
        try { System.out.println("getSerial=" + ((com.informix.jdbc.IfxStatement) st).getSerial()); } catch (Throwable t) { report("getSerial", t); }
        try { System.out.println("getSerial8=" + ((com.informix.jdbc.IfxStatement) st).getSerial8()); } catch (Throwable t) { report("getSerial8", t); }
        try { System.out.println("getBigSerial=" + ((com.informix.jdbc.IfxStatement) st).getBigSerial()); } catch (Throwable t) { report("getBigSerial", t); }
        try (ResultSet rs = st.getGeneratedKeys()) {
            ResultSetMetaData md = rs.getMetaData();
            StringBuilder sb = new StringBuilder("generatedKeys cols=" + md.getColumnCount());
            for (int i = 1; i <= md.getColumnCount(); i++) sb.append(" ").append(md.getColumnName(i)).append("/").append(md.getColumnTypeName(i));
            while (rs.next()) sb.append(" row=").append(rs.getString(1));
            System.out.println(sb);
        } catch (Throwable t) { report("getGeneratedKeys", t); }
    }
}
