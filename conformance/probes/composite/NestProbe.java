import java.sql.*;
import java.util.*;
/**
 * Black-box probe of IBM JDBC 15.0.0.1.1 and nested composites: a
 * collection of collections (HashSets, or java.sql.Arrays JDBC returned),
 * a named ROW with a collection field (SQLOutput.writeObject/writeArray)
 * and a named ROW with a named ROW field (writeObject of an SQLData).
 * Each case prints "CASE n label" and OK or the exact error.
 */
public class NestProbe {
  public static class Gen implements SQLData {
    String tn; Object[] v;
    public Gen() {}
    Gen(String tn, Object... v) { this.tn = tn; this.v = v; }
    public String getSQLTypeName() { return tn; }
    public void readSQL(SQLInput in, String t) throws SQLException { tn = t; }
    public void writeSQL(SQLOutput out) throws SQLException {
      for (Object o : v) {
        if (o instanceof Integer) out.writeInt((Integer) o);
        else if (o instanceof String) out.writeString((String) o);
        else if (o instanceof java.sql.Array) out.writeArray((java.sql.Array) o);
        else if (o instanceof SQLData) out.writeObject((SQLData) o);
        else out.writeObject(o, JDBCType.OTHER);
      }
    }
  }
  static int n = 0;
  static void bind(Connection c, String label, String sql, Object v) {
    System.out.println("CASE " + (++n) + " " + label);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, n); ps.setObject(2, v);
      System.out.println("  OK " + ps.executeUpdate());
    } catch (Throwable e) {
      System.out.println("  ERR " + e + (e instanceof SQLException ? " code " + ((SQLException) e).getErrorCode() : ""));
    }
  }
  public static void main(String[] a) throws Exception {
    Connection c = DriverManager.getConnection(a[0]);
    java.sql.Array arr;
    try (Statement st = c.createStatement()) {
      for (String s : new String[] {"DROP TABLE IF EXISTS np_t", "DROP TABLE IF EXISTS np_r", "DROP TABLE IF EXISTS np_o"}) st.executeUpdate(s);
      for (String t : new String[] {"nouter", "nset", "nin"}) try { st.executeUpdate("DROP ROW TYPE " + t + " RESTRICT"); } catch (SQLException e) {}
      st.executeUpdate("CREATE TABLE np_t (id INTEGER, ln LIST(SET(INTEGER NOT NULL) NOT NULL), s SET(INTEGER NOT NULL))");
      st.executeUpdate("INSERT INTO np_t VALUES (0, NULL, SET{1,2})");
      try (ResultSet rs = st.executeQuery("SELECT s FROM np_t")) { rs.next(); arr = rs.getArray(1); }
      st.executeUpdate("CREATE ROW TYPE nset (a INTEGER, s SET(INTEGER NOT NULL))");
      st.executeUpdate("CREATE ROW TYPE nin (x INTEGER, y VARCHAR(5))");
      st.executeUpdate("CREATE ROW TYPE nouter (k INTEGER, r nin)");
      st.executeUpdate("CREATE TABLE np_r (id INTEGER, r nset)");
      st.executeUpdate("CREATE TABLE np_o (id INTEGER, r nouter)");
      st.executeUpdate("DROP TABLE IF EXISTS np_v");
      st.executeUpdate("CREATE TABLE np_v (id INTEGER, lv LIST(LIST(VARCHAR(10) NOT NULL) NOT NULL))");
    }
    Map<String, Class<?>> m = new HashMap<>(c.getTypeMap());
    m.put("nset", Gen.class); m.put("nin", Gen.class); m.put("nouter", Gen.class); c.setTypeMap(m);
    bind(c, "LIST(SET) of HashSets", "INSERT INTO np_t (id, ln) VALUES (?, ?)", new ArrayList<>(Arrays.asList(new HashSet<>(Arrays.asList(1, 2)))));
    bind(c, "LIST(SET) of java.sql.Array", "INSERT INTO np_t (id, ln) VALUES (?, ?)", new ArrayList<>(Arrays.asList(arr)));
    bind(c, "ROW with SET field: writeArray", "INSERT INTO np_r VALUES (?, ?)", new Gen("nset", 1, arr));
    bind(c, "ROW with SET field: writeObject(HashSet)", "INSERT INTO np_r VALUES (?, ?)", new Gen("nset", 1, new HashSet<>(Arrays.asList(3))));
    bind(c, "ROW with ROW field: writeObject(SQLData)", "INSERT INTO np_o VALUES (?, ?)", new Gen("nouter", 1, new Gen("nin", 2, "ab")));
    bind(c, "LIST(SET) of HashSets [{1,2,3},{4}]", "INSERT INTO np_t (id, ln) VALUES (?, ?)",
        new ArrayList<>(Arrays.asList(new HashSet<>(Arrays.asList(1, 2, 3)), new HashSet<>(Arrays.asList(4)))));
    bind(c, "ROW with ROW field (7, (300000, 'xyz'))", "INSERT INTO np_o VALUES (?, ?)", new Gen("nouter", 7, new Gen("nin", 300000, "xyz")));
    bind(c, "LIST(LIST(VARCHAR)) [[a,bc]]", "INSERT INTO np_v (id, lv) VALUES (?, ?)",
        new ArrayList<>(Arrays.asList(new ArrayList<>(Arrays.asList("a", "bc")))));
    try (Statement st = c.createStatement()) {
      for (String q : new String[] {"SELECT id, ln FROM np_t WHERE id > 0 ORDER BY id", "SELECT id, r FROM np_o ORDER BY id", "SELECT id, lv FROM np_v"}) {
        try (ResultSet rs = st.executeQuery(q)) {
          while (rs.next()) {
            Object o = rs.getObject(2, new HashMap<String, Class<?>>());
            System.out.println("READ " + rs.getInt(1) + " " + (o instanceof Struct ? Arrays.deepToString(((Struct) o).getAttributes()) : String.valueOf(o)));
          }
        } catch (Throwable e) { System.out.println("READ ERR " + e); }
      }
    }
    c.close();
  }
}
