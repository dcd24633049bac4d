import java.math.BigDecimal;
import java.sql.*;
import java.util.*;
/**
 * Black-box probe of IBM JDBC 15.0.0.1.1 binding named ROW types through
 * SQLData and a type map (JDBC looks the type up in sysxtdtypes, then its
 * fields in sysattrtypes, before it sends anything), and reading them back
 * through getObject (a java.sql.Struct). Each case binds one value into its
 * own table; extract_binds.py prints the n-th type-44 SQ_BIND for case n.
 */
public class RowProbe {
  /** A ROW value of any named type: its fields, written by their Java class. */
  public static class Gen implements SQLData {
    String tn; Object[] v;
    public Gen() {}
    Gen(String tn, Object... v) { this.tn = tn; this.v = v; }
    public String getSQLTypeName() { return tn; }
    public void readSQL(SQLInput in, String t) throws SQLException {
      tn = t;
      if (!t.equals("rall")) return;
      // readXxx per field, as an SQLData class reads it.
      StringBuilder b = new StringBuilder("  READSQL");
      try {
        b.append(' ').append(in.readString()); b.append(' ').append(in.readInt()); b.append(' ').append(in.readBoolean());
        b.append(' ').append(in.readBigDecimal()); b.append(' ').append(in.readString()); b.append(' ').append(in.readLong());
        b.append(' ').append(in.readDate()); b.append(' ').append(in.readFloat());
      } catch (SQLException e) { b.append(" ERR ").append(e.getMessage()); }
      System.out.println(b);
    }
    public void writeSQL(SQLOutput out) throws SQLException {
      for (Object o : v) {
        if (o instanceof Integer) out.writeInt((Integer) o);
        else if (o instanceof Short) out.writeShort((Short) o);
        else if (o instanceof Long) out.writeLong((Long) o);
        else if (o instanceof Double) out.writeDouble((Double) o);
        else if (o instanceof Float) out.writeFloat((Float) o);
        else if (o instanceof BigDecimal) out.writeBigDecimal((BigDecimal) o);
        else if (o instanceof Boolean) out.writeBoolean((Boolean) o);
        else if (o instanceof java.sql.Date) out.writeDate((java.sql.Date) o);
        else if (o instanceof Timestamp) out.writeTimestamp((Timestamp) o);
        else out.writeString((String) o);
      }
    }
  }
  static void report(Throwable e) {
    System.out.println("  ERR " + e + (e instanceof SQLException ? " code " + ((SQLException) e).getErrorCode() : ""));
    StackTraceElement[] st = e.getStackTrace();
    for (int i = 0; i < Math.min(6, st.length); i++) System.out.println("    at " + st[i]);
  }
  static int n = 0;
  static void one(Connection c, String name, String fields, Object... vals) throws Exception {
    System.out.println("CASE " + (++n) + " " + name + " (" + fields + ") " + Arrays.toString(vals));
    try (Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE IF EXISTS rp_" + name);
      try { st.executeUpdate("DROP ROW TYPE " + name + " RESTRICT"); } catch (SQLException e) {}
      st.executeUpdate("CREATE ROW TYPE " + name + " (" + fields + ")");
      st.executeUpdate("CREATE TABLE rp_" + name + " (id INTEGER, r " + name + ")");
    }
    Map<String, Class<?>> m = new HashMap<>(c.getTypeMap()); m.put(name, Gen.class); c.setTypeMap(m);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO rp_" + name + " VALUES (?, ?)")) {
      ps.setInt(1, n); ps.setObject(2, new Gen(name, vals)); System.out.println("  OK " + ps.executeUpdate());
    } catch (Throwable e) { report(e); }
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, r FROM rp_" + name)) {
      while (rs.next()) {
        Object o = rs.getObject(2, new HashMap<String, Class<?>>());
        if (o instanceof Struct) {
          Struct s = (Struct) o;
          StringBuilder b = new StringBuilder();
          for (Object a : s.getAttributes()) b.append(a == null ? "null" : a.getClass().getSimpleName() + ":" + a).append(' ');
          System.out.println("  STRUCT " + s.getSQLTypeName() + " " + b + " typemap:" + rs.getObject(2).getClass().getSimpleName());
        } else System.out.println("  READ " + (o == null ? "null" : o.getClass().getName() + " " + o));
      }
    } catch (Throwable e) { report(e); }
  }
  public static void main(String[] x) throws Exception {
    Connection c = DriverManager.getConnection(x[0]);
    one(c, "rab", "a INTEGER, b VARCHAR(10)", 7, "xy");
    one(c, "rfx", "a INTEGER, f FLOAT, s SMALLINT", 1, 2.5d, (short) 3);
    one(c, "rlv", "a LVARCHAR, b BOOLEAN, d DATE, i INT8", "hello", true, java.sql.Date.valueOf("2026-05-04"), 9L);
    one(c, "rnl", "a INTEGER, b VARCHAR(10)", 5, null);
    one(c, "rbg", "a BIGINT, m MONEY(8,2), d DECIMAL(10,3), sf SMALLFLOAT", 12345678901L, new BigDecimal("12.50"), new BigDecimal("-3.125"), 1.5f);
    one(c, "rch", "c CHAR(5), v VARCHAR(20), t DATETIME YEAR TO SECOND", "ab", "abcdefghij", Timestamp.valueOf("2026-05-04 10:11:12"));
    one(c, "r1l", "a LVARCHAR, z INTEGER", "hello", 1);
    one(c, "r1b", "b BOOLEAN, z INTEGER", true, 1);
    one(c, "r1d", "d DATE, z INTEGER", java.sql.Date.valueOf("2026-05-04"), 1);
    one(c, "r1i", "i INT8, z INTEGER", 9L, 1);
    one(c, "r1g", "a BIGINT, z INTEGER", 12345678901L, 1);
    one(c, "r1m", "m MONEY(8,2), z INTEGER", new BigDecimal("12.50"), 1);
    one(c, "r1e", "d DECIMAL(10,3), z INTEGER", new BigDecimal("-3.125"), 1);
    one(c, "r1f", "sf SMALLFLOAT, z INTEGER", 1.5f, 1);
    one(c, "rall", "street VARCHAR(20), zip INTEGER, ok BOOLEAN, amount DECIMAL(10,2), note LVARCHAR, big BIGINT, d DATE, f SMALLFLOAT",
        "Elm", -5, false, new BigDecimal("-0.50"), "it's", -(1L << 40), java.sql.Date.valueOf("2026-12-07"), -2.25f);
    try (Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE IF EXISTS rp_un");
      st.executeUpdate("CREATE TABLE rp_un (id INTEGER, u ROW(x INTEGER, y VARCHAR(5)))");
      st.executeUpdate("INSERT INTO rp_un VALUES (1, ROW(7, 'ab'))");
      try (ResultSet rs = st.executeQuery("SELECT id, u FROM rp_un")) {
        rs.next();
        Struct s = (Struct) rs.getObject(2);
        System.out.println("UNNAMED " + s.getSQLTypeName() + " " + Arrays.toString(s.getAttributes()));
      }
    } catch (Throwable e) { report(e); }
    c.close();
  }
}
