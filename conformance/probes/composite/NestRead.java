import java.sql.*;
import java.util.*;

/**
 * Black-box probe of IBM JDBC 15.0.0.1.1 reading nested composites from
 * ifxtestd: each column of a row inserted as SQL literals is read through
 * getObject (without and with a type map naming the ROW types given as
 * "name=fields=how" arguments, how saying how its SQLData reads each field) and getArray, and printed recursively
 * (collections, java.sql.Array, Struct attributes, SQLData fields).
 *   java NestRead URL "cols" "vals" [rowtype=fields ...]
 */
public class NestRead {
  static void p(String s) { System.out.println(s); }

  /** Reads every attribute with readObject, so that nested SQLData show. */
  public static class Gen implements SQLData {
    String tn; List<Object> v = new ArrayList<>();
    public Gen() {}
    public String getSQLTypeName() { return tn; }
    /** How to read each type's fields, by type name: i readInt, s readString, o readObject, a readArray. */
    static Map<String, String> how = new HashMap<>();
    public void readSQL(SQLInput in, String t) throws SQLException {
      tn = t;
      for (char k : how.getOrDefault(t, "").toCharArray()) {
        try {
          switch (k) {
            case 'i': v.add(in.readInt()); if (in.wasNull()) v.set(v.size() - 1, null); break;
            case 's': v.add(in.readString()); break;
            case 'a': v.add(in.readArray()); break;
            default: v.add(in.readObject());
          }
        } catch (SQLException e) { v.add("<" + k + " ERR " + e.getErrorCode() + " " + e.getMessage() + ">"); }
      }
    }
    public void writeSQL(SQLOutput out) {}
    @Override public String toString() { return "SQLData " + tn + show(v); }
  }

  static String show(Object o) {
    try {
      if (o == null) return "null";
      if (o instanceof Struct) {
        Struct s = (Struct) o;
        return "Struct " + s.getSQLTypeName() + show(Arrays.asList(s.getAttributes()));
      }
      if (o instanceof java.sql.Array) {
        java.sql.Array a = (java.sql.Array) o;
        return "Array(" + a.getBaseTypeName() + ")" + show(a.getArray());
      }
      if (o instanceof Object[]) return show(Arrays.asList((Object[]) o));
      if (o.getClass().isArray()) {
        StringBuilder b = new StringBuilder(o.getClass().getSimpleName() + "[");
        for (int i = 0; i < java.lang.reflect.Array.getLength(o); i++) b.append(i > 0 ? ", " : "").append(java.lang.reflect.Array.get(o, i));
        return b.append("]").toString();
      }
      if (o instanceof Collection) {
        StringBuilder b = new StringBuilder(o.getClass().getSimpleName() + "[");
        int i = 0;
        for (Object e : (Collection<?>) o) b.append(i++ > 0 ? ", " : "").append(show(e));
        return b.append("]").toString();
      }
      return o.getClass().getSimpleName() + ":" + o;
    } catch (Throwable e) { return "<ERR " + e + ">"; }
  }

  public static void main(String[] a) throws Exception {
    Connection c = DriverManager.getConnection(a[0]);
    Map<String, Class<?>> m = new HashMap<>(c.getTypeMap());
    try (Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE IF EXISTS nr_t");
      for (int i = a.length - 1; i >= 3; i--) try { st.executeUpdate("DROP ROW TYPE " + a[i].split("=")[0] + " RESTRICT"); } catch (SQLException e) {}
      for (int i = 3; i < a.length; i++) {
        String[] kv = a[i].split("=", 3);
        if (kv.length > 2) Gen.how.put(kv[0], kv[2]);
        st.executeUpdate("CREATE ROW TYPE " + kv[0] + " (" + kv[1] + ")");
        m.put(kv[0], Gen.class);
      }
      st.executeUpdate("CREATE TABLE nr_t (id INTEGER, " + a[1] + ", z INTEGER)");
      for (String v : a[2].split(";;")) st.executeUpdate("INSERT INTO nr_t VALUES (" + v + ", 99)");
    }
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM nr_t ORDER BY id")) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      for (int i = 2; i < n; i++)
        p("col " + i + " type=" + md.getColumnType(i) + " name=" + md.getColumnTypeName(i) + " class=" + md.getColumnClassName(i));
      while (rs.next()) {
        p("ROW id=" + rs.getInt(1) + " z=" + rs.getInt(n));
        for (int i = 2; i < n; i++) {
          try { p(" getObject " + i + ": " + show(rs.getObject(i, new HashMap<String, Class<?>>()))); } catch (Throwable e) { p(" getObject " + i + " ERR " + e); if (System.getenv("TRACE") != null) e.printStackTrace(System.out); }
          if (!m.isEmpty()) try { p(" typemap " + i + ": " + show(rs.getObject(i, m))); } catch (Throwable e) { p(" typemap " + i + " ERR " + e); if (System.getenv("TRACE") != null) e.printStackTrace(System.out); }
          try { p(" getArray " + i + ": " + show(rs.getArray(i))); } catch (Throwable e) { p(" getArray " + i + " ERR " + e); }
        }
      }
    } catch (SQLException e) { p("ERR " + e.getErrorCode() + " " + e); e.printStackTrace(System.out); }
    c.close();
  }
}
