import java.sql.*;

/** Tiny JDBC probe used with fakeserver.py to capture wire bytes.
 *  usage: java -cp jdbc.jar:bson.jar:. JdbcProbe URL [steps...]
 *  steps: select1 | create | insert | close (default: select1 create)
 *  Prints each step's outcome including SQLCODE (getErrorCode) and SQLState. */
public class JdbcProbe {
    static void report(String what, SQLException e) {
        System.out.println("ERROR " + what + ": errorCode=" + e.getErrorCode()
                + " sqlState=" + e.getSQLState() + " class=" + e.getClass().getName()
                + " message=" + e.getMessage());
        SQLException n = e.getNextException();
        while (n != null) {
            System.out.println("  next: errorCode=" + n.getErrorCode() + " sqlState=" + n.getSQLState()
                    + " message=" + n.getMessage());
            n = n.getNextException();
        }
        if (e.getCause() != null) System.out.println("  cause: " + e.getCause());
    }

    static final String TYPES_DDL = "CREATE TABLE probe_types (c_smallint SMALLINT, c_int INTEGER, c_bigint BIGINT, "
            + "c_int8 INT8, c_serial SERIAL, c_smallfloat SMALLFLOAT, c_float FLOAT, c_dec DECIMAL(10,2), "
            + "c_money MONEY(8,2), c_char CHAR(10), c_nchar NCHAR(10), c_varchar VARCHAR(20), c_nvarchar NVARCHAR(20), "
            + "c_lvarchar LVARCHAR(100), c_bool BOOLEAN, c_date DATE, c_dt DATETIME YEAR TO FRACTION(5), "
            + "c_dts DATETIME YEAR TO SECOND, c_ids INTERVAL DAY TO SECOND, c_iym INTERVAL YEAR TO MONTH)";
    static final String TYPES_INSERT = "INSERT INTO probe_types VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    public static void main(String[] a) throws Exception {
        String url = a[0];
        Connection c;
        try {
            c = DriverManager.getConnection(url);
        } catch (SQLException e) {
            report("connect", e);
            return;
        }
        System.out.println("CONNECTED " + c.getMetaData().getDatabaseProductVersion()
                + " driver=" + c.getMetaData().getDriverVersion());
        String[] steps = a.length > 1 ? java.util.Arrays.copyOfRange(a, 1, a.length)
                : new String[]{"select1", "create"};
        for (String s : steps) {
            try {
                switch (s) {
                    case "select1": {
                        try (Statement st = c.createStatement();
                             ResultSet rs = st.executeQuery("SELECT 1 FROM systables WHERE tabid = 1")) {
                            while (rs.next()) System.out.println("ROW " + rs.getInt(1));
                        }
                        break;
                    }
                    case "create": {
                        try (Statement st = c.createStatement()) {
                            int n = st.executeUpdate("CREATE TABLE probe_t (id INTEGER, name VARCHAR(20))");
                            System.out.println("CREATE -> " + n);
                        }
                        break;
                    }
                    case "insert": {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO probe_t VALUES (?, ?)")) {
                            ps.setInt(1, 42);
                            ps.setString(2, "hello");
                            System.out.println("INSERT -> " + ps.executeUpdate());
                        }
                        break;
                    }
                    case "systables": {
                        try (Statement st = c.createStatement();
                             ResultSet rs = st.executeQuery("SELECT FIRST 5 tabname, tabid FROM systables ORDER BY tabid")) {
                            while (rs.next()) System.out.println("ROW " + rs.getString(1) + " " + rs.getInt(2));
                        }
                        break;
                    }
                    case "types": {
                        try (Statement st = c.createStatement()) {
                            st.executeUpdate(TYPES_DDL);
                        }
                        try (PreparedStatement ps = c.prepareStatement(TYPES_INSERT)) {
                            int i = 1;
                            ps.setShort(i++, (short) -12345);
                            ps.setInt(i++, -2147483647);
                            ps.setLong(i++, 9223372036854775807L);
                            ps.setLong(i++, -9223372036854775807L);
                            ps.setInt(i++, 0);
                            ps.setFloat(i++, 1.5f);
                            ps.setDouble(i++, -2.25);
                            ps.setBigDecimal(i++, new java.math.BigDecimal("-12345678.91"));
                            ps.setBigDecimal(i++, new java.math.BigDecimal("123456.78"));
                            ps.setString(i++, "abc");
                            ps.setString(i++, "nch");
                            ps.setString(i++, "varchar");
                            ps.setString(i++, "nvc");
                            ps.setString(i++, "lvarchar");
                            ps.setBoolean(i++, true);
                            ps.setDate(i++, java.sql.Date.valueOf("2026-05-04"));
                            ps.setTimestamp(i++, java.sql.Timestamp.valueOf("2026-05-04 12:34:56.78901"));
                            ps.setTimestamp(i++, java.sql.Timestamp.valueOf("2026-05-04 12:34:56"));
                            ps.setString(i++, "5 01:02:03");
                            ps.setString(i++, "2-06");
                            System.out.println("INSERT values -> " + ps.executeUpdate());
                            int[] types = {Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.BIGINT, Types.INTEGER,
                                    Types.REAL, Types.DOUBLE, Types.DECIMAL, Types.DECIMAL, Types.CHAR, Types.NCHAR,
                                    Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.BOOLEAN, Types.DATE,
                                    Types.TIMESTAMP, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR};
                            for (int k = 0; k < types.length; k++) {
                                if (k == 4) ps.setInt(k + 1, 0); else ps.setNull(k + 1, types[k]);
                            }
                            System.out.println("INSERT nulls -> " + ps.executeUpdate());
                        }
                        break;
                    }
                    case "batch": {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO probe_t VALUES (?, ?)")) {
                            for (int k = 1; k <= 3; k++) {
                                ps.setInt(1, k);
                                ps.setString(2, "row" + k);
                                ps.addBatch();
                            }
                            System.out.println("BATCH -> " + java.util.Arrays.toString(ps.executeBatch()));
                        }
                        break;
                    }
                    case "txn": {
                        c.setAutoCommit(false);
                        try (Statement st = c.createStatement()) {
                            st.executeUpdate("INSERT INTO probe_t VALUES (7, 'x')");
                        }
                        c.rollback();
                        try (Statement st = c.createStatement()) {
                            st.executeUpdate("INSERT INTO probe_t VALUES (8, 'y')");
                        }
                        c.commit();
                        c.setAutoCommit(true);
                        break;
                    }
                    case "scroll": {
                        try (Statement st = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
                             ResultSet rs = st.executeQuery("SELECT FIRST 5 tabname, tabid FROM systables ORDER BY tabid")) {
                            System.out.println("last=" + rs.last() + " row=" + rs.getRow());
                            System.out.println("absolute(2)=" + rs.absolute(2) + " " + rs.getString(1));
                            System.out.println("first=" + rs.first() + " " + rs.getString(1));
                        }
                        break;
                    }
                    case "cancel": {
                        Statement st = c.createStatement();
                        Thread t = new Thread(() -> {
                            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM probe_slow a, probe_slow b")) {
                                rs.next();
                                System.out.println("slow query finished: " + rs.getLong(1));
                            } catch (SQLException e) {
                                report("slow query", e);
                            }
                        });
                        t.start();
                        Thread.sleep(1500);
                        long t0 = System.nanoTime();
                        st.cancel();
                        System.out.println("cancel() returned after " + (System.nanoTime() - t0) / 1000000 + " ms");
                        t.join(40000);
                        try (Statement s2 = c.createStatement(); ResultSet rs = s2.executeQuery("SELECT 1 FROM systables WHERE tabid = 1")) {
                            rs.next();
                            System.out.println("after cancel: SELECT 1 -> " + rs.getInt(1));
                        }
                        break;
                    }
                    default:
                        System.out.println("unknown step " + s);
                }
                System.out.println("OK " + s);
            } catch (SQLException e) {
                report(s, e);
            }
        }
        try { c.close(); System.out.println("CLOSED"); } catch (SQLException e) { report("close", e); }
    }
}
