import java.sql.*;
import java.math.BigDecimal;
import java.util.*;

/** IFX_USEPUT probes. args: url step...  Steps:
 *  ddl                       create table put_t (i int, v varchar(20), d decimal(10,2))  [+ unique index when "ddlu"]
 *  batch:N                   INSERT INTO put_t VALUES (?,?,?), N rows: i=k, v="v"+k, d=k.25; every 3rd row NULLs in v and d
 *  batchint:N                INSERT INTO put_i VALUES (?) N rows of ints
 *  batchdup:N:K              like batch but row K (0-based) repeats i of row 0
 *  twice:N                   two executeBatch calls on the same PreparedStatement, N rows each
 *  upd:N                     executeUpdate N times in IFX_USEPUT mode (no batch)
 *  count                     SELECT COUNT(*) FROM put_t
 *  sel                       SELECT i, v, d FROM put_t ORDER BY i (prints first 5 / last)
 *  ac:0|1                    setAutoCommit
 *  commit | rollback
 *  sleep:MS
 */
public class PP {
    static void report(String what, Throwable t) {
        StringBuilder sb = new StringBuilder("EXC " + what + ": " + t.getClass().getName());
        if (t instanceof SQLException) {
            SQLException e = (SQLException) t;
            sb.append(" errorCode=").append(e.getErrorCode()).append(" sqlState=").append(e.getSQLState());
        }
        sb.append(" message=").append(t.getMessage());
        System.out.println(sb);
        if (t instanceof BatchUpdateException) {
            int[] uc = ((BatchUpdateException) t).getUpdateCounts();
            System.out.println("  updateCounts=" + (uc == null ? "null" : summarize(uc)));
        }
        if (t instanceof SQLException) {
            SQLException n = ((SQLException) t).getNextException();
            while (n != null) { System.out.println("  next: " + n.getErrorCode() + " " + n.getMessage()); n = n.getNextException(); }
        }
        Throwable cz = t.getCause();
        while (cz != null) { System.out.println("  cause: " + cz); StackTraceElement[] cs = cz.getStackTrace(); for (int i = 0; i < Math.min(12, cs.length); i++) System.out.println("    cat " + cs[i]); cz = cz.getCause(); }
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(12, st.length); i++) System.out.println("  at " + st[i]);
    }
    static String summarize(int[] a) {
        if (a.length <= 12) return Arrays.toString(a);
        StringBuilder sb = new StringBuilder("len=" + a.length + " [");
        // run-length
        int i = 0;
        while (i < a.length) { int j = i; while (j < a.length && a[j] == a[i]) j++; sb.append(a[i]).append("x").append(j - i).append(j < a.length ? "," : ""); i = j; }
        return sb.append("]").toString();
    }
    static void fill(PreparedStatement ps, int k, int ival) throws SQLException {
        ps.setInt(1, ival);
        if (k % 3 == 2) { ps.setNull(2, Types.VARCHAR); ps.setNull(3, Types.DECIMAL); }
        else { ps.setString(2, "v" + k); ps.setBigDecimal(3, new BigDecimal(k + ".25")); }
    }

    static int sqlType(String T) {
        switch (T) {
        case "int": return Types.INTEGER; case "char": case "ch5": case "ch1": case "ch100": case "ch40000": return Types.CHAR; case "dec": return Types.DECIMAL; case "date": return Types.DATE;
        case "vc": return Types.VARCHAR; case "big": return Types.BIGINT; case "flt": return Types.DOUBLE; case "sml": return Types.SMALLINT;
        case "dt": return Types.TIMESTAMP; case "lvc": return Types.VARCHAR; case "bool": return Types.BOOLEAN; case "money": return Types.DECIMAL;
        case "d82": case "d52": case "d164": case "d103": case "d16": case "m82": case "m164": case "d321": return Types.DECIMAL;
        case "int8": return Types.BIGINT; case "real": return Types.REAL; case "nvc": return Types.VARCHAR; case "ser": return Types.INTEGER;
        }
        return Types.OTHER;
    }
    static Object val(String T, int r) {
        switch (T) {
        case "int": return Integer.valueOf(r + 100); case "char": case "ch5": case "ch100": case "ch40000": return "c" + r; case "ch1": return "z"; case "dec": return new BigDecimal(r + ".5");
        case "date": return java.sql.Date.valueOf("2024-01-02"); case "vc": return "v" + r; case "big": return Long.valueOf(10000000000L + r);
        case "flt": return Double.valueOf(r + 0.5); case "sml": return Short.valueOf((short) r); case "dt": return Timestamp.valueOf("2024-01-02 03:04:05");
        case "lvc": return "l" + r; case "bool": return Boolean.valueOf(r % 2 == 0); case "money": return new BigDecimal(r + ".25");
        case "d82": case "d52": case "d164": case "d103": case "d16": case "m82": case "m164": case "d321": return new BigDecimal((r + 1) + ".5");
        case "int8": return Long.valueOf(20000000000L + r); case "real": return Float.valueOf(r + 0.25f); case "nvc": return "n" + r; case "ser": return Integer.valueOf(r+1);
        }
        return null;
    }

    public static void main(String[] a) throws Exception {
        Connection c = DriverManager.getConnection(a[0]);
        System.out.println("CONNECTED");
        for (int k = 1; k < a.length; k++) {
            String step = a[k];
            String[] p = step.split(":");
            System.out.println("STEP " + step);
            try {
                switch (p[0]) {
                case "ddl": case "ddlu": {
                    Statement st = c.createStatement();
                    st.executeUpdate("CREATE TABLE put_t (i INTEGER, v VARCHAR(20), d DECIMAL(10,2))");
                    st.executeUpdate("CREATE TABLE put_i (i INTEGER)");
                    if (p[0].equals("ddlu")) st.executeUpdate("CREATE UNIQUE INDEX put_t_u ON put_t (i)");
                    st.close(); System.out.println("DDL ok"); break; }
                case "batch": case "batchdup": {
                    int n = Integer.parseInt(p[1]);
                    int dup = p.length > 2 ? Integer.parseInt(p[2]) : -1;
                    PreparedStatement ps = c.prepareStatement("INSERT INTO put_t VALUES (?, ?, ?)");
                    for (int r = 0; r < n; r++) { fill(ps, r, r == dup ? 0 : r); ps.addBatch(); }
                    int[] res = ps.executeBatch();
                    System.out.println("BATCH " + summarize(res));
                    ps.close(); System.out.println("CLOSEDPS"); break; }
                case "batchint": {
                    int n = Integer.parseInt(p[1]);
                    PreparedStatement ps = c.prepareStatement("INSERT INTO put_i VALUES (?)");
                    for (int r = 0; r < n; r++) { ps.setInt(1, r); ps.addBatch(); }
                    int[] res = ps.executeBatch();
                    System.out.println("BATCH " + summarize(res));
                    ps.close(); System.out.println("CLOSEDPS"); break; }
                case "twice": {
                    int n = Integer.parseInt(p[1]);
                    PreparedStatement ps = c.prepareStatement("INSERT INTO put_t VALUES (?, ?, ?)");
                    for (int b = 0; b < 2; b++) {
                        for (int r = 0; r < n; r++) { fill(ps, r, b * 1000 + r); ps.addBatch(); }
                        int[] res = ps.executeBatch();
                        System.out.println("BATCH" + b + " " + summarize(res));
                    }
                    ps.close(); System.out.println("CLOSEDPS"); break; }
                case "typ": {
                    // typ:T:N  -> INSERT INTO put_T VALUES (?, ?); col1 int r (NULL on rows where r%5==4), col2 by T (NULL where r%3==2)
                    String T0 = p[1]; int n = Integer.parseInt(p[2]);
                    boolean vv = T0.endsWith("_v");
                    String T = vv ? T0.substring(0, T0.length() - 2) : T0;
                    PreparedStatement ps = c.prepareStatement("INSERT INTO put_" + T0 + " VALUES (?, ?" + (vv ? ", ?)" : ")"));
                    for (int r = 0; r < n; r++) {
                        if (r % 5 == 4) ps.setNull(1, Types.INTEGER); else ps.setInt(1, r);
                        if (r % 3 == 2) { ps.setNull(2, sqlType(T)); }
                        else ps.setObject(2, val(T, r));
                        if (vv) ps.setString(3, "x");
                        ps.addBatch();
                    }
                    int[] res = ps.executeBatch();
                    System.out.println("BATCH " + summarize(res));
                    ps.close(); System.out.println("CLOSEDPS"); break; }
                case "sql": {
                    // sql:N:<insert text with ? for int params>   all params setInt(r)
                    int n = Integer.parseInt(p[1]);
                    String q = step.substring(step.indexOf(':', 4) + 1);
                    PreparedStatement ps = c.prepareStatement(q);
                    int np = q.length() - q.replace("?", "").length();
                    for (int r = 0; r < n; r++) { for (int j = 1; j <= np; j++) ps.setInt(j, r * 10 + j); ps.addBatch(); }
                    int[] res = ps.executeBatch();
                    System.out.println("BATCH " + summarize(res));
                    ps.close(); System.out.println("CLOSEDPS"); break; }
                case "empty": {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO put_t VALUES (?, ?, ?)");
                    int[] res = ps.executeBatch();
                    System.out.println("BATCH " + summarize(res));
                    ps.close(); System.out.println("CLOSEDPS"); break; }
                case "str": {
                    // str:N:s  rows with v = given string (or "" when s absent)
                    int n = Integer.parseInt(p[1]);
                    String v = p.length > 2 ? p[2] : "";
                    PreparedStatement ps = c.prepareStatement("INSERT INTO put_t VALUES (?, ?, ?)");
                    for (int r = 0; r < n; r++) { ps.setInt(1, r); ps.setString(2, v); ps.setBigDecimal(3, new BigDecimal("-1.5")); ps.addBatch(); }
                    int[] res = ps.executeBatch();
                    System.out.println("BATCH " + summarize(res));
                    ps.close(); System.out.println("CLOSEDPS"); break; }
                case "upd": {
                    int n = Integer.parseInt(p[1]);
                    PreparedStatement ps = c.prepareStatement("INSERT INTO put_t VALUES (?, ?, ?)");
                    for (int r = 0; r < n; r++) { fill(ps, r, 5000 + r); System.out.println("UPDATED " + ps.executeUpdate()); }
                    ps.close(); System.out.println("CLOSEDPS"); break; }
                case "count": {
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM put_t");
                    rs.next(); System.out.println("COUNT " + rs.getInt(1)); rs.close(); st.close(); break; }
                case "sel": {
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT i, v, d FROM put_t ORDER BY i");
                    int n = 0; String last = "";
                    while (rs.next()) { n++; String row = rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3); if (n <= 5) System.out.println("ROW " + row); last = row; }
                    System.out.println("ROWS " + n + " last=" + last); rs.close(); st.close(); break; }
                case "ac": c.setAutoCommit(p[1].equals("1")); System.out.println("AC " + c.getAutoCommit()); break;
                case "commit": c.commit(); System.out.println("COMMITTED"); break;
                case "rollback": c.rollback(); System.out.println("ROLLEDBACK"); break;
                case "sleep": Thread.sleep(Long.parseLong(p[1])); break;
                default: System.out.println("unknown step " + step);
                }
            } catch (Throwable t) { report(step, t); }
        }
        c.close();
        System.out.println("CLOSED");
    }
}
