import java.sql.*;
import java.util.*;
/**
 * Black-box probe of IBM JDBC 15.0.0.1.1 binding a named ROW type through
 * SQLData and a type map: JDBC looks the type up in sysxtdtypes, then its
 * fields in sysattrtypes, before it sends anything.
 */
public class RowProbe {
  public static class Rab implements SQLData {
    int a; String b; String tn = "rab";
    public Rab() {}
    Rab(int a, String b) { this.a = a; this.b = b; }
    public String getSQLTypeName() { return tn; }
    public void readSQL(SQLInput in, String t) throws SQLException { tn = t; a = in.readInt(); b = in.readString(); }
    public void writeSQL(SQLOutput out) throws SQLException { out.writeInt(a); out.writeString(b); }
    public String toString() { return "Rab(" + a + "," + b + ")"; }
  }
  public static void main(String[] x) throws Exception {
    Connection c = DriverManager.getConnection(x[0]);
    try (Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE IF EXISTS rp_t");
      try { st.executeUpdate("DROP ROW TYPE rab RESTRICT"); } catch (SQLException e) {}
      st.executeUpdate("CREATE ROW TYPE rab (a INTEGER, b VARCHAR(10))");
      st.executeUpdate("CREATE TABLE rp_t (id INTEGER, r rab)");
    }
    Map<String, Class<?>> m = new HashMap<>(c.getTypeMap()); m.put("rab", Rab.class); c.setTypeMap(m);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO rp_t VALUES (?, ?)")) {
      ps.setInt(1, 1); ps.setObject(2, new Rab(7, "xy")); System.out.println("OK " + ps.executeUpdate());
    } catch (Throwable e) { System.out.println("ERR " + e); }
    c.close();
  }
}
