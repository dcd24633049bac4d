import java.sql.*;
import java.util.*;
/**
 * Black-box probe of IBM JDBC 15.0.0.1.1 binding nested values that are
 * NULL or empty: a named ROW whose named ROW field is null
 * (SQLOutput.writeObject of a null SQLData), and collections whose inner
 * collection is empty, and a NULL BOOLEAN field (rbn). Each case prints "CASE n label" and OK or the
 * exact error; extract_binds.py prints the bound bytes.
 */
public class NestNull {
  public static class Gen implements SQLData {
    String tn; Object[] v;
    public Gen() {}
    Gen(String tn, Object... v) { this.tn = tn; this.v = v; }
    public String getSQLTypeName() { return tn; }
    public void readSQL(SQLInput in, String t) { tn = t; }
    public void writeSQL(SQLOutput out) throws SQLException {
      for (Object o : v) {
        if (o instanceof Integer) out.writeInt((Integer) o);
        else if (o instanceof String) out.writeString((String) o);
        else if (o == null) out.writeObject((SQLData) null);
        else out.writeObject((SQLData) o);
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
    try (Statement st = c.createStatement()) {
      for (String s : new String[] {"DROP TABLE IF EXISTS nn_t", "DROP TABLE IF EXISTS nn_o"}) st.executeUpdate(s);
      for (String t : new String[] {"nnout", "nnin"}) try { st.executeUpdate("DROP ROW TYPE " + t + " RESTRICT"); } catch (SQLException e) {}
      st.executeUpdate("CREATE TABLE nn_t (id INTEGER, ln LIST(SET(INTEGER NOT NULL) NOT NULL))");
      st.executeUpdate("CREATE ROW TYPE nnin (x INTEGER, y VARCHAR(5))");
      st.executeUpdate("CREATE ROW TYPE nnout (k INTEGER, r nnin)");
      st.executeUpdate("CREATE TABLE nn_o (id INTEGER, r nnout)");
      st.executeUpdate("DROP TABLE IF EXISTS nn_b");
      try { st.executeUpdate("DROP ROW TYPE rbn RESTRICT"); } catch (SQLException e) {}
      st.executeUpdate("CREATE ROW TYPE rbn (b BOOLEAN, z INTEGER)");
      st.executeUpdate("CREATE TABLE nn_b (id INTEGER, r rbn)");
    }
    Map<String, Class<?>> m = new HashMap<>(c.getTypeMap());
    m.put("nnin", Gen.class); m.put("nnout", Gen.class); m.put("rbn", Gen.class); c.setTypeMap(m);
    bind(c, "LIST(SET) [{}]", "INSERT INTO nn_t VALUES (?, ?)", new ArrayList<>(Arrays.asList(new HashSet<Integer>())));
    bind(c, "LIST(SET) [{}, {5}]", "INSERT INTO nn_t VALUES (?, ?)", new ArrayList<>(Arrays.asList(new HashSet<Integer>(), new HashSet<>(Arrays.asList(5)))));
    bind(c, "LIST(SET) [{5}, {}]", "INSERT INTO nn_t VALUES (?, ?)", new ArrayList<>(Arrays.asList(new HashSet<>(Arrays.asList(5)), new HashSet<Integer>())));
    bind(c, "ROW with a null ROW field (5, null)", "INSERT INTO nn_o VALUES (?, ?)", new Gen("nnout", 5, null));
    bind(c, "ROW with a ROW of nulls (6, (null-free 1, 'a'))", "INSERT INTO nn_o VALUES (?, ?)", new Gen("nnout", 6, new Gen("nnin", 1, "a")));
    bind(c, "ROW with a NULL BOOLEAN field (null, 5)", "INSERT INTO nn_b VALUES (?, ?)", new Gen("rbn", null, 5));
    c.close();
  }
}
