import java.sql.*;
import java.io.*;
import java.util.*;

public class BB {
    static void report(String what, Throwable t) {
        StringBuilder sb = new StringBuilder("EXC " + what + ": " + t.getClass().getName());
        if (t instanceof SQLException) {
            SQLException e = (SQLException) t;
            sb.append(" errorCode=").append(e.getErrorCode()).append(" sqlState=").append(e.getSQLState());
        }
        sb.append(" message=").append(t.getMessage());
        System.out.println(sb);
        Throwable cz = t.getCause();
        while (cz != null) { System.out.println("  cause: " + cz); StackTraceElement[] cs = cz.getStackTrace(); for (int i = 0; i < Math.min(25, cs.length); i++) System.out.println("    cat " + cs[i]); cz = cz.getCause(); }
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(8, st.length); i++) System.out.println("  at " + st[i]);
    }
    static byte[] pat(int n) { byte[] b = new byte[n]; for (int i = 0; i < n; i++) b[i] = (byte)(i % 251); return b; }
    static String hex(byte[] b, int max) { StringBuilder sb = new StringBuilder(); for (int i = 0; i < Math.min(max, b.length); i++) sb.append(String.format("%02x", b[i])); return sb.toString(); }

    public static void main(String[] a) throws Exception {
        Connection c = DriverManager.getConnection(a[0]);
        System.out.println("CONNECTED");
        for (int k = 1; k < a.length; k++) {
            String step = a[k], arg = "";
            int ix = step.indexOf(':');
            if (ix >= 0) { arg = step.substring(ix + 1); step = step.substring(0, ix); }
            try {
                switch (step) {
                case "wbytes": {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO bb_t VALUES (?)");
                    ps.setBytes(1, pat(Integer.parseInt(arg)));
                    System.out.println("UPDATED " + ps.executeUpdate());
                    ps.close(); break; }
                case "wbytes2": {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO bb2_t VALUES (?, ?, ?)");
                    ps.setInt(1, 7); ps.setBytes(2, pat(3)); ps.setBytes(3, pat(Integer.parseInt(arg)));
                    System.out.println("UPDATED " + ps.executeUpdate());
                    ps.close(); break; }
                case "wnull": {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO bb_t VALUES (?)");
                    ps.setNull(1, Types.LONGVARBINARY);
                    System.out.println("UPDATED " + ps.executeUpdate());
                    ps.close(); break; }
                case "wobjnull": {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO bb_t VALUES (?)");
                    ps.setObject(1, null);
                    System.out.println("UPDATED " + ps.executeUpdate());
                    ps.close(); break; }
                case "wempty": {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO bb_t VALUES (?)");
                    ps.setBytes(1, new byte[0]);
                    System.out.println("UPDATED " + ps.executeUpdate());
                    ps.close(); break; }
                case "wstream": {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO bb_t VALUES (?)");
                    int n = Integer.parseInt(arg);
                    ps.setBinaryStream(1, new ByteArrayInputStream(pat(n)), n);
                    System.out.println("UPDATED " + ps.executeUpdate());
                    ps.close(); break; }
                case "wtext": {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO bbtext_t VALUES (?)");
                    StringBuilder sb = new StringBuilder(); for (int i = 0; i < Integer.parseInt(arg); i++) sb.append((char)('a' + i % 26));
                    ps.setString(1, sb.toString());
                    System.out.println("UPDATED " + ps.executeUpdate());
                    ps.close(); break; }
                case "wtextbytes": {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO bbtext_t VALUES (?)");
                    ps.setBytes(1, "hello".getBytes());
                    System.out.println("UPDATED " + ps.executeUpdate());
                    ps.close(); break; }
                case "wbatch": {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO bb_t VALUES (?)");
                    ps.setBytes(1, pat(3)); ps.addBatch();
                    ps.setBytes(1, pat(5)); ps.addBatch();
                    System.out.println("BATCH " + Arrays.toString(ps.executeBatch()));
                    ps.close(); break; }
                case "rbytes": case "rtext": case "rbytesnoget": {
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(arg.isEmpty() ? "SELECT b, i FROM bb_t" : arg);
                    ResultSetMetaData md = rs.getMetaData();
                    System.out.println("META type=" + md.getColumnType(1) + " name=" + md.getColumnTypeName(1) + " prec=" + md.getPrecision(1) + " disp=" + md.getColumnDisplaySize(1));
                    int n = 0;
                    while (rs.next()) {
                        n++;
                        if (step.equals("rbytesnoget")) { System.out.println("ROW " + n + " i=" + rs.getInt(2)); continue; }
                        if (step.equals("rtext")) {
                            String s = rs.getString(1);
                            System.out.println("ROW " + n + " text=" + (s == null ? "NULL" : ("len " + s.length() + " " + s.substring(0, Math.min(40, s.length())))) + " wasNull=" + rs.wasNull() + " i=" + rs.getInt(2));
                        } else {
                            byte[] b = rs.getBytes(1);
                            System.out.println("ROW " + n + " bytes=" + (b == null ? "NULL" : ("len " + b.length + " " + hex(b, 16))) + " wasNull=" + rs.wasNull() + " i=" + rs.getInt(2));
                        }
                    }
                    System.out.println("ROWS " + n);
                    rs.close(); st.close(); break; }
                case "rlen": {
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT b, i FROM bb_t");
                    while (rs.next()) {
                        try { Blob bl = rs.getBlob(1); System.out.println("BLOBLEN " + (bl == null ? "null" : String.valueOf(bl.length()))); } catch (Throwable t) { report("getBlob", t); }
                        try { Object o = rs.getObject(1); System.out.println("OBJ " + (o == null ? "null" : o.getClass().getName() + (o instanceof byte[] ? " len " + ((byte[])o).length : ""))); } catch (Throwable t) { report("getObject", t); }
                    }
                    rs.close(); st.close(); break; }
                case "wnullmix": {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO bb2_t VALUES (?, ?, ?)");
                    ps.setInt(1, 7); ps.setNull(2, Types.LONGVARBINARY); ps.setBytes(3, pat(3));
                    System.out.println("UPDATED " + ps.executeUpdate());
                    ps.close(); break; }
                case "hold": { PreparedStatement h = c.prepareStatement("INSERT INTO bb_t VALUES (?)"); System.out.println("HOLD"); break; }
                case "sleep": Thread.sleep(Long.parseLong(arg)); break;
                default: System.out.println("unknown step " + step);
                }
            } catch (Throwable t) { report(step, t); }
        }
        c.close();
        System.out.println("CLOSED");
    }
}
