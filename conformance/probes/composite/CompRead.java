import java.sql.*;
import java.util.*;

/**
 * Black-box probe of IBM JDBC 15.0.0.1.1 reading collection columns:
 * metadata, getObject, getArray and getString for each column of a row
 * inserted as SQL literals (so that what JDBC reads does not depend on its
 * own binds).
 */
public class CompRead {
  static void p(String s) { System.out.println(s); }

  static String show(Object o) {
    if (o == null) return "null";
    if (o instanceof Object[]) return o.getClass().getSimpleName() + Arrays.deepToString((Object[]) o);
    String s = o.getClass().getName() + " = " + o;
    if (o instanceof Collection) {
      StringBuilder b = new StringBuilder(s + " elems:");
      for (Object e : (Collection<?>) o) b.append(' ').append(e == null ? "null" : e.getClass().getSimpleName() + ":" + e);
      s = b.toString();
    }
    return s;
  }

  public static void main(String[] a) throws Exception {
    Connection c = DriverManager.getConnection(a[0]);
    String cols = a.length > 1 ? a[1] : "si SET(INTEGER NOT NULL), li LIST(INTEGER NOT NULL)";
    String vals = a.length > 2 ? a[2] : "SET{1,2}, LIST{3,1,3}";
    try (Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE IF EXISTS cr_t");
      st.executeUpdate("CREATE TABLE cr_t (id INTEGER, " + cols + ")");
      st.executeUpdate("INSERT INTO cr_t VALUES (1, " + vals + ")");
    }
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM cr_t")) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 2; i <= md.getColumnCount(); i++)
        p("col " + i + " type=" + md.getColumnType(i) + " name=" + md.getColumnTypeName(i) + " class=" + md.getColumnClassName(i));
      while (rs.next()) {
        for (int i = 2; i <= md.getColumnCount(); i++) {
          try { p("getObject " + i + ": " + show(rs.getObject(i))); } catch (Throwable e) { p("getObject " + i + " ERR " + e); if (System.getenv("TRACE") != null) { e.printStackTrace(System.out); if (e instanceof SQLException) { p("code " + ((SQLException) e).getErrorCode() + " next " + ((SQLException) e).getNextException() + " cause " + e.getCause()); if (e.getCause() != null) e.getCause().printStackTrace(System.out); } } }
          try { Array arr = rs.getArray(i); p("getArray " + i + ": " + show(arr.getArray()) + " base=" + arr.getBaseTypeName() + "/" + arr.getBaseType()); } catch (Throwable e) { p("getArray " + i + " ERR " + e); }
          try { p("getString " + i + ": " + rs.getString(i)); } catch (Throwable e) { p("getString " + i + " ERR " + e); }
        }
      }
    } catch (SQLException e) { p("ERR " + e.getErrorCode() + " " + e); e.printStackTrace(System.out); }
    c.close();
  }
}
