import java.sql.*;
import java.util.*;

/**
 * Black-box probe of IBM JDBC 15.0.0.1.1: what it sends in SQ_BIND for a
 * collection or row parameter. Each case prints "CASE n label" and binds one
 * value with setObject into one column; run.sh pairs the n-th SQ_BIND that
 * carries a type-44 value with the n-th case. Variation is one thing at a
 * time (element count, element type, collection kind, nesting).
 */
public class CompBind {
  static int n = 0;

  static void p(String s) { System.out.println(s); }

  interface Val { Object make(Connection c) throws Exception; }

  static void bind(Connection c, String label, String table, String col, Val v) {
    p("CASE " + (++n) + " " + label);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, " + col + ") VALUES (?, ?)")) {
      ps.setInt(1, n);
      ps.setObject(2, v.make(c));
      p("  OK " + ps.executeUpdate());
    } catch (Throwable e) {
      p("  ERR " + e + (e instanceof SQLException ? " code " + ((SQLException) e).getErrorCode() : ""));
    }
  }

  static Set<Object> set(Object... a) { return new LinkedHashSet<>(Arrays.asList(a)); }
  static List<Object> list(Object... a) { return new ArrayList<>(Arrays.asList(a)); }

  public static void main(String[] a) throws Exception {
    Connection c = DriverManager.getConnection(a[0]);
    String[] ddl = {
      "DROP TABLE IF EXISTS cb_t",
      "CREATE TABLE cb_t (id INTEGER, si SET(INTEGER NOT NULL), mi MULTISET(INTEGER NOT NULL), li LIST(INTEGER NOT NULL),"
        + " sb SET(BIGINT NOT NULL), sv SET(VARCHAR(10) NOT NULL), lv LIST(VARCHAR(10) NOT NULL),"
        + " ss SET(SMALLINT NOT NULL), sf SET(FLOAT NOT NULL), sc SET(CHAR(4) NOT NULL),"
        + " ln LIST(SET(INTEGER NOT NULL) NOT NULL), r ROW(a INTEGER, b VARCHAR(10)),"
        + " sd SET(DATE NOT NULL), sn SET(DECIMAL(10,2) NOT NULL), so SET(BOOLEAN NOT NULL), st SET(DATETIME YEAR TO SECOND NOT NULL))",
    };
    try (Statement st = c.createStatement()) { for (String s : ddl) st.executeUpdate(s); }
    bind(c, "SET(INTEGER) {}", "cb_t", "si", x -> set());
    bind(c, "SET(INTEGER) {1}", "cb_t", "si", x -> set(1));
    bind(c, "SET(INTEGER) {1,2}", "cb_t", "si", x -> set(1, 2));
    bind(c, "SET(INTEGER) {1,2,3}", "cb_t", "si", x -> set(1, 2, 3));
    bind(c, "SET(INTEGER) {7}", "cb_t", "si", x -> set(7));
    bind(c, "SET(INTEGER) {-1}", "cb_t", "si", x -> set(-1));
    bind(c, "MULTISET(INTEGER) {1,2}", "cb_t", "mi", x -> set(1, 2));
    bind(c, "LIST(INTEGER) [1,2] ArrayList", "cb_t", "li", x -> list(1, 2));
    bind(c, "LIST(INTEGER) [1,2] HashSet", "cb_t", "li", x -> set(1, 2));
    bind(c, "SET(INTEGER) [1,2] ArrayList", "cb_t", "si", x -> list(1, 2));
    bind(c, "SET(BIGINT) {1,2} Long", "cb_t", "sb", x -> set(1L, 2L));
    bind(c, "SET(SMALLINT) {1,2} Short", "cb_t", "ss", x -> set((short) 1, (short) 2));
    bind(c, "SET(FLOAT) {1.5} Double", "cb_t", "sf", x -> set(1.5d));
    bind(c, "SET(VARCHAR(10)) {'a'}", "cb_t", "sv", x -> set("a"));
    bind(c, "SET(VARCHAR(10)) {'a','bc'}", "cb_t", "sv", x -> set("a", "bc"));
    bind(c, "LIST(VARCHAR(10)) ['a','bc']", "cb_t", "lv", x -> list("a", "bc"));
    bind(c, "SET(CHAR(4)) {'ab'}", "cb_t", "sc", x -> set("ab"));
    bind(c, "LIST(SET(INTEGER)) [{1,2},{3}]", "cb_t", "ln", x -> list(set(1, 2), set(3)));
    bind(c, "SET(INTEGER) {Long 1}", "cb_t", "si", x -> set(1L));
    bind(c, "SET(INTEGER) {String '1'}", "cb_t", "si", x -> set("1"));
    bind(c, "ROW(a,b) Struct via createStruct", "cb_t", "r", x -> x.createStruct("row(a integer, b varchar(10))", new Object[] {1, "x"}));
    bind(c, "ROW(a,b) SQLData", "cb_t", "r", x -> new RowAB(1, "x"));
    bind(c, "SET(VARCHAR) {''}", "cb_t", "sv", x -> set(""));
    bind(c, "LIST(LVARCHAR) [300 x 'x']", "cb_t", "lv", x -> list(new String(new char[300]).replace('\0', 'x')));
    bind(c, "LIST(INTEGER) 300 elements", "cb_t", "li", x -> { List<Object> l = new ArrayList<>(); for (int i = 0; i < 300; i++) l.add(i); return l; });
    bind(c, "LIST(INTEGER) [1,null]", "cb_t", "li", x -> list(1, null));
    bind(c, "LIST(VARCHAR) ['a',null]", "cb_t", "lv", x -> list("a", null));
    bind(c, "SET(INTEGER) null", "cb_t", "si", x -> null);
    bind(c, "SET(DATE) {2026-05-04}", "cb_t", "sd", x -> set(java.sql.Date.valueOf("2026-05-04")));
    bind(c, "SET(DECIMAL) {12.5}", "cb_t", "sn", x -> set(new java.math.BigDecimal("12.5")));
    bind(c, "SET(BOOLEAN) {true}", "cb_t", "so", x -> set(Boolean.TRUE));
    bind(c, "SET(DATETIME) {2026-05-04 10:11:12}", "cb_t", "st", x -> set(Timestamp.valueOf("2026-05-04 10:11:12")));
    c.close();
  }

  /** A user ROW class for ROW(a INTEGER, b VARCHAR(10)). */
  public static class RowAB implements SQLData {
    int a; String b;
    public RowAB() {}
    RowAB(int a, String b) { this.a = a; this.b = b; }
    public String getSQLTypeName() { return "row(a integer, b varchar(10))"; }
    public void readSQL(SQLInput in, String t) throws SQLException { a = in.readInt(); b = in.readString(); }
    public void writeSQL(SQLOutput out) throws SQLException { out.writeInt(a); out.writeString(b); }
    public String toString() { return "RowAB(" + a + "," + b + ")"; }
  }
}
