import java.math.BigDecimal;
import java.sql.*;
import java.util.*;
/**
 * Black-box probe of IBM JDBC 15.0.0.1.1: what it binds for collections of
 * the element types CompBind does not cover (Float, BigDecimal, INTERVAL
 * values as JDBC itself returns them, Long into a BIGINT column). Each case
 * prints "CASE n label"; extract_binds.py prints the n-th type-44 SQ_BIND.
 */
public class ElemBind {
  static int n = 0;
  static void bind(Connection c, String label, String col, Object v) {
    System.out.println("CASE " + (++n) + " " + label);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO eb_t (id, " + col + ") VALUES (?, ?)")) {
      ps.setInt(1, n);
      ps.setObject(2, v);
      System.out.println("  OK " + ps.executeUpdate());
    } catch (Throwable e) {
      System.out.println("  ERR " + e + (e instanceof SQLException ? " code " + ((SQLException) e).getErrorCode() : ""));
    }
  }
  public static void main(String[] a) throws Exception {
    Connection c = DriverManager.getConnection(a[0]);
    Object idf, iym;
    try (Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE IF EXISTS eb_t");
      st.executeUpdate("CREATE TABLE eb_t (id INTEGER, sb SET(BIGINT NOT NULL), lf LIST(SMALLFLOAT NOT NULL),"
          + " ld LIST(DECIMAL(10,3) NOT NULL), lm LIST(MONEY(8,2) NOT NULL), li LIST(INTERVAL DAY TO SECOND NOT NULL),"
          + " ly LIST(INTERVAL YEAR TO MONTH NOT NULL), i1 INTERVAL DAY TO SECOND, i2 INTERVAL YEAR TO MONTH)");
      st.executeUpdate("INSERT INTO eb_t (id, i1, i2) VALUES (0, '1 02:03:04', '3-04')");
      try (ResultSet rs = st.executeQuery("SELECT i1, i2 FROM eb_t")) { rs.next(); idf = rs.getObject(1); iym = rs.getObject(2); }
      System.out.println("interval classes " + idf.getClass().getName() + " " + iym.getClass().getName());
    }
    bind(c, "LIST(SMALLFLOAT) [1.5f] Float", "lf", new ArrayList<>(Arrays.asList(1.5f)));
    bind(c, "SET(BIGINT) {1L} Long", "sb", new HashSet<>(Arrays.asList(1L)));
    bind(c, "LIST(DECIMAL) [-3.125] BigDecimal", "ld", new ArrayList<>(Arrays.asList(new BigDecimal("-3.125"))));
    bind(c, "LIST(INTERVAL DAY TO SECOND) [1 02:03:04]", "li", new ArrayList<>(Arrays.asList(idf)));
    bind(c, "LIST(INTERVAL YEAR TO MONTH) [3-04]", "ly", new ArrayList<>(Arrays.asList(iym)));
    bind(c, "LIST(MONEY) [12.50] BigDecimal", "lm", new ArrayList<>(Arrays.asList(new BigDecimal("12.50"))));
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, sb, lf, ld, lm, li, ly FROM eb_t WHERE id > 0 ORDER BY id")) {
      while (rs.next()) {
        StringBuilder b = new StringBuilder("READ " + rs.getInt(1));
        for (int i = 2; i <= 7; i++) b.append(' ').append(rs.getObject(i));
        System.out.println(b);
      }
    }
    c.close();
  }
}
