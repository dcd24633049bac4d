// LobProbe drives IBM's JDBC driver (a black box) through the smart-LOB
// (BLOB/CLOB) operations against a server, one step at a time, printing
// what each step returned or threw; run it against ifxtestd -record to see
// what JDBC sends for each. Usage (see run.sh):
//   java -cp <jdbc jar> LobProbe.java <port> [step...]
import java.io.*;
import java.nio.file.*;
import java.sql.*;

public class LobProbe {
    static Connection conn;

    interface Step { void run() throws Exception; }

    static void step(String name, Step s) {
        System.out.println("== " + name);
        try {
            s.run();
        } catch (SQLException e) {
            System.out.println("   SQLException " + e.getErrorCode() + ": " + e.getMessage());
        } catch (Exception e) {
            System.out.println("   " + e);
        }
    }

    public static void main(String[] a) throws Exception {
        String url = "jdbc:informix-sqli://127.0.0.1:" + a[0] + "/testdb:INFORMIXSERVER=informix;user=informix;password=in4mix";
        conn = DriverManager.getConnection(url);
        java.util.Set<String> only = new java.util.HashSet<>(java.util.Arrays.asList(a).subList(1, a.length));
        Path in = Files.createTempFile("lobprobe", ".in");
        Files.write(in, "hello from a client file".getBytes("ISO-8859-1"));
        step("setup", () -> {
            try (Statement st = conn.createStatement()) {
                try { st.execute("DROP TABLE jl"); } catch (SQLException e) { }
                st.execute("CREATE TABLE jl (id INT, b BLOB, c CLOB)");
            }
        });
        if (only.isEmpty() || only.contains("filetoblob")) step("filetoblob", () -> {
            try (Statement st = conn.createStatement()) {
                int n = st.executeUpdate("INSERT INTO jl VALUES (1, filetoblob('" + in + "', 'client'), filetoclob('" + in + "', 'client'))");
                System.out.println("   inserted " + n);
            }
        });
        if (only.isEmpty() || only.contains("getBytes")) step("getBytes", () -> {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT id, b, c FROM jl")) {
                while (rs.next()) {
                    byte[] b = rs.getBytes(2);
                    System.out.println("   row " + rs.getInt(1) + " b=" + (b == null ? null : new String(b, "ISO-8859-1")));
                }
            }
        });
        if (only.isEmpty() || only.contains("getBlob")) step("getBlob", () -> {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT b FROM jl")) {
                while (rs.next()) {
                    Blob bl = rs.getBlob(1);
                    System.out.println("   length " + bl.length());
                    System.out.println("   bytes " + new String(bl.getBytes(1, (int) bl.length()), "ISO-8859-1"));
                }
            }
        });
        if (only.isEmpty() || only.contains("getBinaryStream")) step("getBinaryStream", () -> {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT b FROM jl")) {
                while (rs.next()) {
                    InputStream is = rs.getBinaryStream(1);
                    System.out.println("   stream " + new String(is.readAllBytes(), "ISO-8859-1"));
                }
            }
        });
        if (only.isEmpty() || only.contains("getClob")) step("getClob", () -> {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT c FROM jl")) {
                while (rs.next()) {
                    Clob c = rs.getClob(1);
                    System.out.println("   clob " + c.getSubString(1, (int) c.length()));
                    System.out.println("   getString " + rs.getString(1));
                }
            }
        });
        if (only.isEmpty() || only.contains("setBytes")) step("setBytes", () -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO jl VALUES (?, ?, ?)")) {
                ps.setInt(1, 2);
                ps.setBytes(2, "bytes bound".getBytes("ISO-8859-1"));
                ps.setString(3, "text bound");
                System.out.println("   inserted " + ps.executeUpdate());
            }
        });
        if (only.isEmpty() || only.contains("setBinaryStream")) step("setBinaryStream", () -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO jl VALUES (?, ?, ?)")) {
                ps.setInt(1, 3);
                byte[] data = new byte[70000];
                for (int i = 0; i < data.length; i++) data[i] = (byte) i;
                ps.setBinaryStream(2, new ByteArrayInputStream(data), data.length);
                ps.setCharacterStream(3, new StringReader("chars streamed"), 14);
                System.out.println("   inserted " + ps.executeUpdate());
            }
        });
        if (only.isEmpty() || only.contains("readback")) step("readback", () -> {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT id, b, c FROM jl ORDER BY id")) {
                while (rs.next()) {
                    byte[] b = rs.getBytes(2);
                    System.out.println("   row " + rs.getInt(1) + " b " + (b == null ? "null" : b.length + " bytes") + " c=" + rs.getString(3));
                }
            }
        });
        conn.close();
    }
}
